"""Layer 3: business properties through a rule-based state machine with a model beside it, in
shards that workers run side by side (each with its own seed derived from the run's)."""

from __future__ import annotations

from collections.abc import Iterator

import hypothesis
import pytest
from hypothesis.stateful import run_state_machine_as_test

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.model.machine_base import MachineContext
from larkpay_conformance.model.workflow_machine import build_machine
from larkpay_conformance.run.profiles import (
    hypothesis_phases,
    shard_count,
    shard_runs,
    shard_seed,
)
from larkpay_conformance.run.suite import Suite, current
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.spec.spec_facts import path_allows
from larkpay_conformance.steps.paging import check_paging_while_creating

SHARDS = shard_count(current().options.profile.workflow_examples)


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "workflows")
    yield client
    client.close()


@pytest.mark.parametrize("shard", range(SHARDS), ids=[f"shard-{n}" for n in range(SHARDS)])
def test_payment_and_refund_rules_hold(api: Api, target: Target, suite: Suite, shard: int) -> None:
    profile = suite.options.profile
    context = MachineContext(
        target=target,
        recorder=suite.recorder,
        shared=api,
        sandbox_ops=target.is_sandbox,
        allows=path_allows(suite.schema.raw_schema),
    )
    machine = build_machine(context)

    class CountedWorkflows(machine):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            suite.recorder.example("workflows")

    run_state_machine_as_test(
        hypothesis.seed(shard_seed(suite.options.seed, shard))(CountedWorkflows),
        settings=hypothesis.settings(
            max_examples=shard_runs(profile.workflow_examples, SHARDS, shard),
            stateful_step_count=profile.workflow_steps,
            phases=hypothesis_phases(profile.shrink),
        ),
    )


def test_paging_returns_each_payment_once_while_new_ones_arrive(api: Api, suite: Suite) -> None:
    objects = suite.options.profile.paging_objects
    check_paging_while_creating(api, objects, page_size=max(3, objects // 6))
