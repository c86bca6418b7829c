"""Run every benchmark and rewrite bench/RESULTS.md: ``python -m bench`` (or ``bench/run.py``).

A benchmark that cannot run (a missing peer, a server that does not start) leaves its reason in
RESULTS.md instead of figures. Options: ``--only NAME[,NAME]``, ``--output PATH`` and
``--conformance-profile quick|full``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    clock_advance,
    conformance_runs,
    extras,
    machine,
    mutation_sweep,
    sandbox_vs_bare,
    sandbox_vs_prism,
    sdk_overhead,
    spec_diff,
    webhook_verify,
)
from bench.results import Comparison, notes, table

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
#: each takes the conformance profile (only the conformance benchmarks use it)
COMPARISONS: dict[str, Callable[[str], list[Comparison]]] = {
    "webhook": lambda _profile: webhook_verify.measure(),
    "sdk": lambda _profile: sdk_overhead.measure(),
    "throughput": lambda _profile: sandbox_vs_prism.measure(),
    "bare": lambda _profile: sandbox_vs_bare.measure(),
    "workers": conformance_runs.workers_rows,
}
SECTIONS: dict[str, Callable[[str], str]] = {
    "delivery": lambda _profile: extras.delivery_latency(),
    "clock": lambda _profile: clock_advance.section(),
    "conformance": conformance_runs.full_profile_section,
    "specdiff": spec_diff.section,
    "coverage": conformance_runs.coverage_section,
    "mutation": lambda _profile: mutation_sweep.section(),
}
TITLES = {
    "delivery": "## Webhook delivery latency (no peer; target p50 <= 5 ms, p99 <= 20 ms)",
    "conformance": "## Conformance HTTP requests per second from the command's start "
    "(no peer; target >= 250)",
    "clock": "## Test clock: a 7-day advance (no peer; target < 10 s, each step exactly once)",
    "specdiff": "## Spec diff wall time from the command's start (no peer; targets per row)",
    "coverage": "## Conformance coverage of a full run against the embedded sandbox (target: "
    "100% of reachable (operation, status) pairs, every event type and scenario)",
    "mutation": "## Mutation score of the suite on the sandbox (target >= 95% killed, < 10 min)",
}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} / {five:.2f}"


def collect(
    only: set[str], conformance_profile: str
) -> tuple[list[Comparison], list[str], dict[str, str]]:
    """Run the chosen benchmarks; their rows, what failed, and the extra sections."""
    rows: list[Comparison] = []
    failed: list[str] = []
    sections: dict[str, str] = {}
    for name, measure in COMPARISONS.items():
        if name not in only:
            continue
        print(f"bench: {name} ...", flush=True)
        started = time.monotonic()
        try:
            rows += measure(conformance_profile)
        except Exception as exc:  # one failing bench must not hide the others' figures
            traceback.print_exc()
            failed.append(f"- {name}: not measured: {type(exc).__name__}: {exc}")
        print(f"bench: {name} done in {time.monotonic() - started:.0f} s", flush=True)
    for name, section in SECTIONS.items():
        if name in only:
            print(f"bench: {name} ...", flush=True)
            sections[name] = section(conformance_profile)
    return rows, failed, sections


def render(
    rows: list[Comparison], failed: list[str], sections: dict[str, str], header: list[str]
) -> str:
    """The whole RESULTS.md."""
    parts = [
        "# Benchmark results",
        "",
        "Written by `python -m bench` (bench/run.py); every figure is from the run below. "
        "Ratios are ours / peer: each round measures both, alternating which goes first, and "
        "the ratio shown is the median of the per-round ratios; every round is listed.",
        "",
        *header,
        "",
        "## Machine and versions",
        "",
        machine.markdown(),
        "",
        "## Ours vs peers",
        "",
        table(rows) if rows else "No comparison ran.",
        "",
    ]
    if failed:
        parts += ["Not measured in this run:", "", *failed, ""]
    if rows:
        parts += ["How each row was measured:", "", notes(rows), ""]
    for name, text in sections.items():
        parts += [TITLES[name], "", text, ""]
    return "\n".join(parts)


def splice(existing: str, sections: dict[str, str], stamp: str) -> str:
    """``existing`` RESULTS.md with each of ``sections`` replaced (or appended), stamped with
    its own run: a run of some sections keeps every other figure of the file."""
    for name, text in sections.items():
        title = TITLES[name]
        body = f"{title}\n\n{stamp}\n\n{text}\n"
        start = existing.find(title + "\n")
        if start < 0:
            existing = existing.rstrip("\n") + "\n\n" + body
            continue
        following = existing.find("\n## ", start + len(title))
        rest = "" if following < 0 else existing[following:]
        existing = existing[:start] + body + rest
    return existing


def main(argv: list[str] | None = None) -> None:
    """Parse options, run, write RESULTS.md and print it."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    choices = [*COMPARISONS, *SECTIONS]
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="run only these (like --only); when all are sections "
        f"({', '.join(SECTIONS)}), only their sections of the output are rewritten",
    )
    parser.add_argument("--only", default=",".join(choices), help=f"of {','.join(choices)}")
    parser.add_argument("--output", type=Path, default=RESULTS, help="default bench/RESULTS.md")
    parser.add_argument(
        "--conformance-profile",
        choices=["quick", "full"],
        default="full",
        help="full (default: the targets are set on it; 3 runs of the full profile, and 5 "
        "rounds of --workers 2 and 1) or quick (to check the benchmark itself)",
    )
    options = parser.parse_args(argv)
    chosen = ",".join(options.names) if options.names else options.only
    only = {name.strip() for name in chosen.split(",") if name.strip()}
    unknown = only - set(choices)
    if unknown:
        parser.error(f"unknown benchmark(s) {sorted(unknown)}; choose from {choices}")
    started = datetime.now(UTC)
    load_before = _load()
    rows, failed, sections = collect(only, options.conformance_profile)
    took = (datetime.now(UTC) - started).seconds
    load = (
        f"load average (1 min / 5 min) on {os.cpu_count()} cores: before {load_before}, "
        f"after {_load()}"
    )
    if only <= set(SECTIONS) and options.output.exists():
        stamp = f"- run: {started:%Y-%m-%d %H:%M} UTC, {took} s; {load}"
        text = splice(options.output.read_text(encoding="utf-8"), sections, stamp)
        print(splice("", sections, stamp).strip())
    else:
        header = [
            f"- run: {started:%Y-%m-%d %H:%M} UTC, {took} s, "
            f"benchmarks: {', '.join(name for name in choices if name in only)}",
            f"- {load}; the machine may be shared, so every comparison interleaves ours and "
            "the peer and both see the same load",
        ]
        text = render(rows, failed, sections, header)
        print(text)
    options.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
