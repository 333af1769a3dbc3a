"""The plugins API: `plugins`, `plugin`, `pluginUpdate` (Saleor names)."""
