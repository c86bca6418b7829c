"""Print a short hash of pyproject.toml's dependency lists.

`make install` names its stamp after it, so it reruns only when the dependencies change.
"""

import hashlib
import json
import tomllib
from pathlib import Path

pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
project = tomllib.loads(pyproject.read_text())["project"]
lists = [project.get("dependencies", []), project.get("optional-dependencies", {})]
print(hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:16])
