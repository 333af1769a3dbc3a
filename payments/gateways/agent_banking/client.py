"""The bank's merchant API for cash deposits at agent outlets (Haat's design: there is no
public standard; `docs/payments/agent-banking.md` describes it).

- `POST /deposits` asks the bank for a deposit request: Haat's reference and the amount go in,
  the bank's deposit reference and the customer's slip come out. The bank keeps one deposit per
  merchant reference, so asking again returns the same deposit.
- `GET /deposits/<reference>` is the bank's word on a deposit: Haat asks it before crediting.
- `GET /deposits?merchantReference=<ours>` finds a deposit whose creation went unanswered.

Every call sends `Authorization: Bearer <API key>`. A timeout, a dropped connection, a 5xx or a
body that is not the API's JSON raises `PaymentGatewayError` (the outcome is unknown); a refusal
in the API's error envelope raises `AgentBankRefusal` (the bank said no).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import httpx

from plugins.framework.interface import PaymentGatewayError

DEFAULT_TIMEOUT_SECONDS = 30.0
PENDING = "PENDING"
COMPLETED = "COMPLETED"
REJECTED = "REJECTED"
STATUSES = frozenset({PENDING, COMPLETED, REJECTED})


class AgentBankRefusal(Exception):
    """The bank refused the request: `code` is its error code (LIMIT_EXCEEDED, ...)."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Deposit:
    """A deposit request as the bank keeps it."""

    reference: str
    merchant_reference: str
    merchant_account: str
    account_name: str
    bank_name: str
    amount: Decimal
    currency: str
    status: str
    deposited_amount: Decimal | None
    agent_transaction_id: str
    outlet: str
    completed_at: str
    instructions_en: str
    instructions_bn: str


def _amount(value: Any, name: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PaymentGatewayError(f"The bank sent {name} that is not an amount.") from None
    if not amount.is_finite():
        raise PaymentGatewayError(f"The bank sent {name} that is not an amount.")
    return amount


def parse_deposit(data: Any) -> Deposit:
    """A deposit from the API's JSON; anything missing or malformed is the bank's nonsense."""
    if not isinstance(data, dict):
        raise PaymentGatewayError("The bank's answer is not a deposit.")
    try:
        status = str(data["status"])
        instructions = data.get("instructions") or {}
        deposit = Deposit(
            reference=str(data["depositReference"]),
            merchant_reference=str(data["merchantReference"]),
            merchant_account=str(data["merchantAccount"]),
            account_name=str(data.get("accountName") or ""),
            bank_name=str(data.get("bankName") or ""),
            amount=_amount(data["amount"], "an amount"),
            currency=str(data["currency"]),
            status=status,
            deposited_amount=(
                None
                if data.get("depositedAmount") is None
                else _amount(data["depositedAmount"], "a deposited amount")
            ),
            agent_transaction_id=str(data.get("agentTransactionId") or ""),
            outlet=str(data.get("outlet") or ""),
            completed_at=str(data.get("completedAt") or ""),
            instructions_en=str(instructions.get("en") or ""),
            instructions_bn=str(instructions.get("bn") or ""),
        )
    except (KeyError, TypeError, AttributeError):
        raise PaymentGatewayError("The bank's deposit lacks a required field.") from None
    if status not in STATUSES or not deposit.reference:
        raise PaymentGatewayError(f"The bank's deposit has an unknown status {status!r}.")
    return deposit


def _two_places(amount: Decimal) -> str:
    """The amount as the API writes it ("230.00"); never rounded: a paisa fraction is a bug."""
    exact = amount.quantize(Decimal("0.01"))
    if exact != amount:
        raise ValueError(f"{amount} has more than two decimal places.")
    return str(exact)


class AgentBankClient:
    """One method per endpoint of the bank's merchant API."""

    def __init__(
        self, *, base_url: str, api_key: str, timeout: float = DEFAULT_TIMEOUT_SECONDS
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<AgentBankClient {self.base_url}>"  # never the key

    def _call(
        self, method: str, path: str, *, body: Any = None, params: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self._api_key}", "Accept": "application/json"}
        try:
            response = httpx.request(
                method,
                f"{self.base_url}{path}",
                json=body,
                params=params,
                headers=headers,
                timeout=httpx.Timeout(self.timeout),
            )
        except httpx.TimeoutException:
            raise PaymentGatewayError(f"The bank did not answer {method} {path} in time.") from None
        except httpx.HTTPError as error:
            raise PaymentGatewayError(
                f"The bank could not be reached for {method} {path}: {type(error).__name__}."
            ) from None
        if response.status_code >= 500:
            raise PaymentGatewayError(
                f"The bank failed {method} {path}: HTTP {response.status_code}."
            )
        try:
            data = json.loads(response.content, parse_float=Decimal)
        except ValueError:
            raise PaymentGatewayError(
                f"The bank's answer to {method} {path} is not JSON."
            ) from None
        if response.status_code >= 400:
            envelope = data.get("error") if isinstance(data, dict) else None
            if not isinstance(envelope, dict) or not envelope.get("code"):
                raise PaymentGatewayError(
                    f"The bank refused {method} {path} (HTTP {response.status_code}) "
                    "without an error code."
                )
            raise AgentBankRefusal(
                str(envelope["code"]), str(envelope.get("message") or ""), response.status_code
            )
        return response.status_code, data

    def create_deposit(
        self,
        *,
        merchant_account: str,
        merchant_reference: str,
        amount: Decimal,
        currency: str,
        notify_url: str,
        customer_name: str = "",
        customer_phone: str = "",
    ) -> Deposit:
        """A deposit request for `amount` into Haat's account (the same one again for the
        same merchant reference)."""
        _status, data = self._call(
            "POST",
            "/deposits",
            body={
                "merchantAccount": merchant_account,
                "merchantReference": merchant_reference,
                "amount": _two_places(amount),
                "currency": currency,
                "notifyUrl": notify_url,
                "customer": {"name": customer_name, "phone": customer_phone},
            },
        )
        return parse_deposit(data)

    def get_deposit(self, reference: str) -> Deposit | None:
        """The bank's current word on a deposit; None when it has no such deposit."""
        if not reference:
            return None
        try:
            _status, data = self._call("GET", f"/deposits/{quote(reference, safe='')}")
        except AgentBankRefusal as refusal:
            if refusal.code == "NOT_FOUND":
                return None
            raise
        return parse_deposit(data)

    def find_deposit(self, merchant_reference: str) -> Deposit | None:
        """The deposit made for Haat's reference, if the bank has one."""
        _status, data = self._call(
            "GET", "/deposits", params={"merchantReference": merchant_reference}
        )
        deposits = data.get("deposits") if isinstance(data, dict) else None
        if not isinstance(deposits, list):
            raise PaymentGatewayError("The bank's list of deposits is not a list.")
        found = [parse_deposit(item) for item in deposits]
        return next((d for d in found if d.merchant_reference == merchant_reference), None)
