"""Saleor's ProductErrorCode values Haat raises (also used for categories and media)."""

from enum import StrEnum


class ProductErrorCode(StrEnum):
    ALREADY_EXISTS = "already_exists"
    ATTRIBUTE_ALREADY_ASSIGNED = "attribute_already_assigned"
    ATTRIBUTE_CANNOT_BE_ASSIGNED = "attribute_cannot_be_assigned"
    ATTRIBUTE_VARIANTS_DISABLED = "attribute_variants_disabled"
    MEDIA_ALREADY_ASSIGNED = "media_already_assigned"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    INVALID_PRICE = "invalid_price"
    PRODUCT_WITHOUT_CATEGORY = "product_without_category"
    NOT_PRODUCTS_IMAGE = "not_products_image"
    NOT_PRODUCTS_VARIANT = "not_products_variant"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    VARIANT_NO_DIGITAL_CONTENT = "variant_no_digital_content"
    CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT = "cannot_manage_product_without_variant"
    PRODUCT_NOT_ASSIGNED_TO_CHANNEL = "product_not_assigned_to_channel"
    UNSUPPORTED_MEDIA_PROVIDER = "unsupported_media_provider"
    PREORDER_VARIANT_CANNOT_BE_DEACTIVATED = "preorder_variant_cannot_be_deactivated"
    INVALID_FILE_TYPE = "invalid_file_type"
    UNSUPPORTED_MIME_TYPE = "unsupported_mime_type"
    FILE_SIZE_LIMIT_EXCEEDED = "file_size_limit_exceeded"
