"""Nagad's message crypto: RSA PKCS#1 v1.5 encryption of the sensitive data and RSA-SHA256
PKCS#1 v1.5 signatures over the same JSON text (Nagad's PHP sample: `openssl_public_encrypt`
and `openssl_sign` with their defaults).

Requests: `sensitiveData` is encrypted with Nagad's payment-gateway (PG) public key and signed
with the merchant's private key. Responses: encrypted with the merchant's public key, signed
with Nagad's private key. Key errors never quote key material.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_SIZE = 2048


class UnreadableKey(ValueError):
    """A key that cannot be read (the message says which, never what it holds)."""


def sensitive_json(payload: dict[str, Any]) -> bytes:
    """The JSON text that is encrypted and signed: compact, as PHP's `json_encode` writes it."""
    return json.dumps(payload, separators=(",", ":")).encode()


def _der_from(text: str, what: str) -> tuple[bytes, bool]:
    """(bytes, is_pem): Nagad's portal hands out bare base64 keys; operators may paste PEM."""
    stripped = text.strip()
    if not stripped:
        raise UnreadableKey(f"The {what} is empty.")
    if stripped.startswith("-----BEGIN"):
        return stripped.encode(), True
    try:
        return base64.b64decode("".join(stripped.split()), validate=True), False
    except (binascii.Error, ValueError):
        raise UnreadableKey(f"The {what} is neither PEM nor base64.") from None


def load_private_key(text: str, what: str = "merchant private key") -> rsa.RSAPrivateKey:
    """An RSA private key from PEM (PKCS#1 or PKCS#8) or bare base64 DER."""
    data, is_pem = _der_from(text, what)
    try:
        key = (
            serialization.load_pem_private_key(data, password=None)
            if is_pem
            else serialization.load_der_private_key(data, password=None)
        )
    except (ValueError, TypeError):
        raise UnreadableKey(f"The {what} is not a readable unencrypted private key.") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise UnreadableKey(f"The {what} is not an RSA key.")
    return key


def load_public_key(text: str, what: str = "Nagad public key") -> rsa.RSAPublicKey:
    """An RSA public key from PEM or bare base64 DER (SubjectPublicKeyInfo)."""
    data, is_pem = _der_from(text, what)
    try:
        key = (
            serialization.load_pem_public_key(data)
            if is_pem
            else serialization.load_der_public_key(data)
        )
    except (ValueError, TypeError):
        raise UnreadableKey(f"The {what} is not a readable public key.") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise UnreadableKey(f"The {what} is not an RSA key.")
    return key


def encrypt(plaintext: bytes, public_key: rsa.RSAPublicKey) -> str:
    return base64.b64encode(public_key.encrypt(plaintext, padding.PKCS1v15())).decode()


def decrypt(token: str, private_key: rsa.RSAPrivateKey) -> bytes:
    """The plaintext; ValueError when it cannot be read. With OpenSSL's implicit rejection a
    ciphertext for another key may open to random bytes instead: callers check the signature."""
    try:
        ciphertext = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise ValueError("The sensitive data is not base64.") from None
    return private_key.decrypt(ciphertext, padding.PKCS1v15())


def sign(message: bytes, private_key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def is_signed(message: bytes, signature: str, public_key: rsa.RSAPublicKey) -> bool:
    """Whether `signature` (base64) is the key owner's RSA-SHA256 signature of `message`."""
    try:
        raw = base64.b64decode(signature, validate=True)
        public_key.verify(raw, message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, binascii.Error, ValueError, TypeError):
        return False
    return True


def generate_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def private_key_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_key_pem(key: rsa.RSAPrivateKey | rsa.RSAPublicKey) -> str:
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
