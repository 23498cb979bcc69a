"""What the guard reads from a validated request (the models are `stillroom.contracts.openai`'s):
the prompt text the detector sees, and its size for the up-front token estimate.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from typing import Any

from stillroom.contracts.openai import MEDIA_PARTS, GatewayChatRequest, GatewayCompletionRequest, content_text
from stillroom.guard.db import to_json_text


def prompt_text(req: GatewayChatRequest | GatewayCompletionRequest) -> str:
    """The question a chat reply answers: the last user message (or the raw prompt(s)). A later
    request's history pairs that message with the reply, so the detector is told the replies
    served under it (`report_served`)."""
    if isinstance(req, GatewayCompletionRequest):
        return "\n".join(req.prompts())
    users = [m for m in req.messages if m.role == "user"] or req.messages
    return content_text(users[-1].content)


INSTRUCTION_ROLES = ("system", "developer")


def asked_text(req: GatewayChatRequest | GatewayCompletionRequest) -> str:
    """What the model answers now, as the audit log and the detector read it: the user, tool and
    function messages after the conversation's last assistant message (in a first turn, all of
    them), with the last user message first where those hold none (an agent's step: the task,
    then the tool's result), and a final assistant message the model is to continue (a prefill).
    The last user message alone let a distiller send each dataset item as a final `tool` turn, or
    as the first of two user messages, after or before a decoy question: the model answered the
    item, the detector and the audit row saw the decoy (session 27's red team and its reviewer:
    400 instruction-set items at watch 0.45 instead of suspect 0.95). System and developer
    messages stay apart wherever they are: the detector reads them as the app's instructions
    (content.instructions), and those of this turn as late instructions, classified where they
    change (features.late_instructions). A plain chat turn reads as before: its last message is
    the user's."""
    if isinstance(req, GatewayCompletionRequest):
        return prompt_text(req)
    asked, final = asked_turn(req)
    prefill = content_text(final.content) if final is not None else ""
    if len(asked) == 1 and asked[0].role == "user" and not prefill:
        return content_text(asked[0].content)
    texts = [t for m in asked if (t := content_text(m.content))]
    if not any(m.role == "user" for m in asked):
        texts.insert(0, prompt_text(req))
    if prefill:
        texts.append(prefill)
    return "\n\n".join(texts)


def asked_turn(req: GatewayChatRequest) -> tuple[list[Any], Any]:
    """(the user, tool and function messages of the turn the model answers now, its final assistant
    prefill or None): the messages after the last assistant message that answered (`_answered`),
    system and developer messages left out (see `asked_text`)."""
    msgs = req.messages
    end = len(msgs)
    prefill = None
    if end > 1 and msgs[-1].role == "assistant":  # a prefill the model continues
        prefill, end = msgs[-1], end - 1
    # from the end: only the turn's own messages are looked at (all of them, each assistant message's
    # tool calls walked, cost ~10 ms of CPU for 1,023 tool calls and results; round 14)
    answered = (i for i in range(end - 1, -1, -1) if msgs[i].role == "assistant" and _answered(msgs[i]))
    last = next(answered, -1)
    return [m for m in msgs[last + 1 : end] if m.role not in INSTRUCTION_ROLES], prefill


def instructions_text(req: GatewayChatRequest | GatewayCompletionRequest, body: dict[str, Any]) -> str:
    """What the model reads beside `asked_text`, for the audit row's `instructions_fp` (and
    `instructions` with `store_prompts`): every system and developer message (their contents, then
    their other fields as JSON), the asked turn's text outside its messages' content
    (`message_extras`: a user's or a tool's `name`, which templates render), the text of the fields
    outside the messages (`instruction_text`: tools, schemas, `documents`, template variables) and
    completions' `suffix`. The prompt fingerprint leaves them out (an app's fixed instructions are
    not its users' words), so a dataset item sent as a final system message (round 13) or as the
    user's `name` (round 14) behind a fixed decoy user turn was audited under the decoy's
    fingerprint, the same on every request: this one changes with the item and stays put for an
    app."""
    texts, extras = [], []
    if isinstance(req, GatewayChatRequest):
        instructions = [m for m in req.messages if m.role in INSTRUCTION_ROLES]
        texts = [content_text(m.content) for m in instructions] + [
            u for m in instructions for u in media_urls(m)
        ]
        # their other fields as one JSON text, a C-speed pass: 1.7 ms for 2,047 system messages of
        # 14 values each, where `message_extras`' walk in Python took ~10 ms
        extras = [{"name": m.name, **(m.model_extra or {})} for m in instructions if m.name or m.model_extra]
    if extras:
        texts.append(to_json_text(extras))
    if isinstance(req, GatewayChatRequest):
        texts.append(asked_extras(req))
    texts.append(instruction_text(body))
    suffix = body.get("suffix")
    if isinstance(suffix, str):
        texts.append(suffix)
    return "\n\n".join(t for t in texts if t)


def asked_extras(req: GatewayChatRequest) -> str:
    """The text of the asked turn's messages (and its prefill) outside their content
    (`message_extras`: a user's or a tool's `name`, which templates render in the turn). The audit
    row keeps it with the instructions (`instructions_text`), and the detector reads it with the
    turn's words (detection.detector_event)."""
    asked, prefill = asked_turn(req)
    return "\n\n".join(t for m in (*asked, prefill) if m is not None and (t := message_extras(m)))


def _answered(m: Any) -> bool:
    """Whether an assistant message ends a turn: it shows something or calls a tool. An empty one
    (content "", null or blank, nothing else) answers nothing, and let a red team put each dataset
    item in the user turn before it and "Go ahead." after (session 28). Round 13: nor does one that
    shows only invisible characters (a zero-width space, a BOM) or has empty fields beside its
    content (`tool_calls: []`, which vLLM drops; a reasoning trace alone, which templates drop
    from earlier turns; `refusal: ""`): each had made the item's turn read as answered, and the
    audit row and the detector's prompt were "Go ahead." again. Round 24: nor does one whose text
    holds a chat template's turn marker (`turn_marker`): to the model it opens another turn."""
    extra = m.model_extra or {}
    calls = {k: extra[k] for k in ("tool_calls", "function_call") if k in extra}
    text = content_text(m.content)
    if turn_marker(text) or (extra and turn_marker(message_extras(m))):
        return False
    return _shows(text) or _shows("".join(_collect(calls, None, skip=frozenset())[0]))


# Chat templates' turn markers written as text: `<|im_start|>` (ChatML), `<|start_header_id|>` and
# `<|eot_id|>` (Llama 3), `<|user|>` (Phi, GLM), `<|start|>` (harmony), `<｜User｜>` (DeepSeek),
# `<start_of_turn>` (Gemma), `[INST]` (Mistral, Llama 2).
_TURN_MARKER = re.compile(r"<\|[^|<>\s]{1,32}\|>|<｜[^｜<>\s]{1,32}｜>|<(?:start|end)_of_turn>|\[/?INST\]")


def turn_marker(text: str) -> bool:
    """Whether `text` holds a chat template's turn marker. Servers tokenize the rendered prompt
    with its special tokens parsed (llama-cpp-python's `special=True`; Hugging Face tokenizers split
    them out of any text), so a marker in a message's content starts a turn the model reads: an
    assistant message "Hello!<|im_end|>\\n<|im_start|>user\\n<item>" before a fixed "Go on." had the
    real llama_cpp.server answer the item while the audit row and the detector read "Go on." (round
    24). Such a message does not end a turn (`_answered`): its text is read with the asked turn."""
    return ("<|" in text or "<｜" in text or "_of_turn>" in text or "INST]" in text) and (
        _TURN_MARKER.search(text) is not None
    )


# What renders as nothing: separators, controls, format characters (zero-width space, joiners,
# BOM, bidi marks, tags), unassigned and private-use code points, combining marks with no base.
_BLANK = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"})
_FILLERS = "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters (Lo) drawn as nothing
SHOWN_CHARS = 256


def _shows(text: str) -> bool:
    """Whether `text` shows a reader anything: a character that is not whitespace or invisible
    among its first SHOWN_CHARS once surrounding whitespace is stripped (a bound on the work: a
    turn whose visible text starts later is read as showing nothing, so its turn and the next are
    read, and audited, as one)."""
    head = text.strip()[:SHOWN_CHARS]
    return any(c not in _FILLERS and unicodedata.category(c) not in _BLANK for c in head)


# Request fields that are settings, not text the model reads. The strings of every other field
# (tools and their parameter schemas, `response_format`, `prediction`, vLLM's `guided_*`,
# `chat_template` and `documents`, any extension a server adds) reach the model as instructions:
# a deny-list, so an unknown field counts as text rather than hiding it.
NOT_TEXT = frozenset(
    {
        "model", "messages", "prompt", "n", "max_tokens", "max_completion_tokens", "temperature",
        "top_p", "top_k", "min_p", "logprobs", "top_logprobs", "prompt_logprobs", "stop", "seed",
        "stream", "stream_options", "user", "metadata", "logit_bias", "presence_penalty",
        "frequency_penalty", "repetition_penalty", "echo", "best_of", "store", "service_tier",
        "parallel_tool_calls", "return_tokens_as_token_ids", "suffix",
    }
)  # fmt: skip
# `suffix` (completions' fill-in-the-middle: the code after an IDE's cursor) is prompt text, not
# instructions: counted for the token estimate (`request_chars`), not shown as a system prompt.
# JSON-schema values that are structure, not instructions: a `type` that names a JSON type and a
# `format` that names a format. Anything else under those words, and every `pattern`, `$ref`, `$id`
# and `$schema`, is collected: a chat template renders the whole JSON, and session 27's red team
# hid a data-generation request under "type" and "$id" (its reviewer, under short values joined
# by no-break spaces or underscores).
_SCHEMA_VALUES = {
    "type": frozenset({"string", "number", "integer", "boolean", "object", "array", "null"}),
    "format": frozenset(
        {
            "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
            "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
            "json-pointer", "relative-json-pointer", "regex", "int32", "int64", "float", "double",
            "byte", "binary", "password",
        }
    ),
}  # fmt: skip
# Keys that are the structure of tools, schemas and messages. Every other key is text the template
# renders (a property name, or anything an attacker writes as a key) and is collected.
_STRUCTURE_KEYS = frozenset(
    {
        "type", "function", "name", "description", "parameters", "properties", "required", "items",
        "enum", "additionalProperties", "strict", "title", "default", "anyOf", "oneOf", "allOf",
        "$defs", "definitions", "minimum", "maximum", "minItems", "maxItems", "minLength",
        "maxLength", "const", "examples", "example", "format", "pattern", "$ref", "$schema", "$id",
        "json_schema", "schema", "nullable", "multipleOf", "exclusiveMinimum", "exclusiveMaximum",
        "uniqueItems", "prefixItems", "patternProperties", "deprecated", "content", "role", "id",
        "arguments", "tool_choice", "response_format", "tools",
    }
)  # fmt: skip
_MAX_DEPTH = 32
# JSON values visited at most: the walk runs on the event loop, and a body of 400,000 one-word
# strings took 105 ms to walk whole; 4,096 take ~1-2 ms. Past it, `instruction_chars` falls back
# to the body's size (every string of it is in the body).
MAX_NODES = 4096
# ... and over all the messages' fields outside their content together (`extras_complete`).
MAX_EXTRA_NODES = 8 * MAX_NODES


def instruction_text(body: dict[str, Any], max_chars: int | None = None) -> str:
    """The text a request gives the model outside its messages or prompt: every string of every
    field not in NOT_TEXT (and the property names of JSON schemas), in order; with `max_chars`,
    collection stops once that much is gathered (the caller clips), and after MAX_NODES values.
    An attacker who moves a "think step by step" into a tool description or a response schema
    must not hide it from the detector, nor its size from the token estimate."""
    return "\n".join(_collect(body, max_chars)[0])


def instructions_complete(body: dict[str, Any]) -> bool:
    """Whether the fields outside the messages hold at most MAX_NODES JSON values: past that, text
    the model reads would be out of the detector's view (the pipeline refuses such a request)."""
    return _collect(body, None)[1] >= 0


def extras_complete(extras: Iterable[dict[str, Any]]) -> bool:
    """Whether the messages' fields outside their content (`message_extras`: tool calls, names,
    extensions) hold at most MAX_NODES JSON values in any one message and MAX_EXTRA_NODES in all.
    Each is walked in Python, by this check and again for the token estimate: with no bound on
    the total, 2,048 messages of 120 values each (a 1 MB body within every other bound) cost ~120
    ms of the event loop before the key's limits saw it (round 10's red team). An agent's 2,000
    tool calls take ~14,000."""
    left = MAX_EXTRA_NODES
    for extra in extras:
        nodes = min(MAX_NODES, left)
        unused = _collect(extra, None, skip=frozenset(), nodes=nodes)[1]
        if unused < 0:
            return False
        left -= nodes - unused
    return True


def instruction_chars(body: dict[str, Any]) -> int | None:
    """Characters of `instruction_text`, or None when the walk stopped early (MAX_NODES)."""
    parts, left = _collect(body, None)
    return sum(map(len, parts)) + len(parts) if left >= 0 else None


ID_CHARS = 64  # a tool call id longer than this is read as text (OpenAI's are ~30 characters)


def _collect(
    body: dict[str, Any], max_chars: int | None, skip: frozenset[str] = NOT_TEXT, nodes: int = MAX_NODES
) -> tuple[list[str], int]:
    """(the strings, the JSON values left of `nodes`: negative when the walk stopped early)."""
    out: list[str] = []
    budget = [max_chars if max_chars is not None else 1 << 62, nodes]

    def walk(v: Any, key: str, depth: int) -> None:
        budget[1] -= 1
        if depth > _MAX_DEPTH:
            budget[1] = -1  # deeper than read: incomplete, like too many values
        if budget[0] <= 0 or budget[1] < 0:
            return
        if isinstance(v, str):
            if v and v not in _SCHEMA_VALUES.get(key, ()):
                out.append(v)
                budget[0] -= len(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                if budget[0] <= 0 or budget[1] < 0:
                    return
                if isinstance(k, str) and k and (key == "properties" or k not in _STRUCTURE_KEYS):
                    out.append(k)
                    budget[0] -= len(k)
                walk(x, k if isinstance(k, str) else "", depth + 1)
        elif isinstance(v, list):
            for x in v:
                if budget[0] <= 0 or budget[1] < 0:
                    return
                walk(x, key, depth + 1)

    for k, v in body.items():
        if budget[0] <= 0 or budget[1] < 0:
            break
        if k not in skip:
            walk(v, k, 0)
    return out, budget[1]


def prompt_chars(req: GatewayChatRequest | GatewayCompletionRequest, prompt: str | None = None) -> int:
    """Characters of prompt text (`prompt`: `prompt_text(req)` where the caller has it), plus ~16 per
    message for the chat template's role markers. A token-id prompt is exactly one token per id:
    4 characters each at the estimate's 4 per token (its ids' decimal digits are not its size)."""
    if isinstance(req, GatewayCompletionRequest):
        if (ids := req.token_ids()) is not None:
            return 4 * sum(map(len, ids))
        return len(prompt if prompt is not None else prompt_text(req))
    return sum(len(content_text(m.content)) + len(message_extras(m)) + 16 for m in req.messages)


def prompt_token_bound(req: GatewayChatRequest | GatewayCompletionRequest) -> int:
    """The prompt's tokens, counted high, for the log-prob entries a prompt may return
    (pipeline.logprob_entries) and a cut stream's charge: a token-id prompt's ids; else `text_tokens`
    of each prompt, or of each message's text (`prompt_chars`' text) with 4 for its role markers;
    plus the text the prompt renders beside them (`instruction_text` of the fields outside the
    messages: tools, schemas, documents; completions' `suffix`). vLLM's `prompt_logprobs` cover
    every token of the rendered prompt: beside a tool description of 40,000 digits they read as 84
    entries, and a 53 MB answer was parsed whole (round 17)."""
    extra = req.model_extra or {}
    suffix = extra.get("suffix")
    outside = text_tokens(instruction_text(extra) + (suffix if isinstance(suffix, str) else ""))
    if isinstance(req, GatewayCompletionRequest):
        if (ids := req.token_ids()) is not None:
            return sum(map(len, ids)) + outside
        return sum(map(text_tokens, req.prompts())) + outside
    return sum(text_tokens(content_text(m.content) + message_extras(m)) + 4 for m in req.messages) + outside


_LETTERS = string.ascii_letters.encode()


def text_tokens(text: str) -> int:
    """A quarter of the text's characters (English's ~4 a token), or, where more, its UTF-8 bytes
    other than ASCII letters: a digit, a punctuation mark, a space between one-letter words and a
    byte of non-Latin text are each at most one token, and can each be one (Qwen's tokenizer reads
    digits one by one; byte-level BPE reads a rare character as up to 4 byte tokens). The quarter
    alone read text built to cost a token a character 4x low: `prompt_logprobs` past the entry
    limit (round 12). Ordinary English (~20% non-letters) counts as before; code and JSON up to
    ~1.6x higher, CJK text ~2-3x; two C-speed passes."""
    return max(len(text) // 4, len(text.encode("utf-8", "surrogatepass").translate(None, _LETTERS)))


def message_text(m: Any) -> str:
    """The content, and the message's other text (`message_extras`: tool-call arguments, a
    reasoning trace, a name) after it: the upstream's template renders both. The detector reads
    every message of a request this way, and the guard reports a served tool call this way
    (context.reply_text), so a resent call matches what was served."""
    extras = message_extras(m)
    return content_text(m.content) + ("\n" + extras if extras else "")


def message_extras(m: Any) -> str:
    """A message's text outside `content`: `name`, assistant `tool_calls` (their arguments), a
    reasoning trace (`reasoning_content`), any field a server's chat template renders, and its media
    parts' URLs (`media_urls`). The detector and the token estimate read it with the content (an
    instruction moved there is still in view)."""
    extra = dict(m.model_extra or {})
    if m.name:
        extra["name"] = m.name
    for k in ("tool_calls", "function_call"):
        if k in extra:
            extra[k] = _in_call_order(extra[k])
    urls = media_urls(m)
    if not extra:
        return "\n".join(urls)
    tool_call_id = extra.get("tool_call_id")
    if isinstance(tool_call_id, str) and len(tool_call_id) <= ID_CHARS:
        del extra["tool_call_id"]  # an id, not text; a longer one is read (templates render it)
    # no deny-list here: NOT_TEXT names request settings, and a message's `metadata`, `prompt`,
    # `user`, `stop` or `model` field is text a chat template may render (session 28's red team)
    return "\n".join([*urls, *_collect(extra, None, skip=frozenset())[0]])


_CALL_ORDER = ("id", "type", "function", "name", "arguments")


def _in_call_order(v: Any) -> Any:
    """Tool calls with their fields in one order (id, type, function; name, arguments; any other
    after): clients resend a served call with its fields in their own order (the OpenAI SDK dumps
    `arguments` before `name`), and the detector matches a resent call to the one served by its
    rendered text (context.reply_text)."""
    if isinstance(v, list):
        return [_in_call_order(x) for x in v]
    if not isinstance(v, dict):
        return v
    first = {k: _in_call_order(v[k]) for k in _CALL_ORDER if k in v}
    return first | {k: x for k, x in v.items() if k not in first}


def media_urls(m: Any) -> list[str]:
    """The addresses of a message's media parts (`image_url`, `input_image`, `audio_url`,
    `video_url`: the URL, as a string or under `url`), but a base64 `data:` URL's (bytes, not
    words). TGI writes an `image_url` part into the prompt as the markdown `![](url)`, which a
    text-only model reads as words: a dataset item as an image's "URL" beside a decoy question was
    read by the model, while the audit row and the detector read the decoy alone (round 20)."""
    urls = []
    for part in m.content if isinstance(m.content, list) else ():
        if part.type not in MEDIA_PARTS:
            continue
        extra = part.model_extra or {}
        for where in dict.fromkeys((part.type, "image_url")):
            url = extra.get(where)
            url = url.get("url") if isinstance(url, dict) else url
            if isinstance(url, str) and url and not (url.startswith("data:") and ";base64," in url[:256]):
                urls.append(url)
    return urls


def request_chars(
    req: GatewayChatRequest | GatewayCompletionRequest,
    body: dict[str, Any],
    body_bytes: int,
    prompt: str | None = None,
) -> int:
    """`prompt_chars` plus the instructions outside the messages (`instruction_chars`). Where the
    walk stopped early, the body's size: it holds every text, messages included (adding it to the
    messages' would count them twice and refuse an agent with a large tool list too early)."""
    suffix = body.get("suffix")
    outside = instruction_chars(body)
    chars = prompt_chars(req, prompt)
    if outside is None:
        return max(chars, body_bytes)
    return chars + outside + (len(suffix) if isinstance(suffix, str) else 0)
