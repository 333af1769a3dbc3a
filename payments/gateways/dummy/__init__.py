"""A test gateway that speaks like Saleor's dummy payment app."""
