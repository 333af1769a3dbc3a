"""Saleor's metadata mutations: public and private key-value metadata of any object with it."""
