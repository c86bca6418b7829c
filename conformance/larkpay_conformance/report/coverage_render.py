"""The coverage of a run as Markdown tables (the report and ``bench/RESULTS.md``) and as HTML
(the self-contained report); see :mod:`larkpay_conformance.report.coverage_report`."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any


def _statuses(values: list[int]) -> str:
    return " ".join(str(v) for v in values) or "-"


def coverage_markdown(coverage: Mapping[str, Any]) -> list[str]:
    """Markdown lines: the categories, the (operation, status) table, what is unreachable and
    why, and the rules with their checks."""
    out = [
        f"Coverage: **{coverage['percent']:g}%** ({coverage['covered']}/{coverage['reachable']} "
        "reachable items exercised).",
        "",
        "| what | exercised | reachable | % | not exercised |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, category in coverage["categories"].items():
        missing = ", ".join(category["missing"]) or "-"
        out.append(
            f"| {name} | {category['covered']} | {category['reachable']} | "
            f"{category['percent']:.1f} | {missing} |"
        )
    out += [
        "",
        "| operation | documented | seen | not exercised | unreachable |",
        "| --- | --- | --- | --- | --- |",
    ]
    for op_id, row in coverage["operations"].items():
        out.append(
            f"| {op_id} | {_statuses(row['documented'])} | {_statuses(row['seen'])} | "
            f"{_statuses(row['missing'])} | {' '.join(row['unreachable']) or '-'} |"
        )
    out += ["", "Unreachable (declared in `larkpay_conformance/spec/unreachable.py`), and why:", ""]
    reasons: dict[str, list[str]] = {}
    for name, category in coverage["categories"].items():
        for item, reason in category["unreachable"].items():
            reasons.setdefault(f"{name}: {reason}", []).append(item)
    for reason, items in reasons.items():
        out.append(f"- {', '.join(items)} ({reason})")
    out += ["", "| rule | exercised | checks: runs (failures) |", "| --- | --- | --- |"]
    for rule_id, row in coverage["rules"].items():
        checks = ", ".join(
            f"`{name}` {c['runs']:,}" + (f" ({c['failures']} failed)" if c["failures"] else "")
            for name, c in row["checks"].items()
        )
        out.append(f"| {rule_id} | {'yes' if row['exercised'] else 'NO'} | {checks} |")
    return out


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def coverage_html(coverage: Mapping[str, Any]) -> str:
    """The same tables as HTML."""
    rows = "".join(
        f"<tr><td>{_e(name)}</td><td class=n>{c['covered']}</td><td class=n>{c['reachable']}"
        f"</td><td class=n>{c['percent']:.1f}</td><td>{_e(', '.join(c['missing']) or '-')}"
        "</td></tr>"
        for name, c in coverage["categories"].items()
    )
    ops = "".join(
        f"<tr><td>{_e(op)}</td><td>{_e(_statuses(r['documented']))}</td>"
        f"<td>{_e(_statuses(r['seen']))}</td><td>{_e(_statuses(r['missing']))}</td>"
        f"<td>{_e('; '.join(f'{s}: {why}' for s, why in r['unreachable'].items()) or '-')}</td>"
        "</tr>"
        for op, r in coverage["operations"].items()
    )
    rules = "".join(
        f"<tr><td>{_e(rule)}</td><td>{_e(r['text'])}</td><td>"
        + ", ".join(
            f"<code>{_e(n)}</code> {c['runs']:,}"
            + (f" ({c['failures']} failed)" if c["failures"] else "")
            for n, c in r["checks"].items()
        )
        + "</td></tr>"
        for rule, r in coverage["rules"].items()
    )
    return (
        f"<p>Coverage <b>{coverage['percent']:g}%</b> ({coverage['covered']}/"
        f"{coverage['reachable']} reachable items exercised)</p>"
        "<table><tr><th>what</th><th>exercised</th><th>reachable</th><th>%</th>"
        f"<th>not exercised</th></tr>{rows}</table>"
        "<details><summary>(operation, status) pairs</summary><table><tr><th>operation</th>"
        "<th>documented</th><th>seen</th><th>not exercised</th><th>unreachable, why</th></tr>"
        f"{ops}</table></details>"
        "<details><summary>rules and the checks that defend them</summary><table><tr>"
        f"<th>rule</th><th>what</th><th>checks: runs (failures)</th></tr>{rules}</table></details>"
    )
