"""Account writes: registration and its confirmation, sign-in with tokens, refresh, revocation.

Errors are Django ValidationErrors keyed by the domain field they concern (`email` is the
identifier, a mobile number or an e-mail address, as in Saleor's input), with AccountErrorCode
values, so the API can report them field by field.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.http.request import validate_host
from django.utils import timezone

from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.models import SiteSettings
from backend.core.phone import looks_like_phone, normalize_phone
from plugins.framework.manager import PluginsManager, get_plugins_manager

from . import jwt, throttling
from .backends import find_user_by_identifier
from .error_codes import AccountErrorCode
from .models import Role, User
from .notifications import send_account_confirmation, send_password_reset
from .tokens import account_confirmation_tokens, password_reset_tokens

# Django's password validator codes, as Saleor's AccountErrorCode reports them.
_PASSWORD_CODES = {
    "password_too_short": AccountErrorCode.PASSWORD_TOO_SHORT,
    "password_too_common": AccountErrorCode.PASSWORD_TOO_COMMON,
    "password_entirely_numeric": AccountErrorCode.PASSWORD_ENTIRELY_NUMERIC,
    "password_too_similar": AccountErrorCode.PASSWORD_TOO_SIMILAR,
}
_INVALID_CREDENTIALS = "Please enter a valid mobile number or e-mail address and password."
# Saleor's message for every refused confirmation: it does not say whether the account exists.
INVALID_CONFIRMATION_TOKEN = "Invalid or expired token."  # noqa: S105 (a message)


def new_token_key() -> str:
    """A fresh `jwt_token_key`: every token carrying the old one stops working."""
    return secrets.token_hex(6)


@dataclass(frozen=True)
class _Identity:
    phone: str | None
    email: str | None
    # Which input the phone number came from, to report a duplicate against it.
    phone_field: str


def _clean_identity(
    identifier_or_email: str, phone: str | None, errors: dict[str, list[ValidationError]]
) -> _Identity:
    identifier = (identifier_or_email or "").strip()
    phone = (phone or "").strip() or None
    email_value: str | None = None
    phone_value: str | None = None
    phone_field = "phone"
    if identifier and "@" in identifier:
        try:
            validate_email(identifier)
            email_value = identifier.lower()
        except ValidationError:
            errors.setdefault("email", []).append(
                ValidationError("Enter a valid e-mail address.", code=AccountErrorCode.INVALID)
            )
    elif identifier:
        try:
            phone_value = normalize_phone(identifier)
            phone_field = "email"
        except ValidationError as error:
            message = (
                error.messages[0]
                if looks_like_phone(identifier)
                else "Enter an e-mail address or a Bangladeshi mobile number (01XNNNNNNNN)."
            )
            errors.setdefault("email", []).append(
                ValidationError(message, code=AccountErrorCode.INVALID)
            )
    if phone:
        try:
            given = normalize_phone(phone)
        except ValidationError as error:
            errors.setdefault("phone", []).append(
                ValidationError(error.messages[0], code=AccountErrorCode.INVALID)
            )
        else:
            if phone_value and given != phone_value:
                errors.setdefault("phone", []).append(
                    ValidationError(
                        "Two different mobile numbers were given; give one.",
                        code=AccountErrorCode.INVALID,
                    )
                )
            elif not phone_value:
                phone_value, phone_field = given, "phone"
    if not identifier and not phone:
        errors.setdefault("email", []).append(
            ValidationError(
                "Give a mobile number or an e-mail address.", code=AccountErrorCode.REQUIRED
            )
        )
    return _Identity(phone=phone_value, email=email_value, phone_field=phone_field)


def _password_errors(password: str, user: User) -> list[ValidationError]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [
            ValidationError(
                item.messages[0],
                code=_PASSWORD_CODES.get(item.code or "", AccountErrorCode.INVALID_PASSWORD),
            )
            for item in error.error_list
        ]
    return []


def _duplicate_error(identity: _Identity) -> ValidationError:
    if identity.email and User.objects.filter(email=identity.email).exists():
        return field_error(
            "email", "A user with this e-mail address already exists.", AccountErrorCode.UNIQUE
        )
    field = identity.phone_field if identity.phone else "email"
    return field_error(
        field, "A user with this mobile number already exists.", AccountErrorCode.UNIQUE
    )


def _redirect_url_errors(redirect_url: str | None) -> list[ValidationError]:
    """Saleor's rule: the link in a confirmation message must lead to a known storefront, so
    nobody can make the shop send its customers a link to a site of their own."""
    if not redirect_url:
        return [ValidationError("This field is required.", code=AccountErrorCode.REQUIRED)]
    try:
        URLValidator(schemes=["http", "https"])(redirect_url)
    except ValidationError:
        return [ValidationError("Enter a valid URL.", code=AccountErrorCode.INVALID)]
    host = urlsplit(redirect_url).hostname or ""
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address, written as ALLOWED_CLIENT_HOSTS writes it
    if not validate_host(host, settings.ALLOWED_CLIENT_HOSTS):
        return [
            ValidationError(
                f"{host} is not allowed. Please check `ALLOWED_CLIENT_HOSTS` configuration.",
                code=AccountErrorCode.INVALID,
            )
        ]
    return []


@dataclass(frozen=True)
class Registration:
    """The outcome of a registration: the new user, or None when the shop confirms accounts and
    the number or e-mail address was taken (nothing was created or sent)."""

    user: User | None
    requires_confirmation: bool


def register_account(
    *,
    identifier_or_email: str,
    password: str,
    phone: str | None = None,
    first_name: str = "",
    last_name: str = "",
    language_code: str = "bn",
    redirect_url: str | None = None,
    channel_slug: str | None = None,
    manager: PluginsManager | None = None,
    client_address: str | None = None,
) -> Registration:
    """Create a customer known by a mobile number, an e-mail address, or both.

    `identifier_or_email` is Saleor's `email` input, which Haat also accepts a mobile number in.
    The new user joins the customer group. Uniqueness is left to the database constraints, so two
    concurrent registrations of one number give one user.

    When the shop confirms accounts, the user starts unconfirmed and ACCOUNT_CONFIRMATION is
    notified (an e-mail, or an SMS for a user without an address) with a link built on
    `redirect_url`, which is then required; the message is sent only if the user is committed.
    A number or e-mail address already taken then creates and sends nothing and is no error, as in
    Saleor 3.21, so the answer does not reveal who has an account. Without confirmation the
    new account can sign in at once, which would tell as much, so a taken one is a UNIQUE error.

    Every call counts against `client_address`'s registration budget (`throttling`).
    """
    throttling.take_registration_attempt(client_address=client_address)
    errors: dict[str, list[ValidationError]] = {}
    identity = _clean_identity(identifier_or_email, phone, errors)
    confirmation_required = SiteSettings.get_current().enable_account_confirmation_by_email
    if confirmation_required:
        url_errors = _redirect_url_errors((redirect_url or "").strip())
        if url_errors:
            errors.setdefault("redirect_url", []).extend(url_errors)
    user = User(
        phone=identity.phone,
        email=identity.email,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        language_code=language_code or "bn",
        is_confirmed=not confirmation_required,
        jwt_token_key=new_token_key(),
    )
    password_errors = _password_errors(password or "", user)
    if password_errors:
        errors.setdefault("password", []).extend(password_errors)
    if errors:
        raise ValidationError(errors)
    check_column_values(user, code=AccountErrorCode.INVALID)
    user.set_password(password)
    customers, _ = Group.objects.get_or_create(name=Role.CUSTOMER)
    try:
        with transaction.atomic():
            user.save()
            user.groups.add(customers)
            if confirmation_required:
                send_account_confirmation(
                    user=user,
                    redirect_url=(redirect_url or "").strip(),
                    channel_slug=channel_slug,
                    manager=manager or get_plugins_manager(),
                )
    except IntegrityError as error:
        user.pk = None
        if confirmation_required:
            return Registration(user=None, requires_confirmation=True)
        raise _duplicate_error(identity) from error
    return Registration(user=user, requires_confirmation=confirmation_required)


def confirm_account(*, identifier: str, token: str) -> User:
    """Confirm the account a confirmation token was sent for; the token then stops working.

    `identifier` is Saleor's `email` input (Haat also accepts a mobile number). An unknown or
    inactive account, and a forged, expired or used token, all give the same INVALID error on
    `token`, as in Saleor 3.21, so the answer does not reveal who has an account. The conditional
    UPDATE makes two concurrent confirmations with one token confirm once.
    """
    user = find_user_by_identifier(identifier or "")
    if user is None or not user.is_active:
        raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
    if not account_confirmation_tokens.check_token(user, token or ""):
        raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
    now = timezone.now()
    confirmed = User.objects.filter(pk=user.pk, is_confirmed=False).update(
        is_confirmed=True, updated_at=now
    )
    if not confirmed:
        raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
    user.is_confirmed, user.updated_at = True, now
    return user


def request_password_reset(
    *,
    identifier: str,
    redirect_url: str,
    channel_slug: str | None = None,
    manager: PluginsManager | None = None,
    client_address: str | None = None,
) -> None:
    """Send the account's owner a link that sets a new password (ACCOUNT_PASSWORD_RESET): by
    e-mail when the account has an address, otherwise by SMS to its number.

    `identifier` is Saleor's `email` input (Haat also accepts a mobile number). Every call counts
    against the account's and the address's budgets first (`throttling`: LOGIN_ATTEMPT_DELAYED).
    `redirect_url` must lead to a known storefront. An unknown or inactive account sends nothing
    and answers as a known one does, as in Saleor 3.21, so the answer does not reveal who has an
    account. The message is sent only if the request is committed.
    """
    throttling.take_password_reset_attempt(
        identifier=identifier or "", client_address=client_address
    )
    redirect_url = (redirect_url or "").strip()
    url_errors = _redirect_url_errors(redirect_url)
    if url_errors:
        raise ValidationError({"redirect_url": url_errors})
    user = find_user_by_identifier(identifier or "")
    if user is None or not user.is_active:
        return
    with transaction.atomic():
        now = timezone.now()
        User.objects.filter(pk=user.pk).update(last_password_reset_request=now)
        user.last_password_reset_request = now
        send_password_reset(
            user=user,
            redirect_url=redirect_url,
            channel_slug=channel_slug,
            manager=manager or get_plugins_manager(),
        )


def set_password(*, identifier: str, token: str, password: str) -> SignIn:
    """Set a new password with the token a reset message carried, sign the user out everywhere
    (a new `jwt_token_key`) and sign them in with fresh tokens.

    An unknown or inactive account and a forged, expired or used token all give the same INVALID
    error on `token` (the answer does not reveal who has an account); a weak password gives the
    password validators' errors on `password` and changes nothing (the token stays usable). The
    token is checked again under a row lock, so two concurrent uses of one token set one password.
    """
    user = find_user_by_identifier(identifier or "")
    if user is None or not user.is_active:
        raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
    if not password_reset_tokens.check_token(user, token or ""):
        raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
    password_errors = _password_errors(password or "", user)
    if password_errors:
        raise ValidationError({"password": password_errors})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not password_reset_tokens.check_token(user, token or ""):
            raise field_error("token", INVALID_CONFIRMATION_TOKEN, AccountErrorCode.INVALID)
        user.set_password(password)
        user.jwt_token_key = new_token_key()
        user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    csrf_token = jwt.create_csrf_token()
    return SignIn(
        user=user,
        access_token=jwt.create_access_token(user),
        refresh_token=jwt.create_refresh_token(user, csrf_token=csrf_token),
        csrf_token=csrf_token,
    )


def authenticate(*, identifier: str, password: str) -> User:
    """The user a mobile number (any accepted form) or e-mail and a password name.

    A wrong identifier and a wrong password give the same error, so sign-in does not reveal who
    has an account; only the rightful owner learns the account is inactive or unconfirmed.
    """
    user = find_user_by_identifier(identifier or "")
    if user is None:
        # Hash anyway: the time taken does not reveal which numbers have accounts.
        User().set_password(password)
        raise field_error("email", _INVALID_CREDENTIALS, AccountErrorCode.INVALID_CREDENTIALS)
    if not user.check_password(password or ""):
        raise field_error("email", _INVALID_CREDENTIALS, AccountErrorCode.INVALID_CREDENTIALS)
    if not user.is_active:
        raise field_error(
            "email", "Account needs to be active to sign in.", AccountErrorCode.INACTIVE
        )
    if not user.is_confirmed and not SiteSettings.get_current().allow_login_without_confirmation:
        raise field_error(
            "email", "Account needs to be confirmed first.", AccountErrorCode.ACCOUNT_NOT_CONFIRMED
        )
    return user


@dataclass(frozen=True)
class SignIn:
    user: User
    access_token: str
    refresh_token: str
    csrf_token: str


def sign_in(
    *,
    identifier: str,
    password: str,
    audience: str | None = None,
    client_address: str | None = None,
) -> SignIn:
    """Check the credentials and issue an access/refresh token pair; records `last_login`.

    Throttled per account and per `client_address` (`throttling`): every call counts, so does
    each alias of one request; LOGIN_ATTEMPT_DELAYED during a lockout, right password or not.
    """
    attempt = throttling.take_sign_in_attempt(identifier=identifier, client_address=client_address)
    try:
        user = authenticate(identifier=identifier, password=password)
    except ValidationError:
        throttling.record_sign_in_failure(attempt)
        raise
    throttling.record_sign_in_success(attempt, identifier=identifier)
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=now)
    user.last_login = now
    csrf_token = jwt.create_csrf_token()
    return SignIn(
        user=user,
        access_token=jwt.create_access_token(user, audience=audience),
        refresh_token=jwt.create_refresh_token(user, csrf_token=csrf_token, audience=audience),
        csrf_token=csrf_token,
    )


def _token_error_on(field: str, error: ValidationError) -> ValidationError:
    """A token error from `jwt` (one message, one code) re-keyed by the input that carried it."""
    return field_error(field, error.messages[0], error.code or AccountErrorCode.INVALID)


def refresh_access_token(*, refresh_token: str | None, csrf_token: str | None = None) -> SignIn:
    """A new access token for a valid refresh token (the refresh token itself is kept).

    A refresh token issued with a CSRF token refreshes only if a given `csrf_token` matches it.
    """
    try:
        payload = jwt.decode_token(refresh_token or "")
        user = jwt.get_user_from_payload(payload, jwt.REFRESH)
    except ValidationError as error:
        raise _token_error_on("refresh_token", error) from error
    expected_csrf = payload.get("csrf_token")
    if (
        csrf_token is not None
        and expected_csrf
        and not secrets.compare_digest(str(csrf_token), str(expected_csrf))
    ):
        raise field_error(
            "csrf_token", "Invalid CSRF token.", AccountErrorCode.JWT_INVALID_CSRF_TOKEN
        )
    audience = str(payload.get("aud", "")).removeprefix("custom:") or None
    return SignIn(
        user=user,
        access_token=jwt.create_access_token(user, audience=audience),
        refresh_token=refresh_token or "",
        csrf_token=str(expected_csrf or ""),
    )


def verify_access_token(*, token: str) -> tuple[User, dict[str, Any]]:
    """The user and payload of a valid, unrevoked access token."""
    try:
        payload = jwt.decode_token(token or "")
        return jwt.get_user_from_payload(payload, jwt.ACCESS), payload
    except ValidationError as error:
        raise _token_error_on("token", error) from error


def revoke_all_tokens(*, user: User) -> None:
    """Sign the user out everywhere: tokens issued before stop verifying and refreshing."""
    user.jwt_token_key = new_token_key()
    User.objects.filter(pk=user.pk).update(jwt_token_key=user.jwt_token_key)


# --- staff writes from the back office ---------------------------------------------------------

USER_PROFILE_FIELDS = frozenset(
    {"phone", "email", "first_name", "last_name", "language_code", "note", "is_confirmed"}
)
USER_ACCESS_FIELDS = frozenset(
    {"is_active", "is_staff", "is_superuser", "groups", "user_permissions"}
)


def _clean_contact(phone: str | None, email: str | None) -> tuple[str | None, str | None]:
    errors: dict[str, list[ValidationError]] = {}
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            errors["phone"] = [ValidationError(error.messages[0], code=AccountErrorCode.INVALID)]
    email = (email or "").strip().lower() or None
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [
                ValidationError("Enter a valid e-mail address.", code=AccountErrorCode.INVALID)
            ]
    if not phone and not email and not errors:
        raise field_error(
            None, "Give a mobile number or an e-mail address.", AccountErrorCode.REQUIRED
        )
    if errors:
        raise ValidationError(errors)
    return phone or None, email


def _save_user(user: User) -> None:
    check_column_values(user, code=AccountErrorCode.INVALID)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        taken_email = bool(user.email) and User.objects.filter(email=user.email).exists()
        field = "email" if taken_email else "phone"
        raise field_error(
            field, "A user with this contact already exists.", AccountErrorCode.UNIQUE
        ) from error


def create_user(
    *,
    phone: str | None,
    email: str | None,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """A confirmed user made by staff (no confirmation message), known by a mobile number, an
    e-mail address or both, with a password that passes the validators."""
    phone, email = _clean_contact(phone, email)
    user = User(
        phone=phone,
        email=email,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        jwt_token_key=new_token_key(),
    )
    password_errors = _password_errors(password or "", user)
    if password_errors:
        raise ValidationError({"password": password_errors})
    user.set_password(password)
    _save_user(user)
    return user


def set_user_password(*, user: User, password: str) -> User:
    """A new password, checked by the validators; earlier tokens stop working (signed out)."""
    password_errors = _password_errors(password or "", user)
    if password_errors:
        raise ValidationError({"password": password_errors})
    user.set_password(password)
    user.jwt_token_key = new_token_key()
    User.objects.filter(pk=user.pk).update(password=user.password, jwt_token_key=user.jwt_token_key)
    return user


def update_user(*, user: User, changes: Mapping[str, Any]) -> User:
    """Change a user's profile and access (`USER_PROFILE_FIELDS`, `USER_ACCESS_FIELDS`), as staff.

    Who may change which access is the caller's check (`permissions.ensure_may_change_access`).
    Deactivating a user signs them out everywhere (earlier tokens stop working)."""
    unknown = sorted(set(changes) - USER_PROFILE_FIELDS - USER_ACCESS_FIELDS)
    if unknown:
        raise field_error(None, f"Unknown fields: {', '.join(unknown)}.", AccountErrorCode.INVALID)
    values = dict(changes)
    with transaction.atomic():
        # Compared with the stored row, not the caller's instance (a form may have changed it).
        user = User.objects.select_for_update().get(pk=user.pk)
        if "phone" in values or "email" in values:
            values["phone"], values["email"] = _clean_contact(
                values.get("phone", user.phone), values.get("email", user.email)
            )
        for name, value in values.items():
            if name not in ("groups", "user_permissions"):
                setattr(user, name, value)
        if values.get("is_active") is False:
            user.jwt_token_key = new_token_key()
        _save_user(user)
        if "groups" in values:
            user.groups.set(values["groups"])
        if "user_permissions" in values:
            user.user_permissions.set(values["user_permissions"])
    return user
