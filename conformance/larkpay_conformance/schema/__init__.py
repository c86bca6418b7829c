"""The schemathesis side: the spec loaded for one target and profile, each case sent through a
recording ``requests`` session and checked, the suite's checks as schemathesis checks."""
