"""SSLCommerz's `verify_sign`, and `tran_id`: Haat's transaction token in 26 characters.

The signature (official `SSLCOMMERZ_hash_varify`): take the POST fields named in `verify_key`,
add `store_passwd = md5(store password)`, sort by key, join as `k=v&k=v` without URL-encoding
and compare the md5 of that string with `verify_sign`. It proves the fields came from someone
who knows the store password; it is no proof of payment (the validation API is).

`tran_id` takes at most 30 characters, and a token's 32 hex digits are too many: the token's 16
bytes in base32 (26 letters and digits, no padding) fit and map back without a lookup table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from uuid import UUID

TRAN_ID_LENGTH = 26


def tran_id_for(token: str | UUID) -> str:
    """The `tran_id` SSLCommerz carries for the transaction with this token."""
    value = token if isinstance(token, UUID) else UUID(str(token))
    return base64.b32encode(value.bytes).decode("ascii").rstrip("=")


def token_from_tran_id(tran_id: str) -> UUID | None:
    """The token a `tran_id` of ours stands for; None for anything else."""
    if not isinstance(tran_id, str) or len(tran_id) != TRAN_ID_LENGTH:
        return None
    try:
        raw = base64.b32decode(tran_id.upper() + "======", casefold=False)
    except (ValueError, TypeError):
        return None
    if len(raw) != 16:
        return None
    token = UUID(bytes=raw)
    return token if tran_id_for(token) == tran_id else None


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def signed_string(fields: Mapping[str, str], keys: list[str], store_password: str) -> str:
    """The `k=v&...` string the signature covers (the fields of `keys` that are present)."""
    chosen = {key: str(fields[key]) for key in keys if key in fields}
    chosen["store_passwd"] = _md5(store_password)
    return "&".join(f"{key}={chosen[key]}" for key in sorted(chosen))


def sign(fields: Mapping[str, str], keys: list[str], store_password: str) -> str:
    """`verify_sign` for these fields (the simulator signs with it; Haat only verifies)."""
    return _md5(signed_string(fields, keys, store_password))


def signed_keys(fields: Mapping[str, str]) -> list[str]:
    """The field names `verify_key` lists (empty when it is missing)."""
    return [key for key in str(fields.get("verify_key", "")).split(",") if key]


def has_valid_signature(
    fields: Mapping[str, str], store_password: str, *, required: frozenset[str] = frozenset()
) -> bool:
    """Whether `verify_sign` matches and covers every field in `required` (a field left out of
    `verify_key` could be changed freely)."""
    signature = fields.get("verify_sign")
    keys = signed_keys(fields)
    if not signature or not keys or not required <= set(keys):
        return False
    if any(key not in fields for key in required):
        return False
    expected = sign(fields, keys, store_password)
    return hmac.compare_digest(expected, str(signature).lower())
