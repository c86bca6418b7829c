"""The Larkpay reference sandbox: a stateful server that implements openapi.yaml.

Run it with ``larkpay-sandbox`` or ``python -m larkpay_sandbox``; ``create_app`` in
``larkpay_sandbox.app`` builds the ASGI app and ``larkpay_sandbox.testing`` starts it for tests.
"""
