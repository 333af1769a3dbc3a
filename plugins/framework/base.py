"""`BasePlugin`: what a plugin declares and the hooks it may implement.

A hook receives the arguments of the event and `previous_value`, the result of the plugins
before it (or the manager's default); it returns the value handed to the next plugin. A plugin
that does not override a hook is skipped, so the value passes through unchanged.

Hooks run inside the caller's database transaction. A plugin with effects outside the database
(an HTTP call, an SMS) schedules them with `transaction.on_commit`, so a rolled-back change sends
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .interface import (
        DeliveryRequest,
        PaymentGatewayData,
        ShippingMethodData,
        TransactionSessionData,
        TransactionSessionResult,
    )


class ConfigurationTypeField(StrEnum):
    """Saleor's ConfigurationTypeFieldEnum values Haat supports."""

    STRING = "String"
    MULTILINE = "Multiline"
    BOOLEAN = "Boolean"
    SECRET = "Secret"  # noqa: S105 (a field type, not a secret)
    SECRET_MULTILINE = "SecretMultiline"  # noqa: S105

    @property
    def is_secret(self) -> bool:
        return self in (ConfigurationTypeField.SECRET, ConfigurationTypeField.SECRET_MULTILINE)


class ConfigItem(TypedDict):
    name: str
    value: Any


class ConfigField(TypedDict, total=False):
    type: ConfigurationTypeField
    label: str
    help_text: str


# The hooks, in one place: the manager, the docs and the tests read this list.
EVENT_HOOKS: tuple[str, ...] = (
    "product_created",
    "product_updated",
    "product_deleted",
    "product_variant_created",
    "product_variant_updated",
    "product_variant_deleted",
    "category_created",
    "category_updated",
    "category_deleted",
    "product_variant_stock_updated",
    "product_variant_out_of_stock",
    "product_variant_back_in_stock",
    "vendor_approved",
    "checkout_created",
    "checkout_updated",
    "order_created",
    "order_confirmed",
    "order_fully_paid",
    "order_cancelled",
    "order_fulfilled",
    "fulfillment_created",
)


class BasePlugin:
    """Subclass, set the class attributes, override the hooks the plugin needs."""

    PLUGIN_ID: ClassVar[str] = ""
    PLUGIN_NAME: ClassVar[str] = ""
    PLUGIN_DESCRIPTION: ClassVar[str] = ""
    DEFAULT_ACTIVE: ClassVar[bool] = False
    CONFIGURATION_PER_CHANNEL: ClassVar[bool] = False
    DEFAULT_CONFIGURATION: ClassVar[list[ConfigItem]] = []
    CONFIG_STRUCTURE: ClassVar[dict[str, ConfigField]] = {}
    # A payment gateway's limits on one transaction (SSLCommerz takes 10 to 500,000 taka; a
    # cash deposit at a bank agent is capped by Bangladesh Bank), checked before it is asked.
    MIN_TRANSACTION_AMOUNT: ClassVar[Decimal | None] = None
    MAX_TRANSACTION_AMOUNT: ClassVar[Decimal | None] = None
    TRANSACTION_LIMIT_REASON: ClassVar[str] = ""

    def __init__(
        self,
        *,
        configuration: list[ConfigItem],
        active: bool,
        channel_slug: str | None = None,
        requestor: Any = None,
    ) -> None:
        self.configuration = configuration
        self.active = active
        self.channel_slug = channel_slug
        self.requestor = requestor
        # Secrets arrive decrypted; `config` is the convenient view, never logged.
        self.config: dict[str, Any] = {item["name"]: item["value"] for item in configuration}

    def __repr__(self) -> str:
        # Never the configuration: it holds secrets.
        channel = f" channel={self.channel_slug}" if self.channel_slug else ""
        return f"<{type(self).__name__} {self.PLUGIN_ID}{channel} active={self.active}>"

    @classmethod
    def validate_plugin_configuration(cls, configuration: dict[str, Any], *, active: bool) -> None:
        """Raise `ValidationError` (code from PluginErrorCode) when a new configuration is wrong."""

    # --- catalogue, stock and marketplace events -----------------------------------------------

    def product_created(self, product: Any, previous_value: Any) -> Any:
        return previous_value

    def product_updated(self, product: Any, previous_value: Any) -> Any:
        return previous_value

    def product_deleted(self, product: Any, variant_ids: Sequence[int], previous_value: Any) -> Any:
        return previous_value

    def product_variant_created(self, variant: Any, previous_value: Any) -> Any:
        return previous_value

    def product_variant_updated(self, variant: Any, previous_value: Any) -> Any:
        return previous_value

    def product_variant_deleted(self, variant: Any, previous_value: Any) -> Any:
        return previous_value

    def category_created(self, category: Any, previous_value: Any) -> Any:
        return previous_value

    def category_updated(self, category: Any, previous_value: Any) -> Any:
        return previous_value

    def category_deleted(self, category: Any, previous_value: Any) -> Any:
        return previous_value

    def product_variant_stock_updated(self, stock: Any, previous_value: Any) -> Any:
        return previous_value

    def product_variant_out_of_stock(self, stock: Any, previous_value: Any) -> Any:
        return previous_value

    def product_variant_back_in_stock(self, stock: Any, previous_value: Any) -> Any:
        return previous_value

    def vendor_approved(self, vendor: Any, previous_value: Any) -> Any:
        return previous_value

    # --- checkout and orders (their issues build the models) -----------------------------------

    def checkout_created(self, checkout: Any, previous_value: Any) -> Any:
        return previous_value

    def checkout_updated(self, checkout: Any, previous_value: Any) -> Any:
        return previous_value

    def order_created(self, order: Any, previous_value: Any) -> Any:
        return previous_value

    def order_confirmed(self, order: Any, previous_value: Any) -> Any:
        return previous_value

    def order_fully_paid(self, order: Any, previous_value: Any) -> Any:
        return previous_value

    def order_cancelled(self, order: Any, previous_value: Any) -> Any:
        return previous_value

    def order_fulfilled(self, order: Any, previous_value: Any) -> Any:
        return previous_value

    def fulfillment_created(self, fulfillment: Any, previous_value: Any) -> Any:
        return previous_value

    # --- shipping ------------------------------------------------------------------------------

    def get_shipping_methods_for_checkout(
        self, request: DeliveryRequest, previous_value: list[ShippingMethodData]
    ) -> list[ShippingMethodData]:
        """The methods that can carry the request: add a carrier's, drop or reprice others."""
        return previous_value

    def calculate_checkout_shipping(
        self, request: DeliveryRequest, method: ShippingMethodData, previous_value: Decimal
    ) -> Decimal:
        """The price of shipping the request with `method` (Haat's own price comes first)."""
        return previous_value

    # --- payments ------------------------------------------------------------------------------

    def list_payment_gateways(
        self, currency: str, source_object: Any, previous_value: list[PaymentGatewayData]
    ) -> list[PaymentGatewayData]:
        """The gateway this plugin is, when it takes `currency` (`availablePaymentGateways`)."""
        return previous_value

    def payment_gateway_initialize_session(
        self,
        amount: Decimal,
        source_object: Any,
        data: dict[str, Any] | None,
        previous_value: PaymentGatewayData | None,
    ) -> PaymentGatewayData | None:
        """What the storefront needs before paying with this gateway (`paymentGatewayInitialize`):
        a public key, the methods on offer. Never a secret."""
        return previous_value

    def transaction_initialize_session(
        self,
        transaction_session: TransactionSessionData,
        previous_value: TransactionSessionResult | None,
    ) -> TransactionSessionResult | None:
        return previous_value

    def transaction_process_session(
        self,
        transaction_session: TransactionSessionData,
        previous_value: TransactionSessionResult | None,
    ) -> TransactionSessionResult | None:
        return previous_value

    def transaction_status_requested(
        self,
        transaction_session: TransactionSessionData,
        previous_value: list[TransactionSessionResult],
    ) -> list[TransactionSessionResult]:
        """Ask the gateway what became of a transaction with a pending amount (a refund or a
        charge whose answer never came): the settled outcomes it reports (each with the
        gateway's reference), to be recorded once. Never starts anything at the gateway."""
        return previous_value

    def transaction_charge_requested(
        self,
        transaction_session: TransactionSessionData,
        previous_value: TransactionSessionResult | None,
    ) -> TransactionSessionResult | None:
        """Capture an authorization (Saleor's TRANSACTION_CHARGE_REQUESTED)."""
        return previous_value

    def transaction_refund_requested(
        self,
        transaction_session: TransactionSessionData,
        previous_value: TransactionSessionResult | None,
    ) -> TransactionSessionResult | None:
        return previous_value

    def transaction_cancelation_requested(
        self,
        transaction_session: TransactionSessionData,
        previous_value: TransactionSessionResult | None,
    ) -> TransactionSessionResult | None:
        return previous_value

    # --- notifications and incoming HTTP -------------------------------------------------------

    def notify(
        self, event: str, payload: dict[str, Any], channel_slug: str | None, previous_value: Any
    ) -> Any:
        return previous_value

    def webhook(
        self, request: HttpRequest, path: str, previous_value: HttpResponse | None
    ) -> HttpResponse | None:
        """An HTTP request to `/plugins/<id>/<path>` (a gateway's callback, say)."""
        return previous_value


class PaymentGatewayPlugin(BasePlugin):
    """A payment gateway: offered in `availablePaymentGateways` for the currencies it takes."""

    GATEWAY_CURRENCIES: ClassVar[tuple[str, ...]] = ("BDT",)

    def list_payment_gateways(
        self, currency: str, source_object: Any, previous_value: list[PaymentGatewayData]
    ) -> list[PaymentGatewayData]:
        if currency not in self.GATEWAY_CURRENCIES:
            return previous_value
        from .interface import PaymentGatewayData

        offered = PaymentGatewayData(
            id=self.PLUGIN_ID, name=self.PLUGIN_NAME, currencies=self.GATEWAY_CURRENCIES
        )
        return [*previous_value, offered]


def implements(plugin: BasePlugin | type[BasePlugin], hook: str) -> bool:
    """Whether the plugin overrides the hook (the manager skips those that do not)."""
    plugin_class = plugin if isinstance(plugin, type) else type(plugin)
    return getattr(plugin_class, hook) is not getattr(BasePlugin, hook)
