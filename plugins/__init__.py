"""Haat's plugins: the framework (`plugins.framework`, below the domain) and the built-in
concrete plugins (`plugins.webhook`, `plugins.notifications`, above it). DESIGN.md, Layout."""
