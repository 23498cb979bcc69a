"""The guard's one config: where the upstream is, where state lives, and the input bounds.

Loaded with `stillroom.config.load_config(GuardSettings, guard.yaml, **cli_flags)`. The admin key
comes from the environment (`STILLROOM_ADMIN_KEY`) so it never sits in a YAML file or a shell
history; outside `env: dev` a missing or default admin key is refused at startup, because a
gateway that boots with a guessable admin key is worse than one that does not boot.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from stillroom.contracts.openai import GUARD_MAX_BODY_BYTES

DEFAULT_ADMIN_KEY = "changethis"


class GuardSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    env: Literal["dev", "prod"] = "prod"
    upstream: str = "http://127.0.0.1:8000"  # base URL of the OpenAI-compatible API (without /v1)
    upstream_api_key: SecretStr | None = None  # sent upstream as Bearer; clients never see it
    upstream_timeout_s: float = Field(120.0, gt=0)
    upstream_max_connections: int = Field(256, ge=1)
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    db: str = "sqlite:///stillroom-guard.db"  # SQLAlchemy URL; postgresql://... works too
    redis: str | None = None  # redis://host:port/db shares limits across replicas; None = in-process
    admin_key: SecretStr = SecretStr(DEFAULT_ADMIN_KEY)
    policy: str | None = None  # policy YAML path (hot-reloaded by mtime); None = built-in defaults
    detector: str | None = None  # detector config YAML path, handed to stillroom.detector.Detector
    models: list[str] | None = None  # served model ids; None = ask the upstream's /v1/models

    # Input bounds: anything beyond is a 4xx before it costs the upstream anything.
    max_body_bytes: int = Field(GUARD_MAX_BODY_BYTES, ge=1024)
    max_n: int = Field(8, ge=1)
    max_tokens: int = Field(4096, ge=1)
    max_top_logprobs: int = Field(20, ge=0)

    # Limits for keys created without their own, and the token charge when max_tokens is absent.
    default_rpm: int = Field(60, ge=1)
    default_tpm: int = Field(100_000, ge=1)
    default_completion_tokens: int = Field(256, ge=1)

    store_prompts: bool = False  # raw prompts in the audit log (off: fingerprints only)
    audit_batch: int = Field(256, ge=1)
    audit_flush_s: float = Field(0.2, gt=0)
    key_cache_ttl_s: float = Field(2.0, ge=0)  # how fast a revoke from another process is seen
    metrics_public: bool = False  # /metrics without the admin key
    dashboard_public: bool = False  # /dashboard without the admin key (for a browser)
    # Simulations only (the arena): take each request's time from `x-stillroom-clock` (unix seconds)
    # so the detector sees a simulated day's timing. Never on a real deployment: clients could lie.
    trust_clock_header: bool = False

    @property
    def weak_admin_key(self) -> bool:
        key = self.admin_key.get_secret_value()
        return key in ("", DEFAULT_ADMIN_KEY) or len(key) < 16

    @model_validator(mode="after")
    def _check_admin_key(self) -> GuardSettings:
        if self.weak_admin_key and self.env != "dev":
            raise ValueError(
                "set STILLROOM_ADMIN_KEY to a secret of at least 16 characters "
                "(a default or empty admin key is allowed only with env: dev)"
            )
        return self
