"""Collection points: the channel's warehouses where a customer may pick the checkout up.

Saleor's rule decides which: a warehouse whose click-and-collect option is LOCAL_STOCK must hold
every line's quantity itself; with ALL_WAREHOUSES the channel's stock as a whole must cover each
line (the goods are brought there). They are listed nearest first, by the place tree: the
destination's union, then its upazila (or its post office, which serves a thana), district,
division, then the rest of the country; ties by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backend.channels.models import Channel
from backend.inventory.availability import available_quantities
from backend.inventory.models import ClickAndCollectOption, Warehouse
from backend.places.selectors import AddressPlaces

SAME_UNION, SAME_UPAZILA, SAME_DISTRICT, SAME_DIVISION, ELSEWHERE = range(5)


def place_distance(warehouse: Warehouse, destination: AddressPlaces | None) -> int:
    """How far a warehouse is from the destination in the place tree (0 nearest). A warehouse's
    union and upazila are its centre's; its district its own, else its centre's."""
    if destination is None:
        return ELSEWHERE
    centre = warehouse.centre
    union = centre.union if centre is not None else None
    district = warehouse.district or (centre.district if centre is not None else None)
    if union is not None and union.pk == destination.union_id:
        return SAME_UNION
    if union is not None and union.upazila_id == destination.upazila_id:
        return SAME_UPAZILA
    if (
        destination.post_office_id is not None
        and warehouse.post_office_id == destination.post_office_id
    ):
        return SAME_UPAZILA
    if district is not None and district.pk == destination.district_id:
        return SAME_DISTRICT
    if district is not None and district.division_id == destination.division_id:
        return SAME_DIVISION
    return ELSEWHERE


def _wanted(lines: Sequence[tuple[int, int]]) -> dict[int, int]:
    wanted: dict[int, int] = {}
    for variant_id, quantity in lines:
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
    return wanted


@dataclass(frozen=True)
class PickupRequest:
    """A checkout asking where it may be collected: its channel, destination and lines
    ((variant id, quantity) pairs)."""

    channel: Channel
    destination: AddressPlaces | None
    lines: Sequence[tuple[int, int]]


def collection_points_for(
    *,
    channel: Channel,
    destination: AddressPlaces | None,
    lines: Sequence[tuple[int, int]],
) -> list[Warehouse]:
    """The channel's click-and-collect warehouses that can hand over every line ((variant id,
    quantity) pairs), nearest to `destination` first. Two queries, however many lines."""
    return collection_points_for_many([PickupRequest(channel, destination, lines)])[0]


def collection_points_for_many(requests: Sequence[PickupRequest]) -> list[list[Warehouse]]:
    """`collection_points_for` of each request, in order: two queries per channel among them,
    however many requests (a page of a customer's checkouts) and lines."""
    by_channel: dict[int, list[int]] = {}
    for index, request in enumerate(requests):
        by_channel.setdefault(request.channel.pk, []).append(index)
    results: list[list[Warehouse]] = [[] for _ in requests]
    for channel_id, indexes in by_channel.items():
        warehouses = list(
            Warehouse.objects.filter(channels=channel_id)
            .exclude(click_and_collect_option=ClickAndCollectOption.DISABLED)
            .select_related("district", "post_office", "centre__union", "centre__district")
        )
        wanted_of = {index: _wanted(requests[index].lines) for index in indexes}
        variant_ids = {variant_id for wanted in wanted_of.values() for variant_id in wanted}
        available: dict[tuple[int, int], int] = {}
        if warehouses and variant_ids:
            available = available_quantities(variant_ids=variant_ids, channel_id=channel_id)
        in_channel: dict[int, int] = {}
        for (_warehouse_id, variant_id), quantity in available.items():
            in_channel[variant_id] = in_channel.get(variant_id, 0) + quantity
        for index in indexes:
            results[index] = _points(
                warehouses, wanted_of[index], available, in_channel, requests[index].destination
            )
    return results


def _points(
    warehouses: list[Warehouse],
    wanted: dict[int, int],
    available: dict[tuple[int, int], int],
    in_channel: dict[int, int],
    destination: AddressPlaces | None,
) -> list[Warehouse]:
    def can_hand_over(warehouse: Warehouse) -> bool:
        if warehouse.click_and_collect_option == ClickAndCollectOption.LOCAL_STOCK:
            return all(
                available.get((warehouse.pk, variant_id), 0) >= quantity
                for variant_id, quantity in wanted.items()
            )
        return all(
            in_channel.get(variant_id, 0) >= quantity for variant_id, quantity in wanted.items()
        )

    return sorted(
        (warehouse for warehouse in warehouses if can_hand_over(warehouse)),
        key=lambda warehouse: (
            place_distance(warehouse, destination),
            warehouse.name,
            warehouse.pk,
        ),
    )
