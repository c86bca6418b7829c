"""The machine and the versions a benchmark ran with, for the header of RESULTS.md."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRISM_DIR = REPO / "tools" / "prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
PYTHON_PACKAGES = (
    "larkpay",
    "httpx",
    "standardwebhooks",
    "starlette",
    "uvicorn",
    "httptools",
    "uvloop",
    "jsonschema",
    "attrs",
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or what platform knows)."""
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> float:
    """Total memory in GiB from /proc/meminfo (0 if unknown)."""
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / (1024 * 1024)
    return 0.0


def os_name() -> str:
    """The distribution's pretty name and the kernel release."""
    pretty = platform.system()
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            pretty = line.split("=", 1)[1].strip().strip('"')
    return f"{pretty}, kernel {platform.release()}"


def _command_version(argv: list[str]) -> str:
    if shutil.which(argv[0]) is None and not Path(argv[0]).exists():
        return "not installed"
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def prism_version() -> str:
    """The installed @stoplight/prism-cli version, read from its package.json."""
    manifest = PRISM_DIR / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "not installed (npm ci --prefix tools/prism)"


def python_package_version(name: str) -> str:
    """The installed version of a Python distribution, or 'not installed'."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def facts() -> dict[str, str]:
    """Machine and version facts as label -> value, in display order."""
    result = {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count() or 0),
        "memory": f"{memory_gib():.1f} GiB",
        "OS": os_name(),
        "Python": platform.python_version(),
    }
    for name in PYTHON_PACKAGES:
        result[name] = python_package_version(name)
    result["prism-cli"] = prism_version()
    result["node"] = _command_version(["node", "--version"])
    result["wrk"] = _command_version(["wrk", "-v"]).split(" Copyright")[0]
    return result


def markdown() -> str:
    """The facts as a Markdown bullet list."""
    return "\n".join(f"- {label}: {value}" for label, value in facts().items())


if __name__ == "__main__":
    print(markdown())
