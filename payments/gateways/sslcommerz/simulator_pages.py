"""The simulator's HTML: the payment page, and the auto-submitting form that carries the result
to the merchant in the customer's browser (tests read it with `parse_form` and POST it)."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlencode

from .client import money


def parse_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the page's first form: what a browser would POST."""
    action = re.search(r'<form[^>]*action="([^"]*)"', page)
    if action is None:
        raise ValueError("The page has no form.")
    fields = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)
    unescaped = {html.unescape(name): html.unescape(value) for name, value in fields}
    return html.unescape(action.group(1)), unescaped


def payment_page(payment: Any, session_key: str, page_path: str) -> str:
    """The customer's page: the amount and a Pay, a Fail and a Cancel button (forms)."""
    action = html.escape(f"{page_path}?{urlencode({'Q': 'pay', 'SESSIONKEY': session_key})}")
    name = html.escape(payment.request.get("product_name", ""))
    buttons = "".join(
        f'<form method="post" action="{action}"><input type="hidden" name="action" '
        f'value="{value}"><button type="submit">{label}</button></form>'
        for value, label in (("pay", "Pay"), ("fail", "Fail"), ("cancel", "Cancel"))
    )
    return (
        "<!doctype html><html><head><title>SSLCommerz (simulator)</title></head><body>"
        f"<h1>Pay {money(payment.amount)} {html.escape(payment.currency)}</h1>"
        f"<p>{name}</p><p>Transaction {html.escape(payment.tran_id)}</p>{buttons}</body></html>"
    )


def redirect_form(url: str, fields: dict[str, Any]) -> str:
    """What a button answers: a form that POSTs the result fields to the merchant, sent by
    the browser as soon as it loads."""
    inputs = "".join(
        f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(str(value))}">'
        for name, value in fields.items()
    )
    return (
        '<!doctype html><html><body onload="document.forms[0].submit()">'
        f'<form method="post" action="{html.escape(url)}">{inputs}'
        '<noscript><button type="submit">Continue</button></noscript></form></body></html>'
    )
