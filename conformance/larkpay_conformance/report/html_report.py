"""The HTML report: one self-contained file (inline CSS, no script, no external asset; every
value escaped), readable offline and safe to attach to a ticket."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from larkpay_conformance.report.coverage_render import coverage_html
from larkpay_conformance.report.summary import rate_line

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2330}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #ccd;padding:.25em .6em}
th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#176117;font-weight:600}.bad{color:#a01818;font-weight:600}
pre{background:#f4f5f8;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.case{border-left:4px solid #a01818;padding:.2em 1em;margin:1em 0}
code{background:#f4f5f8;padding:0 .2em}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _layers(summary: dict[str, Any]) -> str:
    rows = []
    for layer, row in summary["layers"].items():
        skipped = "; ".join(row.get("skipped") or [])
        rows.append(
            f"<tr><td>{_e(layer)}</td><td class=n>{row['http_requests']:,}</td>"
            f"<td class=n>{row['hypothesis_examples']:,}</td>"
            f"<td class=n>{row['failures']}</td><td class=n>{row['test_seconds']:.1f}</td>"
            f"<td>{_e(skipped)}</td></tr>"
        )
    return (
        "<table><tr><th>layer</th><th>HTTP requests</th><th>hypothesis examples</th>"
        "<th>failures</th><th>test seconds</th><th>skipped</th></tr>" + "".join(rows) + "</table>"
    )


def _codes(names: list[str]) -> str:
    return ", ".join(f"<code>{_e(name)}</code>" for name in names)


def _failure(number: int, failure: dict[str, Any]) -> str:
    sent_by_checks = "".join(
        f"<p>Request sent by {_codes(sent['checks'])}:</p><pre>{_e(sent['curl'])}</pre>"
        for sent in failure.get("check_requests", [])
    )
    return (
        f"<div class=case><h3>{number}. <code>{_e(failure['test'])}</code>: "
        f"{_e(failure['operation'])}</h3>"
        f"<p>check(s): {_codes(failure['checks'])}<br>reason: {_e(failure['reason'])}</p>"
        f"<p>Request:</p><pre>{_e(failure['curl'])}</pre>{sent_by_checks}"
        f"<p>Rerun just this test:</p><pre>{_e(failure['rerun'])}</pre>"
        f"<details><summary>details</summary><pre>{_e(failure['message'])}</pre></details></div>"
    )


def _operations(summary: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{_e(r['layer'])}</td><td>{_e(r['operation'])}</td>"
        f"<td class=n>{r['http_requests']:,}</td></tr>"
        for r in summary["operations"]
    )
    return f"<table><tr><th>layer</th><th>operation</th><th>HTTP requests</th></tr>{rows}</table>"


def _traffic(summary: dict[str, Any]) -> str:
    head = "".join(
        f"<th>{_e(n)}</th>"
        for n in (
            "layer",
            "operation",
            "method",
            "path",
            "status",
            "error code",
            "events",
            "source",
            "link",
            "count",
        )
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{_e(v if v is not None else '')}</td>"
            for v in (
                r["layer"],
                r["operation"],
                r["method"],
                r["path"],
                r["status"],
                r["error_code"],
                " ".join(r["event_types"]),
                r["source"],
                r["link"],
            )
        )
        + f"<td class=n>{r['count']:,}</td></tr>"
        for r in summary.get("traffic", [])
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def render_html(summary: dict[str, Any], rerun: str) -> str:
    """The whole page."""
    failures = summary["failures"]
    verdict = (
        f"<p class=bad>{len(failures)} failing case(s).</p>"
        if failures
        else "<p class=ok>All checks passed.</p>"
    )
    cases = "".join(_failure(n, f) for n, f in enumerate(failures, 1))
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        "<title>Larkpay conformance report</title>"
        f"<style>{_CSS}</style></head><body>"
        "<h1>Larkpay conformance report</h1>"
        f"<p>target <code>{_e(summary['target'])}</code>, profile {_e(summary['profile'])}, "
        f"seed {_e(summary['seed'])}, {_e(summary['workers'])} worker process(es)</p>"
        f"<p>{_e(rate_line(summary))}</p>{verdict}"
        f"<h2>Layers</h2>{_layers(summary)}"
        + "".join(f"<p>Note: {_e(n)}</p>" for n in summary.get("skipped_checks", []))
        + (
            f"<h2>Coverage</h2>{coverage_html(summary['coverage'])}"
            if "coverage" in summary
            else ""
        )
        + (f"<h2>Failing cases</h2>{cases}" if failures else "")
        + f"<h2>Rerun this seed</h2><pre>{_e(rerun)}</pre>"
        f"<h2>Operations</h2>{_operations(summary)}"
        "<h2>Traffic</h2><details><summary>every kind of request sent, counted</summary>"
        f"{_traffic(summary)}</details></body></html>\n"
    )


def write_html(path: Path, summary: dict[str, Any], rerun: str) -> None:
    """Write the HTML report, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(summary, rerun), encoding="utf-8")
