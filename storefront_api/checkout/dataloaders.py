"""Checkouts as shoppers see them, priced, batched per request."""

from __future__ import annotations

from uuid import UUID

from backend.checkout.fetch import checkouts_by_token, fetch_checkout_infos
from backend.checkout.summary import CheckoutSummary, summarize_checkouts
from storefront_api.core.dataloaders import DataLoader


class CheckoutSummaryByTokenLoader(DataLoader[UUID, CheckoutSummary | None]):
    """Summaries of any number of checkouts in a constant number of queries."""

    def batch_load(self, keys: list[UUID]) -> list[CheckoutSummary | None]:
        checkouts = checkouts_by_token(keys)
        infos = fetch_checkout_infos(checkouts)
        summaries = summarize_checkouts(infos, manager=getattr(self.context, "plugins", None))
        by_token = {summary.info.token: summary for summary in summaries}
        return [by_token.get(key) for key in keys]
