"""The bugs of issue 8, planted in a copy of the sandbox's own code (the mutation harness's
mutants), are each caught by at least two named checks; so is a cross-tenant leak. A run
against the unmodified sandbox, with two keys, passes its isolation checks (the quick run of
``make test`` shows that: its tenants layer creates the second key)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tools.mutation.harness import Outcome, run_mutant
from tools.mutation.mutants import MUTANTS

pytestmark = pytest.mark.slow
SEED = 20261201

#: mutant -> the checks that can name it; at least two must, in one run
PLANTED: dict[str, set[str]] = {
    "refund-limit-off-by-one": {
        "larkpay_refund_boundary",
        "larkpay_payment_invariants",
        "larkpay_model_refunds",
    },
    "events-oldest-first": {
        "larkpay_list_order",
        "larkpay_paging_every_list",
        "larkpay_event_sequence",
        "larkpay_model_events",
        "larkpay_model_listing",
    },
    "refund-event-data-differs": {
        "larkpay_event_objects",
        "larkpay_model_events",
        "larkpay_webhook_event_data",
    },
}
#: cross-tenant leaks -> the isolation checks, one of which at least must name it
LEAKS: dict[str, set[str]] = {
    "get-payment-tenant-leak": {"larkpay_tenant_isolation", "larkpay_model_tenants"},
    "idempotency-tenant-leak": {"larkpay_tenant_idempotency", "larkpay_model_tenants"},
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    chosen = [m for m in MUTANTS if m.id in PLANTED or m.id in LEAKS]
    with ThreadPoolExecutor(2) as pool:
        return {
            o.mutant: o
            for o in pool.map(lambda m: run_mutant(m, SEED, first_failure=False), chosen)
        }


@pytest.mark.parametrize("mutant", sorted(PLANTED))
def test_planted_bug_is_named_by_at_least_two_checks(
    outcomes: dict[str, Outcome], mutant: str
) -> None:
    outcome = outcomes[mutant]
    assert outcome.exit_code == 1, f"{mutant}: exit {outcome.exit_code} (1 = a check failed)"
    named = set(outcome.checks) & PLANTED[mutant]
    assert len(named) >= 2, f"{mutant}: named only by {named or 'nothing'}; all: {outcome.checks}"


@pytest.mark.parametrize("mutant", sorted(LEAKS))
def test_planted_cross_tenant_leak_fails_the_isolation_checks(
    outcomes: dict[str, Outcome], mutant: str
) -> None:
    outcome = outcomes[mutant]
    assert outcome.exit_code == 1, f"{mutant}: exit {outcome.exit_code}"
    assert set(outcome.checks) & LEAKS[mutant], f"{mutant}: failing checks {outcome.checks}"
