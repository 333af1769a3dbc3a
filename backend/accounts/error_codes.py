"""Saleor's AccountErrorCode values Haat raises."""

from enum import StrEnum


class AccountErrorCode(StrEnum):
    ACTIVATE_OWN_ACCOUNT = "activate_own_account"
    ACCOUNT_NOT_CONFIRMED = "account_not_confirmed"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    GRAPHQL_ERROR = "graphql_error"
    INACTIVE = "inactive"
    INVALID = "invalid"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_PASSWORD = "invalid_password"
    JWT_DECODE_ERROR = "jwt_decode_error"
    JWT_INVALID_CSRF_TOKEN = "jwt_invalid_csrf_token"
    JWT_INVALID_TOKEN = "jwt_invalid_token"
    JWT_MISSING_TOKEN = "jwt_missing_token"
    JWT_SIGNATURE_EXPIRED = "jwt_signature_expired"
    LOGIN_ATTEMPT_DELAYED = "login_attempt_delayed"
    NOT_FOUND = "not_found"
    OUT_OF_SCOPE_PERMISSION = "out_of_scope_permission"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    REQUIRED = "required"
    UNIQUE = "unique"
