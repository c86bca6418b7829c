"""A loaded spec: its documents (the root file and the files its $refs name), $ref resolution
and the source line of any node."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.findings import Location
from larkpay_specdiff.loading.jsonlines import JsonLineMap
from larkpay_specdiff.loading.source import Source
from larkpay_specdiff.loading.yamlmap import LineMap, parse_document

Pointer = tuple[str, ...]
Address = tuple[str, Pointer]
"""A node's place: (file path within the side, JSON pointer segments)."""


def child(address: Address, *keys: str) -> Address:
    """The address of a node below ``address``."""
    return address[0], (*address[1], *keys)


def escape(segment: str) -> str:
    """One JSON-pointer segment, escaped (``/`` -> ``~1``, ``~`` -> ``~0``)."""
    return segment.replace("~", "~0").replace("/", "~1")


def pointer_text(pointer: Pointer) -> str:
    """``("paths", "/payments")`` -> ``/paths/~1payments``; the empty pointer is ``""``."""
    return "".join("/" + escape(segment) for segment in pointer)


def parse_pointer(fragment: str) -> Pointer:
    """The segments of a URI-fragment JSON pointer such as ``/components/schemas/Payment``."""
    if fragment in ("", "/"):
        return ()
    if not fragment.startswith("/"):
        raise ValueError(fragment)
    return tuple(
        unquote(part).replace("~1", "/").replace("~0", "~") for part in fragment[1:].split("/")
    )


class Spec:
    """One side of a diff, loaded: ``data`` is the root document."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.root_file = source.path
        self._documents: dict[str, tuple[Any, LineMap | JsonLineMap]] = {}
        self._targets: dict[tuple[str, str], Address] = {}
        self.data = self.document(self.root_file)
        version = self.data.get("openapi") if isinstance(self.data, dict) else None
        if not isinstance(version, str) or not version.startswith("3."):
            found = (
                "a Swagger 2.0 document"
                if isinstance(self.data, dict) and ("swagger" in self.data)
                else "no `openapi: 3.x` field"
            )
            raise SpecInputError(
                f"{source.display} is not an OpenAPI 3 document ({found}); "
                "convert it to OpenAPI 3.0 or 3.1 first."
            )

    @property
    def version(self) -> str:
        """``info.version`` as written (empty when missing)."""
        info = self.data.get("info")
        return str(info.get("version", "")) if isinstance(info, dict) else ""

    def document(self, path: str) -> Any:
        """The data of one file of this side, parsed on first use."""
        if path not in self._documents:
            label = self.source.label(path)
            self._documents[path] = parse_document(self.source.read(path), label)
        return self._documents[path][0]

    def files(self) -> dict[str, str]:
        """Every file read so far: path -> text (to write the side out for the generator)."""
        return {path: self.source.read(path) for path in self._documents}

    def get(self, address: Address) -> Any:
        """The node at ``address``; ``SpecInputError`` if nothing is there."""
        path, pointer = address
        node = self.document(path)
        for segment in pointer:
            if isinstance(node, dict) and segment in node:
                node = node[segment]
            elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
                node = node[int(segment)]
            else:
                raise KeyError(segment)
        return node

    def follow(self, address: Address, node: Any) -> tuple[Address, Any]:
        """Follow ``$ref`` objects from ``node`` (found at ``address``) to what they point at."""
        seen: set[Address] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = self._target(address, node["$ref"])
            if target in seen:
                raise SpecInputError(
                    f"{self.describe(address)}: $ref {node['$ref']!r} is a cycle of $refs that "
                    "never reaches a definition; point one of them at an object."
                )
            seen.add(target)
            try:
                node = self.get(target)
            except SpecInputError as error:  # the file it names cannot be read
                raise SpecInputError(
                    f"{self.describe(address)}: $ref {node['$ref']!r}: {error}"
                ) from None
            except KeyError:
                raise SpecInputError(
                    f"{self.describe(address)}: $ref {node['$ref']!r} points to nothing; "
                    "fix the reference or add the definition."
                ) from None
            address = target
        return address, node

    def _target(self, address: Address, ref: str) -> Address:
        key = (address[0], ref)
        if key not in self._targets:
            self._targets[key] = self._parse_ref(address, ref)
        return self._targets[key]

    def _parse_ref(self, address: Address, ref: str) -> Address:
        path, _, fragment = ref.partition("#")
        if "://" in path:
            raise SpecInputError(
                f"{self.describe(address)}: remote $ref {ref!r} is not followed (nothing is "
                "fetched from the network); save the file beside the spec and refer to it."
            )
        try:
            pointer = parse_pointer(fragment)
        except ValueError:
            raise SpecInputError(
                f"{self.describe(address)}: $ref {ref!r} is not a JSON pointer (expected '#/...')."
            ) from None
        file = address[0] if not path else self.source.sibling(address[0], path)
        return file, pointer

    def nearest(self, address: Address) -> Address:
        """``address``, or its nearest parent that exists (for things only the other side has)."""
        path, pointer = address
        try:
            self.document(path)
        except SpecInputError:
            return self.root_file, ()
        while pointer:
            try:
                self.get((path, pointer))
            except KeyError:
                pointer = pointer[:-1]
            else:
                break
        return path, pointer

    def line(self, address: Address) -> int | None:
        """The source line of ``address`` (or of its nearest existing parent)."""
        path, pointer = address
        data = self.document(path)
        return self._documents[path][1].line_of(data, pointer)

    def location(self, address: Address) -> Location:
        """``address`` as a reportable location: file label, pointer text and line."""
        return Location(
            file=self.source.label(address[0]),
            pointer=pointer_text(address[1]),
            line=self.line(address),
        )

    def describe(self, address: Address) -> str:
        """``openapi.yaml line 120 (/paths/...)`` for error messages."""
        line = self.line(address)
        where = f" line {line}" if line else ""
        return f"{self.source.label(address[0])}{where} ({pointer_text(address[1]) or '/'})"


def near(address: Address, source: Spec, target: Spec) -> Address:
    """Where something of ``source`` at ``address`` is, or would be, in ``target``: the same
    place (in the file of the same relative path) or its nearest existing parent."""
    path, pointer = address
    if path == source.root_file:
        return target.nearest((target.root_file, pointer))
    relative = posixpath.relpath(path, posixpath.dirname(source.root_file) or ".")
    folder = posixpath.dirname(target.root_file)
    return target.nearest((posixpath.normpath(posixpath.join(folder, relative)), pointer))
