"""GraphQL for shop."""
