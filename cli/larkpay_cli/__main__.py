"""``python -m larkpay_cli`` is the ``larkpay`` command."""

from larkpay_cli.main import main

raise SystemExit(main())
