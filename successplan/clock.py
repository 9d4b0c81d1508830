"""The one clock: what day it is for the model, the app and the command line alike.

Everything that needs today (a completion date may not be in the future, a new outcome
is created today, the success vector is computed on today…) asks `today()` here, never
`date.today()`, so that one setting moves all of them together: `set_today()` in a test,
or the `SUCCESSPLAN_TODAY` environment variable (`YYYY-MM-DD`) for a whole process, such
as the command line run by a test or a demonstration on a chosen day.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from successplan.errors import ClockError

ENVIRONMENT_VARIABLE = "SUCCESSPLAN_TODAY"

_set_day: date | None = None


def today() -> date:
    """Today: the day set by `set_today`, else the one in $SUCCESSPLAN_TODAY, else the
    computer's."""
    return _chosen_day() or date.today()


def now() -> datetime:
    """This moment in UTC; on a chosen day, that day at the computer's time of day."""
    moment = datetime.now(UTC)
    day = _chosen_day()
    return moment if day is None else datetime.combine(day, moment.timetz())


def set_today(day: date | None) -> None:
    """Make `day` today for the whole process (None: back to the environment's or the
    computer's day)."""
    global _set_day
    _set_day = day


def _chosen_day() -> date | None:
    if _set_day is not None:
        return _set_day
    text = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ClockError(
            f"{ENVIRONMENT_VARIABLE} is {text!r}, which is not a day as YYYY-MM-DD: "
            "correct it or unset it."
        ) from None
