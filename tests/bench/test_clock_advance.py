"""bench.clock_advance, small: a 7-day advance over 50 pending payments and a failing endpoint
settles each payment once and makes each due attempt once, counted in the SQLite file and at
the endpoint. (The 1,000-payment figure is the benchmark's, in bench/RESULTS.md.)"""

from __future__ import annotations

from datetime import datetime, timedelta

from bench.clock_advance import ATTEMPTS_PER_EVENT, _on_schedule, run_round


def test_a_seven_day_advance_settles_each_payment_once_and_makes_each_attempt_once() -> None:
    done = run_round(payments=50)
    assert done.settled_once
    assert done.attempts_exact
    assert done.on_schedule
    assert done.attempts == done.received == 2 * 50 * ATTEMPTS_PER_EVENT
    assert done.reported["settlement"] == 50
    assert done.exact


def test_on_schedule_wants_each_retry_its_delay_after_the_one_before() -> None:
    exact = ["2027-01-15T08:00:00.000000Z"]
    for gap in (5, 30, 120, 600, 3600, 21600):
        exact.append(_later(exact[-1], gap))
    assert _on_schedule(exact)
    late = [*exact[:-1], _later(exact[-2], 21602)]
    assert not _on_schedule(late)
    assert not _on_schedule(exact[:3])


def _later(stamp: str, seconds: float) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
