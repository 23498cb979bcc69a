"""Per-key token buckets for requests/min and tokens/min, in process or shared through Redis.

A bucket holds up to `cap` units and refills at `cap/60` per second. A request takes 1 request
unit and an estimate of its tokens (prompt + max_tokens x n) up front, both or neither; when the
answer arrives the difference to the real usage is charged or refunded (`force=True`, which may
drive a bucket below zero, like OpenAI's). The Redis backend runs the whole check-and-take in ONE
Lua script using the Redis clock, so any number of guard replicas enforce one limit together —
the property LiteLLM's per-replica memory lacks.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

LUA_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rcap, tcap = tonumber(ARGV[1]), tonumber(ARGV[2])
local rcost, tcost = tonumber(ARGV[3]), tonumber(ARGV[4])
local function level(key, cap)
  local v = redis.call('HMGET', key, 'l', 't')
  if not v[1] then return cap end
  return math.min(cap, tonumber(v[1]) + (now - tonumber(v[2])) * cap / 60)
end
local r, k = level(KEYS[1], rcap), level(KEYS[2], tcap)
local ok = 1
if ARGV[5] ~= '1' and (r < rcost or k < tcost) then ok = 0 end
if ok == 1 then
  r = math.min(rcap, r - rcost)
  k = math.min(tcap, k - tcost)
  local ttl = 61 + math.ceil(60 * math.max(0, -r / rcap, -k / tcap))
  redis.call('HSET', KEYS[1], 'l', tostring(r), 't', tostring(now))
  redis.call('HSET', KEYS[2], 'l', tostring(k), 't', tostring(now))
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
end
return {ok, tostring(r), tostring(k)}
"""


@dataclass(frozen=True)
class LimitResult:
    allowed: bool
    rpm: int
    tpm: int
    requests_left: float
    tokens_left: float
    retry_after_s: float  # 0 when allowed

    def reset_requests_s(self) -> float:
        return max(0.0, (self.rpm - self.requests_left) * 60 / self.rpm)

    def reset_tokens_s(self) -> float:
        return max(0.0, (self.tpm - self.tokens_left) * 60 / self.tpm)

    def headers(self) -> dict[str, str]:
        """OpenAI's rate-limit headers."""
        return {
            "x-ratelimit-limit-requests": str(self.rpm),
            "x-ratelimit-remaining-requests": str(max(0, math.floor(self.requests_left))),
            "x-ratelimit-reset-requests": format_duration(self.reset_requests_s()),
            "x-ratelimit-limit-tokens": str(self.tpm),
            "x-ratelimit-remaining-tokens": str(max(0, math.floor(self.tokens_left))),
            "x-ratelimit-reset-tokens": format_duration(self.reset_tokens_s()),
        }


def format_duration(s: float) -> str:
    """OpenAI's reset format: `20ms`, `1.5s`, `6m0s`."""
    if s < 1:
        return f"{math.ceil(s * 1000)}ms"
    if s < 60:
        return f"{s:.3g}s"
    m, rest = divmod(math.ceil(s), 60)
    return f"{m}m{rest}s"


def _result(ok: bool, rpm: int, tpm: int, r: float, k: float, rcost: float, tcost: float) -> LimitResult:
    wait = 0.0 if ok else max((rcost - r) * 60 / rpm, (tcost - k) * 60 / tpm, 0.0)
    return LimitResult(ok, rpm, tpm, r, k, wait)


class MemoryLimiter:
    """Buckets in this process's memory: exact for one replica, and no network hop."""

    def __init__(self) -> None:
        self._buckets: dict[str, tuple[float, float, float]] = {}  # key -> (requests, tokens, ts)

    async def take(
        self, key: str, rpm: int, tpm: int, rcost: float, tcost: float, force: bool = False
    ) -> LimitResult:
        now = time.monotonic()
        r, k, ts = self._buckets.get(key, (rpm, tpm, now))
        r = min(rpm, r + (now - ts) * rpm / 60)
        k = min(tpm, k + (now - ts) * tpm / 60)
        ok = force or (r >= rcost and k >= tcost)
        if ok:
            r, k = min(rpm, r - rcost), min(tpm, k - tcost)
            self._buckets[key] = (r, k, now)
        return _result(ok, rpm, tpm, r, k, rcost, tcost)

    async def close(self) -> None:
        self._buckets.clear()


class RedisLimiter:
    """Buckets in Redis, taken atomically by one Lua script (uses the Redis clock, not ours).

    If Redis is unreachable the guard keeps serving on per-replica memory buckets (logged), the
    way LiteLLM falls back: limits loosen to per-replica for that time instead of failing closed.
    """

    def __init__(self, url: str, prefix: str = "stillroom:rl:"):
        # A blocking pool: under a burst, callers wait for a connection rather than erroring out.
        pool = aioredis.BlockingConnectionPool.from_url(
            url, max_connections=64, timeout=2.0, socket_timeout=1.0, socket_connect_timeout=1.0
        )
        self.client = aioredis.Redis(connection_pool=pool)
        self.prefix = prefix
        self.script = self.client.register_script(LUA_TAKE)
        self.fallback = MemoryLimiter()
        self._warned = 0.0
        self.down_since: float | None = None  # monotonic time of the first failure of an outage

    async def take(
        self, key: str, rpm: int, tpm: int, rcost: float, tcost: float, force: bool = False
    ) -> LimitResult:
        keys = [f"{self.prefix}{key}:r", f"{self.prefix}{key}:t"]
        try:
            ok, r, k = await self.script(keys=keys, args=[rpm, tpm, rcost, tcost, "1" if force else "0"])
        except (RedisError, OSError) as e:
            now = time.monotonic()
            self.down_since = self.down_since or now
            if now - self._warned > 10:
                self._warned = now
                log.error("redis limiter unavailable, using per-replica memory buckets: %s", e)
            return await self.fallback.take(key, rpm, tpm, rcost, tcost, force)
        if self.down_since is not None:
            log.warning(
                "redis limiter reachable again after %.0f s: limits are shared across replicas again",
                time.monotonic() - self.down_since,
            )
            self.down_since, self._warned = None, 0.0
        return _result(bool(ok), rpm, tpm, float(r), float(k), rcost, tcost)

    async def close(self) -> None:
        await self.client.aclose()
        await self.client.connection_pool.disconnect()


Limiter = MemoryLimiter | RedisLimiter


def make_limiter(redis_url: str | None) -> Limiter:
    return RedisLimiter(redis_url) if redis_url else MemoryLimiter()
