"""The app factory: settings in, FastAPI app out. Everything it holds lives on `app.state.guard`."""

from __future__ import annotations

import base64
import gc
import hashlib
import re
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

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
    app.add_middleware(AdminFirst, guard=guard)  # type: ignore[arg-type]
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


ADMIN_PREFIX = "/admin"


class AdminFirst:
    """Every request under `/admin` is checked for the admin key before anything reads its body.
    FastAPI reads and parses a route's JSON body before it runs the route's dependencies, the
    admin check among them: an unauthenticated `POST /admin/keys` of 200 MB was read whole and
    parsed on the event loop (+593 MB of memory, 5.7 s in which no other request was served), then
    answered 400 for its shape, not 401 (round 26). Now it is answered 401 (a user key 403, audited
    and charged as before) from its head alone, the body left unread (the server bounds how long
    the rest of it may take: server.py)."""

    def __init__(self, app: ASGIApp, guard: Guard):
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            request = Request(scope, receive, send)
            try:
                await require_admin(request, self.guard)
            except ApiError as e:
                return await (await refusal(self.guard, request, e))(scope, receive, send)
        await self.app(scope, receive, send)


async def refusal(guard: Guard, request: Request, e: ApiError) -> Response:
    """The response to an ApiError: a 401 is counted, and a user key's 403 on an admin route is
    audited and charged a request (pipeline.refused_admin_route)."""
    if e.status == 401:
        guard.metrics.auth_failures.inc()
    response = e.response()
    if isinstance(e, AdminOnly):
        response.headers.update(await refused_admin_route(guard, request, e.key, e))
    return response


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

    headers = page_headers(PAGE)

    @app.get("/dashboard/", response_class=HTMLResponse, include_in_schema=False)
    async def dashboard_page() -> HTMLResponse:
        return HTMLResponse(PAGE, headers=headers)

    app.include_router(dashboard, prefix="/dashboard", dependencies=[Depends(require_admin)])


def page_headers(page: str) -> dict[str, str]:
    """The dashboard page's headers: a Content-Security-Policy that runs only the page's own inline
    script and style (by their hashes), lets it fetch from this origin only, and forbids framing;
    no Referer. The page keeps the admin key in sessionStorage and shows text from traffic (key
    ids, detector evidence): it inserts that text with textContent, and this keeps one slip there
    (or a script injected any other way) from sending the key anywhere, or the page from being
    framed by another site (round 26: it was served with no such header)."""

    def hashes(tag: str) -> str:
        bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.S)
        return " ".join(
            f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in bodies
        )

    none = "'none'"
    csp = (
        f"default-src {none}; script-src {hashes('script') or none}; style-src {hashes('style') or none};"
        f" connect-src 'self'; img-src data:; base-uri {none}; form-action {none}; frame-ancestors {none}"
    )
    return {
        "content-security-policy": csp,
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
    }


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
        return await refusal(guard, request, e)  # a user key on an admin route: audited, charged

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
