"""larkpay_specdiff.loading.document: $refs (local, sibling files, chains), errors, lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.findings import Location
from larkpay_specdiff.loading.document import parse_pointer, pointer_text
from larkpay_specdiff.report import load_spec

HEAD = "openapi: 3.1.0\ninfo: {title: t, version: 1.0.0}\n"


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_pointers_escape_and_unescape_slashes_tildes_and_percent_encoding() -> None:
    assert pointer_text(("paths", "/a/{id}", "get")) == "/paths/~1a~1{id}/get"
    assert parse_pointer("/paths/~1a~1%7Bid%7D/x~0y") == ("paths", "/a/{id}", "x~y")


def test_a_ref_to_a_sibling_file_is_read_and_located_there(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "api/spec.yaml",
        HEAD + "components:\n  schemas:\n    A: {$ref: 'schemas/a.yaml#/A'}\n",
    )
    _write(tmp_path, "api/schemas/a.yaml", "A:\n  type: string\n")
    spec = load_spec("api/spec.yaml", cwd=tmp_path)
    address, node = spec.follow(
        ("api/spec.yaml", ("components", "schemas", "A")), spec.data["components"]["schemas"]["A"]
    )
    assert address == ("api/schemas/a.yaml", ("A",))
    assert node == {"type": "string"}
    assert spec.location(address) == Location("api/schemas/a.yaml", "/A", 1)
    assert set(spec.files()) == {"api/spec.yaml", "api/schemas/a.yaml"}


def test_a_ref_to_nothing_names_the_place_and_the_ref(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "s.yaml",
        HEAD + "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n",
    )
    spec = load_spec("s.yaml", cwd=tmp_path)
    with pytest.raises(
        SpecInputError, match=r"s.yaml line 5 .*'#/components/schemas/B' points to nothing"
    ):
        spec.follow(
            ("s.yaml", ("components", "schemas", "A")), spec.data["components"]["schemas"]["A"]
        )


def test_a_cycle_of_refs_is_an_error_not_a_hang(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "s.yaml",
        HEAD
        + "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
        + "    B: {$ref: '#/components/schemas/A'}\n",
    )
    spec = load_spec("s.yaml", cwd=tmp_path)
    with pytest.raises(SpecInputError, match="cycle of \\$refs"):
        spec.follow(
            ("s.yaml", ("components", "schemas", "A")), spec.data["components"]["schemas"]["A"]
        )


def test_a_remote_ref_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "s.yaml", HEAD + "x: {$ref: 'https://example.com/a.yaml#/A'}\n")
    spec = load_spec("s.yaml", cwd=tmp_path)
    with pytest.raises(SpecInputError, match="remote \\$ref"):
        spec.follow(("s.yaml", ("x",)), spec.data["x"])


def test_swagger_2_and_other_documents_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "old.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\n")
    _write(tmp_path, "list.yaml", "- a\n")
    with pytest.raises(
        SpecInputError, match=r"not an OpenAPI 3 document \(a Swagger 2\.0 document\)"
    ):
        load_spec("old.yaml", cwd=tmp_path)
    with pytest.raises(SpecInputError, match=r"no `openapi: 3\.x` field"):
        load_spec("list.yaml", cwd=tmp_path)


def test_nearest_falls_back_to_the_closest_existing_parent(tmp_path: Path) -> None:
    _write(tmp_path, "s.yaml", HEAD + "paths:\n  /a: {}\n")
    spec = load_spec("s.yaml", cwd=tmp_path)
    assert spec.nearest(("s.yaml", ("paths", "/a", "get", "responses"))) == (
        "s.yaml",
        ("paths", "/a"),
    )
    assert spec.nearest(("other.yaml", ("x",))) == ("s.yaml", ())
    assert spec.version == "1.0.0"


def test_a_ref_to_a_missing_file_names_the_place_that_refers_to_it(tmp_path: Path) -> None:
    _write(tmp_path, "spec.yaml", HEAD + "components:\n  schemas:\n    A: {$ref: 'a.yaml#/A'}\n")
    spec = load_spec("spec.yaml", cwd=tmp_path)
    located = (("spec.yaml", ("components", "schemas", "A")), {"$ref": "a.yaml#/A"})
    with pytest.raises(SpecInputError, match=r"spec.yaml line 5 \(/components/schemas/A\): "):
        spec.follow(*located)
