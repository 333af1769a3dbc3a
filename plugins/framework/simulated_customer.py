"""A customer's browser for simulated payment pages: open the page a gateway redirects to,
press a button by its label, and follow where the browser is sent (redirects, and the
auto-submitting forms some gateways answer with), as far as the caller wants.

The end-to-end tests and the payments benchmark use it to visit every simulator's page the same
way; it reads plain HTML forms only (no JavaScript), which is all the simulators serve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (label, name, value)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._button: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(action=values.get("action", ""), method=values.get("method", "get").lower())
            )
        elif tag == "input" and self.forms and values.get("name"):
            self.forms[-1].fields[values["name"]] = values.get("value", "")
        elif tag == "button" and self.forms:
            self._button = [values.get("name", ""), values.get("value", ""), ""]

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None and self.forms:
            name, value, label = self._button
            self.forms[-1].buttons.append((label.strip(), name, value))
            self._button = None


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class SimulatedCustomer:
    """One browser session (cookies kept). `stop_at`: an origin (Haat's, the storefront's) the
    browser is not followed into: the URL it was sent to is returned instead."""

    def __init__(self, *, stop_at: tuple[str, ...] = (), timeout: float = 30.0) -> None:
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)
        self.stop_at = stop_at

    def close(self) -> None:
        self.client.close()

    def _stops(self, url: str) -> bool:
        return any(url.startswith(origin) for origin in self.stop_at)

    def open(self, url: str) -> httpx.Response | str:
        return self._follow(self.client.get(url))

    def press(self, page: httpx.Response, label: str) -> httpx.Response | str:
        """Press the button whose label contains `label` (any case); the final page, or the URL
        the browser was sent to in a stopped origin."""
        for form in forms_of(page.text):
            for button_label, name, value in form.buttons:
                if label.lower() in button_label.lower():
                    data = dict(form.fields)
                    if name:
                        data[name] = value
                    return self._submit(str(page.url), form, data)
        raise LookupError(f"No button {label!r} on {page.url}")

    def _submit(self, base: str, form: Form, data: dict[str, str]) -> httpx.Response | str:
        target = urljoin(base, form.action or base)
        if self._stops(target):
            return target
        if form.method == "post":
            response = self.client.post(target, data=data)
        else:
            response = self.client.get(target, params=data)
        return self._follow(response)

    def _follow(self, response: httpx.Response) -> httpx.Response | str:
        for _hop in range(10):
            if response.is_redirect:
                target = urljoin(str(response.url), response.headers["location"])
                if self._stops(target):
                    return target
                response = self.client.get(target)
                continue
            # An auto-submitting form (a gateway posting the result back to the merchant).
            forms = (
                forms_of(response.text)
                if "text/html" in response.headers.get("content-type", "")
                else []
            )
            if len(forms) == 1 and "onload" in response.text and "submit()" in response.text:
                return self._submit(str(response.url), forms[0], dict(forms[0].fields))
            return response
        raise RuntimeError("Too many redirects")
