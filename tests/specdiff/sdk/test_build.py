"""larkpay_specdiff.sdk.build and .generator: generation, the committed client, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.errors import GeneratorError
from larkpay_specdiff.report import load_spec
from larkpay_specdiff.sdk import build
from larkpay_specdiff.sdk.generator import (
    committed_client,
    expected_stamp,
    generate_client,
    generator_files,
    read_stamp,
)

ROOT = Path(__file__).resolve().parents[3]
TINY = """openapi: 3.1.0
info: {title: tiny, version: 1.0.0}
paths:
  /things/{thing_id}:
    get:
      operationId: getThing
      tags: [things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [status, data]
                properties:
                  status: {type: string, const: success}
                  data: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
"""


def test_generator_files_in_a_checkout_are_the_repository_files() -> None:
    files = generator_files()
    assert files.config == ROOT / "generator.yaml"
    assert files.templates == ROOT / "templates"
    assert files.ruff_config == ROOT / "generated" / "ruff.toml"


def test_the_committed_client_is_reused_when_its_stamp_matches_the_side(tmp_path: Path) -> None:
    committed = committed_client()
    assert committed is not None
    spec = load_spec(str(ROOT / "openapi.yaml"))
    assert read_stamp(committed) == expected_stamp(
        (ROOT / "openapi.yaml").read_bytes(), generator_files()
    )
    assert build.client_for(spec, generator_files(), tmp_path, cache=False) == committed


def test_a_generation_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tiny.yaml").write_text(TINY)
    spec = load_spec("tiny.yaml", cwd=tmp_path)
    first = build.client_for(spec, generator_files(), tmp_path / "work", cache=True)
    assert (first / "models" / "thing.py").is_file()
    assert first.is_relative_to(build.cache_root())

    def fail(*_: object, **__: object) -> None:
        raise AssertionError("generated again instead of using the cache")

    monkeypatch.setattr(build, "generate_client", fail)
    assert build.client_for(spec, generator_files(), tmp_path / "work2", cache=True) == first


def test_a_spec_the_generator_rejects_raises_generator_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {/x: {get: 5}}\n")
    with pytest.raises(GeneratorError, match=r"openapi-python-client failed on bad\.yaml"):
        generate_client(bad, tmp_path / "out" / "larkpay_api", generator_files())
