"""The OpenAI wire format, defined once: requests, responses, stream chunks, errors, header names.

Writers and readers share these models: `serve` validates requests with them and documents its
responses with them, the `guard` validates what it forwards, the `openai` teacher and the arena
read answers through them, and the test fakes are `serve` itself. A field changed here changes
for every stage at once, and `tests/test_contracts.py` parses serve's real output with the same
models, so a writer/reader drift fails a test.

Requests are validated strictly, as OpenAI does (no "5" for 5, no "true" for true): a client bug
is a 400, not a silent coercion. `null` for an optional field means its default (some proxies send
them). Fields the models do not declare are kept in `model_extra` at every level (request,
message, content part): the guard forwards the client's body as sent, so an upstream that knows
a newer field still gets it, while serve refuses each one it cannot honour
(`unsupported_field`): a `tools` or `response_format` that is silently dropped gives the client
an answer it did not ask for and no way to tell.

Responses are read leniently (`extra="ignore"`, optional fields default), because the reader may
be talking to vLLM, llama.cpp or a hosted API; serve's own output sets every field (pinned by the
round-trip test).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

# ---- headers and extension fields the guard and serve exchange ----

WATERMARK_HEADER = "x-stillroom-watermark"  # request "on": watermark this answer; response: "on"/"off"
# request "mode=poe; strength=0.5; top_p=0.95" (contracts/antidistill.py): sample this answer so it
# teaches a student less; response: "on"/"off" (off: serve has no proxy student, or not allowed)
ANTIDISTILL_HEADER = "x-stillroom-antidistill"
NOTICE_HEADER = "x-stillroom-notice"  # the guard's usage-policy notice, also in the JSON body:
NOTICE_FIELD = "stillroom_notice"
CLOCK_HEADER = "x-stillroom-clock"  # simulations only: the request's time in unix seconds
REQUEST_ID_HEADER = "x-request-id"  # on every guard response: the request's audit row id

# ---- body-size limits (defaults; both are configurable) ----

GUARD_MAX_BODY_BYTES = 1_000_000
# Larger than the guard's, so whatever the guard accepts and forwards always fits behind it.
SERVE_MAX_BODY_BYTES = 2 * 1024 * 1024
COMPLETIONS_DEFAULT_MAX_TOKENS = 16  # OpenAI's (and vLLM's) default for the legacy endpoint


# Content part types that carry media or vectors (a URL, file data, base64 audio, vLLM's
# embeddings), not text the model reads as words.
MEDIA_PARTS = frozenset(
    {
        *("image_url", "input_image", "image", "input_audio", "audio", "audio_url", "video", "video_url"),
        *("file", "input_file", "image_embeds", "audio_embeds", "prompt_embeds"),
    }
)
TEXT_PARTS = frozenset({"text", "input_text", "output_text"})  # their text is `text`
# where other parts keep their text: under their own type's name ({"type": "refusal", "refusal":
# ...}, as vLLM renders `refusal` and `thinking` parts) or one of these
TEXT_KEYS = ("refusal", "thinking", "reasoning", "reasoning_content")


def content_text(content: str | Sequence[Any] | None) -> str:
    """A message's text: the string itself, or its parts' text joined with "\n".

    "\n" because that is what vLLM does with multi-part content, so the prompt `serve` renders
    is the one a vLLM upstream would; "" would glue the last word of one part to the first of the
    next (the detector would see a word no one wrote). A part's text is its `text` and, for any
    other type but media (MEDIA_PARTS), the string under its own type's name or a TEXT_KEYS key:
    vLLM renders `refusal` and `thinking` parts as prompt text, so a guard reading `text` alone
    saw "hi" where the model read a whole task (a reviewer's finding); ids, signatures and
    base64 beside them are not text. Accepts validated `ContentPart`s or raw dicts (the detector
    reads the JSON body).
    """
    if isinstance(content, str):
        return content
    texts = []
    for part in content or []:
        if isinstance(part, Mapping):
            fields = part
        elif isinstance(part, BaseModel):
            fields = {
                **(part.model_extra or {}),
                "type": getattr(part, "type", None),
                "text": getattr(part, "text", None),
            }
        else:
            continue
        kind = fields.get("type")
        if isinstance(fields.get("text"), str):
            texts.append(fields["text"])
        if kind in TEXT_PARTS or kind in MEDIA_PARTS:
            continue
        for k in dict.fromkeys((kind, *TEXT_KEYS)):
            if isinstance(k, str) and k != "text" and isinstance(fields.get(k), str) and fields[k]:
                texts.append(fields[k])
    return "\n".join(texts)


# ---- requests ----


class _Request(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        """OpenAI accepts `null` for any optional field (some proxies send them); it means "the default"."""
        return {k: v for k, v in data.items() if v is not None} if isinstance(data, dict) else data


Role = Literal["system", "developer", "user", "assistant", "tool", "function"]
NonEmpty = Annotated[str, Field(min_length=1)]


class ContentPart(_Request):
    """One part of a message's content: `text`, or another kind (image_url, input_audio, ...)
    that only a multimodal upstream can use; serve refuses those, the guard forwards them."""

    type: str = Field(min_length=1, max_length=64)
    text: str | None = None

    @model_validator(mode="after")
    def _text_part_has_text(self) -> ContentPart:
        if self.type == "text" and self.text is None:
            raise ValueError("a text part needs `text`")
        return self


class ChatMessage(_Request):
    role: Role
    content: str | list[ContentPart] | None = None
    name: str | None = None

    def text(self) -> str:
        return content_text(self.content)


class StreamOptions(_Request):
    include_usage: bool = False


class SamplingRequest(_Request):
    """The knobs both endpoints share; bounds match OpenAI's where it documents them."""

    model: str = Field(min_length=1, max_length=256)
    temperature: float = Field(1.0, ge=0, le=2)
    top_p: float = Field(1.0, gt=0, le=1)
    n: int = Field(1, ge=1)
    stop: str | list[str] | None = None
    seed: int | None = Field(None, ge=-(2**63), le=2**63 - 1)  # what a torch.Generator takes
    stream: bool = False
    stream_options: StreamOptions | None = None
    user: str | None = None
    # vLLM's extension: logprob tokens as "token_id:N", so a client can map them back to ids exactly.
    return_tokens_as_token_ids: bool = False

    def stop_tuple(self) -> tuple[str, ...]:
        stops = [self.stop] if isinstance(self.stop, str) else (self.stop or [])
        return tuple(s for s in stops if s)


class ChatCompletionRequest(SamplingRequest):
    messages: list[ChatMessage] = Field(min_length=1)
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    logprobs: bool = False
    top_logprobs: int | None = Field(None, ge=0, le=20)

    def prompt(self) -> list[dict[str, str]]:
        """The messages as a teacher prompt: role and text only."""
        return [{"role": m.role, "content": m.text()} for m in self.messages]

    def non_text_part(self) -> str | None:
        """The dotted path of the first content part that is not text (None: all text)."""
        for i, m in enumerate(self.messages):
            for j, part in enumerate(m.content if isinstance(m.content, list) else []):
                if part.type != "text":
                    return f"messages.{i}.content.{j}"
        return None


TokenIds = Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1)]


class CompletionRequest(SamplingRequest):
    # Text, texts, or (as OpenAI and vLLM accept) token ids: one list, or a list of lists.
    prompt: NonEmpty | list[NonEmpty] | TokenIds | list[TokenIds] = Field(min_length=1)
    # None: COMPLETIONS_DEFAULT_MAX_TOKENS; 0 only with echo: score the prompt, generate nothing.
    max_tokens: int | None = Field(None, ge=0)
    logprobs: int | None = Field(None, ge=0, le=20)
    echo: bool = False

    def token_ids(self) -> list[list[int]] | None:
        """The prompts as token ids when the client sent ids (None: it sent text)."""
        p = self.prompt
        if isinstance(p, list) and p and isinstance(p[0], int):
            return [list(p)]  # type: ignore[arg-type]
        if isinstance(p, list) and p and isinstance(p[0], list):
            return [list(x) for x in p]  # type: ignore[union-attr]
        return None

    def prompts(self) -> list[str]:
        """The prompts as text; token-id prompts as their ids in words (what a detector can read)."""
        if (ids := self.token_ids()) is not None:
            return [" ".join(map(str, x)) for x in ids]
        return [self.prompt] if isinstance(self.prompt, str) else list(self.prompt)  # type: ignore[arg-type]


# The guard reads requests with the same models (unknown fields kept, forwarded as sent).
GatewayChatRequest = ChatCompletionRequest
GatewayCompletionRequest = CompletionRequest

# OpenAI fields serve does not implement, with the values that change nothing: a client that
# spells out a default (`response_format: {"type": "text"}`, `tool_choice: "none"`) still works.
NO_OP_VALUES: dict[str, tuple[Any, ...]] = {
    "response_format": ({"type": "text"},),
    "tool_choice": ("none",),
    "parallel_tool_calls": (True, False),  # only means something with tools, which are refused
    "presence_penalty": (0,),
    "frequency_penalty": (0,),
    "logit_bias": ({},),
    "best_of": (1,),
    "store": (False,),
}
_UNSUPPORTED_WHY = {
    "tools": "it does no tool calling",
    "tool_choice": 'it does no tool calling; only "none" is accepted',
    "functions": "it does no function calling",
    "function_call": "it does no function calling",
    "tool_calls": "it does no tool calling",
    "tool_call_id": "it does no tool calling",
    "response_format": 'it has no JSON mode or structured output; only {"type": "text"} is accepted',
}


def unsupported_field(req: BaseModel) -> tuple[str, str] | None:
    """The first field (dotted path) of a validated request that serve would have to ignore, and
    a one-line reason: an undeclared field anywhere in the body, unless `NO_OP_VALUES` says its
    value changes nothing. None: serve can honour every field."""
    for path, value in _extra_fields(req, ""):
        if value in NO_OP_VALUES.get(path, ()):
            continue
        name = path.rsplit(".", 1)[-1]
        why = _UNSUPPORTED_WHY.get(name, "it would be ignored")
        return path, f"stillroom serve does not support `{path}`: {why}; remove it from the request"
    return None


def _extra_fields(model: BaseModel, prefix: str) -> list[tuple[str, Any]]:
    found = [(prefix + k, v) for k, v in (model.model_extra or {}).items()]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                where = f"{prefix}{name}.{i}." if isinstance(value, list) else f"{prefix}{name}."
                found += _extra_fields(item, where)
    return found


# ---- responses and stream chunks ----


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _lenient(default: Any, convert: Any) -> BeforeValidator:
    return BeforeValidator(lambda v: default if v is None else convert(v))


# Fields no reader uses, read so that no server's variant of them can make an answer unreadable:
# TGI 1.x names chat answers "text_completion", some servers send a float `created`, others null
# ids, models or token counts (tests/test_openai_teacher.py has each shape).
_Count = Annotated[int, _lenient(0, lambda v: v)]
_Label = Annotated[str, _lenient("", lambda v: v if isinstance(v, str) else str(v))]
_Time = Annotated[int, _lenient(0, lambda v: int(v) if isinstance(v, float) else v)]
# A log-probability: JSON has no -inf, and servers built on nlohmann::json (llama.cpp) write one as null.
_Logprob = Annotated[float, _lenient(float("-inf"), lambda v: v)]


class TopLogprob(_Reply):
    token: str
    logprob: _Logprob
    bytes: list[int] | None = None
    id: int | None = None  # llama.cpp's server adds the token id; OpenAI and serve don't send it


class TokenLogprob(TopLogprob):
    top_logprobs: list[TopLogprob] = []


class ChoiceLogprobs(_Reply):
    content: list[TokenLogprob] | None = None


class LegacyLogprobs(_Reply):
    """The completions endpoint's logprobs: parallel lists, top-k as {token: logprob} dicts."""

    tokens: list[str] = []
    token_logprobs: list[float | None] = []
    top_logprobs: list[dict[str, _Logprob] | None] | None = None
    text_offset: list[int] = []


def _logprobs_shape(v: Any) -> str:
    """llama-cpp-python before 0.2.70 answers chat requests with completions-style logprobs."""
    if isinstance(v, dict):
        return "legacy" if "content" not in v and "tokens" in v else "chat"
    return "legacy" if isinstance(v, LegacyLogprobs) else "chat"


ChatLogprobs = Annotated[
    Annotated[ChoiceLogprobs, Tag("chat")] | Annotated[LegacyLogprobs, Tag("legacy")],
    Discriminator(_logprobs_shape),
]


def model_ids(data: Any) -> list[str]:
    """The model ids a model listing names, as servers send it: OpenAI's `{"data": [{"id"}]}`, a
    bare list (Together AI), or `{"models": [{"name"}]}` (Ollama's own API); an entry is a string
    or has an `id` (or `name`, `model`). Empty when it names none. The guard and the OpenAI
    teacher both read listings with it."""
    if isinstance(data, dict):
        data = data.get("data") or data.get("models")
    ids = []
    for m in data if isinstance(data, list) else []:
        keys = [m.get(k) for k in ("id", "name", "model")] if isinstance(m, dict) else [m]
        ids += [k for k in keys if isinstance(k, str) and k][:1]
    return ids


class AssistantMessage(_Reply):
    role: Literal["assistant"] = "assistant"
    content: str | None = None
    refusal: str | None = None  # OpenAI's: the model declined, `content` null
    # the thinking a reasoning server parses out of the answer: vLLM's reasoning parsers and
    # DeepSeek's API send `reasoning_content`; newer vLLM, OpenRouter and mlx_lm `reasoning`
    reasoning_content: str | None = None
    reasoning: str | None = None

    def reasoning_text(self) -> str | None:
        return self.reasoning_content or self.reasoning or None


class ChatChoice(_Reply):
    index: int = 0
    message: AssistantMessage
    logprobs: ChatLogprobs | None = None
    finish_reason: str | None = None  # "stop" | "length" from serve; other servers add more


class Usage(_Reply):
    prompt_tokens: _Count = 0
    completion_tokens: _Count = 0
    total_tokens: _Count = 0


class _Envelope(_Reply):
    """What every answer and stream chunk carries around its choices."""

    id: _Label = ""
    created: _Time = 0
    model: _Label = ""
    usage: Usage | None = None  # on a stream, only the last chunk's (with stream_options.include_usage)


class ChatCompletionResponse(_Envelope):
    object: _Label = "chat.completion"  # what OpenAI sends; read, never checked
    choices: list[ChatChoice]


class PromptLogprob(_Reply):
    """One entry of vLLM's `prompt_logprobs` (its `vllm.logprobs.Logprob`), keyed by token id."""

    logprob: float
    rank: int | None = None  # 1 = most likely; vLLM adds the prompt's own token at its rank
    decoded_token: str | None = None


class CompletionChoice(_Reply):
    index: int = 0
    text: str
    # OpenAI's shape; llama.cpp's server sends the chat shape (`content`) on this endpoint too
    logprobs: ChatLogprobs | None = None
    finish_reason: str | None = None
    # vLLM's extension (`prompt_logprobs: k` in the request): per prompt position, None for the
    # first, then {token id: logprob} for the top k plus the prompt's own token.
    prompt_logprobs: list[dict[int, PromptLogprob] | None] | None = None


class CompletionResponse(_Envelope):
    object: _Label = "text_completion"  # what OpenAI sends; read, never checked
    choices: list[CompletionChoice]


class ChatDelta(_Reply):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChatChunkChoice(_Reply):
    index: int = 0
    delta: ChatDelta
    logprobs: ChoiceLogprobs | None = None
    finish_reason: str | None = None


class ChatCompletionChunk(_Envelope):
    object: _Label = "chat.completion.chunk"  # what OpenAI sends; read, never checked
    choices: list[ChatChunkChoice]


# The legacy endpoint streams chunks of the response's own shape (same `object`, a piece of text each).
CompletionChunk = CompletionResponse


class ModelCard(_Reply):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "stillroom"


class ModelList(_Reply):
    object: Literal["list"] = "list"
    data: list[ModelCard]


# ---- errors ----


class ErrorBody(_Reply):
    message: str
    type: str
    param: str | None
    code: str | None


class ErrorResponse(_Reply):
    error: ErrorBody


# The `type` OpenAI uses for each status; clients (the SDK's exception classes) key on the status.
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "invalid_request_error",
    405: "invalid_request_error",
    408: "invalid_request_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
    431: "invalid_request_error",
    500: "server_error",
    502: "upstream_error",
    503: "server_error",
    504: "upstream_error",
}


def error_body(
    status: int, message: str, code: str | None = None, param: str | None = None, type_: str | None = None
) -> dict[str, Any]:
    """`{"error": {"message", "type", "param", "code"}}`, OpenAI's shape, so every SDK shows the message."""
    kind = type_ or ERROR_TYPES.get(status, "api_error")
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def error_response(
    status: int,
    message: str,
    code: str | None = None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
    type_: str | None = None,
) -> JSONResponse:
    return JSONResponse(
        error_body(status, message, code, param, type_), status_code=status, headers=dict(headers or {})
    )


class ApiError(HTTPException):
    """An error the client caused (or must wait out), answered in OpenAI's error shape.

    Raised anywhere in a request's path; serve's and the guard's exception handlers turn it into
    `error_response(...)` with the status OpenAI uses for the same case (400 bad input, 401 key,
    403 policy, 404 model, 413 size, 429 limit, 502/504 upstream, 503 overloaded). An
    `HTTPException` because FastAPI turns any other exception raised while it reads a body into a
    generic 400, and serve's body limit raises while the body is being read.
    """

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        param: str | None = None,
        headers: Mapping[str, str] | None = None,
        type_: str | None = None,
    ):
        super().__init__(status, message, dict(headers or {}))
        self.status, self.message, self.code, self.param = status, message, code, param
        self.type_ = type_

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.message, self.code, self.param, self.type_)

    def response(self) -> JSONResponse:
        return error_response(self.status, self.message, self.code, self.param, self.headers, self.type_)


def invalid_request(errors: Sequence[Mapping[str, Any]]) -> ApiError:
    """Pydantic's (or FastAPI's) first validation error as OpenAI's 400, naming the field as a
    dotted path (`messages.0.role`) in `param`."""
    first = errors[0] if errors else {"loc": (), "msg": "invalid request", "type": ""}
    if first.get("type") == "json_invalid":
        why = first.get("ctx", {}).get("error", first["msg"])
        return ApiError(400, f"request body is not valid JSON: {why}", "invalid_json")
    param = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or None
    where = f"invalid value for {param}" if param else "invalid request body"
    return ApiError(400, f"{where}: {first['msg']}", "invalid_value", param)


def body_too_large(limit: int) -> ApiError:
    return ApiError(413, f"request body is larger than {limit} bytes", "body_too_large")
