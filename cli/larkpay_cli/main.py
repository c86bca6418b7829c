"""Entry points of the console scripts ``larkpay`` and ``larkpay-sandbox``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from larkpay_cli.commands import COMMANDS, SANDBOX, Command

EXIT_USAGE = 2


def usage() -> str:
    """The top-level help: one line per subcommand."""
    width = max(len(name) for name in COMMANDS)
    lines = ["usage: larkpay COMMAND [options]   (larkpay COMMAND --help for its options)", ""]
    lines += [f"  {name:<{width}}  {command.summary}" for name, command in COMMANDS.items()]
    return "\n".join(lines)


def run(command: Command, argv: Sequence[str], prog: str) -> int:
    """Run one subcommand, or print the one line naming its missing extra (exit 2)."""
    if command.missing():
        print(command.install_hint(), file=sys.stderr)
        return EXIT_USAGE
    module = importlib.import_module(command.module)
    return int(module.main(list(argv), prog=prog) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """``larkpay COMMAND ...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(usage())
        return 0 if args else EXIT_USAGE
    command = COMMANDS.get(args[0])
    if command is None:
        known = ", ".join(sorted(COMMANDS))
        print(f"larkpay: unknown command {args[0]!r}; the commands are: {known}", file=sys.stderr)
        return EXIT_USAGE
    return run(command, args[1:], prog=f"larkpay {command.name}")


def sandbox_main(argv: Sequence[str] | None = None) -> int:
    """``larkpay-sandbox ...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    return run(SANDBOX, args, prog="larkpay-sandbox")
