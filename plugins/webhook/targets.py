"""Which webhook target URLs Haat will call, and at which addresses.

Only http(s), and only globally routable addresses: a host that is, or resolves to, a private,
loopback, link-local, shared (CGNAT, where cloud metadata services live), special-purpose or
multicast address is refused, unless it falls in `WEBHOOK_ALLOWED_NETWORKS` (the demo and the tests
allow loopback): otherwise anyone who may create a webhook could make Haat probe its own network.
IPv6 addresses that carry an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64) are judged by that
IPv4 address too, so `::ffff:127.0.0.1` or `2002:7f00:1::` do not smuggle loopback through.

The check runs when a webhook is saved and again before every delivery, because a name can
resolve differently later; the delivery then connects to the addresses this check approved
(`CheckedTarget.addresses`), never to a second DNS answer.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from .error_codes import WebhookErrorCode

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# (host, port) -> the host's addresses; raises OSError (or UnicodeError) when it does not resolve.
Resolver = Callable[[str, int], Sequence[IPAddress]]

# Blocks that IANA's special-purpose registries mark as not globally reachable but that this
# Python's `is_global` calls global (its tables differ between Python versions).
_NOT_GLOBAL = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "192.0.0.0/24",  # IETF protocol assignments
        "::/96",  # IPv4-compatible IPv6 (deprecated)
        "64:ff9b:1::/48",  # NAT64, local use
    )
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class CheckedTarget:
    """A target URL Haat may deliver to, with the addresses its host resolved to when checked."""

    url: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo server and client,
    NAT64): traffic to it ends up there."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    embedded = []
    if address.ipv4_mapped:
        embedded.append(address.ipv4_mapped)
    if address.sixtofour:
        embedded.append(address.sixtofour)
    if address.teredo:
        embedded.extend(address.teredo)
    if address in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return embedded


def is_globally_routable(address: IPAddress) -> bool:
    """Whether the address, and every IPv4 address it carries, is a global unicast address."""
    for candidate in (address, *embedded_ipv4(address)):
        if isinstance(candidate, ipaddress.IPv6Address) and candidate.ipv4_mapped:
            continue  # judged by the IPv4 address it maps (in embedded_ipv4)
        if (
            not candidate.is_global
            or candidate.is_multicast
            or any(candidate in network for network in _NOT_GLOBAL)
        ):
            return False
    return True


def is_allowed_address(address: IPAddress, allowed: Sequence[IPNetwork]) -> bool:
    """Global, or in one of the `allowed` networks (an IPv4-mapped address as its IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # a dual-stack socket connects to the IPv4 address
    return any(address in network for network in allowed) or is_globally_routable(address)


def _allowed_networks() -> list[IPNetwork]:
    return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.WEBHOOK_ALLOWED_NETWORKS]


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """The host's addresses (an IP literal is its own); raises OSError (or UnicodeError) when it
    does not resolve."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    # A TCP address's sockaddr starts with the host as a string (typeshed also allows the int of
    # other families); an IPv6 one may carry a "%zone".
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def check_target(url: str, *, resolve: Resolver = resolve_host) -> CheckedTarget:
    """The target and its approved addresses, if Haat may deliver to it; otherwise
    `ValidationError` on `target_url`. Every address the host resolves to must pass: a name
    that mixes public and private answers is refused."""

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
        addresses = tuple(dict.fromkeys(resolve(parts.hostname, port)))
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise refuse(f"The host {parts.hostname!r} does not resolve.") from error
    if not addresses:
        raise refuse(f"The host {parts.hostname!r} does not resolve.")
    for address in addresses:
        if not is_allowed_address(address, allowed):
            raise refuse(
                f"The target {parts.hostname!r} is not a globally routable address (private, "
                "loopback, link-local or reserved); Haat does not deliver there."
            )
    return CheckedTarget(url=url, host=parts.hostname, port=port, addresses=addresses)


def check_target_url(url: str, *, resolve: Resolver = resolve_host) -> str:
    """The URL, if Haat may deliver to it (see `check_target`); otherwise `ValidationError`."""
    return check_target(url, resolve=resolve).url
