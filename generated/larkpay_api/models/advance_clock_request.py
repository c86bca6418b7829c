from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdvanceClockRequest")


@_attrs_define
class AdvanceClockRequest:
    """Exactly one of `seconds` and `to`."""

    seconds: float | Unset = UNSET
    """ How far to move the clock ahead, in seconds (at most 366 days). """
    to: str | Unset = UNSET
    """ A time you send: RFC 3339 in UTC, e.g. `2026-11-27T10:15:00Z` or with up to six
    decimals of a second; a real calendar date (leap days included) from the year 1000.
     """

    def to_dict(self) -> dict[str, Any]:
        seconds = self.seconds

        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if seconds is not UNSET:
            field_dict["seconds"] = seconds
        if to is not UNSET:
            field_dict["to"] = to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seconds = d.pop("seconds", UNSET)

        to = d.pop("to", UNSET)

        advance_clock_request = cls(
            seconds=seconds,
            to=to,
        )

        return advance_clock_request
