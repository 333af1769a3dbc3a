"""tokenCreate throttling through the API: aliases count one by one, addresses are the client's."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.factories import UserFactory

from .queries import TOKEN_CREATE

PASSWORD = "password-123"


@pytest.fixture
def karim(db):
    return UserFactory(phone="+8801712345678", email="karim@example.com")


def aliased_sign_ins(count: int, password: str) -> str:
    fields = "\n".join(
        f'a{index}: tokenCreate(email: "01712345678", password: "{password}") '
        "{ token errors { field code } }"
        for index in range(count)
    )
    return f"mutation {{ {fields} }}"


def sign_in_codes(api_client, identifier: str, password: str, **meta) -> list[tuple]:
    response = api_client.post(TOKEN_CREATE, {"email": identifier, "password": password}, **meta)
    result = response.json()["data"]["tokenCreate"]
    return [(error["field"], error["code"]) for error in result["errors"]]


@override_settings(SIGN_IN_MAX_FAILURES=5)
def test_aliases_in_one_request_count_one_by_one(api_client, karim):
    # when one request signs in twenty times under aliases with a wrong password
    data = api_client.execute(aliased_sign_ins(20, "wrong-guess"))
    # then five were checked and fifteen delayed, without a token
    codes = [data[f"a{index}"]["errors"][0]["code"] for index in range(20)]
    assert codes == ["INVALID_CREDENTIALS"] * 5 + ["LOGIN_ATTEMPT_DELAYED"] * 15
    assert {data[f"a{index}"]["token"] for index in range(20)} == {None}
    # and the next request, with the right password, is delayed too
    assert sign_in_codes(api_client, "01712345678", PASSWORD) == [(None, "LOGIN_ATTEMPT_DELAYED")]


@override_settings(SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=3)
def test_one_client_address_is_limited_across_accounts(api_client, karim):
    # given three failures for three accounts from one address
    for number in ("01811111111", "01822222222", "01833333333"):
        sign_in_codes(api_client, number, "wrong-guess", REMOTE_ADDR="203.0.113.7")
    # when that address, and another, sign Karim in with his password
    from_guesser = sign_in_codes(api_client, "01712345678", PASSWORD, REMOTE_ADDR="203.0.113.7")
    from_home = sign_in_codes(api_client, "01712345678", PASSWORD, REMOTE_ADDR="192.0.2.9")
    # then the guessing address is delayed, the other is not
    assert from_guesser == [(None, "LOGIN_ATTEMPT_DELAYED")]
    assert from_home == []


@override_settings(SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=2)
def test_a_forged_forwarded_for_does_not_give_a_fresh_address(api_client, karim):
    # given no trusted proxy, and failures each claiming another X-Forwarded-For
    for index in range(2):
        sign_in_codes(
            api_client, "01811111111", "wrong-guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{index}"
        )
    # when one more claims yet another
    codes = sign_in_codes(api_client, "01712345678", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")
    # then the connection's address is counted, and it is spent
    assert codes == [(None, "LOGIN_ATTEMPT_DELAYED")]


@override_settings(
    SIGN_IN_MAX_FAILURES=100, SIGN_IN_MAX_FAILURES_PER_ADDRESS=2, TRUSTED_PROXY_COUNT=1
)
def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(api_client, karim):
    # given a proxy in front of Haat, and two failures from one client behind it
    for _ in range(2):
        sign_in_codes(
            api_client,
            "01811111111",
            "wrong-guess",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    # when that client and another behind the same proxy sign Karim in
    same = sign_in_codes(
        api_client,
        "01712345678",
        PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    other = sign_in_codes(
        api_client,
        "01712345678",
        PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.9",
    )
    # then only the first client is delayed
    assert same == [(None, "LOGIN_ATTEMPT_DELAYED")]
    assert other == []
