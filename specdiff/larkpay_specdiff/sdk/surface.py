"""The public Python API of a generated client, read with griffe (static analysis, no import):
the resource methods (``client.<resource>.<method>``) and the model classes of ``models``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import griffe

_ENDPOINT = re.compile(r"``([A-Z]+) (/[^`]*)``")
_RESOURCE_CLASS = re.compile(r"^(\w+)\(")
_SKIPPED_ATTRIBUTES = frozenset({"additional_properties"})


@dataclass(frozen=True)
class Param:
    """One parameter of a method, merged over its overloads (required in any call shape)."""

    name: str
    kind: str
    annotation: str
    default: str | None
    required: bool


@dataclass(frozen=True)
class Method:
    """``client.<resource>.<name>``, with the endpoint its docstring names."""

    resource: str
    name: str
    endpoint: str
    params: dict[str, Param]
    returns: str
    file: str
    line: int

    @property
    def call(self) -> str:
        """``client.payments.create``."""
        return f"client.{self.resource}.{self.name}"


@dataclass(frozen=True)
class Attribute:
    """One attribute of a model (an attrs field); required when it has no default."""

    name: str
    annotation: str
    required: bool
    line: int


@dataclass(frozen=True)
class Model:
    """A class of ``larkpay_api.models``: attributes, or members for an enum."""

    name: str
    attributes: dict[str, Attribute]
    members: dict[str, str] | None
    file: str
    line: int


@dataclass
class Surface:
    """The public API of one generated client."""

    resources: dict[str, str] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)


def load_surface(package_dir: Path) -> Surface:
    """Read the generated package at ``package_dir`` (a folder named like the package)."""
    package = griffe.load(
        package_dir.name, search_paths=[str(package_dir.parent)], allow_inspection=False
    )
    surface = Surface()
    api = package["api"]
    resources = api.members.get("Resources")
    for attribute, member in resources.members.items() if resources is not None else []:
        found = _RESOURCE_CLASS.match(str(getattr(member, "value", "") or ""))
        if found and found.group(1) in api.members:
            surface.resources[attribute] = found.group(1)
            _read_resource(surface, attribute, api.members[found.group(1)], package_dir)
    for name in package["models"].exports or []:
        target = package["models"].members.get(name)
        if target is not None:
            surface.models[name] = _read_model(name, _final(target), package_dir)
    return surface


def _final(member: Any) -> Any:
    return member.final_target if getattr(member, "is_alias", False) else member


def _relative(obj: Any, package_dir: Path) -> str:
    try:
        return Path(obj.filepath).relative_to(package_dir.parent).as_posix()
    except ValueError:
        return str(obj.filepath)


def _read_resource(surface: Surface, attribute: str, cls: Any, package_dir: Path) -> None:
    for name, member in cls.members.items():
        if name.startswith("_") or not member.is_function:
            continue
        docstring = member.docstring.value if member.docstring else ""
        found = _ENDPOINT.search(docstring)
        endpoint = f"{found.group(1)} {found.group(2)}" if found else ""
        surface.methods[f"{attribute}.{name}"] = Method(
            resource=attribute,
            name=name,
            endpoint=endpoint,
            params=_params(member),
            returns=str(member.returns or ""),
            file=_relative(member, package_dir),
            line=member.lineno or 0,
        )


def _params(function: Any) -> dict[str, Param]:
    shapes = list(function.overloads or []) or [function]
    merged: dict[str, Param] = {}
    for shape in shapes:
        for parameter in shape.parameters:
            if parameter.name in ("self", "cls"):
                continue
            required = parameter.default is None and parameter.kind.value not in (
                "variadic positional", "variadic keyword",
            )  # fmt: skip
            known = merged.get(parameter.name)
            if known is None:
                merged[parameter.name] = Param(
                    name=parameter.name,
                    kind="keyword" if parameter.kind.value == "keyword-only" else "positional",
                    annotation=str(parameter.annotation or ""),
                    default=None if parameter.default is None else str(parameter.default),
                    required=required,
                )
            elif required and not known.required:
                merged[parameter.name] = Param(
                    known.name, known.kind, known.annotation, known.default, True
                )
    return merged


def _read_model(name: str, cls: Any, package_dir: Path) -> Model:
    bases = {str(base).split(".")[-1] for base in getattr(cls, "bases", [])}
    members: dict[str, str] | None = None
    attributes: dict[str, Attribute] = {}
    if bases & {"Enum", "StrEnum", "IntEnum"}:
        members = {
            key: str(value.value).strip("'\"")
            for key, value in cls.members.items()
            if value.is_attribute and not key.startswith("_")
        }
    else:
        for key, value in cls.members.items():
            if key in _SKIPPED_ATTRIBUTES or key.startswith("_") or not value.is_attribute:
                continue
            if "instance-attribute" not in value.labels or "property" in value.labels:
                continue
            attributes[key] = Attribute(
                name=key,
                annotation=str(value.annotation or ""),
                required=value.value is None,
                line=value.lineno or 0,
            )
    return Model(name, attributes, members, _relative(cls, package_dir), cls.lineno or 0)
