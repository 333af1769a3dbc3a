"""One-time tokens that prove a person received a message sent to the account's number or e-mail."""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator

from .models import User


class AccountConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Django's signed, expiring token, bound to the account's state.

    The hash covers `is_confirmed`, so a token stops working once the account is confirmed (one
    use); it also covers the password and both identifiers, so changing any of them voids tokens
    already sent. Tokens expire after `PASSWORD_RESET_TIMEOUT` (three days by default).
    """

    key_salt = "backend.accounts.tokens.AccountConfirmationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return (
            f"{user.pk}{user.password}{user.is_confirmed}{user.is_active}"
            f"{user.email or ''}{user.phone or ''}{timestamp}"
        )


account_confirmation_tokens = AccountConfirmationTokenGenerator()


class PasswordResetTokens(PasswordResetTokenGenerator):
    """Django's password reset token, bound to the password (so one use: it stops working once
    the password changes), the last sign-in and both identifiers. Expires after
    `PASSWORD_RESET_TIMEOUT`."""

    key_salt = "backend.accounts.tokens.PasswordResetTokens"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        login = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        return (
            f"{user.pk}{user.password}{login}{user.is_active}"
            f"{user.email or ''}{user.phone or ''}{timestamp}"
        )


password_reset_tokens = PasswordResetTokens()
