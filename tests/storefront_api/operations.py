"""The operations a Saleor storefront sends (`storefront_operations/*.graphql`), by document and
operation name, for tests that drive Haat as the storefront does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "storefront_operations"
DOCUMENTS = {
    path.stem: path.read_text(encoding="utf-8") for path in sorted(FOLDER.glob("*.graphql"))
}


def body(document: str, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {"query": DOCUMENTS[document], "operationName": operation, "variables": variables}


def run_operation(api_client, document: str, operation: str, **variables: Any) -> dict:
    """The operation's `data` through the test client; fails the test on a top-level error."""
    response = api_client.client.post(
        "/graphql/",
        json.dumps(body(document, operation, variables)),
        content_type="application/json",
        **api_client._headers(),
    )
    content = response.json()
    assert "errors" not in content, content.get("errors")
    return content["data"]
