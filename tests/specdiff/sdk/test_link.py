"""larkpay_specdiff.sdk.link: each SDK finding names the wire findings that caused it."""

from __future__ import annotations

from pathlib import Path

from larkpay_specdiff.findings import Finding, Location, Severity
from larkpay_specdiff.report import compare, load_spec
from larkpay_specdiff.sdk.link import link, loose
from larkpay_specdiff.sdk.surface import Method, Model, Param, Surface

from tests.specdiff.sdk import items_pair

HERE = Location("x.yaml", "/", 1)


def _wire(id_: str, rule: str, operations: tuple[str, ...] = (), **details: str) -> Finding:
    return Finding(
        rule, Severity.BREAKING, "m", details.get("name", ""), HERE, HERE, operations,
        tuple(sorted(details.items())), id_,
    )  # fmt: skip


def _sdk(subject: str, rule: str) -> Finding:
    return Finding(rule, Severity.BREAKING, "m", subject, HERE, HERE, id="S1")


def _surfaces() -> tuple[Surface, Surface]:
    method = Method(
        "payments", "list", "GET /payments",
        {"limit": Param("limit", "keyword", "int", "20", False)}, "PaymentListEnvelope", "f.py", 1,
    )  # fmt: skip
    surface = Surface(methods={"payments.list": method})
    return surface, surface


def test_loose_names_ignore_case_punctuation_and_the_field_prefix() -> None:
    assert loose("updatedAt") == loose("updated_at") == loose("field_updated_at") == "updatedat"


def test_an_attribute_links_to_the_wire_finding_on_its_schema_and_property() -> None:
    wire = [
        _wire("W1", "response-property-became-optional", name="Payment.updated_at"),
        _wire("W2", "response-property-became-optional", name="Refund.updated_at"),
    ]
    [linked] = link(
        [_sdk("models.Payment.updated_at", "sdk-attribute-type-changed")], wire, _surfaces()
    )
    assert linked.caused_by == ("W1",)


def test_an_inline_enum_class_links_to_the_enum_change_of_its_property() -> None:
    wire = [
        _wire(
            "W3",
            "request-property-enum-value-removed",
            name="SettlePaymentRequest.outcome",
            old="failed",
        )
    ]
    sdk = _sdk("models.SettlePaymentRequestOutcome.FAILED", "sdk-enum-member-removed")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W3",)


def test_a_parameter_links_to_the_wire_finding_of_its_operation_and_name() -> None:
    wire = [
        _wire(
            "W4",
            "request-parameter-max-decreased",
            ("GET /payments",),
            name="limit",
            parameter="limit",
        ),
        _wire(
            "W5",
            "request-parameter-max-decreased",
            ("GET /refunds",),
            name="limit",
            parameter="limit",
        ),
    ]
    sdk = _sdk("client.payments.list(limit=)", "sdk-parameter-default-changed")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W4",)


def test_a_method_links_to_operation_rules_of_its_endpoint_only() -> None:
    wire = [
        _wire("W6", "api-operation-id-changed", ("GET /payments",), name="GET /payments"),
        _wire("W7", "response-property-became-optional", ("GET /payments",), name="Payment.x"),
    ]
    sdk = _sdk("client.payments.list", "sdk-method-renamed")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W6",)


def test_a_finding_with_no_wire_cause_links_to_nothing() -> None:
    assert link([_sdk("models.Ghost", "sdk-model-removed")], [], _surfaces())[0].caused_by == ()


def test_an_array_item_enum_links_by_its_generated_item_class() -> None:
    wire = [
        _wire("W8", "request-property-enum-value-added", name="Selection[]", new='"x.y"'),
        _wire(
            "W9", "request-parameter-enum-value-added", name="event", parameter="event", new='"x.y"'
        ),
    ]
    item = _sdk("models.SelectionItem.X_Y", "sdk-enum-member-added")
    other = _sdk("models.EventType.X_Y", "sdk-enum-member-added")
    models = {
        name: Model(name, {}, {"X_Y": "x.y"}, "m.py", 1) for name in ("SelectionItem", "EventType")
    }
    surfaces = (Surface(models=models), Surface(models=models))
    assert [f.caused_by for f in link([item, other], wire, surfaces)] == [("W8",), ("W9",)]


def test_a_list_all_method_links_through_the_endpoint_of_its_list_method() -> None:
    wire = [_wire("W1", "request-parameter-removed", ("GET /payments",), name="created_after")]
    sdk = _sdk("client.payments.list_all(created_after=)", "sdk-parameter-removed")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W1",)


def _inline_surfaces() -> tuple[Surface, Surface]:
    body = Param("body", "keyword", "CreateItemBody", None, True)
    create = Method("items", "create", "POST /items", {"body": body}, "Item", "f.py", 1)
    return Surface(methods={"items.create": create}), Surface(methods={"items.create": create})


def test_an_inline_body_attribute_links_to_the_change_of_that_field_on_its_operation() -> None:
    wire = [
        _wire("W1", "request-property-became-required", ("POST /items",), name="note"),
        _wire("W2", "request-property-became-required", ("POST /other",), name="note"),
    ]
    sdk = _sdk("models.CreateItemBody.note", "sdk-attribute-type-changed")
    assert link([sdk], wire, _inline_surfaces())[0].caused_by == ("W1",)


def test_a_model_named_after_an_operation_links_to_its_operation_id_change() -> None:
    wire = [
        _wire("W1", "api-operation-id-changed", ("GET /items",), old="listItems", new="listAll"),
        _wire("W2", "api-operation-id-changed", ("GET /x",), old="getX", new="fetchX"),
    ]
    sdk = _sdk("models.ListItemsStatus", "sdk-model-renamed")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W1",)


def test_a_resource_links_to_the_tag_changes_of_its_methods() -> None:
    wire = [_wire("W1", "api-primary-tag-changed", ("GET /payments",), old="items", new="payments")]
    sdk = _sdk("client.payments", "sdk-resource-added")
    assert link([sdk], wire, _surfaces())[0].caused_by == ("W1",)


def test_every_sdk_finding_of_a_generated_pair_names_its_wire_cause(tmp_path: Path) -> None:
    base, head = items_pair.write(tmp_path)
    report = compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path), sdk=True)
    assert report.sdk is not None
    unlinked = [(f.rule, f.subject) for f in report.sdk if not f.caused_by]
    assert unlinked == []
    rules = {f.rule for f in report.sdk}
    assert {
        "sdk-attribute-type-changed", "sdk-method-renamed", "sdk-model-renamed",
        "sdk-parameter-renamed", "sdk-parameter-removed", "sdk-resource-added",
    } <= rules  # fmt: skip
    assert "sdk-method-removed" not in rules  # list_all pairs with its renamed twin
