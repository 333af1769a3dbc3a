"""Saleor's catalogue mutation inputs (the fields Haat supports, plus `vendor` on create)."""

import graphene

from storefront_api.core.scalars import JSONString, PositiveDecimal, Upload, WeightScalar
from storefront_api.core.types import MetadataInput, SeoInput


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True, description="Warehouse the stock is kept in.")
    quantity = graphene.Int(required=True, description="How many items the warehouse holds.")

    class Meta:
        description = "The quantity of a variant in one warehouse."


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID(description="An existing value of the attribute.")
    external_reference = graphene.String(description="External reference of the value.")
    value = graphene.String(description="A value by name; created when new.")

    class Meta:
        description = "One value of a dropdown, swatch or multiselect attribute."


class AttributeValueInput(graphene.InputObjectType):
    id = graphene.ID(description="The attribute.")
    external_reference = graphene.String(description="External reference of the attribute.")
    values = graphene.List(
        graphene.NonNull(graphene.String), description="Values by name (older form)."
    )
    dropdown = graphene.Field(AttributeValueSelectableTypeInput, description="Dropdown value.")
    swatch = graphene.Field(AttributeValueSelectableTypeInput, description="Swatch value.")
    multiselect = graphene.List(
        graphene.NonNull(AttributeValueSelectableTypeInput), description="Multiselect values."
    )
    numeric = graphene.String(description="Numeric value.")
    plain_text = graphene.String(description="Plain text value.")
    boolean = graphene.Boolean(description="Boolean value.")

    class Meta:
        description = "Values of one attribute of a product or variant."


class _ProductFields:
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput), description="Attribute values."
    )
    category = graphene.ID(description="Category the product is in.")
    collections = graphene.List(graphene.NonNull(graphene.ID), description="Collections.")
    description = JSONString(description="Description in Editor.js JSON.")
    name = graphene.String(description="Product name.")
    slug = graphene.String(description="URL slug; made from the name when absent.")
    seo = graphene.Field(SeoInput, description="Search-engine fields.")
    weight = WeightScalar(description="Weight in kilograms.")
    rating = graphene.Float(description="Rating.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Public metadata.")
    private_metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Private metadata."
    )
    external_reference = graphene.String(description="ID of the product in another system.")


class ProductInput(_ProductFields, graphene.InputObjectType):
    class Meta:
        description = "Fields of a product to change."


class ProductCreateInput(_ProductFields, graphene.InputObjectType):
    product_type = graphene.ID(required=True, description="Product type of the product.")
    vendor = graphene.ID(
        description="Haat: the vendor selling it. Required for staff; an entrepreneur's own "
        "shop when omitted."
    )

    class Meta:
        description = "Fields of a new product."


class _VariantFields:
    sku = graphene.String(description="Stock keeping unit, unique.")
    name = graphene.String(description="Variant name.")
    track_inventory = graphene.Boolean(description="Whether stock is tracked.")
    weight = WeightScalar(description="Weight in kilograms.")
    quantity_limit_per_customer = graphene.Int(description="Most one customer may buy.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Public metadata.")
    private_metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Private metadata."
    )
    external_reference = graphene.String(description="ID of the variant in another system.")


class ProductVariantInput(_VariantFields, graphene.InputObjectType):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput), description="Attribute values."
    )

    class Meta:
        description = "Fields of a variant to change."


class ProductVariantCreateInput(_VariantFields, graphene.InputObjectType):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        required=True,
        description="Attribute values.",
    )
    product = graphene.ID(required=True, description="Product the variant belongs to.")
    stocks = graphene.List(graphene.NonNull(StockInput), description="Initial stock.")

    class Meta:
        description = "Fields of a new variant."


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="The channel.")
    is_published = graphene.Boolean(description="Whether shoppers see the product.")
    published_at = graphene.DateTime(description="When it was or will be published.")
    visible_in_listings = graphene.Boolean(description="Whether it shows in lists.")
    is_available_for_purchase = graphene.Boolean(description="Whether it can be bought.")
    available_for_purchase_at = graphene.DateTime(description="From when it can be bought.")
    add_variants = graphene.List(graphene.NonNull(graphene.ID), description="Variants to list.")
    remove_variants = graphene.List(
        graphene.NonNull(graphene.ID), description="Variants to unlist."
    )

    class Meta:
        description = "How a product is listed in one channel."


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(
        graphene.NonNull(ProductChannelListingAddInput), description="Channels to add or change."
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID), description="Channels to remove the product from."
    )

    class Meta:
        description = "Changes to a product's channel listings."


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="The channel.")
    price = PositiveDecimal(required=True, description="Price in the channel's currency.")
    cost_price = PositiveDecimal(description="What the item costs the vendor.")

    class Meta:
        description = "A variant's price in one channel."


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String(description="Text describing the image.")
    image = Upload(description="The image file (multipart request).")
    product = graphene.ID(required=True, description="The product.")
    media_url = graphene.String(description="A video URL (YouTube, Vimeo, Facebook).")

    class Meta:
        description = "A new image or video of a product."


class CategoryInput(graphene.InputObjectType):
    description = JSONString(description="Description in Editor.js JSON.")
    name = graphene.String(description="Category name.")
    slug = graphene.String(description="URL slug; made from the name when absent.")
    seo = graphene.Field(SeoInput, description="Search-engine fields.")
    background_image = Upload(description="Background image (multipart request).")
    background_image_alt = graphene.String(description="Text describing the image.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Public metadata.")
    private_metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Private metadata."
    )

    class Meta:
        description = "Fields of a category."
