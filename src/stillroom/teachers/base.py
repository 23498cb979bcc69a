"""The teacher protocol every backend implements: prompts in, completions (with logprobs) out.

A prompt is either chat messages (`[{"role": "user", "content": ...}]`, the chat template is
applied by the backend) or a raw string sent as is (Magpie-style prefixes, completions endpoints).
`generate` returns `len(prompts) * params.n` completions, prompt-major: sample s of prompt i is
at index `i * n + s` and carries `prompt_index=i, sample=s`. A backend may also offer
`generate_many([(prompts, params), ...])` (the hf one does): requests with different settings in
one batch, one completion list per request; serve uses it when it is there. Its `on_tokens`
callback sees every token as it is decoded (`TokenEvent`s, one call per decode step), which is
how serve streams token by token while requests still share batches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

from stillroom.contracts.prompts import Prompt


@dataclass(frozen=True)
class GenParams:
    """Generation settings; recorded with every harvested completion."""

    max_new_tokens: int = 256
    temperature: float = 0.0  # 0 means greedy
    top_p: float = 1.0
    n: int = 1
    top_logprobs: int = 0  # k > 0: return the top-k logprobs of every generated token
    stop: tuple[str, ...] = ()
    seed: int | None = None
    # A stillroom.watermark.WatermarkKey (as a dict, so params stay JSON-able); None = no watermark.
    watermark: dict[str, Any] | None = None
    # A stillroom.contracts.antidistill.Antidistill (as a dict): sample so the answer teaches a
    # student less; needs a teacher with a proxy student (hf, `proxy` set), others ignore it.
    antidistill: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1:
            raise ValueError("max_new_tokens must be >= 1")
        if self.temperature < 0:
            raise ValueError("temperature must be >= 0")
        if not 0 < self.top_p <= 1:
            raise ValueError("top_p must be in (0, 1]")
        if self.n < 1:
            raise ValueError("n must be >= 1")
        if not 0 <= self.top_logprobs <= 20:
            raise ValueError("top_logprobs must be in [0, 20]")

    @property
    def seeded(self) -> bool:
        """Seeded sampling: its random draws must not depend on whatever else shares its batch."""
        return self.seed is not None and self.temperature > 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-able settings for records and grouping; a watermark secret never leaves in them."""
        d = asdict(self)
        d["stop"] = list(self.stop)
        if self.watermark:
            public = {k: v for k, v in self.watermark.items() if k != "secret"}
            secret_set = self.watermark.get("secret") is not None or bool(self.watermark.get("secret_env"))
            d["watermark"] = public | {"secret_set": secret_set}
        return d


@dataclass
class Completion:
    """One sampled answer. Logprob fields are per generated token and None unless asked for.

    `top_ids[t]` / `top_logprobs[t]` are the k most likely next tokens at step t under the
    distribution the teacher sampled from (watermark bias included, temperature not), sorted
    by descending logprob. `logprobs[t]` is the logprob of the token actually chosen.
    """

    text: str
    token_ids: list[int]
    finish_reason: str  # "stop" | "length" | what else a server says (see `finish_reason`)
    prompt_tokens: int
    prompt_index: int = 0
    sample: int = 0
    logprobs: list[float] | None = None
    top_ids: list[list[int]] | None = None
    top_logprobs: list[list[float]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # what the server billed for this answer (its `usage.completion_tokens`, reasoning included),
    # where it said so; None: the answer's own tokens are the count
    billed_tokens: int | None = None

    @property
    def completion_tokens(self) -> int:
        """Tokens generated: what the server billed where it said, else the token ids counted
        (0 for a text-only answer from a server that reports no tokens)."""
        return self.billed_tokens if self.billed_tokens is not None else len(self.token_ids)


# How servers say an answer ended on its own: OpenAI and vLLM "stop", TGI "eos_token" (and
# "stop_sequence" for a stop string, which OpenAI also calls "stop"), others "eos", Anthropic's
# "end_turn"; a missing reason is read as "stop" too. Anthropic's "max_tokens" is a "length".
_FINISH = {
    "eos_token": "stop",
    "eos": "stop",
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
}


def finish_reason(reason: str | None) -> str:
    """A server's finish reason in OpenAI's words: "stop" for every natural end (distill puts EOS
    after those), "length" for the token budget, anything else ("content_filter", ...) as sent."""
    return _FINISH.get(reason, reason) if reason else "stop"


@dataclass(frozen=True)
class TokenEvent:
    """One token just decoded for one answer of a `generate_many` job, before the answer is done.

    Raw decoder output: stop strings are applied only to the finished `Completion`, so an answer
    may end before tokens that were announced (a reader holds back text that could start a stop).
    """

    job: int  # index into generate_many's jobs
    choice: int  # the completion's index within its job (prompt-major, as generate returns them)
    token_id: int
    logprob: float
    top_ids: list[int] | None = None  # the job's top_logprobs alternatives, best first
    top_logprobs: list[float] | None = None


OnTokens = Callable[[list[TokenEvent]], None]  # called from the decode loop's thread after each step


@runtime_checkable
class Teacher(Protocol):
    """What harvest, distill, eval and serve need from a teacher."""

    name: str  # the spec it was built from, recorded as the teacher's identity

    def generate(self, prompts: list[Prompt], params: GenParams) -> list[Completion]: ...

    def info(self) -> dict[str, Any]:
        """Identity for provenance: backend, model path or URL, fingerprint, vocab size."""
        ...
