"""A stand-in for Nagad's remote payment gateway (API v-0.2.0) on loopback, for tests and the
demo: the initialize, complete and verify endpoints with Nagad's encryption and signatures
checked, and the customer's payment page whose Pay and Cancel buttons send the browser to the
merchant's callback URL with Nagad's parameters.

Test knobs, besides the base's `inject(...)`:
- `callback_url(ref, **params)` / `deliver_callback(ref, **params)`: the merchant callback for a
  payment, as Nagad sends it or with forged or tampered parameters (`status="Success"` for a
  payment nobody paid), fetched again to replay it;
- `set_verify_fields(ref=None, **fields)`: `verify/payment` reports other values (another
  amount, currency, order); a value of None removes the field;
- `pay(ref)` / `abort(ref)`: settle a payment without its page ("already completed");
- `response_signer` (a key that is not Nagad's: forged answers) and `sign_ciphertext` (sign
  the base64 text instead of the JSON, the other reading of Nagad's signing [U]).

It serves the API under any prefix (`.../api/dfs/check-out/...`), like the sandbox and
production hosts. `python -m payments.gateways.nagad.simulator --port N` runs it with the demo
keys below.
"""

from __future__ import annotations

import base64
import html
import ipaddress
import json
import re
import secrets
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, unquote, urlencode

import httpx
from cryptography.hazmat.primitives.asymmetric import rsa

from plugins.framework.simulation import SimRequest, SimResponse, Simulator, serve_forever

from . import crypto
from .client import API_VERSION, CURRENCY_CODE, dhaka_timestamp

# TEST-ONLY KEYS. Generated once for the demo and the simulator; they protect nothing and must
# never be configured against Nagad. Real keys come from Nagad's merchant portal.
DEMO_MERCHANT_ID = "683000000000001"
DEMO_MERCHANT_NUMBER = "01700000001"
DEMO_MERCHANT_PRIVATE_KEY = """\
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCzDWosSrVFXhdB
ZuQ4QTCwEsAI5APoZmmTclQV8t9RdS8ZJrSnsSQA0UHqRSb83aLJe47IIiH83LTw
l7AASJnBLKzTqsJ2/u+G6mESH6VRS+6IFqDcsteh7NQe+BIxqTl/6W/YpqG6Wr1z
34ObOs49aMGANf+8LCOEfoquwFRIN4jcfDbJ39qp4dz0ui/+SvnX6yvYChDNNiDR
RkoyG7ntIkxRv4lvo4Wr/ecS60r2hyRl3SQ7Da4/XRJ31jfhErM7kgxm56KZgIvt
Fa6lUqpir0wGsFZdCCh458Mfu+2pP9PxL6NCouMvSTi2pxys7Cp35KtA4mQKSqbO
ZyxWBej7AgMBAAECggEACvOYmWHuaXJCWOE6t0gheruC3GhZ5taQwZB+HSOQTjKt
MUwhQ5p9mcEy12noYxIJWWqBxrLzwjwboxWcEcBfCyY44e9xWoboTqe6TTn7Shgr
XE6KA0W7E6/hH43LyxbPKgg0q5sxjCztpo82xQFZSP9FyppC7JcEix+USvD/lrUY
l9LlC7YDTWifYS+P834r6Bha40o+LpTHmiYdbPW6mrvSGr9AQSXnGZc0a0rRjuHW
dn2VbPILtrVVkfw91UADBs4oCreT038A4SR9GDoaU45i76mroBSVI9YVv63oTixn
NKPhe/qr/UzIQmNu+0Xv4Oduj08Yx4e/UoQ5qPzQcQKBgQDnp/8RWHIUkXYPlvBr
zHrtin9mJrKeA//jiH24bCKJFbFguWmkivRLypBf27bZlXCk/8BYBRXIOz/qZK0h
WHhVr5ujwreSS8hGVGlAWm60yno3dlURNz3TMTbh2WpWExS+pjOu6m4wSWWGDXsV
HQeVdGMcADzIHHVFKNjmT5IoawKBgQDF3kXZHlZuOR/ZYpTo8eicPEnksIjx60ky
BE6dpbZJ8U+X7bMKQqaWrQH65+8gtLFg4flsF9uxN0xNcm0VSe4bE2AEo1Fl6LKI
MpAfsZqDE2NRjRe3GPC7wWbjRP/g9iSb0fzfX8OIhp5WZeDu9gyNKyVfsK/SXX+f
AODvQIGlsQKBgQDfWJeRT6bdsckUCsDODh3O/CMMh+7abpy98RDVSFybsrCLwvfZ
zqbuk+RSp3FJos0yJ+p4cp6nqIhdIqfRaIzMgD0czFVU1X/IXwYDJ61o3XasFoi5
ynrvLZnuckIVrtvnXDKkSB3orDsX3dN3bb+sFsSfcJMplFZ0UYedtcYC9QKBgG6j
U4EM0p09Oc7OrZ73LO63U0YZY+mJe1sJR4Ak2aHM2YmFMtho3kdgI7xNFcu+3XPj
xxim2oPj/LlNYytFNGtVURomy+vkyncXdrkSEOh73cwKzZjmzCzf/ozT1xPN7jhm
mTO5k1bylvSOcNCNKgWBe5te62EAQM0Cq8N72UJxAoGAIW3MpVA7oKhSMxQuWCiO
rmoFGlexE4HgmK1wSTSqE2vkudR3r/+eBKERytHYaRlXTBTuiZOD2MqZLRvOzdGQ
mMOp2lT558FniVRxlPLJ28HMLlOJ0HNZARlZj6XKp8sxERFw7A54wm3uPPps0SQe
JpziPSH83o7VEt6Bz65v6M0=
-----END PRIVATE KEY-----
"""
DEMO_PG_PRIVATE_KEY = """\
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCyRrMS5Kyvv5vd
xnzorEW705e5NrJNOBZxv0JTnmFBOm2+a653H64XtQKuytugwFOvHDiW/5sd3wg3
YuhCtnMW2167tHm0MbRz8WVgxdEePNrQyieFCtRqrD7K5rCnvOEs4NkRv9U3yFeU
QA3D9MPA6XoQD5dDlzFY3xTchIzLNUBF8161cMAlAydlgTBF2vccgF8iob+Szy35
ZRfYmlMDK7e90mLkqUmlQ3kTdoOrfL5qibPeQbfNh46h3TgqC6f4RwN18/AcueCF
n/v5YksYs6ipzSQ7EjClPVmrFe3fKMzMYPLNwTd2FcE3LifozDJevwfdt2YOQhDt
VFBuq+utAgMBAAECggEAAl2Aw7fn+J70rPEUuCuM80x/31Oz8uVTGug8M4rO5IQn
b5bTJj5z21mp8vK7DjtvAMxBjfNPNgq++6kixrvP9BYuABSJZtQf/kfOHgYR27JX
/twnwRKfNdkaLiv4XQla/XLwPlWKuSY9zzg4Voi5TiZq2aqzSZDIdVLkXnadvZZu
FLF0LvdS6rO6Ggh9ALaMPfcUOsNXbZGvh3WhxZBiKegme/ha9fkdPRoTXTDmuSqq
qN5xFsYVsglyDz4zOVMIDh7Ut1Zp7QjYrvkU/NIwybdOrjsFuJGfwX+OCgjErJaV
Ox7bp6XBYX9LlrCZkkY0FzvHSM1SEDIO25vahw8EKwKBgQDsdP8J54I4/JTO1n7Q
d6Ndxrjeqwl5rGP8rXh7PwXkb4N6nwNEdTSsIDsE1VqgFY9lWDLnlhUltcM95ff2
62Nd+/IsD98/4k2qI7C6SpzKSXJ+dMQbc5FOt0C9xmK3zfQ+mkChOqMFplGTkjIN
cidJl4MfcY6QszDAXZRrVCWaSwKBgQDBArOYQCpUgntbuH8NKS2/wNq6qXp67CBh
ZFBaTBnipA1noP2obDHdyYpzk0QaVAJNlCY7EYH2TshC/OLow4OFj7kj5h2851DE
WOBmXeZyQ2BBv/FY+4O7LVfeaBGoyXAU+zC5prkzD+YC9SjHU4brAUYPaOPUwxwx
Tbydu2nW5wKBgF/XvFiDYiE/IAIGpzhQhgNIvT5kDV8oJQ8SMTejf/vrx1s4gNaK
u2LZXZLD+AvTMWBes6NzDfdPCWhZgnyvRIOfz7VUaaU3UUuZU9Tu0UadJq9jHOoT
md5SIQfLFdByxoFpfLDdV56+n2o1Y9xXXN1TcG6aVLMKLsSKKdKnNOapAoGANal3
n1PvsPFaNMUV5eXWB2MqLQ2jtPtjgVBvmrtf0wiDhZVYEPSL5Lr9GGcQXzWOMl2H
R5L1jDKZMS64M7jwHzk3Y0i+ad/yL7T6Jtvij1A2OfGQu4mqNWdE79wFVOU0mVDB
WkyFXzIDZD0fKlQJxdrjzLL/7Q6WDwsq7rvFkG8CgYAywDHtSe+mN4AojRERc7ge
u48WvhHuGyrUuNasJxzDll2DOu5Bt10tWz50fg5uc2OBOf1gR8MO2KOS3T7eCUes
SGYb02nsu5Qlu3kn1l6Gw+gL2/X4RmrcxqPF+EC0Jd9NVIK+FJk4Y5aJ47P6f7Pj
6QC5UCP/piY2zY/SPkmZHA==
-----END PRIVATE KEY-----
"""
DEMO_PG_PUBLIC_KEY = crypto.public_key_pem(crypto.load_private_key(DEMO_PG_PRIVATE_KEY))
DEMO_MERCHANT_PUBLIC_KEY = crypto.public_key_pem(crypto.load_private_key(DEMO_MERCHANT_PRIVATE_KEY))

API_PREFIX = "/api/dfs"
PENDING = ("OrderInitiated", "Ready")
STATUS_CODES = {"Success": "000", "Aborted": "001", "Failed": "002"}
CALLBACK_CODES = {"Success": "00_0000_000", "Aborted": "00_1114_000", "Failed": "00_1116_000"}
_AMOUNT = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
_ORDER_ID = re.compile(r"^[A-Za-z0-9]{1,64}$")  # Nagad says <= 20 [U]: both are accepted
_TIMESTAMP = re.compile(r"^\d{14}$")


@dataclass
class SimPayment:
    payment_ref_id: str
    merchant_id: str
    order_id: str
    challenge: str  # the one Nagad gave back at initialize
    order_datetime: str
    status: str = "OrderInitiated"
    amount: str = ""  # as the merchant sent it
    callback_url: str = ""
    additional_info: Any = None
    issuer_payment_ref: str = ""
    issuer_payment_datetime: str = ""
    client_mobile_no: str = ""


@dataclass
class _Refusal(Exception):
    reason: str
    message: str
    status: int = 400


def _refuse(reason: str, message: str, status: int = 400) -> _Refusal:
    return _Refusal(reason, message, status)


class NagadSimulator(Simulator):
    name = "nagad-simulator"

    def __init__(
        self,
        *,
        pg_private_key: rsa.RSAPrivateKey | None = None,
        merchants: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """`pg_private_key`: Nagad's own key (the demo's by default; tests generate one);
        `merchants`: merchant id -> the merchant's public key (PEM), the demo merchant's by
        default."""
        super().__init__(host=host, port=port)
        self.pg_key = pg_private_key or crypto.load_private_key(DEMO_PG_PRIVATE_KEY)
        self.merchant_keys: dict[str, rsa.RSAPublicKey] = {}
        for merchant_id, public_key in (
            merchants or {DEMO_MERCHANT_ID: DEMO_MERCHANT_PUBLIC_KEY}
        ).items():
            self.register_merchant(merchant_id, public_key)
        self.payments: dict[str, SimPayment] = {}
        self._verify_fields: dict[str | None, dict[str, Any]] = {}
        self.response_signer: rsa.RSAPrivateKey | None = None
        self.sign_ciphertext = False

    # --- set up and knobs ----------------------------------------------------------------------

    @property
    def api_base_url(self) -> str:
        return f"{self.base_url}{API_PREFIX}"

    @property
    def pg_public_key_pem(self) -> str:
        return crypto.public_key_pem(self.pg_key)

    def register_merchant(self, merchant_id: str, public_key_pem: str) -> None:
        with self.lock:
            self.merchant_keys[merchant_id] = crypto.load_public_key(public_key_pem)

    def reset(self) -> None:
        """Forget payments, knobs, recorded requests and pending faults (one server for many
        tests: stopping one costs the base's half-second poll). Held requests are let go."""
        self.release()
        with self.lock:
            self.payments.clear()
            self._verify_fields.clear()
            self.response_signer = None
            self.sign_ciphertext = False
            self._faults.clear()
        with self._arrived:
            self.requests.clear()
        self._released.clear()

    def set_verify_fields(self, ref: str | None = None, **fields: Any) -> None:
        with self.lock:
            self._verify_fields.setdefault(ref, {}).update(fields)

    def payment(self, ref: str) -> SimPayment:
        with self.lock:
            return self.payments[ref]

    def page_url(self, ref: str) -> str:
        return f"{self.base_url}/payment/{quote(ref, safe='')}"

    def pay(self, ref: str, *, mobile: str = "01711000000") -> SimPayment:
        """The customer paid (from the page, or anywhere: "already completed")."""
        with self.lock:
            payment = self.payments[ref]
            if payment.status in PENDING:
                payment.status = "Success"
                payment.issuer_payment_ref = "7" + "".join(
                    secrets.choice(string.ascii_uppercase + string.digits) for _ in range(9)
                )
                payment.issuer_payment_datetime = dhaka_timestamp()
                payment.client_mobile_no = mobile
            return payment

    def abort(self, ref: str) -> SimPayment:
        with self.lock:
            payment = self.payments[ref]
            if payment.status in PENDING:
                payment.status = "Aborted"
            return payment

    def callback_url(self, ref: str, **params: str) -> str:
        """Where Nagad sends the browser for this payment; `params` forge or tamper with it."""
        with self.lock:
            payment = self.payments[ref]
            status = payment.status if payment.status not in PENDING else "Failed"
            query = {
                "merchant": payment.merchant_id,
                "order_id": payment.order_id,
                "payment_ref_id": payment.payment_ref_id,
                "status": status,
                "status_code": CALLBACK_CODES.get(status, "00_1116_000"),
                "message": "Successful Transaction" if status == "Success" else status,
                "payment_dt": payment.issuer_payment_datetime or payment.order_datetime,
                "issuer_payment_ref": payment.issuer_payment_ref,
            }
            base = payment.callback_url
        query.update(params)
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{urlencode(query)}"

    def deliver_callback(self, ref: str, **params: str) -> httpx.Response:
        """Fetch the callback as a browser (or a forger) would, without following redirects."""
        return httpx.get(self.callback_url(ref, **params), timeout=30, follow_redirects=False)

    # --- the protocol --------------------------------------------------------------------------

    def handle(self, request: SimRequest) -> SimResponse:
        path = request.path
        routes = (
            ("POST", r"/check-out/initialize/([^/]+)/([^/]+)/?$", self._initialize),
            ("POST", r"/check-out/complete/([^/]+)/?$", self._complete),
            ("GET", r"/verify/payment/([^/]+)/?$", self._verify),
            ("GET", r"^/payment/([^/]+)/?$", self._page),
            ("POST", r"^/payment/([^/]+)/(pay|cancel)/?$", self._press),
        )
        for method, pattern, view in routes:
            match = re.search(pattern, path, flags=re.IGNORECASE)
            if match and request.method == method:
                arguments = [unquote(group) for group in match.groups()]
                try:
                    return view(request, *arguments)
                except _Refusal as refusal:
                    return SimResponse.json(
                        {"reason": refusal.reason, "message": refusal.message}, refusal.status
                    )
        return SimResponse.json({"reason": "NotFound", "message": "No such endpoint."}, 404)

    def _check_headers(self, request: SimRequest) -> None:
        headers = request.headers
        if headers.get("x-km-api-version") != API_VERSION:
            raise _refuse("InvalidApiVersion", f"X-KM-Api-Version must be {API_VERSION}.")
        if headers.get("x-km-client-type") not in ("PC_WEB", "MOBILE_WEB", "MOBILE_APP"):
            raise _refuse("InvalidClientType", "X-KM-Client-Type is missing or unknown.")
        try:
            ipaddress.IPv4Address(headers.get("x-km-ip-v4", ""))
        except ValueError:
            raise _refuse("InvalidIp", "X-KM-IP-V4 must be an IPv4 address.") from None
        if not headers.get("content-type", "").startswith("application/json"):
            raise _refuse("InvalidContentType", "Content-Type must be application/json.")

    def _open(self, body: dict[str, Any], merchant_id: str) -> dict[str, Any]:
        """Decrypt the request's sensitive data and check the merchant's signature on it."""
        merchant_key = self.merchant_keys.get(merchant_id)
        if merchant_key is None:
            raise _refuse("InvalidMerchant", "Merchant is not registered.")
        try:
            plaintext = crypto.decrypt(str(body.get("sensitiveData", "")), self.pg_key)
            sensitive = json.loads(plaintext)
        except ValueError:
            raise _refuse(
                "InvalidSensitiveData", "Sensitive data could not be decrypted."
            ) from None
        if not crypto.is_signed(plaintext, str(body.get("signature", "")), merchant_key):
            raise _refuse("InvalidSignature", "Signature verification failed.")
        if not isinstance(sensitive, dict) or sensitive.get("merchantId") != merchant_id:
            raise _refuse("InvalidSensitiveData", "Sensitive data does not match the request.")
        return sensitive

    def _seal(self, payload: dict[str, Any], merchant_id: str) -> dict[str, str]:
        plaintext = crypto.sensitive_json(payload)
        token = crypto.encrypt(plaintext, self.merchant_keys[merchant_id])
        signer = self.response_signer or self.pg_key
        signed = token.encode() if self.sign_ciphertext else plaintext
        return {"sensitiveData": token, "signature": crypto.sign(signed, signer)}

    @staticmethod
    def _body(request: SimRequest) -> dict[str, Any]:
        try:
            body = request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise _refuse("InvalidRequestBody", "The body must be a JSON object.")
        return body

    def _initialize(self, request: SimRequest, merchant_id: str, order_id: str) -> SimResponse:
        self._check_headers(request)
        body = self._body(request)
        with self.lock:
            sensitive = self._open(body, merchant_id)
            if not _ORDER_ID.match(order_id) or sensitive.get("orderId") != order_id:
                raise _refuse("InvalidOrderId", "The order id is invalid.")
            if not _TIMESTAMP.match(str(body.get("dateTime", ""))) or not _TIMESTAMP.match(
                str(sensitive.get("datetime", ""))
            ):
                raise _refuse("InvalidDateTime", "dateTime must be YYYYMMDDHHMMSS.")
            if not sensitive.get("challenge"):
                raise _refuse("InvalidChallenge", "A challenge is required.")
            if any(
                p.merchant_id == merchant_id and p.order_id == order_id
                for p in self.payments.values()
            ):
                raise _refuse("DuplicateOrderId", "The order id was used before.")
            raw = f"{dhaka_timestamp()}.{merchant_id}.{order_id}.{secrets.token_hex(8)}"
            ref = base64.b64encode(raw.encode()).decode()
            payment = SimPayment(
                payment_ref_id=ref,
                merchant_id=merchant_id,
                order_id=order_id,
                challenge=secrets.token_hex(20),
                order_datetime=str(sensitive["datetime"]),
            )
            self.payments[ref] = payment
            sealed = self._seal(
                {
                    "paymentReferenceId": ref,
                    "challenge": payment.challenge,
                    "acceptDateTime": dhaka_timestamp(),
                },
                merchant_id,
            )
        return SimResponse.json(sealed)

    def _complete(self, request: SimRequest, ref: str) -> SimResponse:
        self._check_headers(request)
        body = self._body(request)
        with self.lock:
            payment = self.payments.get(ref)
            if payment is None:
                raise _refuse("InvalidPaymentRefId", "Payment reference not found.")
            sensitive = self._open(body, payment.merchant_id)
            if payment.status != "OrderInitiated":
                raise _refuse("InvalidPaymentState", f"The payment is {payment.status}.")
            if sensitive.get("orderId") != payment.order_id:
                raise _refuse("InvalidOrderId", "The order id does not match the payment.")
            if sensitive.get("challenge") != payment.challenge:
                raise _refuse("InvalidChallenge", "The challenge does not match.")
            if sensitive.get("currencyCode") != CURRENCY_CODE:
                raise _refuse("InvalidCurrency", "Only BDT (050) is accepted.")
            amount = str(sensitive.get("amount", ""))
            if not _AMOUNT.match(amount) or Decimal(amount) <= 0:
                raise _refuse("InvalidAmount", "The amount is invalid.")
            callback = str(body.get("merchantCallbackURL", ""))
            if not callback.startswith(("http://", "https://")):
                raise _refuse("InvalidCallbackUrl", "merchantCallbackURL is required.")
            payment.amount = amount
            payment.callback_url = callback
            payment.additional_info = body.get("additionalMerchantInfo")
            payment.status = "Ready"
        return SimResponse.json({"status": "Success", "callBackUrl": self.page_url(ref)})

    def _verify(self, request: SimRequest, ref: str) -> SimResponse:
        # Nagad's sample calls verify with no headers: both forms are accepted [U].
        with self.lock:
            payment = self.payments.get(ref)
            if payment is None:
                raise _refuse("InvalidPaymentRefId", "Payment reference not found.")
            record: dict[str, Any] = {
                "merchantId": payment.merchant_id,
                "orderId": payment.order_id,
                "paymentRefId": payment.payment_ref_id,
                "amount": payment.amount or "0",
                "clientMobileNo": payment.client_mobile_no,
                "merchantMobileNo": DEMO_MERCHANT_NUMBER,
                "orderDateTime": payment.order_datetime,
                "issuerPaymentDateTime": payment.issuer_payment_datetime or None,
                "issuerPaymentRefNo": payment.issuer_payment_ref or None,
                "additionalMerchantInfo": payment.additional_info,
                "status": payment.status,
                "statusCode": STATUS_CODES.get(payment.status, ""),
                "cancelIssuerDateTime": None,
                "cancelIssuerRefNo": None,
                "serviceType": "E_COM",
            }
            for key in (None, ref):
                record.update(self._verify_fields.get(key, {}))
        return SimResponse.json({k: v for k, v in record.items() if v is not None})

    # --- the customer's page -------------------------------------------------------------------

    def _page(self, request: SimRequest, ref: str) -> SimResponse:
        with self.lock:
            payment = self.payments.get(ref)
        if payment is None or payment.status == "OrderInitiated":
            return SimResponse.html("<h1>Nagad</h1><p>No such payment.</p>", status=404)
        action = html.escape(self.page_url(ref))
        if payment.status != "Ready":
            return SimResponse.html(f"<h1>Nagad</h1><p>This payment is {payment.status}.</p>")
        return SimResponse.html(
            "<!doctype html><title>Nagad (simulator)</title><h1>Nagad payment</h1>"
            f"<p>Merchant {html.escape(payment.merchant_id)}, order "
            f"{html.escape(payment.order_id)}: BDT {html.escape(payment.amount)}</p>"
            f'<form method="post" action="{action}/pay"><button>Pay</button></form>'
            f'<form method="post" action="{action}/cancel"><button>Cancel</button></form>'
        )

    def _press(self, request: SimRequest, ref: str, button: str) -> SimResponse:
        with self.lock:
            payment = self.payments.get(ref)
            if payment is None or payment.status != "Ready":
                state = payment.status if payment else "unknown"
                return SimResponse.html(f"<p>This payment is {state}.</p>", status=409)
            if button == "pay":
                self.pay(ref)
            else:
                self.abort(ref)
        return SimResponse.redirect(self.callback_url(ref), status=302)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Nagad simulator (demo keys, loopback)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8302)
    options = parser.parse_args()
    simulator = NagadSimulator(host=options.host, port=options.port)
    print(f"Nagad API base URL: {simulator.api_base_url}", flush=True)
    serve_forever(simulator)
