"""Staff mutations of vouchers, one per file."""
