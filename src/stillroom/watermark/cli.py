"""`stillroom watermark detect` and `stillroom trace`. Heavy imports stay inside the commands.

Input texts are JSONL, one object per line with `token_ids` (preferred: no re-tokenization drift)
or `text`; a line that is not JSON is taken as raw text. Output is JSON on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from stillroom.contracts.prompts import read_prompts
from stillroom.contracts.teacher_spec import TeacherSpec
from stillroom.errors import UserError
from stillroom.teachers import TeacherConfig, load_teacher  # light: hf loads with a teacher
from stillroom.watermark import scorer
from stillroom.watermark.key import load_key

app = typer.Typer(
    no_args_is_help=True,
    help="KGW or SynthID-Text watermark: detect it in text (the key comes from --key YAML).",
)

KEY_HELP = (
    "watermark key YAML (scheme, gamma, delta or depth, secret or secret_env); default: simple_1, public key"
)
TOK_HELP = "model folder/GGUF (or 'default') whose tokenizer and vocabulary the watermark used"


def read_records(path: Path | None) -> Iterator[dict[str, Any]]:
    """JSONL objects from a file or stdin (`-`/omitted); plain lines become {"text": line}."""
    if path is not None and str(path) != "-" and not path.is_file():
        raise UserError(f"input file not found: {path}")
    lines = sys.stdin if path is None or str(path) == "-" else path.open()
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            obj = line.rstrip("\n")
        rec = obj if isinstance(obj, dict) else {"text": obj if isinstance(obj, str) else line.rstrip("\n")}
        rec.setdefault("id", n)
        if "token_ids" not in rec and not isinstance(rec.get("text"), str):
            raise UserError(f"line {n + 1}: needs a 'token_ids' list or a 'text' string")
        yield rec


class _Vocab:
    """The owner's tokenizer and vocabulary size, loaded only when a record needs them."""

    def __init__(self, path: str, vocab_size: int | None):
        self.path, self._size, self._tok = path, vocab_size, None

    @property
    def tokenizer(self) -> Any:
        if self._tok is None:
            from transformers import AutoTokenizer  # transformers: only when this runs

            from stillroom.models import resolve_model_path  # torch, transformers: only when this runs

            self._tok = AutoTokenizer.from_pretrained(resolve_model_path(self.path))
        return self._tok

    @property
    def size(self) -> int:
        """The model config's vocab_size: what the hf teacher passes to `make_processor`."""
        if self._size is None:
            from stillroom.models import resolve_model_path  # torch, transformers: only when this runs

            cfg = json.loads((resolve_model_path(self.path) / "config.json").read_text())
            self._size = int(
                cfg.get("vocab_size") or cfg.get("text_config", {}).get("vocab_size") or len(self.tokenizer)
            )
        return self._size

    def ids(self, rec: dict[str, Any]) -> list[int]:
        if "token_ids" in rec:
            return [int(t) for t in rec["token_ids"]]
        return self.tokenizer(rec["text"], add_special_tokens=False)["input_ids"]

    def scored_ids(self, rec: dict[str, Any]) -> list[int]:
        """What `watermark detect` scores: the ids without a leading BOS."""
        from stillroom.watermark.detect import drop_bos

        return drop_bos(self.ids(rec), self.tokenizer.bos_token_id)


def _key(key: Path | None, **overrides: Any) -> Any:
    return load_key(key, **overrides)


@app.command("detect")
def detect(
    input: Path | None = typer.Argument(None, help="JSONL file; '-' or omitted reads stdin"),
    key: Path | None = typer.Option(None, "--key", help=KEY_HELP),
    gamma: float | None = typer.Option(None, help="override the key's gamma"),
    scheme: str | None = typer.Option(None, help="override the key's scheme: simple_1 | selfhash | synthid"),
    tokenizer: str = typer.Option("default", help=TOK_HELP),
    vocab_size: int | None = typer.Option(
        None, help="vocabulary size of the green lists (default: the model config's)"
    ),
    dedup: bool = typer.Option(
        True,
        "--dedup/--no-dedup",
        help="score each (seed, token) outcome (synthid: g-value table cell) once; without it p_value is null "
        "(repeats are not independent)",
    ),
    z_threshold: float = typer.Option(4.0, help="z above this counts as detected"),
) -> None:
    """Z-score and one-sided p-value per text, one JSON object per line.

    SynthID (`scheme: synthid`): green = g-values equal to 1 among distinct table cells, against
    Binomial(N, p0) with p0 the key's table fraction of ones (no learned detector).
    """
    wm_key = _key(key, gamma=gamma, scheme=scheme)
    vocab = _Vocab(tokenizer, vocab_size)
    score = None
    for rec in read_records(input):
        score = score or _detector(wm_key, vocab)
        det = score(vocab.scored_ids(rec), dedup=dedup, z_threshold=z_threshold)
        sys.stdout.write(json.dumps({"id": rec["id"], **det.to_dict()}) + "\n")


def _detector(wm_key: Any, vocab: _Vocab) -> Any:
    """ids -> Detection for the key's scheme."""
    if wm_key.scheme == "synthid":
        from stillroom.watermark.synthid import detect_ids, synthid_of  # torch, transformers: on call

        sid = synthid_of(wm_key)
        return lambda ids, **kw: detect_ids(ids, sid, **kw)
    from stillroom.watermark.detect import detect_ids  # scipy, torch: only when this runs
    from stillroom.watermark.greenlist import GreenLists  # torch: only when this runs

    lists = GreenLists(wm_key, vocab.size)
    return lambda ids, **kw: detect_ids(ids, lists, **kw)


def trace(
    suspect: str = typer.Option(..., help="hf:PATH (open model) or openai:URL (closed model)"),
    texts: Path | None = typer.Option(
        None,
        help="JSONL of the owner's watermarked texts (open: fed to the suspect; closed: the k-gram filter)",
    ),
    key: Path | None = typer.Option(None, "--key", help=KEY_HELP),
    prompts: Path | None = typer.Option(
        None, help="closed, lineage: prompt-set JSONL ('messages') to send to the suspect"
    ),
    mode: str | None = typer.Option(
        None, help="open | closed | lineage (default: open for hf:, closed for openai:)"
    ),
    reference: list[str] = typer.Option(
        [], help="lineage: a null model (any teacher spec) trained on other answers; repeat for each"
    ),
    null: Path | None = typer.Option(
        None, help="lineage: JSON of earlier results (their 'statistic') as the null"
    ),
    claimed: str | None = typer.Option(
        None,
        help="lineage: hf:PATH of a model the owner trained on the suspect's claimed data (not one of "
        "the null models); the statistic becomes the share of answer tokens our teacher rates above it",
    ),
    model: str | None = typer.Option(None, help="closed: model name sent to the OpenAI-compatible endpoint"),
    tokenizer: str = typer.Option("default", help=TOK_HELP),
    max_texts: int = typer.Option(1000, help="use at most this many texts / prompts"),
    max_new_tokens: int = typer.Option(256, help="closed: answer length"),
    temperature: float = typer.Option(0.0, help="closed: suspect sampling temperature (0 = greedy)"),
    test: str = typer.Option(
        "argmax",
        help="open: argmax (the suspect's greedy token) | distribution (its top-k green mass; KGW only) | "
        "contrast (its green mass minus the owner's teacher's, --tokenizer, on the teacher's top-k; KGW only)",
    ),
    base: str | None = typer.Option(
        None,
        help="contrast: the reference model (default: the owner's teacher, --tokenizer); the suspect's "
        "public base model, when known, cancels what the suspect brought from there",
    ),
    top_k: int = typer.Option(
        16, help="open, distribution and contrast tests: candidates scored per position"
    ),
    out: Path | None = typer.Option(None, help="also write the JSON result here"),
) -> None:
    """Radioactivity test: p-value that the suspect was trained on text watermarked with --key.

    `--mode lineage` needs no watermark: p-value that the suspect's answers to --prompts come from a
    model distilled from the owner's teacher (--tokenizer), against --reference / --null models.
    """
    spec = TeacherSpec.parse(suspect)
    mode = mode or ("closed" if spec.backend == "openai" else "open")
    if mode not in ("open", "closed", "lineage"):
        raise UserError(f"--mode must be open, closed or lineage, not {mode!r}")
    if mode == "lineage":
        result = _trace_lineage(
            suspect, model, prompts, tokenizer, reference, null, max_texts, max_new_tokens, claimed
        )
        _emit({"suspect": suspect, **result.to_dict()}, out)
        return
    if texts is None:
        raise UserError(f"--mode {mode} needs --texts: the owner's watermarked texts")
    wm_key = _key(key)
    if test not in ("argmax", "distribution", "contrast"):
        raise UserError(f"--test must be argmax, distribution or contrast, not {test!r}")
    vocab = _Vocab(tokenizer, None)
    lists = scorer(wm_key, vocab.size)
    records = [r for _, r in zip(range(max_texts), read_records(texts), strict=False)]
    owner = [vocab.ids(r) for r in records]
    if mode == "open":
        result = _trace_open(spec, owner, lists, test, top_k, base or tokenizer)
    else:
        result = _trace_closed(
            suspect, model, prompts, records, owner, vocab, lists, max_texts, max_new_tokens, temperature
        )
    _emit({"suspect": suspect, "key": wm_key.public(), "texts": str(texts), **result.to_dict()}, out)


def _emit(payload: dict[str, Any], out: Path | None) -> None:
    if out is not None:
        out.write_text(json.dumps(payload, indent=2))
    sys.stdout.write(json.dumps(payload) + "\n")


def _trace_lineage(
    suspect: str,
    model: str | None,
    prompts: Path | None,
    owner: str,
    reference: list[str],
    null: Path | None,
    max_texts: int,
    max_new_tokens: int,
    claimed: str | None = None,
) -> Any:
    from stillroom.models import load_hf  # torch, transformers: only when this runs
    from stillroom.watermark.lineage import lineage_result, score_suspect  # torch: only when this runs

    if prompts is None:
        raise UserError("lineage mode needs --prompts: probe prompts (JSONL objects with 'messages')")
    asks = [row.teacher_prompt() for row in read_prompts(prompts)[:max_texts]]
    if not asks or not all(asks):
        raise UserError(f"{prompts}: every line needs 'messages' (or 'prompt')")
    mode = "lineage-contrast" if claimed is not None else "lineage"
    null_stats, null_tokens = _read_null(null, mode) if null is not None else ([], [])
    if not reference and len(null_stats) < 3:
        raise UserError(
            "lineage mode needs a null: >= 3 --reference models or a --null file with >= 3 results"
        )
    claimed_path = TeacherSpec.for_model(claimed).model_path if claimed is not None else None
    owner_model, tok = load_hf(owner)
    ref = load_hf(claimed_path)[0] if claimed_path is not None else None
    if ref is not None and ref.get_output_embeddings().weight.shape[0] != len(tok):
        raise UserError(
            f"--claimed {claimed}: its vocabulary is not the owner's tokenizer's ({len(tok)} tokens)"
        )

    def stat(spec: str, name: str | None) -> tuple[float, int]:
        suspect_model = load_teacher(TeacherConfig(spec=spec, model=name))
        return score_suspect(owner_model, tok, suspect_model, asks, max_new_tokens, reference=ref)

    for spec in reference:
        value, n = stat(spec, None)
        null_stats.append(value)
        null_tokens.append(n)
    s, tokens = stat(suspect, model)
    # the token-adjusted p needs every null model's count (a --null file of older results may lack them)
    counts = [c for c in null_tokens if c is not None]
    counts_or_none = counts if len(counts) == len(null_tokens) else None
    return lineage_result(s, tokens, null_stats, len(asks), mode, counts_or_none)


def _read_null(path: Path, mode: str) -> tuple[list[float], list[int | None]]:
    """Earlier results' statistics; a result of the other statistic (a `mode` that is not this
    run's: the plain and the --claimed contrast statistic are on different scales) is refused."""
    if not path.is_file():
        raise UserError(f"null file not found: {path}")
    data = json.loads(path.read_text())
    items = data if isinstance(data, list) else [data]
    other = {x["mode"] for x in items if isinstance(x, dict) and x.get("mode") not in (None, mode)}
    if other:
        raise UserError(f"{path}: null results of mode {sorted(other)[0]!r}, this run computes {mode!r}")
    try:
        stats = [float(x["statistic"] if isinstance(x, dict) else x) for x in items]
        counts = [
            int(x["tokens_scored"]) if isinstance(x, dict) and "tokens_scored" in x else None for x in items
        ]
        return stats, counts
    except (KeyError, TypeError, ValueError):
        raise UserError(f"{path}: expected lineage results (objects with 'statistic') or numbers") from None


def _trace_open(
    suspect: TeacherSpec, owner: list[list[int]], lists: Any, test: str, top_k: int, reference: str
) -> Any:
    from stillroom.models import load_hf  # torch, transformers: only when this runs
    from stillroom.watermark.trace import trace_open  # scipy, torch, transformers: only when this runs

    if suspect.backend != "hf":
        raise UserError(
            "open mode needs the suspect's weights: --suspect hf:PATH (use --mode closed for a URL)"
        )
    model, _ = load_hf(suspect.model_path)
    if model.config.vocab_size < getattr(lists, "vocab_size", 0):
        raise UserError("the suspect's vocabulary differs from the owner's; use --mode closed")
    ref = load_hf(TeacherSpec.for_model(reference).model_path)[0] if test == "contrast" else None
    return trace_open(model, owner, lists, test=test, top_k=top_k, reference=ref)


def _trace_closed(
    suspect: str,
    model: str | None,
    prompts: Path | None,
    records: list[dict[str, Any]],
    owner: list[list[int]],
    vocab: _Vocab,
    lists: Any,
    max_texts: int,
    max_new_tokens: int,
    temperature: float,
) -> Any:
    from stillroom.watermark.trace import trace_closed  # scipy, torch, transformers: only when this runs

    if prompts is None:
        asks = [r.get("messages") or r.get("prompt") for r in records]
    else:
        asks = [row.teacher_prompt() for row in read_prompts(prompts)[:max_texts]]
    if not all(asks):
        raise UserError("closed mode needs prompts: give --prompts prompts.jsonl (objects with 'messages')")
    teacher = load_teacher(TeacherConfig(spec=suspect, model=model))
    return trace_closed(
        teacher, asks, vocab.tokenizer, lists, owner, max_new_tokens=max_new_tokens, temperature=temperature
    )
