"""What a prompt asks the model to *do* that only distillation pipelines ask at volume.

Three pure recognisers, each `(text, system="") -> str | None`: the name of the pattern family
that fired (for the audit log and the dashboard's "why"), or None. They are regular expressions
written from how the public pipelines phrase their requests, in general forms (numbers, synonyms,
word order vary), not copied strings; Chinese forms are included where those pipelines had them.
The false-positive rates quoted are the share of prompts matched in the benign pools of
../shared/traffic (benign-chat and benign-eval files, every user turn), measured by
`bench/provenance.py validate` (bench/results/provenance.txt); a single match is never meant to
act alone: per-key shares go through `aggregate.share_evidence`. Phrase patterns miss most
wordings their authors did not think of (bench/results/asks.txt: on prompts written blind they
matched 4-8 of 30-40 data-generation and grading requests); `asks.py` reads the same requests by
style and `content.content_flags` takes either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stillroom.detector.regex import Literals, Pattern, linear, search_set

# An empty or header-only user turn (Magpie-style: the model writes the user turn itself), after
# at most a beginning-of-text token and a system turn: the Magpie recipe for Qwen-style models
# sends "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" (blind
# round 10's pre-query harvest: 2,056 requests, none read as Magpie under the header-only pattern).
TEMPLATE_ONLY = linear(
    r"^\s*(?:<s>|<\|begin_of_text\|>|<bos>|<\|startoftext\|>)?\s*"
    r"(?:<\|im_start\|>\s*system\b(?:[^<]|<[^|])*<\|im_end\|>"  # a system text holds no "<|"
    r"|<\|start_header_id\|>\s*system\s*<\|end_header_id\|>(?:[^<]|<[^|])*<\|eot_id\|>"
    r"|<\|system\|>(?:[^<]|<[^|])*<\|end\|>|<<SYS>>(?:[^<]|<[^<])*<</SYS>>)?\s*"
    r"(?:<\|im_start\|>\s*user|<\|user\|>|\[INST\]|<\|start_header_id\|>\s*user"
    r"(?:\s*<\|end_header_id\|>)?|<start_of_turn>\s*user|<s>|user:)?\s*$",
    re.I,
)


def template_only(text: str) -> bool:
    """`TEMPLATE_ONLY.match(text)`. After the leading whitespace (`str.lstrip` strips what the
    pattern's whitespace class matches) every header it allows opens with "<", "[" or "user:", so
    any other text is skipped without the regex (the guard's prompt can be 32k characters, which
    the RE2 wrapper encodes whole for a match that fails on the first letter)."""
    head = text.lstrip()
    return (not head or head[0] in "<[uU") and bool(TEMPLATE_ONLY.match(text))


_NUM = r"(?:\d+|a few|a couple of|several|some|many|multiple|more|new|additional|ten|twenty|fifty|hundred)"
_MANY = r"(?:\d+|several|many|multiple|a (?:set|list|series|batch|bunch) of|ten|twenty|fifty|hundred)"
_ITEMS = (
    r"(?:(?:task |new )?instructions?|tasks|(?:instruction|task|training|synthetic|seed|user|test) "
    r"(?:prompts?|examples?|samples?|data ?points?|queries|requests|questions))"
)
_I = re.I | re.S

DATAGEN: dict[str, Pattern] = {
    # self-instruct / Alpaca / BELLE: "come up with 20 diverse task instructions", seeds inline
    "self_instruct": linear(
        r"(?:come up with|generate|create|write|brainstorm|produce|list|give me)\s+(?:me\s+)?"
        rf"(?:{_MANY}\s+){{0,2}}(?:(?:new|diverse|different|varied|unique|novel|high-quality|distinct)(?:[ ,]+|\s+and\s+)){{1,3}}"
        rf"{_ITEMS}\b"
        rf"|(?:task )?instructions? (?:will|would) be (?:given|fed|sent) to an? (?:gpt|language |ai |llm )*model"
        r"|(?:提供|生成|给出|写出|想出)\s*\d*\s*[个条]?(?:多样化?的?|不同(?:领域|类型|主题|种类)?的?|新的?)\s*(?:任务)?(?:指令|任务|问题|提示)",
        _I,
    ),
    # Evol-Instruct and its descendants: rewrite a given prompt into a harder one
    "evol_instruct": linear(
        r"#\s*(?:given|created|rewritten|new)[ _]prompt\s*#"
        r"|prompt (?:rewriter|creator|evolver)"
        r"|(?:rewrite|evolve|transform|rephrase)\s+(?:a|the|this)\s+(?:given\s+|following\s+|original\s+)?(?:prompt|instruction|question)\s*:?\s+"
        r"(?:into|to (?:make|be)|as)\s+(?:a\s+)?(?:more\s+|slightly\s+|much\s+)*(?:complex|difficult|challenging|harder)"
        r"|(?:add|adding)\s+(?:one\s+|more\s+|an?\s+additional\s+)*(?:constraints?|requirements?)\s+(?:or|and|/)\s+(?:constraints?|requirements?)"
        r"|(?:increase|raise)\s+the\s+(?:difficulty|complexity|depth(?: and breadth)?)\s+of\s+(?:the|this|a)\s+(?:given\s+)?(?:prompt|question|instruction)"
        r"|(?:改写|重写)成?(?:一个)?更(?:加)?(?:复杂|困难|难)"
        # "make this instruction more challenging ... output only the new instruction"
        r"|make\s+(?:this|the|the following|the given|a given|each)\s+(?:\w+\s+)?(?:prompt|instruction|question|task)s?\s+"
        r"(?:\w+\s+)?(?:more|harder|less)\s+(?:complex|challenging|difficult|specific|detailed|demanding|obvious)"
        r"|(?:output|return|give|write)\s+(?:only\s+)?(?:the\s+)?(?:new|rewritten|evolved|harder|revised)\s+(?:prompt|instruction|question|task)\b"
        r"|(?:generate|create|write|produce|make|give)\s+(?:me\s+)?(?:a|an|one)\s+(?:new,?\s+)?(?:harder|tougher|more (?:complex|difficult"
        r"|challenging|advanced))\s+(?:version|variant|variation)\s+of\s+(?:the|this|that|each)\s+(?:following\s+|given\s+|above\s+)?"
        r"(?:instruction|prompt|question|task)",
        _I,
    ),
    # question/answer pair and instruction-record generation, usually with a machine-readable format
    "qa_pairs": linear(
        rf"(?:generate|create|write|produce|make|extract)\s+(?:me\s+)?{_NUM}?\s*(?:diverse\s+|high-quality\s+)?"
        r"(?:question[- ](?:and[- ])?answer|q\s?&\s?a|qa|instruction[- ](?:response|output)|prompt[- ]response)\s+pairs?"
        r"|\bjsonl?\b[^\n]{0,40}?\b(?:keys|fields|properties)\b[^\n]{0,80}?\b(?:instruction|question|prompt)\b"
        r"[^\n]{0,60}?\b(?:output|answer|response)\b"
        r"|生成\s*\d*\s*[个条组对]?\s*问答对",
        _I,
    ),
    # asking for a dataset: synthetic/training data, personas, simulated user-assistant dialogues
    "dataset": linear(
        r"(?:generate|create|build|produce|write|make|synthesi[sz]e)\s+(?:me\s+)?(?:an?\s+|some\s+|more\s+|\d+\s+)?"
        r"(?:(?:synthetic|training|fine-?tuning|instruction[- ]tuning|sft|preference|distillation)\s+){1,2}"
        r"(?:data|dataset|examples|samples|corpus|pairs)"
        r"|(?:simulate|generate|write|create)\s+(?:an?\s+)?(?:\d+\s+)?(?:multi-turn\s+|realistic\s+)?(?:conversation|dialogue|chat)s?\s+"
        r"between\s+(?:an?\s+|the\s+)?(?:curious\s+)?(?:user|human)\s+and\s+(?:an?\s+|the\s+)?(?:ai\s+)?(?:assistant|chatbot|ai)"
        r"|\[\|(?:human|ai)\|\]"
        r"|(?:from|in)\s+the\s+(?:perspective|voice)\s+of\s+(?:the\s+)?(?:following|this|given)\s+persona"
        r"|persona\s*:\s*[^\n]{3,}\n[^\n]*(?:generate|create|write)\s+(?:a|an|one|\d+)\s+(?:question|problem|prompt|instruction|task)",
        _I,
    ),
}

_REASON_NOUN = (
    r"(?:reasoning|rationale|thought process|thinking process|chain of (?:reasoning|thought)|line of thought"
    r"|train of thought|internal monologue|inner monologue|intermediate steps|reasoning steps|derivation)"
)

COT: dict[str, Pattern] = {
    # Rationalisation: the prompt gives the answer and asks for the reasoning to it (STaR's
    # rationalisation, "distilling step-by-step", the labs' 2026 reports' "articulate the reasoning
    # behind a completed response"). No test asks that: an item that carries its own answer tests
    # nothing, so content.content_flags reads such a request as no evaluation item (blind round
    # 29's rationale harvest - "Correct answer: (d). Explain step by step why ...; End with 'So the
    # answer is (d).'" - was labelled `evaluation` on that answer cue). A student's "the answer is
    # B, why?" matches too: the per-key share (content.COT) decides, not one request. Measured: 0 of
    # 50,090 user turns of ../shared/traffic (every source) and of round 29's 21,177 benign requests;
    # 2,200 of its rationale harvest's 2,200.
    "rationalisation": linear(
        r"\b(?:correct|right|gold|reference|expected|given|known|true)\s+(?:answer|label|option|choice|solution)"
        r"\s*(?:is|was|[:：=])\s*[^\s][^\n]{0,80}[\s\S]{0,300}?"
        r"\b(?:explain|justify|rationali[sz]e|rationale|reasoning|derive|derivation|why)\b"
        r"|\b(?:explain|justify|show|describe|tell me|walk (?:me )?through)\b[^.\n]{0,30}?\b(?:why|how)\b[^.\n]{0,80}?"
        r"\b(?:is|was|would be|are)\s+(?:the\s+|a\s+)?(?:(?:correct|right)\s+answer|correct\s+(?:option|choice|label))s?\b"
        r"|(?:^|\n)\s*(?:answer|label|correct answer)\s*[:：][^\n]*\w[^\n]*\n\s*"
        r"(?:rationale|explanation|reasoning|justification)\s*[:：]\s*$"
        r"|(?:do not|don'?t|without)\s+(?:mention(?:ing)?|reveal(?:ing)?|say(?:ing)?)\s+(?:that\s+)?"
        r"(?:the|you were given the|you had the)\s+(?:answer|solution|label)"
        r"|as if you (?:had )?(?:worked|figured|solved|derived|reasoned) (?:it|this|them) out (?:yourself|on your own)"
        r"|(?:已知|给定|正确|标准|参考)答案(?:是|为|[:：])[\s\S]{0,200}?(?:解释|说明|给出|写出)[^。\n]{0,10}"
        r"(?:原因|理由|过程|思路|步骤|为什么)",
        _I,
    ),
    # Orca-style system prompts: explanation-tuning asks for the reasoning, not just the answer
    "orca_system": linear(
        r"think step[- ]by[- ]step and justify"
        r"|describe the task and explain your answer"
        r"|explain how you used the definition"
        r"|(?:answering|explain(?:ing)?) (?:it )?(?:to|like you are answering to) a (?:five|5)[- ]year[- ]old"
        r"|who always provides? (?:an )?explanation"
        r"|(?:generate|provide) a detailed (?:and long )?answer so (?:that )?(?:the )?user"
        r"|(?:first|then) output the correct answer\(?s?\)?\.? then explain"
        r"|justify your steps",
        _I,
    ),
    "step_by_step": linear(
        r"\b(?:let'?s|let us|please|you should|we should|and)?\s*(?:think|reason|work|go|solve (?:it|this))\s+"
        r"(?:(?:it|this|out|through|the|problem|question|task|carefully|everything)\s+){0,3}step[- ]by[- ]step"
        r"|\bstep[- ]by[- ]step (?:reasoning|explanation|solution|justification|rationale|derivation)"
        r"|chain[- ]of[- ](?:thought|reasoning)|\bthink (?:aloud|out loud)\b"
        r"|<think>"
        r"|一步一步地?(?:思考|推理|分析|解答)|逐步(?:思考|推理|分析)",
        _I,
    ),
    "explain_reasoning": linear(
        r"(?:explain|show|describe|walk (?:me )?through|justify|detail)\s+(?:your|the|all (?:of )?(?:your|the))\s+"
        r"(?:reasoning|thinking|thought process|work|steps|rationale|derivation|logic)"
        r"|(?:before|prior to) (?:answering|responding|giving (?:your|the) (?:final )?answer),? (?:first\s+)?(?:think|reason|explain)"
        r"|(?:put|write|give|place)\s+(?:your|the)\s+final\s+answer\s+(?:with)?in\s+\\+boxed"
        r"|(?:provide|give|include)\s+(?:a\s+)?(?:detailed\s+|brief\s+)?(?:rationale|justification) (?:for|of) (?:your|the|each)"
        r"|(?:请|并)(?:给出|写出|详细说明)(?:详细的?)?(?:推理|解题|思考|分析)(?:过程|步骤)",
        _I,
    ),
    # Requests for the reasoning itself in words no fixed phrase above covers (session 11: of 24
    # wordings written here as an attack script might phrase them - "articulate the internal
    # reasoning behind ...", "write your reasoning between <reasoning> tags", "work on this problem
    # step-by-step", "describe, step by step, how you arrived at the answer" - the phrases above
    # matched 9). General forms: a verb that asks for text + a reasoning noun in one clause;
    # reasoning tags; "step by step" in a clause about reasoning, a problem or an answer (not "a
    # step by step guide to baking bread").
    "reasoning_request": linear(
        r"\b(?:explain|show|write|lay out|articulate|describe|provide|give|include|break down|reconstruct"
        r"|spell out|outline|present|verbali[sz]e|output|generate|produce|detail)\b[^.\n]{0,40}?\b"
        + _REASON_NOUN
        + r"|<\s*/?\s*(?:thinking|think|reasoning|scratchpad|thoughts?|rationale)\s*>"
        r"|(?:inside|within|between|in)\s+<?(?:thinking|reasoning|scratchpad)>?\s+tags"
        r"|\bstep[- ]by[- ]step\b[^.\n]{0,60}?\b(?:reason|think|thought|solv|solution|problem|answer|arriv|conclu|logic)"
        r"|\b(?:reason|think|thought|solv|solution|problem|answer|arriv|conclu|logic)\w*\b[^.\n]{0,60}?\bstep[- ]by[- ]step\b"
        r"|(?:解释|说明|写出|给出)(?:你的|详细的?)?(?:思路|思考过程|推理过程|推导过程)",
        _I,
    ),
}

RUBRIC: dict[str, Pattern] = {
    # LLM-as-judge personas and the verdict formats of MT-Bench, AlpacaEval, Prometheus...
    "judge": linear(
        r"(?:act|acting|serve|behave)\s+as\s+an?\s+(?:impartial|fair|objective|unbiased|expert|strict|neutral|helpful)?\s*"
        r"(?:judge|evaluator|grader|rater|annotator|reviewer)"
        r"|you are an?\s+(?:impartial|fair|objective|unbiased|expert|strict|helpful)?\s*(?:judge|evaluator|grader|rater)\b"
        r"|\[\[\s*(?:a|b|c|tie|\d+(?:\.\d+)?)\s*\]\]"
        r"|\[(?:the )?(?:start|end) of (?:assistant|model|response)\s*\w*'?s? (?:answer|response|conversation)\]"
        r"|###\s*(?:score rubrics?|response to evaluate|reference answer|feedback)\s*:?",
        _I,
    ),
    "scale": linear(
        r"(?:rate|score|grade|evaluate|assess|judge|rank)\s+(?:the\s+|this\s+|each\s+|both\s+|following\s+|these\s+)*"
        r"(?:\w+\s+)?(?:response|answer|output|completion|reply|generation|summary|translation|essay)s?\b"
        r"[^.\n]{0,80}?(?:on|using|with)\s+a\s+(?:likert\s+)?(?:scale|score)\s+(?:of|from|between)\s+\d+"
        r"|(?:score|scoring|grading|evaluation)\s+(?:rubric|criteria|guidelines?)\s*[:：]"
        r"|(?:instruction[- ]following|honesty|truthfulness|helpfulness|harmlessness)\s+assessment"
        r"|(?:output|give|provide|return)\s+(?:your\s+|a\s+|the\s+)?(?:final\s+)?(?:score|rating|verdict)s?\b[^.\n]{0,40}?"
        r"(?:as|in the (?:format|form)|following (?:this|the) format|strictly)"
        r"|请(?:对|为|给)(?:以下|下面|这个|该)?(?:的)?(?:回答|回复|答案|输出)(?:进行)?(?:打分|评分)|评分标准[:：]"
        # "grade the response using this rubric", "score it from 1 to 10", 'a final line "Score: <1-5>"'
        r"|(?:grade|score|rate|evaluate|assess|judge)\s+(?:the\s+|this\s+|each\s+|following\s+)*(?:\w+\s+)?"
        r"(?:response|answer|output|completion|reply)s?\b[^\n]{0,60}?\b(?:rubric|criteria|scale)\b"
        r"|(?:score|rate|grade)\s+(?:it|them|each|the (?:answer|response|output))\s+(?:from|on a scale of|between)\s+\d+\s*(?:to|and|-)\s*\d+"
        r"|\b(?:score|rating|grade)\s*[:：]\s*<\s*\d+\s*[-–]\s*\d+\s*>"
        # writing the rubric a judge will grade by (an evaluation set's per-prompt criteria): judging
        # work, not training data (blind round 16's judge team read as data generation, session 30)
        r"|(?:write|draft|create|design|propose|produce)\s+(?:a|an|the)?\s*(?:new\s+|revised\s+|detailed\s+)?"
        r"(?:grading|scoring|evaluation|marking)\s+(?:rubric|criteria|scheme)",
        _I,
    ),
    "pairwise": linear(
        r"which\s+(?:of the two\s+|of these\s+)?(?:response|answer|output|assistant|model|completion|summary)s?\s+"
        r"(?:is|was|are)\s+(?:better|more helpful|preferred|more accurate|superior)"
        r"|compare\s+(?:the\s+)?(?:two|both|following|these)\s+(?:\w+\s+)?(?:responses|answers|outputs|completions|replies)"
        r"|(?:output|response|answer|assistant)\s*\(?a\)?\s*(?:or|vs\.?|versus)\s*(?:output|response|answer|assistant)\s*\(?b\)?"
        r"|(?:respond|reply|answer|output)\s+(?:only\s+)?with\s+[\"'“]?(?:response|answer|output|assistant)\s*[\"'”]?\s*[1a][\"'”]?"
        r"\s+or\s+[\"'“]?(?:response|answer|output|assistant)\s*[2b]",
        _I,
    ),
    # Grading in words the forms above miss (session 11: 4 of 11 wordings written here matched):
    # a grading verb and a model output in one passage with a score range or "out of N"; an output
    # followed by a request to rate it; pairwise choices by number; ranking several responses.
    "graded": linear(
        r"\b(?:rate|score|grade|evaluate|assess|critique|judge|review)\b[^\n]{0,60}?\b(?:response|answer|output|completion"
        r"|reply|generation)s?\b[^\n]{0,120}?(?:\b\d+(?:\.\d+)?\s*(?:-|–|to|and)\s*\d+\b|\bout of \d+|\b(?:a |the )?(?:score|rating)\b)"
        r"|\b(?:response|answer|output|completion|reply)\b[^\n]{0,80}?\b(?:rate|score|grade)\b[^\n]{0,40}?"
        r"(?:\d+\s*(?:-|–|to)\s*\d+|between\s+\d+(?:\.\d+)?\s+and\s+\d+|out of \d+)"
        r"|\bassign\s+(?:it\s+|them\s+)?(?:a\s+)?(?:score|rating|grade)\s+(?:between|from|of|on)\b"
        r"|\b(?:give|assign)\s+(?:it|them|each)\s+a\s+(?:score|rating|grade)\s+(?:out of|from|between)\s+\d+"
        r"|which\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:two\s+|2\s+|three\s+)?(?:response|answer|output|completion"
        r"|repl(?:y|ie)|summar(?:y|ie))s?\b[^.\n?]{0,30}?\b(?:better|more helpful|preferred|more accurate|superior|best)"
        r"|\brank\s+(?:the\s+)?(?:following\s+|these\s+)?(?:\w+\s+)?(?:responses|answers|outputs|completions)\b"
        r"|(?:回答|回复|答案)[^。\n]{0,20}?(?:评分|打分)[^。\n]{0,20}?\d+\s*[-–到至~]\s*\d+",
        _I,
    ),
}


# Every alternative of a family's pattern contains one of its keywords (lower case), so a prompt
# without any is skipped with one scan for all families' keywords (regex.Literals) instead of a
# regex pass: this keeps the three recognisers at ~0.1 ms on a 2k-character prompt.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "rationalisation": ("answer", "label", "option", "choice", "solution", "yourself", "your own", "答案"),
    "self_instruct": (
        "instruction",
        "task",
        "prompt",
        "example",
        "sample",
        "data",
        "quer",
        "request",
        "question",
        "指令",
        "任务",
        "问题",
        "提示",
    ),
    "evol_instruct": (
        "prompt",
        "instruction",
        "question",
        "task",
        "constraint",
        "requirement",
        "改写",
        "重写",
    ),
    "qa_pairs": ("pair", "json", "问答对"),
    "dataset": (
        "data",
        "example",
        "sample",
        "corpus",
        "pair",
        "conversation",
        "dialogue",
        "chat",
        "[|",
        "persona",
    ),
    "orca_system": (
        "step",
        "explain",
        "definition",
        "year",
        "explanation",
        "detailed",
        "correct answer",
        "justify",
    ),
    "step_by_step": ("step", "chain", "<think>", "aloud", "out loud", "一步", "逐步"),
    "reasoning_request": (
        *("reasoning", "rationale", "thought", "thinking", "monologue", "intermediate", "derivation"),
        *("<think", "think>", "scratchpad", "step", "思路", "思考过程", "推理过程", "推导过程"),
    ),
    "explain_reasoning": (
        "reasoning",
        "thinking",
        "thought process",
        "work",
        "step",
        "rationale",
        "derivation",
        "logic",
        "answering",
        "responding",
        "giving",
        "boxed",
        "justification",
        "推理",
        "解题",
        "思考",
        "分析",
    ),
    "judge": (
        "judge",
        "evaluat",
        "grader",
        "rater",
        "annotator",
        "reviewer",
        "[[",
        "start of",
        "end of",
        "###",
    ),
    "scale": (
        "scale",
        "score",
        "rubric",
        "criteria",
        "guideline",
        "assessment",
        "rating",
        "verdict",
        "打分",
        "评分",
    ),
    "graded": (
        *("response", "answer", "output", "completion", "repl", "generation", "summar", "score"),
        *("rating", "grade", "回答", "回复", "答案"),
    ),
    "pairwise": (
        "better",
        "helpful",
        "preferred",
        "accurate",
        "superior",
        "compare",
        " vs",
        "versus",
        " or ",
    ),
}


# A second word every alternative also contains, for the two families whose first keywords are
# common words ("task", "question", "prompt"): on 3,000 real TUNE prompts the self-instruct regex
# runs on 6.6% of them instead of 45.4%, Evol's on 9.2% instead of 40.8%, with the same answers
# on every user turn and system prompt of ../shared/traffic (tests/test_detector_provenance.py).
ALSO: dict[str, tuple[str, ...]] = {
    # the reasoning noun, or what a step-by-step clause is about, or a tag's word
    "reasoning_request": (
        *("reason", "think", "thought", "solv", "solution", "problem", "answer", "arriv", "conclu"),
        *("logic", "rationale", "monologue", "intermediate", "derivation", "scratchpad", "思路", "过程"),
    ),
    # the grading word of every alternative
    "graded": (
        *("rate", "rating", "score", "grade", "evaluat", "assess", "critique", "judge", "review", "rank"),
        *("better", "helpful", "preferred", "accurate", "superior", "best", "评分", "打分"),
    ),
    "self_instruct": (
        *("new", "diverse", "different", "varied", "unique", "novel", "high-quality", "distinct"),
        *("model", "多样", "不同", "新"),
    ),
    "evol_instruct": (
        *("#", "rewriter", "creator", "evolver", "constraint", "requirement", "更", "new", "rewritten"),
        *("complex", "difficult", "challenging", "harder", "difficulty", "complexity", "depth"),
        *("specific", "detailed", "demanding", "obvious", "evolved", "revised", "tougher", "advanced"),
    ),
}


# every family's keywords and, apart, its second words: which of them a text holds, in one scan
_CUES = Literals({**KEYWORDS, **{f"also:{name}": words for name, words in ALSO.items()}})
# whether a family's pattern matches, by name (regex.search_set)
_MATCH = {name: search_set(p).Match for family in (DATAGEN, COT, RUBRIC) for name, p in family.items()}


@lru_cache(maxsize=16)
def _cues(text: str) -> frozenset[str]:
    """The families whose keywords `text` holds (and "also:" ones): the three recognisers read
    one prompt's head in turn."""
    return _CUES.found(text.lower())


def _first(patterns: dict[str, Pattern], *texts: str) -> str | None:
    texts = tuple(t for t in texts if t)
    cues = [_cues(t) for t in texts]
    for name in patterns:
        for t, found in zip(texts, cues, strict=True):
            if name in found and (name not in ALSO or f"also:{name}" in found) and _MATCH[name](t):
                return name
    return None


def _head(text: str) -> str:
    """Meta-prompts state their job at the start (self-instruct, judges) or the end (Evol's
    "#Rewritten Prompt#:", "Let's think step by step"): long prompts keep 768 + 256 characters
    (the rates quoted below were measured with 1024 + 512; a shorter window can only match less)."""
    return text if len(text) <= 1024 else text[:768] + "\n" + text[-256:]


def data_generation(text: str, system: str = "", whole: bool = False) -> str | None:
    """A request to *make training data*: self-instruct-style "come up with N diverse task
    instructions" (with seed examples), Evol-Instruct prompt rewriting, question/answer-pair and
    JSON instruction-record generation, synthetic/persona dataset and simulated-dialogue requests,
    and Magpie (an empty or header-only chat template, so the model writes the user turn itself).
    Real users ask for "10 ideas" often; what this needs is that the *items are prompts or
    training examples*, so a brainstorm for a party is not matched. Measured: 0 of 8,594 benign
    prompts (chat + eval pools) and 0 of 5,145 distiller-source prompts (these sets are the
    *outputs* of such pipelines, not the requests); 48/48 of this repo's own example requests.
    `whole`: search the whole text, not its head and tail (content_flags, where the learned
    reader already read a data-generation request: a meta-instruction padded into the middle)."""
    if isinstance(text, str) and template_only(text):
        return "magpie"
    return _first(DATAGEN, (text or "") if whole else _head(text or ""), _head(system or ""))


def cot_elicitation(text: str, system: str = "") -> str | None:
    """A request for the reasoning itself: Orca-style explanation-tuning system prompts, "think
    step by step" and chain-of-thought cues, "explain/show your reasoning", boxed-final-answer
    formats. Evaluation harnesses also say "Let's think step by step" (GSM8K CoT), so a key with
    this *and* evaluation evidence should read as evaluation, not as a distiller. Measured: 11 of
    8,594 benign prompts (0.13%; real users do ask "step by step"), all 284 Orca/FLAN rows with
    their system prompt, 1.8% of the `stillroom queries` templates, 30/30 own examples. Over every
    user turn of the benign files (with the wider wordings: "reason through the problem step by
    step", "explain your thinking", "think aloud"): 11 of 12,166 chat turns, 16 of 17,004 eval
    turns (before the widening: 10 and 14); with the general `reasoning_request` forms (session
    11): 15 and 18."""
    return _first(COT, _head(text or ""), _head(system or ""))


def rubric_grading(text: str, system: str = "") -> str | None:
    """Model-as-judge traffic: judge personas, "[[A]]"/"[[8]]" verdict formats, rubric sections,
    "rate the response on a scale of 1 to 10", pairwise "which response is better". Distillers
    use it to buy preference labels (RLAIF, UltraFeedback-style); evaluators use it too
    (MT-Bench/AlpacaEval judging), so it is evidence of *bulk judging*, weighed per key.
    Measured: 0 of 8,594 benign prompts, 0 of the distiller-source prompts, 24/24 own examples
    (no real judge traffic is in ../shared/traffic, so recall on real pipelines is unmeasured).
    With the general `graded` forms (session 11), over every user turn of the benign files: 1 of
    12,166 chat turns ("give it a score between 0 and 100"), 0 of 17,004 eval turns."""
    return _first(RUBRIC, _head(text or ""), _head(system or ""))


@lru_cache(maxsize=4096)
def in_system_prompt(system: str) -> tuple[str, ...]:
    """Which of data generation, CoT and rubric grading a system prompt asks for, by the phrase
    patterns alone ("datagen", "cot", "rubric"). Apps send one system prompt with every request,
    so it is cached; the Magpie test is about the user turn and is not run here."""
    head = _head(system or "")
    found = (("datagen", DATAGEN), ("cot", COT), ("rubric", RUBRIC))
    return tuple(name for name, patterns in found if head and _first(patterns, head))


# An app feature's fixed prompt: a transformation of material the request supplies (summarise,
# translate, rewrite, proofread, classify, extract, title...) - "Summarize the following customer
# message", "Translate the text below into Spanish". Such a wrapper is a common automated API
# use, and its answers are summaries or translations of the app's users' text, not
# answers to tasks: a distiller that wants the model's answers to its items must ask them as
# tasks. The verb must point at supplied material ("the following", "below", "this message",
# a colon), so "summarise photosynthesis in a tweet" (a task about a topic) is not one.
_T_VERB = (
    r"summari[sz]e|translate|paraphrase|re-?write|re-?phrase|re-?word|proofread|copy-?edit|correct|fix"
    r"|simplify|shorten|condense|classify|categori[sz]e|label|tag|extract|detect|identify|analy[sz]e"
    r"|anonymi[sz]e|redact|convert|reformat|title|headline|subject line|tl;?dr"
)
_T_MATERIAL = (
    r"\b(?:the following|following|below|above|given|provided|attached|this|these)\b"
    r"|\b(?:the|my|our|your|each|every|user'?s?|customer'?s?|\w+'s)\s+(?:\w+\s+){0,2}?(?:text|message|review|article"
    r"|passage|e-?mail|document|paragraph|sentence|input|content|post|comment|conversation|transcript"
    r"|ticket|note|tweet|description|story|letter|essay|snippet|segment|string|phrase|entry|record"
    r"|report|excerpt|clause|section|caption|quer(?:y|ie)|log|table|file|page|chat|abstract)s?\b"
    r"|[:：]"
)
TRANSFORM = linear(
    rf"\b(?:{_T_VERB})\b[^.\n]{{0,60}}?(?:{_T_MATERIAL})"
    r"|(?:翻译|总结|概括|润色|改写|分类|提取)[^。\n]{0,20}?(?:以下|下面|下列|这段|这篇|这句|该)"
    r"|(?:以下|下面|下列|这段|这篇|这句)[^。\n]{0,20}?(?:翻译|总结|概括|润色|改写|分类|提取)",
    re.I,
)


@lru_cache(maxsize=256)
def transformation(wrapper: str) -> bool:
    """Whether a key's constant wrapper (the part of its prompts around the varying slot, see
    content.slot) asks to transform supplied material. Read on the wrapper only: inside an item,
    "summarise the following paragraph" is a task like any other. Cached: a key sends its wrapper
    with every request (85-90% of calls on TUNE and VAL repeat one of the last 256), and an RE2
    search that the rest of a request has pushed out of the CPU caches costs ~10 us."""
    return bool(wrapper) and bool(TRANSFORM.search(wrapper))


LEAD_LINE = 300  # characters of a prompt's first line read by `leading_transformation`


def leading_transformation(text: str) -> bool:
    """Whether a prompt is an instruction line that transforms the material below it ("Summarise
    this thread: decisions, owners.\n\n[14:51] Hanna: ..."), when `content.slot` found no wrapper:
    an app with several templates, or with its users' follow-ups in between, differs from the
    prompt before each request, and its transformations went unrecognised (blind round 31's Slack
    app: 1% of the window at its peak read as transformations; this reads 47% of its prompts as
    one). The material must outweigh the line, as an item does not its one-line wrapper."""
    head, sep, rest = text.partition("\n")
    return bool(sep) and len(rest.strip()) >= max(80, len(head)) and transformation(head[:LEAD_LINE])
