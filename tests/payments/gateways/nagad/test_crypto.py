"""Nagad's sealing: RSA PKCS#1 v1.5 encryption and RSA-SHA256 signatures, keys as PEM or as the
bare base64 Nagad's portal hands out."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization

from payments.gateways.nagad import crypto


def test_what_is_encrypted_for_a_public_key_opens_with_its_private_key(pg_key):
    message = crypto.sensitive_json({"merchantId": "683099000000042", "orderId": "A1"})

    token = crypto.encrypt(message, pg_key.public_key())

    assert message == b'{"merchantId":"683099000000042","orderId":"A1"}'
    assert crypto.decrypt(token, pg_key) == message


def test_sensitive_data_for_another_key_does_not_open(pg_key, merchant_key):
    message = b'{"challenge":"abc"}'
    token = crypto.encrypt(message, pg_key.public_key())

    # OpenSSL's implicit rejection answers random bytes rather than an error (no padding
    # oracle): what comes out is never the message, and its signature cannot match.
    try:
        opened = crypto.decrypt(token, merchant_key)
    except ValueError:
        opened = None
    assert opened != message
    with pytest.raises(ValueError):
        crypto.decrypt("not base64!", merchant_key)


def test_a_signature_verifies_only_for_its_message_and_its_key(merchant_key, pg_key):
    signature = crypto.sign(b'{"amount":"230.00"}', merchant_key)

    assert crypto.is_signed(b'{"amount":"230.00"}', signature, merchant_key.public_key())
    assert not crypto.is_signed(b'{"amount":"1.00"}', signature, merchant_key.public_key())
    assert not crypto.is_signed(b'{"amount":"230.00"}', signature, pg_key.public_key())
    assert not crypto.is_signed(b'{"amount":"230.00"}', "%%%", merchant_key.public_key())


def test_keys_load_from_pem_and_from_the_portals_bare_base64(merchant_key):
    der_private = merchant_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    der_public = merchant_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    expected = merchant_key.private_numbers()

    from_pem = crypto.load_private_key(crypto.private_key_pem(merchant_key))
    from_base64 = crypto.load_private_key(base64.b64encode(der_private).decode())
    public = crypto.load_public_key(base64.b64encode(der_public).decode())

    assert from_pem.private_numbers() == expected
    assert from_base64.private_numbers() == expected
    assert public.public_numbers() == merchant_key.public_key().public_numbers()
    assert crypto.load_public_key(crypto.public_key_pem(merchant_key)).public_numbers() == (
        public.public_numbers()
    )


@pytest.mark.parametrize("text", ["", "   ", "not a key at all", "QUJDRA=="])
def test_an_unreadable_key_is_refused_without_quoting_it(text):
    with pytest.raises(crypto.UnreadableKey) as error:
        crypto.load_private_key(text)
    assert "merchant private key" in str(error.value)
    assert (text.strip() or "@@") not in str(error.value)
