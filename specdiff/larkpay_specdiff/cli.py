"""``larkpay spec``: diff two specs, check the spec against the last release, write the
changelog or the migration guide, list the rules.

Exit status: 0 the gate passes (warnings may be printed), 1 the gate fails (breaking changes
without a major version bump, an expired ignore entry, or warnings with ``--fail-on
warning``), 2 bad usage or input (a missing file, a bad git reference, invalid YAML, a
malformed ignore file, a missing extra).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from larkpay_specdiff.errors import GeneratorError, SpecDiffError
from larkpay_specdiff.findings import Severity
from larkpay_specdiff.gate.ignore import DEFAULT_NAME, IgnoreEntry, load_ignore_file
from larkpay_specdiff.releases import DEFAULT_FOLDER, latest_release
from larkpay_specdiff.report import EXIT_USAGE, Report, compare, load_spec
from larkpay_specdiff.rules import RULES

FORMATS = ("text", "markdown", "json", "junit")


def _renderer(name: str) -> Callable[[Report], str]:
    if name == "markdown":
        from larkpay_specdiff.output.markdown import render_markdown

        return render_markdown
    if name == "json":
        from larkpay_specdiff.output.jsonout import render_json

        return render_json
    if name == "junit":
        from larkpay_specdiff.output.junit import render_junit

        return render_junit
    from larkpay_specdiff.output.text import render_text

    return render_text


def _known_rules() -> set[str]:
    from larkpay_specdiff.sdk.rules import SDK_RULES

    return set(RULES) | set(SDK_RULES)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _gate_options(parser: argparse.ArgumentParser, *, sdk_default: bool) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--output", type=Path, help="write the report there (default: stdout)")
    parser.add_argument(
        "--ignore-file",
        type=Path,
        help=f"accepted findings (default: ./{DEFAULT_NAME} when it exists)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "warning"),
        default="breaking",
        help="also fail on warnings (default: only breaking changes without a major bump)",
    )
    sdk = parser.add_mutually_exclusive_group()
    default = " (default)" if sdk_default else ""
    sdk.add_argument(
        "--sdk",
        dest="sdk",
        action="store_true",
        default=sdk_default,
        help=f"also diff the public API of the SDK generated from each side{default}",
    )
    sdk.add_argument("--no-sdk", dest="sdk", action="store_false", help="wire diff only")
    parser.add_argument("--no-cache", action="store_true", help="regenerate both SDKs")
    parser.add_argument("--today", type=_date, help="the date for sunsets and expiries")


def _parser(prog: str) -> argparse.ArgumentParser:
    summary = (__doc__ or "").split("\n\n")[0].replace("``", "")
    parser = argparse.ArgumentParser(prog=prog, description=summary or None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    diff = commands.add_parser("diff", help="compare two specs (files or git REF:path)")
    diff.add_argument("base", help="the old spec: a file, or REF:path (e.g. HEAD~1:openapi.yaml)")
    diff.add_argument("head", help="the new spec: a file, or REF:path")
    _gate_options(diff, sdk_default=False)
    check = commands.add_parser("check", help="compare the spec with the newest released one")
    check.add_argument("--spec", default="openapi.yaml", help="the spec (default: openapi.yaml)")
    check.add_argument(
        "--released",
        type=Path,
        default=DEFAULT_FOLDER,
        help=f"folder of released snapshots (default: {DEFAULT_FOLDER})",
    )
    _gate_options(check, sdk_default=True)
    for name, text in (
        ("changelog", "the changelog section of the next release (Markdown)"),
        ("migration-guide", "the migration guide between two releases (Markdown)"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("base", nargs="?", help="old spec (default: the newest released one)")
        sub.add_argument("head", nargs="?", help="new spec (default: openapi.yaml)")
        sub.add_argument("--released", type=Path, default=DEFAULT_FOLDER)
        sub.add_argument("--output", type=Path, help="write it there (default: stdout)")
        sub.add_argument("--no-cache", action="store_true", help="regenerate both SDKs")
        sub.add_argument("--today", type=_date, help="the release date to print")
    rules = commands.add_parser("rules", help="list every rule with its severity")
    rules.add_argument("--format", choices=("text", "markdown"), default="text")
    return parser


def _ignore_entries(path: Path | None) -> list[IgnoreEntry]:
    if path is None:
        path = Path(DEFAULT_NAME)
        if not path.is_file():
            return []
    return load_ignore_file(path, _known_rules())


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def _run_gate(args: argparse.Namespace, base_name: str, head_name: str) -> int:
    entries = _ignore_entries(args.ignore_file)
    report = compare(
        load_spec(base_name),
        load_spec(head_name),
        sdk=args.sdk,
        ignore=entries,
        today=args.today,
        fail_on=Severity(args.fail_on),
        cache=not args.no_cache,
    )
    _emit(_renderer(args.format)(report), args.output)
    if args.output is not None:
        print(f"{args.output}: gate {'passed' if report.verdict.passed else 'FAILED'}.")
    return report.exit_code


def _sides(args: argparse.Namespace) -> tuple[str, str]:
    base = args.base or str(latest_release(args.released))
    return base, args.head or "openapi.yaml"


def _document(args: argparse.Namespace) -> int:
    base, head = _sides(args)
    report = compare(
        load_spec(base), load_spec(head), sdk=True, today=args.today, cache=not args.no_cache
    )
    if report.sdk_error is not None:  # the document is about the SDK: nothing to write
        raise GeneratorError(report.sdk_error)
    if args.command == "changelog":
        from larkpay_specdiff.output.changelog import render_changelog as render
    else:
        from larkpay_specdiff.output.migration import render_migration_guide as render
    _emit(render(report, today=args.today), args.output)
    return 0


def _rules(args: argparse.Namespace) -> int:
    from larkpay_specdiff.sdk.rules import SDK_RULES

    every = {**RULES, **SDK_RULES}
    if args.format == "markdown":
        lines = ["| rule | severity | detects | client action |", "| --- | --- | --- | --- |"]
        lines += [
            f"| `{r.id}` | {r.severity.value} | {r.summary} | {r.action} |" for r in every.values()
        ]
    else:
        width = max(map(len, every))
        lines = [f"{r.id:<{width}}  {r.severity.value:<8}  {r.summary}" for r in every.values()]
    print("\n".join(lines))
    return 0


def main(argv: list[str], prog: str = "larkpay spec") -> int:
    """``larkpay spec COMMAND ...``; returns the exit status."""
    args = _parser(prog).parse_args(argv)
    try:
        if args.command == "diff":
            return _run_gate(args, args.base, args.head)
        if args.command == "check":
            return _run_gate(args, str(latest_release(args.released)), args.spec)
        if args.command == "rules":
            return _rules(args)
        return _document(args)
    except SpecDiffError as error:
        print(f"{prog} {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
