"""GraphQL for marketplace."""
