"""Open a page in headless Chromium and report console errors, broken images, overflow and the title.

Drives Debian's `/usr/bin/chromium` through the Chrome DevTools Protocol over a websocket
(`websocket-client`): no chromedriver/selenium version pinning, and the same code path works for
`file://` and `http://127.0.0.1` pages. Each call starts a fresh browser with a throw-away profile
and every background-networking feature off, so the check needs no network.

    from tests.browser import check_page
    page = check_page("file:///tmp/report.html", width=1280, screenshot=Path("report.png"))
    assert not page.console_errors and not page.broken_images and not page.overflows

Tests that need the browser call `require_chromium()` first: without /usr/bin/chromium they skip
with the reason, except in CI (CI=true), where `.ci/run` installs it and its absence is a failure.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import websocket

CHROMIUM = os.environ.get("STILLROOM_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-port=0",
]

# Opens every <details>, then lists elements whose content is wider than their box (text that does
# not wrap in its column, a table wider than the page) and whether the page scrolls sideways.
_OVERFLOW_JS = """(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} px`);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
    const text = (el.textContent || '').trim().slice(0, 60);
    out.push(`<${el.tagName.toLowerCase()}> ${el.scrollWidth} > ${el.clientWidth} px: ${text}`);
  }
  return out;
})()"""

# Waits for every <img> (lazy ones made eager) to finish decoding, then lists those that did not load.
_IMAGES_JS = """(async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { if (i.loading === 'lazy') i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  return imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => (i.currentSrc || i.src).slice(0, 200));
})()"""


@dataclass
class PageCheck:
    console_errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    title: str = ""
    overflows: list[str] = field(default_factory=list)


def require_chromium() -> None:
    """Skip the calling test without Chromium, with the reason; in CI (CI=true) its absence fails instead."""
    if Path(CHROMIUM).exists():
        return
    msg = f"{CHROMIUM} is not installed (Debian/Ubuntu: apt-get install chromium; or set STILLROOM_CHROMIUM)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{msg}: .ci/run installs it, so in CI this is a failure", pytrace=False)
    pytest.skip(f"browser check skipped: {msg}")


class _CDP:
    """A blocking CDP client over the browser websocket, with one flattened page session."""

    def __init__(self, ws_url: str, timeout: float):
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.timeout = timeout
        self.next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def call(self, method: str, params: dict | None = None, page: bool = True) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if page and self.session:
            msg["sessionId"] = self.session
        self.ws.settimeout(self.timeout)  # wait_for shortens it; a big screenshot takes seconds
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"CDP {method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, deadline: float) -> bool:
        if any(e.get("method") == method for e in self.events):
            return True
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                event = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            self.events.append(event)
            if event.get("method") == method:
                return True
        return False

    def drain(self, seconds: float) -> None:
        """Collect late events (errors thrown by scripts after load)."""
        self.wait_for("__never__", time.monotonic() + seconds)


def _console_errors(events: list[dict]) -> list[str]:
    out = []
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append(d.get("exception", {}).get("description") or d.get("text", "exception"))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            entry = p["entry"]
            out.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
    return out


def _start_browser(profile: Path, timeout: float) -> tuple[subprocess.Popen, str]:
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is not installed (apt-get install chromium)")
    proc = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_file.is_file():
            lines = port_file.read_text().splitlines()
            if len(lines) >= 2:
                return proc, f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with code {proc.returncode} before opening DevTools")
        time.sleep(0.05)
    proc.kill()
    raise TimeoutError("chromium did not write DevToolsActivePort in time")


def _inspect(
    cdp: _CDP, url: str, timeout: float, settle_s: float, width: int, screenshot: Path | None
) -> PageCheck:
    target = cdp.call("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
    cdp.session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True}, page=False)[
        "sessionId"
    ]
    for domain in ("Runtime", "Log", "Page"):
        cdp.call(f"{domain}.enable")
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    cdp.events.clear()
    nav = cdp.call("Page.navigate", {"url": url})
    if nav.get("errorText"):
        return PageCheck(console_errors=[f"navigation failed: {nav['errorText']}"])
    if not cdp.wait_for("Page.loadEventFired", time.monotonic() + timeout):
        raise TimeoutError(f"{url} did not finish loading in {timeout} s")
    broken = cdp.call(
        "Runtime.evaluate", {"expression": _IMAGES_JS, "awaitPromise": True, "returnByValue": True}
    )
    cdp.drain(settle_s)
    title = cdp.call("Runtime.evaluate", {"expression": "document.title", "returnByValue": True})
    if screenshot is not None:  # as a reader first sees it (before the overflow check opens <details>)
        _screenshot(cdp, screenshot)
    overflows = cdp.call("Runtime.evaluate", {"expression": _OVERFLOW_JS, "returnByValue": True})
    return PageCheck(
        console_errors=_console_errors(cdp.events),
        broken_images=broken["result"].get("value") or [],
        title=title["result"].get("value") or "",
        overflows=overflows["result"].get("value") or [],
    )


def _screenshot(cdp: _CDP, path: Path, max_height: int = 16000) -> None:
    """The page from the top, at most `max_height` px tall (Chromium's limit for one capture is 16384)."""
    size = cdp.call("Page.getLayoutMetrics")["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
    shot = cdp.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
    path.write_bytes(base64.b64decode(shot["data"]))


def check_page(
    url: str, timeout: float = 30.0, settle_s: float = 0.3, width: int = 1280, screenshot: Path | None = None
) -> PageCheck:
    """Load `url` in a fresh headless Chromium `width` px wide; return its console errors, broken images,
    title and overflowing elements; write a full-page PNG to `screenshot` if given."""
    require_chromium()
    profile = Path(tempfile.mkdtemp(prefix="stillroom-chromium-"))
    proc = None
    try:
        proc, ws_url = _start_browser(profile, timeout)
        cdp = _CDP(ws_url, timeout)
        try:
            return _inspect(cdp, url, timeout, settle_s, width, screenshot)
        finally:
            with contextlib.suppress(RuntimeError, OSError, websocket.WebSocketException):
                cdp.call("Browser.close", page=False)
            cdp.ws.close()
    finally:
        if proc is not None:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
