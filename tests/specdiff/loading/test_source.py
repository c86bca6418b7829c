"""larkpay_specdiff.loading.source: a side is a file, or a git REF:path read with git show."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.loading.source import open_side


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "spec.yaml").write_text("old\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "one")
    _git(tmp_path, "tag", "v1")
    (tmp_path / "api" / "spec.yaml").write_text("new\n")
    return tmp_path


def test_an_existing_file_is_read_from_disk(repo: Path) -> None:
    side = open_side("api/spec.yaml", cwd=repo)
    assert side.revision is None
    assert side.read() == "new\n"


def test_a_git_reference_reads_the_file_at_that_revision(repo: Path) -> None:
    side = open_side("v1:api/spec.yaml", cwd=repo)
    assert side.revision == "v1"
    assert side.read() == "old\n"
    assert side.label("api/other.yaml") == "v1:api/other.yaml"


def test_a_git_reference_is_relative_to_the_working_folder(repo: Path) -> None:
    assert open_side("v1:spec.yaml", cwd=repo / "api").read() == "old\n"


def test_siblings_resolve_relative_to_the_referring_file(repo: Path) -> None:
    side = open_side("api/spec.yaml", cwd=repo)
    assert side.sibling("api/spec.yaml", "../shared/x.yaml") == "shared/x.yaml"


def test_an_unknown_revision_says_so(repo: Path) -> None:
    with pytest.raises(SpecInputError, match="v9 is not a git revision here"):
        open_side("v9:api/spec.yaml", cwd=repo).read()


def test_a_path_missing_from_the_revision_says_so(repo: Path) -> None:
    with pytest.raises(SpecInputError, match="does not exist in git revision v1"):
        open_side("v1:api/none.yaml", cwd=repo).read()


def test_a_reference_outside_a_repository_says_so(tmp_path: Path) -> None:
    with pytest.raises(SpecInputError, match="not in a git repository"):
        open_side("v1:spec.yaml", cwd=tmp_path).read()


def test_a_missing_file_suggests_the_git_form(tmp_path: Path) -> None:
    with pytest.raises(SpecInputError, match=r"no such file; .*REF:path"):
        open_side("nothing.yaml", cwd=tmp_path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    with pytest.raises(SpecInputError, match="is a folder"):
        open_side("specs", cwd=tmp_path)
