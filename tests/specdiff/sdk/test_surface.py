"""larkpay_specdiff.sdk.surface: the committed client read with griffe."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.sdk.surface import Surface, load_surface

GENERATED = Path(__file__).resolve().parents[3] / "generated" / "larkpay_api"


@pytest.fixture(scope="module")
def surface() -> Surface:
    return load_surface(GENERATED)


def test_load_surface_maps_each_resource_attribute_to_its_class(surface: Surface) -> None:
    assert surface.resources["payments"] == "PaymentsResource"
    assert surface.resources["webhook_endpoints"] == "WebhookEndpointsResource"


def test_load_surface_reads_methods_with_their_endpoint_and_return_type(surface: Surface) -> None:
    get = surface.methods["payments.get"]
    assert get.endpoint == "GET /payments/{payment_id}"
    assert get.returns == "Payment"
    assert get.call == "client.payments.get"
    assert get.file == "larkpay_api/api/__init__.py"
    assert get.line > 0


def test_load_surface_merges_overloads_so_fields_are_required_in_the_fields_shape(
    surface: Surface,
) -> None:
    params = surface.methods["payments.create"].params
    assert params["amount"].required
    assert params["amount"].annotation == "int"
    assert params["currency"].annotation == "Currency | str"
    assert not params["description"].required
    assert params["description"].default == "UNSET"
    assert params["amount"].kind == "keyword"
    assert surface.methods["payments.get"].params["payment_id"].kind == "positional"


def test_load_surface_reads_model_attributes_and_enum_members(surface: Surface) -> None:
    payment = surface.models["Payment"]
    assert payment.attributes["updated_at"].annotation == "str"
    assert payment.attributes["updated_at"].required
    assert "additional_properties" not in payment.attributes
    assert payment.members is None
    status = surface.models["PaymentStatus"]
    assert status.members == {
        "CANCELED": "canceled", "FAILED": "failed", "PENDING": "pending", "SUCCEEDED": "succeeded",
    }  # fmt: skip
