"""Who calls: the permission matrix every catalogue mutation is tested against."""

from __future__ import annotations

from graphql_relay import to_global_id

# The vendor under test belongs to `entrepreneur`; `other_entrepreneur` owns `other_vendor`.
DENIED_ROLES = ("anonymous", "customer_user", "other_entrepreneur", "staff_user")
ALLOWED_ROLES = ("entrepreneur", "product_manager")


def client_for(request, api_client, role: str):
    if role == "anonymous":
        return api_client
    if role == "other_entrepreneur":
        request.getfixturevalue("other_vendor")
    return api_client.as_user(request.getfixturevalue(role))


def assert_permission_denied(content: dict) -> None:
    # The mutation's one field is null (its payload is nullable, so `data` itself is not).
    assert list(content["data"].values()) == [None]
    assert len(content["errors"]) == 1
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def gid(type_name: str, pk) -> str:
    return to_global_id(type_name, pk)
