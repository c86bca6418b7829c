"""Larkpay conformance kit: checks that an API deployment, the spec and the SDK agree.

Run it with ``larkpay conformance`` (see :mod:`larkpay_conformance.cli`) or ``pytest conformance/``.
"""

__all__: list[str] = []
