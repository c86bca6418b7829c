from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    code: ErrorCode
    """ | code | HTTP |
    | --- | --- |
    | `INVALID_REQUEST` | 400 |
    | `AUTH_FAILED` | 401 |
    | `PAYMENT_FAILED` | 402 |
    | `NOT_FOUND` | 404 |
    | `METHOD_NOT_ALLOWED` | 405 (with an `Allow` header) |
    | `INVALID_STATE` | 409 |
    | `IDEMPOTENCY_IN_PROGRESS` | 409 |
    | `PAYLOAD_TOO_LARGE` | 413 |
    | `UNSUPPORTED_MEDIA_TYPE` | 415 |
    | `IDEMPOTENCY_KEY_REUSED` | 422 |
    | `RATE_LIMITED` | 429 |
    | `INTERNAL_ERROR` | 500 |
    | `SERVICE_UNAVAILABLE` | 503 |
     """
    message: str
    """ What happened and what to do, for humans; do not parse it. """
    reason: None | str
    """ A finer machine-readable cause: for `AUTH_FAILED` one of `missing_credentials`,
    `malformed_credentials`, `invalid_credentials`, `key_expired`, `key_revoked`,
    `environment_mismatch`; for `PAYMENT_FAILED` the failure code; otherwise null.
     """
    details: list[ErrorDetail]
    request_id: str
    payment_id: str | Unset = UNSET
    """ A payment id, `pay_` followed by letters and digits. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        reason: None | str
        reason = self.reason

        details = []
        for details_item_data in self.details:
            details_item = details_item_data.to_dict()
            details.append(details_item)

        request_id = self.request_id

        payment_id = self.payment_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "reason": reason,
                "details": details,
                "request_id": request_id,
            }
        )
        if payment_id is not UNSET:
            field_dict["payment_id"] = payment_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        message = d.pop("message")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        details = []
        _details = d.pop("details")
        for details_item_data in _details:
            details_item = ErrorDetail.from_dict(details_item_data)

            details.append(details_item)

        request_id = d.pop("request_id")

        payment_id = d.pop("payment_id", UNSET)

        error = cls(
            code=code,
            message=message,
            reason=reason,
            details=details,
            request_id=request_id,
            payment_id=payment_id,
        )

        error.additional_properties = d
        return error

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
