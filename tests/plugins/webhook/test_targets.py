"""Which webhook targets are accepted when saved: global addresses only, unless allowed."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from plugins.webhook.targets import check_target, check_target_url

from .addresses import GLOBAL_ADDRESSES, NON_GLOBAL_ADDRESSES, url_of


def _resolving(*addresses: str):
    """A resolver that answers every name with `addresses` (the test's DNS)."""

    def resolve(host: str, port: int):
        return [ipaddress.ip_address(address) for address in addresses]

    return resolve


def _refusal(url: str, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as error:
        check_target_url(url, **kwargs)
    return [(field, e.code) for field, errors in error.value.error_dict.items() for e in errors]


@pytest.mark.parametrize("address", NON_GLOBAL_ADDRESSES)
def test_non_global_addresses_are_refused(settings, address):
    # given production: no network allowed
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    # when / then
    assert _refusal(url_of(address)) == [("target_url", "invalid")]


@pytest.mark.parametrize("address", NON_GLOBAL_ADDRESSES)
def test_names_resolving_to_non_global_addresses_are_refused(settings, address):
    # given
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    # when / then
    assert _refusal("https://hooks.partner.test/x", resolve=_resolving(address)) == [
        ("target_url", "invalid")
    ]


def test_a_name_with_one_non_global_answer_among_global_ones_is_refused(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    resolve = _resolving("8.8.8.8", "100.100.100.200")
    assert _refusal("https://hooks.partner.test/x", resolve=resolve) == [("target_url", "invalid")]


@pytest.mark.parametrize("address", GLOBAL_ADDRESSES)
def test_global_addresses_are_accepted(settings, address):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    assert check_target_url(url_of(address)) == url_of(address)


def test_a_checked_target_carries_the_addresses_it_was_checked_at(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    resolve = _resolving("8.8.8.8", "2606:4700:4700::1111", "8.8.8.8")
    target = check_target("https://Hooks.Partner.test:8443/x", resolve=resolve)
    assert (target.host, target.port, target.addresses) == (
        "hooks.partner.test",
        8443,
        (ipaddress.ip_address("8.8.8.8"), ipaddress.ip_address("2606:4700:4700::1111")),
    )


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_allowed_networks_admit_loopback(settings, address):
    # given the demo's setting (DEBUG)
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    # when / then
    assert check_target_url(url_of(address, port=8081)) == url_of(address, port=8081)


@pytest.mark.parametrize(
    "address",
    ["169.254.169.254", "100.100.100.200", "10.0.0.1", "2002:7f00:1::1", "64:ff9b::7f00:1"],
)
def test_allowing_loopback_allows_nothing_else(settings, address):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    assert _refusal(url_of(address)) == [("target_url", "invalid")]


def test_a_name_that_does_not_resolve_is_refused(settings):
    def fail(host: str, port: int):
        raise OSError("NXDOMAIN")

    assert _refusal("https://nowhere.partner.test/", resolve=fail) == [("target_url", "invalid")]
