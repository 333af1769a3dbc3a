"""Filters the notification templates use to write numbers, money and times for their reader.

Each takes the language as its argument (`{{ order.total|taka:lang }}`), so a Bangla template
gets Bangla digits, lakh grouping and Dhaka time, and an English one ASCII digits.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from django.conf import settings
from django.template import Library
from django.utils.dateparse import parse_datetime

from backend.core.money import Money, format_money, to_decimal
from backend.core.text import format_number, is_bangla, localize_digits

register = Library()


@register.filter
def digits(value: Any, language: str) -> str:
    """Order numbers, codes, counts: the digits of the reader's language, no grouping."""
    return localize_digits("" if value is None else value, language)


@register.filter
def number(value: Any, language: str) -> str:
    """A quantity for people: 12,50,000 in Bangla digits, 1,250,000 in English."""
    return format_number(value, language)


@register.filter
def taka(value: Any, language: str) -> str:
    """An amount: a Decimal or string in BDT, or a `{"amount", "currency"}` mapping."""
    if isinstance(value, dict):
        money = Money(to_decimal(value["amount"]), value.get("currency") or "BDT")
    elif isinstance(value, Money):
        money = value
    else:
        money = Money(to_decimal(value if isinstance(value, Decimal) else str(value)), "BDT")
    return format_money(money, "bn" if is_bangla(language) else "en")


@register.filter
def local_datetime(value: Any, language: str) -> str:
    """A moment in Dhaka time: "৫ মার্চ ২০২৫, ১৫:০৭" or "5 March 2025, 3:07 PM"."""
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return str(value)
    zone = ZoneInfo(settings.TIME_ZONE)
    if is_bangla(language):
        return localize_digits(
            format_datetime(moment, "d MMMM y, HH:mm", tzinfo=zone, locale="bn_BD"), "bn"
        )
    return format_datetime(moment, "d MMMM y, h:mm a", tzinfo=zone, locale="en")
