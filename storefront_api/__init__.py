"""The GraphQL API: Saleor 3.21's storefront names and shapes, plus Haat's additions."""
