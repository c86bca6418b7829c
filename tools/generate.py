"""Regenerate the client in generated/larkpay_api from openapi.yaml, or check that it is current.

    python tools/generate.py            regenerate unless the stamp says it is up to date
    python tools/generate.py --force    regenerate whatever the stamp says
    python tools/generate.py --check    regenerate into a temporary folder and compare

The stamp (generated/larkpay_api/_generation_stamp.json) records the sha256 of every input that
changes the output: the spec, generator.yaml, the custom templates, the generated code's ruff
config, and the versions of openapi-python-client and ruff.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from larkpay_specdiff.errors import GeneratorError
from larkpay_specdiff.sdk.generator import (
    GeneratorFiles,
    generate_client,
    read_stamp,
    write_stamp,
)
from larkpay_specdiff.sdk.generator import expected_stamp as _expected_stamp

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi.yaml"
FILES = GeneratorFiles(
    config=ROOT / "generator.yaml",
    templates=ROOT / "templates",
    ruff_config=ROOT / "generated" / "ruff.toml",
)
OUTPUT = ROOT / "generated" / "larkpay_api"
FIX_COMMAND = "make generate"


def expected_stamp() -> dict[str, str]:
    """The stamp that a generation from the current inputs writes."""
    return _expected_stamp(SPEC.read_bytes(), FILES)


def generate_into(output: Path) -> None:
    """Run the pinned generator into `output`, which must not exist yet, and stamp it."""
    try:
        generate_client(SPEC, output, FILES)
    except GeneratorError as error:
        raise SystemExit(str(error)) from None
    write_stamp(output, expected_stamp())


def _tree(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def differing_files(expected: Path, actual: Path) -> list[str]:
    """Paths (relative to the package) that differ, are missing or are extra in `actual`."""
    want, have = _tree(expected), _tree(actual)
    changed = {
        name
        for name in want & have
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    }
    return sorted(changed | (want ^ have))


def regenerate(*, force: bool) -> int:
    """Regenerate OUTPUT unless its stamp matches the current inputs."""
    if not force and read_stamp(OUTPUT) == expected_stamp():
        digest = hashlib.sha256(SPEC.read_bytes()).hexdigest()[:12]
        print(f"generated/larkpay_api is up to date (spec sha256 {digest}); nothing to do.")
        return 0
    # --overwrite leaves stale files behind, so the folder is removed and written anew.
    shutil.rmtree(OUTPUT, ignore_errors=True)
    generate_into(OUTPUT)
    print(f"Regenerated generated/larkpay_api from openapi.yaml ({len(_tree(OUTPUT))} files).")
    return 0


def check() -> int:
    """Fail, naming the files, when generated/larkpay_api differs from a fresh generation."""
    with tempfile.TemporaryDirectory(prefix="larkpay-generate-") as tmp:
        fresh = Path(tmp) / "larkpay_api"
        generate_into(fresh)
        differences = differing_files(fresh, OUTPUT)
    if not differences:
        print("generated/larkpay_api matches openapi.yaml.")
        return 0
    print("generated/larkpay_api is out of date with openapi.yaml; these files differ:")
    for name in differences:
        print(f"  generated/larkpay_api/{name}")
    print(f"Run `{FIX_COMMAND}` and commit the result.")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare instead of writing")
    mode.add_argument("--force", action="store_true", help="regenerate even when up to date")
    args = parser.parse_args(argv)
    return check() if args.check else regenerate(force=args.force)


if __name__ == "__main__":
    raise SystemExit(main())
