"""Which SMS encoding a text needs, and how many parts it costs.

GSM 03.38 (the 7-bit default alphabet) fits 160 characters in one SMS, 153 per part when
concatenated; anything outside it (Bangla included) needs UCS-2: 70 characters, 67 per part.
Characters of the extension table (€, [, ], ...) take two septets. Gateways bill per part.
"""

from __future__ import annotations

import math

GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = set("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 7-bit alphabet (so `type=text` is safe)."""
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def sms_parts(text: str) -> int:
    """How many SMS parts the text is sent (and billed) as; an empty text is one part."""
    if is_gsm7(text):
        length = sum(2 if char in GSM_EXTENSION else 1 for char in text)
        single, per_part = 160, 153
    else:
        # UTF-16 code units: Bangla sits in the BMP, an emoji takes two.
        length = len(text.encode("utf-16-le")) // 2
        single, per_part = 70, 67
    if length <= single:
        return 1
    return math.ceil(length / per_part)
