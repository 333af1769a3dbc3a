"""Catalogue models, named as in Saleor where Saleor has the concept."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from backend.channels.models import Channel
from backend.core.models import ModelWithMetadata, SortableModel
from backend.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from backend.marketplace.models import Vendor

# Field precisions: money's is backend.core.money's (also used to validate prices).
WEIGHT_MAX_DIGITS = 10
WEIGHT_DECIMAL_PLACES = 3


class Category(ModelWithMetadata):
    """A node of the category tree; `tree_path` makes "this and all below" one indexed query."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    description_plaintext = models.TextField(blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    tree_path = models.CharField(max_length=255, default="", db_index=True, editable=False)
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("tree_path", "pk")
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class CategoryTranslation(models.Model):
    category = models.ForeignKey(Category, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = (("language_code", "category"),)


class ProductType(ModelWithMetadata):
    """Physical goods or an assisted service; VAT is per product type (DOMAIN.md)."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    is_assisted_service = models.BooleanField(default=False)
    weight = models.DecimalField(
        max_digits=WEIGHT_MAX_DIGITS, decimal_places=WEIGHT_DECIMAL_PLACES, default=Decimal(0)
    )
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0.1500"))
    product_attributes: models.ManyToManyField[Attribute, AttributeProduct] = (
        models.ManyToManyField(
            "Attribute", blank=True, related_name="product_types", through="AttributeProduct"
        )
    )
    variant_attributes: models.ManyToManyField[Attribute, AttributeVariant] = (
        models.ManyToManyField(
            "Attribute",
            blank=True,
            related_name="product_variant_types",
            through="AttributeVariant",
        )
    )

    class Meta:
        ordering = ("slug",)
        permissions = (
            ("manage_product_types_and_attributes", "Manage product types and attributes."),
        )

    def __str__(self) -> str:
        return self.name


class AttributeInputType(models.TextChoices):
    DROPDOWN = "dropdown"
    MULTISELECT = "multiselect"
    PLAIN_TEXT = "plain-text"
    NUMERIC = "numeric"
    BOOLEAN = "boolean"
    SWATCH = "swatch"


class AttributeType(models.TextChoices):
    """Whether an attribute describes products or pages (Saleor's `AttributeTypeEnum`)."""

    PRODUCT_TYPE = "product-type", "Product type"
    PAGE_TYPE = "page-type", "Page type"


class Attribute(ModelWithMetadata):
    slug = models.SlugField(max_length=250, unique=True, allow_unicode=True)
    name = models.CharField(max_length=255)
    type = models.CharField(
        max_length=50, choices=AttributeType.choices, default=AttributeType.PRODUCT_TYPE
    )
    input_type = models.CharField(
        max_length=50, choices=AttributeInputType.choices, default=AttributeInputType.DROPDOWN
    )
    unit = models.CharField(max_length=100, blank=True, null=True)
    value_required = models.BooleanField(default=False, blank=True)
    visible_in_storefront = models.BooleanField(default=True, blank=True)
    filterable_in_storefront = models.BooleanField(default=True, blank=True)
    storefront_search_position = models.IntegerField(default=0, blank=True)

    class Meta:
        ordering = ("storefront_search_position", "slug")

    def __str__(self) -> str:
        return self.name


class AttributeTranslation(models.Model):
    attribute = models.ForeignKey(Attribute, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=255)

    class Meta:
        unique_together = (("language_code", "attribute"),)


class AttributeValue(SortableModel):
    attribute = models.ForeignKey(Attribute, related_name="values", on_delete=models.CASCADE)
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, allow_unicode=True)
    value = models.CharField(max_length=255, blank=True, default="")
    plain_text = models.TextField(blank=True, null=True)
    boolean = models.BooleanField(blank=True, null=True)

    class Meta:
        ordering = ("sort_order", "pk")
        unique_together = (("slug", "attribute"),)

    def __str__(self) -> str:
        return self.name


class AttributeValueTranslation(models.Model):
    attribute_value = models.ForeignKey(
        AttributeValue, related_name="translations", on_delete=models.CASCADE
    )
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250)

    class Meta:
        unique_together = (("language_code", "attribute_value"),)


class AttributeProduct(SortableModel):
    attribute = models.ForeignKey(Attribute, related_name="+", on_delete=models.CASCADE)
    product_type = models.ForeignKey(ProductType, related_name="+", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("attribute", "product_type"),)
        ordering = ("sort_order", "pk")


class AttributeVariant(SortableModel):
    attribute = models.ForeignKey(Attribute, related_name="+", on_delete=models.CASCADE)
    product_type = models.ForeignKey(ProductType, related_name="+", on_delete=models.CASCADE)
    variant_selection = models.BooleanField(default=False)

    class Meta:
        unique_together = (("attribute", "product_type"),)
        ordering = ("sort_order", "pk")


class Product(ModelWithMetadata):
    vendor = models.ForeignKey(Vendor, related_name="products", on_delete=models.PROTECT)
    product_type = models.ForeignKey(ProductType, related_name="products", on_delete=models.PROTECT)
    category = models.ForeignKey(
        Category, related_name="products", null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    description_plaintext = models.TextField(blank=True, default="")
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    weight = models.DecimalField(
        max_digits=WEIGHT_MAX_DIGITS, decimal_places=WEIGHT_DECIMAL_PLACES, null=True, blank=True
    )
    rating = models.FloatField(null=True, blank=True)
    default_variant = models.OneToOneField(
        "ProductVariant", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    # Names in every language, SKUs and the vendor's name: what shoppers search by.
    search_document = models.TextField(blank=True, default="")
    search_vector = SearchVectorField(blank=True, null=True)
    search_index_dirty = models.BooleanField(default=True, db_index=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ("slug",)
        permissions = (
            ("manage_products", "Manage products."),
            ("manage_translations", "Manage translations."),
        )
        indexes = [models.Index(fields=["vendor", "created_at"])]

    def __str__(self) -> str:
        return self.name


class ProductTranslation(models.Model):
    product = models.ForeignKey(Product, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = (("language_code", "product"),)


class ProductVariant(SortableModel, ModelWithMetadata):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    sku = models.CharField(max_length=255, unique=True, null=True, blank=True)
    name = models.CharField(max_length=255, blank=True)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(blank=True, null=True)
    weight = models.DecimalField(
        max_digits=WEIGHT_MAX_DIGITS, decimal_places=WEIGHT_DECIMAL_PLACES, null=True, blank=True
    )
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ("sort_order", "sku", "pk")

    def __str__(self) -> str:
        return self.name or self.sku or f"variant {self.pk}"


class ProductVariantTranslation(models.Model):
    product_variant = models.ForeignKey(
        ProductVariant, related_name="translations", on_delete=models.CASCADE
    )
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        unique_together = (("language_code", "product_variant"),)


class AssignedProductAttributeValue(SortableModel):
    value = models.ForeignKey(AttributeValue, related_name="+", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, related_name="attribute_values", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("value", "product"),)
        ordering = ("sort_order", "pk")


class AssignedVariantAttributeValue(SortableModel):
    value = models.ForeignKey(AttributeValue, related_name="+", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        ProductVariant, related_name="attribute_values", on_delete=models.CASCADE
    )

    class Meta:
        unique_together = (("value", "variant"),)
        ordering = ("sort_order", "pk")


class ProductChannelListing(models.Model):
    """Where a product is published. `discounted_price_amount` is its cheapest variant's price,
    kept up to date by the catalogue services so that sorting by price needs no join."""

    product = models.ForeignKey(Product, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey(Channel, related_name="product_listings", on_delete=models.CASCADE)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="BDT")
    discounted_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        unique_together = (("product", "channel"),)
        ordering = ("pk",)
        indexes = [models.Index(fields=["channel", "is_published", "discounted_price_amount"])]

    def is_available_for_purchase(self, now) -> bool:
        return self.available_for_purchase_at is not None and now >= self.available_for_purchase_at


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(
        ProductVariant, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(Channel, related_name="variant_listings", on_delete=models.CASCADE)
    currency = models.CharField(max_length=3, default="BDT")
    price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )
    discounted_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )
    cost_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        unique_together = (("variant", "channel"),)
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | Q(price_amount__gte=0),
                name="variant_listing_price_not_negative",
            )
        ]


class ProductMediaType(models.TextChoices):
    IMAGE = "IMAGE", "An uploaded image"
    VIDEO = "VIDEO", "A URL to an external video"


class ProductMedia(SortableModel, ModelWithMetadata):
    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products", blank=True, null=True)
    alt = models.CharField(max_length=250, blank=True)
    type = models.CharField(
        max_length=32, choices=ProductMediaType.choices, default=ProductMediaType.IMAGE
    )
    external_url = models.CharField(max_length=256, blank=True, null=True)
    oembed_data = models.JSONField(blank=True, default=dict)
    variants = models.ManyToManyField(ProductVariant, related_name="media", blank=True)

    class Meta:
        ordering = ("sort_order", "pk")


class Thumbnail(models.Model):
    """A resized copy of a product image, made on first request and reused after."""

    media = models.ForeignKey(ProductMedia, related_name="thumbnails", on_delete=models.CASCADE)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=32, blank=True, default="")
    image = models.ImageField(upload_to="thumbnails")

    class Meta:
        unique_together = (("media", "size", "format"),)


class Collection(SortableModel, ModelWithMetadata):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    background_image = models.ImageField(upload_to="collection-backgrounds", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    products = models.ManyToManyField(
        Product, blank=True, related_name="collections", through="CollectionProduct"
    )

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class CollectionProduct(SortableModel):
    collection = models.ForeignKey(
        Collection, related_name="collection_products", on_delete=models.CASCADE
    )
    product = models.ForeignKey(
        Product, related_name="collection_products", on_delete=models.CASCADE
    )

    class Meta:
        unique_together = (("collection", "product"),)
        ordering = ("sort_order", "pk")


class CollectionChannelListing(models.Model):
    collection = models.ForeignKey(
        Collection, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        Channel, related_name="collection_listings", on_delete=models.CASCADE
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (("collection", "channel"),)
        ordering = ("pk",)


class CollectionTranslation(models.Model):
    collection = models.ForeignKey(
        Collection, related_name="translations", on_delete=models.CASCADE
    )
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250, blank=True, null=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = (("language_code", "collection"),)
