"""Generate the client of both sides (in parallel), reusing earlier generations from a cache.

The cache lives in ``$LARKPAY_CACHE_DIR``, else ``$XDG_CACHE_HOME/larkpay`` or
``~/.cache/larkpay``, keyed by the sha256 of every input of the generator (spec files,
configuration, templates, tool versions), so a hit is always the same output.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import posixpath
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from larkpay_specdiff.loading.document import Spec
from larkpay_specdiff.sdk.generator import (
    PACKAGE_NAME,
    GeneratorFiles,
    committed_client,
    expected_stamp,
    generate_client,
    generator_env,
    read_stamp,
)


def cache_root() -> Path:
    """Where generated clients are kept between runs."""
    explicit = os.environ.get("LARKPAY_CACHE_DIR")
    if explicit:
        return Path(explicit) / "sdk"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "larkpay" / "sdk"


def _spec_files(spec: Spec) -> dict[str, str]:
    """The side's files by path relative to the root file's folder."""
    folder = posixpath.dirname(spec.root_file)
    return {
        posixpath.relpath(path, folder or "."): text for path, text in sorted(spec.files().items())
    }


def _key(files: dict[str, str], generator: GeneratorFiles) -> str:
    digest = hashlib.sha256()
    for name, text in files.items():
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
    for path in generator.inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for tool in ("openapi-python-client", "ruff"):
        digest.update(importlib.metadata.version(tool).encode() + b"\0")
    return digest.hexdigest()[:32]


def _write_spec(files: dict[str, str], root_name: str, folder: Path) -> Path:
    depth = max((name.count("../") for name in files), default=0)
    base = folder.joinpath(*(["d"] * depth)) if depth else folder
    for name, text in files.items():
        target = base / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return base / root_name


def client_for(spec: Spec, generator: GeneratorFiles, workdir: Path, *, cache: bool) -> Path:
    """The generated package folder (``.../larkpay_api``) of one side."""
    files = _spec_files(spec)
    committed = committed_client()
    if committed is not None and len(files) == 1:
        text = next(iter(files.values()))
        if read_stamp(committed) == expected_stamp(text.encode(), generator):
            return committed  # `make generate` wrote exactly this client already
    key = _key(files, generator)
    cached = cache_root() / key / PACKAGE_NAME
    if cache and (cached / "__init__.py").is_file():
        return cached
    root = posixpath.basename(spec.root_file)
    spec_path = _write_spec(files, root, workdir / f"spec-{key}")
    output = workdir / f"out-{key}" / PACKAGE_NAME
    output.parent.mkdir(parents=True, exist_ok=True)
    generate_client(spec_path, output, generator, fail_on_warning=False)
    if not cache:
        return output
    cached.parent.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=cached.parent.parent))
    shutil.copytree(output, staging / PACKAGE_NAME)
    try:
        os.replace(staging, cached.parent)
    except OSError:  # another run stored the same key first: its copy is identical
        shutil.rmtree(staging, ignore_errors=True)
    return cached if (cached / "__init__.py").is_file() else output


def clients_for(
    base: Spec, head: Spec, generator: GeneratorFiles, workdir: Path, *, cache: bool
) -> tuple[Path, Path]:
    """Both sides' packages, generated at the same time (each run is one subprocess)."""
    generator_env()
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [
            pool.submit(client_for, spec, generator, workdir / name, cache=cache)
            for name, spec in (("base", base), ("head", head))
        ]
        return jobs[0].result(), jobs[1].result()
