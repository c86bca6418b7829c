"""Parse YAML or JSON into plain Python data, remembering the source line of every key and item.

Plain scalars are read with the YAML 1.2 core schema, which OpenAPI 3.1 documents assume:
``on``, ``no`` or ``1_000`` stay strings, mapping keys are always strings (``200:`` is the
status code ``"200"``), and dates stay the strings they were written as.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.loading.jsonlines import JsonLineMap

# libyaml's composer when PyYAML has it (composing is most of the time a diff takes). The base
# loader skips PyYAML's implicit (YAML 1.1) tag resolution, done here the 1.2 way.
_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_INT = re.compile(r"[-+]?[0-9]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_OCT = re.compile(r"0o[0-7]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan,
}  # fmt: skip


@dataclass
class LineMap:
    """Source lines (1-based) of mapping keys and sequence items, by container identity."""

    keys: dict[int, dict[str, int]] = field(default_factory=dict)
    items: dict[int, list[int]] = field(default_factory=dict)
    root_line: int = 1

    def line_of(self, root: Any, pointer: tuple[str, ...]) -> int | None:
        """The line where ``pointer`` (a tuple of segments) starts, or its nearest parent's."""
        node, line = root, self.root_line
        for segment in pointer:
            if isinstance(node, dict) and segment in node:
                line = self.keys.get(id(node), {}).get(segment, line)
                node = node[segment]
            elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
                lines = self.items.get(id(node), [])
                line = lines[int(segment)] if int(segment) < len(lines) else line
                node = node[int(segment)]
            else:
                break
        return line if self.keys or self.items else None


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        return int(value, 10)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _FLOAT.fullmatch(value):
        return float(value)
    special = _SPECIAL_FLOATS.get(value.lower())
    return value if special is None else special


def _is_merge_key(node: yaml.Node) -> bool:
    """A plain ``<<`` key: merge the mapping(s) it names (YAML merge keys)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "<<" and not node.style


class _Builder:
    def __init__(self) -> None:
        self.lines = LineMap()

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return _plain(node.value) if not node.style else node.value
        if not isinstance(node, yaml.MappingNode):
            items = [self.build(item) for item in node.value]
            self.lines.items[id(items)] = [item.start_mark.line + 1 for item in node.value]
            return items
        mapping: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        merged: list[tuple[dict[str, Any], dict[str, int]]] = []
        for key_node, value_node in node.value:
            if _is_merge_key(key_node):
                merged += self._merge_sources(value_node)
                continue
            key = str(key_node.value)
            mapping[key] = self.build(value_node)
            key_lines[key] = key_node.start_mark.line + 1
        for source, source_lines in merged:
            for key, value in source.items():
                if key not in mapping:
                    mapping[key] = value
                    key_lines[key] = source_lines.get(key, node.start_mark.line + 1)
        self.lines.keys[id(mapping)] = key_lines
        return mapping

    def _merge_sources(self, node: yaml.Node) -> list[tuple[dict[str, Any], dict[str, int]]]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = []
        for item in nodes:
            built = self.build(item)
            if isinstance(built, dict):
                sources.append((built, self.lines.keys.get(id(built), {})))
        return sources


def parse_document(text: str, name: str) -> tuple[Any, LineMap | JsonLineMap]:
    """The data of a YAML or JSON document and its line map; ``SpecInputError`` if unreadable."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text), JsonLineMap(text)
        except ValueError:
            pass  # not JSON after all: YAML flow mappings start with "{" too
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        if text.lstrip().startswith(("{", "[")):
            return _parse_json(text, name), JsonLineMap(text)
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SpecInputError(f"{name} is not valid YAML or JSON{where}: {problem}.") from None
    if root is None:
        raise SpecInputError(f"{name} is empty: expected an OpenAPI document.")
    builder = _Builder()
    data = builder.build(root)
    builder.lines.root_line = root.start_mark.line + 1
    return data, builder.lines


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise SpecInputError(f"{name} is not valid YAML or JSON: {error}.") from None
