"""``larkpay clock``: read and advance the sandbox's test clock from the shell."""
