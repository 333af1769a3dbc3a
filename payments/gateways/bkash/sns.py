"""Checking the AWS SNS messages that carry bKash's notifications (IPN).

An SNS message is signed by Amazon with the key of a certificate it names (`SigningCertURL`):
RSA over the message's canonical string (`Key\\nvalue\\n` for a fixed list of keys), SHA1 for
SignatureVersion 1 and SHA256 for version 2. Anyone can name a certificate, so its URL must
lead to an allowed origin (Amazon's `https://sns.<region>.amazonaws.com` unless configured
otherwise, so the simulator can serve its own) before it is fetched; certificates are cached.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.core.cache import cache

DEFAULT_ALLOWED_ORIGINS = ("https://sns.*.amazonaws.com",)
CERTIFICATE_CACHE_SECONDS = 24 * 3600
CERTIFICATE_TIMEOUT_SECONDS = 10.0
MAX_CERTIFICATE_BYTES = 64 * 1024

SIGNED_KEYS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": (
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ),
}
SIGNED_KEYS["UnsubscribeConfirmation"] = SIGNED_KEYS["SubscriptionConfirmation"]
HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}


class SnsRejected(Exception):
    """The message is not a genuine SNS message for us; the text says why (no secrets)."""


class CertificateUnavailable(Exception):
    """The signing certificate could not be fetched now: ask SNS for the message again."""


def parse_origins(text: str | None) -> tuple[str, ...]:
    """Comma- or line-separated origin patterns (`https://sns.*.amazonaws.com`); `*` stands for
    one DNS label. Empty: Amazon's."""
    origins = tuple(part.strip().rstrip("/") for part in re.split(r"[,\s]+", text or "") if part)
    return origins or DEFAULT_ALLOWED_ORIGINS


def _origin_pattern(origin: str) -> re.Pattern[str]:
    return re.compile(re.escape(origin.lower()).replace(r"\*", "[a-z0-9-]+"))


def origin_allowed(url: str, allowed: Sequence[str]) -> bool:
    """Whether `url` lies on one of the allowed origins (scheme, host and port all match)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.username or parts.password or not parts.hostname:
        return False
    origin = f"{parts.scheme.lower()}://{parts.hostname.lower()}"
    if port is not None:
        origin += f":{port}"
    return any(_origin_pattern(pattern).fullmatch(origin) for pattern in allowed)


def canonical_string(message: dict[str, Any]) -> bytes:
    """What SNS signs: `Key\\nvalue\\n` for each signed key the message has, in order."""
    keys = SIGNED_KEYS.get(str(message.get("Type")))
    if keys is None:
        raise SnsRejected(f"Unknown SNS message type {message.get('Type')!r}.")
    lines = []
    for key in keys:
        if key in message and message[key] is not None:
            lines.append(f"{key}\n{message[key]}\n")
        elif key != "Subject":
            raise SnsRejected(f"The SNS message has no {key}.")
    return "".join(lines).encode()


def fetch_certificate(url: str, allowed: Sequence[str]) -> x509.Certificate:
    """The signing certificate at `url` (only from an allowed origin), cached by URL."""
    if not origin_allowed(url, allowed) or not urlsplit(url).path.endswith(".pem"):
        raise SnsRejected("The signing certificate is not on an allowed SNS origin.")
    key = "haat:bkash:sns-cert:" + hashlib.sha256(url.encode()).hexdigest()
    pem = cache.get(key)
    if pem is None:
        try:
            response = httpx.get(url, timeout=CERTIFICATE_TIMEOUT_SECONDS, follow_redirects=False)
        except httpx.HTTPError as error:
            raise CertificateUnavailable(
                f"The signing certificate could not be fetched ({type(error).__name__})."
            ) from None
        if response.status_code != 200:
            raise CertificateUnavailable(
                f"The signing certificate answered HTTP {response.status_code}."
            )
        if len(response.content) > MAX_CERTIFICATE_BYTES:
            raise SnsRejected("The signing certificate is too large.")
        pem = response.content
        cache.set(key, pem, timeout=CERTIFICATE_CACHE_SECONDS)
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise SnsRejected("The signing certificate is not a PEM certificate.") from None


def verify_message(
    message: dict[str, Any], *, allowed_origins: Sequence[str], topic_arn: str = ""
) -> None:
    """Raise `SnsRejected` unless the message is signed by a certificate from an allowed
    origin (and comes from `topic_arn`, when one is configured); `CertificateUnavailable` when
    the certificate cannot be fetched now."""
    if topic_arn and message.get("TopicArn") != topic_arn:
        raise SnsRejected("The SNS message comes from another topic.")
    version = str(message.get("SignatureVersion") or "")
    algorithm = HASHES.get(version)
    if algorithm is None:
        raise SnsRejected(f"Unknown SNS SignatureVersion {version!r}.")
    signature_text = message.get("Signature")
    if not isinstance(signature_text, str) or not signature_text:
        raise SnsRejected("The SNS message is not signed.")
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError):
        raise SnsRejected("The SNS signature is not base64.") from None
    signed = canonical_string(message)
    certificate = fetch_certificate(str(message.get("SigningCertURL") or ""), allowed_origins)
    now = datetime.now(UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise SnsRejected("The signing certificate is not valid now.")
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise SnsRejected("The signing certificate's key is not RSA.")
    try:
        public_key.verify(signature, signed, padding.PKCS1v15(), algorithm())
    except InvalidSignature:
        raise SnsRejected("The SNS signature does not match the message.") from None
