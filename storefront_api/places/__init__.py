"""GraphQL for places."""
