"""The app factory: settings in, FastAPI app out. Everything it holds lives on `app.state.guard`."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from stillroom.contracts.openai import ApiError, error_response, invalid_request
from stillroom.errors import UserError
from stillroom.guard.deps import AdminOnly, require_admin
from stillroom.guard.pipeline import refused_admin_route
from stillroom.guard.routes import admin, metrics, openai
from stillroom.guard.settings import GuardSettings
from stillroom.guard.state import DetectorLike, Guard, build_guard, dashboard_router


def create_app(settings: GuardSettings, detector: DetectorLike | None = None) -> FastAPI:
    guard = build_guard(settings, detector)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if guard.snapshots is not None:
            guard.snapshots.start()
        # Everything loaded at start (models, detector tables, the policy) is moved out of the
        # collector's reach: a body of many small lists or a big JSON answer triggers full
        # collections, and each walked the whole heap (120 ms vs 12 ms parsing 570k empty lists)
        gc.freeze()
        yield
        await guard.close()  # flushes the audit queue: nothing answered is lost on restart

    # The schema pages and document describe every admin route: development only.
    dev = settings.env == "dev"
    app = FastAPI(
        title="stillroom guard",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if dev else None,
        redoc_url="/redoc" if dev else None,
        openapi_url="/openapi.json" if dev else None,
        # no 307 to "<path>/" built from the client's Host header (an open redirect behind a proxy
        # that passes Host through: session 27's red team); a trailing slash is a plain 404
        redirect_slashes=False,
    )
    app.state.guard = guard
    _error_handlers(app, guard)
    for r in (openai.router, admin.router, metrics.router):
        app.include_router(r)
    _mount_dashboard(app, guard)
    app.add_middleware(openai.ProxiedRoutes, guard=guard)  # type: ignore[arg-type]
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _mount_dashboard(app: FastAPI, guard: Guard) -> None:
    """The page is served to anyone: it holds no data, and asks for the admin key, which every JSON
    call under it needs. The bare `/dashboard` redirects with a relative Location (never built from
    the request's Host header)."""
    dashboard = dashboard_router(guard.detector)
    if dashboard is None:
        return
    from stillroom.detector.dashboard import PAGE

    @app.get("/dashboard", include_in_schema=False)
    async def to_page() -> RedirectResponse:
        return RedirectResponse("/dashboard/", status_code=307)

    @app.get("/dashboard/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard_page() -> str:
        return PAGE

    app.include_router(dashboard, prefix="/dashboard", dependencies=[Depends(require_admin)])


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document plus the hand-attached request schemas' definitions."""
    if app.openapi_schema is None:
        doc = get_openapi(title=app.title, version=app.version, routes=app.routes)
        doc.setdefault("components", {}).setdefault("schemas", {}).update(openai.SCHEMA_DEFS)
        app.openapi_schema = doc
    return app.openapi_schema


def _error_handlers(app: FastAPI, guard: Guard) -> None:
    """Every error in OpenAI's shape; input problems are 4xx, never a 500."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, e: ApiError):
        if e.status == 401:
            guard.metrics.auth_failures.inc()
        response = e.response()
        if isinstance(e, AdminOnly):  # a user key on an admin route: audited, charged a request
            response.headers.update(await refused_admin_route(guard, request, e.key, e))
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError):
        return invalid_request(e.errors()).response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, e: StarletteHTTPException):
        return error_response(e.status_code, str(e.detail), None, None, getattr(e, "headers", None))

    @app.exception_handler(UserError)
    async def user_error(_: Request, e: UserError):
        return error_response(400, str(e), "invalid_value")

    @app.exception_handler(Exception)
    async def bug(_: Request, e: Exception):  # logged with its traceback by the server
        return error_response(500, "the gateway failed on this request", "internal_error")
