"""Checkouts as shoppers see them, priced, batched per request."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.checkout.fetch import CheckoutInfo, checkouts_by_token, fetch_checkout_infos
from backend.checkout.models import Checkout
from backend.checkout.summary import CheckoutSummary, summarize_checkouts
from payments.transactions.models import TransactionItem
from storefront_api.catalog.dataloaders import prime_products
from storefront_api.core.dataloaders import DataLoader, by_key, group_by


class CheckoutSummaryByTokenLoader(DataLoader[UUID, CheckoutSummary | None]):
    """Summaries of any number of checkouts in a constant number of queries. A checkout the
    request already holds (the row `checkout(id)` checked, the state a mutation just wrote) is
    not read again: see `remember_checkout`."""

    def batch_load(self, keys: list[UUID]) -> list[CheckoutSummary | None]:
        known = _known(self.context)
        missing = [key for key in keys if key not in known]
        if missing:
            for checkout in checkouts_by_token(missing):
                known[checkout.token] = checkout
        rows = [known[key] for key in keys if isinstance(known.get(key), Checkout)]
        loaded = {info.token: info for info in fetch_checkout_infos(rows)}
        infos = []
        for key in dict.fromkeys(keys):
            held = known.get(key)
            info = held if isinstance(held, CheckoutInfo) else loaded.get(key)
            if info is not None:
                infos.append(info)
        # The lines' products are read as the API shows them: `variant { product }` reads none.
        prime_products(self.context, [line.product for info in infos for line in info.lines])
        summaries = summarize_checkouts(infos, manager=getattr(self.context, "plugins", None))
        by_token = {summary.info.token: summary for summary in summaries}
        return [by_token.get(key) for key in keys]


class CheckoutByTokenLoader(DataLoader[UUID, Checkout | None]):
    """Checkout rows (with what `Checkout`'s fields read joined), whoever may see them: the
    caller decides."""

    def batch_load(self, keys: list[UUID]) -> list[Checkout | None]:
        rows = by_key(checkouts_by_token(keys), lambda checkout: checkout.token)
        return [rows.get(key) for key in keys]


class TransactionItemsByCheckoutTokenLoader(DataLoader[UUID, list[TransactionItem]]):
    """The checkout's payment transactions, oldest first."""

    def batch_load(self, keys: list[UUID]) -> list[list[TransactionItem]]:
        items = group_by(
            TransactionItem.objects.filter(checkout_id__in=keys), lambda item: item.checkout_id
        )
        return [items.get(key, []) for key in keys]


def _known(context: Any) -> dict[UUID, Checkout | CheckoutInfo]:
    known = getattr(context, "_checkouts_held", None)
    if known is None:
        known = {}
        context._checkouts_held = known
    return known


def remember_checkout(context: Any, checkout: Checkout | CheckoutInfo) -> None:
    """Let the request's summaries start from this row (or fully loaded checkout) instead of
    reading it; a summary already made from older state is forgotten."""
    token = checkout.token
    _known(context)[token] = checkout
    CheckoutSummaryByTokenLoader(context)._cache.pop(token, None)
