"""Larkpay reference sandbox (being built)."""
