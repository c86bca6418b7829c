"""docs/integration-guide.md: its Python blocks run, in order, against the embedded sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "integration-guide.md"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


def _python_blocks() -> list[str]:
    return PYTHON_BLOCK.findall(GUIDE.read_text())


def test_guide_has_python_examples_for_each_core_step() -> None:
    code = "\n".join(_python_blocks())
    for call in ("LarkpayClient()", "payments.create(", "refunds.create(", "webhooks.verify("):
        assert call in code, call


@pytest.mark.parametrize(
    ("title", "calls"),
    [
        ("## Getting the request id", ["with_raw_response", ".request_id", ".parse()"]),
        ("## Logging", ['logging.getLogger("larkpay")', "[redacted]"]),
        ("### Handling a webhook fast", ["Webhook(webhook_secret)", ".unwrap("]),
    ],
)
def test_guide_section_has_an_executed_example(title: str, calls: list[str]) -> None:
    text = GUIDE.read_text()
    assert f"\n{title}\n" in text
    level = title.split(" ")[0]
    section = text.split(f"\n{title}\n", 1)[1]
    section = re.split(rf"\n#{{2,{len(level)}}} ", section, maxsplit=1)[0]
    blocks = PYTHON_BLOCK.findall(section)
    assert blocks, title
    for call in calls:
        assert call in section, (title, call)


def test_guide_python_blocks_run_in_order_against_the_sandbox(
    sandbox_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in sandbox_env.items():
        monkeypatch.setenv(name, value)
    namespace: dict[str, object] = {"__name__": "integration_guide"}
    for number, block in enumerate(_python_blocks(), start=1):
        try:
            exec(compile(block, f"{GUIDE.name}:block{number}", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"Python block {number} of the guide failed: {error!r}\n{block}")
