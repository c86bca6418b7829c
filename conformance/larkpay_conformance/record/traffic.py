"""What a run sent, request by request, in a form a coverage report can be computed from.

Every HTTP request the suite sends (test cases, replays, polls, the requests schemathesis' checks
make) is recorded by the transport that sends it as a :class:`RequestRecord`: layer, operation,
method, path template, status (0: no answer), error code, the event types in the answer, the
scenario ``source`` of a payment it created and the link followed to it (stateful layer). Equal
records are counted, so the record stays small on long runs and merges by adding counts.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from larkpay_conformance.spec.routes import UNMATCHED, Routes

#: status recorded for a request that got no answer (timeout, refused or reset connection)
NO_ANSWER = 0
_MAX_PARSED_BODY = 256 * 1024
_SCENARIO_SOURCE = re.compile(r"test_[a-z_]{1,40}")


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One kind of request and its answer (the traffic counts how many were sent)."""

    layer: str
    operation: str
    method: str
    path: str
    status: int
    error_code: str | None = None
    event_types: tuple[str, ...] = ()
    source: str | None = None
    link: str | None = None


class Traffic:
    """Thread-safe counts of :class:`RequestRecord`; routes name the operations."""

    def __init__(self, routes: Routes | None = None) -> None:
        self.routes = routes or Routes([])
        self.counts: Counter[RequestRecord] = Counter()
        self._lock = threading.Lock()

    def record(
        self,
        layer: str,
        method: str,
        url: str,
        status: int,
        *,
        request_body: bytes | None = None,
        response_body: bytes | None = None,
        link: str | None = None,
    ) -> RequestRecord:
        """Count one request (``status`` :data:`NO_ANSWER` if none came); returns its record."""
        operation, path = self.routes.match(method, url)
        answer = _json(response_body)
        record = RequestRecord(
            layer=layer,
            operation=operation,
            method=method.upper(),
            path=path,
            status=status,
            error_code=_error_code(answer),
            event_types=_event_types(answer),
            source=_source(_json(request_body)) if operation != UNMATCHED[0] else None,
            link=link,
        )
        with self._lock:
            self.counts[record] += 1
        return record

    def total(self, layer: str | None = None) -> int:
        """Requests sent in all, or by one layer."""
        return sum(n for r, n in self.counts.items() if layer is None or r.layer == layer)

    def by_operation(self) -> Counter[tuple[str, str]]:
        """Requests per (layer, operation)."""
        out: Counter[tuple[str, str]] = Counter()
        for record, count in self.counts.items():
            out[(record.layer, record.operation)] += count
        return out

    def rows(self) -> list[dict[str, Any]]:
        """JSON-ready rows: every field of the record plus ``count``, in a stable order."""
        rows = []
        for record, count in sorted(self.counts.items(), key=lambda item: _sort_key(item[0])):
            row = asdict(record)
            row["event_types"] = list(record.event_types)
            row["count"] = count
            rows.append(row)
        return rows

    def merge(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Add the rows of another process (see :meth:`rows`)."""
        names = [f.name for f in fields(RequestRecord)]
        with self._lock:
            for row in rows:
                values: dict[str, Any] = {name: row.get(name) for name in names}
                values["event_types"] = tuple(values["event_types"] or ())
                self.counts[RequestRecord(**values)] += int(row["count"])


def _sort_key(record: RequestRecord) -> tuple[str, ...]:
    return tuple(str(getattr(record, f.name)) for f in fields(RequestRecord))


def _json(body: bytes | None) -> Any:
    if not body or len(body) > _MAX_PARSED_BODY or body[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _error_code(answer: Any) -> str | None:
    error = answer.get("error") if isinstance(answer, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, str) else None


def _event_types(answer: Any) -> tuple[str, ...]:
    data = answer.get("data") if isinstance(answer, dict) else None
    items = data if isinstance(data, list) else [data]
    found = {
        item["event"]
        for item in items
        if isinstance(item, dict)
        and item.get("object") == "event"
        and isinstance(item.get("event"), str)
    }
    return tuple(sorted(found))


def _source(body: Any) -> str | None:
    source = body.get("source") if isinstance(body, dict) else None
    if not isinstance(source, str):
        return None
    # Scenario sources are test_*; any other string (fuzzed ones too) is an ordinary source.
    return source if _SCENARIO_SOURCE.fullmatch(source) else "(other)"
