"""Make larkpay_conformance importable before it is installed as a package."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("larkpay_conformance") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance"))
