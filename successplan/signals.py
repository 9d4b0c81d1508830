"""Signals of how a customer experiences getting to their outcome: dated NPS answers (0 to
10, with the comment), CSAT answers (1 to 5) and usage figures of named metrics. They are
signals of success, not success itself: health (`successplan.plan.health`) weighs them
beside the plan's own facts.

NPS is worked out the standard way: the share of promoters (9 and 10) minus the share of
detractors (0 to 6), as a whole percentage of the answers, from -100 to 100.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date

from successplan.enums import SignalKind
from successplan.errors import SuccessPlanError
from successplan.text import neutralise

COMMENT_MAX = 4000
# The range of each kind's answers (usage figures have no upper bound).
SCALES = {SignalKind.NPS: (0, 10), SignalKind.CSAT: (1, 5)}
PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6


class SignalError(SuccessPlanError):
    """A signal that cannot be recorded as given."""


@dataclass(frozen=True)
class Signal:
    """One dated answer or figure of a customer."""

    customer_id: str
    kind: SignalKind
    value: float
    answered_on: date
    metric: str = ""  # usage: what is measured
    comment: str = ""
    respondent: str = ""  # a name or an email
    source: str = ""  # where it came from: a file's name, "command line", "app"

    @property
    def id(self) -> str:
        """The same answer gets the same id wherever it comes from, so recording it again
        (a file imported twice) adds nothing."""
        key = "\x1f".join(
            (
                self.customer_id,
                self.kind.value,
                self.metric.casefold(),
                self.answered_on.isoformat(),
                self.respondent.casefold(),
                repr(float(self.value)),
                self.comment,
            )
        )
        return hashlib.sha256(key.encode()).hexdigest()[:20]


def new_signal(
    customer_id: str,
    kind: SignalKind,
    value: float,
    answered_on: date,
    *,
    metric: str = "",
    comment: str = "",
    respondent: str = "",
    source: str = "",
) -> Signal:
    """A signal checked against its kind's rules; SignalError says what is wrong."""
    if isinstance(value, bool) or not math.isfinite(value):
        raise SignalError(f"{value} is not a number")
    if kind in SCALES:
        low, high = SCALES[kind]
        if value != int(value) or not low <= value <= high:
            raise SignalError(
                f"{kind.value.upper()} answers are whole numbers from {low} to {high}"
            )
        metric = ""
    else:
        metric = _line(metric, "the metric")
        if not metric:
            raise SignalError("a usage figure needs the name of its metric (--metric)")
    comment = neutralise(comment).replace("\r\n", "\n").strip()
    if len(comment) > COMMENT_MAX:
        raise SignalError(
            f"the comment is {len(comment)} characters long; keep it under {COMMENT_MAX}"
        )
    return Signal(
        customer_id,
        kind,
        float(value),
        answered_on,
        metric,
        comment,
        _line(respondent, "the respondent"),
        _line(source, "the source"),
    )


def _line(text: str, what: str) -> str:
    text = " ".join(neutralise(text).split())
    if len(text) > 300:
        raise SignalError(f"{what} is {len(text)} characters long; keep it under 300")
    return text


def nps_band(score: float) -> str:
    """promoter, passive or detractor."""
    if score >= PROMOTER_FROM:
        return "promoter"
    return "detractor" if score <= DETRACTOR_UP_TO else "passive"


@dataclass(frozen=True)
class NetPromoterScore:
    """The NPS of some answers: its counts, and the score (None without answers)."""

    answers: int
    promoters: int
    detractors: int

    @property
    def passives(self) -> int:
        return self.answers - self.promoters - self.detractors

    @property
    def score(self) -> int | None:
        """Promoters minus detractors as a whole percentage of the answers (-100 to 100)."""
        if not self.answers:
            return None
        return round(100 * (self.promoters - self.detractors) / self.answers)


def net_promoter_score(answers: list[float]) -> NetPromoterScore:
    """The NPS of these answers (0 to 10)."""
    return NetPromoterScore(
        len(answers),
        sum(answer >= PROMOTER_FROM for answer in answers),
        sum(answer <= DETRACTOR_UP_TO for answer in answers),
    )
