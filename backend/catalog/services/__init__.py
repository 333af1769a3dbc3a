"""Catalogue writes, one module per use case.

`products`, `variants`, `listings` (channel listings and prices), `categories` (the tree) and
`media`; `attributes` and `validation` hold what they share. Every write owns its transaction,
raises ValidationErrors keyed by domain field names (`field_error`) and announces itself to the
plugins inside that transaction, through the `manager` it is given or a new one; plugins send
nothing until the transaction commits. Who may call a write is the caller's check
(`backend.catalog.permissions`), not the write's.
"""
