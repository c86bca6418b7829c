"""larkpay_specdiff.loading.structure: a side whose structure is not OpenAPI's is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.report import load_spec

HEAD = "openapi: 3.1.0\ninfo: {title: t, version: 1.0.0}\n"
OPERATION = "      responses: {'200': {description: ok}}\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("paths: [1, 2]\n", "line 3 (/paths): `paths` must be a mapping, not a list"),
        ("components: []\n", "(/components): `components` must be a mapping, not a list"),
        ("components:\n  schemas: 3\n", "`schemas` must be a mapping, not a number"),
        ("servers: https://x\n", "`servers` must be a list, not a string"),
        ("webhooks: [a]\n", "`webhooks` must be a mapping"),
        ("paths:\n  /a: []\n", "(/paths/~1a): `/a` must be a mapping"),
        ("paths:\n  /a:\n    get:\n", "(/paths/~1a/get): `get` must be a mapping, not empty"),
        ("paths:\n  /a:\n    get:\n      tags: x\n" + OPERATION, "`tags` must be a list"),
        ("paths:\n  /a:\n    get:\n      responses: [1]\n", "`responses` must be a mapping"),
        ("paths:\n  /a:\n    parameters: {}\n", "`parameters` must be a list"),
    ],
)
def test_a_malformed_side_is_refused_naming_the_place(
    tmp_path: Path, body: str, message: str
) -> None:
    (tmp_path / "spec.yaml").write_text(HEAD + body)
    with pytest.raises(SpecInputError, match=r"^spec\.yaml line ") as caught:
        load_spec("spec.yaml", cwd=tmp_path)
    assert message in str(caught.value)


def test_a_well_formed_side_with_refs_to_path_items_loads(tmp_path: Path) -> None:
    body = (
        "paths:\n  /a: {$ref: '#/components/pathItems/A'}\n"
        "components:\n  pathItems:\n    A:\n      get:\n" + OPERATION.replace("      ", "        ")
    )
    (tmp_path / "spec.yaml").write_text(HEAD + body)
    assert load_spec("spec.yaml", cwd=tmp_path).data["paths"]
