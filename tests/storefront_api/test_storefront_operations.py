"""Saleor's own storefront must work against Haat: the checkout, cart, account-address and order
operations it sends (written out in `storefront_operations/`, field for field) validate against
Haat's schema as they do against Saleor 3.21's. Payment operations come with the payments issue.
"""

from pathlib import Path

import pytest
from graphql import parse, validate

from tests.storefront_api.operations import FOLDER
from tests.storefront_api.test_schema import haat_schema, saleor_schema

OPERATIONS = sorted(FOLDER.glob("*.graphql"))


def _errors(schema, path: Path) -> list[str]:
    document = parse(path.read_text(encoding="utf-8"))
    return [error.message for error in validate(schema, document)]


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.stem)
def test_the_operations_are_saleors(path):
    # the documents themselves are valid Saleor 3.21: a typo here cannot pass as Haat's fault
    assert _errors(saleor_schema(), path) == []


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.stem)
def test_haat_answers_the_storefronts_operations(path):
    assert _errors(haat_schema(), path) == []


def test_every_operation_file_is_checked():
    assert {path.stem for path in OPERATIONS} == {"account_and_orders", "cart", "checkout_page"}
