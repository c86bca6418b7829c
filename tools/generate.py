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
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator.yaml"
TEMPLATES = ROOT / "templates"
RUFF_CONFIG = ROOT / "generated" / "ruff.toml"
OUTPUT = ROOT / "generated" / "larkpay_api"
STAMP_NAME = "_generation_stamp.json"
FIX_COMMAND = "make generate"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _template_files() -> Iterator[Path]:
    if TEMPLATES.is_dir():
        yield from sorted(p for p in TEMPLATES.rglob("*") if p.is_file())


def expected_stamp() -> dict[str, str]:
    """The stamp that a generation from the current inputs writes."""
    templates = hashlib.sha256()
    for path in _template_files():
        templates.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        templates.update(path.read_bytes())
    return {
        "spec_sha256": _sha256(SPEC),
        "config_sha256": _sha256(CONFIG),
        "ruff_config_sha256": _sha256(RUFF_CONFIG),
        "templates_sha256": templates.hexdigest(),
        "openapi_python_client": importlib.metadata.version("openapi-python-client"),
        "ruff": importlib.metadata.version("ruff"),
    }


def _read_stamp(output: Path) -> dict[str, str] | None:
    try:
        stamp: dict[str, str] = json.loads((output / STAMP_NAME).read_text())
    except (OSError, ValueError):
        return None
    return stamp


def generate_into(output: Path) -> None:
    """Run the pinned generator into `output`, which must not exist yet."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path", str(SPEC),
        "--config", str(CONFIG),
        "--meta", "none",
        "--output-path", str(output),
        "--fail-on-warning",
    ]  # fmt: skip
    if TEMPLATES.is_dir():
        command += ["--custom-template-path", str(TEMPLATES)]
    # The post hooks (ruff) run inside the output folder and find ../ruff.toml there, so a
    # temporary output gets a copy of the committed ruff config beside it.
    if output.parent != RUFF_CONFIG.parent:
        shutil.copy(RUFF_CONFIG, output.parent / RUFF_CONFIG.name)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (output / "__init__.py").is_file():
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed (exit {result.returncode}); see above.")
    stamp = json.dumps(expected_stamp(), indent=2, sort_keys=True) + "\n"
    (output / STAMP_NAME).write_text(stamp)


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
    if not force and _read_stamp(OUTPUT) == expected_stamp():
        digest = _sha256(SPEC)[:12]
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
