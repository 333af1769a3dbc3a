"""The BulkSMSBD client against the simulator on loopback: the documented request and answers."""

from __future__ import annotations

import socket

import httpx
import pytest

from plugins.notifications.simulator import SmsGatewaySimulator, main
from plugins.notifications.sms import (
    BulkSmsBdClient,
    SmsGatewayRefused,
    SmsInvalidRecipient,
    SmsTemporaryError,
)

from .conftest import API_KEY, SENDER_ID

BANGLA_TEXT = "হাট: আপনার যাচাই কোড ৭৩৯১০৪।"


def client_for(gateway: SmsGatewaySimulator, **overrides) -> BulkSmsBdClient:
    options = {"api_url": gateway.url, "api_key": API_KEY, "sender_id": SENDER_ID, "timeout": 2.0}
    options.update(overrides)
    return BulkSmsBdClient(**options)


def test_bangla_sms_is_posted_as_the_documented_form_in_unicode(sms_gateway):
    # given a client for the gateway
    client = client_for(sms_gateway)
    # when a Bangla SMS is sent to a number written the local way
    result = client.send_sms(phone="০১৭১২-৩৪৫৬৭৮", text=BANGLA_TEXT)
    # then the gateway got exactly the documented fields, the number as 8801..., Bangla as unicode
    assert len(sms_gateway.requests) == 1
    request = sms_gateway.requests[0]
    assert request.method == "POST"
    assert request.path == "/api/smsapi"
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.fields == {
        "api_key": API_KEY,
        "type": "unicode",
        "number": "8801712345678",
        "senderid": SENDER_ID,
        "message": BANGLA_TEXT,
    }
    assert request.response_code == 202
    # and it was accepted, with the gateway's message id
    [received] = sms_gateway.messages
    assert received.message == BANGLA_TEXT
    assert received.number == "8801712345678"
    assert result.message_id == str(received.message_id)
    assert result.msisdn == "8801712345678"
    assert result.encoding == "unicode"


def test_english_sms_is_sent_as_text(sms_gateway):
    # when an English SMS is sent
    client_for(sms_gateway).send_sms(phone="+8801812345678", text="Haat: code 739104")
    # then it goes as type=text (one GSM part)
    assert sms_gateway.requests[0].fields["type"] == "text"
    assert sms_gateway.messages[0].parts == 1


def test_unknown_api_key_is_a_permanent_refusal(sms_gateway):
    # when the key is wrong
    with pytest.raises(SmsGatewayRefused) as caught:
        client_for(sms_gateway, api_key="wrong-key").send_sms(phone="01712345678", text="hi")
    # then the gateway's 1011 is mapped to a refusal that a retry cannot fix, and nothing was sent
    assert caught.value.code == "1011"
    assert caught.value.retryable is False
    assert str(caught.value) == "The SMS gateway refused the message: 1011 User Id not found."
    assert sms_gateway.messages == []


def test_wrong_sender_id_is_a_permanent_refusal(sms_gateway):
    # when the sender id is not the account's
    with pytest.raises(SmsGatewayRefused) as caught:
        client_for(sms_gateway, sender_id="8809600000000").send_sms(phone="01712345678", text="hi")
    # then it is the documented 1002
    assert caught.value.code == "1002"
    assert caught.value.retryable is False


def test_number_the_gateway_refuses_is_an_invalid_recipient(sms_gateway):
    # given a well-formed number the operators do not know
    sms_gateway.invalid_numbers.add("8801912345678")
    # when an SMS is sent to it
    with pytest.raises(SmsInvalidRecipient) as caught:
        client_for(sms_gateway).send_sms(phone="01912345678", text="hi")
    # then the gateway's 1001 becomes an invalid recipient, not retried
    assert caught.value.code == "1001"
    assert caught.value.retryable is False
    assert sms_gateway.requests[0].response_code == 1001


def test_malformed_number_is_refused_before_any_request(sms_gateway):
    # when the number is not a Bangladeshi mobile
    with pytest.raises(SmsInvalidRecipient) as caught:
        client_for(sms_gateway).send_sms(phone="01212345678", text="hi")
    # then the client says so and the gateway is not asked
    assert caught.value.code == "invalid_number"
    assert sms_gateway.requests == []


@pytest.mark.parametrize(("kind", "code"), [("http_500", "http_500"), ("internal_error", "1005")])
def test_gateway_trouble_is_temporary(sms_gateway, kind, code):
    # given the gateway fails once
    sms_gateway.fail_next(kind=kind)
    # when an SMS is sent
    with pytest.raises(SmsTemporaryError) as caught:
        client_for(sms_gateway).send_sms(phone="01712345678", text="hi")
    # then a retry may help, and the next one goes through
    assert caught.value.code == code
    assert caught.value.retryable is True
    client_for(sms_gateway).send_sms(phone="01712345678", text="hi")
    assert len(sms_gateway.messages) == 1


def test_empty_balance_is_temporary(sms_gateway):
    # given an account with credit for one part only
    sms_gateway.add_account("poor-key", SENDER_ID, balance=1)
    client = client_for(sms_gateway, api_key="poor-key")
    client.send_sms(phone="01712345678", text="hi")
    # when a second SMS is sent
    with pytest.raises(SmsTemporaryError) as caught:
        client.send_sms(phone="01712345678", text="hi")
    # then it is the documented 1007, worth retrying once someone tops up
    assert caught.value.code == "1007"
    assert len(sms_gateway.messages) == 1


def test_slow_gateway_times_out(sms_gateway):
    # given the gateway answers after the client's timeout
    sms_gateway.fail_next(kind="slow", seconds=1.0)
    # when an SMS is sent with a short timeout
    with pytest.raises(SmsTemporaryError) as caught:
        client_for(sms_gateway, timeout=0.2).send_sms(phone="01712345678", text="hi")
    # then it is a timeout, temporary
    assert caught.value.code == "timeout"


def test_unreachable_gateway_is_temporary():
    # given a loopback port nobody listens on
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = BulkSmsBdClient(
        api_url=f"http://127.0.0.1:{port}/api/smsapi", api_key=API_KEY, sender_id=SENDER_ID
    )
    # when an SMS is sent
    with pytest.raises(SmsTemporaryError) as caught:
        client.send_sms(phone="01712345678", text="hi")
    # then it is a network error, temporary
    assert caught.value.code == "network_error"


def test_client_repr_hides_the_key(sms_gateway):
    # when a client is shown in a log or traceback
    text = repr(client_for(sms_gateway))
    # then the key is not in it
    assert API_KEY not in text


# --- the simulator on its own, as any client would use it --------------------------------------


def test_simulator_accepts_get_with_query_string_as_the_api_does(sms_gateway):
    # when a client uses the documented GET form
    response = httpx.get(
        sms_gateway.url,
        params={
            "api_key": API_KEY,
            "type": "text",
            "number": "8801712345678,8801812345678",
            "senderid": SENDER_ID,
            "message": "Hello",
        },
    )
    # then the documented success answer comes back and both numbers got the SMS
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "response_code": 202,
        "message_id": body["message_id"],
        "success_message": "SMS Submitted Successfully",
        "error_message": "",
    }
    assert [message.number for message in sms_gateway.messages] == [
        "8801712345678",
        "8801812345678",
    ]


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"number": "01712345678"}, 1001, "Invalid Number"),
        ({"message": ""}, 1003, "Please Required all fields/Contact Your System Administrator"),
        ({"type": "flash"}, 1003, "Please Required all fields/Contact Your System Administrator"),
        # Bangla sent as text would reach phones as "?": the simulator refuses it.
        (
            {"type": "text", "message": "হাট"},
            1003,
            "Please Required all fields/Contact Your System Administrator",
        ),
        ({"api_key": "nobody"}, 1011, "User Id not found"),
        ({"senderid": "HAAT"}, 1002, "sender id not correct/sender id is disabled"),
    ],
)
def test_simulator_refuses_as_documented(sms_gateway, fields, code, message):
    # given an otherwise good request with one thing wrong
    form = {
        "api_key": API_KEY,
        "type": "unicode",
        "number": "8801712345678",
        "senderid": SENDER_ID,
        "message": "হাট",
    }
    form.update(fields)
    # when it is posted
    response = httpx.post(sms_gateway.url, data=form)
    # then the answer is HTTP 200 with the documented code and message, and nothing is sent
    assert response.status_code == 200
    assert response.json() == {
        "response_code": code,
        "success_message": "",
        "error_message": message,
    }
    assert sms_gateway.messages == []


def test_simulator_lists_received_messages_for_the_demo(sms_gateway):
    # given one SMS sent
    client_for(sms_gateway).send_sms(phone="01712345678", text=BANGLA_TEXT)
    # when the demo asks what arrived
    response = httpx.get(f"http://127.0.0.1:{sms_gateway.port}/messages")
    # then it sees the message as the phone would
    [listed] = response.json()["messages"]
    assert listed["number"] == "8801712345678"
    assert listed["message"] == BANGLA_TEXT
    assert listed["type"] == "unicode"
    assert listed["parts"] == 1


def test_simulator_command_line_rejects_bad_arguments():
    # when the standalone simulator is started with a port that is not a number
    with pytest.raises(SystemExit) as caught:
        main(["--port", "eighty"])
    # then argparse stops it with a usage error
    assert caught.value.code == 2
