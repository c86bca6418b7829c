from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency import Currency
from ..models.payment_status import PaymentStatus

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="Payment")


@_attrs_define
class Payment:
    id: str
    """ A payment id, `pay_` followed by letters and digits. """
    object_: Literal["payment"]
    amount: int
    """ An amount in minor units. """
    currency: Currency
    """ ISO 4217 currency code. Amounts are in the currency's minor unit (cents; yen for JPY). """
    status: PaymentStatus
    """ `pending` until settled; then `succeeded` or `failed`; `canceled` if canceled while pending. """
    amount_refunded: int
    """ The sum of the payment's succeeded refunds. """
    source: str
    description: None | str
    """ Free text for your own use, shown to nobody else. """
    metadata: Metadata
    """ Up to 20 string keys (1 to 40 characters) with string values (up to 500 characters),
    for your own references. An update replaces the whole map.
     """
    failure_code: None | str
    """ Why the payment failed (`card_declined`, `insufficient_funds`), or null. """
    failure_message: None | str
    created_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    updated_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        amount = self.amount

        currency = self.currency.value

        status = self.status.value

        amount_refunded = self.amount_refunded

        source = self.source

        description: None | str
        description = self.description

        metadata = self.metadata.to_dict()

        failure_code: None | str
        failure_code = self.failure_code

        failure_message: None | str
        failure_message = self.failure_message

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "amount": amount,
                "currency": currency,
                "status": status,
                "amount_refunded": amount_refunded,
                "source": source,
                "description": description,
                "metadata": metadata,
                "failure_code": failure_code,
                "failure_message": failure_message,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["payment"], d.pop("object"))
        if object_ != "payment":
            raise ValueError(f"object must match const 'payment', got '{object_}'")

        amount = d.pop("amount")

        currency = Currency(d.pop("currency"))

        status = PaymentStatus(d.pop("status"))

        amount_refunded = d.pop("amount_refunded")

        source = d.pop("source")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        def _parse_failure_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_code = _parse_failure_code(d.pop("failure_code"))

        def _parse_failure_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_message = _parse_failure_message(d.pop("failure_message"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        payment = cls(
            id=id,
            object_=object_,
            amount=amount,
            currency=currency,
            status=status,
            amount_refunded=amount_refunded,
            source=source,
            description=description,
            metadata=metadata,
            failure_code=failure_code,
            failure_message=failure_message,
            created_at=created_at,
            updated_at=updated_at,
        )

        payment.additional_properties = d
        return payment

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
