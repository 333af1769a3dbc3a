"""Throttles against guessing passwords and mass sign-ups (budgets in `backend.core.ratelimit`).

- Sign-in: failures count per account (its identifier, one spelling for every form of a number)
  and per client address; once either budget is spent, every attempt for it, even with the right
  password, is refused with LOGIN_ATTEMPT_DELAYED until the lockout ends, and each further lockout
  within a day lasts twice as long. A successful sign-in clears the account's failures and does
  not count against the address (a centre signs many customers in from one address).
- Registration: every call counts per client address.
- Password reset requests: per account and per address, ready for `requestPasswordReset`, which
  the API does not have yet: call `take_password_reset_attempt` first thing in its domain function.

Each call of a domain function counts, so aliases and batched operations in one HTTP request
count one by one. An unknown client address (no usable REMOTE_ADDR) is throttled per account only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from backend.core import ratelimit
from backend.core.errors import field_error
from backend.core.phone import looks_like_phone, normalize_phone

from .error_codes import AccountErrorCode


def sign_in_by_account() -> ratelimit.Budget:
    return ratelimit.Budget(
        scope="sign-in:account",
        max_attempts=settings.SIGN_IN_MAX_FAILURES,
        window_seconds=settings.SIGN_IN_FAILURE_WINDOW_SECONDS,
        lockout_seconds=settings.SIGN_IN_LOCKOUT_SECONDS,
        max_lockout_seconds=settings.SIGN_IN_MAX_LOCKOUT_SECONDS,
    )


def sign_in_by_address() -> ratelimit.Budget:
    return ratelimit.Budget(
        scope="sign-in:address",
        max_attempts=settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
        window_seconds=settings.SIGN_IN_FAILURE_WINDOW_SECONDS,
        lockout_seconds=settings.SIGN_IN_LOCKOUT_SECONDS,
        max_lockout_seconds=settings.SIGN_IN_MAX_LOCKOUT_SECONDS,
    )


def registration_by_address() -> ratelimit.Budget:
    return ratelimit.Budget(
        scope="register:address",
        max_attempts=settings.ACCOUNT_REGISTER_MAX_PER_ADDRESS,
        window_seconds=settings.ACCOUNT_REGISTER_WINDOW_SECONDS,
        lockout_seconds=settings.ACCOUNT_REGISTER_WINDOW_SECONDS,
        max_lockout_seconds=ratelimit.LOCKOUT_MEMORY_SECONDS,
    )


def password_reset_by_account() -> ratelimit.Budget:
    return ratelimit.Budget(
        scope="password-reset:account",
        max_attempts=settings.PASSWORD_RESET_MAX_PER_ACCOUNT,
        window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        lockout_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        max_lockout_seconds=ratelimit.LOCKOUT_MEMORY_SECONDS,
    )


def password_reset_by_address() -> ratelimit.Budget:
    return ratelimit.Budget(
        scope="password-reset:address",
        max_attempts=settings.PASSWORD_RESET_MAX_PER_ADDRESS,
        window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        lockout_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        max_lockout_seconds=ratelimit.LOCKOUT_MEMORY_SECONDS,
    )


def account_subject(identifier: str) -> str:
    """One spelling per account: E.164 for a mobile number in any accepted form, lower case for
    an e-mail address, so `01712…`, `+880 1712…` and Bangla digits share one budget."""
    value = (identifier or "").strip()
    if looks_like_phone(value):
        try:
            return normalize_phone(value)
        except ValidationError:
            pass
    return value.lower()


def _delayed(locked: ratelimit.LockedOut, what: str) -> ValidationError:
    until = locked.until.replace(microsecond=0).isoformat()
    return field_error(
        None,
        f"Too many {what}. Try again after {until} (in {locked.retry_after_seconds} seconds).",
        AccountErrorCode.LOGIN_ATTEMPT_DELAYED,
    )


def _take_all(
    budgets: list[tuple[ratelimit.Budget, str | None]], what: str
) -> list[ratelimit.Attempt]:
    """One attempt from each budget (a None subject is not throttled), or none at all: a refusal
    gives back what was already taken, since nothing was tried."""
    taken: list[ratelimit.Attempt] = []
    try:
        for budget, subject in budgets:
            if subject:
                taken.append(ratelimit.take_attempt(budget, subject))
    except ratelimit.LockedOut as locked:
        for attempt in taken:
            ratelimit.give_back_attempt(attempt)
        raise _delayed(locked, what) from locked
    return taken


@dataclass(frozen=True)
class SignInAttempt:
    account: ratelimit.Attempt | None
    address: ratelimit.Attempt | None


def take_sign_in_attempt(*, identifier: str, client_address: str | None) -> SignInAttempt:
    """Count a sign-in before the password is checked; LOGIN_ATTEMPT_DELAYED while the account or
    the address is locked out."""
    account = account_subject(identifier)
    budgets = [(sign_in_by_account(), account), (sign_in_by_address(), client_address)]
    taken = {attempt.budget.scope: attempt for attempt in _take_all(budgets, "failed sign-ins")}
    return SignInAttempt(account=taken.get("sign-in:account"), address=taken.get("sign-in:address"))


def record_sign_in_failure(attempt: SignInAttempt) -> None:
    """The attempt failed: it counts for both; the one that spends a budget starts a lockout."""
    for taken in (attempt.account, attempt.address):
        if taken is not None:
            ratelimit.keep_attempt(taken)


def record_sign_in_success(attempt: SignInAttempt, *, identifier: str) -> None:
    """The owner signed in: the account's failures and lockout history are forgotten, and the
    address gets its attempt back."""
    if attempt.account is not None:
        ratelimit.clear_attempts(sign_in_by_account(), account_subject(identifier))
    if attempt.address is not None:
        ratelimit.give_back_attempt(attempt.address)


def take_registration_attempt(*, client_address: str | None) -> None:
    """Count a registration from the address (every call counts, whatever its outcome);
    LOGIN_ATTEMPT_DELAYED once the address has used its budget."""
    for attempt in _take_all([(registration_by_address(), client_address)], "registrations"):
        ratelimit.keep_attempt(attempt)


def take_password_reset_attempt(*, identifier: str, client_address: str | None) -> None:
    """Count a password reset request for the account and from the address (every call counts,
    so nobody can flood a customer with messages); LOGIN_ATTEMPT_DELAYED once either budget is
    used. `request_password_reset` calls it first."""
    budgets = [
        (password_reset_by_account(), account_subject(identifier)),
        (password_reset_by_address(), client_address),
    ]
    for attempt in _take_all(budgets, "password reset requests"):
        ratelimit.keep_attempt(attempt)
