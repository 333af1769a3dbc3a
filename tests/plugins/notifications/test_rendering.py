"""Templates: every event in Bangla and English, Bangla digits for Bangla, ASCII for English."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from plugins.notifications.gsm import is_gsm7, sms_parts
from plugins.notifications.models import MessageTransport
from plugins.notifications.rendering import NotifyEvent, language_of, render_message

ASCII_DIGITS = set("0123456789")

FULL_PAYLOAD = {
    "user": {"first_name": "করিম"},
    "code": "739104",
    "valid_minutes": 10,
    "confirm_url": "https://haat.example/confirm/abc",
    "reset_url": "https://haat.example/reset/abc",
    "order": {
        "number": 1024,
        "total": Decimal("1250000.50"),
        "created": datetime(2025, 3, 5, 9, 7, tzinfo=UTC),
        "centre_name": "কালীগঞ্জ ইউডিসি",
    },
    "payment": {"amount": "1250"},
    "fulfillment": {"tracking_number": ""},
    "vendor": {"name": "Rina Crafts", "name_bn": "রিনা ক্রাফটস", "approved_at": None},
}


@pytest.mark.parametrize("event", NotifyEvent.CHOICES)
@pytest.mark.parametrize("language", ["bn", "en"])
def test_every_event_has_an_sms_in_both_languages(event, language):
    # when the SMS of any event is rendered
    message = render_message(event, MessageTransport.SMS, FULL_PAYLOAD, language)
    # then there is one, on a single line, without a subject
    assert message is not None
    assert message.subject == ""
    assert message.body
    assert "\n" not in message.body


@pytest.mark.parametrize("event", NotifyEvent.CHOICES)
def test_bangla_messages_have_no_ascii_digits(event):
    # when the Bangla SMS and e-mail of any event are rendered (URLs hold no digits here)
    sms = render_message(event, MessageTransport.SMS, FULL_PAYLOAD, "bn")
    email = render_message(event, MessageTransport.EMAIL, FULL_PAYLOAD, "bn")
    # then every number in them is written in Bangla digits
    texts = [sms.body] + ([email.subject, email.body] if email else [])
    for text in texts:
        assert not set(text) & ASCII_DIGITS, text


def test_bangla_order_confirmation_sms_uses_bangla_digits_lakh_grouping_and_taka():
    # when the order confirmation SMS is rendered in Bangla
    message = render_message(
        NotifyEvent.ORDER_CONFIRMATION, MessageTransport.SMS, FULL_PAYLOAD, "bn"
    )
    # then the order number, the amount and the centre read as a Bangla reader expects
    assert message.body == (
        "হাট: অর্ডার #১০২৪ গ্রহণ করা হয়েছে। মোট ১২,৫০,০০০.৫০৳। কেন্দ্র: কালীগঞ্জ ইউডিসি। ধন্যবাদ!"
    )


def test_english_order_confirmation_sms_uses_ascii_digits():
    # when the same SMS is rendered in English
    message = render_message(
        NotifyEvent.ORDER_CONFIRMATION, MessageTransport.SMS, FULL_PAYLOAD, "en"
    )
    # then the digits are ASCII, grouped in thousands
    assert message.body == (
        "Haat: order #1024 received. Total BDT1,250,000.50. Centre: কালীগঞ্জ ইউডিসি. Thank you!"
    )


def test_bangla_otp_sms_writes_the_code_in_bangla_digits():
    # when the OTP SMS is rendered in Bangla and in English
    bangla = render_message(NotifyEvent.ACCOUNT_PHONE_OTP, "sms", FULL_PAYLOAD, "bn")
    english = render_message(NotifyEvent.ACCOUNT_PHONE_OTP, "sms", FULL_PAYLOAD, "en")
    # then the code and its validity are in the reader's digits, and it fits one SMS part each
    assert bangla.body == "হাট: আপনার যাচাই কোড ৭৩৯১০৪। কোডটি ১০ মিনিট বৈধ। কাউকে জানাবেন না।"
    assert english.body == (
        "Haat: your verification code is 739104. It is valid for 10 minutes. Do not share it."
    )
    assert sms_parts(bangla.body) == 1
    assert sms_parts(english.body) == 1
    assert is_gsm7(english.body)
    assert not is_gsm7(bangla.body)


def test_otp_is_sent_by_sms_only():
    # when the OTP's e-mail is asked for
    message = render_message(NotifyEvent.ACCOUNT_PHONE_OTP, "email", FULL_PAYLOAD, "bn")
    # then there is none: codes go to the phone
    assert message is None


def test_bangla_order_email_has_subject_body_and_dhaka_time():
    # when the order confirmation e-mail is rendered in Bangla
    message = render_message(
        NotifyEvent.ORDER_CONFIRMATION, MessageTransport.EMAIL, FULL_PAYLOAD, "bn"
    )
    # then the subject is its first line and the time is Dhaka's (09:07 UTC is 15:07 there)
    assert message.subject == "অর্ডার #১০২৪ গ্রহণ করা হয়েছে"
    assert message.body == (
        "প্রিয় করিম,\n\n"
        "আপনার অর্ডার #১০২৪ আমরা পেয়েছি (৫ মার্চ ২০২৫, ১৫:০৭)।\n"
        "মোট: ১২,৫০,০০০.৫০৳\n"
        "কেন্দ্র: কালীগঞ্জ ইউডিসি\n\n"
        "হাটে কেনাকাটার জন্য ধন্যবাদ।\n\n"
        "— হাট\n"
    )


def test_english_order_email_has_dhaka_time_in_english():
    # when the same e-mail is rendered in English
    message = render_message(
        NotifyEvent.ORDER_CONFIRMATION, MessageTransport.EMAIL, FULL_PAYLOAD, "en"
    )
    # then the time is Dhaka's, written in English
    assert message.subject == "Order #1024 received"
    assert "We have received your order #1024 (5 March 2025, 3:07 PM).\n" in message.body
    assert "Total: BDT1,250,000.50\n" in message.body


def test_unknown_event_has_no_template():
    # when an event nobody wrote templates for is rendered
    message = render_message("gift_card_sent", "sms", FULL_PAYLOAD, "bn")
    # then there is nothing to send
    assert message is None


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("bn", "bn"), ("bn-BD", "bn"), ("en", "en"), ("en-GB", "en"), ("fr", "bn"), (None, "bn")],
)
def test_language_comes_from_the_payload_and_defaults_to_bangla(language_code, expected):
    # when the payload names a language (or none, or one without templates)
    language = language_of({"language_code": language_code})
    # then Bangla is chosen unless English is asked for
    assert language == expected


@pytest.mark.parametrize(
    ("text", "parts"),
    [("a" * 160, 1), ("a" * 161, 2), ("আ" * 70, 1), ("আ" * 71, 2), ("আ" * 134, 2), ("€" * 80, 1)],
)
def test_sms_parts_follow_gsm_and_ucs2_limits(text, parts):
    # when a text's parts are counted
    # then GSM text fits 160 (153 per part) and Bangla 70 (67 per part)
    assert sms_parts(text) == parts


@pytest.mark.parametrize("language", ["bn", "en"])
@pytest.mark.parametrize("transport", [MessageTransport.SMS, MessageTransport.EMAIL])
def test_account_confirmation_link_is_not_html_escaped(language, transport):
    # given a confirmation link with a query string, for a customer without a name
    url = "https://haat.example/confirm/?email=%2B8801712345678&token=abc-123"
    payload = {"user": {"first_name": ""}, "confirm_url": url}
    # when the message is rendered
    message = render_message(NotifyEvent.ACCOUNT_CONFIRMATION, transport, payload, language)
    # then the link is there exactly as given, and no empty name leaves a stray comma
    assert url in message.body
    assert "&amp;" not in message.body
    assert ": ," not in message.body


def test_account_confirmation_sms_texts():
    # when the SMS is rendered in both languages for a named customer
    payload = {"user": {"first_name": "Karim"}, "confirm_url": "https://haat.example/c"}
    bangla = render_message(NotifyEvent.ACCOUNT_CONFIRMATION, MessageTransport.SMS, payload, "bn")
    english = render_message(NotifyEvent.ACCOUNT_CONFIRMATION, MessageTransport.SMS, payload, "en")
    # then each says what to do, with the link
    assert bangla.body == ("হাট: Karim, আপনার অ্যাকাউন্ট নিশ্চিত করতে এই লিংকে যান: https://haat.example/c")
    assert english.body == "Haat: Karim, confirm your account here: https://haat.example/c"
