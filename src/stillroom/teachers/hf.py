"""The `hf` teacher: any transformers causal LM, run locally with batched generation.

Loading, the GGUF cache, fingerprints and prompt encoding are the shared model layer
(`stillroom.models`); this module is the decode loop: batching, the KV cache, sampling, stops,
and (for serve) a prefix cache that reuses the prompt KV a new prompt shares with a recent one.

The KV cache subclasses `transformers.cache_utils.DynamicLayer`, an internal API: pyproject pins
transformers to the range its tests (test_teachers, test_harvest_decode, test_serve_api) passed on:
5.0.0, 5.10.4, 5.20.2, 5.23.0 and 5.24.0. transformers 5.24 warns that `past_key_values` goes away
in 5.40; widen the pin only after those tests pass on the new version.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from transformers import DynamicCache, LogitsProcessor, PreTrainedTokenizerBase
from transformers.cache_utils import DynamicLayer

from stillroom.contracts.antidistill import Antidistill
from stillroom.errors import UserError
from stillroom.models import encode_prompt, load_hf, model_fingerprint, resolve_model_path
from stillroom.teachers.antidistill import Proxy, ads_scores, fd_delta, keep_stop_mass, poe_scores
from stillroom.teachers.base import Completion, GenParams, OnTokens, Prompt, TokenEvent
from stillroom.watermark import make_processor


class _GrowingLayer(DynamicLayer):
    """A KV-cache layer that writes each step into preallocated room instead of `torch.cat`.

    The stock DynamicLayer copies the whole cache every step (O(T^2) bytes per sequence); on a
    2-core CPU that was ~20% of decode time. Rows that finish are dropped with
    `batch_select_indices`, so later steps only pay for live sequences.
    """

    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity
        self.length = 0

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        self.dtype, self.device = key_states.dtype, key_states.device
        b, h, _, d = key_states.shape
        self._k = key_states.new_empty(b, h, self.capacity, d)
        self._v = value_states.new_empty(b, value_states.shape[1], self.capacity, value_states.shape[-1])
        self.is_initialized = True

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs):
        if not self.is_initialized:
            self.lazy_initialization(key_states, value_states)
        end = self.length + key_states.shape[-2]
        self._k[:, :, self.length : end] = key_states
        self._v[:, :, self.length : end] = value_states
        self.length = end
        self.keys, self.values = self._k[:, :, :end], self._v[:, :, :end]
        return self.keys, self.values

    def seed(self, keys: torch.Tensor, values: torch.Tensor, rows: int) -> None:
        """Start every row with the same cached prompt beginning (`PrefixCache`): [1, h, m, d] each."""
        self.lazy_initialization(keys.expand(rows, -1, -1, -1), values.expand(rows, -1, -1, -1))
        self.length = keys.shape[-2]
        self._k[:, :, : self.length] = keys
        self._v[:, :, : self.length] = values
        self.keys, self.values = self._k[:, :, : self.length], self._v[:, :, : self.length]

    def get_seq_length(self) -> int:
        return self.length

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        if self.is_initialized:
            self._k, self._v = self._k[indices], self._v[indices]
            self.keys, self.values = self._k[:, :, : self.length], self._v[:, :, : self.length]


KV = list[tuple[torch.Tensor, torch.Tensor]]  # per layer (keys, values), each [1, heads, tokens, dim]


class PrefixCache:
    """The prompt KV of recent batches, so a prompt that begins like a recent one skips that part
    of its prefill (automatic prefix caching, as vLLM and llama.cpp's server do).

    Chat prompts share a long beginning: the template's system prompt (SmolLM2 adds one when the
    client sends none) and the user turn's header; on a CPU that is most of a short chat's prefill,
    and prefill is most of the time to the first token. A key at position p depends only on tokens
    <= p, so the cached KV of any common prefix is exact; only float rounding of a different
    matmul shape differs (about 1e-6), so it is serve's option, not harvest's. Entries are evicted
    least recently used beyond `max_tokens` cached tokens (SmolLM2-135M, fp32: 46 KB per token) or
    `max_entries` prompts (each lookup compares against all of them).
    """

    def __init__(self, max_tokens: int, max_entries: int = 16):
        self.max_tokens, self.max_entries = max_tokens, max_entries
        self._entries: OrderedDict[tuple[int, ...], KV] = OrderedDict()
        self.hits = self.reused_tokens = 0

    def find(self, prompts: list[list[int]]) -> tuple[int, KV | None]:
        """The longest cached prefix every prompt starts with (at least one token of each left to
        run), and its KV; (0, None) when there is none."""
        best, found = 0, None
        for key in self._entries:
            m = min(shared_prefix(key, p) for p in prompts)
            if m > best:
                best, found = m, key
        best = min(best, min(len(p) for p in prompts) - 1)
        if found is None or best < 1:
            return 0, None
        self._entries.move_to_end(found)
        self.hits, self.reused_tokens = self.hits + 1, self.reused_tokens + best
        return best, [(k[:, :, :best], v[:, :, :best]) for k, v in self._entries[found]]

    def store(self, prompt: list[int], kv: KV) -> None:
        if len(prompt) > self.max_tokens:
            return
        self._entries[tuple(prompt)] = kv
        self._entries.move_to_end(tuple(prompt))
        while len(self._entries) > self.max_entries or sum(map(len, self._entries)) > self.max_tokens:
            self._entries.popitem(last=False)


def shared_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens two sequences have in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


@dataclass
class _Decoded:
    """What one batch's decode loop produced, row-major over (prompt, sample) rows."""

    tokens: torch.Tensor  # [R, T] generated ids (pad after the row finished)
    steps: torch.Tensor  # [R] tokens generated per row (EOS included)
    chosen_lp: torch.Tensor  # [R, T] logprob of the chosen token
    top_ids: torch.Tensor | None  # [R, T, k]
    top_lp: torch.Tensor | None  # [R, T, k]


class HFTeacher:
    """Batched local generation: prompts sorted by length, left padding, KV cache."""

    def __init__(
        self,
        path: str = "default",
        device: str | None = None,
        batch_size: int = 64,
        dtype: torch.dtype | None = None,
    ):
        self.name = f"hf:{path}"
        self.path = path
        self.model, self.tokenizer = load_hf(path, device=device, dtype=dtype)
        self.batch_size = batch_size
        self.tokenizer.padding_side = "left"
        self._eos = self._eos_ids()
        self.prefixes: PrefixCache | None = None  # off: harvest's numbers must not depend on history
        # The proxy student antidistill rows need (serve builds it at start); None: they run plain.
        self.proxy: Proxy | None = None

    def keep_prefixes(self, max_tokens: int) -> None:
        """Reuse the KV of prompt beginnings seen recently (`PrefixCache`); 0 turns it off."""
        self.prefixes = PrefixCache(max_tokens) if max_tokens else None

    @property
    def device(self) -> torch.device:
        return self.model.device

    def info(self) -> dict[str, Any]:
        folder = resolve_model_path(self.path)
        return {
            "backend": "hf",
            "spec": self.name,
            "folder": str(folder),
            "fingerprint": model_fingerprint(folder),
            "vocab_size": self.model.config.vocab_size,
            "params": sum(p.numel() for p in self.model.parameters()),
        }

    def _eos_ids(self) -> list[int]:
        eos = self.model.generation_config.eos_token_id
        ids = eos if isinstance(eos, list) else [eos] if eos is not None else []
        if self.tokenizer.eos_token_id is not None and self.tokenizer.eos_token_id not in ids:
            ids.append(self.tokenizer.eos_token_id)
        return ids

    def generate(self, prompts: list[Prompt], params: GenParams) -> list[Completion]:
        return self.generate_many([(prompts, params)])[0]

    def generate_many(
        self, jobs: list[tuple[list[Prompt], GenParams]], on_tokens: OnTokens | None = None
    ) -> list[list[Completion]]:
        """Several requests, each with its own settings, decoded together in shared batches.

        Temperature, top-p, max_new_tokens, top-k logprobs, n, stop strings, watermark and
        antidistill are per row, so serve can batch whatever traffic arrives instead of one sampling
        config at a time. Antidistill rows share batches with each other, not with plain rows, so
        plain rows never pay for the proxy's forwards. A seeded sampling job runs alone: its
        random draws must not depend on who else is batched.
        `on_tokens` gets each step's new tokens as they are decoded (serve's live streams).
        """
        limit = getattr(self.model.config, "max_position_embeddings", None)
        rows: list[tuple[int, int, list[int], GenParams]] = []  # (job, prompt index, ids, params)
        for j, (prompts, params) in enumerate(jobs):
            for i, p in enumerate(prompts):
                ids = encode_prompt(self.tokenizer, p)
                if limit and len(ids) + params.max_new_tokens > limit:
                    raise UserError(
                        f"prompt {i} has {len(ids)} tokens; with max_new_tokens it exceeds the context ({limit})"
                    )
                rows.append((j, i, ids, params))
        out: list[list[Completion | None]] = [[None] * (len(p) * g.n) for p, g in jobs]
        solo = [[r for r in rows if r[0] == j] for j, (_, g) in enumerate(jobs) if g.seeded]
        shared = [r for r in rows if not r[3].seeded and not self._defended(r[3])]
        defended = [r for r in rows if not r[3].seeded and self._defended(r[3])]
        for group in [*solo, shared, defended]:
            group = sorted(group, key=lambda r: -len(r[2]))
            for start in range(0, len(group), self.batch_size):
                batch = group[start : start + self.batch_size]
                for (j, i, _, g), comps in zip(batch, self._generate_batch(batch, on_tokens), strict=True):
                    for c in comps:
                        c.prompt_index = i
                        out[j][i * g.n + c.sample] = c
        return out  # type: ignore[return-value]

    def _defended(self, params: GenParams) -> bool:
        return params.antidistill is not None and self.proxy is not None

    @torch.inference_mode()
    def score(self, prompts: list[Prompt | list[int]], top_k: int) -> list[Completion]:
        """The teacher's distribution at every position of each prompt (nothing generated): what a
        served teacher hands an online `kd` student, and the legacy API's `echo` + `max_tokens: 0`.

        One Completion per prompt whose `token_ids` are the prompt's ids and whose per-token fields
        are for tokens 1.. (token 0 has no context to be predicted from): `logprobs[t-1]` is token
        t's logprob, `top_ids[t-1]` / `top_logprobs[t-1]` the top-k at that position. Padded
        batches with an attention mask; the [B, T, vocab] logits are the memory bound, hence 8 rows.
        """
        seqs = [p if _is_ids(p) else encode_prompt(self.tokenizer, p) for p in prompts]  # type: ignore[arg-type]
        limit = getattr(self.model.config, "max_position_embeddings", None)
        for i, ids in enumerate(seqs):
            if not ids or (limit and len(ids) > limit):
                raise UserError(f"prompt {i} has {len(ids)} tokens; scoring needs 1 to {limit}")
        out = []
        for start in range(0, len(seqs), 8):
            out += self._score_batch(seqs[start : start + 8], top_k)
        return out

    def _score_batch(self, seqs: list[list[int]], top_k: int) -> list[Completion]:
        width = max(len(s) for s in seqs)
        pad = self.tokenizer.pad_token_id or 0
        ids = torch.tensor([s + [pad] * (width - len(s)) for s in seqs], device=self.device)
        mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in seqs], device=self.device)
        logits = self.model(input_ids=ids, attention_mask=mask, use_cache=False).logits[:, :-1].float()
        lp = logits.log_softmax(-1)
        chosen = lp.gather(-1, ids[:, 1:, None]).squeeze(-1)
        top_v, top_i = lp.topk(top_k, dim=-1) if top_k else (None, None)
        out = []
        for r, s in enumerate(seqs):
            n = len(s) - 1
            c = Completion(
                text=self.tokenizer.decode(s, skip_special_tokens=False),
                token_ids=s,
                finish_reason="length",
                prompt_tokens=len(s),
                logprobs=chosen[r, :n].tolist(),
                extra={"scored": True},
            )
            if top_k:
                c.top_ids, c.top_logprobs = top_i[r, :n].tolist(), top_v[r, :n].tolist()
            out.append(c)
        return out

    @torch.inference_mode()
    def _generate_batch(
        self, batch: list[tuple[int, int, list[int], GenParams]], on_tokens: OnTokens | None = None
    ) -> list[list[Completion]]:
        """Completions per entry of `batch` (each entry's n samples are adjacent rows).

        With a prefix cache hit of m tokens the model sees [cached m | left padding | the rest of
        each prompt] (the mask covers the holes, positions follow the mask), while the sampler's
        history stays the left-padded prompts; rows are sorted longest first, so row 0 has no
        padding and its prompt KV is stored for the next batch."""
        prompts = [r[2] for r in batch]
        # Antidistill rows (batched apart from plain ones) prefill their proxies on the whole
        # left-padded prompts, which a reused prefix's mask layout does not describe: no reuse.
        proxied = self.proxy is not None and any(g.antidistill for *_, g in batch)
        shared, kv = self.prefixes.find(prompts) if self.prefixes and not proxied else (0, None)
        reps = torch.tensor([g.n for *_, g in batch], device=self.device)

        def padded(seqs: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
            enc = self.tokenizer.pad({"input_ids": seqs}, return_tensors="pt").to(self.device)
            ids, mask = enc["input_ids"], enc["attention_mask"]
            return ids.repeat_interleave(reps, 0), mask.repeat_interleave(reps, 0)

        history, mask = padded(prompts)
        reuse = None
        if kv is not None:
            rest, rest_mask = padded([p[shared:] for p in prompts])
            mask = torch.cat([rest_mask.new_ones(rest_mask.shape[0], shared), rest_mask], 1)
            reuse = (rest, kv)
        per_row = [g for *_, g in batch for _ in range(g.n)]
        targets = [(j, i * g.n + s, g.top_logprobs) for j, i, _, g in batch for s in range(g.n)]
        dec = self._decode(
            history,
            mask,
            per_row,
            _generator(batch[0][3], self.device),
            _announcer(targets, on_tokens) if on_tokens else None,
            reuse,
            prompts[0] if self.prefixes and len(prompts[0]) == max(map(len, prompts)) else None,
        )
        comps, row = [], 0
        for _, _, ids, g in batch:
            comps.append([self._completion(row + s, s, dec, ids, g) for s in range(g.n)])
            row += g.n
        return comps

    def _decode(
        self,
        ids: torch.Tensor,
        mask: torch.Tensor,
        per_row: list[GenParams],
        gen: torch.Generator | None,
        announce: Callable[[int, torch.Tensor, _Decoded], None] | None = None,
        reuse: tuple[torch.Tensor, KV] | None = None,
        keep: list[int] | None = None,
    ) -> _Decoded:
        """Greedy or sampled decoding with a KV cache, same maths as `model.generate`, minus its overhead.

        Finished rows (EOS, or their own max_new_tokens) leave the batch and their cache rows are
        dropped; the top-k of every step is computed from logits minus logsumexp (no [B, vocab]
        log-softmax copy), and everything stays on the device until the end: no per-step host sync.
        `ids` is what the sampler sees; `reuse` (the input after the cached prefix, that prefix's
        KV) replaces part of the prefill, `mask` then covering both; `keep`: row 0's prompt, whose
        KV goes into the prefix cache.
        """
        rows = ids.shape[0]
        steps_max = max(g.max_new_tokens for g in per_row)
        k = max(g.top_logprobs for g in per_row)
        sampler = _Sampler(per_row, self.model.config.vocab_size, ids.device, gen, self.proxy, self._eos)
        limit = torch.tensor([g.max_new_tokens for g in per_row], device=ids.device)
        eos = torch.tensor(self._eos, device=ids.device)
        cache = DynamicCache(config=self.model.config)
        cache.layers = [_GrowingLayer(mask.shape[1] + steps_max) for _ in cache.layers]
        inputs = ids
        if reuse is not None:
            inputs, kv = reuse
            for layer, (keys, values) in zip(cache.layers, kv, strict=True):
                layer.seed(keys, values, rows)
        out = _Decoded(
            tokens=ids.new_full((rows, steps_max), self.tokenizer.pad_token_id),
            steps=limit.clone(),
            chosen_lp=torch.zeros(rows, steps_max, device=ids.device),
            top_ids=ids.new_zeros(rows, steps_max, k) if k else None,
            top_lp=torch.zeros(rows, steps_max, k, device=ids.device) if k else None,
        )
        proxies = _ProxyRun(self.proxy, sampler.modes, ids.shape[1] + steps_max)
        pos = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
        logits = self.model(
            input_ids=inputs,
            attention_mask=mask,
            position_ids=pos[:, -inputs.shape[1] :],
            past_key_values=cache,
            logits_to_keep=1,
        ).logits[:, -1]
        extra = proxies.forward(ids, mask, pos)
        live = torch.arange(rows, device=ids.device)
        for t in range(steps_max):
            nxt = sampler.step(t, logits.float(), ids, live, out, extra)
            if announce is not None:
                announce(t, live, out)
            if t == 0 and keep is not None and self.prefixes is not None:  # after the first token is out
                n = len(keep)
                self.prefixes.store(
                    keep, [(x._k[:1, :, :n].clone(), x._v[:1, :, :n].clone()) for x in cache.layers]
                )
            ids = torch.cat([ids, nxt[:, None]], 1)
            done = torch.isin(nxt, eos) | (limit[live] <= t + 1)
            if done.any():
                out.steps[live[done]] = t + 1
                keep = (~done).nonzero().squeeze(1)
                if keep.numel() == 0:
                    break
                cache.batch_select_indices(keep)
                proxies.select(keep)
                live, ids, mask, pos, nxt = live[keep], ids[keep], mask[keep], pos[keep], nxt[keep]
            mask = torch.cat([mask, mask.new_ones(mask.shape[0], 1)], 1)
            pos = pos[:, -1:] + 1
            logits = self.model(
                input_ids=nxt[:, None], attention_mask=mask, position_ids=pos, past_key_values=cache
            ).logits[:, -1]
            extra = proxies.forward(nxt[:, None], mask, pos)
        return out

    def _completion(
        self, row: int, sample: int, dec: _Decoded, prompt: list[int], params: GenParams
    ) -> Completion:
        n = int(dec.steps[row])
        ids = dec.tokens[row, :n].tolist()
        finish = "stop" if ids and ids[-1] in self._eos else "length"
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        if params.stop:
            ids, text, stopped = _trim_at_stop(self.tokenizer, ids, params.stop)
            finish = "stop" if stopped else finish
        n = len(ids)
        c = Completion(
            text=text,
            token_ids=ids,
            finish_reason=finish,
            prompt_tokens=len(prompt),
            sample=sample,
            logprobs=dec.chosen_lp[row, :n].tolist(),
        )
        if params.top_logprobs:
            c.top_ids = dec.top_ids[row, :n, : params.top_logprobs].tolist()
            c.top_logprobs = dec.top_lp[row, :n, : params.top_logprobs].tolist()
        return c


def _is_ids(prompt: Any) -> bool:
    return isinstance(prompt, list) and all(isinstance(x, int) for x in prompt) and bool(prompt)


def _announcer(
    targets: list[tuple[int, int, int]], on_tokens: OnTokens
) -> Callable[[int, torch.Tensor, _Decoded], None]:
    """Step t's tokens of the live rows as `TokenEvent`s; `targets[row]` is (job, choice, top-k).

    One host sync per step, paid only by callers that stream."""

    def announce(t: int, live: torch.Tensor, out: _Decoded) -> None:
        rows = live.tolist()
        tokens, lps = out.tokens[rows, t].tolist(), out.chosen_lp[rows, t].tolist()
        tops = (
            (out.top_ids[rows, t].tolist(), out.top_lp[rows, t].tolist()) if out.top_ids is not None else None
        )
        events = []
        for r, row in enumerate(rows):
            job, choice, k = targets[row]
            top_i, top_l = (tops[0][r][:k], tops[1][r][:k]) if tops and k else (None, None)
            events.append(TokenEvent(job, choice, tokens[r], lps[r], top_i, top_l))
        on_tokens(events)

    return announce


def _generator(params: GenParams, device: torch.device) -> torch.Generator | None:
    """A private RNG for a seeded batch: reproducible draws that neither read nor move torch's
    global RNG (serve samples on a worker thread; training may share the process). Unseeded
    sampling draws from the global RNG, as `model.generate` does."""
    return torch.Generator(device=device).manual_seed(params.seed) if params.seeded else None


_MODES = ("poe", "ads")


class _ProxyRun:
    """The proxy models one batch's antidistill rows need (`poe`: the proxy; `ads`: its two
    perturbed copies), each with its own KV cache, fed the same tokens as the teacher each step."""

    def __init__(self, proxy: Proxy | None, modes: set[str], capacity: int):
        self.models: dict[str, torch.nn.Module] = {}
        if proxy is not None and "poe" in modes:
            self.models["base"] = proxy.base
        if proxy is not None and "ads" in modes:
            self.models |= {"plus": proxy.plus, "minus": proxy.minus}
        self.caches = {}
        for name, m in self.models.items():
            self.caches[name] = DynamicCache(config=m.config)
            self.caches[name].layers = [_GrowingLayer(capacity) for _ in self.caches[name].layers]

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, pos: torch.Tensor) -> dict[str, torch.Tensor]:
        return {
            name: m(
                input_ids=ids,
                attention_mask=mask,
                position_ids=pos,
                past_key_values=self.caches[name],
                logits_to_keep=1,
            )
            .logits[:, -1]
            .float()
            for name, m in self.models.items()
        }

    def select(self, keep: torch.Tensor) -> None:
        for cache in self.caches.values():
            cache.batch_select_indices(keep)


class _Sampler:
    """Per-row next-token choice: antidistill, watermark bias, logprob recording, then greedy or
    temperature/top-p.

    Logprobs are taken after antidistill and the watermark and before temperature/top-p, so they
    show the adjusted distribution the text was sampled from (returning the clean teacher's would
    hand a `kd` distiller what the setting hides). Rows sharing a watermark key share one processor.
    Sampled rows draw with one `multinomial` over the live batch, as `model.generate` does.
    """

    def __init__(
        self,
        per_row: list[GenParams],
        vocab_size: int,
        device: torch.device,
        gen: torch.Generator | None,
        proxy: Proxy | None = None,
        eos: list[int] | None = None,
    ):
        self.gen = gen
        self.proxy = proxy
        self.eos = torch.tensor(eos or [], dtype=torch.long, device=device)
        ad = [Antidistill(**g.antidistill) if g.antidistill and proxy else None for g in per_row]
        self.modes = {a.mode for a in ad if a}
        self.ad_mode = torch.tensor([_MODES.index(a.mode) + 1 if a else 0 for a in ad], device=device)
        self.ad_strength = torch.tensor([a.strength if a else 0.0 for a in ad], device=device)
        self.ad_top_p = torch.tensor([a.top_p if a else 1.0 for a in ad], device=device)
        keys: dict[str, int] = {}
        self.marks: list[LogitsProcessor] = []
        group = []
        for g in per_row:
            if not g.watermark:
                group.append(-1)
                continue
            tag = repr((sorted(g.watermark.items()), g.temperature))  # SynthID's tournament needs it
            if tag not in keys:
                keys[tag] = len(self.marks)
                self.marks.append(
                    make_processor(g.watermark, vocab_size=vocab_size, temperature=g.temperature)
                )
            group.append(keys[tag])
        self.mark_of = torch.tensor(group, device=device)
        self.temperature = torch.tensor([g.temperature for g in per_row], device=device)
        self.top_p = torch.tensor([g.top_p if g.temperature > 0 else 1.0 for g in per_row], device=device)

    def step(
        self,
        t: int,
        scores: torch.Tensor,
        ids: torch.Tensor,
        live: torch.Tensor,
        out: _Decoded,
        proxy_logits: dict[str, torch.Tensor] | None = None,
    ) -> torch.Tensor:
        if self.modes and proxy_logits:
            scores = self._antidistill(scores, live, proxy_logits)
        for m, proc in enumerate(self.marks):
            sel = (self.mark_of[live] == m).nonzero().squeeze(1)
            if sel.numel() == scores.shape[0]:
                scores = proc(ids, scores)
            elif sel.numel():
                scores = scores.index_copy(0, sel, proc(ids[sel], scores[sel]))
        lse = torch.logsumexp(scores, -1, keepdim=True)
        if out.top_ids is not None:
            top_v, top_i = scores.topk(out.top_ids.shape[-1], dim=-1)
            out.top_ids[live, t] = top_i
            out.top_lp[live, t] = top_v - lse
        temp = self.temperature[live]
        greedy = temp == 0
        if bool(greedy.all()):
            nxt = scores.argmax(-1)
        else:
            warped = scores / torch.where(greedy, 1.0, temp)[:, None]
            top_p = self.top_p[live]
            nucleus = (top_p < 1).nonzero().squeeze(1)
            if nucleus.numel():
                warped = warped.index_copy(0, nucleus, _top_p(warped[nucleus], top_p[nucleus]))
            nxt = torch.multinomial(torch.softmax(warped, -1), 1, generator=self.gen).squeeze(1)
            if bool(greedy.any()):
                nxt = torch.where(greedy, scores.argmax(-1), nxt)
        out.tokens[live, t] = nxt
        out.chosen_lp[live, t] = (scores.gather(1, nxt[:, None]) - lse).squeeze(1)
        return nxt

    def _antidistill(
        self, scores: torch.Tensor, live: torch.Tensor, proxy_logits: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        """The antidistill rows' scores replaced by their adjusted log-probs (teachers/antidistill.py)."""
        assert self.proxy is not None
        mode, strength, top_p = self.ad_mode[live], self.ad_strength[live], self.ad_top_p[live]
        lp = scores.log_softmax(-1)
        for code, name in enumerate(_MODES, start=1):
            sel = (mode == code).nonzero().squeeze(1)
            if not sel.numel():
                continue
            if name == "poe":
                adj = poe_scores(
                    lp[sel], proxy_logits["base"][sel].log_softmax(-1), strength[sel], top_p[sel]
                )
            else:
                plus, minus = (proxy_logits[k][sel].log_softmax(-1) for k in ("plus", "minus"))
                delta = self.proxy.scale * fd_delta(plus, minus, self.proxy.h)
                adj = ads_scores(lp[sel], delta, strength[sel], top_p[sel])
            scores = scores.index_copy(0, sel, keep_stop_mass(adj, lp[sel], self.eos))
        return scores


def _top_p(scores: torch.Tensor, top_p: torch.Tensor) -> torch.Tensor:
    """transformers' TopPLogitsWarper with a per-row top_p: keep the smallest set with mass >= top_p."""
    sorted_logits, sorted_idx = torch.sort(scores, descending=False)
    cum = sorted_logits.softmax(-1).cumsum(-1)
    remove = cum <= (1 - top_p)[:, None]
    remove[:, -1] = False
    return scores.masked_fill(remove.scatter(1, sorted_idx, remove), -float("inf"))


def _trim_at_stop(
    tok: PreTrainedTokenizerBase, ids: list[int], stop: tuple[str, ...]
) -> tuple[list[int], str, bool]:
    """Cut at the first stop string: text before it, and the shortest token prefix that contains it."""
    text = tok.decode(ids, skip_special_tokens=True)
    hits = [text.find(s) for s in stop if s and s in text]
    if not hits:
        return ids, text, False
    cut = min(hits)
    for t in range(1, len(ids) + 1):
        if len(tok.decode(ids[:t], skip_special_tokens=True)) > cut:
            return ids[:t], text[:cut], True
    return ids, text[:cut], True
