"""take_password_reset_attempt, which requestPasswordReset calls first."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from backend.accounts.throttling import take_password_reset_attempt


def outcome(identifier: str, address: str) -> str:
    try:
        take_password_reset_attempt(identifier=identifier, client_address=address)
    except ValidationError as error:
        (refusal,) = error.error_dict["__all__"]
        return str(refusal.code)
    return "allowed"


@override_settings(PASSWORD_RESET_MAX_PER_ACCOUNT=2, PASSWORD_RESET_MAX_PER_ADDRESS=100)
def test_requests_for_one_account_are_limited_from_any_address():
    # when one account's reset is requested three times, in two forms and from two addresses
    outcomes = [
        outcome("01712345678", "203.0.113.7"),
        outcome("+8801712345678", "192.0.2.9"),
        outcome("০১৭১২৩৪৫৬৭৮", "198.51.100.1"),
    ]
    # then the third is delayed; another account is not
    assert outcomes == ["allowed", "allowed", "login_attempt_delayed"]
    assert outcome("karim@example.com", "203.0.113.7") == "allowed"


@pytest.mark.parametrize("limit", [1, 3])
def test_requests_from_one_address_are_limited(limit):
    with override_settings(
        PASSWORD_RESET_MAX_PER_ACCOUNT=100, PASSWORD_RESET_MAX_PER_ADDRESS=limit
    ):
        # when one address asks for as many accounts as allowed, then one more
        allowed = [outcome(f"0171111111{index}", "203.0.113.7") for index in range(limit)]
        refused = outcome("01799999999", "203.0.113.7")
    # then the extra one is delayed
    assert (allowed, refused) == (["allowed"] * limit, "login_attempt_delayed")
