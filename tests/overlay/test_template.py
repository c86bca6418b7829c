"""templates/api_init.py.jinja: an operation added to the spec becomes a typed client method, an
event added to the spec's event union gets its reader, and the order of the component schemas
makes no difference.

Generates from copies of openapi.yaml into temporary folders and inspects what comes out.
"""

from __future__ import annotations

import ast
import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from larkpay_specdiff.sdk.compare import compare_surfaces
from larkpay_specdiff.sdk.surface import load_surface

ROOT = Path(__file__).resolve().parents[2]


def _methods(
    tree: ast.Module, class_name: str
) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            return {
                item.name: item
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            }
    raise AssertionError(f"no class {class_name}")


def _generate(spec: dict[str, Any], work: Path) -> Path:
    """The package generated from ``spec`` with the project's templates, in ``work``."""
    (work / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    shutil.copy(ROOT / "generated" / "ruff.toml", work / "ruff.toml")
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(work / "openapi.yaml"),
         "--config", str(ROOT / "generator.yaml"), "--meta", "none",
         "--output-path", str(work / "larkpay_api"),
         "--custom-template-path", str(ROOT / "templates")],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "larkpay_api"


def _with_dispute_event(spec: dict[str, Any]) -> None:
    """A new event type: its schema, and a member of the Event union."""
    schemas = spec["components"]["schemas"]
    dispute = copy.deepcopy(schemas["PaymentCreatedEvent"])
    dispute["properties"]["event"] = {"type": "string", "const": "dispute.created"}
    schemas["DisputeCreatedEvent"] = dispute
    schemas["Event"]["oneOf"].append({"$ref": "#/components/schemas/DisputeCreatedEvent"})


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ast.Module:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    cancel = spec["paths"]["/payments/{payment_id}/cancel"]
    capture = copy.deepcopy(cancel)
    capture["post"]["operationId"] = "capturePayment"
    capture["post"]["summary"] = "Capture a payment"
    spec["paths"]["/payments/{payment_id}/capture"] = capture
    disputes = copy.deepcopy(spec["paths"]["/payments"]["get"])
    disputes["operationId"] = "listDisputes"
    disputes["tags"] = ["disputes"]
    spec["paths"]["/disputes"] = {"get": disputes}
    spec["tags"] = [*spec.get("tags", []), {"name": "disputes", "description": "Disputes"}]
    _with_dispute_event(spec)
    package = _generate(spec, tmp_path_factory.mktemp("generate"))
    return ast.parse((package / "api" / "__init__.py").read_text())


def test_new_operation_in_existing_tag_becomes_a_method_on_both_resources(
    generated: ast.Module,
) -> None:
    sync = _methods(generated, "PaymentsResource")
    asynchronous = _methods(generated, "PaymentsAsyncResource")
    assert isinstance(sync["capture"], ast.FunctionDef)
    assert isinstance(asynchronous["capture"], ast.AsyncFunctionDef)
    assert ast.unparse(sync["capture"].returns) == "Payment"  # type: ignore[arg-type]
    arguments = [a.arg for a in sync["capture"].args.args + sync["capture"].args.kwonlyargs]
    assert arguments == ["self", "payment_id", "idempotency_key"]


def test_new_tag_becomes_a_resource_with_lazy_pagination(generated: ast.Module) -> None:
    disputes = _methods(generated, "DisputesResource")
    assert set(disputes) == {"__init__", "__repr__", "with_raw_response", "list", "list_all"}
    raw = _methods(generated, "DisputesRawResource")
    assert set(raw) == {"__init__", "__repr__", "list"}
    assert ast.unparse(raw["list"].returns) == "RawResponse[PaymentListEnvelope]"  # type: ignore[arg-type]
    assert isinstance(_methods(generated, "DisputesAsyncRawResource")["list"], ast.AsyncFunctionDef)
    assert ast.unparse(disputes["list_all"].returns) == "Iterator[Payment]"  # type: ignore[arg-type]
    init = ast.unparse(_methods(generated, "Resources")["__init__"])
    assert "self.disputes = DisputesResource(runtime)" in init
    assert "DisputesAsyncResource" in ast.unparse(_methods(generated, "AsyncResources")["__init__"])


def test_committed_generated_client_has_the_same_resources_as_the_template_output(
    generated: ast.Module,
) -> None:
    committed = ast.parse((ROOT / "generated/larkpay_api/api/__init__.py").read_text())
    for name in ("PaymentsResource", "RefundsResource", "EventsAsyncResource",
                 "PaymentsRawResource", "EventsAsyncRawResource"):  # fmt: skip
        extra = {"capture"} if name.startswith("PaymentsR") else set()
        assert set(_methods(committed, name)) | extra == set(_methods(generated, name))


def _assigned(tree: ast.Module, name: str) -> ast.expr:
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == name:
            assert node.value is not None
            return node.value
    raise AssertionError(f"no {name} = ...")


def test_an_event_added_to_the_event_union_gets_its_reader_and_joins_event(
    generated: ast.Module,
) -> None:
    readers = _assigned(generated, "EVENT_READERS")
    assert isinstance(readers, ast.Dict)
    pairs = {
        ast.literal_eval(key): ast.unparse(value)  # type: ignore[arg-type]
        for key, value in zip(readers.keys, readers.values, strict=True)
    }
    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    spec_types = {
        schemas[member["$ref"].rsplit("/", 1)[1]]["properties"]["event"]["const"]
        for member in schemas["Event"]["oneOf"]
    }
    assert set(pairs) == spec_types | {"dispute.created"}
    assert pairs["dispute.created"] == "read_dispute_created_event"
    assert pairs["payment.created"] == "read_payment_created_event"
    assert ast.unparse(_assigned(generated, "Event")).endswith("| DisputeCreatedEvent")


def test_component_schema_order_does_not_change_the_sdk_surface(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    spec["components"]["schemas"] = dict(reversed(list(schemas.items())))
    reversed_package = _generate(spec, tmp_path_factory.mktemp("reversed"))
    committed = load_surface(ROOT / "generated" / "larkpay_api")
    reordered = load_surface(reversed_package)
    assert compare_surfaces(committed, reordered) == []
    create = reordered.methods["payments.create"].params["metadata"]
    assert create.annotation == "Metadata | Mapping[str, Any] | Unset"
