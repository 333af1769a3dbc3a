"""Sign in with a mobile number (any accepted form) or an e-mail address."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError

from backend.core.phone import looks_like_phone, normalize_phone
from backend.core.ratelimit import client_address

from . import throttling
from .models import User


def find_user_by_identifier(identifier: str) -> User | None:
    """The user a phone number or e-mail address names, or None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if looks_like_phone(identifier):
        try:
            return User.objects.filter(phone=normalize_phone(identifier)).first()
        except ValidationError:
            return None
    return User.objects.filter(email__iexact=identifier).first()


class PhoneOrEmailBackend(ModelBackend):
    """The admin's sign-in. With a request (a login form), it is throttled as the API's sign-in
    is: per account and per client address, and refused outright during a lockout."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        identifier = username or kwargs.get("phone") or kwargs.get("email") or ""
        attempt = None
        if request is not None:
            try:
                attempt = throttling.take_sign_in_attempt(
                    identifier=identifier, client_address=client_address(request.META)
                )
            except ValidationError as error:
                # Django stops at PermissionDenied and shows its usual "wrong credentials".
                raise PermissionDenied(str(error.messages[0])) from error
        user = self._check(identifier, password)
        if attempt is not None:
            if user is None:
                throttling.record_sign_in_failure(attempt)
            else:
                throttling.record_sign_in_success(attempt, identifier=identifier)
        return user

    def _check(self, identifier: str, password: str | None) -> User | None:
        user = find_user_by_identifier(identifier)
        if user is None:
            # Same work as a real check, so timing does not reveal which numbers exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
