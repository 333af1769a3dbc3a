"""Bangla digits both ways, and slugs that keep Bangla words whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.core.text import slugify_unicode, to_ascii_digits, to_bangla_digits, unique_slug


def test_bangla_digits_become_ascii():
    # when Bangla digits are converted / then each becomes its ASCII digit, the rest stays
    assert to_ascii_digits("০১২৩৪৫৬৭৮৯ টাকা") == "0123456789 টাকা"


def test_ascii_digits_become_bangla():
    # when ASCII digits are converted / then each becomes its Bangla digit
    assert to_bangla_digits("৳ 1,250.50") == "৳ ১,২৫০.৫০"


@given(st.text(alphabet="0123456789abc ,."))
def test_digit_conversion_round_trips(text):
    # when ASCII text goes to Bangla digits and back / then it is unchanged
    assert to_ascii_digits(to_bangla_digits(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("হাট বাজার", "হাট-বাজার"),  # vowel signs kept (Django's slugify drops them)
        ("কম্পিউটার ও ইন্টারনেট", "কম্পিউটার-ও-ইন্টারনেট"),  # hasant kept
        ("Hello, World!", "hello-world"),
        ("  Fresh   Mango -- Rajshahi ", "fresh-mango-rajshahi"),
        ("চাল ৫ কেজি", "চাল-৫-কেজি"),
        ("snake_case name", "snake-case-name"),
        ("র\u200dয", "রয"),  # zero-width joiners only shape glyphs
    ],
)
def test_slugs_keep_bangla_letters_and_marks(text, expected):
    # when a name is slugified / then the slug keeps every letter, mark and digit
    assert slugify_unicode(text) == expected


def test_unique_slug_avoids_taken_slugs():
    # given slugs already taken
    taken = {"mango", "mango-2"}
    # when a slug is made for the same name / then the next free suffix is used
    assert unique_slug("Mango", taken=taken) == "mango-3"


def test_unique_slug_of_nothing_sluggable_is_item():
    # when a name has nothing to keep / then the slug is a placeholder
    assert unique_slug("!!! ---") == "item"


def test_unique_slug_with_suffix_stays_within_max_length():
    # given a long name whose slug is taken
    taken = {"a" * 10}
    # when a unique slug of at most 10 characters is made
    slug = unique_slug("a" * 30, taken=taken, max_length=10)
    # then the suffix fits within the limit
    assert slug == "aaaaaaaa-2"
