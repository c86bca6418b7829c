"""Find and read openapi.yaml: $LARKPAY_SPEC, else the copy in the wheel, else the repository's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader when installed: the pure-Python one is much slower on a spec this size.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
"""The operation keys of an OpenAPI path item, in the order the docs page lists them."""


def find_spec_path() -> Path:
    """$LARKPAY_SPEC, else the copy packaged in the wheel, else the repository's openapi.yaml."""
    override = os.environ.get("LARKPAY_SPEC")
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parents[1] / "openapi.yaml"
    if packaged.is_file() and _has_info(packaged):
        return packaged
    return Path(__file__).resolve().parents[3] / "openapi.yaml"


def _has_info(path: Path) -> bool:
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError):
        return False
    return isinstance(loaded, dict) and "info" in loaded


def read_document(path: Path) -> dict[str, Any]:
    """The OpenAPI document in ``path``; ValueError if it is not one with paths."""
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    if not isinstance(document, dict) or "paths" not in document:
        raise ValueError(f"{path} is not an OpenAPI document with paths")
    return document
