"""``larkpay listen --forward-to URL``: the deployment's webhooks, forwarded to a local handler."""
