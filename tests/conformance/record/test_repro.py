"""curl commands that never print credentials and carry any body (large or binary ones in a
file); rerun commands that select one test."""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from larkpay_conformance.record.repro import BODY_FILES, curl_command, rerun_command, selection_for


def test_curl_command_quotes_and_hides_transport_headers() -> None:
    curl = curl_command("post", "http://h/v2/payments", {"Host": "h", "X-A": "it's"}, b'{"a": 1}')
    assert curl.startswith("curl -sS -i -X POST")
    assert "Host" not in curl
    assert "'X-A: it'\"'\"'s'" in curl
    assert "--data-binary '{\"a\": 1}'" in curl


def test_curl_command_never_writes_the_credentials() -> None:
    curl = curl_command("get", "http://h/v2/payments", {"Authorization": "Basic c2VjcmV0"})
    assert "c2VjcmV0" not in curl
    assert '-u "$LARKPAY_API_KEY:$LARKPAY_API_SECRET"' in curl


def test_rerun_command_is_the_cli_with_seed_profile_url_and_selection() -> None:
    command = rerun_command(
        seed=5, profile="full", base_url="http://x/v2", selection="test_schema[getRefund]"
    )
    assert command == (
        "larkpay conformance --seed 5 --profile full --base-url http://x/v2 "
        "-k 'test_schema[getRefund]'"
    )


def test_rerun_command_under_plain_pytest_names_the_folder() -> None:
    command = rerun_command(seed=5, profile="quick", base_url=None, pytest_path="layers")
    assert command == "pytest layers --seed 5 --profile quick"


def test_selection_falls_back_to_the_function_when_the_id_cannot_be_typed() -> None:
    assert selection_for("test_schema[getRefund]", "test_schema") == "test_schema[getRefund]"
    assert selection_for("test_x[a b]", "test_x") == "test_x"


@pytest.fixture
def body_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "reports" / "bodies"
    BODY_FILES.folder = folder
    yield folder
    BODY_FILES.folder = None


def test_a_large_body_goes_to_a_file_written_only_when_a_failure_keeps_it(
    body_folder: Path,
) -> None:
    body = b'{"description": "' + b"x" * 1_048_576 + b'"}'
    curl = curl_command("post", "http://h/v2/payments", {}, body)
    [name] = re.findall(r"--data-binary @(\S+)", curl)
    assert Path(name).parent == body_folder
    assert len(curl) < 200
    assert not Path(name).exists()
    BODY_FILES.write_referenced(f"other text\n{curl}")
    assert Path(name).read_bytes() == body


def test_a_body_that_is_not_utf8_goes_to_a_file_unaltered(body_folder: Path) -> None:
    body = b"\xff\xfe\x00binary"
    curl = curl_command("post", "http://h/v2/payments", {}, body)
    [name] = re.findall(r"--data-binary @(\S+)", curl)
    BODY_FILES.write_referenced(curl)
    assert Path(name).read_bytes() == body


def test_a_body_starting_with_at_is_not_read_as_a_file_name(body_folder: Path) -> None:
    curl = curl_command("post", "http://h/v2/payments", {}, b"@/etc/passwd")
    assert "--data-binary @" + str(body_folder) in curl


def test_the_command_for_a_1_mib_body_runs_and_sends_it_whole(body_folder: Path) -> None:
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    body = bytes(range(256)) * 4096
    with ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/v2/payments"
        curl = curl_command("post", url, {"Content-Type": "application/json"}, body)
        BODY_FILES.write_referenced(curl)
        done = subprocess.run(["sh", "-c", curl], capture_output=True, timeout=30, check=False)
        server.shutdown()
    assert done.returncode == 0, done.stderr
    assert received == [body]
