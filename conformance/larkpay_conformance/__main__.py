"""``python -m larkpay_conformance`` runs the conformance suite (same options as the CLI)."""

from larkpay_conformance.cli import run_main

raise SystemExit(run_main())
