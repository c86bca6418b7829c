"""Finding and reading openapi.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_sandbox.spec.document import find_spec_path
from larkpay_sandbox.spec.routes import Spec


def test_spec_path_honours_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "custom.yaml"
    monkeypatch.setenv("LARKPAY_SPEC", str(target))
    assert find_spec_path() == target


def test_spec_path_defaults_to_the_repository_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LARKPAY_SPEC", raising=False)
    assert find_spec_path().name == "openapi.yaml"
    assert find_spec_path().is_file()


def test_load_rejects_a_file_without_paths(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\n")
    with pytest.raises(ValueError, match="paths"):
        Spec.load(bad)
