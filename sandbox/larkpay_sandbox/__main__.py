"""``python -m larkpay_sandbox`` is ``larkpay-sandbox``: through the dispatcher, so that a missing
extra is one line naming it (exit 2), not a traceback. The server itself is
:mod:`larkpay_sandbox.serve`."""

import sys

from larkpay_cli.commands import SANDBOX
from larkpay_cli.main import run

if __name__ == "__main__":
    raise SystemExit(run(SANDBOX, sys.argv[1:], prog="python -m larkpay_sandbox"))
