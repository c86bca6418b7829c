"""Run the schema layer in a second pytest process beside the other layers.

The client side of the suite is CPU-bound on one core; the schema layer (the largest) runs in a
companion process against the same embedded sandbox, and its cases, failures and JUnit test
cases are merged into the main run's summary, report and JUnit file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from larkpay_conformance.stats import FailureRecord, Recorder
from larkpay_conformance.target import Target

SCHEMA_FILE = "test_schema.py"
_JUNIT_COUNTS = ("tests", "failures", "errors", "skipped")


def companion_command(
    suite_dir: Path, target: Target, *, profile: str, seed: int, workdir: Path
) -> list[str]:
    """The pytest command line of the schema-layer process."""
    return [
        sys.executable,
        "-m",
        "pytest",
        str(suite_dir / SCHEMA_FILE),
        "--profile",
        profile,
        "--seed",
        str(seed),
        "--base-url",
        target.base_url,
        "--rerun-embedded",
        "--report-dir",
        str(workdir),
        f"--junitxml={workdir / 'junit.xml'}",
        "-o",
        "junit_suite_name=larkpay-conformance",
        "-p",
        "no:cacheprovider",
        "--assert=plain",
        "-q",
    ]


class SchemaCompanion:
    """The schema layer running in its own process; :meth:`finish` waits and merges it."""

    def __init__(
        self, suite_dir: Path, target: Target, *, profile: str, seed: int, workdir: Path
    ) -> None:
        self.workdir = workdir
        env = {
            **os.environ,
            "LARKPAY_API_KEY": target.api_key,
            "LARKPAY_API_SECRET": target.api_secret,
        }
        env.pop("LARKPAY_BASE_URL", None)
        command = companion_command(suite_dir, target, profile=profile, seed=seed, workdir=workdir)
        with (workdir / "output.txt").open("wb") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, env=env
            )
        self.returncode: int | None = None

    def finish(self, recorder: Recorder) -> int:
        """Wait for the process, add its cases and failures to ``recorder``; its exit code."""
        if self.returncode is not None:
            return self.returncode
        self.returncode = self.process.wait()
        summary_path = self.workdir / "conformance-summary.json"
        if summary_path.is_file():
            merge_summary(recorder, json.loads(summary_path.read_text(encoding="utf-8")))
        if self.returncode != 0 and not summary_path.is_file():
            output = (self.workdir / "output.txt").read_text(encoding="utf-8", errors="replace")
            recorder.failure(
                FailureRecord(
                    layer="schema",
                    operation="(schema process)",
                    check="schema_layer_process",
                    message=f"the schema layer exited with {self.returncode}:\n{output[-3000:]}",
                )
            )
        return self.returncode

    def stop(self) -> None:
        """Stop the process if it is still running (the main run was interrupted)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def merge_summary(recorder: Recorder, summary: dict[str, Any]) -> None:
    """Add the cases, failures and layer time of another process's summary to ``recorder``."""
    for row in summary["operations"]:
        recorder.case(row["layer"], row["operation"], row["cases"])
    for failure in summary["failures"]:
        recorder.failure(FailureRecord(**failure))
    for layer, row in summary["layers"].items():
        if row["seconds"]:
            recorder.add_time(layer, float(row["seconds"]))


def merge_junit(into: Path, extra: Path) -> None:
    """Append the test cases of JUnit file ``extra`` to the first test suite of ``into``."""
    if not extra.is_file():
        return
    if not into.is_file():
        into.write_bytes(extra.read_bytes())
        return
    tree = ET.parse(into)
    target_suite = _first_suite(tree.getroot())
    for suite in _suites(ET.parse(extra).getroot()):
        for case in suite.findall("testcase"):
            target_suite.append(case)
        # "time" stays the main run's: the two processes ran at the same time.
        for name in _JUNIT_COUNTS:
            total = int(target_suite.get(name, "0")) + int(suite.get(name, "0"))
            target_suite.set(name, str(total))
    tree.write(into, encoding="utf-8", xml_declaration=True)


def _suites(root: ET.Element) -> list[ET.Element]:
    return [root] if root.tag == "testsuite" else root.findall("testsuite")


def _first_suite(root: ET.Element) -> ET.Element:
    return _suites(root)[0]
