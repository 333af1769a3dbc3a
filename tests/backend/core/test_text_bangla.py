"""Bangla numbers for people: Bangla digits, lakh/crore grouping, English left alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.core.text import (
    BANGLA_DIGITS,
    format_number,
    group_digits,
    is_bangla,
    localize_digits,
    to_ascii_digits,
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("bn", True), ("bn-BD", True), ("bn_BD", True), ("BN", True), ("en", False), ("", False)],
)
def test_is_bangla_accepts_regional_forms(language, expected):
    # when a language code is checked
    # then Bangla in any spelling is Bangla and nothing else is
    assert is_bangla(language) is expected


def test_is_bangla_of_no_language_is_false():
    # when no language is known
    # then it is not Bangla
    assert is_bangla(None) is False


def test_localize_digits_turns_digits_bangla_only_for_bangla():
    # given a text with ASCII digits
    text = "Order 1024, code 7390"
    # when it is localised for Bangla and for English
    bangla = localize_digits(text, "bn")
    english = localize_digits(text, "en")
    # then only the Bangla one changes, and only its digits
    assert bangla == "Order ১০২৪, code ৭৩৯০"
    assert english == text


@pytest.mark.parametrize(
    ("digits", "bangladeshi", "expected"),
    [
        ("1", True, "1"),
        ("999", True, "999"),
        ("1000", True, "1,000"),
        ("100000", True, "1,00,000"),
        ("1250000", True, "12,50,000"),
        ("123456789", True, "12,34,56,789"),
        ("1250000", False, "1,250,000"),
        ("123456789", False, "123,456,789"),
    ],
)
def test_group_digits_in_lakhs_or_thousands(digits, bangladeshi, expected):
    # when a run of digits is grouped
    # then commas fall where Bangladeshi (or international) readers expect them
    assert group_digits(digits, bangladeshi=bangladeshi) == expected


@pytest.mark.parametrize(
    ("value", "language", "places", "expected"),
    [
        (1250000, "bn", None, "১২,৫০,০০০"),
        (Decimal("1250.5"), "bn", 2, "১,২৫০.৫০"),
        (Decimal("2.345"), "bn", 2, "২.৩৫"),  # half up, as receipts do
        (Decimal("-1234567.5"), "bn", 2, "-১২,৩৪,৫৬৭.৫০"),
        ("১২৫০", "bn", None, "১,২৫০"),  # Bangla digits in, Bangla digits out
        (1250000, "en", None, "1,250,000"),
        (Decimal("1250.5"), "en", 2, "1,250.50"),
    ],
)
def test_format_number(value, language, places, expected):
    # when a number is formatted for a reader
    # then the digits, grouping and places are right
    assert format_number(value, language, places=places) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_number_in_bangla_has_only_bangla_digits_and_round_trips(value):
    # when any integer is formatted for Bangla readers
    text = format_number(value, "bn")
    # then no ASCII digit is left, and removing the commas gives the number back
    assert not any(char in "0123456789" for char in text)
    assert set(text) <= set(BANGLA_DIGITS) | {",", "-"}
    assert int(to_ascii_digits(text).replace(",", "")) == value
