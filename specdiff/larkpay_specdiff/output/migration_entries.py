"""The entries of a migration guide: one per breaking change, with the SDK code before and after
when the change reaches code (a call, an import, an attribute read)."""

from __future__ import annotations

from dataclasses import dataclass

from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.output.calls import Examples, call, variable
from larkpay_specdiff.report import Report
from larkpay_specdiff.sdk.surface import Method, Surface
from larkpay_specdiff.wire.operations import normalized_path

CALL, READ, TEXT = "call", "read", "text"


@dataclass(frozen=True)
class Entry:
    """One breaking change: a title, why, and the code before and after (None: no code).

    ``kind`` is ``call`` when the old code no longer runs with the new SDK (a renamed method, a
    removed or newly required argument), ``read`` when it runs but must handle new values."""

    title: str
    explanation: str
    before: str | None
    after: str | None
    kind: str


class _Writer:
    def __init__(self, report: Report, surfaces: tuple[Surface, Surface]) -> None:
        self.report = report
        self.old, self.new = surfaces
        self.old_examples, self.new_examples = Examples(report.base), Examples(report.head)
        self.wire = {f.id: f for f in report.findings}

    def why(self, finding: Finding) -> str:
        """The messages of the wire changes behind an SDK change (those that need action)."""
        causes = [self.wire[c] for c in finding.caused_by if c in self.wire]
        acting = [c for c in causes if c.severity is not Severity.INFO] or causes
        return " ".join(dict.fromkeys(c.message for c in acting)) or finding.message

    def method(self, surface: Surface, subject: str) -> Method | None:
        return surface.methods.get(subject.split("(")[0].removeprefix("client."))

    def getters(self, model: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """``payment = client.payments.get(payment_id)`` on each side: a call that returns
        ``model``, a ``GET`` (which changes nothing) before any other, the same method on both
        sides (its endpoint) where it exists, else the fewest required arguments."""
        new = _readers(self.new, model)
        if not new:
            return None
        chosen = new[0]
        candidates = _readers(self.old, model)
        same = [
            m for m in candidates if normalized_path(m.endpoint) == normalized_path(chosen.endpoint)
        ]
        old = same or candidates
        if not old:
            return None
        name = variable(model)
        return (
            (name, f"{name} = {call(old[0], self.old_examples)}"),
            (name, f"{name} = {call(chosen, self.new_examples)}"),
        )

    def entry(self, finding: Finding) -> Entry:
        handler = getattr(self, "_" + finding.rule.removeprefix("sdk-").replace("-", "_"), None)
        made = handler(finding) if handler is not None else None
        return made or Entry(finding.message.split(":")[0], self.why(finding), None, None, TEXT)

    def _method_renamed(self, finding: Finding) -> Entry | None:
        old, new = (
            self.method(self.old, finding.subject),
            self.method(self.new, finding.head.pointer),
        )
        if old is None or new is None:
            return None
        title = f"`{old.call}()` is now `{new.call}()`"
        before = f"result = {call(old, self.old_examples)}"
        return Entry(
            title, self.why(finding), before, f"result = {call(new, self.new_examples)}", CALL
        )

    def _method_removed(self, finding: Finding) -> Entry | None:
        old = self.method(self.old, finding.subject)
        if old is None:
            return None
        return Entry(
            f"`{old.call}()` was removed",
            self.why(finding),
            call(old, self.old_examples),
            None,
            CALL,
        )

    def _parameter_removed(self, finding: Finding) -> Entry | None:
        old, new = self.method(self.old, finding.subject), self.method(self.new, finding.subject)
        name = finding.subject.split("(")[1].rstrip("=)")
        if old is None or new is None or name not in old.params:
            return None
        value = self.old_examples.value(old, old.params[name])
        before = call(old, self.old_examples, include={name: value})
        title = f"`{new.call}()` no longer takes `{name}`"
        return Entry(title, self.why(finding), before, call(new, self.new_examples), CALL)

    def _required(self, finding: Finding) -> Entry | None:
        old, new = self.method(self.old, finding.subject), self.method(self.new, finding.subject)
        name = finding.subject.split("(")[1].rstrip("=)")
        if old is None or new is None:
            return None
        title = f"`{new.call}()` requires `{name}`"
        before = call(old, self.old_examples, omit={name})
        return Entry(title, self.why(finding), before, call(new, self.new_examples), CALL)

    _parameter_added_required = _required
    _parameter_became_required = _required

    def _parameter_type_changed(self, finding: Finding) -> Entry | None:
        old, new = self.method(self.old, finding.subject), self.method(self.new, finding.subject)
        name = finding.subject.split("(")[1].rstrip("=)")
        if old is None or new is None or name not in old.params or name not in new.params:
            return None
        before = call(
            old, self.old_examples, include={name: self.old_examples.value(old, old.params[name])}
        )
        after = call(
            new, self.new_examples, include={name: self.new_examples.value(new, new.params[name])}
        )
        return Entry(
            f"`{name}` of `{new.call}()` changed type", self.why(finding), before, after, CALL
        )

    def constructor(self, surface: Surface, examples: Examples, model: str) -> str | None:
        """``models.X(field=value, ...)`` with the required fields of ``model``."""
        found = surface.models.get(model)
        schema = examples.component(model)
        if found is None or schema is None:
            return None
        arguments = []
        for attribute in found.attributes.values():
            if not attribute.required:
                continue
            value = examples.field(schema, attribute.name)
            kind = attribute.annotation.split("|")[0].strip()
            enum = surface.models.get(kind)
            if enum is not None and enum.members:
                value = f"models.{kind}({value})"
            arguments.append(f"{attribute.name}={value}")
        return f"models.{model}({', '.join(arguments)})"

    def _attribute_type_changed(self, finding: Finding) -> Entry | None:
        model, _, attribute = finding.subject.removeprefix("models.").partition(".")
        old_type, new_type = finding.detail("old") or "", finding.detail("new") or ""
        title = f"`{model}.{attribute}` is now `{new_type}`"
        if finding.detail("use") == "built by callers":
            return self._built_model(finding, title, model)
        getters = self.getters(model)
        if getters is None:
            return Entry(title, self.why(finding), None, None, READ)
        (old_name, old_fetch), (name, fetch) = getters
        read = f"{name}.{attribute}"
        before = f"{old_fetch}\n{attribute} = {old_name}.{attribute}"
        if "Unset" in new_type and "Unset" not in old_type:
            after = (
                "from larkpay_api.types import Unset\n\n"
                f"{fetch}\n{attribute} = None if isinstance({read}, Unset) else {read}"
            )
        elif "None" in new_type:
            after = f"{fetch}\nif {read} is not None:\n    {attribute} = {read}"
        else:
            after = f"{fetch}\n{attribute} = {read}  # now {new_type}"
        return Entry(title, self.why(finding), before, after, READ)

    def _built_model(self, finding: Finding, title: str, model: str) -> Entry:
        before = self.constructor(self.old, self.old_examples, model)
        after = self.constructor(self.new, self.new_examples, model)
        if before is None or after is None or before == after:
            return Entry(title, self.why(finding), None, None, CALL)
        imports = "from larkpay import models\n\n"
        return Entry(
            title, self.why(finding), f"{imports}body = {before}", f"{imports}body = {after}", CALL
        )

    def _attribute_removed(self, finding: Finding) -> Entry | None:
        model, _, attribute = finding.subject.removeprefix("models.").partition(".")
        found = _readers(self.old, model)
        if not found:
            return None
        name = variable(model)
        before = f"{name} = {call(found[0], self.old_examples)}\n{attribute} = {name}.{attribute}"
        return Entry(f"`{model}.{attribute}` was removed", self.why(finding), before, None, READ)

    def _enum_member_removed(self, finding: Finding) -> Entry | None:
        model, _, member = finding.subject.removeprefix("models.").partition(".")
        remaining = self.new.models.get(model)
        if remaining is None or not remaining.members:
            return None
        before = f"from larkpay import models\n\nvalue = models.{model}.{member}"
        other = next(iter(remaining.members))
        after = f"from larkpay import models\n\nvalue = models.{model}.{other}  # still listed"
        return Entry(
            f"`models.{model}.{member}` was removed", self.why(finding), before, after, CALL
        )

    def _model_removed(self, finding: Finding) -> Entry | None:
        model = finding.subject.removeprefix("models.")
        before = f"from larkpay.models import {model}"
        return Entry(f"`models.{model}` was removed", self.why(finding), before, None, CALL)

    def _model_renamed(self, finding: Finding) -> Entry | None:
        old, new = (
            finding.subject.removeprefix("models."),
            finding.head.pointer.removeprefix("models."),
        )
        title = f"`models.{old}` is now `models.{new}`"
        return Entry(
            title,
            self.why(finding),
            f"from larkpay.models import {old}",
            f"from larkpay.models import {new}",
            CALL,
        )

    def wire_entry(self, finding: Finding) -> Entry:
        return Entry(_wire_title(finding), finding.message, None, None, TEXT)


def _readers(surface: Surface, model: str) -> list[Method]:
    """The methods that return ``model``, the best example first: ``GET`` before any other
    (reading changes nothing), then the fewest required arguments, then ``get``."""
    found = [m for m in surface.methods.values() if m.returns == model]
    return sorted(
        found,
        key=lambda m: (
            not m.endpoint.startswith("GET "),
            sum(p.required for p in m.params.values()),
            m.name != "get",
            m.call,
        ),
    )


def _wire_title(finding: Finding) -> str:
    where = f" ({finding.operations[0]})" if len(finding.operations) == 1 else ""
    return f"{finding.subject}{where}: `{finding.rule}`"


def entries(report: Report) -> list[Entry]:
    """Every breaking change, SDK changes first (each explained by its wire causes), then wire
    changes that no SDK change reflects."""
    if report.surfaces is None:
        raise ValueError("the migration guide needs the SDK-surface diff (compare(..., sdk=True))")
    writer = _Writer(report, report.surfaces)
    sdk = [f for f in report.sdk or [] if f.severity is Severity.BREAKING]
    explained = {cause for f in sdk for cause in f.caused_by}
    made = [writer.entry(f) for f in sdk]
    made += [
        writer.wire_entry(f)
        for f in report.findings
        if f.severity is Severity.BREAKING and f.id not in explained
    ]
    return made
