"""Numbers as CSMs write them: `$250,000`, `250k`, `1.2M`, `€12 000`, `12,5 %`.

A measure's baseline and target are plain numbers in the model; these functions read
what a person types into one, and write one back so that it reads the same way.
"""

from __future__ import annotations

import math
import re

from successplan.errors import SuccessPlanError

# Currency signs a person may put before or after an amount; the unit says the currency.
_CURRENCY_SIGNS = "$€£¥₹₩₽₺₪¢"
# Separators of thousands besides the comma and the dot: spaces (plain, no-break, thin),
# the apostrophe of Swiss amounts and the underscore of programmers.
_GROUP_SEPARATORS = re.compile(r"[ \u00a0\u2009\u202f'’_]")
_MULTIPLIERS = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_AMOUNT = re.compile(
    r"^(?P<sign>[-+−]?)(?P<digits>[\d.,]*\d[\d.,]*)(?P<suffix>[a-z]*)(?P<percent>%?)$"
)
# 1,234 or 12,345,678: commas that group thousands.
_COMMA_GROUPS = re.compile(r"^\d{1,3}(,\d{3})+$")
# 1.234.567: dots that group thousands (one dot alone is a decimal point).
_DOT_GROUPS = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")

EXAMPLES = "250000, 250,000, $250k, 1.2M or €12 000"


class AmountError(SuccessPlanError):
    """What was typed cannot be read as a number."""


def _plain_digits(digits: str) -> str:
    """Digits with one `.` as the decimal point, whichever convention was used."""
    if "," in digits and "." in digits:
        # Both: the last one is the decimal point (1,234.5 or 1.234,5).
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return digits.replace(grouping, "").replace(decimal, ".")
    if "," in digits:
        if _COMMA_GROUPS.match(digits):
            return digits.replace(",", "")
        if digits.count(",") == 1:
            return digits.replace(",", ".")  # 12,5: a decimal comma
        raise ValueError(digits)
    if _DOT_GROUPS.match(digits):
        return digits.replace(".", "")
    return digits


def parse_amount(text: str) -> float | None:
    """The number in `text`, or None when it is empty; `AmountError` when it is not one."""
    typed = text.strip()
    if not typed:
        return None
    compact = _GROUP_SEPARATORS.sub("", typed).strip(_CURRENCY_SIGNS).lower()
    compact = compact.replace("−", "-").rstrip(_CURRENCY_SIGNS)
    if compact[:1] in "+-" and compact[1:2] in tuple(_CURRENCY_SIGNS):
        compact = compact[0] + compact[2:]
    found = _AMOUNT.match(compact)
    if found is None or found.group("suffix") not in _MULTIPLIERS:
        raise AmountError(f"{typed!r} is not a number; write it like {EXAMPLES}")
    try:
        value = float(_plain_digits(found.group("digits")))
    except ValueError:
        raise AmountError(f"{typed!r} is not a number; write it like {EXAMPLES}") from None
    value *= _MULTIPLIERS[found.group("suffix")]
    if found.group("sign") in ("-", "−"):
        value = -value
    if not math.isfinite(value):
        raise AmountError(f"{typed!r} is too large to be a number of the plan")
    return value


def format_amount(value: float) -> str:
    """A number as a person writes it: 250,000 · 1,200,000 · 12.5 (never 1.2e+06)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
