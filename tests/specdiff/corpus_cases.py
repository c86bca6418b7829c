"""Reading the spec-diff corpus (tests/specdiff/corpus/*.yaml) into runnable cases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
_DEFAULTS = {"openapi": "3.1.0", "info": {"title": "corpus", "version": "1.0.0"}}


@dataclass(frozen=True)
class Case:
    """One spec pair and the exact rule ids its diff reports."""

    group: str
    name: str
    kind: str
    covers: str
    expect: tuple[str, ...]
    base_text: str
    head_text: str
    head_suffix: str


def _text(side: dict[str, Any] | None, verbatim: str | None, as_json: bool = False) -> str:
    if verbatim is not None:
        return verbatim
    document = {**_DEFAULTS, **(side or {})}
    if as_json:
        return json.dumps(document, indent=2)
    return yaml.safe_dump(document, sort_keys=False)


def load_cases() -> list[Case]:
    """Every case of every corpus file, in file order."""
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text())["cases"]:
            as_json = raw.get("head_format") == "json"
            cases.append(
                Case(
                    group=path.stem,
                    name=raw["name"],
                    kind=raw["kind"],
                    covers=raw.get("covers", ""),
                    expect=tuple(sorted(raw["expect"])),
                    base_text=_text(raw.get("base"), raw.get("base_text")),
                    head_text=_text(raw.get("head"), raw.get("head_text"), as_json),
                    head_suffix=".json" if as_json else ".yaml",
                )
            )
    return cases
