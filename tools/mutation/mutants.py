"""The sandbox's mutants: small realistic bugs, declared as data.

Each replaces one exact piece of text (found exactly once in its file) in a copy of the sandbox
package; the conformance suite must then fail. ``area`` picks the layers run against it (see
``AREAS`` in :mod:`tools.mutation.harness`): the layers that drive the module's behaviour,
chosen by module before any mutant was run, never per mutant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """One bug: in ``file`` (relative to sandbox/larkpay_sandbox), ``find`` becomes ``replace``."""

    id: str
    file: str
    find: str
    replace: str
    description: str
    area: str


def _m(id: str, file: str, find: str, replace: str, description: str, area: str) -> Mutant:
    return Mutant(id, file, find, replace, description, area)


MUTANTS: tuple[Mutant, ...] = (
    # --- handlers: refunds ------------------------------------------------------------------
    _m(
        "refund-limit-off-by-one",
        "handlers/refunds.py",
        "    if amount > left:",
        "    if amount > left + 1:",
        "a refund may exceed what is left by exactly 1",
        "money",
    ),
    _m(
        "refund-overwrites-total",
        "handlers/refunds.py",
        'payment["amount_refunded"] = int(payment["amount_refunded"]) + amount',
        'payment["amount_refunded"] = amount',
        "amount_refunded becomes the last refund instead of the sum",
        "money",
    ),
    _m(
        "refund-of-pending",
        "handlers/refunds.py",
        '    if payment["status"] != "succeeded":',
        '    if payment["status"] in ("failed", "canceled"):',
        "a pending payment can be refunded",
        "money",
    ),
    _m(
        "refund-event-data-differs",
        "handlers/refunds.py",
        'services.outbox.emit_event(conn, ctx.api_key, "refund.created", refund, data)',
        'services.outbox.emit_event(conn, ctx.api_key, "refund.created", {**refund, "status": "pending"})',
        "refund.created carries a refund that differs from the one answered",
        "money",
    ),
    _m(
        "refund-list-all-of-key",
        "handlers/refunds.py",
        'list_reply(ctx, "SELECT seq, body FROM refunds WHERE payment_id=?", (payment["id"],))',
        'list_reply(ctx, "SELECT seq, body FROM refunds WHERE api_key=?", (ctx.api_key,))',
        "listRefunds lists every refund of the key, not the payment's",
        "money",
    ),
    _m(
        "refund-get-tenant-leak",
        "handlers/refunds.py",
        '"SELECT body FROM refunds WHERE id=? AND api_key=?", (refund_id, ctx.api_key)',
        '"SELECT body FROM refunds WHERE id=?", (refund_id,)',
        "getRefund finds another key's refund (tenant leak)",
        "money",
    ),
    # --- handlers: payments, rows, settlement, scenarios -----------------------------------
    _m(
        "cancel-of-succeeded",
        "handlers/payments.py",
        '    if payment["status"] != "pending":',
        '    if payment["status"] not in ("pending", "succeeded"):',
        "cancel and settle accept a succeeded payment",
        "money",
    ),
    _m(
        "update-keeps-updated-at",
        "handlers/payments.py",
        '    payment.update(changes)\n    payment["updated_at"] = services.clock.timestamp()\n',
        "    payment.update(changes)\n",
        "an update does not move updated_at",
        "money",
    ),
    _m(
        "update-merges-metadata",
        "handlers/payments.py",
        "    payment.update(changes)\n",
        '    payment.update({**changes, "metadata": {**payment["metadata"], '
        '**changes.get("metadata", {})}})\n',
        "PATCH merges metadata into the old map instead of replacing it",
        "money",
    ),
    _m(
        "get-payment-tenant-leak",
        "handlers/payments.py",
        '"SELECT body FROM payments WHERE id=? AND api_key=?",\n        (ctx.path_params["payment_id"], ctx.api_key),',
        '"SELECT body FROM payments WHERE id=?",\n        (ctx.path_params["payment_id"],),',
        "getPayment finds another key's payment (tenant leak)",
        "money",
    ),
    _m(
        "status-filter-ignored",
        "handlers/payments.py",
        'filters={"status": "status"}',
        "filters={}",
        "listPayments ignores the status filter",
        "listing",
    ),
    _m(
        "declined-answers-201",
        "handlers/payments.py",
        "    return Reply(402, declined.body(ctx.request_id))",
        "    return ok(data, 201)",
        "a declined payment is answered 201 instead of 402 PAYMENT_FAILED",
        "money",
    ),
    _m(
        "updated-event-pre-change",
        "handlers/payment_rows.py",
        '    conn.execute(\n        f"UPDATE payments SET status=?, body=?{clear} WHERE id=?",\n'
        '        (payment["status"], data.decode(), payment["id"]),\n    )\n'
        '    outbox.emit_event(conn, api_key, "payment.updated", payment, data)\n',
        '    before = conn.execute("SELECT body FROM payments WHERE id=?", (payment["id"],))'
        ".fetchone()[0]\n"
        '    conn.execute(\n        f"UPDATE payments SET status=?, body=?{clear} WHERE id=?",\n'
        '        (payment["status"], data.decode(), payment["id"]),\n    )\n'
        '    outbox.emit_event(conn, api_key, "payment.updated", payment, before.encode())\n',
        "payment.updated carries the payment as it was before the change",
        "money",
    ),
    _m(
        "settle-ignores-outcome",
        "handlers/settlement.py",
        '    payment["status"] = outcome',
        '    payment["status"] = "succeeded"',
        "settle always succeeds, whatever outcome was asked",
        "money",
    ),
    _m(
        "failed-without-code",
        "handlers/settlement.py",
        '    if outcome == "failed":',
        '    if outcome == "declined":',
        "a payment settled as failed has no failure_code",
        "money",
    ),
    _m(
        "insufficient-funds-code",
        "handlers/scenarios.py",
        '"test_insufficient_funds": Outcome("failed", failure_code="insufficient_funds")',
        '"test_insufficient_funds": Outcome("failed", failure_code="card_declined")',
        "test_insufficient_funds declines with card_declined",
        "money",
    ),
    _m(
        "pending-failure-succeeds",
        "handlers/scenarios.py",
        '"test_pending_failure": Outcome("pending", settles_to="failed")',
        '"test_pending_failure": Outcome("pending", settles_to="succeeded")',
        "test_pending_failure settles to succeeded",
        "money",
    ),
    # --- listing and paging ------------------------------------------------------------------
    _m(
        "cursor-repeats-last",
        "storage/paging.py",
        'sql += f" AND {key} < ?"',
        'sql += f" AND {key} <= ?"',
        "the next page starts with the last item again",
        "listing",
    ),
    _m(
        "cursor-skips-one",
        "storage/paging.py",
        "    return rows, encode_cursor(rows[-1][0])",
        "    return rows, encode_cursor(rows[-1][0] - 1)",
        "the cursor skips one object",
        "listing",
    ),
    _m(
        "has-more-off-by-one",
        "storage/paging.py",
        "    if len(rows) <= limit:",
        "    if len(rows) < limit:",
        "a page of exactly limit items says has_more with a cursor",
        "listing",
    ),
    _m(
        "page-size-capped",
        "handlers/listing.py",
        'limit=int(ctx.query.get("limit", DEFAULT_LIMIT)),',
        'limit=min(int(ctx.query.get("limit", DEFAULT_LIMIT)), 50),',
        "pages hold at most 50 items whatever limit asks",
        "listing",
    ),
    _m(
        "events-oldest-first",
        "handlers/events.py",
        'return list_reply(ctx, sql, (ctx.api_key,), filters={"event": "type"})',
        'return list_reply(ctx, sql.replace("seq,", "1000000000 - seq,"), (ctx.api_key,), '
        'filters={"event": "type"}, key="(1000000000 - seq)")',
        "listEvents answers oldest first",
        "listing",
    ),
    _m(
        "events-list-tenant-leak",
        "handlers/events.py",
        '    sql = "SELECT seq, body FROM events WHERE api_key=?"\n    return',
        '    sql = "SELECT seq, body FROM events WHERE api_key=? OR 1"\n    return',
        "listEvents lists every key's events (tenant leak)",
        "listing",
    ),
    _m(
        "event-get-tenant-leak",
        "handlers/events.py",
        '"SELECT type, body FROM events WHERE id=? AND api_key=?", (event_id, ctx.api_key)',
        '"SELECT type, body FROM events WHERE id=?", (event_id,)',
        "getEvent, deliveries and redeliver reach another key's event (tenant leak)",
        "webhooks",
    ),
    # --- idempotency ----------------------------------------------------------------------------
    _m(
        "idempotency-tenant-leak",
        "storage/idempotency.py",
        '"WHERE api_key=? AND key=?",\n            (api_key, key),',
        '"WHERE key=?",\n            (key,),',
        "an Idempotency-Key replays across API keys",
        "idempotency",
    ),
    _m(
        "fingerprint-ignores-body",
        "server/idempotency.py",
        "    canonical = canonical_json(body)",
        '    canonical = ""',
        "the same key with another body replays instead of 422",
        "idempotency",
    ),
    _m(
        "stores-429",
        "server/idempotency.py",
        "    return status != 429 and status < 500",
        "    return status < 500",
        "a 429 answer is stored and replayed",
        "idempotency",
    ),
    _m(
        "replay-without-header",
        "server/idempotency.py",
        "            return Reply(stored.status, body, [REPLAYED_HEADER])",
        "            return Reply(stored.status, body, [])",
        "a replay is not marked Idempotent-Replayed",
        "idempotency",
    ),
    _m(
        "replay-status-200",
        "server/idempotency.py",
        "            return Reply(stored.status, body, [REPLAYED_HEADER])",
        "            return Reply(200 if stored.status == 201 else stored.status, body, "
        "[REPLAYED_HEADER])",
        "a replayed 201 comes back as 200",
        "idempotency",
    ),
    _m(
        "no-in-progress",
        "server/idempotency.py",
        "        self.in_flight.add(scope)\n",
        "",
        "a key still running is not refused: both requests run",
        "idempotency",
    ),
    # --- server: auth, rate limit, body, pipeline ------------------------------------------------
    _m(
        "live-key-wrong-reason",
        "server/auth.py",
        '            raise auth_error("environment_mismatch")',
        '            raise auth_error("invalid_credentials")',
        "a live key on the sandbox says invalid_credentials",
        "http",
    ),
    _m(
        "missing-credentials-reason",
        "server/auth.py",
        '        if header is None or not header.strip():\n            raise auth_error("missing_credentials")',
        '        if header is None or not header.strip():\n            raise auth_error("malformed_credentials")',
        "no credentials at all says malformed_credentials",
        "http",
    ),
    _m(
        "retry-after-missing",
        "server/ratelimit.py",
        '    all_headers["Retry-After"] = str(retry_after)\n',
        "",
        "a 429 of the token bucket has no Retry-After",
        "http",
    ),
    _m(
        "remaining-never-drops",
        "server/ratelimit.py",
        "        return self._headers(int(tokens), self._reset(tokens))",
        "        return self._headers(self.burst, self._reset(tokens))",
        "RateLimit-Remaining never counts down",
        "http",
    ),
    _m(
        "one-bucket-for-all-keys",
        "server/ratelimit.py",
        "        tokens, last = self._buckets.get(api_key, (float(self.burst), now))",
        '        api_key = "every key"\n'
        "        tokens, last = self._buckets.get(api_key, (float(self.burst), now))",
        "every API key shares one token bucket",
        "http",
    ),
    _m(
        "body-limit-2mib",
        "server/body.py",
        "MAX_BODY = 1024 * 1024",
        "MAX_BODY = 2 * 1024 * 1024",
        "bodies up to 2 MiB are accepted",
        "http",
    ),
    _m(
        "text-plain-accepted",
        "server/body.py",
        '    return media == b"application/json"',
        '    return media in (b"application/json", b"text/plain")',
        "a text/plain body is read as JSON instead of 415",
        "http",
    ),
    _m(
        "request-id-header-differs",
        "server/pipeline.py",
        '        (b"x-request-id", request_id.encode()),',
        '        (b"x-request-id", new_request_id().encode()),',
        "X-Request-Id differs from error.request_id",
        "http",
    ),
    _m(
        "allow-header-missing",
        "server/pipeline.py",
        '                headers={"Allow": entry.allow},',
        "                headers={},",
        "a 405 has no Allow header",
        "http",
    ),
    _m(
        "rate-headers-dropped",
        "server/pipeline.py",
        "        reply.headers.extend(rate_headers)\n",
        "",
        "successful answers carry no RateLimit-* headers",
        "http",
    ),
    _m(
        "allow-lists-one-method",
        "spec/routes.py",
        'return PathEntry(template, regex, operations, ", ".join(sorted(operations)))',
        'return PathEntry(template, regex, operations, ", ".join(sorted(operations)[:1]))',
        "Allow names only the first of the path's methods",
        "http",
    ),
    _m(
        "has-more-always-false",
        "core/envelopes.py",
        '        + (b"true" if has_more else b"false")',
        '        + b"false"',
        "list envelopes always say has_more false",
        "listing",
    ),
    _m(
        "error-request-id-constant",
        "core/api_error.py",
        '            "request_id": request_id,',
        '            "request_id": "req_00000000000000000000",',
        "every error names the same request_id",
        "http",
    ),
    # --- webhooks, endpoints, outbox ---------------------------------------------------------------
    _m(
        "only-oldest-secret-signs",
        "webhooks/signing.py",
        'return " ".join(_signer(secret).sign(event_id, timestamp, body) for secret in secrets)',
        "return _signer(secrets[0]).sign(event_id, timestamp, body)",
        "during a rotation only the oldest secret signs",
        "webhooks",
    ),
    _m(
        "webhook-id-not-event",
        "webhooks/signing.py",
        '        "webhook-id": event_id,',
        '        "webhook-id": "msg_" + event_id[4:],',
        "webhook-id is not the event id",
        "webhooks",
    ),
    _m(
        "selection-ignored",
        "storage/outbox.py",
        '            if "*" in wanted or event_type in wanted:',
        "            if wanted:",
        "an endpoint gets every event, whatever it subscribed to",
        "webhooks",
    ),
    _m(
        "attempt-numbers-restart",
        "storage/outbox.py",
        "            number = int(previous or 0) + 1",
        "            number = row.attempts + 1",
        "a redelivery's attempts are numbered from 1 again",
        "webhooks",
    ),
    _m(
        "secret-in-get",
        "handlers/endpoints.py",
        '    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])\n    return ok(dumps(endpoint))',
        '    endpoint = load_endpoint(ctx.services.store, ctx.api_key, ctx.path_params["endpoint_id"])\n'
        '    return ok(dumps({**endpoint, "secret": "whsec_" + "A" * 43 + "="}))',
        "getWebhookEndpoint shows a secret",
        "webhooks",
    ),
    _m(
        "rotation-overlap-ignored",
        "handlers/endpoints.py",
        'overlap = float((ctx.body or {}).get("overlap_seconds", settings.rotation_overlap))',
        "overlap = float(settings.rotation_overlap)",
        "rotate_secret ignores overlap_seconds (a retired secret keeps signing)",
        "webhooks",
    ),
    _m(
        "retry-schedule-shifted",
        "webhooks/schedule.py",
        "    return now + float(schedule[attempts_made - 1])",
        "    return now + float(schedule[min(attempts_made, len(schedule) - 1)])",
        "each retry waits the next delay of the schedule",
        "clock",
    ),
    # --- test clock, replay, endpoint health ---------------------------------------------------------
    _m(
        "advance-doubles",
        "timeline/advance.py",
        "            target = previous + seconds if seconds is not None else to",
        "            target = previous + 2 * seconds if seconds is not None else to",
        "advancing the clock by n seconds moves it 2n",
        "clock",
    ),
    _m(
        "replay-excludes-since",
        "handlers/endpoints.py",
        'sql = "SELECT id FROM events WHERE api_key=? AND created_at >= ?"',
        'sql = "SELECT id FROM events WHERE api_key=? AND created_at > ?"',
        "replay leaves out the events created exactly at since",
        "clock",
    ),
    _m(
        "replay-selection-inverted",
        "handlers/endpoints.py",
        '    if "*" not in endpoint["events"]:',
        '    if "*" in endpoint["events"]:',
        "replay sends events outside the endpoint's selection",
        "clock",
    ),
    _m(
        "gone-on-404",
        "storage/endpoints.py",
        "    if status_code == 410:",
        "    if status_code == 404:",
        "a 410 does not disable the endpoint (a 404 does)",
        "clock",
    ),
    _m(
        "failing-period-doubled",
        "storage/endpoints.py",
        "    if row is None or at - float(row[0]) < failing_period:",
        "    if row is None or at - float(row[0]) < 2 * failing_period:",
        "an endpoint failing for the period is disabled only after twice the period",
        "clock",
    ),
    _m(
        "disabled-event-missing",
        "storage/endpoints.py",
        "    outbox.emit_event(conn, api_key, DISABLED_EVENT, endpoint)\n",
        "",
        "disabling an endpoint fires no webhook_endpoint.disabled",
        "clock",
    ),
    # --- tenants: keys created through the API ---------------------------------------------------
    _m(
        "created-key-secret-unusable",
        "storage/api_keys.py",
        "            (api_key, digest(secret), owner, description, created_at),",
        "            (api_key, digest(api_key), owner, description, created_at),",
        "a created key is stored with the digest of its id: the secret it answered never works",
        "tenants",
    ),
    _m(
        "created-key-answers-200",
        "handlers/api_keys.py",
        "    return ok(dumps(created), 201)",
        "    return ok(dumps(created))",
        "createApiKey answers 200 instead of the documented 201",
        "tenants",
    ),
    # --- test clock: what getClock and advanceClock tell ------------------------------------------
    _m(
        "advance-lists-other-keys",
        "handlers/clock.py",
        "    mine = [step for step in advance.steps if step.api_key == api_key]",
        "    mine = list(advance.steps)",
        "advanceClock lists and counts the due work of every key, not only the caller's",
        "clock",
    ),
    _m(
        "clock-offset-negated",
        "handlers/clock.py",
        '        "offset_seconds": round(clock.offset, 6),',
        '        "offset_seconds": round(-clock.offset, 6),',
        "getClock's offset_seconds says the clock is behind by what it is ahead",
        "clock",
    ),
    # --- webhook dispatch: what counts as delivered -----------------------------------------------
    _m(
        "client-error-delivered",
        "workers/dispatcher.py",
        "        succeeded = status is not None and 200 <= status < 300",
        "        succeeded = status is not None and status < 500 and status != 410",
        "a 4xx answer (but 410) counts as delivered: no retry",
        "webhooks",
    ),
)
