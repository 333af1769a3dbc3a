"""The plugin end to end: manager.notify -> message log in the transaction -> task after commit."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.marketplace.models import VendorStatus
from backend.marketplace.services import approve_vendor
from plugins.framework.configuration import update_plugin_configuration
from plugins.framework.error_codes import PluginErrorCode
from plugins.framework.manager import PluginsManager
from plugins.framework.models import PluginConfiguration
from plugins.notifications.delivery import MAX_ATTEMPTS
from plugins.notifications.models import MessageStatus, MessageTransport, NotificationMessage
from plugins.notifications.plugin import NotificationsPlugin
from plugins.notifications.tasks import send_notification_message_task
from tests.conftest import grant
from tests.factories import UserFactory, VendorFactory

from .conftest import API_KEY, SENDER_ID, order_payload, store_configuration

BANGLA_ORDER_SMS = "হাট: অর্ডার #১০২৪ গ্রহণ করা হয়েছে। মোট ১২,৫০,০০০.৫০৳। কেন্দ্র: কালীগঞ্জ ইউডিসি। ধন্যবাদ!"


def test_console_backend_prints_the_sms_after_commit(
    manager, django_capture_on_commit_callbacks, capsys
):
    # given the plugin with its defaults (console SMS: the demo)
    # when an order confirmation is notified and the transaction commits
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("order_confirmation", order_payload(), channel_slug="bd")
    # then one SMS was printed, to the normalised number, in Bangla
    assert len(callbacks) == 1
    printed = capsys.readouterr().out
    assert printed == (
        f"---------- SMS to +8801712345678 ----------\n{BANGLA_ORDER_SMS}\n{'-' * 40}\n"
    )
    # and the log says it was sent by the console backend
    message = NotificationMessage.objects.get()
    assert message.status == MessageStatus.SENT
    assert message.backend == "console"
    assert message.transport == MessageTransport.SMS
    assert message.recipient == "+8801712345678"
    assert message.channel_slug == "bd"
    assert message.language_code == "bn"
    assert message.attempts == 1
    assert message.body == BANGLA_ORDER_SMS


def test_http_backend_sends_through_the_gateway(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given the plugin configured for the gateway (the key stored encrypted)
    # when an order confirmation is notified and committed
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmation", order_payload(), channel_slug="bd")
    # then the gateway received exactly the documented request, once
    assert len(sms_gateway.requests) == 1
    assert sms_gateway.requests[0].fields == {
        "api_key": API_KEY,
        "type": "unicode",
        "number": "8801712345678",
        "senderid": SENDER_ID,
        "message": BANGLA_ORDER_SMS,
    }
    [received] = sms_gateway.messages
    # and the log holds the gateway's message id
    message = NotificationMessage.objects.get()
    assert message.status == MessageStatus.SENT
    assert message.backend == "http"
    assert message.provider_message_id == str(received.message_id)
    assert message.error_code == ""


def test_english_payload_sends_english_sms(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given a payload in English, with the centre's English name
    payload = order_payload(language_code="en")
    payload["order"]["centre_name"] = "Kaliganj UDC"
    # when it is notified
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmation", payload)
    # then the SMS is English with ASCII digits, sent as GSM text
    [received] = sms_gateway.messages
    assert received.type == "text"
    assert received.message == (
        "Haat: order #1024 received. Total BDT1,250,000.50. Centre: Kaliganj UDC. Thank you!"
    )
    assert NotificationMessage.objects.get().language_code == "en"


def test_bad_api_key_fails_once_and_is_not_retried(
    db, sms_gateway, manager, django_capture_on_commit_callbacks, caplog
):
    # given the plugin configured with a key the gateway does not know
    store_configuration(
        sms_backend="http",
        sms_api_url=sms_gateway.url,
        sms_api_key="a-wrong-secret-key",
        sms_sender_id=SENDER_ID,
    )
    # when an SMS is notified
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        manager.notify("account_phone_otp", {"recipient_phone": "01712345678", "code": "1234"})
    # then the gateway was asked once, the message failed with its code, and nothing leaked the key
    assert len(sms_gateway.requests) == 1
    assert sms_gateway.messages == []
    message = NotificationMessage.objects.get()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 1
    assert message.error_code == "1011"
    assert message.error_message == "The SMS gateway refused the message: 1011 User Id not found."
    assert "a-wrong-secret-key" not in caplog.text
    assert "a-wrong-secret-key" not in repr(manager.get_plugin("haat.notifications"))


def test_number_refused_by_gateway_is_not_retried(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given a number the operators do not know
    sms_gateway.invalid_numbers.add("8801712345678")
    # when an SMS is notified to it
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmed", order_payload())
    # then one request, a failed message with the gateway's 1001
    assert len(sms_gateway.requests) == 1
    message = NotificationMessage.objects.get()
    assert (message.status, message.error_code, message.attempts) == (
        MessageStatus.FAILED,
        "1001",
        1,
    )


def test_gateway_errors_are_retried_until_it_answers(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given a gateway that fails twice (HTTP 500, then its internal error 1005)
    sms_gateway.fail_next(kind="http_500")
    sms_gateway.fail_next(kind="internal_error")
    # when an SMS is notified (the eager task retries at once)
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmed", order_payload())
    # then the third attempt went through, and the SMS arrived once
    assert len(sms_gateway.requests) == 3
    assert len(sms_gateway.messages) == 1
    message = NotificationMessage.objects.get()
    assert (message.status, message.attempts, message.error_code) == (MessageStatus.SENT, 3, "")


def test_an_events_sms_and_email_are_one_task_and_the_sms_still_retries_on_its_own(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks, mailoutbox
):
    # given a gateway that fails once
    sms_gateway.fail_next(kind="http_500")
    # when an event names a phone and an address
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("order_confirmed", order_payload(recipient_email="karim@example.com"))
    # then one task was scheduled for both; the e-mail went at once, the SMS on its retry
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert len(sms_gateway.requests) == 2
    assert len(sms_gateway.messages) == 1
    assert sorted(NotificationMessage.objects.values_list("transport", "status", "attempts")) == [
        ("email", "sent", 1),
        ("sms", "sent", 2),
    ]


def test_retries_stop_after_the_last_attempt(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given a gateway that keeps failing
    sms_gateway.fail_next(MAX_ATTEMPTS + 3, kind="http_500")
    # when an SMS is notified
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmed", order_payload())
    # then it was tried MAX_ATTEMPTS times and marked failed
    assert len(sms_gateway.requests) == MAX_ATTEMPTS
    message = NotificationMessage.objects.get()
    assert (message.status, message.attempts, message.error_code) == (
        MessageStatus.FAILED,
        MAX_ATTEMPTS,
        "http_500",
    )


def test_task_run_twice_sends_once(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks
):
    # given a message sent after commit
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmed", order_payload())
    message = NotificationMessage.objects.get()
    # when the task runs again for it (a redelivered or duplicated task)
    outcome = send_notification_message_task.apply(args=[message.pk]).get()
    # then nothing more is sent
    assert outcome == "skipped"
    assert len(sms_gateway.messages) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)


def test_rolled_back_transaction_sends_nothing(
    http_backend, sms_gateway, manager, django_capture_on_commit_callbacks, mailoutbox
):
    # when the change that notified is rolled back
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match=r"^payment failed$"),
        transaction.atomic(),
    ):
        manager.notify("order_confirmation", order_payload(recipient_email="karim@example.com"))
        raise RuntimeError("payment failed")
    # then no task ran, no message is logged, nothing reached the gateway or the mailbox
    assert callbacks == []
    assert NotificationMessage.objects.count() == 0
    assert sms_gateway.requests == []
    assert mailoutbox == []


def test_email_is_sent_with_subject_and_body(
    manager, django_capture_on_commit_callbacks, mailoutbox
):
    # given the plugin with e-mail on, and no phone in the payload
    payload = order_payload(recipient_phone="", recipient_email="karim@example.com")
    # when an order confirmation is notified
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmation", payload)
    # then one Bangla e-mail went out, from the default sender
    [email] = mailoutbox
    assert email.to == ["karim@example.com"]
    assert email.subject == "অর্ডার #১০২৪ গ্রহণ করা হয়েছে"
    assert email.body.startswith("প্রিয় Karim,\n\nআপনার অর্ডার #১০২৪ আমরা পেয়েছি (৫ মার্চ ২০২৫, ১৫:০৭)।")
    assert email.from_email == "Haat <no-reply@haat.test>"
    message = NotificationMessage.objects.get()
    assert (message.transport, message.status, message.backend) == ("email", "sent", "email")


def test_sms_and_email_when_both_are_known(
    db, manager, django_capture_on_commit_callbacks, mailoutbox, capsys
):
    # given a configured e-mail sender
    store_configuration(email_from="orders@haat.test")
    # when a payload names a phone and an address
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("order_canceled", order_payload(recipient_email="karim@example.com"))
    # then both were sent, each once, scheduled as one task after the commit
    assert len(callbacks) == 1
    assert [email.from_email for email in mailoutbox] == ["orders@haat.test"]
    assert capsys.readouterr().out.count("SMS to +8801712345678") == 1
    assert sorted(NotificationMessage.objects.values_list("transport", "status")) == [
        ("email", "sent"),
        ("sms", "sent"),
    ]


def test_sms_can_be_switched_off(db, manager, django_capture_on_commit_callbacks, mailoutbox):
    # given SMS disabled in the configuration
    store_configuration(sms_enabled=False)
    # when a payload names a phone and an address
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_canceled", order_payload(recipient_email="karim@example.com"))
    # then only the e-mail is written and sent
    assert list(NotificationMessage.objects.values_list("transport", flat=True)) == ["email"]
    assert len(mailoutbox) == 1


def test_invalid_phone_is_logged_as_failed_and_not_scheduled(
    manager, django_capture_on_commit_callbacks
):
    # when the payload's number is not a Bangladeshi mobile
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("order_confirmed", order_payload(recipient_phone="12345"))
    # then the message is on record as failed, and no task was asked for
    assert callbacks == []
    message = NotificationMessage.objects.get()
    assert (message.status, message.error_code, message.recipient, message.attempts) == (
        MessageStatus.FAILED,
        "invalid_number",
        "12345",
        0,
    )


def test_event_without_templates_writes_nothing(manager, django_capture_on_commit_callbacks):
    # when an event this plugin has no templates for is notified
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("send_gift_card", order_payload())
    # then nothing is written or scheduled
    assert callbacks == []
    assert NotificationMessage.objects.count() == 0


def test_inactive_plugin_is_not_reached(db, django_capture_on_commit_callbacks, capsys):
    # given the plugin switched off in the database
    store_configuration(active=False)
    manager = PluginsManager(plugin_classes=[NotificationsPlugin])
    # when something is notified
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        manager.notify("order_confirmation", order_payload())
    # then the plugin did nothing
    assert callbacks == []
    assert NotificationMessage.objects.count() == 0
    assert capsys.readouterr().out == ""


def test_registered_plugin_is_reached_through_the_default_manager(
    db, django_capture_on_commit_callbacks
):
    # given the manager built from the PLUGINS setting, as requests and tasks build it
    from plugins.framework.manager import get_plugins_manager

    manager = get_plugins_manager()
    # when an OTP is notified
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("account_phone_otp", {"recipient_phone": "+8801712345678", "code": "4821"})
    # then this plugin wrote and sent it
    message = NotificationMessage.objects.get(event="account_phone_otp")
    assert message.status == MessageStatus.SENT
    assert message.body == "হাট: আপনার যাচাই কোড ৪৮২১। কোডটি ৫ মিনিট বৈধ। কাউকে জানাবেন না।"


def test_vendor_approval_tells_the_entrepreneur(
    http_backend, sms_gateway, django_capture_on_commit_callbacks
):
    # given a pending vendor whose owner reads Bangla, and a staff member who may approve
    owner = UserFactory(phone="+8801812345678", first_name="রিনা")
    vendor = VendorFactory(
        owner=owner, status=VendorStatus.PENDING, name="Rina Crafts", name_bn="রিনা ক্রাফটস"
    )
    staff = UserFactory(is_staff=True, phone=None, email="vendors@haat.test")
    grant(staff, "marketplace.manage_vendors")
    manager = PluginsManager(plugin_classes=[NotificationsPlugin])
    # when the vendor is approved through the domain service
    with django_capture_on_commit_callbacks(execute=True):
        approve_vendor(vendor=vendor, approved_by=staff, manager=manager)
    # then the owner got the Bangla SMS through the gateway
    [received] = sms_gateway.messages
    assert received.number == "8801812345678"
    assert received.message == (
        'হাট: অভিনন্দন! আপনার দোকান "রিনা ক্রাফটস" অনুমোদিত হয়েছে। এখন পণ্য যোগ করতে পারেন।'
    )
    message = NotificationMessage.objects.get()
    assert (message.event, message.status) == ("vendor_approved", MessageStatus.SENT)


def test_vendor_contact_numbers_win_over_the_owner(
    db, manager, django_capture_on_commit_callbacks, mailoutbox, capsys
):
    # given a vendor with its own shop phone and e-mail, and an English-reading owner
    owner = UserFactory(phone="+8801812345678", language_code="en")
    vendor = VendorFactory(owner=owner, phone="+8801912345678", email="shop@example.com")
    # when the hook runs
    with django_capture_on_commit_callbacks(execute=True):
        manager.vendor_approved(vendor)
    # then the shop's contacts got the English messages
    assert "SMS to +8801912345678" in capsys.readouterr().out
    [email] = mailoutbox
    assert email.to == ["shop@example.com"]
    assert email.subject == "Your shop is approved"


def test_configuration_for_the_gateway_needs_url_key_and_sender():
    # when the gateway is chosen without its key and sender id
    with pytest.raises(ValidationError) as caught:
        NotificationsPlugin.validate_plugin_configuration(
            {"sms_backend": "http", "sms_enabled": True, "sms_api_url": "https://x.test/api"},
            active=True,
        )
    # then both missing fields are named, with Saleor's code
    errors = caught.value.error_dict
    assert sorted(errors) == ["sms_api_key", "sms_sender_id"]
    assert errors["sms_api_key"][0].code == PluginErrorCode.PLUGIN_MISCONFIGURED


@pytest.mark.parametrize(
    ("configuration", "field", "code"),
    [
        ({"sms_backend": "pigeon"}, "sms_backend", PluginErrorCode.INVALID),
        (
            {
                "sms_backend": "http",
                "sms_enabled": True,
                "sms_api_url": "ftp://x.test",
                "sms_api_key": "k",
                "sms_sender_id": "s",
            },
            "sms_api_url",
            PluginErrorCode.INVALID,
        ),
    ],
)
def test_configuration_refuses_unknown_backend_and_non_http_url(configuration, field, code):
    # when a wrong configuration is validated
    with pytest.raises(ValidationError) as caught:
        NotificationsPlugin.validate_plugin_configuration(configuration, active=True)
    # then the field and code say what is wrong
    assert list(caught.value.error_dict) == [field]
    assert caught.value.error_dict[field][0].code == code


def test_console_configuration_is_valid_without_gateway_fields():
    # when the demo configuration is validated
    result = NotificationsPlugin.validate_plugin_configuration(
        {"sms_backend": "console", "sms_enabled": True}, active=True
    )
    # then it passes
    assert result is None


def test_admin_lists_the_message_log(client, manager, django_capture_on_commit_callbacks):
    # given a sent message and a superuser
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("order_confirmed", order_payload())
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    # when the log is opened and searched by number
    response = client.get("/dashboard/notifications/notificationmessage/?q=8801712345678")
    # then the message is listed
    assert response.status_code == 200
    assert b"order_confirmed" in response.content


def test_gateway_configured_through_plugin_update_sends_with_the_decrypted_key(
    db, sms_gateway, django_capture_on_commit_callbacks
):
    # given the gateway set up through the one write path pluginUpdate and the admin use
    row = update_plugin_configuration(
        plugin_id="haat.notifications",
        channel=None,
        active=True,
        configuration=[
            {"name": "sms_backend", "value": "http"},
            {"name": "sms_api_url", "value": sms_gateway.url},
            {"name": "sms_api_key", "value": API_KEY},
            {"name": "sms_sender_id", "value": SENDER_ID},
        ],
        plugin_classes=[NotificationsPlugin],
    )
    manager = PluginsManager(plugin_classes=[NotificationsPlugin])
    # when an OTP is notified
    with django_capture_on_commit_callbacks(execute=True):
        manager.notify("account_phone_otp", {"recipient_phone": "01712345678", "code": "4821"})
    # then the key is stored encrypted, and the gateway received it in clear
    stored_key = next(item["value"] for item in row.configuration if item["name"] == "sms_api_key")
    assert stored_key != API_KEY
    assert stored_key.startswith("fernet:")
    assert sms_gateway.requests[0].fields["api_key"] == API_KEY
    assert len(sms_gateway.messages) == 1


def test_gateway_without_its_key_is_refused_by_plugin_update(db):
    # when the gateway is chosen without a key
    with pytest.raises(ValidationError) as caught:
        update_plugin_configuration(
            plugin_id="haat.notifications",
            channel=None,
            active=True,
            configuration=[
                {"name": "sms_backend", "value": "http"},
                {"name": "sms_sender_id", "value": SENDER_ID},
            ],
            plugin_classes=[NotificationsPlugin],
        )
    # then the missing key is named and nothing was stored
    assert list(caught.value.error_dict) == ["sms_api_key"]
    assert not PluginConfiguration.objects.filter(identifier="haat.notifications").exists()


@pytest.mark.parametrize(
    ("claimed_minutes_ago", "outcome", "sent"), [(11, "sent", 1), (1, "skipped", 0)]
)
def test_a_message_left_sending_is_claimed_again_only_when_stale(
    http_backend, sms_gateway, claimed_minutes_ago, outcome, sent
):
    # given a message a worker claimed and never finished (it died, or is still busy)
    message = NotificationMessage.objects.create(
        event="order_confirmed",
        transport=MessageTransport.SMS,
        recipient="+8801712345678",
        body="Haat: test",
        status=MessageStatus.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(minutes=claimed_minutes_ago),
    )
    # when the task runs for it again
    result = send_notification_message_task.apply(args=[message.pk]).get()
    # then a stale claim is taken over and sent; a fresh one is left to its worker
    assert result == outcome
    assert len(sms_gateway.messages) == sent
