"""Seconds since this process started, as the user sees it: the clock starts when the command
was launched, before the interpreter, pytest, schemathesis or the sandbox were loaded."""

from __future__ import annotations

import os
import time

_IMPORTED = time.monotonic()


def _linux_process_age() -> float | None:
    """Age of this process from /proc (start time in clock ticks since boot)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # The command name (field 2) may hold spaces; the fields after ")" are fixed.
            fields = stat.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of proc(5): starttime
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        uptime = time.clock_gettime(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return max(uptime - started_ticks / ticks_per_second, 0.0)


def seconds_since_process_start() -> float:
    """Wall time since the process started (since this module was imported where /proc is
    missing, e.g. not on Linux)."""
    age = _linux_process_age()
    return age if age is not None else time.monotonic() - _IMPORTED
