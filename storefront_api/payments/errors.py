"""Each payment mutation's error type, and the one place the domain's `TransactionErrorCode`
values become the codes of the mutation at hand.

The domain raises one set of codes for every payment use case; Saleor gives each mutation its
own enum, a subset of them. A code the mutation's enum has passes unchanged; any other is
INVALID (the input was refused), never an unknown enum value."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from graphql_relay import to_global_id

from storefront_api.core.errors import Error
from storefront_api.core.mutations import BaseMutation

from . import enums


def _error_type(name: str, code_enum: type[graphene.Enum], description: str) -> type[Error]:
    return type(
        name,
        (Error,),
        {
            "code": graphene.Field(code_enum, required=True, description="The error code."),
            "Meta": type("Meta", (), {"description": description}),
        },
    )


PaymentGatewayConfigError = _error_type(
    "PaymentGatewayConfigError",
    enums.PaymentGatewayConfigErrorCode,
    "Why one gateway of paymentGatewayInitialize gave no configuration.",
)
PaymentGatewayInitializeError = _error_type(
    "PaymentGatewayInitializeError",
    enums.PaymentGatewayInitializeErrorCode,
    "An error from paymentGatewayInitialize.",
)
TransactionInitializeError = _error_type(
    "TransactionInitializeError",
    enums.TransactionInitializeErrorCode,
    "An error from transactionInitialize.",
)
TransactionProcessError = _error_type(
    "TransactionProcessError",
    enums.TransactionProcessErrorCode,
    "An error from transactionProcess.",
)
TransactionRequestActionError = _error_type(
    "TransactionRequestActionError",
    enums.TransactionRequestActionErrorCode,
    "An error from transactionRequestAction.",
)
TransactionRequestRefundForGrantedRefundError = _error_type(
    "TransactionRequestRefundForGrantedRefundError",
    enums.TransactionRequestRefundForGrantedRefundErrorCode,
    "An error from transactionRequestRefundForGrantedRefund.",
)
TransactionEventReportError = _error_type(
    "TransactionEventReportError",
    enums.TransactionEventReportErrorCode,
    "An error from transactionEventReport.",
)
TransactionCreateError = _error_type(
    "TransactionCreateError", enums.TransactionCreateErrorCode, "An error from transactionCreate."
)
TransactionUpdateError = _error_type(
    "TransactionUpdateError", enums.TransactionUpdateErrorCode, "An error from transactionUpdate."
)
OrderGrantRefundCreateLineError = type(
    "OrderGrantRefundCreateLineError",
    (Error,),
    {
        "code": graphene.Field(
            enums.OrderGrantRefundCreateLineErrorCode, required=True, description="The error code."
        ),
        "line_id": graphene.ID(required=True, description="The order line the error is about."),
        "Meta": type("Meta", (), {"description": "Why a line of a granted refund was refused."}),
    },
)


class OrderGrantRefundCreateError(Error):
    code = graphene.Field(
        enums.OrderGrantRefundCreateErrorCode, required=True, description="The error code."
    )
    lines = graphene.List(
        graphene.NonNull(OrderGrantRefundCreateLineError),
        description="The lines that were refused, each with its reason.",
    )

    class Meta:
        description = "An error from orderGrantRefundCreate."


def _values(error_type: Any) -> frozenset[str]:
    code_enum = error_type._meta.fields["code"].type.of_type
    return frozenset(member.value for member in code_enum._meta.enum)


def mutation_code(error_type: Any, code: str) -> str:
    """The domain's code as the mutation's enum has it: itself, or INVALID."""
    code = code.lower()
    return code if code in _values(error_type) else "invalid"


def _line_errors(lines: list[dict] | None) -> list | None:
    if lines is None:
        return None
    return [
        OrderGrantRefundCreateLineError(
            field=BaseMutation.api_field(line["field"]),
            message=line["message"],
            code=mutation_code(OrderGrantRefundCreateLineError, line["code"]),
            line_id=(
                to_global_id("OrderLine", str(line["line_id"]))
                if not isinstance(line["line_id"], str)
                else line["line_id"]
            ),
        )
        for line in lines
    ]


class PaymentMutation(BaseMutation):
    """A payment mutation: the domain's codes mapped to the mutation's enum, and the refused
    lines of a granted refund (`lines`) where the error type has them."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(
        cls, error: ValidationError, *, renamed: dict[str, str] | None = None, **extra: Any
    ):
        error_type = cls._meta.error_type_class
        by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        errors = []
        for field, items in by_field.items():
            for item in items:
                params = dict(item.params or {})
                lines = params.pop("lines", None)
                message = item.message % params if params else item.message
                code = str(getattr(item.code, "value", item.code) or "invalid")
                fields: dict[str, Any] = {}
                if hasattr(error_type, "lines"):
                    fields["lines"] = _line_errors(lines)
                errors.append(
                    error_type(
                        field=cls.api_field(None if field == NON_FIELD_ERRORS else field, renamed),
                        message=str(message),
                        code=mutation_code(error_type, code),
                        **fields,
                    )
                )
        return cls(errors=errors, **extra)
