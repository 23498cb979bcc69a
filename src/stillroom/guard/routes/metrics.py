"""Prometheus `/metrics` (admin key unless `metrics_public`) and an unauthenticated `/health`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from stillroom.guard.deps import GuardDep, require_admin

router = APIRouter(tags=["ops"])


@router.get("/metrics")
async def metrics(request: Request, guard: GuardDep) -> Response:
    if not guard.settings.metrics_public:
        await require_admin(request, guard)
    m = guard.metrics
    m.audit_pending.set(guard.audit.pending())
    m.audit_written.set(guard.audit.written)
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
