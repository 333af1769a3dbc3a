"""Who may change a checkout, for every checkout mutation: a checkout attached to a customer is
theirs alone. Anyone else (anonymous, another customer, staff without MANAGE_CHECKOUTS) is told
it does not exist, and nothing changes; its customer's call succeeds."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.forms.models import model_to_dict

from backend.accounts.models import Address
from backend.checkout.models import Checkout, CheckoutLine
from backend.orders.models import Order
from tests.factories import UserFactory
from tests.voucher_factories import make_voucher

from .conftest import DHAKA_ADDRESS, line, method_id, ready_checkout

pytestmark = pytest.mark.usefixtures("bangladesh")


@dataclass(frozen=True)
class Case:
    arguments: str  # the mutation's variable declarations besides $id
    call: str  # its arguments besides id
    variables: object  # (shop, checkout) -> variables besides id
    signed_in_only: bool = False  # anonymous callers get Saleor's PermissionDenied


CASES = {
    "checkoutLinesAdd": Case(
        "$lines: [CheckoutLineInput!]!",
        "lines: $lines",
        lambda shop, checkout: {"lines": [line(shop.gazipur_variant)]},
    ),
    "checkoutLinesUpdate": Case(
        "$lines: [CheckoutLineUpdateInput!]!",
        "lines: $lines",
        lambda shop, checkout: {"lines": [{"lineId": checkout["lines"][0]["id"], "quantity": 3}]},
    ),
    "checkoutLinesDelete": Case(
        "$ids: [ID!]!",
        "linesIds: $ids",
        lambda shop, checkout: {"ids": [checkout["lines"][0]["id"]]},
    ),
    "checkoutLineDelete": Case(
        "$lineId: ID",
        "lineId: $lineId",
        lambda shop, checkout: {"lineId": checkout["lines"][0]["id"]},
    ),
    "checkoutEmailUpdate": Case(
        "$email: String!", "email: $email", lambda shop, checkout: {"email": "new@example.com"}
    ),
    "checkoutShippingAddressUpdate": Case(
        "$address: AddressInput!",
        "shippingAddress: $address",
        lambda shop, checkout: {"address": DHAKA_ADDRESS},
    ),
    "checkoutBillingAddressUpdate": Case(
        "$address: AddressInput!",
        "billingAddress: $address",
        lambda shop, checkout: {"address": DHAKA_ADDRESS},
    ),
    "checkoutDeliveryMethodUpdate": Case(
        "$method: ID",
        "deliveryMethodId: $method",
        lambda shop, checkout: {"method": method_id(shop.courier)},
    ),
    "checkoutCustomerAttach": Case("", "", lambda shop, checkout: {}, signed_in_only=True),
    "checkoutCustomerDetach": Case("", "", lambda shop, checkout: {}, signed_in_only=True),
    "checkoutLanguageCodeUpdate": Case(
        "$language: LanguageCodeEnum!",
        "languageCode: $language",
        lambda shop, checkout: {"language": "EN"},
    ),
    "checkoutCustomerNoteUpdate": Case(
        "$note: String!",
        "customerNote: $note",
        lambda shop, checkout: {"note": "Call before coming"},
    ),
    "checkoutAddPromoCode": Case(
        "$code: String!", "promoCode: $code", lambda shop, checkout: {"code": "TAKA20"}
    ),
    "checkoutRemovePromoCode": Case(
        "$code: String", "promoCode: $code", lambda shop, checkout: {"code": "TAKA50"}
    ),
    "checkoutComplete": Case("", "", lambda shop, checkout: {}),
}


def _mutation(name: str, case: Case) -> str:
    declarations = ", ".join(part for part in ("$id: ID!", case.arguments) if part)
    arguments = ", ".join(part for part in ("id: $id", case.call) if part)
    return f"mutation({declarations}) {{ {name}({arguments}) {{ errors {{ field code }} }} }}"


def _state() -> tuple:
    """Everything a checkout mutation could change."""
    checkouts = [model_to_dict(checkout) for checkout in Checkout.objects.order_by("pk")]
    lines = [model_to_dict(line) for line in CheckoutLine.objects.order_by("pk")]
    addresses = [model_to_dict(address) for address in Address.objects.order_by("pk")]
    return checkouts, lines, addresses, Order.objects.count()


@pytest.fixture
def owned(api_client, shop, customer_user) -> dict:
    """A customer's checkout, ready to complete, carrying a voucher code."""
    make_voucher("TAKA50", value="50.00", channel=shop.channel)
    make_voucher("TAKA20", value="20.00", channel=shop.channel)
    client = api_client.as_user(customer_user)
    checkout = ready_checkout(
        client, [line(shop.gazipur_variant, 2)], delivery=method_id(shop.postal)
    )
    added = client.execute(
        'mutation($id: ID) { checkoutAddPromoCode(id: $id, promoCode: "TAKA50") '
        "{ errors { code } } }",
        {"id": checkout["id"]},
    )
    assert added["checkoutAddPromoCode"]["errors"] == []
    assert Checkout.objects.get().user == customer_user
    return checkout


@pytest.mark.parametrize("name", CASES)
def test_only_its_customer_changes_an_attached_checkout(
    name, api_client, shop, owned, customer_user, staff_user
):
    case = CASES[name]
    mutation = _mutation(name, case)
    variables = {"id": owned["id"], **case.variables(shop, owned)}
    before = _state()
    # when anyone else calls the mutation
    for caller in (None, UserFactory(), staff_user):
        client = api_client.as_user(caller) if caller is not None else api_client
        response = client.execute_raw(mutation, variables)
        # then the checkout does not exist for them (or, for a customer-only mutation, an
        # anonymous caller is refused outright), and nothing changes
        if caller is None and case.signed_in_only:
            assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
        else:
            assert "errors" not in response, response["errors"]
            assert response["data"][name]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        assert _state() == before
    # and its customer may
    result = api_client.as_user(customer_user).execute(mutation, variables)
    assert result[name]["errors"] == []
    if name == "checkoutComplete":
        assert Order.objects.get().user == customer_user
