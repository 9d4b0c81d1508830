"""A customer's health, explained: good, fair or poor and a score from 0 to 100, weighed
from named factors, each with the fact behind it.

A customer is healthy when they are on their way to their desired outcome with the
appropriate experience: outcome progress against time (the success vector of the active
outcomes), the experience kept (the cadence promised against the relationship log),
sentiment (recent NPS and CSAT answers, and the CSM's reading of the champion and sponsor),
engagement (days since the last interaction and since the plan was shared) and usage where
recorded. A factor without facts is left out, never counted as bad.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import mean
from typing import Any

from successplan.enums import (
    ContactRole,
    InteractionDirection,
    OutcomeStatus,
    Sentiment,
    SignalKind,
    SuccessVector,
)
from successplan.knowledge.cadence import cadence_days
from successplan.model import Customer
from successplan.plan.vectors import success_vector
from successplan.settings import read_settings_object
from successplan.signals import Signal, nps_band


class Band(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


class Factor(StrEnum):
    OUTCOME_PROGRESS = "outcome progress"
    EXPERIENCE = "experience"
    SENTIMENT = "sentiment"
    ENGAGEMENT = "engagement"
    USAGE = "usage"


DEFAULT_WEIGHTS = {
    Factor.OUTCOME_PROGRESS: 30,
    Factor.EXPERIENCE: 20,
    Factor.SENTIMENT: 20,
    Factor.ENGAGEMENT: 20,
    Factor.USAGE: 10,
}


@dataclass(frozen=True)
class HealthSettings:
    """The team's weights and thresholds, under "health" in the settings file, e.g.
    `{"health": {"weights": {"usage": 0}, "good_from": 75, "poor_below": 45}}`."""

    weights: dict[Factor, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    good_from: int = 70  # a score from this on is good
    poor_below: int = 40  # a score under this is poor
    signal_days: int = 180  # how far back NPS, CSAT and sentiment count

    @classmethod
    def load(cls) -> HealthSettings:
        """The settings file's, defaults for what it does not set (or sets badly)."""
        given = read_settings_object().get("health")
        if not isinstance(given, dict):
            return cls()
        weights = dict(DEFAULT_WEIGHTS)
        for name, weight in (given.get("weights") or {}).items():
            if name in Factor._value2member_map_ and _whole(weight, 0, 100):
                weights[Factor(name)] = weight
        chosen: dict[str, Any] = {}
        for name in ("good_from", "poor_below"):
            if _whole(given.get(name), 1, 100):
                chosen[name] = given[name]
        if _whole(given.get("signal_days"), 1, 3650):
            chosen["signal_days"] = given["signal_days"]
        settings = cls(weights=weights, **chosen)
        return settings if settings.poor_below <= settings.good_from else cls(weights=weights)


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@dataclass(frozen=True)
class FactorScore:
    """One factor: its value (0 to 100), its weight, and the fact behind it."""

    factor: Factor
    value: int
    weight: int
    evidence: str


@dataclass(frozen=True)
class Health:
    """A customer's health: no score and no band when no factor has facts."""

    score: int | None
    band: Band | None
    factors: list[FactorScore]

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band.value if self.band else None,
            "factors": [
                {
                    "factor": f.factor.value,
                    "value": f.value,
                    "weight": f.weight,
                    "evidence": f.evidence,
                }
                for f in self.factors
            ],
        }


_VECTOR_VALUES = {
    SuccessVector.ON_TRACK: 100,
    SuccessVector.ACHIEVED: 100,
    SuccessVector.AT_RISK: 50,
    SuccessVector.OFF_TRACK: 0,
}
_SENTIMENT_VALUES = {Sentiment.POSITIVE: 100, Sentiment.NEUTRAL: 60, Sentiment.NEGATIVE: 0}
_NPS_VALUES = {"promoter": 100, "passive": 60, "detractor": 0}


def customer_health(
    customer: Customer,
    signals: list[Signal],
    today: date,
    *,
    settings: HealthSettings | None = None,
    last_shared: date | None = None,
    coverage_cadence: str = "",
) -> Health:
    """The health of one plan on `today`, from its signals (any order) and when it was
    last shared; `coverage_cadence` is its segment's, for outcomes that name none."""
    settings = settings or HealthSettings()
    since = today - timedelta(days=settings.signal_days)
    found = [
        _progress(customer, today),
        _experience(customer, today, coverage_cadence),
        _sentiment(customer, [s for s in signals if s.answered_on >= since], since),
        _engagement(customer, today, last_shared),
        _usage(signals),
    ]
    factors = [
        FactorScore(factor, round(value), settings.weights[factor], evidence)
        for factor, value, evidence in (f for f in found if f is not None)
        if settings.weights[factor] > 0
    ]
    total = sum(f.weight for f in factors)
    if not total:
        return Health(None, None, factors)
    score = round(sum(f.value * f.weight for f in factors) / total)
    band = (
        Band.GOOD
        if score >= settings.good_from
        else Band.POOR
        if score < settings.poor_below
        else Band.FAIR
    )
    return Health(score, band, factors)


Found = tuple[Factor, float, str] | None


def _progress(customer: Customer, today: date) -> Found:
    vectors = [
        (outcome, success_vector(outcome, today))
        for outcome in customer.outcomes
        if outcome.status is OutcomeStatus.ACTIVE
    ]
    scored = [(o, v) for o, v in vectors if v in _VECTOR_VALUES]
    if not scored:
        return None
    on_track = sum(v in (SuccessVector.ON_TRACK, SuccessVector.ACHIEVED) for _, v in scored)
    worst = min(scored, key=lambda pair: _VECTOR_VALUES[pair[1]])
    evidence = f"{on_track} of {len(scored)} active outcomes on track"
    if _VECTOR_VALUES[worst[1]] < 100:
        evidence += f"; “{_short(worst[0].goal.objective)}” is {worst[1].value}"
    return Factor.OUTCOME_PROGRESS, mean(_VECTOR_VALUES[v] for _, v in scored), evidence


def _experience(customer: Customer, today: date, coverage_cadence: str) -> Found:
    active = [o for o in customer.outcomes if o.status is OutcomeStatus.ACTIVE]
    named = [o.experience.cadence for o in active if o.experience.cadence.strip()]
    if not named and coverage_cadence and active:
        named = [coverage_cadence]
    kept = [(days, text) for text in named if (days := cadence_days(text))]
    if not kept:
        return None
    days, text = min(kept)
    began = min(o.goal.time_frame.start or o.created_on if o.goal.time_frame else o.created_on
                for o in active)  # fmt: skip
    window_start = max(began, today - timedelta(days=3 * days))
    expected = max(1, (today - window_start).days // days)
    held = sum(
        1
        for i in customer.interactions
        if window_start <= i.occurred_on <= today
        and i.direction is not InteractionDirection.INBOUND_REACTIVE
    )
    value = 100 * min(held, expected) / expected
    evidence = (
        f"{min(held, expected)} of {expected} {text} interactions held since "
        f"{window_start.strftime('%B')} {window_start.day}"
    )
    return Factor.EXPERIENCE, value, evidence


def _sentiment(customer: Customer, signals: list[Signal], since: date) -> Found:
    parts: list[float] = []
    said: list[str] = []
    nps = sorted((s for s in signals if s.kind is SignalKind.NPS), key=lambda s: s.answered_on)
    if nps:
        parts.append(mean(_NPS_VALUES[nps_band(s.value)] for s in nps))
        last = nps[-1]
        said.append(
            f"{len(nps)} NPS answer{'s' if len(nps) != 1 else ''}, the last "
            f"{last.value:g} ({nps_band(last.value)}) on {last.answered_on.isoformat()}"
        )
    csat = [s.value for s in signals if s.kind is SignalKind.CSAT]
    if csat:
        parts.append(100 * (mean(csat) - 1) / 4)
        said.append(f"CSAT {mean(csat):.1f} of 5 from {len(csat)} answers")
    for contact in customer.contacts:
        if (
            contact.role in (ContactRole.CHAMPION, ContactRole.EXECUTIVE_SPONSOR)
            and contact.is_current
            and contact.sentiment is not None
            and (contact.sentiment_on is None or contact.sentiment_on >= since)
        ):
            parts.append(_SENTIMENT_VALUES[contact.sentiment])
            said.append(f"{contact.role.value} {contact.name} {contact.sentiment.value}")
    if not parts:
        return None
    return Factor.SENTIMENT, mean(parts), "; ".join(said)


def _days_value(days: int, full: int, none: int) -> float:
    """100 up to `full` days, 0 from `none` days, in a straight line between."""
    if days <= full:
        return 100.0
    if days >= none:
        return 0.0
    return 100 * (none - days) / (none - full)


def _engagement(customer: Customer, today: date, last_shared: date | None) -> Found:
    parts: list[float] = []
    said: list[str] = []
    last = max((i.occurred_on for i in customer.interactions), default=None)
    if last is not None:
        days = (today - last).days
        parts.append(_days_value(days, 14, 90))
        said.append(f"last interaction {_ago(days)}")
    if last_shared is not None:
        days = (today - last_shared).days
        parts.append(_days_value(days, 30, 120))
        said.append(f"plan last shared {_ago(days)}")
    if not parts:
        return None
    return Factor.ENGAGEMENT, mean(parts), "; ".join(said)


def _usage(signals: list[Signal]) -> Found:
    by_metric: dict[str, list[Signal]] = {}
    for signal in signals:
        if signal.kind is SignalKind.USAGE:
            by_metric.setdefault(signal.metric.casefold(), []).append(signal)
    trends: list[float] = []
    said: list[str] = []
    for figures in by_metric.values():
        if len(figures) < 2:
            continue
        figures.sort(key=lambda s: s.answered_on)
        first, last = figures[0], figures[-1]
        ratio = last.value / first.value if first.value else (1.0 if last.value else 0.0)
        trends.append(max(0.0, min(100.0, 200 * (ratio - 0.5))))
        way = "up" if last.value > first.value else "down" if last.value < first.value else "flat"
        said.append(
            f"{last.metric} {last.value:g}, {way} from {first.value:g} on "
            f"{first.answered_on.isoformat()}"
        )
    if not trends:
        return None
    return Factor.USAGE, mean(trends), "; ".join(said)


def _ago(days: int) -> str:
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def _short(text: str, limit: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
