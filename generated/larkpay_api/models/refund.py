from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency import Currency
from ..models.refund_reason import RefundReason
from ..models.refund_status import RefundStatus

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    id: str
    object_: Literal["refund"]
    payment_id: str
    """ A payment id, `pay_` followed by letters and digits. """
    amount: int
    """ An amount in minor units. """
    currency: Currency
    """ ISO 4217 currency code. Amounts are in the currency's minor unit (cents; yen for JPY). """
    reason: None | RefundReason
    status: RefundStatus
    created_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    updated_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        payment_id = self.payment_id

        amount = self.amount

        currency = self.currency.value

        reason: None | str
        if isinstance(self.reason, RefundReason):
            reason = self.reason.value
        else:
            reason = self.reason

        status = self.status.value

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "payment_id": payment_id,
                "amount": amount,
                "currency": currency,
                "reason": reason,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["refund"], d.pop("object"))
        if object_ != "refund":
            raise ValueError(f"object must match const 'refund', got '{object_}'")

        payment_id = d.pop("payment_id")

        amount = d.pop("amount")

        currency = Currency(d.pop("currency"))

        def _parse_reason(data: object) -> None | RefundReason:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = RefundReason(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RefundReason, data)

        reason = _parse_reason(d.pop("reason"))

        status = RefundStatus(d.pop("status"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        refund = cls(
            id=id,
            object_=object_,
            payment_id=payment_id,
            amount=amount,
            currency=currency,
            reason=reason,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
        )

        refund.additional_properties = d
        return refund

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
