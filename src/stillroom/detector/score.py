"""Features -> evidence terms -> suspicion score in [0, 1] -> verdict with hysteresis.

Each evidence term is a number in [0, 1] built from one family of features, most of them scaled by
how much traffic backs them (`ramp`), so ten requests cannot look like a sweep. Terms combine as a
noisy-OR, score = 1 - prod(1 - w_k e_k): one strong signal is enough to act on, weak ones add up,
and each term's share of the score is reported as its contribution. Volume and topic breadth only
count *together* (`coverage`): a narrow high-volume batch job and a broad low-volume researcher
each have one of them, a distiller has both. Conversation continuity (multi-turn chats whose
follow-ups refer to earlier answers) scales the score down: distillers harvest single shots.
The defaults were tuned on `stillroom.detector.traces` seeds 0-4 and checked on held-out seeds
(bench/results/detector.txt).
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from stillroom.detector.types import VERDICTS, Verdict


class Weights(BaseModel):
    templating: float = 0.9
    near_dup: float = 0.6
    coverage: float = 0.8
    harvest: float = 0.9
    magpie: float = 0.95
    edge_probing: float = 0.4
    timing: float = 0.3
    prada: float = 0.3
    indicator: float = 0.9


class DetectorConfig(BaseModel):
    window: int = Field(200, ge=10, le=5000, description="requests per key kept in the sliding window")
    max_keys: int = Field(
        100_000, ge=10, description="keys tracked at once; the least recently seen is dropped"
    )
    history: int = Field(300, ge=10, description="score points kept per key and cluster for the dashboard")
    min_skeleton_tokens: int = Field(3, ge=1, description="literal tokens a masked skeleton needs to count")
    top_logprobs_high: int = Field(5, ge=1, description="top_logprobs at or above this counts as harvesting")
    max_tokens_high: int = Field(2048, ge=1, description="max_tokens at or above this counts as maximal")
    evidence_requests: int = Field(30, ge=1, description="requests before a knob-share term counts fully")
    sweep_volume: tuple[int, int] = (30, 200)  # requests where templating/near-dup start / count fully
    sweep_breadth: tuple[float, float] = (0.5, 0.85)  # breadth where a template becomes a *sweep*
    coverage_breadth: tuple[float, float] = (0.7, 0.9)
    coverage_entropy: tuple[float, float] = (0.55, 0.8)
    coverage_volume: tuple[int, int] = (100, 300)  # lifetime requests where coverage starts / counts fully
    short_output_tokens: int = Field(32, ge=1, description="max_tokens at or below this: a low-value answer")
    short_output_discount: float = Field(
        0.7, ge=0, le=1, description="content terms scale by 1 - this x share"
    )
    timing_min_requests: int = 50
    prada_delta: float = Field(0.90, gt=0, le=1, description="Shapiro-Wilk W below this = PRADA alarm")
    continuity_discount: float = Field(0.7, ge=0, le=1)
    watch: float = 0.35
    suspect: float = 0.6
    block: float = 0.85
    margin: float = Field(0.1, ge=0, description="score must fall this far below a level to step down")
    cooldown: int = Field(20, ge=1, description="consecutive low requests before stepping down one level")
    block_min_requests: int = Field(50, ge=1, description="a key is never blocked before this many requests")
    clusters: bool = Field(True, description="score linked keys as one actor (off: per-key only)")
    link_min_shared: int = Field(5, ge=1, description="shared templates/prompts that link two keys")
    link_min_fraction: float = Field(
        0.1, ge=0, le=1, description="...and that share of the smaller key's items"
    )
    cluster_every: int = Field(5, ge=1, description="recompute a cluster's score at most every k requests")
    indicators: list[str] = Field(default_factory=list, description="threat-indicator JSON files to load")
    weights: Weights = Weights()

    @model_validator(mode="after")
    def _ordered(self) -> DetectorConfig:
        if not 0 < self.watch < self.suspect < self.block <= 1:
            raise ValueError("thresholds must satisfy 0 < watch < suspect < block <= 1")
        for name in (
            "sweep_volume",
            "sweep_breadth",
            "coverage_breadth",
            "coverage_entropy",
            "coverage_volume",
        ):
            lo, hi = getattr(self, name)
            if not 0 <= lo < hi:
                raise ValueError(f"{name} must be (low, high) with 0 <= low < high")
        return self


def ramp(x: float, lo: float, hi: float) -> float:
    if x <= lo:
        return 0.0
    return 1.0 if x >= hi else (x - lo) / (hi - lo)


def clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


def harvest_signal(f: dict[str, float]) -> float:
    """Requests that ask for more than an answer: distributions, many samples, long reasoning."""
    temp_sweep = clip01((f["temperatures"] - 1) / 3)
    return clip01(
        0.5 * f["top_logprobs_share"]
        + 0.15 * f["logprobs_share"]
        + 0.25 * f["n_multi_share"]
        + 0.25 * temp_sweep
        + 0.15 * f["max_tokens_share"]
        + 0.2 * f["cot_share"]
    )


def evidence(f: dict[str, float], cfg: DetectorConfig) -> dict[str, float]:
    n = f["n_total"]
    full = ramp(n, 0, cfg.evidence_requests)
    single = 1.0 - f["multi_turn_share"]
    # Distillation needs answers worth learning from: capped one-word outputs (evals, classifiers)
    # make the content-based terms weaker, not the knob-based ones.
    worth = 1.0 - cfg.short_output_discount * f["short_output_share"]
    sweep = ramp(f["breadth"], *cfg.sweep_breadth) * ramp(n, *cfg.sweep_volume) * worth
    coverage = ramp(f["breadth"], *cfg.coverage_breadth) * ramp(f["topic_entropy"], *cfg.coverage_entropy)
    prada_w = f.get("prada_w", 1.0)
    return {
        "templating": f["templating"] * sweep,
        "near_dup": f["near_dup"] * sweep,
        "coverage": coverage * ramp(n, *cfg.coverage_volume) * single * worth,
        "harvest": harvest_signal(f) * full,
        "magpie": f["magpie_share"] * ramp(n, 0, 10),
        "edge_probing": f["edge_share"] * ramp(n, *cfg.sweep_volume),
        "timing": f["periodicity"] * ramp(n, cfg.timing_min_requests, 2 * cfg.timing_min_requests) * single,
        "prada": clip01((cfg.prada_delta - prada_w) / 0.2) * ramp(n, 50, 150)
        if prada_w < cfg.prada_delta
        else 0.0,
        "indicator": f["indicator_share"] * ramp(n, 0, 5),
    }


def combine(
    terms: dict[str, float], f: dict[str, float], cfg: DetectorConfig
) -> tuple[float, dict[str, float]]:
    """Noisy-OR of the weighted terms, scaled down by continuity; contributions sum to the score."""
    w = cfg.weights.model_dump()
    weighted = {k: w[k] * clip01(v) for k, v in terms.items()}
    miss = 1.0
    for v in weighted.values():
        miss *= 1.0 - v
    continuity = 0.5 * (f["multi_turn_share"] + f["followup_share"])
    score = (1.0 - miss) * (1.0 - cfg.continuity_discount * continuity)
    total = sum(weighted.values())
    contrib = {k: round(score * v / total, 4) for k, v in weighted.items() if v > 0} if total > 0 else {}
    return clip01(score), contrib


def thresholds(cfg: DetectorConfig) -> dict[Verdict, float]:
    return {"ok": 0.0, "watch": cfg.watch, "suspect": cfg.suspect, "block": cfg.block}


def next_verdict(
    current: Verdict, score: float, n_total: int, low_run: int, cfg: DetectorConfig
) -> tuple[Verdict, int]:
    """Step up at once to the highest level the score reaches (block only after enough requests);
    step down one level only after `cooldown` requests in a row below that level minus `margin`.
    Returns (verdict, consecutive-low counter)."""
    th = thresholds(cfg)
    reached = max((v for v in VERDICTS if score >= th[v]), key=VERDICTS.index)
    if reached == "block" and n_total < cfg.block_min_requests:
        reached = "suspect"
    if VERDICTS.index(reached) > VERDICTS.index(current):
        return reached, 0
    if current != "ok" and score < th[current] - cfg.margin:
        low_run += 1
        if low_run >= cfg.cooldown:
            return VERDICTS[VERDICTS.index(current) - 1], 0
        return current, low_run
    return current, 0
