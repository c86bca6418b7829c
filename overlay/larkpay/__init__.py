"""Larkpay SDK: the public surface (being built)."""
