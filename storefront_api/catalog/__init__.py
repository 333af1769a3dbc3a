"""GraphQL for catalog."""
