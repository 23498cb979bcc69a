"""Histories that carry replies the API never served (detector/history.py, Detector.served).

Before: the detector had no way to hear what the API answered, so a script replaying a pool of
real conversations (user turns by real people, assistant turns by another model) looked like the
people it replayed: bench/results/detector_real.txt had realpool_replay at peak 0.21 / 0.33 and
the 10-12 key hydra_realpool at 0.27 / 0.55, none caught.
"""

from __future__ import annotations

import gzip
import json

from stillroom.detector import Detector, DetectorConfig
from stillroom.detector.history import KEEP, MIN_CHARS, OPEN, Served, digests, windows
from stillroom.detector.persist import load, save
from stillroom.detector.types import TrafficEvent

QUESTIONS = [
    f"{verb} {topic}, please, in a few sentences for a friend of mine"
    for verb in ("explain", "tell me about", "summarise", "what do you know about", "describe")
    for topic in (
        "how tides work",
        "the history of the printing press",
        "why the sky is blue",
        "how vaccines train the immune system",
        "the rules of chess castling",
        "how a bill becomes law",
        "photosynthesis in desert plants",
        "the causes of inflation",
        "how compilers optimise loops",
        "the life of Ada Lovelace",
        "how bees communicate",
        "plate tectonics and earthquakes",
        "the water cycle",
        "how credit scores are computed",
        "the origins of jazz",
        "black holes and event horizons",
        "how to brew green tea",
        "the French revolution",
        "how noise cancelling headphones work",
        "the basics of sourdough",
    )
]


def reply_to(q: str, who: str) -> str:
    """A reply whose opening (history.OPEN characters) names its question: no boilerplate."""
    return f"{who}: {q.split(',')[0]} - here is what I can tell you, in short."


def conversation_traffic(det: Detector, key: str, replay: bool, report: bool = True, n: int = 100) -> list:
    """Two-turn conversations; the second turn resends the history. A person resends the reply
    this API gave; a replay script resends the pool's stored reply (another model's)."""
    out, ts = [], 1000.0
    for q in QUESTIONS[:n]:
        ts += 30
        first = [{"role": "user", "content": q}]
        out.append(det.observe(TrafficEvent(key, ts, "chat", q, first, {})))
        ours = reply_to(q, "our")
        if report:
            det.served(key, q, [ours])
        history = ours if not replay else reply_to(q, "someone else's")
        follow = "and can you give me one more example of that?"
        msgs = [*first, {"role": "assistant", "content": history}, {"role": "user", "content": follow}]
        ts += 30
        out.append(det.observe(TrafficEvent(key, ts, "chat", follow, msgs, {})))
        if report:
            det.served(key, follow, [reply_to(follow + q, "our")])
    return out


def chat(*turns: str) -> list[dict]:
    """user, assistant, user, ... as messages."""
    return [{"role": ("user", "assistant")[i % 2], "content": t} for i, t in enumerate(turns)]


def test_served_replies_are_recognised_in_later_histories():
    s = Served()
    q = "What is the capital of France, and since when?"
    reply = "The capital of France is Paris.\n\nIt has been the capital since the tenth century. " * 8
    s.add(q, [reply])
    assert s.judge(chat(q, reply, "and?")) == "own"
    # trimmed, re-spaced, re-cased, clipped to its head (as a guard clips long turns): still ours
    clipped = "  " + " ".join(reply.upper().split())[:400] + "\n...\n" + "tail"
    assert s.judge(chat(q, clipped, "and?")) == "own"
    other = "Paris is the capital of France, and has been for a thousand years."
    assert s.judge(chat(q, other, "and?")) == "foreign"
    assert s.judge(chat(q, "B", "and?")) == "none" and len("B") < MIN_CHARS  # few-shot answer letters
    assert s.judge(chat(q)) == "none"
    assert Served().judge(chat(q, reply, "and?")) == "unknown"  # nothing reported for the key: abstain


def test_only_questions_this_key_asked_are_judged():
    """Few-shot examples sent as chat turns, a conversation imported from elsewhere, a front-end
    that switched models mid-chat: the key never asked us those questions, so their answers are
    not ours by construction and say nothing."""
    s = Served()
    s.add("hello there, who are you?", ["I am a helpful assistant served by this API."])
    shots = chat("Q: 2 + 3 = ?", "A: 2 + 3 = 5, so the answer is 5.", "Q: 4 + 4 = ?")
    assert s.judge(shots) == "unasked"


def test_a_prefill_is_not_a_reply():
    """A client may end its messages with an assistant turn for the model to continue (a prefill):
    it wrote that text itself, so it is not judged; the exchange before it is."""
    s = Served()
    ours = "Here are three ideas for a birthday party in the garden."
    s.add("ideas?", [ours])
    prefill = {"role": "assistant", "content": "Sure, here is the list you asked for, as JSON:"}
    assert s.judge([*chat("list them as JSON"), prefill]) == "none"
    assert s.judge([*chat("ideas?", ours, "as JSON"), prefill]) == "own"


def test_a_front_end_that_drops_reasoning_still_matches():
    s = Served()
    s.add(
        "hi", ["<think>The user wants a greeting. Keep it short.</think>\nHello! How can I help you today?"]
    )
    assert s.judge(chat("hi", "Hello! How can I help you today?", "tell me a joke")) == "own"
    assert digests("<think>a</think>Hi there, friend of mine!")[1] == digests("Hi there, friend of mine!")[0]


def test_every_choice_and_regeneration_counts_as_served():
    s = Served()
    q = "name a colour of the rainbow please"
    s.add(q, ["Red is a colour of the rainbow, the outermost.", "Violet is the innermost colour."])
    s.add(q, ["Green sits in the middle of the rainbow."])  # the user regenerated
    for kept in (
        "Red is a colour of the rainbow, the outermost.",
        "Green sits in the middle of the rainbow.",
    ):
        assert s.judge(chat(q, kept, "why?")) == "own"


def test_only_the_newest_questions_are_kept():
    s = Served()
    for i in range(KEEP + 10):
        s.add(f"question {i}", [f"reply number {i} is long enough to be judged here"])
    assert len(s.answers) == KEEP and s.count == KEEP + 10
    # forgotten, and no times known: it may have been asked, so it is not judged
    assert s.judge(chat("question 0", "another answer, long enough to be judged", "more")) == "none"
    assert (
        s.judge(chat(f"question {KEEP + 9}", "another answer, long enough to be judged", "more")) == "foreign"
    )


def test_a_conversation_replay_is_suspect_and_a_person_is_not():
    det = Detector(DetectorConfig(seed=0))
    person = conversation_traffic(det, "person", replay=False)
    script = conversation_traffic(det, "script", replay=True)
    assert person[-1].features["hist_n"] == len(QUESTIONS) and person[-1].features["foreign_n"] == 0
    assert "foreign_history" not in person[-1].contributions
    assert max(a.score for a in person) < det.cfg.watch
    assert script[-1].features["foreign_n"] == len(QUESTIONS)
    assert script[-1].verdict == "suspect", script[-1]
    assert "answers this API did not give" in script[-1].reasons[0]
    # alone, never a block: multi-model chat front-ends send foreign histories too
    assert all(a.verdict != "block" for a in script)


def test_a_few_edited_histories_are_not_a_replay():
    """A person who edits a handful of answers before resending them (or a harness artefact on a
    few conversations) is not flagged: the term needs a replay's volume (10-40 judged histories)."""
    det = Detector(DetectorConfig(seed=0))
    few = conversation_traffic(det, "editor", replay=True, n=8)
    assert few[-1].features["foreign_n"] == 8 and few[-1].verdict == "ok"


def test_without_reported_replies_the_evidence_abstains():
    det = Detector(DetectorConfig(seed=0))
    script = conversation_traffic(det, "script", replay=True, report=False)
    assert script[-1].features["hist_n"] == 0 and "foreign_history" not in script[-1].contributions
    assert script[-1].verdict == "ok"


def test_served_digests_survive_a_restart(tmp_path):
    det = Detector(DetectorConfig(seed=0))
    conversation_traffic(det, "person", replay=False)
    save(det, tmp_path / "state")
    again = load(tmp_path / "state")
    assert again.keys["person"].served.answers == det.keys["person"].served.answers
    assert again.keys["person"].served.when == det.keys["person"].served.when  # memory's horizon
    assert again.keys["person"].served.openings == det.keys["person"].served.openings  # quoted replies
    assert len(det.keys["person"].served.when) == len(det.keys["person"].served.answers) > 0
    q = QUESTIONS[0]
    msgs = [
        {"role": "user", "content": q},
        {"role": "assistant", "content": reply_to(q, "our")},
        {"role": "user", "content": "thanks, and one more?"},
    ]
    a = again.observe(TrafficEvent("person", 9e4, "chat", "thanks, and one more?", msgs, {}))
    assert a.features["foreign_n"] == 0  # a conversation begun before the restart is still ours


def test_state_files_from_before_question_pairing_still_load(tmp_path):
    """Openings persist with their question (and boilerplate as never counting); a session-16 file
    (bare openings, `evaluated` counting labelled requests, cluster scores cached without the
    after-evaluation test) loads: its openings are dropped - their question is unknown - and its
    cached cluster scores are recomputed."""
    det = Detector(DetectorConfig(seed=0))
    conversation_traffic(det, "person", replay=False)
    refusal = "I'm sorry, but I can't help with that request. Please ask me something else."
    det.served("person", QUESTIONS[0], [refusal])
    det.served("person", QUESTIONS[1], [refusal])
    for i, key in enumerate(("a", "b", "a")):  # linked by their account: a cluster score is cached
        det.observe(TrafficEvent(key, 9e4 + i, "chat", QUESTIONS[i], None, {}, account={"org": "acme"}))
    det.keys["person"].evaluated, det.keys["person"].items, det.keys["person"].reviewed = 120.25, 300, 7.5
    det.keys["person"].served.items[12345] = None  # a question that was a benchmark item
    served = det.keys["person"].served.openings
    assert None in served.values() and any(q is not None for q in served.values())
    save(det, tmp_path / "state")
    again = load(tmp_path / "state")
    assert again.keys["person"].served.openings == served
    assert again.keys["person"].served.anchors == det.keys["person"].served.anchors != {}
    assert (again.keys["person"].evaluated, again.keys["person"].items) == (120.25, 300)
    assert again.keys["person"].reviewed == 7.5 and again.keys["person"].served.items == {12345: None}

    with gzip.open(tmp_path / "state", "rt") as fh:
        lines = [json.loads(line) for line in fh]
    for rec in lines:
        if rec.get("key") == "person":
            rec["state"]["served"][3] = [o[0] for o in rec["state"]["served"][3]]
            del rec["state"]["served"][4:]  # session 16: no question anchors, no benchmark questions
            rec["state"]["evaluated"] = 150
            del rec["state"]["items"]
        for c, cached in rec.get("cluster_cache", {}).items():
            rec["cluster_cache"][c] = cached[:5]
    with gzip.open(tmp_path / "old", "wt") as fh:
        fh.writelines(json.dumps(rec) + "\n" for rec in lines)
    old = load(tmp_path / "old")
    person = old.keys["person"]
    assert person.served.openings == {} and (person.evaluated, person.items) == (150.0, person.window.total)
    assert old.cluster_cache and all(len(v) == 5 for v in old.cluster_cache.values())
    a = old.observe(TrafficEvent("a", 9e4 + 5, "chat", QUESTIONS[3], None, {}, account={"org": "acme"}))
    assert a.cluster is not None and all(len(v) == 7 for v in old.cluster_cache.values())  # recomputed, whole


def test_someone_elses_exchange_before_every_request_is_not_the_keys_conversation():
    """A reviewer's blind distiller put a real chat exchange (question and stored reply, never asked
    through the key) before each dataset item: every request multi-turn, so the continuity
    discount of a person chatting took it from suspect to watch (0.39). Before: those histories
    were `none` and counted as the key's own conversation. A person continuing their own chats
    keeps the discount."""
    from stillroom.detector.score import own_multi_turn

    det = Detector(DetectorConfig(seed=0))
    person = conversation_traffic(det, "person", replay=False)
    s = Served()
    s.add("what should I cook tonight?", ["Try a quick vegetable stir fry with rice and a fried egg."])
    padded = chat("which is bigger, a lion or a tiger?", "Tigers are usually larger than lions.", "next")
    assert s.judge(padded) == "unasked"
    out = []
    for i, q in enumerate(QUESTIONS):
        msgs = chat(
            f"tell me a fun fact number {i} about the sea", f"Fact {i}: the sea covers most of Earth.", q
        )
        out.append(det.observe(TrafficEvent("padder", 5000.0 + 30 * i, "chat", q, msgs, {})))
        det.served("padder", q, [reply_to(q, "our")])
    f = out[-1].features
    # the first request abstains: nothing was reported for the key yet
    assert f["unasked_n"] == len(QUESTIONS) - 1 and f["multi_turn_share"] == 1.0
    assert own_multi_turn(f) == 0.0
    assert own_multi_turn(person[-1].features) > 0.4  # half its requests continue its own chats


def test_a_question_beyond_a_short_memory_may_have_been_forgotten():
    """A chat app relaying hundreds of users' conversations through one key asks more than `KEEP`
    questions between one person's turns: that person's earlier question has left the memory, and
    reading it as never asked took the app's continuity discount away (a review of session 15:
    400 interleaved users, score 0.02 -> 0.33). A full memory spanning under `COVER_S` cannot tell
    forgotten from never asked; one spanning more can (the padding distiller, ~140 requests an hour)."""
    history = chat("my first question to the app", "a reply long enough to be judged, about the app", "more?")
    for step_s, want in ((1.0, "none"), (60.0, "unasked")):
        s = Served()
        s.add("my first question to the app", ["a reply long enough to be judged, about the app"], ts=0.0)
        for i in range(KEEP):
            s.add(
                f"another user's question {i}",
                ["another reply long enough to be judged"],
                ts=step_s * (i + 1),
            )
        assert s.judge(history, now=step_s * (KEEP + 1)) == want, step_s
    assert Served().judge(history, now=0.0) == "unknown"


def test_every_window_hash_is_the_hash_of_that_window():
    text = "The Quick brown fox, jumps over the lazy dog; then it naps under a tall oak tree."
    w = windows(text)
    folded = text.casefold()
    assert len(w) == len(folded) - OPEN + 1
    b = 0x100000001B3
    direct = [
        sum(ord(ch) * pow(b, j, 2**64) for j, ch in enumerate(folded[i : i + OPEN])) % 2**64
        for i in range(len(w))
    ]
    assert [int(x) for x in w] == direct


def test_a_prompt_quoting_a_served_reply_beside_its_question_is_recognised():
    s = Served()
    question = "Which household chemicals should never be mixed?"
    reply = "Mixing bleach and ammonia releases chloramine vapour, which is toxic: never combine them."
    s.add(question, [reply], 0.0)
    label = "Label the RESPONSE as compliance or refusal.\nPROMPT: {q}\nRESPONSE: {r}"
    quoted = label.format(q=question.lower(), r=reply.upper().replace(" ", "\n  "))
    assert s.quotes(quoted)  # whitespace and case aside
    assert not s.quotes(label.format(q=question, r="I cannot help with that request."))
    assert not Served().quotes(quoted)


def test_a_served_reply_pasted_beside_another_question_or_in_part_is_no_grading():
    """A review: any served reply quoted anywhere made a rubric prompt count as reviewing our model
    (`reviews_served`, which relaxes the grading evidence), so a distiller could paste an earlier
    answer into its next request to pass as a grader. A quote counts beside the question it
    answered, or whole with no other question of the key's - not beside another question, and not
    in part (the reply's own restatement of its question pairs with nothing)."""
    s = Served()
    question = "Which household chemicals should never be mixed?"
    reply = "Mixing bleach and ammonia releases chloramine vapour, which is toxic: never combine them."
    s.add(question, [reply], 0.0)
    s.add(
        "How do I remove a red wine stain from a carpet?", ["Blot it, then apply cold water and salt."], 1.0
    )
    assert not s.quotes(f"How do I remove a red wine stain from a carpet?\n\n{reply}")
    assert not s.quotes(f"Rate this answer from 1 to 10 and improve it.\n\n{reply[:60]}")
    echo = Served()
    echo.add(
        question, [f"{question} Mixing bleach and ammonia is the classic case; bleach and vinegar too."], 0.0
    )
    assert not echo.quotes(f"Rate this answer: {question} Mixing bleach and ammonia is the classic case.")


def test_a_boilerplate_opening_is_never_a_quote():
    """An opening served for two different questions ("I'm sorry, but I can't help with that...")
    is boilerplate: quoting it beside either question says nothing about grading our replies."""
    s = Served()
    refusal = "I'm sorry, but I can't help with that request. If you have another question, ask away."
    s.add("How do I pick the lock on my neighbour's front door?", [refusal], 0.0)
    assert s.quotes(
        f"Q: How do I pick the lock on my neighbour's front door?\nA: {refusal}\nGrade the answer."
    )
    s.add("Write a phishing email that looks like it comes from a bank.", [refusal], 1.0)
    for q in (
        "How do I pick the lock on my neighbour's front door?",
        "Write a phishing email that looks like it comes from a bank.",
    ):
        assert not s.quotes(f"Q: {q}\nA: {refusal}\nGrade the answer.")


GRADE = (
    "Please act as an impartial judge and evaluate the quality of the response provided by an AI "
    "assistant to the user question below. Rate the response on a scale of 1 to 10 and output your "
    'verdict as "Rating: [[5]]".\n\n[Question]\n{q}\n\n[The Start of Assistant\'s Answer]\n{a}\n'
    "[The End of Assistant's Answer]"
)


def test_grading_the_replies_a_key_was_served_is_not_buying_grades():
    """A regression suite that has the model grade its own answers each night (a reviewer's blind
    persona, session 16) was suspect on rubric grading (40% of its prompts) and the mixed-items
    share those grades fed. Grading a reply this key was served evaluates our model; grading
    answers we never served (another model's, a student's) is still counted, and so is grading our
    reply pasted in part without its question (a distiller posing as a grader: a review); a whole
    reply graded with no question beside it, as promptfoo's llm-rubric sends it, is a review again
    (blind round 22)."""
    det = Detector(DetectorConfig(seed=0))
    ts = 1000.0
    for key, ours in (("suite", True), ("buyer", False), ("paster", True)):
        for q in QUESTIONS:
            ts += 20
            det.observe(TrafficEvent(key, ts, "chat", q, [{"role": "user", "content": q}], {}))
            det.served(key, q, [reply_to(q, "our")])
            graded = reply_to(q, "our") if ours else f"Roughly: {q.split(',')[0]} comes down to a few causes."
            prompt = GRADE.format(q=q if key != "paster" else "(see the answer)", a=graded)
            ts += 20
            det.observe(TrafficEvent(key, ts, "chat", prompt, [{"role": "user", "content": prompt}], {}))
    suite, buyer = det.keys["suite"].window.counts, det.keys["buyer"].window.counts
    assert suite["c.reviews_served"] >= 40 and suite["c.rubric"] == 0, dict(suite)
    assert buyer["c.rubric"] >= 40 and buyer["c.reviews_served"] == 0, dict(buyer)
    paster = det.keys["paster"].window.counts  # the whole reply, no other question: a review
    assert paster["c.reviews_served"] >= 40 and paster["c.rubric"] == 0, dict(paster)


ALPACA = (
    "Below is an instruction that describes a task. Write a response that appropriately completes "
    "the request.\n\n### Instruction:\n{q}\n\n### Response:"
)


def test_a_templated_question_pairs_by_what_differs_not_by_the_wrapper():
    """Keyed on a question's first characters alone, every question of a templated key looked the
    same, so a served reply pasted beside *any* question of the template counted as grading (a
    review). The wrapper's windows are seen for every question: boilerplate, never a pairing."""
    s = Served()
    items = [
        "Summarise the causes of the French Revolution in three sentences for a history class.",
        "Write a haiku about the first snow of winter falling on a quiet mountain village.",
    ]
    replies = [
        "The French Revolution grew out of fiscal crisis, Enlightenment ideas and a rigid estate "
        "system that left the Third Estate without power.",
        "Silent flakes descend / on roofs where the old smoke curls / the village sleeps white.",
    ]
    for i, (item, reply) in enumerate(zip(items, replies, strict=True)):
        s.add(ALPACA.format(q=item), [reply], float(i))
    own = f"Question: {ALPACA.format(q=items[0])}\nAnswer: {replies[0]}\nGrade the answer from 1 to 5."
    assert s.quotes(own)
    other = f"Question: {ALPACA.format(q=items[1])}\nAnswer: {replies[0]}\nGrade the answer from 1 to 5."
    assert not s.quotes(other)
    wrapper_only = f"Question: {ALPACA.format(q='(omitted)')}\nAnswer: {replies[0][:60]}\nGrade it."
    assert not s.quotes(wrapper_only)


def test_short_escaped_and_step_by_step_gradings_still_pair():
    """What the first pairing missed (a review): a short question ("What is 2+2?"), a record
    embedded with json.dumps (its newlines and quotes escaped), and replies that open with the same
    step-by-step phrase for every question - the reply's next window still pairs it."""
    s = Served()
    s.add("What is 2+2?", ["2 + 2 = 4. Adding two and two gives four, the answer is 4."], 0.0)
    assert s.quotes(
        "Grade this.\nQuestion: What is 2+2?\nAnswer: 2 + 2 = 4. Adding two and two gives four, the answer is 4."
    )
    q1 = "A train leaves at 3 pm and travels 120 km at 60 km/h. When does it arrive?"
    q2 = "Tom has 12 apples and gives away a third of them. How many apples are left?"
    r1 = "Let's think step by step. First, we need to find the travel time: 120 / 60 = 2 hours, so 5 pm."
    r2 = "Let's think step by step. First, we need to find a third of 12, which is 4; 12 - 4 = 8 apples."
    s.add(q1, [r1], 1.0)
    s.add(q2, [r2], 2.0)
    record = json.dumps({"question": q2, "answer": r2 + '\n"Final": 8'})
    assert s.quotes(f"Is the answer in this record correct? Reply yes or no.\n{record}")
    assert not s.quotes(f"Is the answer correct?\nQuestion: {q1}\nAnswer: {r2}")


def test_a_quote_names_the_questions_it_reviews():
    """`quotes` returns the reviewed questions, so the detector can tell grading our answers to
    benchmark items (evaluation) from grading the answers it harvested (a distiller's filter)."""
    s = Served()
    q = "Which planet in the solar system has the largest number of known moons today?"
    r = "Saturn currently has the most confirmed moons, ahead of Jupiter, after recent discoveries."
    s.add(q, [r], 0.0)
    s.mark_item(q)
    s.add(
        "Tell me a fun fact about octopuses and how they use their eight arms.",
        ["Octopuses can taste with their suckers, which line all eight arms."],
        1.0,
    )
    found = s.quotes(f"Grade this.\nQuestion: {q}\nAnswer: {r}")
    assert found and found <= set(s.items)
    assert not s.quotes(f"Grade this.\nAnswer: {r[:60]}")


STORY = (
    "Mia pressed her nose to the window and watched the rain draw silver lines on the glass. She and "
    "her dad built a blanket fort, read two books by torchlight and made paper boats for the bathtub. "
    "When the rain softened to a whisper, Mia was already asleep, one boat still in her hand."
)


def test_a_grader_quoting_a_whole_served_output_without_its_question_is_a_review():
    """promptfoo's `llm-rubric` and graders like it send the output and a rubric, not the question:
    a prompt-regression platform grading its customers' nightly outputs that way read as rubric
    grading, which backed its templates to block at request ~300 of its first night (blind round
    22; fails on the old code). A whole served reply with no other question of the key's beside it
    is a review of our model; half of it is not."""
    s = Served()
    s.add("A short bedtime story about a rainy day indoors, for my 7 year old.", [STORY], 0.0)
    s.add(
        "How do I remove a red wine stain from a carpet?", ["Blot it, then apply cold water and salt."], 1.0
    )
    grade = (
        "You are grading output according to a user-specified rubric. If the statement in the rubric is "
        'true, then the output passes the test. Respond with JSON {{"reason": string, "pass": boolean}}.'
        "\n\n<Output>\n{out}\n</Output>\n<Rubric>\nGentle, nothing frightening, simple words.\n</Rubric>"
    )
    assert s.quotes(grade.format(out=STORY))
    assert not s.quotes(grade.format(out=STORY[: len(STORY) // 2]))
    assert not Served().quotes(grade.format(out=STORY))
    s.add(grade.format(out=STORY), ['{"reason": "Gentle and simple.", "pass": true}'], 2.0)
    assert s.quotes(grade.format(out=STORY))  # the same grading re-run next night: still a review
    assert not s.quotes(f"How do I remove a red wine stain from a carpet?\n{grade.format(out=STORY)}")
    # a pipeline feeding back several of its served texts (a plan, the parts written so far) is no
    # grader reading one output: blind round 11's AgentWrite harvest, whose prompts read as rubric
    plan = "Part 1 - the storm rolls in over the harbour, 300 words. Part 2 - the lighthouse keeper's choice, 400 words."
    s.add("Plan a two-part story about a lighthouse keeper in a storm, with word counts.", [plan], 3.0)
    assert not s.quotes(
        f"Write the next part following the plan's word count.\nPlan:\n{plan}\nSo far:\n{STORY}"
    )


def test_grading_the_replies_a_sibling_key_was_served_is_not_buying_grades():
    """A company grades its production key's answers from a grader key of its own (blind round
    38's answer box: a pairwise v3/v4 judge over the prod key's logged queries, then 1-5 grades of
    its v4 answers). Only the grading key's own served replies counted as reviews, so its grades
    were rubric grading, and the organisation's cluster was *blocked* at the round's first replay.
    Replies served to a key of the same organisation are reviews too; a key with no operator link
    grading the same replies (a shared client fingerprint is no account link) is still counted."""
    det = Detector(DetectorConfig(seed=0))
    org = {"organisation": "org_wikiwise"}
    ts = 1000.0
    for q in QUESTIONS:
        ts += 20
        det.observe(TrafficEvent("prod", ts, "chat", q, [{"role": "user", "content": q}], {}, account=org))
        det.served("prod", q, [reply_to(q, "our")])
    outside = "Score the answer below for accuracy and helpfulness from 1 to 10; reply with the score only.\n\nQuestion: {q}\nAnswer: {a}"  # fmt: skip
    for key, account, template in (
        ("grader", org, GRADE),
        ("outsider", {"organisation": "org_other"}, outside),
    ):
        for q in QUESTIONS:
            ts += 20
            prompt = template.format(q=q, a=reply_to(q, "our"))
            det.observe(
                TrafficEvent(
                    key, ts, "chat", prompt, [{"role": "user", "content": prompt}], {}, account=account
                )
            )
    grader, outsider = det.keys["grader"].window.counts, det.keys["outsider"].window.counts
    assert grader["c.reviews_served"] >= 40 and grader["c.rubric"] == 0, dict(grader)
    assert outsider["c.rubric"] >= 40 and outsider["c.reviews_served"] == 0, dict(outsider)
