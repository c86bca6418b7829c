"""Run profiles: how many cases each layer generates.

``quick`` fits ``make test`` (under 60 s end to end); ``full`` is the release gate (at least
5,000 cases in all).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import hypothesis


@dataclass(frozen=True)
class Profile:
    """Case budgets per layer."""

    name: str
    #: hypothesis examples per operation in the schema layer's fuzzing phase
    schema_examples: int
    #: whether the schema layer also runs schemathesis' coverage phase (boundary values)
    schema_coverage: bool
    #: state machine runs and steps per run in the stateful (links) layer
    stateful_examples: int
    stateful_steps: int
    #: hypothesis runs and steps per run of the business-rule state machine
    workflow_examples: int
    workflow_steps: int
    #: objects created before and during the concurrent-paging property
    paging_objects: int
    #: whether a failing example is shrunk to a minimal one (slower, clearer reports)
    shrink: bool


PROFILES: dict[str, Profile] = {
    "quick": Profile(
        name="quick",
        schema_examples=8,
        schema_coverage=False,
        stateful_examples=9,
        stateful_steps=10,
        workflow_examples=8,
        workflow_steps=15,
        paging_objects=12,
        shrink=False,
    ),
    "full": Profile(
        name="full",
        schema_examples=120,
        schema_coverage=True,
        stateful_examples=30,
        stateful_steps=20,
        workflow_examples=150,
        workflow_steps=30,
        paging_objects=60,
        shrink=True,
    ),
}


def get_profile(name: str) -> Profile:
    """The named profile; a clear error lists the choices."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; choose one of {sorted(PROFILES)}") from None


def hypothesis_phases(shrink: bool) -> tuple[hypothesis.Phase, ...]:
    """Hypothesis phases for a profile: shrinking only when the profile asks for it."""
    import hypothesis  # here: `larkpay conformance` starts the sandbox before heavy imports

    phases = (hypothesis.Phase.explicit, hypothesis.Phase.generate, hypothesis.Phase.target)
    return (*phases, hypothesis.Phase.shrink) if shrink else phases


#: most shards a state-machine layer is split in (so at most this many workers share it)
MAX_SHARDS = 8
#: fewest runs per shard: hypothesis' first run of a test is its simplest example (nearly no
#: steps), so a shard of one run explores nothing
MIN_RUNS_PER_SHARD = 2


def shard_count(runs: int) -> int:
    """How many shards a state-machine layer of ``runs`` runs is split in: as many as allow
    at least :data:`MIN_RUNS_PER_SHARD` runs each, at most :data:`MAX_SHARDS`."""
    return max(1, min(MAX_SHARDS, runs // MIN_RUNS_PER_SHARD))


def shard_runs(runs: int, shards: int, shard: int) -> int:
    """The runs of one shard: ``runs`` split as evenly as it goes (the first shards take the
    remainder), so the layer makes exactly the profile's runs."""
    return runs // shards + (1 if shard < runs % shards else 0)


def shard_seed(seed: int, shard: int) -> int:
    """The seed of one shard of a layer: shards of one run explore different examples, and the
    same run seed gives each shard the same examples whatever the number of workers."""
    return seed * 1000 + shard
