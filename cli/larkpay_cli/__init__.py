"""The ``larkpay`` and ``larkpay-sandbox`` commands: a dispatcher that imports only the package of
the subcommand it runs, so that each works with just its own extra installed."""
