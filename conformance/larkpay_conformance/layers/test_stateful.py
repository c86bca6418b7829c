"""Layer 2: schemathesis' state machine over the spec's explicit links (inference off), in
shards that workers run side by side (each with its own seed derived from the run's)."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.run.profiles import (
    hypothesis_phases,
    shard_count,
    shard_runs,
    shard_seed,
)
from larkpay_conformance.run.suite import Suite, current
from larkpay_conformance.schema.schema_runner import SchemaRunner

SHARDS = shard_count(current().options.profile.stateful_examples)


@pytest.mark.parametrize("shard", range(SHARDS), ids=[f"shard-{n}" for n in range(SHARDS)])
def test_linked_operations_conform(
    api_schema: Any, suite: Suite, target: Target, shard: int
) -> None:
    runner = SchemaRunner(suite.recorder, target, layer="stateful")
    base = api_schema.as_state_machine()

    class LinkedOperations(base):  # type: ignore[misc, valid-type]
        endpoints: list[str]

        def setup(self) -> None:
            suite.recorder.example("stateful")
            self.endpoints = []

        def step(self, input: Any) -> Any:
            transition = getattr(input, "transition", None)
            runner.adapter.link = getattr(transition, "id", None)
            try:
                return super().step(input)
            finally:
                runner.adapter.link = None

        def before_call(self, case: Any) -> None:
            runner.prepare(case)

        def call(self, case: Any, **kwargs: Any) -> Any:
            response = runner.send(case)
            if case.path == "/webhook_endpoints" and response.status_code == 201:
                self.endpoints.append(response.json()["data"]["id"])
            return response

        def teardown(self) -> None:
            # Endpoints with fuzzed URLs would get a (failing) delivery of every later event.
            for endpoint_id in self.endpoints:
                runner.delete_endpoint(endpoint_id)

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            runner.validate(case, response, recorder=getattr(self, "recorder", None))

    profile = suite.options.profile
    machine = hypothesis.seed(shard_seed(suite.options.seed, shard))(LinkedOperations)
    machine.run(
        settings=hypothesis.settings(
            max_examples=shard_runs(profile.stateful_examples, SHARDS, shard),
            stateful_step_count=profile.stateful_steps,
            phases=hypothesis_phases(profile.shrink),
        )
    )
