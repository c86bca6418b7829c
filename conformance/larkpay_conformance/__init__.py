"""Larkpay conformance kit: checks that an API deployment, the spec and the SDK agree.

Run it with ``larkpay conformance`` (see :mod:`larkpay_conformance.run.cli`) or
``pytest <this package>/layers`` (the layers and their conftest ship with the package).
"""

__all__: list[str] = []
