"""The catalogue's skeleton, shared by `populatedb` and `seed`: shop settings, the channel,
centres with their collection points, categories, product types and attributes.

Every function here is idempotent: rows are found by their slug or code and created only when
missing, so running a command twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from backend.catalog.models import (
    Attribute,
    AttributeProduct,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
    AttributeVariant,
    Category,
    CategoryTranslation,
    ProductType,
)
from backend.catalog.services.categories import create_category
from backend.channels.models import Channel
from backend.core.models import SiteSettings
from backend.core.services import update_site_settings
from backend.inventory.models import ClickAndCollectOption, Warehouse
from backend.places.models import Centre, District, Division, PostOffice, Union

from . import data
from .content import rich_text


@dataclass
class CatalogueReference:
    """What product creation needs, fetched once."""

    channel: Channel
    categories: dict[str, Category]
    leaf_specs: dict[str, data.LeafCategory]
    top_of_leaf: dict[str, data.TopCategory]
    product_types: dict[str, ProductType]
    attributes: dict[str, Attribute]
    attribute_values: dict[tuple[str, str], AttributeValue]
    centres: dict[str, Centre]


def ensure_site_settings() -> SiteSettings:
    # Through the one write path: `get_current()` is the cache's shared copy, not for saving.
    return update_site_settings(changes=data.SITE)


def ensure_channel() -> Channel:
    """The channel queries use when they name none (`DEFAULT_CHANNEL_SLUG`, `bd` unless set;
    Saleor's storefront expects `default-channel`)."""
    channel, _ = Channel.objects.get_or_create(
        slug=settings.DEFAULT_CHANNEL_SLUG,
        defaults={"name": "Bangladesh", "currency_code": "BDT", "default_country": "BD"},
    )
    return channel


def _district_for(spec: data.CentreSpec) -> District:
    """The district loaded by `load_places`, or a minimal copy of it when that was not run."""
    district = District.objects.filter(source_id=spec.district_source_id).first()
    if district is not None:
        return district
    division, _ = Division.objects.get_or_create(
        source_id=spec.division_source_id,
        defaults={
            "name": spec.division_name,
            "name_bn": spec.division_name_bn,
            "slug": slugify(spec.division_name),
        },
    )
    district, _ = District.objects.get_or_create(
        source_id=spec.district_source_id,
        defaults={
            "division": division,
            "name": spec.district_name,
            "name_bn": spec.district_name_bn,
            "slug": slugify(spec.district_name),
        },
    )
    return district


def _union_for(spec: data.CentreSpec, district: District) -> Union | None:
    unions = Union.objects.filter(upazila__district=district).order_by("source_id")
    return unions.filter(upazila__name__iexact=spec.upazila_name).first() or unions.first()


def _post_office_for(spec: data.CentreSpec, district: District) -> PostOffice | None:
    offices = PostOffice.objects.filter(district=district).order_by("postcode")
    return offices.filter(thana__icontains=spec.upazila_name.split()[0]).first() or offices.first()


def ensure_centres(channel: Channel) -> dict[str, Centre]:
    """Three centres in three districts, each a click-and-collect warehouse in the channel."""
    centres = {}
    for spec in data.CENTRES:
        district = _district_for(spec)
        centre, _ = Centre.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "name_bn": spec.name_bn,
                "kind": spec.kind,
                "district": district,
                "address": spec.address,
                "phone": spec.phone,
                "opening_hours": {"sat-thu": "09:00-17:00"},
            },
        )
        # Geography may have been loaded after the first run: link what is there now.
        union = centre.union or _union_for(spec, district)
        post_office = centre.post_office or _post_office_for(spec, district)
        if (centre.union_id, centre.post_office_id) != (
            getattr(union, "pk", None),
            getattr(post_office, "pk", None),
        ):
            centre.union, centre.post_office = union, post_office
            centre.save(update_fields=["union", "post_office", "updated_at"])
        warehouse, _ = Warehouse.objects.get_or_create(
            slug=f"centre-{spec.code.lower()}",
            defaults={
                "name": spec.name,
                "centre": centre,
                "street_address": spec.address,
                "district": district,
                "post_office": post_office,
                "click_and_collect_option": ClickAndCollectOption.ALL_WAREHOUSES,
                "is_private": False,
            },
        )
        warehouse.channels.add(channel)
        centres[spec.code] = centre
    return centres


def ensure_categories() -> tuple[dict[str, Category], dict, dict]:
    categories: dict[str, Category] = {}
    leaf_specs: dict[str, data.LeafCategory] = {}
    top_of_leaf: dict[str, data.TopCategory] = {}
    for top in data.CATEGORIES:
        parent = _ensure_category(
            slug=top.slug,
            name_bn=top.name_bn,
            name_en=top.name_en,
            parent=None,
            blurb_bn=f"{top.name_bn}: দেশের উদ্যোক্তাদের কাছ থেকে সরাসরি।",
        )
        categories[top.slug] = parent
        for leaf in top.children:
            categories[leaf.slug] = _ensure_category(
                slug=leaf.slug,
                name_bn=leaf.name_bn,
                name_en=leaf.name_en,
                parent=parent,
                blurb_bn=leaf.blurb_bn,
            )
            leaf_specs[leaf.slug] = leaf
            top_of_leaf[leaf.slug] = top
    return categories, leaf_specs, top_of_leaf


def _ensure_category(
    *,
    slug: str,
    name_bn: str,
    name_en: str,
    parent: Category | None,
    blurb_bn: str,
) -> Category:
    """The category with this slug, made by the catalogue service (tree path and hooks
    included) when the demo runs for the first time."""
    category = Category.objects.filter(slug=slug).first()
    if category is not None:
        return category
    category = create_category(
        name=name_bn,
        slug=slug,
        parent=parent,
        description=rich_text(blurb_bn),
        seo_title=name_bn,
        seo_description=blurb_bn[:300],
    )
    CategoryTranslation.objects.create(
        category=category, language_code="en", name=name_en, seo_title=name_en
    )
    return category


def ensure_product_types() -> dict[str, ProductType]:
    product_types = {}
    for spec in data.PRODUCT_TYPES:
        product_types[spec.slug], _ = ProductType.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "has_variants": True,
                "is_shipping_required": spec.is_shipping_required,
                "is_assisted_service": spec.is_assisted_service,
                "vat_rate": spec.vat_rate,
                "weight": spec.weight_kg,
            },
        )
    return product_types


def ensure_attribute_values(
    attribute: Attribute, choices: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str], AttributeValue]:
    """The attribute's values (slug, Bangla name, English name), made once, keyed by
    (attribute slug, value slug)."""
    values: dict[tuple[str, str], AttributeValue] = {}
    existing = {value.slug: value for value in attribute.values.all()}
    for sort_order, (value_slug, value_bn, value_en) in enumerate(choices):
        value = existing.get(value_slug)
        if value is None:
            value = AttributeValue.objects.create(
                attribute=attribute, slug=value_slug, name=value_bn, sort_order=sort_order
            )
            AttributeValueTranslation.objects.create(
                attribute_value=value, language_code="en", name=value_en
            )
        values[(attribute.slug, value_slug)] = value
    return values


def ensure_attributes(
    product_types: dict[str, ProductType],
) -> tuple[dict[str, Attribute], dict[tuple[str, str], AttributeValue]]:
    attributes: dict[str, Attribute] = {}
    values: dict[tuple[str, str], AttributeValue] = {}
    for position, (slug, (name_bn, name_en, unit, choices)) in enumerate(data.ATTRIBUTES.items()):
        attribute, created = Attribute.objects.get_or_create(
            slug=slug,
            defaults={"name": name_bn, "unit": unit, "storefront_search_position": position},
        )
        if created:
            AttributeTranslation.objects.create(
                attribute=attribute, language_code="en", name=name_en
            )
        attributes[slug] = attribute
        values.update(ensure_attribute_values(attribute, choices))
    for product_type in product_types.values():
        for sort_order, slug in enumerate(("material", "colour")):
            AttributeProduct.objects.get_or_create(
                attribute=attributes[slug],
                product_type=product_type,
                defaults={"sort_order": sort_order},
            )
        for sort_order, slug in enumerate(("weight", "size")):
            AttributeVariant.objects.get_or_create(
                attribute=attributes[slug],
                product_type=product_type,
                defaults={"sort_order": sort_order, "variant_selection": True},
            )
    return attributes, values


@transaction.atomic
def ensure_catalogue_reference() -> CatalogueReference:
    """Create (or find) everything products hang from."""
    ensure_site_settings()
    channel = ensure_channel()
    centres = ensure_centres(channel)
    categories, leaf_specs, top_of_leaf = ensure_categories()
    product_types = ensure_product_types()
    attributes, attribute_values = ensure_attributes(product_types)
    return CatalogueReference(
        channel=channel,
        categories=categories,
        leaf_specs=leaf_specs,
        top_of_leaf=top_of_leaf,
        product_types=product_types,
        attributes=attributes,
        attribute_values=attribute_values,
        centres=centres,
    )
