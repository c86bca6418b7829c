"""Ids: objects get a prefix and 24 base62 characters that sort by creation; requests a cheaper
``req_`` id.

An object id is 10 characters of creation time then 14 random ones. Each SQLite index on an id
then receives new ids at its end, so a write touches the same few index pages as the writes
before it instead of a random page per id: fewer pages go into each commit and the page cache
holds the ones that are written.
"""

from __future__ import annotations

import binascii
import os
import time

LENGTH = 24
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
"""The base62 digits in ASCII order, so that ids compare like the numbers they encode."""
_RANDOM_LENGTH = 14
_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]  # 62**2 = 3844 two-digit strings
_PAIR = len(_PAIRS)


def _base62(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 62)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


class _TimeDigits:
    """10 base62 digits of a microsecond count that only grows (6 for the second, 4 for the
    microsecond within it): the wall clock, or one past the previous count if the clock stepped
    back or two ids fell in the same microsecond."""

    def __init__(self) -> None:
        self._last_micros = 0
        self._second = -1
        self._second_text = ""

    def next(self) -> str:
        micros = max(time.time_ns() // 1000, self._last_micros + 1)
        self._last_micros = micros
        second, micro = divmod(micros, 1_000_000)
        if second != self._second:
            self._second, self._second_text = second, _base62(second, 6)
        high, low = divmod(micro, _PAIR)
        return self._second_text + _PAIRS[high] + _PAIRS[low]


_time_digits = _TimeDigits()


def new_id(prefix: str) -> str:
    """An id like ``pay_`` + 24 base62 characters: 10 of creation time (so that ids created later
    sort later) and 14 random ones (about 83 bits)."""
    while True:
        # Dropping + and / from uniform base64 leaves uniform base62 characters; 20 characters
        # leave fewer than 14 only with a negligible chance, and then the loop draws again.
        text = binascii.b2a_base64(os.urandom(15), newline=False).translate(None, b"+/")
        if len(text) >= _RANDOM_LENGTH:
            return prefix + _time_digits.next() + text[:_RANDOM_LENGTH].decode("ascii")


def new_request_id() -> str:
    """A fresh ``req_`` id: 20 hex digits (80 random bits).

    Every request gets one, so it takes the cheapest form the spec's ``^req_[A-Za-z0-9]+$``
    allows; it only has to tell requests apart, not be an object id.
    """
    return "req_" + os.urandom(10).hex()
