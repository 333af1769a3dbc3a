"""Collection points: the channel's warehouses where a customer may pick the checkout up.

Saleor's rule decides which: a warehouse whose click-and-collect option is LOCAL_STOCK must hold
every line's quantity itself; with ALL_WAREHOUSES the channel's stock as a whole must cover each
line (the goods are brought there). They are listed nearest first, by the place tree: the
destination's union, then its upazila (or its post office, which serves a thana), district,
division, then the rest of the country; ties by name.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def collection_points_for(
    *,
    channel: Channel,
    destination: AddressPlaces | None,
    lines: Sequence[tuple[int, int]],
) -> list[Warehouse]:
    """The channel's click-and-collect warehouses that can hand over every line ((variant id,
    quantity) pairs), nearest to `destination` first. Two queries, however many lines."""
    warehouses = list(
        Warehouse.objects.filter(channels=channel)
        .exclude(click_and_collect_option=ClickAndCollectOption.DISABLED)
        .select_related("district", "post_office", "centre__union", "centre__district")
    )
    wanted = _wanted(lines)
    if warehouses and wanted:
        available = available_quantities(variant_ids=wanted, channel_id=channel.pk)
    else:
        available = {}
    in_channel: dict[int, int] = {}
    for (_warehouse_id, variant_id), quantity in available.items():
        in_channel[variant_id] = in_channel.get(variant_id, 0) + quantity

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
