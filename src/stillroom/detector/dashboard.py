"""The detector's admin dashboard: one self-contained HTML page plus the JSON it reads.

`router(detector)` returns an APIRouter; the guard mounts it at `/dashboard` behind the admin key.
Handlers are `async` on purpose: they run on the event loop that also runs `observe`, so a
view never iterates the detector's dicts while a request mutates them. For the same reason each
call must stay short: one key's view is a dict lookup, the key list ranks scores only and builds
rows for the page it returns, and lists are cached for `CACHE_S` (a dashboard polling a guard
with 100k keys must not stall its traffic). The page has no external assets (no CDN, no fonts): the score chart is an SVG drawn by the page's
own script, and every string from traffic is inserted with textContent, never innerHTML. Behind the guard's
admin auth the JSON calls need the admin key: the page asks for it on a 401 and keeps it in
sessionStorage (the HTML page itself holds no data, so a deployment may serve it without auth).

    GET /                 the page
    GET /api/keys         keys by score: verdict, cluster, requests, top contributions
    GET /api/keys/{id}    one key: features, contributions, reasons (the evidence), score history
    GET /api/clusters     linked keys scored as one actor, with what links them
    GET /api/actions      verdict changes, newest last
    GET /indicators.json  threat indicators of the flagged keys (see indicators.py)
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from stillroom.contracts.indicators import ThreatIndicators
from stillroom.detector import indicators
from stillroom.detector.detector import Detector

CACHE_S = 2.0


def _cached(build: Callable[..., Any]) -> Callable[..., Any]:
    """`build(*args)` at most once per CACHE_S per argument tuple (the last few kept)."""
    memo: dict[tuple, tuple[float, Any]] = {}

    def get(*args: Any) -> Any:
        hit = memo.get(args)
        if hit is None or time.monotonic() - hit[0] > CACHE_S:
            if len(memo) > 16:
                memo.clear()
            hit = memo[args] = (time.monotonic(), build(*args))
        return hit[1]

    return get


def key_rows(detector: Detector, limit: int) -> list[dict[str, Any]]:
    """The `limit` highest-scoring keys, rows built for those only."""
    top = heapq.nlargest(
        limit, detector.keys, key=lambda k: detector.keys[k].last.score if detector.keys[k].last else 0.0
    )
    rows = []
    for k in top:
        v = detector.key_view(k)
        assert v is not None
        top3 = sorted(v["contributions"].items(), key=lambda kv: -kv[1])[:3]
        rows.append(
            {
                **{f: v[f] for f in ("score", "own_score", "verdict", "cluster", "requests")},
                "key": k,
                "top": top3,
            }
        )
    return rows


def router(detector: Detector, page: bool = True) -> APIRouter:
    """The dashboard's routes; `page=False` leaves out the HTML page (a host serving it itself)."""
    r = APIRouter()
    keys_cached = _cached(lambda limit: key_rows(detector, limit))
    clusters_cached = _cached(detector.clusters_view)

    if page:

        @r.get("/", response_class=HTMLResponse, include_in_schema=False)
        async def page_route() -> str:
            return PAGE

    @r.get("/api/keys")
    async def keys(limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
        return keys_cached(limit)

    @r.get("/api/keys/{key_id}")
    async def key(key_id: str) -> dict[str, Any]:
        view = detector.key_view(key_id)
        if view is None:
            raise HTTPException(404, f"the detector has not seen key {key_id[:80]!r}")
        return {"key": key_id, **view}

    @r.get("/api/clusters")
    async def clusters() -> dict[str, Any]:
        return clusters_cached()

    @r.get("/api/actions")
    async def actions(limit: int = Query(200, ge=1, le=1000)) -> list[dict[str, Any]]:
        return list(detector.transitions)[-limit:]

    @r.get("/indicators.json")
    async def export(
        min_verdict: str = Query("suspect", pattern="^(watch|suspect|block)$"),
    ) -> ThreatIndicators:
        return indicators.build(detector, "guard", min_verdict)

    return r


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stillroom detector</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
h1{font-size:1.3em;margin:0 0 .5em} h2{font-size:1.05em;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;background:#fff} td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:left}
tr.sel{background:#eef4ff} tbody tr{cursor:pointer}
.v-ok{color:#2a7} .v-evaluation{color:#37a} .v-watch{color:#b80} .v-suspect{color:#d50} .v-block{color:#c00;font-weight:600}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5em} .muted{color:#888}
.bar{display:inline-block;height:9px;background:#c55;margin-right:6px;vertical-align:middle}
svg{background:#fff;border:1px solid #ddd}
</style></head><body>
<h1>stillroom detector</h1>
<div class="muted" id="status">loading…</div>
<form id="auth" hidden><label>admin key <input id="key" type="password" autocomplete="off"></label>
<button type="submit">load</button> <span class="muted">kept in this tab only (sessionStorage)</span></form>
<div class="grid">
<div><h2>Keys</h2><table><thead><tr><th>key</th><th>verdict</th><th>score</th><th>requests</th><th>cluster</th>
<th>top evidence</th></tr></thead><tbody id="keys"></tbody></table></div>
<div><h2>Score over time: <span id="sel" class="muted">no key selected</span></h2>
<svg id="chart" width="520" height="220" viewBox="0 0 520 220" role="img" aria-label="score chart"></svg>
<h2>Evidence behind the verdict</h2><ul id="reasons"></ul><div id="contrib"></div></div>
</div>
<h2>Clusters</h2><table><thead><tr><th>cluster</th><th>score</th><th>members</th><th>linked by</th></tr></thead>
<tbody id="clusters"></tbody></table>
<h2>Actions (verdict changes)</h2><table><thead><tr><th>time</th><th>key</th><th>from</th><th>to</th><th>score</th>
<th>evidence</th></tr></thead><tbody id="actions"></tbody></table>
<script>
"use strict";
const base = location.pathname.replace(/\\/$/, "");
let selected = null;
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls; return e; }
async function get(path) {
  const key = sessionStorage.getItem("stillroom-admin-key"), headers = key ? {authorization: "Bearer " + key} : {};
  const r = await fetch(base + path, {credentials: "same-origin", headers});
  if (r.status === 401) { document.getElementById("auth").hidden = false; throw new Error("admin key required"); }
  if (!r.ok) throw new Error(path + ": HTTP " + r.status); return r.json(); }
document.getElementById("auth").addEventListener("submit", ev => { ev.preventDefault();
  sessionStorage.setItem("stillroom-admin-key", document.getElementById("key").value);
  document.getElementById("auth").hidden = true; refresh(); });
function fill(id, rows) { const tb = document.getElementById(id); tb.replaceChildren(...rows); }
function fmtTime(ts) { return new Date(ts * 1000).toISOString().replace("T", " ").slice(0, 19); }
function drawChart(hist) {
  const svg = document.getElementById("chart"), W = 520, H = 220, P = 30, NS = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  const add = (tag, attrs) => { const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]); svg.appendChild(e); return e; };
  [["block", .85, "#c00"], ["suspect", .6, "#d50"], ["watch", .35, "#b80"]].forEach(([n, y, c]) => {
    const yy = H - P - y * (H - 2 * P);
    add("line", {x1: P, x2: W - 5, y1: yy, y2: yy, stroke: c, "stroke-dasharray": "4 3", "stroke-width": 1});
    add("text", {x: W - 50, y: yy - 3, fill: c, "font-size": 10}).textContent = n; });
  add("line", {x1: P, x2: P, y1: 5, y2: H - P, stroke: "#999"});
  add("line", {x1: P, x2: W - 5, y1: H - P, y2: H - P, stroke: "#999"});
  if (!hist.length) return;
  const t0 = hist[0][0], t1 = Math.max(hist[hist.length - 1][0], t0 + 1);
  const pts = hist.map(h => [P + (h[0] - t0) / (t1 - t0) * (W - P - 5), H - P - h[1] * (H - 2 * P)]);
  add("polyline", {points: pts.map(p => p.join(",")).join(" "), fill: "none", stroke: "#246", "stroke-width": 2});
  add("text", {x: P, y: H - 10, "font-size": 10, fill: "#666"}).textContent = fmtTime(t0);
  add("text", {x: W - 130, y: H - 10, "font-size": 10, fill: "#666"}).textContent = fmtTime(t1);
}
async function showKey(k) {
  selected = k; document.getElementById("sel").textContent = k;
  const d = await get("/api/keys/" + encodeURIComponent(k));
  drawChart(d.history || []);
  fill("reasons", (d.reasons.length ? d.reasons : ["no evidence above zero"]).map(s => el("li", s)));
  const c = document.getElementById("contrib"); c.replaceChildren();
  Object.entries(d.contributions).sort((a, b) => b[1] - a[1]).forEach(([n, v]) => {
    const line = el("div"); const b = el("span", undefined, "bar"); b.style.width = Math.round(v * 300) + "px";
    line.append(b, el("span", n + " " + v.toFixed(3))); c.appendChild(line); });
  document.querySelectorAll("#keys tr").forEach(tr => tr.classList.toggle("sel", tr.dataset.key === k));
}
async function refresh() {
  try {
    const [keys, clusters, actions] = await Promise.all([get("/api/keys"), get("/api/clusters"), get("/api/actions")]);
    fill("keys", keys.map(k => { const tr = document.createElement("tr"); tr.dataset.key = k.key;
      tr.append(el("td", k.key), el("td", k.verdict, "v-" + k.verdict), el("td", k.score.toFixed(3)),
        el("td", String(k.requests)), el("td", k.cluster || "-"),
        el("td", k.top.map(t => t[0] + " " + t[1].toFixed(2)).join(", ")));
      tr.addEventListener("click", () => showKey(k.key).catch(showError)); return tr; }));
    fill("clusters", Object.entries(clusters).map(([id, c]) => { const tr = document.createElement("tr");
      tr.append(el("td", id), el("td", c.score.toFixed(3)), el("td", c.members.join(", ")),
        el("td", Object.entries(c.shared).map(([k, v]) => k + " x" + v).join(", "))); return tr; }));
    fill("actions", actions.slice().reverse().map(a => { const tr = document.createElement("tr");
      tr.append(el("td", fmtTime(a.ts)), el("td", a.key), el("td", a.from, "v-" + a.from), el("td", a.to, "v-" + a.to),
        el("td", a.score.toFixed(3)), el("td", a.evidence.join(", "))); return tr; }));
    document.getElementById("status").textContent = keys.length + " keys, " + Object.keys(clusters).length +
      " clusters, updated " + new Date().toLocaleTimeString();
    if (!selected && keys.length) await showKey(keys[0].key);
    else if (selected) await showKey(selected);
  } catch (e) { showError(e); }
}
function showError(e) { document.getElementById("status").textContent = "could not load: " + e.message; }
refresh(); setInterval(refresh, 5000);
</script></body></html>
"""
