from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IdempotencyExpiryStep")


@_attrs_define
class IdempotencyExpiryStep:
    """The reply remembered under this Idempotency-Key expired (after 24 hours); the key can be used again."""

    kind: Literal["idempotency_expiry"]
    at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    idempotency_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        at = self.at

        idempotency_key = self.idempotency_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "at": at,
                "idempotency_key": idempotency_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["idempotency_expiry"], d.pop("kind"))
        if kind != "idempotency_expiry":
            raise ValueError(f"kind must match const 'idempotency_expiry', got '{kind}'")

        at = d.pop("at")

        idempotency_key = d.pop("idempotency_key")

        idempotency_expiry_step = cls(
            kind=kind,
            at=at,
            idempotency_key=idempotency_key,
        )

        idempotency_expiry_step.additional_properties = d
        return idempotency_expiry_step

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
