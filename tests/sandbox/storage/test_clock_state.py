"""The clock's offset in the SQLite file: 0 until saved, then what was saved, across opens."""

from __future__ import annotations

from pathlib import Path

from larkpay_sandbox.storage.clock_state import load_offset, save_offset
from larkpay_sandbox.storage.database import Store


def test_offset_is_zero_until_saved_and_survives_reopening_the_file(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    store = Store(path)
    assert load_offset(store) == 0.0
    save_offset(store, 3600.5)
    save_offset(store, 7200.25)
    store.close()
    again = Store(path)
    assert load_offset(again) == 7200.25
    again.close()
