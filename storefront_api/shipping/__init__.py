"""GraphQL types and queries of delivery: shipping methods, zones, vendors' parcels."""
