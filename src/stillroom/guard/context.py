"""The one typed object each request carries through the hooks, in this fixed order:

    auth -> limits -> detector -> policy -> upstream -> post-processing -> audit

Each hook (see pipeline.py) reads what the earlier ones filled in and adds its own part; the audit
hook writes the whole context as one row, so the log shows exactly what the guard knew and did.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from stillroom.contracts.openai import GatewayChatRequest, GatewayCompletionRequest
from stillroom.detector.types import Assessment, Verdict
from stillroom.guard.keys import ApiKey
from stillroom.guard.limits import LimitResult
from stillroom.guard.policy import Action

Endpoint = Literal["chat", "completions"]
_SPACE = re.compile(r"\s+")


def fingerprint(text: str) -> str:
    """A stable id for a prompt that survives case and whitespace edits but reveals nothing."""
    return hashlib.sha256(_SPACE.sub(" ", text.strip().lower()).encode()).hexdigest()[:32]


@dataclass
class RequestContext:
    endpoint: Endpoint
    key: ApiKey  # auth
    raw_body: bytes  # as the client sent it; forwarded unchanged unless policy edits `body`
    body: dict[str, Any]  # the JSON sent upstream (policy may edit it)
    request: GatewayChatRequest | GatewayCompletionRequest  # the validated view of the body
    prompt: str
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ts: float = field(default_factory=time.time)
    started: float = field(default_factory=time.perf_counter)
    token_estimate: int = 0
    limit: LimitResult | None = None  # limits
    assessment: Assessment | None = None  # detector
    verdict: Verdict = "ok"  # detector, or the admin's override
    action: Action | None = None  # policy
    body_changed: bool = False
    status: int = 0  # upstream
    upstream_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # added to the client's response

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.prompt)

    @property
    def stream(self) -> bool:
        return bool(self.request.stream)

    def action_names(self) -> str:
        if self.status == 429:
            return "rate_limited"
        return ",".join(self.action.names()) if self.action else "none"
