"""Tables read from the design brief (shared/design/api.md, beside the repository's clone), so
that tests compare the code with the brief rather than with itself."""

from __future__ import annotations

import re
from pathlib import Path

API_MD = Path(__file__).resolve().parents[1] / ".." / "shared" / "design" / "api.md"


def error_statuses() -> dict[str, int]:
    """The code -> HTTP status table of the brief's "Error codes" section."""
    if not API_MD.is_file():
        raise FileNotFoundError(
            f"the design brief is missing: {API_MD} (shared/ sits beside the clone)"
        )
    section = API_MD.read_text(encoding="utf-8").split("## Error codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (\d{3}) \|", section, flags=re.MULTILINE)
    return {code: int(status) for code, status in rows}
