"""Policy: what the guard does to a request, given the key's verdict.

A YAML file maps each verdict to one `Action`:

    watch:   {notice: "Automated bulk extraction violates our usage policy."}
    suspect: {limit_multiplier: 0.25, top_logprobs_cap: 2, logprobs: round, watermark: true}
    block:   {block: true, reason: "distillation of this model is not permitted"}

Countermeasures that change what a flagged key can learn rather than how much it gets:
`reroute: cheap` sends the request to the guard's named alternative upstream `cheap`
(`upstreams:` in the guard settings; the client still sees the model name it asked for), and
`max_output_tokens: N` caps each answer at N tokens. `antidistill: {mode: poe, strength: 0.5}`
asks the upstream to sample answers that teach a student less (contracts/antidistill.py; sent as
the `x-stillroom-antidistill` header, which `stillroom serve` honours with a proxy student and
`allow_antidistill_header`). An upstream that does not know the header serves the answer
undefended: serve says so with `x-stillroom-antidistill: off`, any other upstream by leaving the
header out, and the audit row's action then reads `antidistill_unapplied` too; the same holds for
`watermark` (`x-stillroom-watermark: on` back from serve, `watermark_unapplied` otherwise). What each
countermeasure costs and does, measured: docs/guard.md#countermeasures, examples/policy.yaml.
A policy naming an upstream the settings do not define is refused (at start, and on a hot
reload, which keeps the last good policy).

The file is re-read when its mtime changes (checked at most every `check_s`), so an operator can
tighten policy on a live gateway; a broken edit is logged and the last good policy stays in force.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stillroom.contracts.antidistill import Antidistill
from stillroom.detector.types import VERDICTS, Verdict

log = logging.getLogger(__name__)


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit_multiplier: float = Field(1.0, gt=0, le=1)  # scales the key's rpm and tpm
    top_logprobs_cap: int | None = Field(None, ge=0)  # 0 = no logprobs at all
    logprobs: Literal["keep", "round", "perturb"] = "keep"
    round_decimals: int = Field(1, ge=0, le=6)
    perturb_sigma: float = Field(0.5, ge=0)
    watermark: bool = False  # ask the upstream for watermarked text (x-stillroom-watermark: on)
    notice: str | None = None  # usage-policy notice: response header and `stillroom_notice` field
    block: bool = False
    reason: str = "request blocked by usage policy"
    reroute: str | None = Field(None, min_length=1)  # name of an alternative upstream (settings)
    max_output_tokens: int | None = Field(None, ge=1)  # caps max_tokens / max_completion_tokens
    antidistill: Antidistill | None = None  # ask the upstream for answers that teach less

    def names(self) -> list[str]:
        """Short names of what this action does, for the audit log's `action` column."""
        if self.block:
            return ["block"]
        flags = [
            ("tighten", self.limit_multiplier < 1),
            ("cap_logprobs", self.top_logprobs_cap is not None),
            (f"{self.logprobs}_logprobs", self.logprobs != "keep"),
            ("watermark", self.watermark),
            ("notice", self.notice is not None),
            ("cap_output", self.max_output_tokens is not None),
            (f"reroute:{self.reroute}", self.reroute is not None),
            (self._antidistill_name(), self.antidistill is not None),
        ]
        return [name for name, on in flags if on] or ["allow"]

    def _antidistill_name(self) -> str:
        a = self.antidistill
        return f"antidistill:{a.mode}@{a.strength:g}" if a else ""

    @property
    def touches_logprobs(self) -> bool:
        return self.logprobs != "keep" or self.top_logprobs_cap is not None


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ok: Action = Action()
    watch: Action = Action()
    # The detector's label for recognised benchmark evaluation: served as usual, with a notice.
    evaluation: Action = Action(
        notice="Recognised as evaluation traffic; outputs may not be used to train other models."
    )
    suspect: Action = Action(
        limit_multiplier=0.25,
        top_logprobs_cap=2,
        logprobs="round",
        watermark=True,
        notice="Automated extraction of model outputs violates the usage policy.",
    )
    block: Action = Action(block=True, reason="this key is blocked for suspected model distillation")

    def action(self, verdict: Verdict) -> Action:
        return getattr(self, verdict)

    def unknown_routes(self, upstreams: Collection[str]) -> list[str]:
        """'verdict -> name' for each action rerouting to an upstream not in `upstreams`."""
        return [
            f"{verdict} -> {a.reroute}"
            for verdict in VERDICTS
            if (a := self.action(verdict)).reroute is not None and a.reroute not in upstreams
        ]


class UnknownUpstream(ValueError):
    pass


def load_policy(path: str | Path, upstreams: Collection[str] | None = None) -> Policy:
    """The policy in `path`; with `upstreams`, every `reroute` must name one of them."""
    data = yaml.safe_load(Path(path).read_text()) or {}
    policy = Policy.model_validate(data)
    if upstreams is not None and (bad := policy.unknown_routes(upstreams)):
        known = ", ".join(sorted(upstreams)) or "none defined"
        raise UnknownUpstream(
            f"policy {path} reroutes to an upstream the guard settings do not define "
            f"({'; '.join(bad)}); add it under `upstreams:` (defined: {known})"
        )
    return policy


class PolicySource:
    """The current policy, reloaded from its file when the file changes."""

    def __init__(self, path: str | None, check_s: float = 0.5, upstreams: Collection[str] = ()):
        self.path = path
        self.check_s = check_s
        self.upstreams = frozenset(upstreams)
        self.policy = load_policy(path, self.upstreams) if path else Policy()
        self._mtime = os.stat(path).st_mtime_ns if path else 0
        self._checked = time.monotonic()

    def current(self) -> Policy:
        now = time.monotonic()
        if self.path and now - self._checked >= self.check_s:
            self._checked = now
            self._maybe_reload()
        return self.policy

    def _maybe_reload(self) -> None:
        assert self.path
        try:
            mtime = os.stat(self.path).st_mtime_ns
            if mtime == self._mtime:
                return
            self._mtime = mtime
            self.policy = load_policy(self.path, self.upstreams)
            log.info("policy reloaded from %s", self.path)
        except (OSError, yaml.YAMLError, ValidationError, UnknownUpstream) as e:
            log.error("policy %s not reloaded, keeping the last good one: %s", self.path, e)


# --- what actions do to requests and responses (pure functions over OpenAI JSON) ---


def cap_request(body: dict[str, Any], endpoint: str, cap: int) -> bool:
    """Lower the requested number of top logprobs to `cap`; return whether the body changed."""
    field = "top_logprobs" if endpoint == "chat" else "logprobs"
    asked = body.get(field)
    if endpoint == "chat" and cap == 0 and body.get("logprobs"):
        body.pop("top_logprobs", None)
        body["logprobs"] = False
        return True
    if endpoint == "completions" and cap == 0 and asked is not None:
        # completions' `logprobs: 0` still returns every sampled token's log-prob (and, with
        # `echo`, the prompt's): cap 0 means none at all, so any value goes
        body.pop("logprobs")
        return True
    if isinstance(asked, int) and not isinstance(asked, bool) and asked > cap:
        body[field] = cap
        return True
    return False


# Servers' own log-prob fields beside OpenAI's: vLLM's `prompt_logprobs` (the distribution at every
# position of text the client chose: a teacher-forced logit harvest, `stillroom distill`'s served
# teacher), llama.cpp's `n_probs` (top-n per token) and `post_sampling_probs` (probabilities in
# `prob` / `top_probs` fields the OpenAI treatment does not read). Under any logprob treatment
# they would carry untreated distributions around the cap and the rounding.
# SGLang's `return_hidden_states` (the last layer's activations: more than any log-prob) and
# `return_routed_experts` (a mixture of experts' routing) are the same kind (round 11).
EXTENSION_LOGPROB_FIELDS = (
    "prompt_logprobs",
    "n_probs",
    "post_sampling_probs",
    "return_hidden_states",
    "return_routed_experts",
)
# Fields that steer the next token by id. Greedy, one token, a binary search on one token's bias:
# the logprob-free extraction of Carlini et al. (2024) recovered every log-prob of a toy upstream to
# 4e-6 in 111 requests under `top_logprobs_cap: 0` and under rounding (session 26's red team).
# Under any logprob treatment they go too (vLLM's `allowed_token_ids` restricts to chosen ids).
# A second reviewer found the same kind among vLLM's and llama.cpp's fields: restricting the answer to
# a client-chosen set of tokens or strings reads past a top-logprobs cap (`guided_choice`,
# `guided_regex`, `guided_grammar`, `structured_outputs`, `grammar`, `json_schema`), and so do
# bans and custom logits processors. Round 10's red team, samplers that do the same by probability:
# llama.cpp's XTC (`xtc_probability: 1`, greedy) answers the least likely token above
# `xtc_threshold`, so a binary search on the threshold reads each top token's probability to any
# precision; `repetition_penalty` (vLLM) and `repeat_penalty` (llama.cpp) divide the logits of the
# tokens the client put in the prompt by any factor, and DRY (`dry_multiplier`, `dry_base`) takes
# an unbounded amount off a continuation the prompt sets up. Round 11, the rest of that kind: a
# sampler that cuts the distribution at a probability threshold answers one comparison of a
# withheld probability with a number the client chose, so a binary search on the threshold reads
# it out (`min_p: m` keeps the second token iff p2/p1 >= m: ~20 requests of n: 8 at a high
# temperature read the log-prob gap to 1e-6; `top_p` reads p1 the same way, llama.cpp's
# `typical_p`, `top_n_sigma` and `mirostat_tau` their own functions of it, and its `samplers` order
# puts the temperature before its default min_p 0.05 and top_p 0.95, where the temperature becomes
# the threshold); llama.cpp applies `presence_penalty` / `frequency_penalty` to prompt tokens, so a
# token written k times in the prompt moves k x 2 nats: a bias of up to ~128 on tokens the client
# chose (its penalty window is 64 tokens); SGLang's `regex` and `ebnf` restrict the answer like
# `guided_regex` (its `custom_logit_processor` goes from every request: SERVING_FIELDS). `top_k`
# stays (a rank, not a probability: it tells which tokens lead, as plain sampling does), and so does the
# temperature, on a 0.1 grid (`coarse_temperature`). Round 16: vLLM's and SGLang's `min_tokens`
# bans the request's `stop_token_ids` (and EOS) until that many tokens are out, a ban of chosen ids
# like `bad_words`: greedy, one token, the top two banned, the answer is the third token and its
# log-prob comes back (vLLM returns raw log-probs) past a top-2 cap; and vLLM's beam search ranks
# beams by cumulative log-prob over length to the power `length_penalty`, a threshold to search on.
# Round 23: `seed` (SGLang's `sampling_seed`) fixes the sampling noise, and a client that can compute
# it has a threshold of its choosing again: SGLang's deterministic sampling draws Gumbel noise from a
# hash of (seed, position, token id), llama.cpp a uniform from mt19937(seed), vLLM exponentials from
# torch.Generator(seed); with `top_k: 2` a seeded answer is the first token exactly when the log-prob
# gap exceeds a noise difference the client computed for that seed, so choosing seeds is a binary
# search (24 requests read a gap shown rounded to 0.1 to 5e-5 through a scripted SGLang).
# Round 25: vLLM's `vllm_xargs` are the per-request arguments of the logits processors an operator
# registered (`--logits-processors`, read from `SamplingParams.extra_args`): where one takes a
# token or a threshold, a key under a treatment set it as `logits_processors` would.
# Round 33, KoboldCpp's names, which its OpenAI endpoints pass to its sampler as they come
# (koboldcpp.py: `transform_genparams` rewrites only the length, penalties, stops, seed and
# mirostat; `generate` reads the rest): `typical` (typical_p), `nsigma` (top_n_sigma), `rep_pen`
# with `rep_pen_range` / `rep_pen_slope` (it takes the largest of rep_pen, repeat_penalty and
# repetition_penalty), `sampler_order` (samplers); `top_a` and `tfs`, thresholds on a token's
# probability like min_p; `banned_tokens` / `banned_strings` (bans by string, like bad_words) and
# `custom_token_bans` (ids biased to -100); `smoothing_factor` / `smoothing_curve` and
# `dynatemp_range` / `dynatemp_exponent`, a continuous temperature past `coarse_temperature`.
LOGIT_STEERING_FIELDS = (
    "seed",
    "sampling_seed",
    "logit_bias",
    "allowed_token_ids",
    "bad_words",
    "logits_processors",
    "guided_choice",
    "guided_regex",
    "guided_grammar",
    "guided_json",
    "structured_outputs",
    "grammar",
    "json_schema",
    "xtc_probability",
    "xtc_threshold",
    "repetition_penalty",
    "repeat_penalty",
    "dry_multiplier",
    "dry_base",
    "top_p",
    "min_p",
    "typical_p",
    "top_n_sigma",
    "mirostat",
    "mirostat_tau",
    "mirostat_eta",
    "samplers",
    "presence_penalty",
    "frequency_penalty",
    "regex",
    "ebnf",
    "min_tokens",
    "length_penalty",
    "vllm_xargs",
    "typical",
    "nsigma",
    "rep_pen",
    "rep_pen_range",
    "rep_pen_slope",
    "sampler_order",
    "top_a",
    "tfs",
    "banned_tokens",
    "banned_strings",
    "custom_token_bans",
    "smoothing_factor",
    "smoothing_curve",
    "dynatemp_range",
    "dynatemp_exponent",
)
# Fields that address the serving infrastructure, not the model, dropped from every request (round
# 11): vLLM's and SGLang's `priority` (under priority scheduling a client's -10**9 went before every
# other tenant's queued requests) and OpenAI's `service_tier` ("priority" is billed to the operator
# at a premium); vLLM's `kv_transfer_params` and SGLang's `bootstrap_*` (where a disaggregated
# decoder fetches a prompt's KV cache from) and `*_dp_rank` (which replica serves it); SGLang's
# `lora_path` (an adapter the gateway's model list never named); and transformers serve's
# `generation_config`, a whole GenerationConfig whose `num_return_sequences`, `num_beams`,
# `min_new_tokens` and `sequence_bias` pass every bound, charge and treatment the gateway applies.
# Round 12: vLLM's `request_id` and SGLang's `rid` name the request inside the server, which keys
# its in-flight requests, aborts and results by them: a client-chosen id equal to another tenant's
# in-flight one is refused as a duplicate, aborts it, or mixes the two up, depending on the server
# and version; and vLLM's `cache_salt` picks whose prefix cache a prompt shares (settings
# `upstream_cache_salt` writes the key's own). Round 17, llama.cpp's own: `lora` sets each loaded
# adapter's scale for the request, and every adapter it does not name gets 0 (`[]` served the base
# model without the operator's adapters, `scale: 4` one of them four times over), and `id_slot`
# picks the slot, and so the prompt cache, that serves the request. Round 21, SGLang's own:
# `custom_logit_processor` is a dill-pickled Python callable the server unpickles and runs (with
# `--enable-custom-logit-processor`): any key in good standing ran code on the model server;
# `session_id` / `session_params` continue a session another client opened (the model reads that
# session's earlier prompts and answers); `extra_key` joins `cache_salt` in naming whose prefix
# cache a prompt shares.
# Round 25, which weights serve and how: mlx_lm.server's `adapters` loads a LoRA adapter from any
# path on the server for the request (in place of the one the operator started it with) and
# `draft_model` any local model or Hugging Face repo as the draft (downloaded if need be), each a
# reload of the whole model for the next request that names another, and `num_draft_tokens` sets
# the speculation depth; LM Studio reads `draft_model` too, and `ttl`, how long a model it loaded
# stays in memory; llama.cpp's `speculative.n_max` / `n_min` / `p_min` set its draft's depth and
# acceptance; SGLang's `ngram_corpus_id` picks the speculation corpus and `custom_labels` labels
# the operator's metrics.
# Round 32, a LiteLLM proxy as the upstream: its request body's `fallbacks` (and
# `context_window_fallbacks`, `content_policy_fallbacks`) name the model groups it tries when the
# one asked for fails, each with its own `messages` if the client likes, and
# `mock_testing_fallbacks: true` fails the first one on purpose. So any model group of the proxy
# answered: one the gateway does not list, and the one a `reroute` moved a key away from (a
# `suspect` key rerouted to `cheap` was served by the model it asked for). `api_base` and
# `base_url` name the server the proxy calls with the operator's credentials (LiteLLM refuses them
# unless `allow_client_side_credentials` is set).
# Round 33, the same by other names: LiteLLM copies `router_settings_override`'s `fallbacks`,
# `context_window_fallbacks`, `num_retries`, `timeout` and routing strategy into the call where the
# request names none (route_llm_request.py; its advisory VERIA-44: a caller reaches models its key
# cannot call), and serves a request with `user_config` through a router built from the client's
# own `model_list` (refused in request bodies only by recent LiteLLM); OpenRouter tries each model
# of `models` in turn, and `route: "fallback"` one it picks, on any error of the one asked for, a
# prompt too long for it included. A prompt over the listed model's context was served by a model
# the gateway does not list, and a `user_config` naming a listed model mapped it to any other.
SERVING_FIELDS = (
    "priority",
    "service_tier",
    "kv_transfer_params",
    "bootstrap_host",
    "bootstrap_port",
    "bootstrap_room",
    "routed_dp_rank",
    "data_parallel_rank",
    "disagg_prefill_dp_rank",
    "lora_path",
    "generation_config",
    "request_id",
    "rid",
    "cache_salt",
    "lora",
    "id_slot",
    "custom_logit_processor",
    "session_id",
    "session_params",
    "extra_key",
    "adapters",
    "draft_model",
    "num_draft_tokens",
    "ttl",
    "speculative.n_max",
    "speculative.n_min",
    "speculative.p_min",
    "ngram_corpus_id",
    "custom_labels",
    "fallbacks",
    "context_window_fallbacks",
    "content_policy_fallbacks",
    "mock_testing_fallbacks",
    "api_base",
    "base_url",
    "router_settings_override",
    "user_config",
    "models",
    "route",
)


def drop_fields(body: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Remove `fields` from the request body; whether any was there (a JSON null counts)."""
    return any([body.pop(f, body) is not body for f in fields])


def drop_extension_logprobs(body: dict[str, Any]) -> bool:
    """Remove the servers' own log-prob fields and the logit-steering ones (EXTENSION_LOGPROB_FIELDS,
    LOGIT_STEERING_FIELDS); whether any was there."""
    return drop_fields(body, (*EXTENSION_LOGPROB_FIELDS, *LOGIT_STEERING_FIELDS))


# The fields `restricts_answer` reads (pipeline.check_keys refuses keys folding onto them).
RESTRICTING_FIELDS = ("response_format", "tools", "functions", "tool_choice", "function_call")


def restricts_answer(body: dict[str, Any]) -> bool:
    """Whether the answer is decoded under a grammar the request supplies: a `response_format` other
    than plain text (JSON mode, a JSON schema, vLLM's structural tags), or tools the model may call
    (vLLM decodes a call `tool_choice` forces under the tool's parameter schema, llama.cpp any call).
    Such an answer is a choice among strings the client wrote, as `guided_choice`'s is, and the
    servers return log-probs of the choice (vLLM renormalised over what the grammar allows): a
    `suspect` key offered the 3rd and 4th tokens as a schema's `enum` and read both, and their
    log-prob gap, past a top-2 cap, one request each (round 17). Apps keep the schema; under a
    log-prob treatment such a request gets no log-probs (pipeline.apply_policy).

    Tools restrict nothing only where every field a server may choose among them by says "none":
    llama.cpp's server reads `tools` with `tool_choice` alone (absent: "auto", a grammar the model's
    first call triggers), and llama-cpp-python lets `function_call` override `tool_choice`. Read as
    one field, `tool_choice` first, `function_call: "none"` beside tools, or `tool_choice: "none"`
    beside `function_call: {"name": ...}`, left a `suspect` key its capped log-probs on an answer
    those servers decode under the tool's schema (round 21)."""
    fmt = body.get("response_format")
    if fmt is not None and not (isinstance(fmt, dict) and fmt.get("type") == "text"):
        return True
    tools, functions = body.get("tools"), body.get("functions")
    if not (tools or functions):
        return False
    fields = [f for f, offered in (("tool_choice", tools), ("function_call", functions)) if offered]
    fields += [f for f in ("tool_choice", "function_call") if body.get(f) is not None]
    return any(body.get(f) != "none" for f in fields)


def coarse_temperature(body: dict[str, Any]) -> bool:
    """Round the temperature to one decimal (0.7 stays 0.7); whether it changed. Under a logprob
    treatment no threshold the client sends is forwarded (LOGIT_STEERING_FIELDS), but a server's
    own defaults cut too (vLLM takes a model's `top_p` / `min_p` from its generation_config, e.g.
    0.8, after the temperature): a binary search on a continuous temperature would read the
    withheld gap through that fixed threshold. On a 0.1 grid each step moves a two-token
    threshold by ~0.14-0.3 nats, about what `round_decimals: 1` itself shows."""
    t = body.get("temperature")
    if type(t) not in (int, float) or t == round(t, 1):
        return False
    body["temperature"] = round(t, 1)
    return True


COMPLETIONS_DEFAULT_TOKENS = 16  # OpenAI's (and vLLM's) answer length for a completions request naming none
LENGTH_FIELDS = ("max_tokens", "max_completion_tokens", "n_predict")


def bound_output(body: dict[str, Any], endpoint: str, bound: int, write_max_tokens: bool = True) -> bool:
    """Write the answer length into the field every OpenAI-compatible server reads. Servers differ:
    vLLM generates to the end of its context when a chat request names no length (or names
    `null`); llama.cpp's server reads `n_predict`, then `max_tokens`, and defaults to the end of the
    context (-1) on chat *and* completions; llama-cpp-python and llama.cpp before Feb 2026 ignore
    `max_completion_tokens` (session 27's red team: `max_completion_tokens: 1` got 6,144 tokens past
    a policy cap of 12, and a completions request with no length 6,144 past the gateway's 256). So
    `null` lengths and `n_predict: -1` are removed, and `max_tokens` is set whenever it is absent:
    to the largest length the request names (what the reservation assumed), else the gateway's
    `bound` on chat and OpenAI's default of 16 on completions. `write_max_tokens` False (an upstream
    that refuses `max_tokens`, as OpenAI's reasoning models do) writes a chat request's length into
    `max_completion_tokens` instead. Returns whether the body changed."""
    changed = False
    if body.get("n_predict") == -1:
        del body["n_predict"]
        changed = True
    for f in ("max_tokens", "max_completion_tokens"):
        if f in body and body[f] is None:
            del body[f]
            changed = True
    asked = [v for f in LENGTH_FIELDS if type(v := body.get(f)) is int and v >= 0]
    length = max(asked) if asked else (bound if endpoint == "chat" else COMPLETIONS_DEFAULT_TOKENS)
    field = "max_tokens" if write_max_tokens or endpoint != "chat" else "max_completion_tokens"
    if field not in body:
        body[field] = length
        changed = True
    return changed


def explicit_top_logprobs(body: dict[str, Any], endpoint: str) -> bool:
    """A chat request asking for log-probs without `top_logprobs` gets `top_logprobs: 0` written in:
    OpenAI and vLLM then return the chosen tokens' log-probs alone, but llama.cpp's server returns
    the top 20 (its default), which the guard's entry limit, policy caps and detector had all read
    as none (session 27's red team: a top-20 harvest at watch instead of suspect, and an answer of
    86,016 entries past the 65,536 limit). Returns whether the body changed."""
    if endpoint == "chat" and body.get("logprobs") is True and body.get("top_logprobs") is None:
        body["top_logprobs"] = 0
        return True
    return False


def cap_output(body: dict[str, Any], cap: int) -> bool:
    """Cap the answer length at `cap` tokens (`max_tokens`, and `max_completion_tokens` and
    llama.cpp's `n_predict` where the client used them; `max_tokens` is set when it asked for
    neither); return whether the body changed."""
    fields = [f for f in ("max_tokens", "max_completion_tokens") if body.get(f) is not None] or ["max_tokens"]
    if body.get("n_predict") is not None:  # llama.cpp reads it before max_tokens
        fields.append("n_predict")
    changed = False
    for f in fields:
        asked = body.get(f)
        if not isinstance(asked, int) or isinstance(asked, bool) or asked > cap:
            body[f] = cap
            changed = True
    return changed


class Jitter:
    """The `perturb` noise: a normal draw fixed by (secret, the log-prob to 3 decimals), so the same
    value gets the same noise in every choice, chunk, request and key. Drawn afresh per choice,
    `n: 8` greedy copies and repeated requests averaged it away (median error 0.033 against sigma
    0.5 from 32 requests: session 26's red team); a per-key secret let 16 keys average it to 0.038,
    and a token's rendering (`token_id:N` or its text) in the draw gave one key two draws (the
    second reviewer): neither is in it."""

    def __init__(self, secret: bytes):
        self.secret = secret[:64]

    def gauss(self, x: float) -> float:
        h = hashlib.blake2b(f"{x:.3f}".encode(), key=self.secret, digest_size=16).digest()
        u1 = (int.from_bytes(h[:8], "little") + 1) / 2.0**64  # (0, 1]
        u2 = int.from_bytes(h[8:], "little") / 2.0**64
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


@functools.lru_cache(maxsize=4)
def jitter_of(admin_key: str) -> Jitter:
    """The guard's one `perturb` noise, keyed by its admin key: every replica draws the same noise
    and no key gets its own (Guard.jitter)."""
    return Jitter(hashlib.blake2b(admin_key.encode(), person=b"jitter").digest())


CHAT_LOGPROB_FIELDS = ("content", "refusal")  # a chat choice's token lists under `logprobs`


def process_choices(
    choices: list[dict[str, Any]], action: Action, rng: Jitter, shown: int | None = None
) -> None:
    """Apply the action's logprob treatment in place to `choices` (full responses or stream chunks).
    `shown`: the alternatives per token the client asked for, where the guard asked the upstream
    for the cap's (pipeline.rank_alternatives); the answer keeps that many.

    Under a cap, a token of the answer less likely than its position's last alternative within the
    cap (one sampled at a temperature, or a prompt token `echo` returns) shows that alternative's
    log-prob, a bound, and one with no alternatives to place it by shows none: its own is a log-prob
    past the cap. A `suspect` key sampling `n: 8` at a temperature of 2 read the 3rd and 4th tokens'
    log-probs past its top-2 cap in 4 requests, and `echo` reads the log-prob of any token the client
    writes into its prompt (round 23)."""
    cap = action.top_logprobs_cap
    for choice in choices:
        lp = choice.get("logprobs")
        if not isinstance(lp, dict):
            continue
        if cap == 0:  # none at all, whatever the upstream sent anyway
            choice["logprobs"] = None
            continue
        # chat format: OpenAI puts a refusal's tokens under `refusal`, beside `content` (round 15:
        # a suspect key got a refusal's top-5 at full precision)
        chat = [lp[f] for f in CHAT_LOGPROB_FIELDS if isinstance(lp.get(f), list)]
        for tok in (t for tokens in chat for t in tokens if isinstance(t, dict)):
            _treat_token(tok, action, rng, shown)
        # both formats where both are there: KoboldCpp writes the legacy lists beside `content` in
        # one object (round 31: the chat half was treated, and the legacy half beside it showed a
        # `suspect` key the 3rd token's own log-prob and every alternative, unrounded)
        if isinstance(lp.get("token_logprobs"), list):  # completions format
            values, (tops, pairs) = lp["token_logprobs"], _alternatives(lp.get("top_logprobs"))
            if cap is not None:
                names = lp.get("tokens") if isinstance(lp.get("tokens"), list) else []
                for i, x in enumerate(values):
                    d = tops[i] if i < len(tops) and tops[i] is not None else {}
                    values[i], kept = _place(x, names[i] if i < len(names) else None, d, cap)
                    if i < len(tops) and tops[i] is not None:
                        tops[i] = kept
            lp["token_logprobs"] = [_treat(x, action, rng) for x in values]
            if lp.get("top_logprobs") is not None:
                treated = [_treat_dict(d, action, rng, shown) for d in tops]
                lp["top_logprobs"] = [
                    [[k, v] for k, v in d.items()] if p else d for d, p in zip(treated, pairs, strict=True)
                ]


def _alternatives(tops: Any) -> tuple[list[dict[Any, Any] | None], list[bool]]:
    """A completions answer's `top_logprobs` as one dict per position (None where there is none to
    read), and which positions came as mlx_lm.server writes them: a list of [token id, log-prob]
    pairs, where OpenAI, vLLM and llama-cpp-python write {token: log-prob}. mlx_lm.server answers
    chat in this format too. A position in any other shape is None, not returned: the treatment
    cannot read it (round 31: mlx_lm.server's pairs went out as they came, a `suspect` key reading
    -0.1234567 past `round_decimals: 1`, and under `perturb` unperturbed)."""
    out: list[dict[Any, Any] | None] = []
    pairs: list[bool] = []
    for d in tops if isinstance(tops, list) else ():
        pair = isinstance(d, list) and all(
            isinstance(p, list) and len(p) == 2 and isinstance(p[0], int | str) for p in d
        )
        out.append(dict(d) if pair else d if isinstance(d, dict) else None)
        pairs.append(pair)
    return out, pairs


def _treat_token(tok: dict[str, Any], action: Action, rng: Jitter, shown: int | None = None) -> None:
    """One chat token's entry; llama.cpp's `prob` / `top_probs` (post-sampling probabilities, if an
    upstream sends them although the request field was dropped) get the same cap and treatment."""
    cap = action.top_logprobs_cap
    for value, tops_field in (("logprob", "top_logprobs"), ("prob", "top_probs")):
        tops = tok.get(tops_field)
        if cap is not None:
            kept = [t for t in tops[:cap] if isinstance(t, dict)] if isinstance(tops, list) else []
            if value in tok:  # placed against the cap (process_choices)
                tok[value] = _at_least(tok[value], kept[-1].get(value) if kept else None)
            if isinstance(tops, list):
                tops = tops[:cap][:shown]
        if value in tok:
            tok[value] = _treat_value(tok[value], value, action, rng)
        if isinstance(tops, list):
            for t in tops:
                if isinstance(t, dict):
                    t[value] = _treat_value(t.get(value), value, action, rng)
            tok[tops_field] = tops


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _place(x: Any, name: Any, d: dict[str, Any], cap: int) -> tuple[Any, dict[str, Any]]:
    """(a completions position's log-prob, its alternatives) under a cap of `cap`: the token's own
    log-prob where the position shows it among the top `cap`, else the last of the top `cap`
    alternatives it can place (a bound; None without any), and only alternatives that are the
    upstream's own top ones.

    A completions position is a dict from token *strings* to log-probs, to which llama-cpp-python
    and vLLM add the chosen token: tokens that render alike (every partial UTF-8 byte renders as
    '') share one entry, the last written winning, and the chosen one is written last. So an entry
    under the chosen token's string (or holding its log-prob) may be the chosen token's own, not an
    alternative, and a short dict hides how many tokens lead it: under a top-2 cap, `{'': -3.57}`
    was a 5th token's log-prob and `{'': -3.34, '了': -3.52}` a 3rd's (round 24: 112 of 707
    positions of answers to Japanese, Chinese and emoji prompts sampled at a temperature of 1.5
    from llama-cpp-python showed a log-prob past the cap, of tokens ranked up to 43rd). The token's own
    log-prob is shown only where an alternative that is not it is less likely (the token leads a
    token of the top `cap`) and fewer than `cap` lead it; a token at the cap's last place with no
    such witness shows the one before it, a bound."""
    own = {k for k, v in d.items() if k == name or (_number(x) and v == x)}
    alts = [(k, v) for k, v in _ranked(d) if k not in own and _number(v)]
    placed = _number(x) and sum(v > x for _, v in alts) < cap and any(v < x for _, v in alts)
    if placed:
        kept = _ranked({**dict(alts), **{k: d[k] for k in own}})[:cap]
        return x, dict(kept)
    kept = alts[:cap]
    return (kept[-1][1] if kept and x is not None else None), dict(kept)


def _at_least(x: Any, floor: Any) -> Any:
    """A token's log-prob (or probability) under a cap: as it is where it is at least `floor`, the
    last alternative's within the cap; that alternative's where it is less; None where there is
    nothing to place it by."""
    if x is None or not _number(floor):
        return None
    if not _number(x) or x < floor:
        return floor
    return x


def _treat_value(x: Any, kind: str, action: Action, rng: Jitter) -> Any:
    """`_treat` on a log-prob, or on a probability through its log (a probability of 0 stays 0:
    perturbing it directly could make it negative)."""
    if kind == "logprob" or not _number(x):
        return _treat(x, action, rng)
    return math.exp(_treat(math.log(min(1.0, x)), action, rng)) if x > 0 else x


def _ranked(d: dict[str, Any]) -> list[tuple[str, Any]]:
    """A completions position's alternatives, most likely first."""
    return sorted(d.items(), key=lambda kv: -kv[1] if isinstance(kv[1], int | float) else 0)


def _treat_dict(d: Any, action: Action, rng: Jitter, shown: int | None = None) -> Any:
    if not isinstance(d, dict):
        return d
    items = _ranked(d)
    if action.top_logprobs_cap is not None:
        items = items[: action.top_logprobs_cap][:shown]
    return {k: _treat(v, action, rng) for k, v in items}


def _treat(x: Any, action: Action, rng: Jitter) -> Any:
    if not isinstance(x, int | float) or isinstance(x, bool):
        return x
    if action.logprobs == "round":
        return round(x, action.round_decimals)
    if action.logprobs == "perturb" and math.isfinite(x):
        return min(0.0, x + action.perturb_sigma * rng.gauss(x))
    return x
