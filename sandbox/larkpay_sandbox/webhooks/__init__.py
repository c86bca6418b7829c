"""The parts of one webhook delivery: signing, the retry schedule, the egress rule, the sender."""
