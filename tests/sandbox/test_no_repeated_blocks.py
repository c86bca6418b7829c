"""The sandbox writes each thing once: no block of six or more code lines stands twice in
``sandbox/larkpay_sandbox`` (blank lines and comments left out, indentation ignored)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import larkpay_sandbox

PACKAGE = Path(larkpay_sandbox.__file__).resolve().parent
WINDOW = 6


def code_lines(text: str) -> list[tuple[int, str]]:
    """The numbered lines of ``text`` that hold code, stripped of their indentation."""
    found = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            found.append((number, line))
    return found


def repeated_blocks(files: dict[str, str]) -> dict[tuple[str, ...], list[str]]:
    """Each block of ``WINDOW`` code lines found more than once, with where it stands."""
    places: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name, text in files.items():
        lines = code_lines(text)
        for start in range(len(lines) - WINDOW + 1):
            block = tuple(line for _, line in lines[start : start + WINDOW])
            places[block].append(f"{name}:{lines[start][0]}")
    return {block: where for block, where in places.items() if len(where) > 1}


def test_no_block_of_six_lines_stands_twice_in_the_sandbox() -> None:
    files = {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert len(files) > 40
    repeated = repeated_blocks(files)
    assert not repeated, "\n".join(
        f"{', '.join(where)}:\n    " + "\n    ".join(block) for block, where in repeated.items()
    )


def test_a_block_written_twice_is_found() -> None:
    body = "\n".join(f"value_{n} = compute({n})" for n in range(WINDOW)) + "\n"
    found = repeated_blocks({"a.py": "import x\n" + body, "b.py": "# same\n\n" + body})
    assert list(found.values()) == [["a.py:2", "b.py:3"]]
    assert repeated_blocks({"a.py": body, "b.py": body.replace("(5)", "(6)")}) == {}
