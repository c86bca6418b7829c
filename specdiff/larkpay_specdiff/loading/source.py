"""Where a side's text comes from: a file on disk, or ``REF:path`` read with ``git show``.

Relative ``$ref``s to other files are read from the same place: beside the file, or from the
same git revision.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from larkpay_specdiff.errors import SpecInputError


@dataclass(frozen=True)
class Source:
    """One side: ``display`` names it in reports (``openapi.yaml``, ``v2.0.0:openapi.yaml``)."""

    display: str
    path: str
    revision: str | None = None
    cwd: Path = Path(".")

    def read(self, path: str | None = None) -> str:
        """The text of ``path`` (default: this side's own file) from this side's origin."""
        target = self.path if path is None else path
        if self.revision is None:
            return _read_file(self.cwd / target, target)
        return _git_show(self.revision, target, self.cwd)

    def sibling(self, from_path: str, ref_path: str) -> str:
        """The path of a file named by a relative ``$ref`` inside ``from_path``."""
        joined = posixpath.join(posixpath.dirname(from_path), ref_path)
        return posixpath.normpath(joined)

    def label(self, path: str) -> str:
        """How a file of this side is named in messages."""
        return path if self.revision is None else f"{self.revision}:{path}"


def open_side(argument: str, cwd: Path | None = None) -> Source:
    """The side named on the command line: an existing file, else a ``REF:path`` git reference."""
    where = Path.cwd() if cwd is None else cwd
    if (where / argument).is_file():
        return Source(display=argument, path=argument, cwd=where)
    revision, colon, path = argument.partition(":")
    if colon and revision and path and len(revision) > 1:
        return Source(display=argument, path=path, revision=revision, cwd=where)
    if (where / argument).exists():
        raise SpecInputError(
            f"{argument} is a folder, not a spec file: name the YAML or JSON file."
        )
    raise SpecInputError(
        f"{argument}: no such file; name a spec file, or a git revision as REF:path "
        "(e.g. HEAD~1:openapi.yaml)."
    )


def _read_file(path: Path, label: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecInputError(f"{label}: no such file.") from None
    except UnicodeDecodeError:
        raise SpecInputError(f"{label} is not UTF-8 text: save the spec as UTF-8.") from None
    except OSError as error:
        raise SpecInputError(f"{label} cannot be read: {error.strerror}.") from None


def _git_show(revision: str, path: str, cwd: Path) -> str:
    import subprocess  # only git references need it (kept off the start-up path)

    # "./" makes git read the path relative to the working directory, as a file argument is.
    spec = f"{revision}:{path if path.startswith(('./', '/')) else './' + path}"
    try:
        result = subprocess.run(
            ["git", "show", spec], cwd=cwd, capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise SpecInputError(f"{revision}:{path} needs git, which is not installed.") from None
    if result.returncode != 0:
        raise SpecInputError(_git_problem(revision, path, result.stderr.decode(errors="replace")))
    try:
        return result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise SpecInputError(f"{revision}:{path} is not UTF-8 text.") from None


def _git_problem(revision: str, path: str, stderr: str) -> str:
    if "not a git repository" in stderr:
        return f"{revision}:{path} is a git reference, but this folder is not in a git repository."
    if "does not exist in" in stderr or "exists on disk, but not in" in stderr:
        return f"{path} does not exist in git revision {revision}."
    if "invalid object name" in stderr or "unknown revision" in stderr:
        return (
            f"{revision} is not a git revision here (a tag, branch or commit); "
            f"check `git tag` or fetch it."
        )
    first = stderr.strip().splitlines()[0] if stderr.strip() else "unknown error"
    return f"git cannot read {revision}:{path}: {first}."
