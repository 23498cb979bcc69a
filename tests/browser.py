"""Open a page in headless Chromium and report console errors, broken images and the title.

Drives Debian's `/usr/bin/chromium` through the Chrome DevTools Protocol over a websocket
(`websocket-client`): no chromedriver/selenium version pinning, and the same code path works for
`file://` and `http://127.0.0.1` pages. Each call starts a fresh browser with a throw-away profile
and every background-networking feature off, so the check needs no network.

    from tests.browser import check_page
    page = check_page("file:///tmp/report.html")
    assert not page.console_errors and not page.broken_images
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

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


class _CDP:
    """A blocking CDP client over the browser websocket, with one flattened page session."""

    def __init__(self, ws_url: str, timeout: float):
        self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def call(self, method: str, params: dict | None = None, page: bool = True) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if page and self.session:
            msg["sessionId"] = self.session
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


def _inspect(cdp: _CDP, url: str, timeout: float, settle_s: float) -> PageCheck:
    target = cdp.call("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
    cdp.session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True}, page=False)[
        "sessionId"
    ]
    for domain in ("Runtime", "Log", "Page"):
        cdp.call(f"{domain}.enable")
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
    return PageCheck(
        console_errors=_console_errors(cdp.events),
        broken_images=broken["result"].get("value") or [],
        title=title["result"].get("value") or "",
    )


def check_page(url: str, timeout: float = 30.0, settle_s: float = 0.3) -> PageCheck:
    """Load `url` in a fresh headless Chromium; return its console errors, broken images and title."""
    profile = Path(tempfile.mkdtemp(prefix="stillroom-chromium-"))
    proc = None
    try:
        proc, ws_url = _start_browser(profile, timeout)
        cdp = _CDP(ws_url, timeout)
        try:
            return _inspect(cdp, url, timeout, settle_s)
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
