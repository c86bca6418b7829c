from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SecretExpiryStep")


@_attrs_define
class SecretExpiryStep:
    """A rotated-out secret of this endpoint expired; deliveries are no longer signed with it."""

    kind: Literal["secret_expiry"]
    at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    endpoint_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        at = self.at

        endpoint_id = self.endpoint_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "at": at,
                "endpoint_id": endpoint_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["secret_expiry"], d.pop("kind"))
        if kind != "secret_expiry":
            raise ValueError(f"kind must match const 'secret_expiry', got '{kind}'")

        at = d.pop("at")

        endpoint_id = d.pop("endpoint_id")

        secret_expiry_step = cls(
            kind=kind,
            at=at,
            endpoint_id=endpoint_id,
        )

        secret_expiry_step.additional_properties = d
        return secret_expiry_step

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
