"""Profile the sandbox under wrk load: ``python -m bench.profile_sandbox POST [--seconds 5]``.

Starts ``larkpay_sandbox`` in a subprocess under cProfile (SQLite file, rate limit raised),
creates one payment, drives ``GET /payments/{id}`` or ``POST /payments`` with wrk, stops the
server with SIGTERM and prints where its event loop spent the time. The .prof file is kept for
``python -m pstats`` or snakeviz. cProfile inflates pure-Python calls several times over, so
read the shares between parts, not the absolute times.
"""

from __future__ import annotations

import argparse
import io
import pstats
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from larkpay_sandbox.testing import basic_auth, free_port

from bench import wrk
from bench.servers import BENCH_BURST, BENCH_RATE_LIMIT, CREATE_BODY, DEMO_KEY, DEMO_SECRET

# SIGTERM -> SystemExit, so the profile is written on the way out (uvicorn re-raises the
# signal after its graceful shutdown, which would otherwise kill the process first).
_PROFILED_MAIN = """
import cProfile, signal, sys
from larkpay_sandbox.serve import main
def _exit(*_):
    raise SystemExit(0)
signal.signal(signal.SIGTERM, _exit)
profiler = cProfile.Profile()
profiler.enable()
try:
    main(sys.argv[2:])
finally:
    profiler.disable()
    profiler.dump_stats(sys.argv[1])
"""
FOCUS = "larkpay_sandbox|uvicorn|h11|jsonschema|starlette|sqlite3"


def _wait(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(base_url + "/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the profiled sandbox did not start")


def profile(method: str, seconds: float, out: Path) -> str:
    """Run the load, write ``out`` (.prof) and return the report text."""
    port = free_port()
    authorization = basic_auth(DEMO_KEY, DEMO_SECRET)
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-profile-") as tmp:
        argv = [sys.executable, "-c", _PROFILED_MAIN, str(out), "--host", "127.0.0.1"]
        argv += ["--port", str(port), "--db", str(Path(tmp) / "sandbox.db")]
        argv += ["--rate-limit", str(BENCH_RATE_LIMIT), "--burst", str(BENCH_BURST)]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base_url = f"http://127.0.0.1:{port}/v2"
        try:
            _wait(base_url, process)
            headers = {"Authorization": authorization, "Content-Type": "application/json"}
            created = httpx.post(base_url + "/payments", content=CREATE_BODY, headers=headers)
            payment_id = created.json()["data"]["id"]
            if method == "GET":
                report = wrk.run(
                    f"{base_url}/payments/{payment_id}",
                    seconds=seconds,
                    headers={"Authorization": authorization},
                )
            else:
                script = wrk.post_script(Path(tmp), CREATE_BODY, authorization, uuid.uuid4().hex)
                report = wrk.run(f"{base_url}/payments", seconds=seconds, script=script)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text)
    stats.sort_stats("cumulative").print_stats(FOCUS, 40)
    stats.sort_stats("tottime").print_stats(25)
    head = (
        f"{method}: {report.requests_per_second:,.0f} req/s under the profiler, "
        f"{report.requests:,} requests, {report.errors} errors; profile in {out}\n"
    )
    return head + text.getvalue()


def main() -> None:
    """Parse the options and print the profile."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile_sandbox")
    parser.add_argument("method", choices=["GET", "POST"])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--out", type=Path, default=None, help="default /tmp/sandbox-METHOD.prof")
    options = parser.parse_args()
    out = options.out or Path(tempfile.gettempdir()) / f"sandbox-{options.method}.prof"
    print(profile(options.method, min(options.seconds, 60.0), out))


if __name__ == "__main__":
    main()
