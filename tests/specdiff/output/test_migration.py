"""larkpay_specdiff.output.migration: the seed's Migration Guide section, filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.output.migration import render_migration_guide
from larkpay_specdiff.report import compare, load_spec

from tests.specdiff.pairs import write_pair


def test_guide_lists_breaking_changes_steps_and_before_after_code(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path, head_version="2.0.0")
    report = compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path), sdk=True)
    guide = render_migration_guide(report)
    assert "### From v1.0.0 to v2.0.0" in guide
    assert "Breaking changes:\n- `Item.id` is now `str | Unset`\n" in guide
    assert 'Migration steps:\n1. Update the SDK: `pip install --upgrade "larkpay>=2,<3"`.' in guide
    assert "```python before\nitem = client.items.get(item_id)\nid = item.id\n```" in guide
    assert "id = None if isinstance(item.id, Unset) else item.id" in guide


def test_guide_without_breaking_changes_says_no_code_changes(tmp_path: Path) -> None:
    base, _ = write_pair(tmp_path)
    report = compare(load_spec(base, cwd=tmp_path), load_spec(base, cwd=tmp_path), sdk=True)
    guide = render_migration_guide(report)
    assert "Breaking changes: none." in guide
    assert "2. No code changes are needed." in guide


def test_guide_needs_the_sdk_diff(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path)
    report = compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))
    with pytest.raises(ValueError, match="needs the SDK-surface diff"):
        render_migration_guide(report)


def test_guide_reads_a_changed_attribute_through_a_get_not_a_mutating_call(
    tmp_path: Path,
) -> None:
    write_pair(tmp_path, head_version="2.0.0")
    make = (
        "  /fresh-items:\n    post:\n      operationId: makeItem\n      tags: [items]\n"
        "      responses:\n        '201':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: '#/components/schemas/Item'}\n"
    )
    for name in ("base.yaml", "head.yaml"):
        text = (tmp_path / name).read_text()
        (tmp_path / name).write_text(text.replace("paths:\n", "paths:\n" + make, 1))
    base, head = (load_spec(name, cwd=tmp_path) for name in ("base.yaml", "head.yaml"))
    guide = render_migration_guide(compare(base, head, sdk=True))
    assert "```python before\nitem = client.items.get(item_id)\nid = item.id\n```" in guide
    assert "client.items.make(" not in guide
