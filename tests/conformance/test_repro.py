"""curl commands that never print credentials; rerun commands that select one test."""

from __future__ import annotations

from larkpay_conformance.repro import curl_command, rerun_command, selection_for


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
