"""API plumbing shared by every domain: ids, errors, connections, loaders, limits, the view."""
