from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApiKey")


@_attrs_define
class ApiKey:
    """A test API key and its secret, shown only when created."""

    object_: Literal["api_key"]
    api_key: str
    """ The new key, the username of HTTP Basic auth. """
    api_secret: str
    """ Its secret, the password of HTTP Basic auth. Store it; it is not shown again. """
    description: None | str
    created_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        api_key = self.api_key

        api_secret = self.api_secret

        description: None | str
        description = self.description

        created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "api_key": api_key,
                "api_secret": api_secret,
                "description": description,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        object_ = cast(Literal["api_key"], d.pop("object"))
        if object_ != "api_key":
            raise ValueError(f"object must match const 'api_key', got '{object_}'")

        api_key = d.pop("api_key")

        api_secret = d.pop("api_secret")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        created_at = d.pop("created_at")

        api_key = cls(
            object_=object_,
            api_key=api_key,
            api_secret=api_secret,
            description=description,
            created_at=created_at,
        )

        api_key.additional_properties = d
        return api_key

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
