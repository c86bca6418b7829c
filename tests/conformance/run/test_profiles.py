"""Profiles and shards: a state-machine layer is split in up to 8 shards of at least 2 runs each
(a run's first example is hypothesis' simplest), and the shards make exactly the profile's runs."""

from __future__ import annotations

import pytest
from larkpay_conformance.run.profiles import (
    MAX_SHARDS,
    PROFILES,
    shard_count,
    shard_runs,
    shard_seed,
)


@pytest.mark.parametrize(("runs", "shards"), [(1, 1), (3, 1), (8, 4), (9, 4), (30, 8), (150, 8)])
def test_shard_count_keeps_two_runs_per_shard_and_at_most_eight(runs: int, shards: int) -> None:
    assert shard_count(runs) == shards


@pytest.mark.parametrize("runs", [1, 8, 9, 30, 150])
def test_the_shards_make_exactly_the_profiles_runs_and_each_at_least_two(runs: int) -> None:
    shards = shard_count(runs)
    split = [shard_runs(runs, shards, shard) for shard in range(shards)]
    assert sum(split) == runs
    assert max(split) - min(split) <= 1
    assert runs < 2 or min(split) >= 2


def test_the_full_profile_uses_every_shard_and_shard_seeds_differ() -> None:
    full = PROFILES["full"]
    assert shard_count(full.workflow_examples) == shard_count(full.stateful_examples) == MAX_SHARDS
    assert len({shard_seed(7, shard) for shard in range(MAX_SHARDS)}) == MAX_SHARDS
