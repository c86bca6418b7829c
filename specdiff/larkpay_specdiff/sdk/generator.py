"""Run the pinned openapi-python-client with the project's configuration and templates.

``tools/generate.py`` (``make generate``) and the SDK-surface diff both call
``generate_client``, so the diff sees exactly the client that ``make generate`` writes. An
installed wheel carries copies of ``generator.yaml``, ``templates/`` and ``generated/ruff.toml``
in ``larkpay_specdiff/sdk/generator_files``; a source checkout uses the repository's files.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from larkpay_specdiff.errors import GeneratorError

_PACKAGED = Path(__file__).resolve().parent / "generator_files"
_REPOSITORY = Path(__file__).resolve().parents[3]
PACKAGE_NAME = "larkpay_api"
STAMP_NAME = "_generation_stamp.json"


@dataclass(frozen=True)
class GeneratorFiles:
    """The inputs besides the spec that change the generated output."""

    config: Path
    templates: Path
    ruff_config: Path

    def inputs(self) -> list[Path]:
        """Every input file, in a stable order (for hashing)."""
        templates = (
            sorted(p for p in self.templates.rglob("*") if p.is_file())
            if (self.templates.is_dir())
            else []
        )
        return [self.config, self.ruff_config, *templates]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def expected_stamp(spec_bytes: bytes, files: GeneratorFiles) -> dict[str, str]:
    """The stamp a generation from these inputs writes: the sha256 of each input and the
    versions of openapi-python-client and ruff."""
    templates = hashlib.sha256()
    for path in files.inputs()[2:]:
        templates.update(path.relative_to(files.templates.parent).as_posix().encode() + b"\0")
        templates.update(path.read_bytes())
    return {
        "spec_sha256": _sha256(spec_bytes),
        "config_sha256": _sha256(files.config.read_bytes()),
        "ruff_config_sha256": _sha256(files.ruff_config.read_bytes()),
        "templates_sha256": templates.hexdigest(),
        "openapi_python_client": importlib.metadata.version("openapi-python-client"),
        "ruff": importlib.metadata.version("ruff"),
    }


def read_stamp(output: Path) -> dict[str, str] | None:
    """The stamp of a generated package, or None if it has none."""
    try:
        stamp: dict[str, str] = json.loads((output / STAMP_NAME).read_text())
    except (OSError, ValueError):
        return None
    return stamp


def write_stamp(output: Path, stamp: dict[str, str]) -> None:
    """Record what ``output`` was generated from."""
    (output / STAMP_NAME).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n")


def committed_client() -> Path | None:
    """The repository's ``generated/larkpay_api`` in a source checkout, else None."""
    if generator_files().config.parent != _REPOSITORY:
        return None
    folder = _REPOSITORY / "generated" / PACKAGE_NAME
    return folder if (folder / "__init__.py").is_file() else None


def generator_files() -> GeneratorFiles:
    """The packaged copies when installed from a wheel, else the repository's own files."""
    root = _PACKAGED if (_PACKAGED / "generator.yaml").is_file() else _REPOSITORY
    ruff = root / "ruff.toml" if root == _PACKAGED else root / "generated" / "ruff.toml"
    return GeneratorFiles(root / "generator.yaml", root / "templates", ruff)


@functools.cache
def generator_env() -> dict[str, str]:
    """The environment of a generator run: PATH leads to the pinned ruff (its post hooks).

    Computed once, before any worker thread: ruff's finder reads ``sysconfig``, whose
    first initialisation is not thread-safe."""
    try:
        from ruff._find_ruff import find_ruff_bin  # type: ignore[import-untyped]

        ruff_dir = str(Path(find_ruff_bin()).parent)
    except (ImportError, FileNotFoundError):
        ruff_dir = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=f"{ruff_dir}{os.pathsep}{os.environ.get('PATH', '')}")


def generate_client(
    spec: Path, output: Path, files: GeneratorFiles, *, fail_on_warning: bool = True
) -> None:
    """Generate the client package from ``spec`` into ``output`` (which must not exist yet)."""
    env = generator_env()
    command = [
        sys.executable, "-m", "openapi_python_client", "generate",
        "--path", str(spec),
        "--config", str(files.config),
        "--meta", "none",
        "--output-path", str(output),
    ]  # fmt: skip
    if fail_on_warning:
        command.append("--fail-on-warning")
    if files.templates.is_dir():
        command += ["--custom-template-path", str(files.templates)]
    output.parent.mkdir(parents=True, exist_ok=True)
    # The post hooks (ruff) run inside the output folder and read ../ruff.toml there.
    if output.parent.resolve() != files.ruff_config.parent.resolve():
        shutil.copy(files.ruff_config, output.parent / "ruff.toml")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (output / "__init__.py").is_file():
        tail = (result.stdout + result.stderr).strip().splitlines()[-12:]
        raise GeneratorError(
            f"openapi-python-client failed on {spec.name} (exit {result.returncode}); "
            "its last lines:\n" + "\n".join(tail)
        )
