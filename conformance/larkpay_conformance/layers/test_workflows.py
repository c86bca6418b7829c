"""Layer 3: business properties through a rule-based state machine with a model beside it."""

from __future__ import annotations

from collections.abc import Iterator

import hypothesis
import pytest
from hypothesis.stateful import run_state_machine_as_test

from larkpay_conformance.api import Api
from larkpay_conformance.paging import check_paging_while_creating
from larkpay_conformance.profiles import hypothesis_phases
from larkpay_conformance.suite import Suite
from larkpay_conformance.target import Target
from larkpay_conformance.workflow_machine import build_machine


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "workflows")
    yield client
    client.close()


def test_payment_and_refund_rules_hold(api: Api, target: Target, suite: Suite) -> None:
    profile = suite.options.profile
    machine = build_machine(api, sandbox_ops=target.is_sandbox)
    run_state_machine_as_test(
        machine,
        settings=hypothesis.settings(
            max_examples=profile.workflow_examples,
            stateful_step_count=profile.workflow_steps,
            phases=hypothesis_phases(profile.shrink),
        ),
    )


def test_paging_returns_each_payment_once_while_new_ones_arrive(api: Api, suite: Suite) -> None:
    objects = suite.options.profile.paging_objects
    pages = check_paging_while_creating(api, objects, page_size=max(3, objects // 6))
    assert pages >= 2, "paging must span several pages to test the cursor"
