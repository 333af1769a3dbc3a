"""Saleor's rich text (EditorJS JSON) for descriptions and page content."""

from __future__ import annotations

from typing import Any

EDITORJS_VERSION = "2.24.3"
# Fixed, so that regenerating demo data gives byte-identical descriptions.
_DEMO_TIME = 1_735_689_600_000


def rich_text(*paragraphs: str) -> dict[str, Any]:
    """An EditorJS document with one paragraph block per argument."""
    return {
        "time": _DEMO_TIME,
        "blocks": [{"type": "paragraph", "data": {"text": text}} for text in paragraphs if text],
        "version": EDITORJS_VERSION,
    }
