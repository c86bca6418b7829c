"""Lines of a JSON document, found only when a finding needs one.

JSON sides are parsed with ``json``, which is much faster than composing them as YAML; the line
of each key and array item comes from one pass of a tokenizer over the text, made on the first
request, so a diff without findings never pays for it.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|\n|[^\s{}\[\],:"]+')


class JsonLineMap:
    """``line_of(root, pointer)`` for a JSON text; ``root`` is unused (lines come from text)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[tuple[str, ...], int] | None = None

    def line_of(self, root: Any, pointer: tuple[str, ...]) -> int | None:
        """The line where ``pointer`` starts, or its nearest parent's."""
        del root
        if self._lines is None:
            self._lines = _scan(self._text)
        while pointer and pointer not in self._lines:
            pointer = pointer[:-1]
        return self._lines.get(pointer, 1)


def _scan(text: str) -> dict[tuple[str, ...], int]:
    """The line of every key and array item, by pointer."""
    lines: dict[tuple[str, ...], int] = {(): 1}
    line = 1
    stack: list[list[Any]] = []  # [kind, path, next key or index, expecting a key]
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        if token in "{[":
            path = _value_path(top, lines, line)
            stack.append(["{" if token == "{" else "[", path, 0, token == "{"])
        elif token in "}]":
            stack.pop()
        elif token == ",":
            if top is not None and top[0] == "{":
                top[3] = True
            elif top is not None:
                top[2] += 1
        elif token == ":" or top is None:
            continue
        elif top[0] == "{" and top[3]:
            top[2], top[3] = json.loads(token), False
            lines[(*top[1], top[2])] = line
        else:
            _value_path(top, lines, line)
    return lines


def _value_path(
    top: list[Any] | None, lines: dict[tuple[str, ...], int], line: int
) -> tuple[str, ...]:
    """The path of the value starting here; records an array item's line."""
    if top is None:
        return ()
    if top[0] == "[":
        path = (*top[1], str(top[2]))
        lines.setdefault(path, line)
        return path
    return (*top[1], str(top[2]))
