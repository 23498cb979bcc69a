"""Admin API (admin key only): keys with their current verdicts, manual overrides, audit queries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from stillroom.contracts.openai import ApiError
from stillroom.detector.types import Verdict
from stillroom.errors import UserError
from stillroom.guard.audit import query_audit
from stillroom.guard.deps import Admin, DbConn, GuardDep
from stillroom.guard.keys import MAX_LIMIT, ApiKey
from stillroom.guard.state import Guard

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Admin])


class NewKey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(min_length=1, max_length=200)
    rpm: int | None = Field(None, ge=1, le=MAX_LIMIT)
    tpm: int | None = Field(None, ge=1, le=MAX_LIMIT)
    # organisation, payment fingerprint, signup network...: stored hashed, used to link keys
    account: dict[str, str] | None = None


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verdict: Verdict | None  # null clears the override


def key_view(guard: Guard, key: ApiKey) -> dict[str, Any]:
    a = guard.assessments.get(key.id)
    top = sorted((a.contributions if a else {}).items(), key=lambda kv: -kv[1])[:5]
    return {
        **key.public(),
        "verdict": key.verdict_override or (a.verdict if a else "ok"),
        "detector_verdict": a.verdict if a else None,
        "score": a.score if a else None,
        "cluster": a.cluster if a else None,
        "top_features": dict(top),
        "reasons": a.reasons[:5] if a else [],
    }


def _known(guard: Guard, kid: str) -> None:
    if guard.keys.get(kid) is None:
        raise ApiError(404, f"no key with id {kid!r}", "key_not_found", "key_id")


@router.get("/keys")
def list_keys(guard: GuardDep) -> list[dict[str, Any]]:
    return [key_view(guard, k) for k in guard.keys.list()]


@router.post("/keys", status_code=201)
def create_key(body: NewKey, guard: GuardDep) -> dict[str, Any]:
    try:
        key, secret = guard.keys.create(body.label, body.rpm, body.tpm, body.account)
    except UserError as e:
        raise ApiError(400, str(e), "invalid_request_error", "account") from None
    return {**key_view(guard, key), "secret": secret}


@router.get("/keys/{key_id}")
def get_key(key_id: str, guard: GuardDep) -> dict[str, Any]:
    _known(guard, key_id)
    key = guard.keys.get(key_id)
    assert key is not None
    return key_view(guard, key)


@router.post("/keys/{key_id}/revoke")
def revoke_key(key_id: str, guard: GuardDep) -> dict[str, Any]:
    _known(guard, key_id)
    return key_view(guard, guard.keys.revoke(key_id))


@router.put("/keys/{key_id}/verdict")
def override_verdict(key_id: str, body: Override, guard: GuardDep) -> dict[str, Any]:
    """Pin a key's verdict (e.g. `block`) regardless of the detector, or clear the pin with null."""
    _known(guard, key_id)
    return key_view(guard, guard.keys.set_override(key_id, body.verdict))


# characters of stored prompts and instructions one `GET /admin/audit` answer holds at most (its
# other fields are bounded by `limit`); past it the answer names the next page's `before_id`
AUDIT_ANSWER_CHARS = 16_000_000
NEXT_PAGE_HEADER = "x-stillroom-audit-before"


@router.get("/audit")
def audit(
    conn: DbConn,
    response: Response,
    key_id: str | None = None,
    since: float | None = None,
    until: float | None = None,
    limit: int = Query(100, ge=1, le=10_000),
    before_id: int | None = Query(None, ge=1, le=2**63 - 1),
) -> list[dict[str, Any]]:
    """Audit rows, newest first; `since`/`until` are unix seconds, `before_id` a row id (older rows
    only). An answer that stops before `limit` rows at AUDIT_ANSWER_CHARS of stored text says where
    to go on from in NEXT_PAGE_HEADER (the next request's `before_id`)."""
    rows, more = query_audit(conn, key_id, since, until, limit, before_id, AUDIT_ANSWER_CHARS)
    if more is not None:
        response.headers[NEXT_PAGE_HEADER] = str(more)
    return rows
