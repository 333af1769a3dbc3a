"""Bangladesh's geography (division > district > upazila > union), post offices and centres."""
