"""Round 26 of the guard's red team (the operator's surfaces: the admin API, the dashboard, the key
records an operator relies on in a dispute), each test against a live guard on 127.0.0.1 and
failing on the code before its fix:

- FastAPI reads and parses a route's JSON body before it runs the route's dependencies, the admin
  check among them: an unauthenticated `POST /admin/keys` of 200 MB was read whole and parsed on
  the event loop (+593 MB of the guard's memory, 5.7 s in which it served nothing else), then
  answered 400 for its shape, not 401. Every `/admin` request is now checked for the admin key from
  its head (`app.AdminFirst`): 401 without a key (+2 MB for the same 200 MB), 403 for a user key,
  audited and charged as round 23 made it, the body unread;
- a second revocation of a key moved its `revoked_at` to the later call, so the record of when a
  key stopped being valid, which a dispute compares with the audit rows' times, said the wrong
  time; and the admin API showed only `revoked: true`. The first time is kept and shown;
- the dashboard page, which keeps the admin key in sessionStorage and shows text from traffic,
  was served with no Content-Security-Policy and could be framed by any site. It now runs only its
  own inline script and style (by hash), fetches from its own origin only, and refuses framing.

Not weaknesses (measured or read): the dashboard inserts every string from traffic with
textContent; no route echoes a client's text as HTML; no log line carries a client's text
unescaped (an upstream's error body is logged as a bytes repr, the access log is off); admin and
user secrets are compared as SHA-256 digests with `hmac.compare_digest`, and a well-formed secret
with a real key id and a wrong secret reads exactly as an unknown id; no CORS header is sent and
the admin key is a header, never a cookie or a query parameter, so a browser cannot be made to
send it cross-site; the journal's lines are pydantic-core JSON (control characters escaped), so no
field can split or break one; `/metrics` has no per-key label.
"""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import time

import httpx

from guard_support import ADMIN, audit_rows_when, guard_running, settings

ADMIN_H = {"authorization": f"Bearer {ADMIN}"}


def _head_only(url: str, method: str, path: str, auth: str | None) -> bytes:
    """Send a request head announcing a 64 MB JSON body and 1 KB of it; what comes back in 3 s."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port))) as sock:
        head = f"{method} {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
        head += f"authorization: Bearer {auth}\r\n" if auth else ""
        sock.sendall(f"{head}content-length: {64 * 2**20}\r\n\r\n".encode() + b'{"label": "' + b"a" * 1024)
        sock.settimeout(3)
        try:
            return sock.recv(4096)
        except TimeoutError:
            return b"(no answer in 3 s: the guard waits for the whole body)"


def test_admin_routes_refuse_before_reading_the_body(tmp_path):
    with guard_running(settings(tmp_path, "http://127.0.0.1:9")) as (url, guard):
        key, secret = guard.keys.create("user", rpm=1000, tpm=10**6)
        for method, path in (("POST", "/admin/keys"), ("PUT", f"/admin/keys/{key.id}/verdict")):
            assert _head_only(url, method, path, None).startswith(b"HTTP/1.1 401"), path
            assert _head_only(url, method, path, "sk-sr-abc-wrong").startswith(b"HTTP/1.1 401"), path
            answer = _head_only(url, method, path, secret)
            assert answer.startswith(b"HTTP/1.1 403") and b"x-request-id" in answer, path
        rows = audit_rows_when(guard.settings.db, 2)
        assert {r["endpoint"] for r in rows} == {"admin"} and {r["key_id"] for r in rows} == {key.id}
        assert {r["status"] for r in rows} == {403}
        # the admin key still reaches the routes, bodies and all
        made = httpx.post(f"{url}/admin/keys", json={"label": "new"}, headers=ADMIN_H, timeout=10)
        assert made.status_code == 201 and made.json()["secret"].startswith("sk-sr-")
        pinned = httpx.put(
            f"{url}/admin/keys/{key.id}/verdict", json={"verdict": "watch"}, headers=ADMIN_H, timeout=10
        )
        assert pinned.status_code == 200 and pinned.json()["verdict_override"] == "watch"
        assert httpx.get(f"{url}/admin/nowhere", headers=ADMIN_H, timeout=10).status_code == 404


def test_a_second_revocation_keeps_the_first_time(tmp_path):
    with guard_running(settings(tmp_path, "http://127.0.0.1:9")) as (url, guard):
        key, _ = guard.keys.create("user")
        first = guard.keys.revoke(key.id).revoked_at  # the CLI's path
        assert first is not None
        time.sleep(0.05)
        again = httpx.post(f"{url}/admin/keys/{key.id}/revoke", headers=ADMIN_H, timeout=10)
        assert again.status_code == 200 and guard.keys.get(key.id).revoked_at == first
        assert again.json()["revoked"] is True and again.json()["revoked_at"] == first
        listed = httpx.get(f"{url}/admin/keys", headers=ADMIN_H, timeout=10).json()
        assert [k["revoked_at"] for k in listed] == [first]
        missing = httpx.post(f"{url}/admin/keys/nosuchkey/revoke", headers=ADMIN_H, timeout=10)
        assert missing.status_code == 404


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_dashboard_page_cannot_send_the_admin_key_away_or_be_framed(tmp_path):
    with guard_running(settings(tmp_path, "http://127.0.0.1:9"), detector=None) as (url, _):
        page = httpx.get(f"{url}/dashboard/", timeout=10)
        assert page.status_code == 200
        csp = page.headers.get("content-security-policy", "")
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives.get("default-src") == "'none'" and directives.get("connect-src") == "'self'"
        assert directives.get("frame-ancestors") == "'none'" and page.headers["x-frame-options"] == "DENY"
        (script,) = re.findall(r"<script>(.*?)</script>", page.text, flags=re.S)
        (style,) = re.findall(r"<style>(.*?)</style>", page.text, flags=re.S)
        assert directives["script-src"] == _sha256(script) and directives["style-src"] == _sha256(style)
        assert page.headers["referrer-policy"] == "no-referrer"
