"""The built-in notifications plugin: SMS and e-mail, Bangla first."""
