"""The second tenant of a run: the credential pair the isolation checks use beside the first.

Given by the user (--second-api-key / --second-api-secret, or LARKPAY_API_KEY_2 /
LARKPAY_API_SECRET_2), else created on a sandbox target through ``POST /sandbox/api_keys``.
Without one, the isolation checks are skipped and the report says why.
"""

from __future__ import annotations

import dataclasses
import os

import httpx

from larkpay_conformance.deployment.target import Target

NO_SECOND_KEY = (
    "no second API key: pass --second-api-key and --second-api-secret (or set "
    "LARKPAY_API_KEY_2 and LARKPAY_API_SECRET_2) to run the tenant isolation checks"
)


def create_api_key(target: Target, description: str) -> tuple[str, str] | str:
    """A new key pair created through ``POST /sandbox/api_keys``, or why it could not be."""
    try:
        response = httpx.post(
            f"{target.base_url}/sandbox/api_keys",
            json={"description": description},
            headers={
                "Authorization": target.auth_header,
                "Idempotency-Key": f"cf-tenant-{os.urandom(8).hex()}",
            },
            timeout=15.0,
        )
        data = response.json().get("data") if response.status_code == 201 else None
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        return f"POST /sandbox/api_keys failed ({type(exc).__name__}: {exc})"
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), str) for k in ("api_key", "api_secret")
    ):
        return f"POST /sandbox/api_keys answered HTTP {response.status_code}, not a new key"
    return str(data["api_key"]), str(data["api_secret"])


def with_second_tenant(target: Target) -> Target:
    """``target`` with a second credential pair when one is given or can be created; else
    with a note saying why the isolation checks will be skipped."""
    if target.second_tenant is not None:
        return target
    if not target.is_sandbox:
        return dataclasses.replace(target, second_key_note=NO_SECOND_KEY)
    created = create_api_key(target, "larkpay conformance: second tenant")
    if isinstance(created, str):
        return dataclasses.replace(
            target, second_key_note=f"{NO_SECOND_KEY}; creating one on the sandbox: {created}"
        )
    return dataclasses.replace(target, second_api_key=created[0], second_api_secret=created[1])


def private_tenant(target: Target) -> Target | None:
    """A fresh tenant of its own on a sandbox target (its lists hold only what the caller
    creates); None elsewhere, or when the sandbox cannot create one."""
    if not target.is_sandbox:
        return None
    created = create_api_key(target, "larkpay conformance: private tenant")
    return None if isinstance(created, str) else target.as_tenant(*created)
