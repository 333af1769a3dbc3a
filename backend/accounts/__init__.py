"""Accounts: phone-first users, addresses, roles as groups, and JWT sign-in."""
