"""The guard's one config: where the upstream is, where state lives, and the input bounds.

Loaded with `stillroom.config.load_config(GuardSettings, guard.yaml, **cli_flags)`. The admin key
comes from the environment (`STILLROOM_ADMIN_KEY`) so it never sits in a YAML file or a shell
history; outside `env: dev` a missing or default admin key is refused at startup, because a
gateway that boots with a guessable admin key is worse than one that does not boot.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from stillroom.contracts.openai import GUARD_MAX_BODY_BYTES
from stillroom.guard.policy import UnknownUpstream, load_policy

DEFAULT_ADMIN_KEY = "changethis"


MAX_ANSWER_BYTES = 64 * 2**20  # GuardSettings.max_answer_bytes


class AltUpstream(BaseModel):
    """A named alternative upstream a policy action can `reroute` to (e.g. the operator's cheap
    model for suspected distillers). `model` replaces the request's model name on the way there;
    the client still sees the name it asked for."""

    model_config = ConfigDict(extra="forbid")

    url: str  # base URL (without /v1)
    model: str | None = None  # None: the client's model name is sent unchanged
    api_key: SecretStr | None = None
    accepts_max_tokens: bool = True  # as `upstream_accepts_max_tokens`, for this upstream


@lru_cache(maxsize=2)
def load_tokenizer(path: str) -> Any:
    """The `detector_tokenizer` file, loaded once per process (checked at start, read per request)."""
    from tokenizers import Tokenizer  # only where a guard is given one

    return Tokenizer.from_file(path)


class GuardSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    env: Literal["dev", "prod"] = "prod"
    upstream: str = "http://127.0.0.1:8000"  # base URL of the OpenAI-compatible API (without /v1)
    upstream_api_key: SecretStr | None = None  # sent upstream as Bearer; clients never see it
    # A deadline for each upstream call: connect + status + whole body (streams: to the first byte,
    # then at most this long between chunks and `upstream_stream_timeout_s` in all).
    upstream_timeout_s: float = Field(120.0, gt=0)
    upstream_stream_timeout_s: float = Field(900.0, gt=0)
    # Ask the upstream for `usage` on every stream (stream_options.include_usage) so a stream is
    # charged its real prompt tokens; the extra usage chunk is removed for clients that did not ask.
    # Off for an upstream that refuses the field: the prompt is then charged by estimate.
    upstream_stream_usage: bool = True
    upstream_max_connections: int = Field(256, ge=1)
    # The guard writes every request's answer length into `max_tokens` (servers such as
    # llama-cpp-python read no other field: policy.bound_output). False for an upstream that refuses
    # `max_tokens` (OpenAI's reasoning models): chat requests then carry `max_completion_tokens`.
    # Left True, the guard learns it from the upstream's first refusal (that request is sent again).
    upstream_accepts_max_tokens: bool = True
    # Give each key its own prefix cache on vLLM (`cache_salt`, written per key; vLLM refuses it
    # before its V1 engine): a prompt that begins like another key's is then answered no faster,
    # so no key reads another's prompts through prefix-cache timing. It costs the cache hits keys
    # shared (a common system prompt). Off, no `cache_salt` reaches the upstream (a client's own is
    # dropped: policy.SERVING_FIELDS).
    upstream_cache_salt: bool = False
    # upstream calls one key may have in flight at once, streams included (never more than a
    # quarter of `upstream_max_connections`; past it a request waits, `upstream_queue_s`, then gets
    # a 429): the pool is shared, and 16 streams one key
    # opened and never read held a 16-connection pool for `upstream_stream_timeout_s` while every
    # other key got 504s (session 26's red team)
    max_upstream_per_key: int = Field(64, ge=1)
    # seconds a request over that cap waits (first come first served, at most as many as the cap)
    # for one of its key's calls to finish before the 429: a harness's burst queues instead of failing
    upstream_queue_s: float = Field(10.0, ge=0)
    # Named alternative upstreams for the policy's `reroute` action: {cheap: {url: ..., model: ...}}.
    upstreams: dict[str, AltUpstream] = Field(default_factory=dict)
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    db: str = "sqlite:///stillroom-guard.db"  # SQLAlchemy URL; postgresql://... works too
    redis: str | None = None  # redis://host:port/db shares limits across replicas; None = in-process
    admin_key: SecretStr = SecretStr(DEFAULT_ADMIN_KEY)
    policy: str | None = None  # policy YAML path (hot-reloaded by mtime); None = built-in defaults
    detector: str | None = None  # detector config YAML path, handed to stillroom.detector.Detector
    models: list[str] | None = None  # served model ids; None = ask the upstream's /v1/models
    # The detector's state file (keys' windows, verdicts, clusters): loaded at start if present,
    # written atomically every `detector_snapshot_s` and at clean shutdown. None: kept in memory
    # only, so a restart forgets every key. A SIGKILL loses the events since the last snapshot.
    detector_state: str | None = None
    detector_snapshot_s: float = Field(60.0, gt=0)
    # Scale-out (docs/detector.md): redis://... makes the guard publish each request's detector
    # input to `detector_partitions` Redis streams (trimmed to ~`detector_stream_maxlen` records
    # each) for `stillroom detect` workers, and enforce the verdicts they publish, each read at most
    # every `detector_verdict_ttl_s` per key. None: the detector runs in this process.
    detector_stream: str | None = None
    detector_partitions: int = Field(8, ge=1)
    detector_stream_maxlen: int = Field(1_000_000, ge=1000)
    detector_verdict_ttl_s: float = Field(0.3, ge=0)

    # Input bounds: anything beyond is a 4xx before it costs the upstream anything.
    max_body_bytes: int = Field(GUARD_MAX_BODY_BYTES, ge=1024)
    max_n: int = Field(8, ge=1)
    max_tokens: int = Field(4096, ge=1)
    max_top_logprobs: int = Field(20, ge=0)
    # log-prob entries a JSON (non-streaming) answer may carry: n x prompts x answer tokens x
    # (top_logprobs + 1). The guard reads a JSON answer whole on its event loop (usage, replies,
    # the policy's treatment): `n: 8`, 4,096 tokens and top-20 is a ~42 MB answer and ~2.6 s of
    # CPU (session 26's red team). Past this, the request is refused with a pointer to `stream`
    # (relayed chunk by chunk, nothing parsed whole).
    max_logprob_entries: int = Field(65_536, ge=1)
    # The most of an upstream answer the guard holds whole: a JSON answer, or one line of a stream
    # (a stream's first event carries its prompt's log-probs: ~70 bytes an entry, so keep this well
    # above 100 x max_logprob_entries). Past it the answer is closed unread (502; a stream ends with
    # an error event): an upstream that sent one line without an end grew the guard's memory with
    # it (round 12).
    max_answer_bytes: int = Field(MAX_ANSWER_BYTES, ge=65_536)
    # list-shaped bodies, refused before validation (pipeline.check_shape): a batch of prompts on
    # completions, a conversation's messages (a long agent run is hundreds), and the content parts
    # of all its messages beyond each one's first (images...: validating each costs ~4 us of the
    # event loop)
    max_prompts: int = Field(256, ge=1)
    max_messages: int = Field(2048, ge=1)
    max_content_parts: int = Field(1024, ge=1)
    # request bodies one key may be sending at once (429 above: each may hold max_body_bytes for
    # body_timeout_s before the key's limits see it)
    max_body_reads_per_key: int = Field(16, ge=1)
    # What OpenAI's x-ratelimit-* headers show: "base", the key's own limits with what it used
    # counted against them (a verdict's tightened limit shows only when it refuses a request, so
    # the headers do not announce the verdict), or "enforced", the limits in force
    rate_limit_headers: Literal["base", "enforced"] = "base"
    header_timeout_s: float = Field(10.0, gt=0)  # a client must finish its request headers this fast
    # a client that takes none of an answer's bytes for this long (its socket buffer full and the
    # guard's write buffer not shrinking) is cut off, its buffered answer dropped: an unread stream
    # holds its upstream connection, an unread 10 MB answer the guard's memory, until then
    client_write_timeout_s: float = Field(30.0, gt=0)
    # JSON values a body may hold ("[", "{" and "," counted in its bytes, strings included): parsing
    # 1 MB of empty arrays allocated ~570k lists and cost ~370 ms of the event loop (a red team's
    # finding); bodies past this are refused before they are parsed (a 680 kB CSV pasted into a
    # message holds ~209k commas: under the bound)
    max_json_values: int = Field(400_000, ge=1000)
    body_timeout_s: float = Field(60.0, gt=0)  # ... and its body within this long (408 otherwise)
    max_header_bytes: int = Field(32_768, ge=1024)  # request line + headers (431 above)
    # What the detector is handed per request: the prompt and each message cut to this many
    # characters (head and tail), and the last `detector_max_messages` messages. Bounds the
    # detector's CPU per request whatever the body size (see TrafficEvent).
    detector_max_chars: int = Field(2000, ge=64)
    detector_max_messages: int = Field(16, ge=1)
    # The upstream model's tokenizer (a local tokenizer.json): token-id prompts on completions
    # reach the detector as the text they decode to. Without it their ids are all it can read, and
    # none of the content evidence applies to a client that tokenizes its harvest itself.
    detector_tokenizer: str | None = None
    # While other keys are sending (within the last 0.1 s), the detector spends at most about this
    # share of the event loop on one key's long prompts: after observing a key's request for c
    # seconds of CPU, the key's next observation (and so its next request) waits
    # (c - 0.5 ms) x (1/share - 1), at most 1 s. 1: no pacing (detection.py).
    detector_key_share: float = Field(0.1, gt=0, le=1)

    # Limits for keys created without their own, and the token charge when max_tokens is absent.
    default_rpm: int = Field(60, ge=1)
    default_tpm: int = Field(100_000, ge=1)
    default_completion_tokens: int = Field(256, ge=1)
    # Tokens estimated and reserved for each non-text content part (an image, audio, a file):
    # vision models bill hundreds to a few thousand tokens an image whatever its bytes, and charged
    # by bytes a burst of small images overshot a key's tpm 24-fold before the first usage came
    # back (session 28's red team). The upstream's `usage` replaces it after the answer.
    media_part_tokens: int = Field(1000, ge=0)

    store_prompts: bool = False  # raw prompts in the audit log (off: fingerprints only)
    audit_batch: int = Field(256, ge=1)
    audit_flush_s: float = Field(0.2, gt=0)  # how often rows go to the database and the journal is synced
    # The audit journal folder (append-only files written before each response completes, replayed
    # into the database at start). None: beside a SQLite database (`<db>.audit/`), else
    # `./stillroom-guard-audit/`. Replicas may share a folder: each owns its files by a lock.
    audit_journal: str | None = None
    key_cache_ttl_s: float = Field(2.0, ge=0)  # how fast a revoke from another process is seen
    metrics_public: bool = False  # /metrics without the admin key
    # Simulations only (the arena): take each request's time from `x-stillroom-clock` (unix seconds)
    # so the detector sees a simulated day's timing. Never on a real deployment: clients could lie.
    trust_clock_header: bool = False

    @property
    def weak_admin_key(self) -> bool:
        key = self.admin_key.get_secret_value()
        return key in ("", DEFAULT_ADMIN_KEY) or len(key) < 16

    @model_validator(mode="before")
    @classmethod
    def _removed(cls, data: object) -> object:
        if isinstance(data, dict) and "dashboard_public" in data:
            raise ValueError(
                "dashboard_public was removed: the dashboard page is always served (it holds no data) "
                "and its JSON always needs the admin key, which the page asks for"
            )
        return data

    @model_validator(mode="after")
    def _check_routes(self) -> GuardSettings:
        """A policy that reroutes to an upstream not defined here is refused at start, in one line
        (a missing or malformed policy file is reported when the guard loads it)."""
        if self.policy and Path(self.policy).is_file():
            try:
                load_policy(self.policy, self.upstreams)
            except UnknownUpstream as e:
                raise ValueError(str(e)) from None
            except (OSError, yaml.YAMLError, ValidationError):
                pass  # reported, as before, by the policy loader
        return self

    @model_validator(mode="after")
    def _check_tokenizer(self) -> GuardSettings:
        if self.detector_tokenizer is None:
            return self
        if not Path(self.detector_tokenizer).is_file():
            raise ValueError(f"detector_tokenizer: no file at {self.detector_tokenizer} (a tokenizer.json)")
        try:
            load_tokenizer(self.detector_tokenizer)  # loaded once: the guard's detection reads this one
        except Exception as e:  # the library's own error types
            raise ValueError(
                f"detector_tokenizer: {self.detector_tokenizer} is not a tokenizer.json ({e})"
            ) from None
        return self

    @model_validator(mode="after")
    def _check_admin_key(self) -> GuardSettings:
        if self.weak_admin_key and self.env != "dev":
            raise ValueError(
                "set STILLROOM_ADMIN_KEY to a secret of at least 16 characters "
                "(a default or empty admin key is allowed only with env: dev)"
            )
        return self
