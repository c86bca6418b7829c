"""Fixtures shared by the spec tests: the parsed openapi.yaml and the design brief."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DESIGN_BRIEF = ROOT.parent / "shared" / "design" / "api.md"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    with (ROOT / "openapi.yaml").open() as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


@pytest.fixture(scope="session")
def design_brief() -> str:
    if not DESIGN_BRIEF.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{DESIGN_BRIEF} is missing; CI lays shared/ beside the clone.")
        pytest.skip(f"the design brief {DESIGN_BRIEF} is not beside this checkout")
    return DESIGN_BRIEF.read_text()
