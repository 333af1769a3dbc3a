"""Sales channels (DESIGN.md layer 13): read by every layer above, so it sits just over
`backend.core` and imports nothing of the domain."""
