"""`populatedb`: the demo shop. People, vendors, ~300 products, collections, pages and menus.

Idempotent: everything is found by phone, slug or code before it is created, and products whose
slug already exists are skipped, so a second run adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from backend.accounts.addresses import create_address
from backend.accounts.models import Role, User
from backend.catalog.models import (
    Attribute,
    AttributeTranslation,
    AttributeType,
    AttributeValue,
    Category,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    CollectionTranslation,
    Product,
)
from backend.content.models import (
    AssignedPageAttributeValue,
    AttributePage,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from backend.core.cache_version import bump_catalog_version
from backend.inventory.models import Warehouse
from backend.marketplace.models import Vendor, VendorStatus
from backend.places.models import Union

from . import data
from .content import rich_text
from .delivery import ensure_delivery
from .images import save_product_image
from .products import (
    ProductPlan,
    ProductTemplate,
    all_templates,
    create_products,
    refresh_derived_fields,
    template_slug,
)
from .reference import CatalogueReference, ensure_attribute_values, ensure_catalogue_reference
from .vouchers import ensure_vouchers


@dataclass(frozen=True)
class PopulateResult:
    products_created: int
    products_total: int


def ensure_user(
    *,
    phone: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str | None = None,
    role: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Find the user by phone, or create them with the documented demo password."""
    user = User.objects.filter(phone=phone).first()
    if user is None:
        user = User.objects.create_user(
            phone=phone,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=is_staff,
            is_superuser=is_superuser,
        )
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def ensure_customer_address(customer: User) -> None:
    """The demo customer's home as their default address, through the address book. Only once
    Bangladesh's places are loaded (`load_places`): the address is checked against them."""
    if customer.addresses.exists() or not Union.objects.exists():
        return
    create_address(user=customer, values=data.CUSTOMER_ADDRESS)


def ensure_vendor(
    spec: data.VendorSpec, *, reference: CatalogueReference, owner: User, approver: User
) -> tuple[Vendor, Warehouse]:
    centre = reference.centres[spec.centre_code]
    is_approved = spec.status == VendorStatus.APPROVED
    vendor, _ = Vendor.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "name_bn": spec.name_bn,
            "description": spec.description,
            "centre": centre,
            "owner": owner,
            "status": spec.status,
            "phone": spec.owner_phone,
            "approved_at": timezone.now() if is_approved else None,
            "approved_by": approver if is_approved else None,
        },
    )
    centre.entrepreneurs.add(owner)
    warehouse, _ = Warehouse.objects.get_or_create(
        slug=f"vendor-{spec.slug}",
        defaults={
            "name": f"{spec.name_bn} গুদাম",
            "vendor": vendor,
            "street_address": centre.address,
            "district": centre.district,
            "post_office": centre.post_office,
        },
    )
    warehouse.channels.add(reference.channel)
    return vendor, warehouse


def _plans(
    reference: CatalogueReference,
    vendors: dict[str, tuple[Vendor, Warehouse]],
    pending: tuple[Vendor, Warehouse],
) -> list[ProductPlan]:
    plans = []
    turn: dict[str, int] = {}
    for template in all_templates():
        leaf = template.leaf
        index = turn.get(leaf.slug, 0)
        turn[leaf.slug] = index + 1
        vendor, warehouse = vendors[leaf.vendors[index % len(leaf.vendors)]]
        slug = template_slug(template)
        plans.append(
            ProductPlan(
                template=template,
                slug=slug,
                sku_prefix=f"HT-{slug[:24].upper()}",
                vendor=vendor,
                warehouse=warehouse,
                image_path=f"products/demo/{slug}.jpg",
                category_slug=leaf.slug,
            )
        )
    groceries = next(top for top in data.CATEGORIES if top.slug == "groceries")
    for item in data.PENDING_VENDOR_ITEMS:
        template = ProductTemplate(leaf=groceries.children[0], item=item, qualifier=("", "", None))
        slug = template_slug(template)
        plans.append(
            ProductPlan(
                template=template,
                slug=slug,
                sku_prefix=f"HT-{slug[:24].upper()}",
                vendor=pending[0],
                warehouse=pending[1],
                image_path=f"products/demo/{slug}.jpg",
                category_slug="groceries",
            )
        )
    return plans


def _draw_images(plans: list[ProductPlan], reference: CatalogueReference) -> None:
    for plan in plans:
        top = reference.top_of_leaf[plan.template.leaf.slug]
        save_product_image(path=plan.image_path, title=plan.template.name_en, colour=top.colour)


def ensure_collections(reference: CatalogueReference) -> dict[str, Collection]:
    collections = {}
    now = timezone.now()
    for sort_order, spec in enumerate(data.COLLECTIONS):
        collection, created = Collection.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name_bn,
                "description": rich_text(spec.description_bn),
                "seo_title": spec.name_bn,
                "seo_description": spec.description_bn,
                "sort_order": sort_order,
            },
        )
        if created:
            CollectionTranslation.objects.create(
                collection=collection, language_code="en", name=spec.name_en
            )
        CollectionChannelListing.objects.get_or_create(
            collection=collection,
            channel=reference.channel,
            defaults={"is_published": True, "published_at": now},
        )
        product_ids = list(
            Product.objects.filter(
                category__slug__in=spec.category_slugs, vendor__status=VendorStatus.APPROVED
            ).values_list("pk", flat=True)
        )
        by_slug = dict(
            Product.objects.filter(
                slug__in=spec.product_slugs, vendor__status=VendorStatus.APPROVED
            ).values_list("slug", "pk")
        )
        product_ids += [by_slug[slug] for slug in spec.product_slugs if slug in by_slug]
        CollectionProduct.objects.bulk_create(
            [
                CollectionProduct(collection=collection, product_id=product_id, sort_order=index)
                for index, product_id in enumerate(product_ids)
            ],
            ignore_conflicts=True,
        )
        collections[spec.slug] = collection
    return collections


def ensure_page_attributes(page_type: PageType) -> dict[tuple[str, str], AttributeValue]:
    """The information pages' attributes (author, readers) on their type, and their values."""
    values: dict[tuple[str, str], AttributeValue] = {}
    for position, (slug, (name_bn, name_en, choices)) in enumerate(data.PAGE_ATTRIBUTES.items()):
        attribute, created = Attribute.objects.get_or_create(
            slug=slug, defaults={"name": name_bn, "type": AttributeType.PAGE_TYPE}
        )
        if created:
            AttributeTranslation.objects.create(
                attribute=attribute, language_code="en", name=name_en
            )
        AttributePage.objects.get_or_create(
            attribute=attribute, page_type=page_type, defaults={"sort_order": position}
        )
        values.update(ensure_attribute_values(attribute, choices))
    return values


def ensure_pages() -> dict[str, Page]:
    page_type, _ = PageType.objects.get_or_create(
        slug=data.PAGE_TYPE[0], defaults={"name": data.PAGE_TYPE[1]}
    )
    attribute_values = ensure_page_attributes(page_type)
    pages = {}
    for spec in data.PAGES:
        page, created = Page.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "page_type": page_type,
                "title": spec.title_bn,
                "content": rich_text(*spec.paragraphs_bn),
                "is_published": True,
                "published_at": timezone.now(),
                "seo_title": spec.title_bn,
                "seo_description": spec.paragraphs_bn[0][:300],
            },
        )
        if created:
            PageTranslation.objects.create(
                page=page,
                language_code="en",
                title=spec.title_en,
                content=rich_text(*spec.paragraphs_en),
            )
        for sort_order, key in enumerate(spec.attribute_values):
            AssignedPageAttributeValue.objects.get_or_create(
                page=page, value=attribute_values[key], defaults={"sort_order": sort_order}
            )
        pages[spec.slug] = page
    return pages


def _ensure_menu_item(
    menu: Menu,
    *,
    name: str,
    name_en: str,
    sort_order: int,
    parent: MenuItem | None = None,
    **target,
) -> MenuItem:
    level = parent.level + 1 if parent else 0
    item, created = MenuItem.objects.get_or_create(
        menu=menu,
        name=name,
        defaults={"sort_order": sort_order, "parent": parent, "level": level, **target},
    )
    if created:
        MenuItemTranslation.objects.create(menu_item=item, language_code="en", name=name_en)
    elif item.parent_id != (parent.pk if parent else None):
        # A shop populated before the item moved (the footer's pages were once top-level).
        item.parent, item.level = parent, level
        item.save(update_fields=["parent", "level"])
    return item


def ensure_menus(
    categories: dict[str, Category], collections: dict[str, Collection], pages: dict[str, Page]
) -> None:
    navbar, _ = Menu.objects.get_or_create(slug="navbar", defaults={"name": "navbar"})
    position = 0
    for top in data.CATEGORIES:
        _ensure_menu_item(
            navbar,
            name=top.name_bn,
            name_en=top.name_en,
            sort_order=position,
            category=categories[top.slug],
        )
        position += 1
    for spec in data.COLLECTIONS:
        if not spec.in_navbar:
            continue
        _ensure_menu_item(
            navbar,
            name=spec.name_bn,
            name_en=spec.name_en,
            sort_order=position,
            collection=collections[spec.slug],
        )
        position += 1
    footer, _ = Menu.objects.get_or_create(slug="footer", defaults={"name": "footer"})
    heading_bn, heading_en = data.FOOTER_HEADING
    heading = _ensure_menu_item(footer, name=heading_bn, name_en=heading_en, sort_order=0)
    for position, spec in enumerate(data.PAGES):
        _ensure_menu_item(
            footer,
            name=spec.title_bn,
            name_en=spec.title_en,
            sort_order=position,
            parent=heading,
            page=pages[spec.slug],
        )


def populate_demo_shop() -> PopulateResult:
    """Create whatever of the demo shop is missing, then index the new products."""
    reference = ensure_catalogue_reference()
    with transaction.atomic():
        ensure_delivery(reference.channel)
        admin = ensure_user(
            phone=data.ADMIN_PHONE,
            email=data.ADMIN_EMAIL,
            password=data.ADMIN_PASSWORD,
            first_name="হাট",
            last_name="অ্যাডমিন",
            role=Role.ADMIN,
            is_staff=True,
            is_superuser=True,
        )
        customer = ensure_user(
            phone=data.CUSTOMER_PHONE,
            email=data.CUSTOMER_EMAIL,
            password=data.DEMO_PASSWORD,
            first_name="করিম",
            last_name="মিয়া",
            role=Role.CUSTOMER,
        )
        ensure_customer_address(customer)
        vendors = {}
        for spec in (*data.ENTREPRENEURS_AND_VENDORS, data.PENDING_VENDOR):
            owner = ensure_user(
                phone=spec.owner_phone,
                password=data.DEMO_PASSWORD,
                first_name=spec.owner_first_name,
                last_name=spec.owner_last_name,
                role=Role.ENTREPRENEUR,
            )
            vendors[spec.slug] = ensure_vendor(
                spec, reference=reference, owner=owner, approver=admin
            )
    for vendor, _ in vendors.values():
        vendor.centre = reference.centres[vendor.centre.code]  # with its district, fetched once
    pending = vendors.pop(data.PENDING_VENDOR.slug)
    plans = _plans(reference, vendors, pending)
    existing = set(
        Product.objects.filter(slug__in=[plan.slug for plan in plans]).values_list(
            "slug", flat=True
        )
    )
    missing = [plan for plan in plans if plan.slug not in existing]
    _draw_images(missing, reference)
    created_ids = create_products(missing, reference=reference)
    with transaction.atomic():
        collections = ensure_collections(reference)
        pages = ensure_pages()
        ensure_menus(reference.categories, collections, pages)
        ensure_vouchers(reference.channel)
    # All of them, not only the new ones: a run interrupted after the inserts is healed here.
    refresh_derived_fields(
        Product.objects.filter(slug__in=[plan.slug for plan in plans]).values_list("pk", flat=True)
    )
    bump_catalog_version()  # bulk inserts send no signals: tell cached storefront answers
    return PopulateResult(products_created=len(created_ids), products_total=len(plans))
