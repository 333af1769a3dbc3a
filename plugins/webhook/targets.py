"""Which webhook target URLs Haat will call.

Only http(s). A host that is, or resolves to, a private, loopback, link-local, reserved or
multicast address is refused, unless it falls in `WEBHOOK_ALLOWED_NETWORKS` (the demo and the
tests allow loopback): otherwise anyone who may create a webhook could make Haat probe its own
network. The check runs when a webhook is saved and again before every delivery, because a name
can resolve differently later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from .error_codes import WebhookErrorCode

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.WEBHOOK_ALLOWED_NETWORKS]


def _resolve(host: str, port: int) -> list[IPAddress]:
    """The host's addresses; raises OSError (or UnicodeError) when it does not resolve."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    # A TCP address's sockaddr starts with the host as a string (typeshed also allows the int of
    # other families); an IPv6 one may carry a "%zone".
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def check_target_url(url: str) -> str:
    """The URL, if Haat may deliver to it; otherwise `ValidationError` on `target_url`."""

    def refuse(message: str) -> ValidationError:
        return ValidationError(
            {"target_url": ValidationError(message, code=WebhookErrorCode.INVALID.value)}
        )

    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        raise refuse("The target URL must use http or https.")
    if not parts.hostname:
        raise refuse("The target URL has no host.")
    if parts.username or parts.password:
        raise refuse("The target URL must not carry credentials.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise refuse("The target URL has an invalid port.") from error
    allowed = _allowed_networks()
    try:
        addresses = _resolve(parts.hostname, port)
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise refuse(f"The host {parts.hostname!r} does not resolve.") from error
    for address in addresses:
        if _is_public(address) or any(address in network for network in allowed):
            continue
        raise refuse(
            f"The target {parts.hostname!r} is a private, loopback or link-local address; "
            "Haat does not deliver there."
        )
    return url
