"""The wire diff of two loaded specs: every rule, then one finding per distinct change."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.loading.document import Spec
from larkpay_specdiff.rules import rule
from larkpay_specdiff.wire import bodies, operation_rules, parameters, toplevel
from larkpay_specdiff.wire.collector import Collector, Hit
from larkpay_specdiff.wire.context import DiffContext
from larkpay_specdiff.wire.messages import message
from larkpay_specdiff.wire.operations import collect
from larkpay_specdiff.wire.schemas import SchemaComparer


def diff_specs(base: Spec, head: Spec, *, today: date | None = None) -> list[Finding]:
    """Every finding from ``base`` to ``head``, breaking first, numbered ``W1``, ``W2``..."""
    ctx = DiffContext(base, head, SchemaComparer(base, head), Collector(), today or date.today())
    for section in ("paths", "webhooks"):
        old, new = collect(base, section), collect(head, section)
        for key in sorted(old.keys() - new.keys()):
            operation_rules.removed(ctx, old[key])
        for key in sorted(new.keys() - old.keys()):
            operation_rules.added(ctx, new[key])
        for key in sorted(old.keys() & new.keys()):
            operation_rules.diff_operation(ctx, old[key], new[key])
            if section == "paths":
                parameters.diff_parameters(ctx, old[key], new[key])
            bodies.diff_request_body(ctx, old[key], new[key])
            bodies.diff_responses(ctx, old[key], new[key])
    toplevel.diff_servers(ctx)
    toplevel.diff_security_schemes(ctx)
    return _findings(ctx, ctx.out.hits)


def _findings(ctx: DiffContext, hits: list[Hit]) -> list[Finding]:
    """One finding per distinct (rule, change), listing every operation it affects; a place
    that one side lacks (a keyword not written there) is reported as its nearest parent."""
    grouped: dict[tuple[object, ...], list[Hit]] = defaultdict(list)
    for hit in hits:
        change = hit.change
        key = (
            hit.rule,
            change.base,
            change.head,
            change.name,
            change.old,
            change.new,
            change.keyword,
        )
        grouped[key].append(hit)
    findings = []
    for group in grouped.values():
        first = group[0]
        definition = rule(first.rule)
        operations = tuple(dict.fromkeys(h.operation for h in group if h.operation))
        facts = dict(first.facts)
        facts.update(name=first.change.name, old=first.change.old, new=first.change.new)
        if first.change.keyword:
            facts["keyword"] = first.change.keyword
        label = (
            operations[0]
            if len(operations) == 1
            else (f"{len(operations)} operations" if operations else "")
        )
        findings.append(
            Finding(
                rule=definition.id,
                severity=definition.severity,
                message=message(definition, first.change, label),
                subject=first.change.name or (operations[0] if operations else ""),
                base=ctx.base.location(ctx.base.nearest(first.change.base)),
                head=ctx.head.location(ctx.head.nearest(first.change.head)),
                operations=operations,
                details=tuple(sorted((k, v) for k, v in facts.items() if v)),
            )
        )
    findings.sort(key=lambda f: (f.severity.rank, f.rule, f.subject, f.operations, f.base.pointer))
    return [
        Finding(**{**f.__dict__, "id": f"W{number}"}) for number, f in enumerate(findings, start=1)
    ]
