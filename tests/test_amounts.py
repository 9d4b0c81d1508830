"""Numbers as CSMs write them read as the numbers they mean, and are shown back alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from successplan.amounts import AmountError, format_amount, parse_amount


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("250000", 250_000),
        ("250,000", 250_000),
        ("$250,000", 250_000),
        ("250k", 250_000),
        ("250K", 250_000),
        ("$250k", 250_000),
        ("1.2M", 1_200_000),
        ("1.2 mn", 1_200_000),
        ("2bn", 2_000_000_000),
        ("€12 000", 12_000),
        ("12 000 €", 12_000),
        ("12\u202f000", 12_000),
        ("1'250'000", 1_250_000),
        ("1.234.567", 1_234_567),
        ("1.234,5", 1_234.5),
        ("1,234.5", 1_234.5),
        ("12,5", 12.5),
        ("12.5%", 12.5),
        ("-5", -5),
        ("-$5k", -5_000),
        ("0", 0),
    ],
)
def test_amounts_read_as_a_csm_writes_them(typed: str, value: float) -> None:
    assert parse_amount(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_amount_is_none(typed: str) -> None:
    assert parse_amount(typed) is None


@pytest.mark.parametrize(
    "typed", ["abc", "USD 250", "12 apples", "1,2,3", "1e999", "nan", "inf", "$", "k", "--5"]
)
def test_what_is_not_a_number_is_refused_with_examples(typed: str) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(typed)
    assert repr(typed.strip()) in str(refused.value)


def test_amounts_are_shown_without_exponents() -> None:
    assert format_amount(1_200_000) == "1,200,000"
    assert format_amount(12.5) == "12.5"
    assert format_amount(0.125) == "0.125"
    assert format_amount(-5_000) == "-5,000"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_a_shown_amount_reads_back_as_itself(value: int) -> None:
    assert parse_amount(format_amount(value)) == value
