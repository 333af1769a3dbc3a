"""Orders: what a customer bought, split into one `VendorOrder` per vendor, with its timeline."""
