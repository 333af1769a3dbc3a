"""Writes for vendors: open a shop at a centre, approve it, suspend it."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.core.cache_version import bump_catalog_version
from backend.core.columns import check_column_values
from backend.core.errors import field_error
from backend.core.models import field_max_length
from backend.core.permissions import acting_user
from backend.core.phone import normalize_phone
from backend.core.text import slugify_unicode, unique_slug
from backend.places.models import Centre
from backend.places.selectors import is_entrepreneur_at
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .error_codes import VendorErrorCode
from .models import Vendor, VendorStatus

SLUG_MAX_LENGTH = field_max_length(Vendor, "slug")


def _free_slug(name: str) -> str:
    """A slug from the name, suffixed when taken. The unique constraint still decides."""
    base = slugify_unicode(name)[:SLUG_MAX_LENGTH] or "vendor"
    taken = set(Vendor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique_slug(base, taken=taken, max_length=SLUG_MAX_LENGTH)


def create_vendor(
    *,
    owner,
    centre: Centre,
    name: str,
    name_bn: str = "",
    slug: str | None = None,
    description: str = "",
    phone: str = "",
    email: str = "",
) -> Vendor:
    """A pending vendor owned by an entrepreneur of `centre`.

    Who may ask is the caller's check (`permissions.ensure_may_open_vendor`). A taken slug is a
    UNIQUE error, decided by the database constraint.
    """

    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: VendorErrorCode) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    name = " ".join((name or "").split())
    if not name:
        add("name", "A shop needs a name.", VendorErrorCode.REQUIRED)
    if not is_entrepreneur_at(user=owner, centre=centre):
        add("owner", "The owner is not an entrepreneur of this centre.", VendorErrorCode.INVALID)
    if not centre.is_active:
        add("centre", "The centre is closed.", VendorErrorCode.INVALID)
    if slug:
        slug = unicodedata.normalize("NFC", slug.strip().lower())
        if slugify_unicode(slug) != slug:
            add("slug", "Use letters, digits and single hyphens.", VendorErrorCode.INVALID)
        if len(slug) > SLUG_MAX_LENGTH:
            add("slug", f"At most {SLUG_MAX_LENGTH} characters.", VendorErrorCode.INVALID)
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            add("phone", error.messages[0], VendorErrorCode.INVALID)
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            add("email", "Enter a valid e-mail address.", VendorErrorCode.INVALID)
    if errors:
        raise ValidationError(errors)

    # Bangla names keep their letters and vowel signs: "সোনার বাংলা" -> "সোনার-বাংলা".
    chosen_slug = slug or _free_slug(name)
    vendor = Vendor(
        owner=owner,
        centre=centre,
        name=name,
        name_bn=(name_bn or "").strip(),
        slug=chosen_slug,
        description=(description or "").strip(),
        phone=phone,
        email=email,
        status=VendorStatus.PENDING,
    )
    check_column_values(vendor, code=VendorErrorCode.INVALID)
    try:
        with transaction.atomic():
            bump_catalog_version()
            vendor.save()
            return vendor
    except IntegrityError as error:
        raise field_error(
            "slug", f"A vendor with slug {chosen_slug!r} exists.", VendorErrorCode.UNIQUE
        ) from error


def _change_status(
    *,
    vendor: Vendor,
    from_statuses: tuple[str, ...],
    values: dict,
    action: str,
    announce=None,
) -> Vendor:
    """UPDATE ... WHERE status IN (...): of two concurrent calls exactly one changes the row.

    `announce(vendor)` runs in the same transaction when the row changed (a plugin hook)."""
    with transaction.atomic():
        changed = Vendor.objects.filter(pk=vendor.pk, status__in=from_statuses).update(
            updated_at=timezone.now(), **values
        )
        bump_catalog_version()
        vendor.refresh_from_db()
        if changed and announce is not None:
            announce(vendor)
    if not changed:
        raise field_error(
            "status",
            f"Cannot {action} a vendor that is {vendor.get_status_display().lower()}.",
            VendorErrorCode.INVALID_STATUS,
        )
    return vendor


def approve_vendor(*, vendor: Vendor, approved_by, manager: PluginsManager | None = None) -> Vendor:
    """Pending or suspended -> approved: its products may be shown. Approving twice is an error.

    `approved_by` is recorded, not checked (`permissions.ensure_may_manage_vendors`).
    Plugins hear `vendor_approved` (the entrepreneur gets an SMS; apps get VENDOR_APPROVED)."""
    return _change_status(
        vendor=vendor,
        from_statuses=(VendorStatus.PENDING, VendorStatus.SUSPENDED),
        values={
            "status": VendorStatus.APPROVED,
            "approved_at": timezone.now(),
            # An app may approve (with MANAGE_VENDORS) but is no user: the column stays empty.
            "approved_by": acting_user(approved_by),
        },
        action="approve",
        announce=(manager or get_plugins_manager()).vendor_approved,
    )


def suspend_vendor(*, vendor: Vendor) -> Vendor:
    """Pending or approved -> suspended: the shop disappears from the storefront."""
    return _change_status(
        vendor=vendor,
        from_statuses=(VendorStatus.PENDING, VendorStatus.APPROVED),
        values={"status": VendorStatus.SUSPENDED},
        action="suspend",
    )
