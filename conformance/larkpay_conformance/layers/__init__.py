"""The layers of the suite as pytest modules, with their conftest: run with
``pytest <this folder>`` or ``larkpay conformance``."""
