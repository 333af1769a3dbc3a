"""Writes for centres: create one consistent with the places trees, link its entrepreneurs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from backend.core.cache_version import bump_catalog_version
from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.phone import normalize_phone

from .error_codes import CentreErrorCode
from .models import Centre, CentreKind, District, PostOffice, Union
from .selectors import ENTREPRENEUR_GROUP


class _CleanCentre(TypedDict):
    code: str
    name: str
    phone: str
    district: District


def _clean_centre(
    *,
    code: str,
    name: str,
    kind: str,
    district: District | None,
    union: Union | None,
    post_office: PostOffice | None,
    phone: str,
) -> _CleanCentre:
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, error_code: CentreErrorCode) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=error_code))

    code = (code or "").strip()
    name = (name or "").strip()
    if not code:
        add("code", "A centre needs a code.", CentreErrorCode.REQUIRED)
    if not name:
        add("name", "A centre needs a name.", CentreErrorCode.REQUIRED)
    if kind not in CentreKind.values:
        add("kind", f"Unknown centre kind {kind!r}.", CentreErrorCode.INVALID)
    if district is None:
        add("district", "A centre needs a district.", CentreErrorCode.REQUIRED)
    else:
        # One query for the union's district: upazila -> district.
        if union is not None and union.upazila.district_id != district.pk:
            add("union", "The union is not in the centre's district.", CentreErrorCode.INVALID)
        if (
            post_office is not None
            and post_office.district_id is not None
            and post_office.district_id != district.pk
        ):
            add(
                "post_office",
                "The post office is not in the centre's district.",
                CentreErrorCode.INVALID,
            )
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            add("phone", error.messages[0], CentreErrorCode.INVALID)
    if errors:
        raise ValidationError(errors)
    assert district is not None  # a missing district is among the errors above
    return _CleanCentre(code=code, name=name, phone=phone, district=district)


def create_centre(
    *,
    code: str,
    name: str,
    kind: str,
    district: District | None,
    name_bn: str = "",
    union: Union | None = None,
    post_office: PostOffice | None = None,
    address: str = "",
    phone: str = "",
    opening_hours: dict | None = None,
    is_active: bool = True,
) -> Centre:
    """A new centre. Its union and post office, when given, must lie in its district."""
    cleaned = _clean_centre(
        code=code,
        name=name,
        kind=kind,
        district=district,
        union=union,
        post_office=post_office,
        phone=phone,
    )
    centre = Centre(
        code=cleaned["code"],
        name=cleaned["name"],
        name_bn=(name_bn or "").strip(),
        kind=kind,
        district=cleaned["district"],
        union=union,
        post_office=post_office,
        address=(address or "").strip(),
        phone=cleaned["phone"],
        opening_hours=opening_hours or {},
        is_active=is_active,
    )
    check_column_values(centre, code=CentreErrorCode.INVALID)
    try:
        with transaction.atomic():
            bump_catalog_version()
            centre.save()
            return centre
    except IntegrityError as error:
        # The unique constraint decides, so two concurrent creates cannot both win.
        raise field_error(
            "code", f"A centre with code {cleaned['code']!r} exists.", CentreErrorCode.UNIQUE
        ) from error


def add_entrepreneurs(*, centre: Centre, users: Iterable[Any]) -> None:
    """Link entrepreneurs to a centre (already linked ones stay as they are)."""
    users = list(users)
    entrepreneur_ids = set(
        get_user_model()
        .objects.filter(pk__in=[user.pk for user in users], groups__name=ENTREPRENEUR_GROUP)
        .values_list("pk", flat=True)
    )
    outsiders = [str(user) for user in users if user.pk not in entrepreneur_ids]
    if outsiders:
        raise field_error(
            "entrepreneurs",
            f"Not entrepreneurs: {', '.join(outsiders)}.",
            CentreErrorCode.INVALID,
        )
    with transaction.atomic():
        centre.entrepreneurs.add(*users)
