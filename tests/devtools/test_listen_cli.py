"""``larkpay listen``'s options: bad ones are refused in one line, before anything is registered."""

from __future__ import annotations

import pytest
from larkpay_devtools.listen.cli import main

NOWHERE = ("--base-url", "http://127.0.0.1:9/v2")


def test_listen_unknown_event_type_exits_2_naming_the_types(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--forward-to", "http://127.0.0.1:9/hook", "--events", "payment.created,payment.bogus"]
    assert main([*argv, *NOWHERE]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown event type 'payment.bogus'" in err
    assert "payment.updated" in err
    assert "webhook_endpoint.disabled" in err


@pytest.mark.parametrize("url", ["notaurl", "ftp://127.0.0.1/hook", "http:///hook"])
def test_listen_bad_forward_url_exits_2(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--forward-to", url, *NOWHERE]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"--forward-to {url!r} is not an http(s) URL with a host" in err


def test_listen_zero_interval_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--forward-to", "http://127.0.0.1:9/hook", "--interval", "0", *NOWHERE]) == 2
    assert "must be > 0" in capsys.readouterr().err
