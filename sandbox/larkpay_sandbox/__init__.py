"""The Larkpay reference sandbox: a stateful server that implements openapi.yaml.

Run it with ``larkpay-sandbox`` or ``python -m larkpay_sandbox``; ``create_app`` in
``larkpay_sandbox.app`` builds the ASGI app and ``larkpay_sandbox.testing`` starts it for tests.
The layers, and one request and one webhook followed through them, are in sandbox/README.md.
"""
