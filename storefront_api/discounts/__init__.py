"""The vouchers part of the API: Saleor's Voucher type, its queries and staff mutations."""
