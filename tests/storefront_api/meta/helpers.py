"""The operations the metadata tests send, and how they read the answers."""

from __future__ import annotations

from graphql_relay import to_global_id

# Saleor's storefront sends exactly this on its checkout page.
STOREFRONT_UPDATE_METADATA = """
mutation UpdateMetadata($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) {
    errors { field message }
    item { ... on Checkout { id metadata { key value } } }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) {
    errors { field message code }
    item { __typename metadata { key value } metafields }
  }
}
"""

UPDATE_PRIVATE = """
mutation UpdatePrivate($id: ID!, $input: [MetadataInput!]!) {
  updatePrivateMetadata(id: $id, input: $input) {
    errors { field message code }
    item { __typename privateMetadata { key value } privateMetafields }
  }
}
"""

DELETE = """
mutation Delete($id: ID!, $keys: [String!]!) {
  deleteMetadata(id: $id, keys: $keys) {
    errors { field message code }
    item { __typename metafields }
  }
}
"""

DELETE_PRIVATE = """
mutation DeletePrivate($id: ID!, $keys: [String!]!) {
  deletePrivateMetadata(id: $id, keys: $keys) {
    errors { field message code }
    item { __typename privateMetafields }
  }
}
"""


def gid(type_name: str, pk) -> str:
    return to_global_id(type_name, pk)


def pairs(**items: str) -> list[dict[str, str]]:
    return [{"key": key, "value": value} for key, value in items.items()]


def assert_permission_denied(content: dict) -> None:
    """Saleor's refusal: the payload is null and one top-level PermissionDenied error."""
    assert list(content["data"].values()) == [None]
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
