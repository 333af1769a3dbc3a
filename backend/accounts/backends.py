"""Sign in with a mobile number (any accepted form) or an e-mail address."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from backend.core.phone import looks_like_phone, normalize_phone

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
    def authenticate(self, request, username=None, password=None, **kwargs):
        identifier = username or kwargs.get("phone") or kwargs.get("email")
        user = find_user_by_identifier(identifier or "")
        if user is None:
            # Same work as a real check, so timing does not reveal which numbers exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
