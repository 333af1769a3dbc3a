"""GraphQL for sales channels."""
