"""Addresses a webhook must never reach in production, one per class, shared by the save-time
and delivery tests. Teredo's client is stored inverted (RFC 4380): 80ff:fffe is 127.0.0.1."""

from __future__ import annotations

import pytest

NON_GLOBAL_ADDRESSES = [
    pytest.param("100.100.100.200", id="cloud-metadata-cgnat"),
    pytest.param("100.64.0.1", id="cgnat"),
    pytest.param("169.254.169.254", id="link-local-metadata"),
    pytest.param("192.0.0.8", id="ietf-protocol-assignments"),
    pytest.param("192.0.0.170", id="nat64-discovery"),
    pytest.param("10.0.0.1", id="private-10"),
    pytest.param("172.16.0.1", id="private-172"),
    pytest.param("192.168.1.1", id="private-192"),
    pytest.param("127.0.0.1", id="loopback"),
    pytest.param("0.0.0.0", id="unspecified"),  # noqa: S104 (the address under test)
    pytest.param("192.0.2.1", id="documentation"),
    pytest.param("198.18.0.1", id="benchmarking"),
    pytest.param("240.0.0.1", id="reserved"),
    pytest.param("255.255.255.255", id="broadcast"),
    pytest.param("224.0.0.1", id="multicast"),
    pytest.param("::1", id="ipv6-loopback"),
    pytest.param("::", id="ipv6-unspecified"),
    pytest.param("fe80::1", id="ipv6-link-local"),
    pytest.param("fd00::1", id="ipv6-unique-local"),
    pytest.param("ff02::1", id="ipv6-multicast"),
    pytest.param("::ffff:127.0.0.1", id="ipv4-mapped-loopback"),
    pytest.param("::ffff:169.254.169.254", id="ipv4-mapped-link-local"),
    pytest.param("::ffff:100.100.100.200", id="ipv4-mapped-cgnat"),
    pytest.param("::127.0.0.1", id="ipv4-compatible-loopback"),
    pytest.param("2002:7f00:1::1", id="6to4-loopback"),
    pytest.param("2002:a9fe:a9fe::1", id="6to4-link-local"),
    pytest.param("2001:0:4136:e378:8000:63bf:80ff:fffe", id="teredo-loopback"),
    pytest.param("64:ff9b::7f00:1", id="nat64-loopback"),
    pytest.param("64:ff9b::a9fe:a9fe", id="nat64-link-local"),
]

GLOBAL_ADDRESSES = [
    pytest.param("8.8.8.8", id="ipv4"),
    pytest.param("2606:4700:4700::1111", id="ipv6"),
    pytest.param("::ffff:8.8.8.8", id="ipv4-mapped-global"),
]


def url_of(address: str, *, port: int | str | None = None, path: str = "/hooks") -> str:
    """An http URL at the address; `port` may be a `{port}` placeholder."""
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}{f':{port}' if port else ''}{path}"
