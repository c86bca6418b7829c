"""The rules of the SDK-surface diff: what a change does to code written against the SDK."""

from __future__ import annotations

from larkpay_specdiff.findings import Severity
from larkpay_specdiff.rules import Rule

BREAK, WARN, INFO = Severity.BREAKING, Severity.WARNING, Severity.INFO

SDK_RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "sdk-resource-removed",
            BREAK,
            "a resource (client.<tag>) was removed",
            "move its calls to the resources that now hold them",
        ),
        Rule("sdk-resource-added", INFO, "a resource was added", "nothing"),
        Rule("sdk-method-removed", BREAK, "a method was removed", "stop calling it"),
        Rule(
            "sdk-method-renamed", BREAK, "a method was renamed or moved", "call it by its new name"
        ),
        Rule("sdk-method-added", INFO, "a method was added", "nothing"),
        Rule(
            "sdk-parameter-removed",
            BREAK,
            "an argument was removed; passing it raises TypeError",
            "stop passing it",
        ),
        Rule(
            "sdk-parameter-renamed",
            WARN,
            "a positional argument was renamed",
            "rename it where you pass it by keyword",
        ),
        Rule("sdk-parameter-added-required", BREAK, "a required argument was added", "pass it"),
        Rule("sdk-parameter-added", INFO, "an optional argument was added", "nothing"),
        Rule(
            "sdk-parameter-became-required", BREAK, "an argument became required", "always pass it"
        ),
        Rule("sdk-parameter-became-optional", INFO, "an argument became optional", "nothing"),
        Rule(
            "sdk-parameter-kind-changed",
            BREAK,
            "a positional argument became keyword-only",
            "pass it by name",
        ),
        Rule(
            "sdk-parameter-type-changed",
            BREAK,
            "the type of an argument changed or narrowed",
            "pass a value of the new type",
        ),
        Rule("sdk-parameter-type-widened", INFO, "an argument accepts more types", "nothing"),
        Rule(
            "sdk-parameter-default-changed",
            WARN,
            "the default of an argument changed",
            "pass the old default explicitly to keep the old behaviour",
        ),
        Rule(
            "sdk-return-union-grew",
            WARN,
            "a method can return new alternatives (the union of its return type grew)",
            "handle them wherever you match on the returned type",
        ),
        Rule(
            "sdk-return-type-changed", BREAK, "a method returns another type", "read the new type"
        ),
        Rule("sdk-model-removed", BREAK, "a model class was removed", "stop importing it"),
        Rule(
            "sdk-model-renamed",
            BREAK,
            "a model class was renamed (same fields)",
            "import it by its new name",
        ),
        Rule("sdk-model-added", INFO, "a model class was added", "nothing"),
        Rule(
            "sdk-attribute-removed",
            BREAK,
            "a model attribute was removed",
            "stop reading or setting it",
        ),
        Rule(
            "sdk-attribute-added-required",
            BREAK,
            "a model you build got a required field",
            "pass it when you build the model",
        ),
        Rule("sdk-attribute-added", INFO, "a model attribute was added", "nothing"),
        Rule(
            "sdk-attribute-type-changed",
            BREAK,
            "the type of a model attribute changed in a way that breaks how the model is used",
            "handle the new type",
        ),
        Rule(
            "sdk-attribute-union-grew",
            WARN,
            "a model attribute you read can hold new alternatives (its union grew)",
            "handle them wherever you match on the attribute's type",
        ),
        Rule(
            "sdk-attribute-type-relaxed",
            INFO,
            "the type of a model attribute changed compatibly with how the model is used",
            "nothing",
        ),
        Rule("sdk-enum-member-removed", BREAK, "an enum member was removed", "stop using it"),
        Rule(
            "sdk-enum-member-added",
            INFO,
            "an enum member was added",
            "handle it where you match on the enum",
        ),
    )
}
"""Every SDK rule, by id."""
