"""The plugin framework (DESIGN.md layer 12): `BasePlugin`, `PluginsManager`, stored
configuration and the typed hook carriers. Concrete plugins live beside it in `plugins/`."""
