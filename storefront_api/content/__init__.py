"""GraphQL for content: pages and navigation menus."""
