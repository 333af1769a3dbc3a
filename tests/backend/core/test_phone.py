"""Bangladeshi mobile numbers in every form customers type them, and what is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from backend.core.phone import InvalidPhoneNumber, looks_like_phone, normalize_phone
from backend.core.text import to_bangla_digits

E164 = "+8801712345678"


@pytest.mark.parametrize(
    "raw",
    [
        "01712345678",
        "+8801712345678",
        "8801712345678",
        "008801712345678",
        "+880 1712 345678",
        "01712-345678",
        "017-1234-5678",
        "(017) 12345678",
        "+88 (017) 1234-5678",
        "+88 01712345678",
        "880-17-1234-5678",
        " 01712345678 ",
        "0171.234.5678",
        "0171\u00a02345678",  # a no-break space, as copied from a web page
        "0171\u20112345678",  # a non-breaking hyphen
        "০১৭১২৩৪৫৬৭৮",
        "+৮৮০১৭১২৩৪৫৬৭৮",
        "০১৭১২-৩৪৫৬৭৮",
        "01৭12345678",  # mixed Bangla and ASCII digits
    ],
)
def test_every_accepted_form_normalises_to_e164(raw):
    # when the number is normalised
    result = normalize_phone(raw)
    # then it is the one E.164 form
    assert result == E164


@pytest.mark.parametrize("prefix", ["013", "014", "015", "016", "017", "018", "019"])
def test_every_operator_prefix_is_valid(prefix):
    # given a number on each operator prefix 013-019
    raw = f"{prefix}12345678"
    # when it is normalised
    result = normalize_phone(raw)
    # then it keeps its digits behind +880
    assert result == f"+880{raw[1:]}"


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("01212345678", "013-019"),  # 012 is no mobile prefix
        ("01112345678", "013-019"),
        ("01012345678", "013-019"),
        ("02712345678", "013-019"),  # a Dhaka land line shape
        ("0171234567", "11 digits"),  # 10 digits
        ("017123456789", "11 digits"),  # 12 digits
        ("1712345678", "11 digits"),  # the leading 0 dropped
        ("+88017123456789", "11 digits"),
        ("+14155552671", "only +880"),
        ("+919876543210", "not a Bangladeshi mobile number"),
        ("00919876543210", "not a Bangladeshi mobile number"),
        ("919876543210", "11 digits"),
        ("0171234567a", "digits only"),
        ("O1712345678", "digits only"),  # a capital O for the zero
        ("phone", "digits only"),
        ("01712345678 ext 5", "digits only"),
        ("017१२345678", "digits only"),  # Devanagari digits are not Bangla ones
        ("+", "only +880"),
    ],
)
def test_invalid_numbers_are_refused_with_a_clear_message(raw, hint):
    # when a wrong number is normalised
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(raw)
    # then the error is `invalid`, names the number and says what is expected
    error = caught.value
    assert isinstance(error, ValidationError)
    assert error.code == "invalid"
    assert hint in error.messages[0]
    assert "01712345678" in error.messages[0]  # an example of the right form


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_a_missing_number_asks_for_one(raw):
    # when nothing is given
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(raw)
    # then the message asks for a number
    assert caught.value.messages[0].startswith("Enter a mobile number")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01712345678", True),
        ("০১৭১২৩৪৫৬৭৮", True),
        ("karim@example.com", False),
        ("karim2@example.com", False),
        ("karim", False),
    ],
)
def test_looks_like_phone_tells_numbers_from_emails(text, expected):
    # when an identifier is classified / then numbers and e-mails are told apart
    assert looks_like_phone(text) is expected


def _national_numbers():
    return st.builds(
        lambda prefix, rest: f"01{prefix}{rest}",
        st.sampled_from("3456789"),
        st.text(alphabet="0123456789", min_size=8, max_size=8),
    )


def _spaced(digits: str, separators: list[str]) -> str:
    return "".join(
        digit + (separators[index] if index < len(separators) else "")
        for index, digit in enumerate(digits)
    )


@given(
    national=_national_numbers(),
    prefix=st.sampled_from(["", "+88", "88", "0088", "+88 ", "88-"]),
    bangla=st.booleans(),
    separators=st.lists(st.sampled_from(["", "", "", " ", "-", "\u00a0"]), max_size=11),
    bracketed=st.booleans(),
)
def test_any_form_of_a_valid_number_normalises_to_the_same_e164(
    national, prefix, bangla, separators, bracketed
):
    # given a valid national number written in any accepted form
    body = _spaced(national, separators)
    if bracketed:
        body = f"({body[:3]}) {body[3:]}"
    raw = prefix + body
    if bangla:
        raw = to_bangla_digits(raw)
    # when it is normalised
    result = normalize_phone(raw)
    # then it is the E.164 form of the national number, whatever the form
    assert result == "+880" + national[1:]
    assert normalize_phone(result) == result
