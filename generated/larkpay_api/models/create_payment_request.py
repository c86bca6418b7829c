from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.currency import Currency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="CreatePaymentRequest")


@_attrs_define
class CreatePaymentRequest:
    amount: int
    """ An amount in minor units. """
    currency: Currency
    """ ISO 4217 currency code. Amounts are in the currency's minor unit (cents; yen for JPY). """
    source: str
    """ The payment source (a card token in production). In the sandbox it selects a test
    scenario:

    | source | result |
    | --- | --- |
    | `test_success` | 201, `status: succeeded` |
    | `test_failure` | 402 `PAYMENT_FAILED`, `failure_code: card_declined`; the payment exists with `status: failed`
    |
    | `test_insufficient_funds` | 402 `PAYMENT_FAILED`, `failure_code: insufficient_funds` |
    | `test_pending` | 201 `pending`; settles to `succeeded` after the sandbox's settle delay (default 2 s), firing
    `payment.updated` |
    | `test_pending_failure` | 201 `pending`; later `failed` (`failure_code: card_declined`), firing
    `payment.updated` |
    | `test_rate_limited` | 429 `RATE_LIMITED` with `Retry-After: 1`; nothing is created (a simulation: the
    `RateLimit-*` headers still describe the key's real bucket) |
    | `test_unavailable_once` | the first attempt for a given Idempotency-Key gets 503 `SERVICE_UNAVAILABLE` with
    `Retry-After: 1`; the retry with the same key succeeds (without a key: 201) |
    | `test_slow` | 201 `succeeded` after a delay (default 3 s, the sandbox's `--slow-delay`), to exercise client
    timeouts |
    | any other string | 201, `status: succeeded` |
     """
    description: None | str | Unset = UNSET
    """ Free text for your own use, shown to nobody else. """
    metadata: Metadata | Unset = UNSET
    """ Up to 20 string keys (1 to 40 characters) with string values (up to 500 characters),
    for your own references. An update replaces the whole map.
     """

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency.value

        source = self.source

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
                "source": source,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        currency = Currency(d.pop("currency"))

        source = d.pop("source")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        create_payment_request = cls(
            amount=amount,
            currency=currency,
            source=source,
            description=description,
            metadata=metadata,
        )

        return create_payment_request
