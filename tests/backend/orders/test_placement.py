"""`place_order`: a draft becomes an order with vendor parts, frozen lines, events, hooks and the
customer's SMS, in a constant number of statements."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import Address
from backend.orders.models import (
    ChargeStatus,
    Order,
    OrderEvents,
    OrderLine,
    OrderOrigin,
    OrderStatus,
)
from backend.orders.placement import place_order
from plugins.framework.base import BasePlugin
from plugins.framework.manager import PluginsManager
from plugins.notifications.models import MessageStatus, MessageTransport, NotificationMessage
from plugins.notifications.plugin import NotificationsPlugin
from tests.factories import (
    CentreFactory,
    ChannelFactory,
    ProductVariantFactory,
    UserFactory,
    VendorFactory,
    WarehouseFactory,
)

from .drafts import ADDRESS, build_draft

pytestmark = pytest.mark.django_db


class OrderHooksRecorder(BasePlugin):
    PLUGIN_ID = "tests.order-hooks"
    PLUGIN_NAME = "Order hooks"
    DEFAULT_ACTIVE = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heard: list[tuple[str, object]] = []

    def order_created(self, order, previous_value):
        self.heard.append(("order_created", order.pk))
        return previous_value

    def order_confirmed(self, order, previous_value):
        self.heard.append(("order_confirmed", order.pk))
        return previous_value


def _recorder(manager: PluginsManager) -> OrderHooksRecorder:
    plugin = manager.get_plugin(OrderHooksRecorder.PLUGIN_ID, "bd")
    assert isinstance(plugin, OrderHooksRecorder)
    return plugin


@pytest.fixture
def two_vendor_variants():
    first, second = VendorFactory(), VendorFactory()
    return (
        ProductVariantFactory(product__vendor=first),
        ProductVariantFactory(product__vendor=first),
        ProductVariantFactory(product__vendor=second),
    )


def test_place_order_writes_the_order_its_vendor_parts_and_frozen_lines(two_vendor_variants):
    # given a confirming channel and a draft of two vendors' lines
    channel = ChannelFactory()
    assert channel.automatically_confirm_all_new_orders
    customer = UserFactory(first_name="করিম")
    rice, lentils, honey = two_vendor_variants
    draft = build_draft(
        channel,
        [
            (rice, 2, Decimal("115.00")),
            (lentils, 1, Decimal("230.00")),
            (honey, 3, Decimal("50.00")),
        ],
        user_id=customer.pk,
        customer_phone=customer.phone,
        billing_address=ADDRESS,
        shipping_address=ADDRESS,
    )
    manager = PluginsManager(plugin_classes=[OrderHooksRecorder])

    # when it is placed
    order = place_order(draft, user=customer, manager=manager)

    # then the order is confirmed, unpaid, and priced as the draft
    order = Order.objects.get(pk=order.pk)
    assert (order.status, order.origin, order.charge_status) == (
        OrderStatus.UNFULFILLED,
        OrderOrigin.DRAFT,
        ChargeStatus.NONE,
    )
    assert order.user == customer
    assert order.customer_phone == customer.phone
    assert order.subtotal_gross_amount == Decimal("610.00")
    assert order.shipping_price_gross_amount == Decimal("120.00")
    assert order.total_gross_amount == Decimal("730.00")
    assert order.total_net_amount == draft.total.net
    # with one vendor part per vendor, each with its own lines and parcel
    parts = {part.vendor_id: part for part in order.vendor_orders.all()}
    assert set(parts) == {rice.product.vendor_id, honey.product.vendor_id}
    first = parts[rice.product.vendor_id]
    assert (first.status, first.subtotal_gross_amount, first.total_gross_amount) == (
        OrderStatus.UNFULFILLED,
        Decimal("460.00"),
        Decimal("520.00"),
    )
    assert {line.variant_id for line in first.lines.all()} == {rice.pk, lentils.pk}
    rice_line = OrderLine.objects.get(order=order, variant=rice)
    assert (rice_line.quantity, rice_line.unit_price_gross_amount) == (2, Decimal("115.00"))
    assert rice_line.unit_price_net_amount == Decimal("100.00")
    assert rice_line.total_price_gross_amount == Decimal("230.00")
    assert rice_line.product_sku == rice.sku
    # and the addresses are the order's own copies
    assert order.billing_address_id != order.shipping_address_id
    assert order.shipping_address.postal_code == "1341"
    assert Address.objects.count() == 2
    # and the timeline says placed, confirmed, and who was told
    assert [event.type for event in order.events.all()] == [
        OrderEvents.PLACED,
        OrderEvents.CONFIRMED,
        OrderEvents.EMAIL_SENT,
    ]
    assert order.events.first().user == customer
    email_sent = order.events.get(type=OrderEvents.EMAIL_SENT)
    assert email_sent.parameters == {
        "email": customer.phone,
        "email_type": "order_confirmation",
    }
    # and the hooks heard of it
    assert _recorder(manager).heard == [("order_created", order.pk), ("order_confirmed", order.pk)]


def test_an_unconfirming_channel_places_an_unconfirmed_order():
    # given a channel that confirms orders by hand
    channel = ChannelFactory()
    channel.automatically_confirm_all_new_orders = False
    channel.save(update_fields=["automatically_confirm_all_new_orders"])
    variant = ProductVariantFactory()
    manager = PluginsManager(plugin_classes=[OrderHooksRecorder])

    # when a guest's order is placed
    order = place_order(
        build_draft(channel, [(variant, 1, Decimal("99.00"))], user_email="guest@example.com"),
        manager=manager,
    )

    # then it waits for confirmation; only order_created is heard
    assert order.status == OrderStatus.UNCONFIRMED
    assert order.vendor_orders.get().status == OrderStatus.UNCONFIRMED
    assert order.user is None
    assert [event.type for event in order.events.all()] == [
        OrderEvents.PLACED,
        OrderEvents.EMAIL_SENT,
    ]
    assert _recorder(manager).heard == [("order_created", order.pk)]


def test_numbers_increase_and_the_checkout_origin_is_kept():
    # given a channel and two drafts from checkouts
    channel = ChannelFactory()
    variant = ProductVariantFactory()
    manager = PluginsManager(plugin_classes=[])

    # when both are placed
    first = place_order(
        build_draft(channel, [(variant, 1, Decimal("10.00"))], checkout_token=uuid.uuid4()),
        manager=manager,
    )
    second = place_order(
        build_draft(channel, [(variant, 1, Decimal("10.00"))], checkout_token=uuid.uuid4()),
        manager=manager,
    )

    # then the second number follows the first, both from checkouts
    assert second.number > first.number
    assert first.origin == second.origin == OrderOrigin.CHECKOUT


def test_the_collection_points_centre_becomes_the_orders_centre():
    # given a draft collected at a centre's warehouse
    channel = ChannelFactory()
    centre = CentreFactory(name="Ashulia UDC", name_bn="আশুলিয়া ডিজিটাল সেন্টার")
    point = WarehouseFactory(centre=centre, name="Ashulia UDC counter")
    variant = ProductVariantFactory()
    draft = build_draft(
        channel,
        [(variant, 1, Decimal("10.00"))],
        collection_point_id=point.pk,
        shipping_per_vendor=Decimal("0.00"),
    )

    # when it is placed
    order = place_order(draft, manager=PluginsManager(plugin_classes=[]))

    # then the order belongs to the centre and names the collection point
    assert order.centre == centre
    assert order.collection_point == point
    assert order.collection_point_name == "Ashulia UDC counter"


def test_the_customer_gets_a_bangla_sms_after_commit(django_capture_on_commit_callbacks):
    # given a customer known by number, ordering for collection at a centre
    channel = ChannelFactory()
    centre = CentreFactory(name_bn="আশুলিয়া ডিজিটাল সেন্টার")
    point = WarehouseFactory(centre=centre)
    variant = ProductVariantFactory()
    draft = build_draft(
        channel,
        [(variant, 2, Decimal("625.00"))],
        customer_phone="+8801712345678",
        collection_point_id=point.pk,
        shipping_per_vendor=Decimal("0.00"),
    )

    # when it is placed and committed
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(draft, manager=PluginsManager(plugin_classes=[NotificationsPlugin]))

    # then one Bangla SMS with the order's number, total and centre was sent
    [message] = NotificationMessage.objects.all()
    assert (message.event, message.transport, message.recipient, message.status) == (
        "order_confirmation",
        MessageTransport.SMS,
        "+8801712345678",
        MessageStatus.SENT,
    )
    number = str(order.number).translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    assert message.body == (
        f"হাট: অর্ডার #{number} গ্রহণ করা হয়েছে। মোট ১,২৫০.০০৳। কেন্দ্র: আশুলিয়া ডিজিটাল সেন্টার। ধন্যবাদ!"
    )


def test_a_rolled_back_placement_leaves_nothing_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    # given a draft
    channel = ChannelFactory()
    draft = build_draft(
        channel, [(ProductVariantFactory(), 1, Decimal("10.00"))], customer_phone="+8801712345678"
    )

    # when the caller's transaction fails after placing it
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        place_order(draft, manager=PluginsManager(plugin_classes=[NotificationsPlugin]))
        raise RuntimeError("the stock ran out")

    # then no order, line, message or callback remains
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0
    assert NotificationMessage.objects.count() == 0
    assert callbacks == []


def test_a_draft_line_without_its_vendor_part_is_refused():
    # given a draft whose second vendor has no part
    channel = ChannelFactory()
    draft = build_draft(channel, [(ProductVariantFactory(), 1, Decimal("10.00"))])
    broken = build_draft(channel, [(ProductVariantFactory(), 1, Decimal("10.00"))])
    draft = replace(draft, lines=draft.lines + broken.lines)

    # when it is placed, then it is a programming error, and nothing is written
    with pytest.raises(ValueError, match="vendor part"):
        place_order(draft, manager=PluginsManager(plugin_classes=[]))
    assert Order.objects.count() == 0


def _statements_to_place(channel, variants) -> int:
    draft = build_draft(
        channel,
        [(variant, 1, Decimal("10.00")) for variant in variants],
        customer_phone="+8801712345678",
        billing_address=ADDRESS,
        shipping_address=ADDRESS,
    )
    manager = PluginsManager(plugin_classes=[NotificationsPlugin, OrderHooksRecorder])
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        place_order(draft, manager=manager)
    return len(queries)


def test_placement_runs_the_same_statements_for_1_and_20_lines():
    # given one line of one vendor, and 20 lines of 5 vendors
    channel = ChannelFactory()
    one = [ProductVariantFactory()]
    vendors = [VendorFactory() for _ in range(5)]
    twenty = [ProductVariantFactory(product__vendor=vendors[index % 5]) for index in range(20)]
    _statements_to_place(channel, one)  # warm the plugin configuration's first read

    # when each is placed, then both take the same number of statements
    assert _statements_to_place(channel, one) == _statements_to_place(channel, twenty)
