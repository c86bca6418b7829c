"""Extra key pairs: --api-key-pair (repeatable), the env var, an --api-keys file, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_sandbox.core.settings import DEMO_API_KEY, DEMO_API_SECRET, Settings, read_key_file

KEY_A, SECRET_A = "lk_test_" + "A" * 24, "lsk_" + "a" * 32
KEY_B, SECRET_B = "lk_test_" + "B" * 24, "lsk_" + "b" * 32


def test_key_pairs_without_extras_is_the_main_pair() -> None:
    assert Settings().key_pairs() == [(DEMO_API_KEY, DEMO_API_SECRET)]


def test_repeated_flag_adds_each_pair_after_the_main_one() -> None:
    argv = ["--api-key-pair", f"{KEY_A}:{SECRET_A}", "--api-key-pair", f"{KEY_B}:{SECRET_B}"]
    settings = Settings.from_env_and_args(argv, env={})
    assert settings.key_pairs()[1:] == [(KEY_A, SECRET_A), (KEY_B, SECRET_B)]


def test_env_var_takes_pairs_separated_by_commas() -> None:
    env = {"LARKPAY_SANDBOX_API_KEY_PAIRS": f"{KEY_A}:{SECRET_A}, {KEY_B}:{SECRET_B}"}
    assert len(Settings.from_env_and_args([], env=env).key_pairs()) == 3


def test_key_file_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "keys.txt"
    path.write_text(f"# tenants\n\n{KEY_A}:{SECRET_A}\n  {KEY_B}:{SECRET_B}  \n")
    settings = Settings.from_env_and_args(["--api-keys", str(path)], env={})
    assert settings.key_pairs()[1:] == [(KEY_A, SECRET_A), (KEY_B, SECRET_B)]


def test_key_file_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "keys.txt"
    path.write_text(f"{KEY_A}:{SECRET_A}\nlk_live_{'C' * 24}:{SECRET_B}\n")
    with pytest.raises(ValueError, match=r"line 2: .*not a test key"):
        read_key_file(str(path))


@pytest.mark.parametrize(
    "pair", ["no-colon", f"{KEY_A}:short", f"lk_test_short:{SECRET_A}"], ids=str
)
def test_malformed_pair_flag_is_refused_with_usage_error(
    pair: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        Settings.from_env_and_args(["--api-key-pair", pair], env={})
    assert exc.value.code == 2
    assert "api_key_pairs" in capsys.readouterr().err


def test_missing_key_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        Settings.from_env_and_args(["--api-keys", str(tmp_path / "absent.txt")], env={})
    assert "cannot read" in capsys.readouterr().err
