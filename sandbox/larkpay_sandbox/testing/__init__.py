"""The sandbox for tests: run it as a subprocess, and receive its webhooks on loopback."""

from larkpay_sandbox.testing.receiver import Delivery, WebhookReceiver
from larkpay_sandbox.testing.running import RunningSandbox, basic_auth, free_port, running_sandbox

__all__ = [
    "Delivery",
    "RunningSandbox",
    "WebhookReceiver",
    "basic_auth",
    "free_port",
    "running_sandbox",
]
