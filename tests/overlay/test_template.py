"""templates/api_init.py.jinja: an operation added to the spec becomes a typed client method.

Generates from a copy of openapi.yaml with two new operations (one in an existing tag, one in
a new tag) into a temporary folder, and inspects the resource classes that come out.
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
    work = tmp_path_factory.mktemp("generate")
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
    return ast.parse((work / "larkpay_api" / "api" / "__init__.py").read_text())


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
    assert set(disputes) == {"__init__", "with_raw_response", "list", "list_all"}
    raw = _methods(generated, "DisputesRawResource")
    assert set(raw) == {"__init__", "list"}
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
