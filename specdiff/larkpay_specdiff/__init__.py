"""``larkpay spec``: the breaking-change diff of two OpenAPI specs, what it does to the
generated Python SDK, the version gate, the changelog and the migration guide.

    from larkpay_specdiff import compare, load_spec

    report = compare(load_spec("v2.0.0:openapi.yaml"), load_spec("openapi.yaml"), sdk=True)
    for finding in report.findings:
        print(finding.severity, finding.rule, finding.message)

Importing this package imports neither griffe nor the generator: the SDK-surface diff loads
them only when asked for (``sdk=True``).
"""

from larkpay_specdiff.errors import GeneratorError, IgnoreFileError, SpecDiffError, SpecInputError
from larkpay_specdiff.findings import Finding, Location, Severity
from larkpay_specdiff.report import Report, compare, load_spec
from larkpay_specdiff.rules import RULES, Rule

__all__ = [
    "RULES",
    "Finding",
    "GeneratorError",
    "IgnoreFileError",
    "Location",
    "Report",
    "Rule",
    "Severity",
    "SpecDiffError",
    "SpecInputError",
    "compare",
    "load_spec",
]
