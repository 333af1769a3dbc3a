"""The simulator's AWS SNS: a key and self-signed certificate of its own, and messages signed
the way SNS signs them (RSA over `Key\\nvalue\\n` lines; SHA1 for SignatureVersion 1, SHA256
for 2). Written apart from Haat's verifier (`sns.py`) so that one checks the other."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

NOTIFICATION_KEYS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
CONFIRMATION_KEYS = [
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
]


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _certificate(key: rsa.RSAPrivateKey, common_name: str) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )


class SnsSigner:
    """Signs SNS envelopes; `certificate_pem` is what the certificate URL serves."""

    def __init__(self, *, signature_version: str = "1") -> None:
        self.signature_version = signature_version
        self._key = _new_key()
        self.certificate_pem = _certificate(self._key, "sns.simulator.local").public_bytes(
            serialization.Encoding.PEM
        )
        # A stranger's key: what a forger signs with.
        self._stranger = _new_key()

    def _string_to_sign(self, envelope: dict[str, Any]) -> bytes:
        keys = NOTIFICATION_KEYS if envelope["Type"] == "Notification" else CONFIRMATION_KEYS
        text = "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)
        return text.encode("utf-8")

    def sign(self, envelope: dict[str, Any], *, as_stranger: bool = False) -> str:
        # SignatureVersion 1 is SHA1 by SNS's definition: bKash's topics may still use it.
        algorithm = (
            hashes.SHA256() if envelope.get("SignatureVersion") == "2" else hashes.SHA1()  # noqa: S303
        )
        key = self._stranger if as_stranger else self._key
        signature = key.sign(self._string_to_sign(envelope), padding.PKCS1v15(), algorithm)
        return base64.b64encode(signature).decode()

    def envelope(
        self,
        *,
        kind: str,
        message: str,
        topic_arn: str,
        cert_url: str,
        extra: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """An SNS message of `kind` (Notification, SubscriptionConfirmation), unsigned."""
        now = datetime.now(UTC)
        return {
            "Type": kind,
            "MessageId": str(uuid.uuid4()),
            "TopicArn": topic_arn,
            "Message": message,
            "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
            "SignatureVersion": self.signature_version,
            "SigningCertURL": cert_url,
            **(extra or {}),
        }
