"""larkpay_specdiff.sdk.compare: each SDK rule on hand-made surfaces."""

from __future__ import annotations

import dataclasses

from larkpay_specdiff.findings import Severity
from larkpay_specdiff.sdk.annotations import relation, union
from larkpay_specdiff.sdk.compare import compare_surfaces
from larkpay_specdiff.sdk.surface import Attribute, Method, Model, Param, Surface


def _surface() -> Surface:
    get = Method(
        resource="items",
        name="get",
        endpoint="GET /items/{item_id}",
        params={"item_id": Param("item_id", "positional", "str", None, True)},
        returns="Item",
        file="larkpay_api/api/__init__.py",
        line=10,
    )
    create = Method(
        resource="items",
        name="create",
        endpoint="POST /items",
        params={
            "name": Param("name", "keyword", "str", None, True),
            "limit": Param("limit", "keyword", "int | Unset", "20", False),
        },
        returns="Item",
        file="larkpay_api/api/__init__.py",
        line=20,
    )
    item = Model(
        "Item",
        {"id": Attribute("id", "str", True, 5), "note": Attribute("note", "str | Unset", False, 6)},
        None,
        "larkpay_api/models/item.py",
        3,
    )
    request = Model(
        "CreateItemRequest",
        {"name": Attribute("name", "str", True, 5)},
        None,
        "larkpay_api/models/create_item_request.py",
        3,
    )
    kind = Model("Kind", {}, {"A": "a", "B": "b"}, "larkpay_api/models/kind.py", 3)
    create.params["body"] = Param("body", "keyword", "CreateItemRequest", None, True)
    return Surface(
        resources={"items": "ItemsResource"},
        methods={"items.get": get, "items.create": create},
        models={"Item": item, "CreateItemRequest": request, "Kind": kind},
    )


def _rules(base: Surface, head: Surface) -> list[str]:
    return sorted(f.rule for f in compare_surfaces(base, head))


def test_union_splits_top_level_bars_and_one_argument_generics() -> None:
    assert union("Mapping[str, A | B] | None") == frozenset({"Mapping[str, A | B]", "None"})
    assert union("list[A | B]") == frozenset({"list[A]", "list[B]"})


def test_identical_surfaces_give_no_finding() -> None:
    assert compare_surfaces(_surface(), _surface()) == []


def test_a_method_with_the_same_endpoint_under_another_name_is_renamed() -> None:
    head = _surface()
    head.methods["items.fetch"] = dataclasses.replace(head.methods.pop("items.get"), name="fetch")
    findings = compare_surfaces(_surface(), head)
    assert [f.rule for f in findings] == ["sdk-method-renamed"]
    assert findings[0].severity is Severity.BREAKING
    assert "client.items.fetch" in findings[0].message


def test_a_method_gone_from_every_endpoint_is_removed_and_a_new_one_added() -> None:
    head = _surface()
    head.methods["items.list"] = dataclasses.replace(
        head.methods.pop("items.get"), name="list", endpoint="GET /items"
    )
    assert _rules(_surface(), head) == ["sdk-method-added", "sdk-method-removed"]


def test_parameter_changes_are_reported_with_their_severity() -> None:
    head = _surface()
    create = head.methods["items.create"]
    create.params["limit"] = Param("limit", "keyword", "int | Unset", "50", False)
    create.params["tag"] = Param("tag", "keyword", "str", None, True)
    create.params["name"] = Param("name", "keyword", "int", None, True)
    del create.params["body"]
    assert _rules(_surface(), head) == [
        "sdk-parameter-added-required",
        "sdk-parameter-default-changed",
        "sdk-parameter-removed",
        "sdk-parameter-type-changed",
    ]


def test_a_wider_parameter_type_is_compatible() -> None:
    head = _surface()
    head.methods["items.create"].params["name"] = Param("name", "keyword", "str | None", None, True)
    assert _rules(_surface(), head) == ["sdk-parameter-type-widened"]


def test_a_positional_parameter_made_keyword_only_breaks() -> None:
    head = _surface()
    head.methods["items.get"].params["item_id"] = Param("item_id", "keyword", "str", None, True)
    assert _rules(_surface(), head) == ["sdk-parameter-kind-changed"]


def test_a_read_model_attribute_that_may_be_unset_breaks_readers() -> None:
    head = _surface()
    head.models["Item"].attributes["id"] = Attribute("id", "str | Unset", False, 5)
    findings = compare_surfaces(_surface(), head)
    assert [f.rule for f in findings] == ["sdk-attribute-type-changed"]
    assert "`str` → `str | Unset`; the model is read" in findings[0].message


def test_a_read_model_attribute_that_narrows_is_relaxed() -> None:
    head = _surface()
    head.models["Item"].attributes["note"] = Attribute("note", "str", True, 6)
    assert _rules(_surface(), head) == ["sdk-attribute-type-relaxed"]


def test_a_built_model_attribute_that_narrows_breaks_callers() -> None:
    head = _surface()
    head.models["CreateItemRequest"].attributes["name"] = Attribute("name", "int", True, 5)
    assert _rules(_surface(), head) == ["sdk-attribute-type-changed"]


def test_a_built_model_gaining_a_required_field_breaks_a_read_model_does_not() -> None:
    head = _surface()
    head.models["CreateItemRequest"].attributes["tag"] = Attribute("tag", "str", True, 6)
    head.models["Item"].attributes["tag"] = Attribute("tag", "str", True, 7)
    assert _rules(_surface(), head) == ["sdk-attribute-added", "sdk-attribute-added-required"]


def test_enum_members_removed_and_added() -> None:
    head = _surface()
    head.models["Kind"] = Model("Kind", {}, {"A": "a", "C": "c"}, "larkpay_api/models/kind.py", 3)
    assert _rules(_surface(), head) == ["sdk-enum-member-added", "sdk-enum-member-removed"]


def test_a_renamed_model_is_one_finding_not_one_per_annotation_mentioning_it() -> None:
    head = _surface()
    head.models["Thing"] = dataclasses.replace(head.models.pop("Item"), name="Thing")
    for key, method in head.methods.items():
        head.methods[key] = dataclasses.replace(method, returns="Thing")
    findings = compare_surfaces(_surface(), head)
    assert [f.rule for f in findings] == ["sdk-model-renamed"]
    assert "now `models.Thing`" in findings[0].message


def test_a_return_type_naming_another_model_is_a_change() -> None:
    head = _surface()
    head.methods["items.get"] = dataclasses.replace(head.methods["items.get"], returns="Kind")
    assert _rules(_surface(), head) == ["sdk-return-type-changed"]


def test_a_removed_resource_is_breaking() -> None:
    head = _surface()
    head.resources = {"things": "ThingsResource"}
    assert _rules(_surface(), head) == ["sdk-resource-added", "sdk-resource-removed"]


def test_relation_tells_absence_from_new_alternatives() -> None:
    assert relation("str", "str | Unset") == ("absence", frozenset({"Unset"}))
    assert relation("A | B", "A | B | C") == ("alternatives", frozenset({"C"}))
    assert relation("list[A | B]", "list[A | B | C]") == ("alternatives", frozenset({"list[C]"}))
    assert relation("A | None", "A") == ("narrower", frozenset())
    assert relation("A", "B") == ("changed", frozenset({"B"}))


def test_a_read_attribute_whose_union_grows_is_a_warning_not_a_break() -> None:
    head = _surface()
    head.models["Item"].attributes["id"] = Attribute("id", "str | int", True, 5)
    findings = compare_surfaces(_surface(), head)
    assert [(f.rule, f.severity) for f in findings] == [
        ("sdk-attribute-union-grew", Severity.WARNING)
    ]


def test_a_return_type_whose_union_grows_is_a_warning_and_names_what_it_gained() -> None:
    head = _surface()
    head.methods["items.get"] = dataclasses.replace(
        head.methods["items.get"], returns="Item | Kind"
    )
    [finding] = compare_surfaces(_surface(), head)
    assert finding.rule == "sdk-return-union-grew"
    assert finding.detail("added") == "Kind"


def test_a_positional_argument_renamed_in_place_is_one_renamed_finding() -> None:
    def get(name: str) -> Method:
        params = {name: Param(name, "positional", "str", None, True)}
        return Method("items", "get", "GET /items/{id}", params, "Item", "f.py", 1)

    findings = compare_surfaces(
        Surface(methods={"items.get": get("id")}), Surface(methods={"items.get": get("item_id")})
    )
    assert [(f.rule, f.subject) for f in findings] == [
        ("sdk-parameter-renamed", "client.items.get(id=)")
    ]
