"""Drive the ``wrk`` load generator (Debian's package) and read its report.

wrk runs as a separate C process, so on a 2-core machine the load generator is not the
bottleneck the way a Python one would be. Every run is bounded by its ``-d`` duration.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

THREADS = 1
CONNECTIONS = 16

# A POST whose Idempotency-Key is unique per request: run prefix, wrk thread number, counter.
_POST_LUA = """\
local threads_seen = 0
function setup(thread)
  threads_seen = threads_seen + 1
  thread:set("tid", threads_seen)
end
local counter = 0
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "{authorization}"
request = function()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = "{prefix}-" .. tostring(tid) .. "-" .. counter
  return wrk.format(nil, nil, nil, nil)
end
"""


class WrkError(RuntimeError):
    """wrk is missing, failed, or printed a report this module cannot read."""


@dataclass(frozen=True)
class WrkReport:
    """What one wrk run measured."""

    requests: int
    seconds: float
    requests_per_second: float
    non_2xx: int
    socket_errors: int
    latency_avg: str

    @property
    def errors(self) -> int:
        """Non-2xx/3xx answers plus socket errors (connect, read, write, timeout)."""
        return self.non_2xx + self.socket_errors


def require_wrk() -> str:
    """The path of wrk, or a WrkError saying how to install it."""
    path = shutil.which("wrk")
    if path is None:
        raise WrkError("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu)")
    return path


def post_script(directory: Path, body: str, authorization: str, prefix: str) -> Path:
    """Write the Lua script for POSTs with a unique Idempotency-Key each; return its path."""
    if "'" in body or '"' in authorization:
        raise ValueError("the body must not contain ' and the header must not contain \"")
    path = directory / f"post-{prefix}.lua"
    path.write_text(
        _POST_LUA.format(prefix=prefix, body=body, authorization=authorization), encoding="utf-8"
    )
    return path


def parse(output: str) -> WrkReport:
    """Read wrk's text report."""
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = re.search(r"Latency\s+(\S+)", output)
    if total is None or rate is None:
        raise WrkError(f"cannot read wrk's report:\n{output}")
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[total.group(3)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkReport(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * scale,
        requests_per_second=float(rate.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        latency_avg=latency.group(1) if latency else "?",
    )


def run(
    url: str,
    *,
    seconds: float,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    threads: int = THREADS,
    connections: int = CONNECTIONS,
) -> WrkReport:
    """One wrk run of ``seconds`` against ``url``; its report."""
    argv = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    argv += ["--timeout", "5s"]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    if script is not None:
        argv += ["-s", str(script)]
    argv.append(url)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 30, check=False)
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr or done.stdout}")
    return parse(done.stdout)
