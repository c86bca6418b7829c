"""``python -m larkpay_specdiff`` is ``larkpay spec``."""

import sys

from larkpay_specdiff.cli import main

raise SystemExit(main(sys.argv[1:], prog="larkpay spec"))
