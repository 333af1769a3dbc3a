"""`seed`: bulk benchmark data. N products spread over V vendors and every category, with the
same shape as the demo's (variants, listings, stock, translations, media rows).

Seeded products have slugs `seed-NNNNNNN-...`; a run adds products until N of them exist. Images
are a handful of shared files: the rows are what the benchmark measures, not the pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.catalog.models import Product
from backend.core.cache_version import bump_catalog_version
from backend.inventory.models import Warehouse
from backend.marketplace.models import Vendor, VendorStatus

from . import data
from .images import save_product_image
from .products import ProductPlan, all_templates, create_products, refresh_derived_fields
from .reference import CatalogueReference, ensure_catalogue_reference

SEED_PREFIX = "seed-"
IMAGES_PER_CATEGORY = 4
TEMPLATE_STRIDE = 7919


@dataclass(frozen=True)
class SeedResult:
    products_created: int
    products_total: int


def _ensure_seed_vendors(
    count: int, reference: CatalogueReference
) -> list[tuple[Vendor, Warehouse]]:
    """`count` approved vendors (with owners and warehouses), created in bulk when missing."""
    slugs = [f"seed-vendor-{index:04d}" for index in range(count)]
    phones = [f"+88016{index:08d}" for index in range(count)]
    centres = list(reference.centres.values())
    with transaction.atomic():
        existing_phones = set(User.objects.filter(phone__in=phones).values_list("phone", flat=True))
        password = make_password(data.DEMO_PASSWORD)
        User.objects.bulk_create(
            [
                User(phone=phone, password=password, first_name="উদ্যোক্তা", last_name=str(index))
                for index, phone in enumerate(phones)
                if phone not in existing_phones
            ]
        )
        owners = {user.phone: user for user in User.objects.filter(phone__in=phones)}
        Group.objects.get_or_create(name=Role.ENTREPRENEUR)[0].user_set.add(*owners.values())
        existing_vendors = set(Vendor.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        now = timezone.now()
        Vendor.objects.bulk_create(
            [
                Vendor(
                    slug=slug,
                    name=f"Seed Vendor {index}",
                    name_bn=f"বিক্রেতা {index}",
                    centre=centres[index % len(centres)],
                    owner=owners[phones[index]],
                    status=VendorStatus.APPROVED,
                    approved_at=now,
                )
                for index, slug in enumerate(slugs)
                if slug not in existing_vendors
            ]
        )
        vendors = {v.slug: v for v in Vendor.objects.filter(slug__in=slugs)}
        existing_warehouses = set(
            Warehouse.objects.filter(slug__in=slugs).values_list("slug", flat=True)
        )
        Warehouse.objects.bulk_create(
            [
                Warehouse(slug=slug, name=f"Seed warehouse {slug}", vendor=vendors[slug])
                for slug in slugs
                if slug not in existing_warehouses
            ]
        )
        warehouses = {w.slug: w for w in Warehouse.objects.filter(slug__in=slugs)}
        Warehouse.channels.through.objects.bulk_create(
            [
                Warehouse.channels.through(warehouse_id=w.pk, channel_id=reference.channel.pk)
                for w in warehouses.values()
            ],
            ignore_conflicts=True,
        )
    centres_by_pk = {centre.pk: centre for centre in centres}
    pairs = []
    for slug in slugs:
        vendor = vendors[slug]
        vendor.centre = centres_by_pk[vendor.centre_id]
        pairs.append((vendor, warehouses[slug]))
    return pairs


def _shared_images(reference: CatalogueReference) -> dict[str, list[str]]:
    images = {}
    for top in data.CATEGORIES:
        images[top.slug] = [
            save_product_image(
                path=f"products/seed/{top.slug}-{number}.jpg",
                title=f"{top.name_en} {number + 1}",
                colour=top.colour,
            )
            for number in range(IMAGES_PER_CATEGORY)
        ]
    return images


def seed_products(*, products: int, vendors: int = 50, progress=None) -> SeedResult:
    """Add seeded products until `products` of them exist, then index them."""
    reference = ensure_catalogue_reference()
    existing = Product.objects.filter(slug__startswith=SEED_PREFIX).count()
    if existing >= products:
        return SeedResult(products_created=0, products_total=existing)
    vendor_pairs = _ensure_seed_vendors(max(1, vendors), reference)
    images = _shared_images(reference)
    templates = all_templates()
    plans = []
    for index in range(existing, products):
        # A prime stride walks every template in a scattered order: any slice spans categories.
        template = templates[(index * TEMPLATE_STRIDE) % len(templates)]
        vendor, warehouse = vendor_pairs[index % len(vendor_pairs)]
        top = reference.top_of_leaf[template.leaf.slug]
        plans.append(
            ProductPlan(
                template=template,
                slug=f"{SEED_PREFIX}{index:07d}",
                sku_prefix=f"SD-{index:07d}",
                vendor=vendor,
                warehouse=warehouse,
                image_path=images[top.slug][index % IMAGES_PER_CATEGORY],
                category_slug=template.leaf.slug,
            )
        )
    created_ids: list[int] = []
    chunk = 10_000
    for start in range(0, len(plans), chunk):
        created_ids.extend(
            create_products(
                plans[start : start + chunk], reference=reference, seed=existing + start
            )
        )
        if progress:
            progress(f"  {existing + len(created_ids)} / {products} products")
    refresh_derived_fields(created_ids)
    bump_catalog_version()  # bulk inserts send no signals: tell cached storefront answers
    return SeedResult(products_created=len(created_ids), products_total=existing + len(created_ids))
