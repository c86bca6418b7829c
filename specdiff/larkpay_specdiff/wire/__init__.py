"""The wire diff: what changed in the HTTP contract, rule by rule, direction-aware."""
