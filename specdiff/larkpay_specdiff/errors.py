"""The errors of the spec diff; each message is one sentence saying what happened and what to do.

SpecDiffError
 ├── SpecInputError      a side cannot be read: missing file, bad git reference, invalid
 │                       YAML or JSON, not an OpenAPI 3 document, a $ref to nothing
 ├── IgnoreFileError     spec-diff-ignore.yaml is unreadable or an entry is malformed
 └── GeneratorError      the pinned client generator failed on one side
"""

from __future__ import annotations


class SpecDiffError(Exception):
    """Base class: the command prints the message and exits 2."""


class SpecInputError(SpecDiffError):
    """A spec (either side) cannot be read or is not an OpenAPI 3 document."""


class IgnoreFileError(SpecDiffError):
    """The ignore file is unreadable or one of its entries is malformed."""


class GeneratorError(SpecDiffError):
    """openapi-python-client failed while generating the SDK of one side."""
