"""`tran_id` from a transaction token and back, and SSLCommerz's `verify_sign`."""

from __future__ import annotations

import hashlib
import uuid

from payments.gateways.sslcommerz.crypto import (
    has_valid_signature,
    sign,
    token_from_tran_id,
    tran_id_for,
)

PASSWORD = "store@ssl"


def test_a_token_becomes_a_26_character_tran_id_and_back():
    token = uuid.UUID("0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b")
    tran_id = tran_id_for(token)
    assert tran_id == "B6HBYKR3JVHF7CU3BQOS4P2KLM"
    assert len(tran_id) <= 30
    assert token_from_tran_id(tran_id) == token
    assert tran_id_for(str(token)) == tran_id


def test_anything_else_is_no_token():
    tran_id = tran_id_for(uuid.uuid4())
    assert token_from_tran_id(tran_id.lower()) is None
    assert token_from_tran_id(tran_id[:-1]) is None
    assert token_from_tran_id("SHOP-ORDER-42") is None
    assert token_from_tran_id("1" * 26) is None  # not base32


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def test_the_signature_is_md5_of_the_sorted_fields_with_the_hashed_password():
    fields = {"tran_id": "T1", "amount": "230.00", "status": "VALID", "card_type": "x y&z"}
    keys = ["tran_id", "amount", "status"]
    # computed here by hand, as SSLCOMMERZ_hash_varify does: sorted, k=v&..., no URL-encoding
    expected = _md5(f"amount=230.00&status=VALID&store_passwd={_md5(PASSWORD)}&tran_id=T1")
    assert sign(fields, keys, PASSWORD) == expected


def _signed(**extra: str) -> dict[str, str]:
    fields = {"tran_id": "T1", "amount": "230.00", "status": "VALID", "val_id": "V1", **extra}
    keys = sorted(fields)
    return {**fields, "verify_key": ",".join(keys), "verify_sign": sign(fields, keys, PASSWORD)}


def test_a_genuine_signature_is_accepted_and_any_change_is_not():
    required = frozenset({"tran_id", "amount", "status", "val_id"})
    assert has_valid_signature(_signed(), PASSWORD, required=required)
    assert not has_valid_signature(_signed(), "another password", required=required)
    assert not has_valid_signature({**_signed(), "amount": "10.00"}, PASSWORD, required=required)
    unsigned = {key: value for key, value in _signed().items() if key != "verify_sign"}
    assert not has_valid_signature(unsigned, PASSWORD, required=required)


def test_a_signature_that_leaves_out_a_required_field_is_not_enough():
    fields = {"tran_id": "T1", "amount": "230.00", "status": "VALID"}
    keys = ["tran_id", "status"]  # amount not covered: it could be changed freely
    signed = {**fields, "verify_key": ",".join(keys), "verify_sign": sign(fields, keys, PASSWORD)}
    assert has_valid_signature(signed, PASSWORD)
    assert not has_valid_signature(signed, PASSWORD, required=frozenset({"amount"}))
