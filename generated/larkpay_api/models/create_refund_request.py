from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.refund_reason import RefundReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateRefundRequest")


@_attrs_define
class CreateRefundRequest:
    """Send `{}` to refund everything that is not refunded yet."""

    amount: int | Unset = UNSET
    """ An amount in minor units. """
    reason: RefundReason | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: RefundReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = RefundReason(_reason)

        create_refund_request = cls(
            amount=amount,
            reason=reason,
        )

        return create_refund_request
