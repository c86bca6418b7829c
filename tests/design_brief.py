"""The design brief (shared/design/api.md, beside the repository's clone) and the tables read
from it, so that tests compare the code with the brief rather than with itself.

Nothing here fails at import: a missing brief is reported by the ``design_brief`` fixture
(tests/conftest.py) inside the tests that need it.
"""

from __future__ import annotations

import re
from pathlib import Path

DESIGN_BRIEF = Path(__file__).resolve().parents[2] / "shared" / "design" / "api.md"


def read_design_brief() -> str | None:
    """The brief's text, or None when it is not beside this checkout."""
    return DESIGN_BRIEF.read_text(encoding="utf-8") if DESIGN_BRIEF.is_file() else None


def error_statuses(text: str | None = None) -> dict[str, int]:
    """The code -> HTTP status table of the brief's "Error codes" section (of ``text``, else of
    the brief on disk); empty when the brief is missing."""
    text = read_design_brief() if text is None else text
    if text is None or "## Error codes" not in text:
        return {}
    section = text.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (\d{3}) \|", section, flags=re.MULTILINE)
    return {code: int(status) for code, status in rows}
