"""Prometheus `/metrics` (the admin key; with `metrics_public`, its public series for anyone) and `/health`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from stillroom.contracts.openai import ApiError
from stillroom.guard.deps import AdminOnly, GuardDep, require_admin
from stillroom.guard.pipeline import public_metrics_call

router = APIRouter(tags=["ops"])


@router.get("/metrics")
async def metrics(request: Request, guard: GuardDep) -> Response:
    """Every series for the admin key; with `metrics_public`, anyone else gets the public ones (a
    user key's scrape audited and charged a request, as its 403 is without `metrics_public`)."""
    m = guard.metrics
    registry, headers = m.registry, {}
    try:
        await require_admin(request, guard)
    except ApiError as e:
        if not guard.settings.metrics_public:
            raise
        registry = m.public
        if isinstance(e, AdminOnly):
            headers = await public_metrics_call(guard, e.key)
    m.audit_pending.set(guard.audit.pending())
    m.audit_written.set(guard.audit.written)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST, headers=headers)


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
