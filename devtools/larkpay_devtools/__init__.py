"""Developer tools for the webhook loop: ``larkpay trigger`` and ``larkpay listen``.

Both talk to a deployment only through its public API, with the SDK (``larkpay``); by default
to the local sandbox with its demo credentials (see :mod:`larkpay_devtools.connection`).
"""
