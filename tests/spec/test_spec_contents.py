"""openapi.yaml holds everything the design brief (shared/design/api.md) lists."""

from __future__ import annotations

import re
from typing import Any

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
#: The operations api.md's "Additions for this round" names without a table row.
ROUND_ADDITIONS = {"getClock", "advanceClock", "replayWebhookEndpoint"}
REQUIRED_TAGS = {"payments", "refunds", "webhook_endpoints", "events", "sandbox", "service"}


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        op["operationId"]: op
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def _brief_operation_ids(brief: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z]+[A-Z][A-Za-z]+)` \|", brief, flags=re.M))


def _brief_error_codes(brief: str) -> dict[str, int]:
    return {
        code: int(status)
        for code, status in re.findall(r"^\| `([A-Z_]+)` \| (\d{3}) \|", brief, flags=re.M)
    }


def _brief_scenarios(brief: str) -> set[str]:
    return set(re.findall(r"^\| `(test_[a-z_]+)` \|", brief, flags=re.M))


def test_brief_parsing_finds_every_listed_item(design_brief: str) -> None:
    assert len(_brief_operation_ids(design_brief)) == 20
    assert len(_brief_error_codes(design_brief)) == 13
    assert len(_brief_scenarios(design_brief)) == 8


def test_spec_defines_every_operation_id_of_the_brief(
    spec: dict[str, Any], design_brief: str
) -> None:
    assert _brief_operation_ids(design_brief) | ROUND_ADDITIONS == set(_operations(spec))


def test_spec_tags_every_operation_with_a_declared_tag(spec: dict[str, Any]) -> None:
    declared = {tag["name"] for tag in spec["tags"]}
    assert declared == REQUIRED_TAGS
    for operation_id, op in _operations(spec).items():
        assert len(op["tags"]) == 1, operation_id
        assert op["tags"][0] in declared, operation_id


def test_spec_error_codes_match_the_brief_table(spec: dict[str, Any], design_brief: str) -> None:
    codes = _brief_error_codes(design_brief)
    error_code = spec["components"]["schemas"]["ErrorCode"]
    assert set(error_code["enum"]) == set(codes)
    for code, status in codes.items():
        assert re.search(rf"\| `{code}` \| {status}\b", error_code["description"]), code


def test_spec_source_description_lists_every_scenario(
    spec: dict[str, Any], design_brief: str
) -> None:
    source = spec["components"]["schemas"]["CreatePaymentRequest"]["properties"]["source"]
    for scenario in _brief_scenarios(design_brief):
        assert f"`{scenario}`" in source["description"], scenario


def test_spec_operations_document_auth_validation_and_server_errors(spec: dict[str, Any]) -> None:
    for operation_id, op in _operations(spec).items():
        statuses = set(op["responses"])
        assert {"500", "503"} <= statuses, operation_id
        if operation_id != "getHealth":
            assert {"400", "401", "429"} <= statuses, operation_id
        if any(p.get("$ref", "").endswith("Id") for p in op.get("parameters", [])) or "{" in str(
            op.get("summary", "")
        ):
            assert "404" in statuses, operation_id


def test_spec_health_is_the_only_anonymous_operation(spec: dict[str, Any]) -> None:
    anonymous = {oid for oid, op in _operations(spec).items() if op.get("security") == []}
    assert anonymous == {"getHealth"}
    assert spec["security"] == [{"basicAuth": []}]


def test_spec_request_bodies_forbid_unknown_fields(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for operation_id, op in _operations(spec).items():
        if "requestBody" not in op:
            continue
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        body = schemas[ref.rsplit("/", 1)[1]]
        assert body["additionalProperties"] is False, operation_id


def test_spec_posts_and_patches_take_an_idempotency_key(spec: dict[str, Any]) -> None:
    for item in spec["paths"].values():
        for method in ("post", "patch"):
            if method in item:
                refs = [p.get("$ref") for p in item[method].get("parameters", [])]
                assert "#/components/parameters/IdempotencyKey" in refs, item[method]["operationId"]


def test_spec_links_lead_from_creates_to_the_operations_taking_their_id(
    spec: dict[str, Any],
) -> None:
    def link_targets(response: dict[str, Any]) -> set[str]:
        if "$ref" in response:
            response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        return {link["operationId"] for link in response.get("links", {}).values()}

    ops = _operations(spec)
    assert {"getPayment", "updatePayment", "cancelPayment", "createRefund", "listRefunds"} <= (
        link_targets(ops["createPayment"]["responses"]["201"])
    )
    assert "getRefund" in link_targets(ops["createRefund"]["responses"]["201"])
    endpoint_ops = {"getWebhookEndpoint", "updateWebhookEndpoint", "deleteWebhookEndpoint"}
    created_endpoint = link_targets(ops["createWebhookEndpoint"]["responses"]["201"])
    assert endpoint_ops | {"rotateWebhookSecret"} <= created_endpoint
    event_ops = {"listEventDeliveries", "redeliverEvent"}
    assert event_ops <= link_targets(ops["getEvent"]["responses"]["200"])
    assert "getPayment" in link_targets(ops["updatePayment"]["responses"]["200"])


def test_spec_webhooks_reference_event_schemas_under_components(spec: dict[str, Any]) -> None:
    expected = {
        "payment.created",
        "payment.updated",
        "refund.created",
        "refund.updated",
        "webhook_endpoint.disabled",
    }
    assert set(spec["webhooks"]) == expected
    for name, item in spec["webhooks"].items():
        schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
        component = schema["$ref"].rsplit("/", 1)[1]
        assert spec["components"]["schemas"][component]["properties"]["event"]["const"] == name
        headers = {p["$ref"].rsplit("/", 1)[1] for p in item["post"]["parameters"]}
        assert headers == {"WebhookId", "WebhookTimestamp", "WebhookSignature"}
