"""The catalogue: channels, categories, product types, attributes, products, variants, media,
collections, menus and pages, with Bangla and English translations."""
