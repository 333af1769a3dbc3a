"""Haat's check of AWS SNS messages against the simulator's signed ones: both signature
versions, and every way a message can fail (unsigned, forged, tampered, a certificate from a
host that is not allowed, another topic)."""

from __future__ import annotations

import json
import uuid

import pytest

from payments.gateways.bkash.simulator_notifications import CERT_PATH
from payments.gateways.bkash.sns import (
    SnsRejected,
    canonical_string,
    origin_allowed,
    parse_origins,
    verify_message,
)


def _notification(simulator, **changes):
    envelope = simulator.outbox.signer.envelope(
        kind="Notification",
        message=json.dumps({"trxID": "SIM1", "amount": "230.00"}),
        topic_arn=simulator.outbox.topic_arn,
        cert_url=simulator.outbox.cert_url,
    )
    envelope.update(changes)
    envelope["Signature"] = simulator.outbox.signer.sign(envelope)
    return envelope


def _cert_fetches(simulator) -> int:
    return len([r for r in simulator.requests if r.path == CERT_PATH])


@pytest.mark.parametrize("version", ["1", "2"])
def test_a_signed_message_is_accepted_and_its_certificate_fetched_once(simulator, version):
    simulator.outbox.signer.signature_version = version
    allowed = (simulator.base_url,)

    verify_message(_notification(simulator), allowed_origins=allowed)
    verify_message(_notification(simulator), allowed_origins=allowed)

    assert _cert_fetches(simulator) == 1


def test_a_subscription_confirmation_signs_its_token_and_subscribe_url(simulator):
    envelope = simulator.outbox.signer.envelope(
        kind="SubscriptionConfirmation",
        message="subscribe?",
        topic_arn="arn:topic",
        cert_url=simulator.outbox.cert_url,
        extra={"Token": "t0k3n", "SubscribeURL": f"{simulator.base_url}/sns/confirm?Token=t0k3n"},
    )
    envelope["Signature"] = simulator.outbox.signer.sign(envelope)
    verify_message(envelope, allowed_origins=(simulator.base_url,))

    envelope["SubscribeURL"] = "https://evil.example.com/confirm"
    with pytest.raises(SnsRejected, match="does not match"):
        verify_message(envelope, allowed_origins=(simulator.base_url,))


def test_canonical_string_lists_the_signed_keys_in_order():
    message = {
        "Type": "Notification",
        "MessageId": "m-1",
        "TopicArn": "arn:t",
        "Message": "hello",
        "Timestamp": "2025-01-01T00:00:00.000Z",
        "Subject": "s",
        "SignatureVersion": "1",
    }
    assert canonical_string(message) == (
        b"Message\nhello\nMessageId\nm-1\nSubject\ns\nTimestamp\n2025-01-01T00:00:00.000Z\n"
        b"TopicArn\narn:t\nType\nNotification\n"
    )


def test_an_unsigned_message_is_rejected(simulator):
    envelope = _notification(simulator)
    del envelope["Signature"]
    with pytest.raises(SnsRejected, match="not signed"):
        verify_message(envelope, allowed_origins=(simulator.base_url,))


def test_a_message_changed_after_signing_is_rejected(simulator):
    envelope = _notification(simulator)
    envelope["Message"] = json.dumps({"trxID": "SIM1", "amount": "1.00"})
    with pytest.raises(SnsRejected, match="does not match"):
        verify_message(envelope, allowed_origins=(simulator.base_url,))


def test_a_message_signed_by_another_key_is_rejected(simulator):
    envelope = _notification(simulator)
    envelope["Signature"] = simulator.outbox.signer.sign(envelope, as_stranger=True)
    with pytest.raises(SnsRejected, match="does not match"):
        verify_message(envelope, allowed_origins=(simulator.base_url,))


@pytest.mark.parametrize(
    "cert_url",
    [
        "https://evil.example.com/SimpleNotificationService.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example.com/x.pem",
        "https://sns.us-east-1.amazonaws.com@evil.example.com/x.pem",
        "http://sns.us-east-1.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com/x.txt",
    ],
)
def test_a_certificate_from_a_host_not_allowed_is_never_fetched(simulator, cert_url):
    envelope = _notification(simulator, SigningCertURL=cert_url)
    with pytest.raises(SnsRejected, match="not on an allowed"):
        verify_message(envelope, allowed_origins=parse_origins(""))
    assert _cert_fetches(simulator) == 0


def test_the_simulators_certificate_is_refused_under_amazons_default(simulator):
    with pytest.raises(SnsRejected):
        verify_message(_notification(simulator), allowed_origins=parse_origins(None))
    assert _cert_fetches(simulator) == 0


def test_another_topic_is_rejected_when_one_is_configured(simulator):
    with pytest.raises(SnsRejected, match="another topic"):
        verify_message(
            _notification(simulator),
            allowed_origins=(simulator.base_url,),
            topic_arn=f"arn:aws:sns:ap-southeast-1:1:{uuid.uuid4()}",
        )


def test_origin_patterns():
    amazon = parse_origins("")
    assert origin_allowed("https://sns.ap-southeast-1.amazonaws.com/a.pem", amazon)
    assert not origin_allowed("https://sns.a.b.amazonaws.com/a.pem", amazon)
    assert not origin_allowed("https://sns.ap-southeast-1.amazonaws.com:8443/a.pem", amazon)
    assert not origin_allowed("not a url", amazon)
    local = parse_origins("http://127.0.0.1:8701, https://sns.*.amazonaws.com")
    assert origin_allowed("http://127.0.0.1:8701/sns/c.pem", local)
    assert not origin_allowed("http://127.0.0.1:8702/sns/c.pem", local)
