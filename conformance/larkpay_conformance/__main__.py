"""``python -m larkpay_conformance`` is ``larkpay conformance``: through the dispatcher, so that a
missing extra is one line naming it (exit 2), not a traceback."""

import sys

from larkpay_cli.commands import COMMANDS
from larkpay_cli.main import run

if __name__ == "__main__":
    raise SystemExit(
        run(COMMANDS["conformance"], sys.argv[1:], prog="python -m larkpay_conformance")
    )
