"""Released specs kept as committed snapshots, one per release: ``specs/released/2.0.0.yaml``.

A snapshot never changes once committed, so ``make spec-check`` on any clone compares
``openapi.yaml`` with the newest release without needing git tags or history.
"""

from __future__ import annotations

import re
from pathlib import Path

from larkpay_specdiff.errors import SpecInputError

DEFAULT_FOLDER = Path("specs") / "released"
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)")


def _order(path: Path) -> tuple[int, ...]:
    found = _VERSION.match(path.stem)
    return tuple(int(part) for part in found.group(1).split(".")) if found else ()


def released_specs(folder: Path) -> list[Path]:
    """The snapshots in ``folder``, oldest release first (by version number in the name)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json") and _order(p)]
    return sorted(found, key=_order)


def latest_release(folder: Path) -> Path:
    """The newest snapshot; ``SpecInputError`` saying how to add one if there is none."""
    found = released_specs(folder)
    if not found:
        raise SpecInputError(
            f"no released spec in {folder}: copy the spec of the last release there as "
            f"{folder}/<version>.yaml (e.g. 2.0.0.yaml)."
        )
    return found[-1]
