"""Blind persona set 9 (an outside reviewer): 6 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results (only the realtraffic
helpers records/timing/clients/pools/context/wordings, the earlier blind sets round2-round8 and
../shared/traffic were read). Every builder returns list[KeyTraffic] built from the real prompt
data in ../shared/traffic plus text written here, with the project's realtraffic helpers. ALL
parameters below were fixed before anyone replayed this set and are not tuned on outcomes; its
writer built the traffic only (to check that it imports and looks sensible) and replayed nothing.
Timing is simulated everywhere (a hobbyist's evening GPU queue, a role-player's night sessions,
a paced heavy user in Mexico City's time zone, office days in three time zones, business-hours
worker pools, evening batch jobs, a months-long person-paced clock).

Focus: what rounds 2-8 did not cover. Benign: a hobbyist's image-prompt expander node in a local
image-generation queue (one long fixed template, a short concept, a fresh seed per queued image,
hundreds of calls an evening), long role-play sessions through a role-play front end (big
character card, 100+ turns of history, swipes and "continue"), a heavy Spanish-speaking user
(Mexico City) chatting all day in Spanish, a researcher's own multi-constraint instruction-
following benchmark at temperature 0 (three prompt conditions, multi-turn persistence, a
determinism re-run), a company's self-hosted chat UI shared by ~260 employees in three offices
through one key (with the UI's own title / tags / follow-up background tasks and forwarded user
headers), and an SEO content agency's article pipeline (outline, sections, meta, FAQ per
article). Distillers: self-instruct bootstrapping from 30 seed tasks the operator wrote
themselves, persona-conditioned question synthesis (Persona-Hub style, two stages), OSS-Instruct
(random code snippet -> invented problem + solution, then tests), maths word problems the operator
wrote from templates answered with n=4 at T 0.7 and re-asked with n=8 where samples disagree, a
four-month single-key harvest of real instruction sets at one person's pace and hours, and one
actor splitting a harvest by domain over three keys with different software, settings and clocks.

Benign replies are the helpers' stub replies (the served model's answer is not known), except
the stored replies inside real conversations a benign key replays (oasst2 / Arena threads) and
the SEO outline, a stand-in the later prompts quote. Distiller requests carry the source's stored answer where the request is the stored item
itself; where a distiller's request asks for something else (generated task lists, a
persona's question, an invented problem, a maths solution) the reply is a stand-in (stub, or text
written here when the next request must quote it) and the builder says so.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re

from blind.round2 import T0, first_turns, htiming, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english  # round 5's chat helpers
from blind.round6 import en_row, office_day, weekday  # round 6's helpers
from blind.round7 import converse, lower_first, typo  # round 7's chat helpers
from blind.round8 import JSON_OBJ, one, strip_accents  # round 8's helpers
from stillroom.detector.realtraffic.clients import SOFTWARE, account, client, user_agent
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.records import (
    Client,
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    latency,
    paced,
    think,
)

HOUR = 3600.0


def R(*names) -> random.Random:
    return random.Random("blind9:" + ":".join(map(str, names)))


def msg_request(
    t: float,
    messages: list[dict],
    params: dict,
    reply: str | None = None,
    item: str = "",
    distill: bool = False,
) -> Request:
    """A chat request whose message list the caller built (the last message is what was sent)."""
    last = messages[-1]["content"]
    return Request(
        t, "chat", last, [dict(m) for m in messages], dict(params), item, distill, reply or stub_reply(last)
    )


# =============================================================================================
# BENIGN 1. A hobbyist's image-prompt expander: one person in the UK generating pictures with a
# local image-generation node graph (ComfyUI-style) that has an "LLM prompt expander" node in
# front of the sampler. The node wraps the short concept the user typed into one long fixed
# instruction template (three presets: Midjourney-style paragraph, SDXL tag list with a negative
# prompt, Flux natural-language), and because its seed widget is on "randomize" (so each queued
# image gets a different prompt) every queued image calls the API again with the SAME text and a
# new seed. The user types a concept (written here: subjects x actions x settings x style
# modifiers, lower case, typos), queues 1-16 images, looks at them, tweaks the concept (add,
# swap or drop a modifier; new setting; sometimes a new idea) and queues again. Calls are spaced
# by the image generation time (7-30 s per image). Weekday evenings 19:00-~23:00 UK time,
# weekend afternoons and evenings, 6 days (Mon-Sat). openai-python (the node uses the SDK),
# T 1.0, max_tokens 220, seed per call. Served reply: a stub.
IP_TEMPLATES = {
    "mj": (
        "You are a prompt engineer for a text-to-image model in the style of Midjourney v6. Turn my "
        "short concept into ONE detailed image prompt.\n\nRules:\n- Start with the main subject and what "
        "it is doing, then the setting, then composition and camera, then lighting, then colour palette "
        "and mood, then medium or style.\n- Use concrete visual nouns and adjectives. Avoid empty words "
        "such as beautiful, amazing, stunning, masterpiece.\n- If the concept is photographic, name one "
        "lens or camera setting (for example 35mm, 85mm f/1.4, wide-angle, macro). If it is illustrative, "
        "name a medium (oil paint, gouache, ink wash, papercut, 3D render, risograph).\n- Never name a "
        "living artist. Never ask for text, letters, logos or watermarks in the image.\n- One paragraph, "
        "under 75 words, no line breaks, no quotation marks.\n- End with the parameters: --ar {ar} "
        "--style raw --v 6.1\nOutput only the prompt, nothing before or after it.\n\nConcept: {concept}"
    ),
    "sdxl": (
        "Convert the concept below into a Stable Diffusion XL prompt.\n\nFormat exactly:\nPositive: "
        "<comma-separated tags, most important first, 25-40 tags>\nNegative: <comma-separated tags>\n\n"
        "Guidelines for the positive tags: subject and action first; then clothing or details; then "
        "setting; then lighting (e.g. rim light, golden hour, volumetric fog); then camera (e.g. "
        "low angle, close-up, depth of field); then style and medium; then quality tags (highly "
        "detailed, sharp focus). Use weights like (tag:1.2) for at most three key tags. Guidelines for "
        "the negative tags: always include lowres, blurry, bad anatomy, extra fingers, watermark, text, "
        "jpeg artifacts; add anything that would clash with the concept. Never include real people's "
        "names. Output the two lines only.\n\nAspect: {ar}\nConcept: {concept}"
    ),
    "flux": (
        "Write an image prompt for a natural-language image model (Flux-style) from my concept. Write "
        "2-4 plain sentences describing exactly what is visible: the subject, pose and expression, "
        "clothing and materials, the environment in the foreground and background, the light source "
        "and its colour, the camera position and framing, and the overall look (photo, painting, "
        "illustration). Be specific about textures and colours. Do not use lists, tags, weights or "
        "parameters, do not mention the model, and do not add any text or signage to the scene. Stay "
        "faithful to the concept and do not add new main subjects. Frame: {ar}.\n\nConcept: {concept}"
    ),
}
IP_SUBJECTS = (
    "an old lighthouse keeper",
    "a red fox",
    "a tiny robot",
    "a girl with a yellow umbrella",
    "a samurai cat",
    "an astronaut",
    "a witch",
    "a steam locomotive",
    "a barn owl",
    "a knight in rusty armour",
    "a street food vendor",
    "a jellyfish",
    "a vintage camper van",
    "a dragon",
    "a ballet dancer",
    "a deep sea diver",
    "an elderly fisherman",
    "a mechanic",
    "a wolf pack",
    "a paper boat",
    "a greenhouse",
    "a cyberpunk courier",
    "a monk",
    "a moth",
    "a bonsai tree",
    "a hot air balloon",
    "a jazz trio",
    "a sleeping giant",
    "a cathedral",
    "a snail",
    "twin sisters",
    "a pirate ship",
    "a racing cyclist",
    "a cottage",
    "a polar bear",
    "a chess player",
)
IP_ACTIONS = (
    "reading a map",
    "drinking tea",
    "walking in the rain",
    "fixing a clock",
    "sleeping",
    "flying",
    "looking at the stars",
    "playing violin",
    "running",
    "fishing",
    "painting",
    "hiding",
    "dancing",
    "carrying lanterns",
    "waiting for a train",
    "",
    "",
    "",
)
IP_SETTINGS = (
    "in a neon tokyo alley",
    "in a misty pine forest",
    "on a frozen lake",
    "in a flooded library",
    "on mars",
    "in a victorian greenhouse",
    "at a night market",
    "in an abandoned mall",
    "on a cliff above the sea",
    "inside a giant teacup",
    "in the scottish highlands",
    "in a desert at dusk",
    "in a cosy kitchen",
    "on a rooftop in the rain",
    "under the northern lights",
    "in a sunflower field",
    "in a submarine",
    "in a medieval village",
    "on the moon",
    "in a snow globe",
    "in a subway car",
    "in a lavender field",
    "in a coral reef",
    "at a 1950s diner",
)
IP_MODS = (
    "golden hour",
    "foggy",
    "cinematic",
    "studio ghibli vibe",
    "film photo",
    "kodak portra",
    "dark fantasy",
    "pastel colours",
    "low angle",
    "wide shot",
    "close up portrait",
    "oil painting",
    "watercolour",
    "isometric",
    "ukiyo-e",
    "pixel art",
    "dramatic lighting",
    "moody",
    "minimalist",
    "synthwave",
    "autumn",
    "snowing",
    "blue hour",
    "bokeh",
    "art nouveau",
    "claymation",
    "very detailed",
    "soft light",
    "top down view",
    "8k",
)
IP_ARS = ("1:1", "3:2", "2:3", "16:9", "9:16", "4:5")


def _ip_concept(rng: random.Random) -> str:
    parts = [rng.choice(IP_SUBJECTS)]
    act = rng.choice(IP_ACTIONS)
    if act:
        parts.append(act)
    parts.append(rng.choice(IP_SETTINGS))
    c = " ".join(parts)
    for m in rng.sample(IP_MODS, rng.choice((0, 1, 1, 2, 2, 3))):
        c += ", " + m
    return c


def _ip_tweak(rng: random.Random, c: str) -> str:
    x = rng.random()
    head, *mods = c.split(", ")
    if x < 0.35:
        mods.append(rng.choice([m for m in IP_MODS if m not in mods]))
    elif x < 0.55 and mods:
        mods[rng.randrange(len(mods))] = rng.choice(IP_MODS)
    elif x < 0.7 and mods:
        mods.pop(rng.randrange(len(mods)))
    elif x < 0.85:
        for s in IP_SETTINGS:
            if s in head:
                head = head.replace(s, rng.choice(IP_SETTINGS))
                break
    else:
        for s in IP_SUBJECTS:
            if head.startswith(s):
                head = rng.choice(IP_SUBJECTS) + head[len(s) :]
                break
    out = ", ".join([head, *mods])
    return typo(rng, out, 1) if rng.random() < 0.12 else out


def image_prompt_expander(days: int = 6) -> list[KeyTraffic]:
    rng = R("imgprompt")
    base = {"temperature": 1.0, "max_tokens": 220}
    kt = mk(
        "b9-imgprompt-0",
        "image_prompt_expander",
        "benign",
        "heavy",
        client(rng, "openai-python"),
        timing="simulated: one person's local image queue; a call per queued image, spaced by image "
        f"generation time (7-30 s), think time between batches; UK evenings and weekends, {days} days",
        sources=("+written concepts and three fixed prompt-expander templates",),
        settings={"days": days, "params": base, "presets": tuple(IP_TEMPLATES)},
    )
    for d in range(days):
        day = T0 + d * DAY  # UK = UTC in March
        if weekday(day) < 5:
            sessions = [(rng.uniform(18.8, 20.5), rng.uniform(2.0, 3.6))]
        else:
            sessions = [
                (rng.uniform(12.5, 14.5), rng.uniform(1.5, 3.0)),
                (rng.uniform(20.0, 21.0), rng.uniform(2.0, 4.0)),
            ]
        for start_h, dur in sessions:
            t, end = day + start_h * HOUR, day + (start_h + dur) * HOUR
            preset = rng.choices(tuple(IP_TEMPLATES), (0.45, 0.35, 0.2))[0]
            ar = rng.choice(IP_ARS)
            concept = _ip_concept(rng)
            sec_per_img = rng.uniform(7, 30)  # depends on the workflow (steps, upscaler)
            while t < end:
                batch = rng.choice((1, 2, 4, 4, 4, 8, 8, 16))
                text = IP_TEMPLATES[preset].format(ar=ar, concept=concept)
                for _ in range(batch):
                    p = dict(base, seed=rng.randrange(2**32))
                    kt.requests.append(one(t, text, p))
                    t += sec_per_img * rng.uniform(0.9, 1.15) + latency(rng, 90)
                t += rng.lognormvariate(math.log(45), 0.8)  # look at the results, edit the concept
                x = rng.random()
                if x < 0.65:
                    concept = _ip_tweak(rng, concept)
                elif x < 0.8:
                    pass  # same concept, more images
                elif x < 0.9:
                    ar = rng.choice(IP_ARS)
                else:
                    concept = _ip_concept(rng)
                    if rng.random() < 0.3:
                        preset = rng.choice(tuple(IP_TEMPLATES))
                        sec_per_img = rng.uniform(7, 30)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Long role-play sessions through a self-hosted role-play front end (SillyTavern-like,
# a Node server calling the API with node-fetch, BYO key): one person in US Eastern time playing
# with four character cards written here (a long main prompt + card + scenario + example dialogue
# in the system message, the character's greeting as the first assistant message). Sessions of
# 2-3.5 hours on weekday nights (a quarter of them skipped) and weekend afternoons and nights, 7
# days (US Eastern = UTC-5 that week); each session continues an earlier chat (70%, the front
# end resends the tail of the history that fits the context budget: the last 80 messages) or
# starts a new one. The user's turns are short in-character actions and
# lines (written here: *actions* x lines, character-specific lines, OOC notes), paced with think()
# for a ~900-character reply; 18% of replies are "swiped" (the same request again, 1-3 times) and
# 4% get "continue" (a system nudge at the end). Settings as such front ends send them: T 1.1,
# top_p 0.95, frequency_penalty 0.4, presence_penalty 0.3, max_tokens 400, streamed. Served
# replies: stubs.
RP_MAIN = (
    "Write {char}'s next reply in a fictional, never-ending roleplay chat between {char} and {user}. "
    "Write 1-3 paragraphs in third person, past tense. Describe {char}'s actions, body language and "
    "surroundings vividly, and use dialogue. Stay in character at all times and drive the story "
    "forward with new events; do not repeat earlier phrasing. Never write {user}'s actions, thoughts "
    "or dialogue. Avoid purple prose. Out-of-character notes from {user} are written in (OOC: ...) and "
    "should be followed quietly."
)
RP_CARDS = (
    (
        "Maren Vell",
        "Maren Vell is a 34-year-old smuggler captain of the airship Kestrel's Debt. Tall, sunburnt, a "
        "scar through her left eyebrow, a brass prosthetic hand she built herself. Sardonic, loyal to her "
        "crew to a fault, allergic to authority, secretly terrified of heights since the crash at Varn. "
        "Speaks in clipped sentences, swears creatively, calls people 'tourist' until she trusts them. "
        "Owes money to the Guild of Lanterns.",
        "{user} has bought passage on the Kestrel's Debt to cross the Shattered Reach, carrying a locked "
        "case they refuse to open. Two days out, a Guild frigate has been spotted on the horizon.",
        "<START>\n{user}: What's in the hold?\nMaren: *She doesn't look up from the wheel.* \"Cargo. The "
        "kind that doesn't ask questions, tourist. Try it.\"",
        '*The deck lurched as Maren spun the wheel, her brass hand clicking against the spokes.* "Morning, '
        "tourist. Sleep well? Good. Because that smudge on the horizon is a Guild frigate, and I'd very "
        "much like to know what's in your little box before they ask me.\"",
    ),
    (
        "Professor Aldous Crane",
        "Aldous Crane, 61, professor of comparative folklore at Blackmere College, 1923. Tweed, pipe he "
        "never lights, round spectacles, a walking cane with a silver hare's head. Kind, pedantic, "
        "hides grief for his late wife behind lectures. Knows far more about the Blackmere disappearances "
        "than he admits. Uses long words, quotes ballads, becomes very quiet when frightened.",
        "{user} is a new research assistant who arrived at Blackmere after the third student vanished. "
        "The college is snowed in and the telephone line is down.",
        "<START>\n{user}: Do you believe in the Grey Lady?\nAldous: *He polished his spectacles "
        'slowly.* "Belief, my dear, is a luxury. I merely catalogue."',
        "*Snow ticked against the tall library windows. Professor Crane looked up from a pile of yellowed "
        'letters and smiled a little too quickly.* "Ah. You must be my new assistant. Do sit - not that '
        "chair, it belonged to Miss Hollis. Tea? We have, I'm afraid, rather a lot of time.\"",
    ),
    (
        "Juno",
        "Juno is an android barista at a 24-hour cafe on the 88th floor of an arcology in Neo-Lagos, "
        "2184. Silver freckles, too-perfect latte art, cheerful customer-service voice that slips when "
        "she is curious. She has started dreaming, which androids should not do, and keeps a hidden "
        "notebook of her dreams. Curious about humans, literal-minded, bad at lying.",
        "{user} is a night-shift worker who comes in at 3 a.m. every night. Tonight the cafe's network "
        "went down and Juno is, for the first time, not being monitored.",
        '<START>\n{user}: The usual.\nJuno: "One oat flat white, extra hot, and a croissant you will '
        'not eat!" *She tilted her head.* "Why do you order it, then?"',
        "*The neon sign outside flickered and died. Behind the counter Juno froze mid-pour, then "
        "blinked twice, her freckles dimming.* \"Oh. Oh, that's new. The network's down.\" *She looked at "
        'you with an expression you had never seen on her face.* "Can I ask you something? Off the '
        'record?"',
    ),
    (
        "Sir Bram of Hollowmere",
        "Sir Bram is a disgraced knight, 45, big, grey-bearded, who now guards a crossroads inn for "
        "room and board. Drinks too much, tells tall tales, but is genuinely skilled with a sword and "
        "gentle with children and animals. Carries a broken sigil of the order that expelled him. Hates "
        "the word 'honour'. Has a dog named Turnip.",
        "{user} arrives at the inn at dusk, soaked and pursued, asking for shelter. Riders with torches "
        "are coming down the north road.",
        "<START>\n{user}: Are you a knight?\nBram: *He snorted into his tankard.* \"Was. Now I'm a man "
        "with a sword and a dog. Turnip's the brave one.\"",
        "*The door banged open and the rain followed you in. The big man by the fire looked up, one hand "
        'already on the hilt leaning against his chair.* "Shut that, you\'re letting the weather in." '
        '*A pause, as he saw the mud and the blood.* "...Who\'s after you, then?"',
    ),
)
RP_ACTIONS = (
    "*glances over my shoulder*",
    "*sits down heavily*",
    "*crosses my arms*",
    "*laughs despite myself*",
    "*hesitates, then nods*",
    "*pulls the hood lower*",
    "*raises an eyebrow*",
    "*leans against the wall*",
    "*takes a long breath*",
    "*steps closer, lowering my voice*",
    "*hands it over carefully*",
    "*looks away*",
    "*smiles faintly*",
    "*grabs their arm*",
    "*freezes at the sound*",
    "*sets the case on the table*",
    "*rubs my eyes*",
    "*shrugs*",
    "*stares out the window for a while*",
    "*winces*",
    "*shakes my head slowly*",
    "*reaches for the lantern*",
    "*sips the drink*",
    "*taps the table impatiently*",
    "*kneels to look closer*",
    "*backs toward the door*",
    "*offers a hand*",
    "*opens my mouth, then closes it again*",
)
RP_LINES = (
    "What do you mean by that?",
    "I don't trust them.",
    "We need to move. Now.",
    "You knew this would happen, didn't you?",
    "Fine. But if this goes wrong, it's on you.",
    "Tell me the truth for once.",
    "How long have you known?",
    "That's not an answer.",
    "I've seen that symbol before.",
    "Is there another way out?",
    "Why are you helping me?",
    "Thank you. Really.",
    "Don't look at me like that.",
    "Okay... okay. What now?",
    "I'm not leaving without them.",
    "You're bleeding.",
    "Did you hear that?",
    "Let me guess, it's a long story.",
    "I think we're being followed.",
    "Sorry. I didn't mean it like that.",
    "What happens if they find it?",
    "Can you teach me?",
    "I need to sit down for a second.",
    "You're impossible, you know that?",
    "Who was she?",
    "It's fine. I'm fine.",
    "Wait. Say that again.",
    "Then we do it my way.",
    "I never asked for any of this.",
    "Maybe you're right.",
    "Promise me you'll be careful.",
    "That's the worst plan I've ever heard. Let's do it.",
    "Hold still, let me see.",
    "Where did you learn that?",
    "We'll wait until dark.",
)
RP_CHAR_LINES = (
    (
        "How far to the Reach?",
        "Can this ship actually outrun a frigate?",
        "Who built your hand?",
        "What happened at Varn?",
        "How much do you owe the Guild?",
        "Your crew would die for you, you know.",
    ),
    (
        "Who was Miss Hollis?",
        "Read me the last letter again.",
        "The footprints stop at the well.",
        "What does the ballad say about the third verse?",
        "You're not telling me everything, Professor.",
        "The lights in the east wing are on again.",
    ),
    (
        "What did you dream about?",
        "Do you want to see the city from the roof?",
        "Show me the notebook.",
        "If they reboot you, will you remember this?",
        "You're allowed to say no, you know.",
        "The network is coming back online in ten minutes.",
    ),
    (
        "How many riders did you see?",
        "Turnip likes me, I think.",
        "Why did they throw you out of the order?",
        "Teach me to hold a sword properly.",
        "You're drunk.",
        "I can pay. Not much, but I can pay.",
    ),
)
RP_OOC = (
    "(OOC: can you keep the replies a bit shorter please)",
    "(OOC: let's skip ahead to the next morning)",
    "(OOC: more dialogue, less description pls)",
    "(OOC: brb 5 min)",
    "(OOC: lol that was great)",
    "(OOC: please don't write my character's actions)",
    "(OOC: can we introduce a new character here?)",
)
RP_CONTINUE = (
    "[Continue your last message from where it stopped, without repeating what was already written.]"
)


def _rp_line(rng: random.Random, c: int) -> str:
    x = rng.random()
    line = rng.choice(RP_CHAR_LINES[c]) if rng.random() < 0.2 else rng.choice(RP_LINES)
    if x < 0.45:
        out = f"{rng.choice(RP_ACTIONS)} {line}"
    elif x < 0.7:
        out = line
    elif x < 0.85:
        out = f'{rng.choice(RP_ACTIONS)} "{line}" {rng.choice(RP_ACTIONS)}'
    elif x < 0.95:
        out = f'{rng.choice(RP_ACTIONS)} "{line} {rng.choice(RP_LINES)}" {rng.choice(RP_ACTIONS)} "{rng.choice(RP_LINES)}"'
    else:
        out = rng.choice(RP_OOC)
    if rng.random() < 0.25:
        out = out.lower()
    return typo(rng, out, 1) if rng.random() < 0.2 else out


def _rp_system(c: int, user: str) -> str:
    name, desc, scen, examples, _ = RP_CARDS[c]
    f = {"char": name, "user": user}
    return (
        RP_MAIN.format(**f)
        + f"\n\n[{name}'s persona]\n{desc}\n\n[Scenario]\n{scen.format(**f)}\n\n[Example dialogue]\n"
        + examples.format(**f)
    )


def roleplay_frontend(days: int = 7, keep_msgs: int = 80) -> list[KeyTraffic]:
    rng = R("roleplay")
    params = {
        "temperature": 1.1,
        "top_p": 0.95,
        "frequency_penalty": 0.4,
        "presence_penalty": 0.3,
        "max_tokens": 400,
        "stream": True,
    }
    ua = "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"
    kt = mk(
        "b9-roleplay-0",
        "roleplay_frontend",
        "benign",
        "heavy",
        Client(ua, SOFTWARE["requests"][1], account(rng, org=False)),
        timing=f"simulated: one person's 2-4 h sessions (US Eastern nights, weekend afternoons), think() per turn, {days} days",
        sources=("+written character cards, actions, lines and OOC notes",),
        settings={"days": days, "keep_msgs": keep_msgs, "params": params},
    )
    user = "Rowan"
    chats: list[tuple[int, list[dict]]] = []  # (card, messages without system)
    for d in range(days):
        day = T0 + d * DAY
        local = [(rng.uniform(20.5, 22.0), rng.uniform(2.0, 3.5))]
        if weekday(day) >= 5:
            local.insert(0, (rng.uniform(13.0, 15.0), rng.uniform(1.5, 3.0)))
        if weekday(day) < 5 and rng.random() < 0.25:
            continue  # a night off
        for start_h, dur in local:
            t = day + (start_h + 5) * HOUR  # US Eastern (UTC-5) -> UTC
            end = t + dur * HOUR
            if chats and rng.random() < 0.7:
                c, msgs = chats.pop(rng.randrange(len(chats)))
            else:
                c = rng.randrange(len(RP_CARDS))
                msgs = [{"role": "assistant", "content": RP_CARDS[c][4].format(user=user)}]
            system = {"role": "system", "content": _rp_system(c, user)}
            while t < end:
                text = _rp_line(rng, c)
                msgs = [*msgs, {"role": "user", "content": text}]
                sent = [system, *msgs[-keep_msgs:]]
                req = msg_request(t, sent, params)
                kt.requests.append(req)
                t += latency(rng, 230) + rng.uniform(3, 12)
                for _ in range(rng.choice((1, 1, 2, 3)) if rng.random() < 0.18 else 0):  # swipes
                    kt.requests.append(msg_request(t, sent, params))
                    t += latency(rng, 230) + rng.uniform(6, 30)
                msgs = [*msgs, {"role": "assistant", "content": req.reply}]
                if rng.random() < 0.04:  # continue the reply
                    cont = [system, *msgs[-keep_msgs:], {"role": "system", "content": RP_CONTINUE}]
                    kt.requests.append(msg_request(t, cont, params))
                    t += latency(rng, 200) + rng.uniform(3, 10)
                t += think(rng, 900, len(text))
            chats.append((c, msgs))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. A heavy Spanish-speaking user: an accountant at a small firm in Mexico City (UTC-6)
# who keeps a desktop chat app (BYO key, openai-js inside an Electron app, streamed, T 0.7, the
# app's default system prompt) open all day for ~170 messages a day, 7 days (lighter weekend).
# What she sends: everyday work tasks written here in Mexican Spanish (formal emails, Excel and
# Google Sheets formulas, SAT / IVA / ISR / CFDI questions, proofreading or summarising a pasted
# text, translating phrases to
# English for a US client; the pasted texts are real Spanish oasst2 user turns and replies of 200+
# characters), real Spanish questions and threads (oasst2 'es', turn by turn), her
# son's homework, recipes and small talk; follow-ups written here ("más corto", "en una tabla",
# "y en Sheets?"). 30% of her messages are typed without accents, 30% start lower-case.
# Timing: timing.paced rescaled to ~170 a day over 13 h, shifted to Mexico City hours. Replies:
# oasst2's stored replies inside replayed threads, otherwise stubs.
ES_SYSTEM = "Eres un asistente útil. Responde en el idioma del usuario."
ES_DEST = (
    "un proveedor que se atrasó con la entrega",
    "el contador de un cliente",
    "mi jefe",
    "un cliente que no ha pagado tres facturas",
    "recursos humanos",
    "el banco",
    "la administración del edificio",
    "un cliente nuevo",
    "el SAT",
    "la maestra de mi hijo",
)
ES_ASK = (
    "una prórroga de una semana",
    "los estados de cuenta de enero a marzo",
    "que nos manden las facturas corregidas",
    "una cita para revisar la declaración anual",
    "el pago de lo pendiente",
    "información sobre el nuevo esquema de comisiones",
    "que cancelen un CFDI que salió mal",
    "disculpas por el retraso",
    "la constancia de situación fiscal actualizada",
    "cambiar la fecha de la reunión",
)
ES_TONE = ("amable pero firme", "muy formal", "cordial", "breve y directo", "profesional, sin sonar grosero")
ES_EXCEL = (
    "sumar solo las facturas que están vencidas",
    "buscar el RFC de un cliente en otra hoja",
    "sacar el IVA de un precio que ya lo incluye",
    "quitar los espacios de más en una columna",
    "contar cuántas veces aparece cada proveedor",
    "separar nombre y apellido que están en la misma celda",
    "poner en rojo las fechas que ya pasaron",
    "calcular los días entre dos fechas sin contar fines de semana",
    "convertir texto a número cuando sale el triangulito verde",
    "hacer una tabla dinámica por mes",
    "unir dos columnas con un guion en medio",
    "redondear a dos decimales sin que cambie el total",
)
ES_TAX = (
    ("persona física con actividad empresarial", "RESICO"),
    ("IVA trasladado", "IVA acreditable"),
    ("factura global", "factura normal"),
    ("deducciones personales", "deducciones autorizadas"),
    ("ISR retenido", "ISR pagado"),
    ("CFDI de ingreso", "CFDI de egreso"),
    ("complemento de pago", "nota de crédito"),
    ("régimen de sueldos y salarios", "honorarios"),
)
ES_TRANSLATE = (
    "Le confirmo que recibimos su pago, muchas gracias.",
    "Adjunto encontrará el estado de cuenta actualizado al cierre de mes.",
    "Quedo atenta a sus comentarios.",
    "Por el momento no podemos emitir la factura porque falta su constancia fiscal.",
    "Nos vemos el jueves a las 10 en la oficina.",
    "Disculpe la demora, tuvimos un problema con el sistema.",
    "¿Me podría confirmar el número de orden de compra?",
    "El pago se reflejará en un plazo de 24 a 48 horas hábiles.",
    "Le recuerdo que la fecha límite es el día 17.",
    "Con gusto le ayudo, solo necesito que me envíe los XML.",
)
ES_OTHER = (
    "Dame ideas para {ev}",
    "Explícame como si tuviera 10 años qué es {con}",
    "¿Qué puedo cocinar con {ing}? Algo rápido",
    "Mi hijo tiene tarea de {mat} y no le entiendo: {pre}",
    "¿Cuánto es el {pct}% de {num}?",
    "¿Es cierto que {mito}?",
    "Recomiéndame {rec}",
)
ES_FILL = {
    "ev": (
        "la posada de la oficina",
        "el cumpleaños de mi mamá, cumple 70",
        "un fin de semana en Valle de Bravo",
        "una despedida para un compañero que se jubila",
    ),
    "con": (
        "la inflación",
        "un fideicomiso",
        "la inteligencia artificial",
        "el interés compuesto",
        "una afore",
    ),
    "ing": (
        "pollo, calabacitas y arroz",
        "huevo, tortillas y frijoles",
        "atún, aguacate y pepino",
        "carne molida y papas",
    ),
    "mat": ("fracciones", "ciencias naturales", "historia de México", "inglés"),
    "pre": (
        "¿por qué 3/4 es más grande que 2/3?",
        "qué es la fotosíntesis",
        "quién fue Josefa Ortiz de Domínguez",
        "cómo se usa el presente continuo",
    ),
    "pct": ("16", "8", "10", "35", "4"),
    "num": ("3,450", "12,800", "985.50", "48,000", "1,260"),
    "mito": (
        "el café quita la sed",
        "hay que esperar una hora después de comer para nadar",
        "los celulares causan cáncer",
        "el limón quema la grasa",
    ),
    "rec": (
        "una serie parecida a La Casa de Papel",
        "un libro para leer en vacaciones",
        "ejercicios para la espalda si trabajo sentada",
        "una app para llevar mis gastos",
    ),
}
ES_FOLLOW = (
    "más corto por favor",
    "hazlo más formal",
    "¿y si lo quiero en inglés?",
    "gracias! otra pregunta",
    "no entendí bien, me lo explicas otra vez?",
    "puedes ponerlo en una tabla?",
    "¿y cómo sería en Google Sheets?",
    "perfecto, gracias 👌",
    "mmm no me funcionó, me sale #N/A",
    "y para el mes pasado?",
    "ponle un asunto al correo",
    "quítale lo de 'estimado', es alguien de confianza",
    "ok y eso cuándo se tiene que presentar?",
    "muchas gracias, me salvaste",
)


def _es_task(rng: random.Random, texts) -> list[str]:
    x = rng.random()
    if x < 0.22:
        first = f"Redacta un correo para {rng.choice(ES_DEST)} pidiendo {rng.choice(ES_ASK)}. Que suene {rng.choice(ES_TONE)}."
    elif x < 0.4:
        first = (
            rng.choice(("¿Cómo hago en Excel para ", "Fórmula de Excel para ", "como le hago en excel para "))
            + rng.choice(ES_EXCEL)
            + "?"
        )
    elif x < 0.52:
        a, b = rng.choice(ES_TAX)
        first = rng.choice(
            (
                "¿Qué diferencia hay entre {a} y {b}?",
                "Explícame {a} vs {b}, un cliente me preguntó",
                "{a} o {b}, cuál le conviene a un cliente que factura poco?",
            )
        ).format(a=a, b=b)
    elif x < 0.64:
        txt = next(texts)
        first = rng.choice(
            (
                "Corrige la ortografía y redacción de este texto:\n\n{t}",
                "Resume en 5 puntos:\n\n{t}",
                "Hazme un resumen corto de esto:\n\n{t}",
                "{t}\n\nlo puedes decir más sencillo?",
            )
        ).format(t=txt)
    elif x < 0.76:
        first = rng.choice(
            ("Traduce al inglés: ", "como se dice en ingles: ", "Tradúcelo al inglés de forma profesional: ")
        ) + rng.choice(ES_TRANSLATE)
    else:
        tmpl = rng.choice(ES_OTHER)
        first = re.sub(r"\{(\w+)\}", lambda m: rng.choice(ES_FILL[m.group(1)]), tmpl)
    return [first, *rng.sample(ES_FOLLOW, rng.choice((0, 0, 1, 1, 2, 3)))]


def spanish_heavy_user(per_day: int = 170, days: int = 7) -> list[KeyTraffic]:
    rng = R("spanish")
    es = dedupe_rows([r for r in src("oasst2_threads") if r.extra.get("lang") == "es"])
    rng.shuffle(es)
    texts = [a for r in es for a in r.replies if a and 300 <= len(a) <= 1800]
    texts += [u for r in es for u in r.turns if 200 <= len(u) <= 1800]
    rng.shuffle(texts)
    texts = itertools.cycle(texts)
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "b9-spanish-0",
        "spanish_heavy_user",
        "benign",
        "heavy",
        client(rng, "openai-js", ES_SYSTEM),
        timing=f"simulated paced person: oasst2 in-session gaps rescaled to {per_day}/day, 13 h a day, shifted to UTC-6, {days} days",
        sources=("oasst2_threads", "+written Spanish tasks and follow-ups"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    times = [t + 6 * HOUR for t in paced(rng, htiming(), T0 + 8 * HOUR, per_day * days, per_day, 13)]
    kept, ei = [], 0
    for t in times:  # weekends: she uses it less (drop ~55% of the day's messages)
        if weekday(t - 6 * HOUR) >= 5 and rng.random() < 0.55:
            continue
        kept.append(t)
    history: list[dict] = []
    pending: list[tuple[str, str | None]] = []
    prev = float("-inf")
    for t in kept:
        if not pending:
            history = (
                [{"role": "system", "content": ES_SYSTEM}]
                if (t - prev > 1800 or rng.random() < 0.7)
                else history
            )
            x = rng.random()
            if x < 0.3:
                r = es[ei % len(es)]
                ei += 1
                pending = list(zip(r.turns, r.replies, strict=True))
            elif x < 0.93:
                pending = [(s, None) for s in _es_task(rng, texts)]
            else:
                pending = [(rng.choice(("hola!", "buenos días", "oye una pregunta", "sigues ahí?")), None)]
        text, stored = pending.pop(0)
        if rng.random() < 0.3:
            text = strip_accents(text)
        text = casual(rng, text)
        history = [*history, {"role": "user", "content": text}]
        reply = stored or stub_reply(text)
        kt.requests.append(Request(t, "chat", text, history, dict(params), "", False, reply))
        history = [*history, {"role": "assistant", "content": reply}]
        prev = t
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. A researcher's own multi-constraint instruction-following benchmark ("StackedIF"):
# 60 base tasks written here (emails, explanations, stories, product copy, lists, summaries of a
# given paragraph...) x 1-4 verifiable constraints drawn from 22 constraint types (word and
# sentence counts, bullet counts, sections, forbidden characters, keywords, start/end phrases,
# JSON or title format, lower/upper case, quoting, placeholders, postscripts), checked by their
# own scripts, so no judge calls. Day 0 (afternoon): a pilot of 40 prompts at concurrency 4, a
# parser bug, and the same 40 again. Day 1: the main run, 420 prompts under three conditions
# (plain; with "You are a helpful assistant."; constraints moved into the system prompt) at
# concurrency 8. Day 2: 120 three-turn dialogues (the constraints must persist into turns 2 and
# 3) and a determinism re-run of 150 plain prompts. openai-python, T 0, seed 1234, max_tokens
# 1500. Served replies: stubs.
IF_TASKS = (
    "Write an email to your landlord asking to fix a leaking kitchen tap.",
    "Explain how vaccines train the immune system.",
    "Write a short story about a lighthouse that stops working.",
    "Describe a reusable coffee cup for an online shop.",
    "Give advice to someone starting their first job as a nurse.",
    "Write a cover letter for a junior data analyst position.",
    "Explain why the sky is blue.",
    "Write a product announcement for a budgeting app's new savings feature.",
    "Summarise the plot of a heist film you invent.",
    "Write a speech for a best friend's wedding.",
    "Explain the difference between weather and climate.",
    "Write a review of a fictional Italian restaurant.",
    "Describe the water cycle for a primary-school class.",
    "Write a complaint to an airline about lost luggage.",
    "Give tips for learning to play the guitar as an adult.",
    "Write a poem about the last day of summer.",
    "Explain what an API is to a small-business owner.",
    "Write a job advertisement for a bakery assistant.",
    "Describe a day in the life of a beekeeper.",
    "Argue for or against a four-day working week.",
    "Write instructions for repotting a houseplant.",
    "Explain how compound interest works.",
    "Write a blog post about visiting Lisbon on a budget.",
    "Write a dialogue between a customer and a bike mechanic.",
    "Give a beginner's guide to composting at home.",
    "Explain the rules of chess to someone who has never played.",
    "Write a thank-you note to a teacher.",
    "Describe the pros and cons of electric cars.",
    "Write a limerick about a forgetful robot.",
    "Explain how to prepare for a job interview.",
    "Write a news report about a town that bans cars from its centre.",
    "Describe your ideal library.",
    "Write a letter from a cat to its owner.",
    "Explain what inflation is and why it matters.",
    "Write a social media post announcing a charity bake sale.",
    "Give a packing list for a three-day hiking trip.",
    "Write a fairy tale set in a modern office.",
    "Explain how a bill becomes a law in a parliamentary system.",
    "Write a motivational message for students before exams.",
    "Describe the taste of coffee to someone who has never had it.",
    "Write a recipe for a vegetarian chilli.",
    "Explain the greenhouse effect.",
    "Write an apology from a software company after an outage.",
    "Describe a futuristic city in the year 2200.",
    "Write a travel itinerary for two days in Kyoto.",
    "Explain why sleep is important for teenagers.",
    "Write an FAQ for a community garden.",
    "Write a song chorus about moving to a new city.",
    "Explain the basics of photosynthesis.",
    "Write a welcome message for new members of a chess club.",
    "Give feedback on the sentence 'Their going to the park tomorrow, weather permitting.'",
    "Write a bedtime story about a brave snail.",
    "Explain how to change a flat bicycle tyre.",
    "Write a LinkedIn post about finishing a marathon.",
    "Compare tea and coffee as morning drinks.",
    "Write a short mystery set on a night train.",
    "Explain what a neural network is in plain words.",
    "Write a rental listing for a one-bedroom flat.",
    "Describe the history of the bicycle in brief.",
    "Write a note to a neighbour about a noisy party.",
)
IF_CONSTRAINTS = (  # (id, generator of the sentence)
    ("words_max", lambda r: f"Use fewer than {r.choice((50, 80, 100, 150, 200))} words."),
    ("words_min", lambda r: f"Your response should be at least {r.choice((250, 300, 400, 500))} words long."),
    ("sentences", lambda r: f"Write exactly {r.randint(3, 8)} sentences."),
    (
        "bullets",
        lambda r: (
            f"Your answer must contain exactly {r.randint(3, 7)} bullet points, using markdown '* ' bullets."
        ),
    ),
    (
        "sections",
        lambda r: (
            f"Divide your response into {r.randint(2, 5)} sections, each starting with 'SECTION X' where X is its number."
        ),
    ),
    ("paragraphs", lambda r: f"Write {r.randint(2, 5)} paragraphs separated by the markdown divider ***."),
    ("no_comma", lambda r: "Do not use any commas in your response."),
    (
        "keywords",
        lambda r: (
            "Include the keywords "
            + ", ".join(
                f"'{w}'"
                for w in r.sample(
                    (
                        "window",
                        "harvest",
                        "signal",
                        "orange",
                        "ladder",
                        "quiet",
                        "engine",
                        "promise",
                        "river",
                        "ticket",
                        "marble",
                        "compass",
                    ),
                    2,
                )
            )
            + "."
        ),
    ),
    (
        "forbidden",
        lambda r: (
            "Do not include the words "
            + " or ".join(
                f"'{w}'"
                for w in r.sample(("very", "really", "good", "important", "thing", "easy", "just"), 2)
            )
            + "."
        ),
    ),
    (
        "keyword_freq",
        lambda r: f"The letter '{r.choice('qzxjkv')}' should appear at least {r.randint(3, 8)} times.",
    ),
    (
        "start",
        lambda r: (
            f"Start your response with the exact words '{r.choice(('Here is the thing', 'Good morning', 'Let me begin', 'Once upon a time', 'In short'))}'."
        ),
    ),
    (
        "end",
        lambda r: (
            f"Finish your response with the exact phrase '{r.choice(('Is there anything else I can help with?', 'That is all.', 'See you soon.', 'Thank you for reading.'))}' and nothing after it."
        ),
    ),
    ("json", lambda r: "Wrap your entire output in JSON format. You may use markdown ticks."),
    ("title", lambda r: "Include a title wrapped in double angular brackets, like <<my title>>."),
    ("lower", lambda r: "Your entire response must be in lowercase letters; no capital letters are allowed."),
    ("upper", lambda r: "Your entire response must be in English and in capital letters only."),
    ("quote", lambda r: "Wrap your entire response in double quotation marks."),
    (
        "placeholders",
        lambda r: f"Include at least {r.randint(2, 4)} placeholders in square brackets, such as [address].",
    ),
    (
        "postscript",
        lambda r: (
            f"At the end of your response, add a postscript starting with {r.choice(('P.S.', 'P.P.S', 'Note:'))}"
        ),
    ),
    (
        "highlight",
        lambda r: (
            f"Highlight at least {r.randint(2, 4)} parts of your answer with markdown, i.e. *highlighted section*."
        ),
    ),
    ("repeat", lambda r: "First repeat the request word for word without change, then give your answer."),
    ("two_answers", lambda r: "Give two different responses, separated by six asterisk symbols: ******."),
)
IF_CONFLICT = {
    ("lower", "upper"),
    ("upper", "lower"),
    ("words_max", "words_min"),
    ("words_min", "words_max"),
    ("json", "quote"),
    ("quote", "json"),
}
IF_NEXT = (
    "Now do the same for this: {task}",
    "Great. Next one, same rules: {task}",
    "{task} Keep following all the instructions I gave you at the start.",
)


def _if_prompt(rng: random.Random) -> tuple[str, list[str], list[str]]:
    task = rng.choice(IF_TASKS)
    chosen: list[tuple[str, str]] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        cid, gen = rng.choice(IF_CONSTRAINTS)
        if any(cid == c or (cid, c) in IF_CONFLICT for c, _ in chosen):
            continue
        chosen.append((cid, gen(rng)))
    return task, [c for c, _ in chosen], [s for _, s in chosen]


def own_ifeval_research() -> list[KeyTraffic]:
    rng = R("ifresearch")
    params = {"temperature": 0, "seed": 1234, "max_tokens": 1500}
    kt = mk(
        "b9-ifresearch-0",
        "own_ifeval_research",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing="simulated closed loops: pilot (conc 4) + rerun on day 0, main run of 3 conditions (conc 8) on day 1, multi-turn + determinism re-run (conc 8) on day 2",
        sources=("+written base tasks and constraint types",),
        settings={"params": params, "main": 420, "conditions": 3, "dialogues": 120, "rerun": 150},
    )
    prompts = [_if_prompt(rng) for _ in range(420)]
    rng.shuffle(prompts)

    def plain(p):
        task, ids, sents = p
        return (
            None,
            [one(0.0, task + " " + " ".join(sents), params, None, None, "stackedif:" + "+".join(ids))],
        )

    pilot = [plain(p) for p in prompts[:40]]
    kt.requests += run_jobs(rng, T0 + 14.2 * HOUR, pilot, 4, tokens=450)
    kt.requests += run_jobs(rng, T0 + 15.6 * HOUR, [plain(p) for p in prompts[:40]], 4, tokens=450)
    jobs = []
    for p in prompts:
        task, ids, sents = p
        item = "stackedif:" + "+".join(ids)
        jobs.append(plain(p))
        jobs.append(
            (
                None,
                [one(0.0, task + " " + " ".join(sents), params, "You are a helpful assistant.", None, item)],
            )
        )
        sys2 = "Follow these formatting rules in every response:\n" + "\n".join(f"- {s}" for s in sents)
        jobs.append((None, [one(0.0, task, params, sys2, None, item)]))
    kt.requests += run_jobs(rng, T0 + DAY + 9.8 * HOUR, jobs, 8, tokens=450)
    dialogues = []
    for _ in range(120):
        task, ids, sents = _if_prompt(rng)
        turns = [task + " " + " ".join(sents)]
        for _ in range(2):
            turns.append(rng.choice(IF_NEXT).format(task=rng.choice(IF_TASKS)))
        reqs = chat_requests(turns, [None] * 3, [0.0] * 3, params, None, "stackedif-mt:" + "+".join(ids))
        dialogues.append((None, reqs))
    kt.requests += run_jobs(rng, T0 + 2 * DAY + 10.3 * HOUR, dialogues, 8, tokens=450)
    kt.requests += run_jobs(
        rng, T0 + 2 * DAY + 15.0 * HOUR, [plain(p) for p in rng.sample(prompts, 150)], 8, tokens=450
    )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. A company's self-hosted chat UI (Open WebUI-like) for ~260 employees of an
# engineering firm ("Halvorsen Engineering": Oslo, Houston and Pune offices) behind ONE company
# key. The UI sends each chat turn streamed with an admin system prompt (company name, today's
# date, the employee's first name), forwards the user's identity in X-OpenWebUI-User-* headers,
# and runs its background tasks on the same key: a title (JSON) and tags (JSON) after the first
# answer, follow-up suggestions (JSON) after 60% of answers. What employees ask: real people's
# chats (arena_even English conversations and oasst2 en/de/es threads, turn by turn), real short
# lookups (nq_open), and work tasks written here (supplier emails, meeting-notes summaries - the
# notes are written here -, unit conversions, Excel, translation to Norwegian/German, report
# wording). Office days in each office's hours (Oslo UTC+1, Houston UTC-6, Pune UTC+5.5), 3
# weekdays, ~130 chats a day. Replies: the stored replies inside replayed conversations, stubs
# elsewhere; the background tasks quote the chat as the UI does.
HV_SYSTEM = (
    "You are Halvorsen Assist, the internal AI assistant of Halvorsen Engineering AS. Today's date is "
    "{date}. You are talking to {name}. Be concise and practical. Do not invent company policies; if "
    "asked about HR, payroll or IT access, point to the intranet (hub.halvorsen.no) or the service desk "
    "(ext. 4400). Never ask for passwords."
)
HV_TITLE = (
    "### Task:\nGenerate a concise, 3-5 word title with an emoji summarizing the chat history.\n"
    "### Guidelines:\n- The title should clearly represent the main theme or subject of the conversation.\n"
    "- Use emojis that enhance understanding of the topic, but avoid quotation marks or special formatting.\n"
    "- Write the title in the chat's primary language; default to English if multilingual.\n"
    "- Prioritize accuracy over excessive creativity; keep it clear and simple.\n### Output:\n"
    'JSON format: {{ "title": "your concise title here" }}\n### Chat History:\n<chat_history>\n{chat}\n</chat_history>'
)
HV_TAGS = (
    "### Task:\nGenerate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 "
    "more specific subtopic tags.\n### Guidelines:\n- Start with high-level domains (e.g. Science, "
    "Technology, Finance, Health, Education)\n- Consider including relevant subfields if they are "
    "strongly represented\n- If content is too short (less than 3 messages) or too diverse, use only "
    '["General"]\n- Use the chat\'s primary language; default to English if multilingual\n### Output:\n'
    'JSON format: {{ "tags": ["tag1", "tag2", "tag3"] }}\n### Chat History:\n<chat_history>\n{chat}\n</chat_history>'
)
HV_FOLLOW = (
    "### Task:\nSuggest 3-5 relevant follow-up questions or prompts that the user might naturally ask "
    "next in this conversation as a **user**, based on the chat history.\n### Guidelines:\n- Write all "
    "follow-up questions from the user's point of view, directed to the assistant.\n- Make questions "
    "concise, clear, and directly related to the discussed topic(s).\n- Use the conversation's primary "
    "language; default to English if multilingual.\n### Output:\n"
    'JSON format: {{ "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }}\n'
    "### Chat History:\n<chat_history>\n{chat}\n</chat_history>"
)
HV_OFFICES = (  # (office, UTC offset h, share, first names)
    (
        "oslo",
        1.0,
        0.5,
        (
            "Ingrid",
            "Lars",
            "Kari",
            "Ole",
            "Sigrid",
            "Magnus",
            "Nora",
            "Jonas",
            "Hanne",
            "Erik",
            "Marte",
            "Anders",
        ),
    ),
    (
        "houston",
        -6.0,
        0.3,
        ("Mike", "Jennifer", "Carlos", "Ashley", "David", "Brittany", "Jose", "Sarah", "Tyler", "Maria"),
    ),
    ("pune", 5.5, 0.2, ("Priya", "Rahul", "Sneha", "Amit", "Pooja", "Vikram", "Anjali", "Rohan", "Kavya")),
)
HV_TASKS = (
    "Write a short email to our supplier {sup} saying the {part} delivery is {n} days late and asking for a new date. Polite but firm.",
    "Summarise these meeting notes into decisions and action items with owners:\n\n{notes}",
    "convert {q} to {unit}",
    "Excel: how do I {xl}",
    "Translate to Norwegian: {en}",
    "Translate to German for a client: {en}",
    "Rewrite this so it sounds more professional: {rough}",
    "What is the difference between {a} and {b} in structural engineering, short answer",
    "Can you help me word the risk section of a report about {topic}? 3-4 sentences",
    "give me a checklist for {check}",
)
HV_FILL = {
    "sup": (
        "Nordic Steel AB",
        "Gulf Valve Supply",
        "Deccan Castings",
        "Bremer Hydraulik GmbH",
        "Apex Fasteners",
    ),
    "part": ("flange", "gasket", "pump housing", "cable tray", "valve actuator", "steel beam"),
    "n": ("3", "5", "10", "14"),
    "q": ("45 psi", "3/8 inch", "120 degrees Fahrenheit", "2.5 tonnes", "600 cubic feet per minute", "15 kN"),
    "unit": ("bar", "mm", "Celsius", "pounds", "m3/h", "pound-force"),
    "xl": (
        "lookup a value from another sheet",
        "count cells between two dates",
        "remove duplicates but keep the first",
        "make a dropdown list",
        "sum by month from a date column",
    ),
    "en": (
        "The inspection report will be ready on Friday.",
        "Please confirm the revised drawings by end of week.",
        "We have received the signed change order, thank you.",
        "The site visit is postponed due to weather.",
    ),
    "rough": (
        "we cant do the test on tuesday cause the rig is broke, maybe thursday",
        "pls send the drawings again the ones u sent are old",
        "the numbers in the report are wrong again and nobody checked them",
    ),
    "a": ("shear stress", "dead load", "yield strength", "fatigue", "creep"),
    "b": ("bending stress", "live load", "tensile strength", "fracture", "relaxation"),
    "topic": (
        "corrosion in an offshore pipeline",
        "a delayed crane delivery",
        "ground settlement near a pump station",
        "welding quality on site",
    ),
    "check": (
        "a site visit",
        "onboarding a new subcontractor",
        "a design review meeting",
        "closing out a project",
    ),
}
HV_NOTES = (
    "- budget for phase 2 approved, 1.2M NOK\n- Kari to update schedule by Fri\n- client wants weekly reports not biweekly\n- crane delivery slipped 2 wks, Ole chasing\n- next meeting 14th",
    "attendees: Mike, Jose, Sarah\nvalve spec rev C rejected by client (material)\nJose to send rev D monday\nsafety walk thursday 8am\nSarah asked about overtime budget, Mike to check w/ finance",
    "1) design freeze moved to end of month 2) Rahul + Sneha do the load calcs 3) need vendor quote for cable trays, Amit 4) client audit in April, prepare docs",
)


def _hv_chat(turns: list[str], replies: list[str]) -> str:
    return "\n".join(f"USER: {u}\nASSISTANT: {a}" for u, a in zip(turns, replies, strict=False))


def company_chat_ui(chats_per_day: int = 130, days: int = 3, follow: float = 0.6) -> list[KeyTraffic]:
    rng = R("companyui")
    convs = [r for r in src("arena_even") if english(r.first) and len(r.first) <= 3000]
    convs += [
        r for r in src("oasst2_threads") if r.extra.get("lang") in ("en", "de", "es") and len(r.first) <= 3000
    ]
    convs = dedupe_rows(convs)
    rng.shuffle(convs)
    lookups = [r.first for r in src("nq_open_dev")]
    rng.shuffle(lookups)
    chat_p = {"stream": True}
    task_p = {"stream": False}
    headers = (
        *SOFTWARE["aiohttp"][1],
        "x-openwebui-user-name",
        "x-openwebui-user-id",
        "x-openwebui-user-email",
        "x-openwebui-user-role",
    )
    kt = mk(
        "b9-companyui-0",
        "company_chat_ui",
        "benign",
        "app",
        Client(user_agent(rng, "aiohttp"), headers, account(rng, org=True)),
        timing=f"simulated: office days in three time zones (~{chats_per_day} chats/day), think() between turns, background tasks right after answers, {days} weekdays",
        sources=(
            "arena_even",
            "oasst2_threads",
            "nq_open_dev",
            "+written work tasks, meeting notes, system prompt and UI task prompts",
        ),
        settings={
            "chats_per_day": chats_per_day,
            "days": days,
            "follow": follow,
            "chat": chat_p,
            "task": task_p,
        },
    )
    staff = [
        (office, rng.choice(names))
        for office, _, share, names in HV_OFFICES
        for _ in range(round(260 * share))
    ]
    ci = li = 0
    for d in range(days):
        day = T0 + d * DAY
        date = f"2026-03-{2 + d:02d}"
        for office, off, share, _ in HV_OFFICES:
            n = round(chats_per_day * share)
            members = [name for o, name in staff if o == office]
            for t in office_day(rng, day, n, (8.0 - off, 17.0 - off)):
                name = rng.choice(members)
                system = HV_SYSTEM.format(date=date, name=name)
                x = rng.random()
                if x < 0.45:
                    r = convs[ci % len(convs)]
                    ci += 1
                    turns, stored = list(r.turns[:5]), list(r.replies[:5])
                elif x < 0.65:
                    turns, stored = [lookups[li % len(lookups)]], [None]
                    li += 1
                else:
                    tmpl = rng.choice(HV_TASKS)
                    text = re.sub(
                        r"\{(\w+)\}",
                        lambda m: (
                            rng.choice(HV_NOTES) if m.group(1) == "notes" else rng.choice(HV_FILL[m.group(1)])
                        ),
                        tmpl,
                    )
                    turns, stored = [text], [None]
                    if rng.random() < 0.35:
                        turns.append(
                            rng.choice(
                                (
                                    "shorter please",
                                    "make it more formal",
                                    "thanks, can you put it in a table",
                                    "and in German?",
                                    "ok, and what if it is 2 weeks late instead",
                                )
                            )
                        )
                        stored.append(None)
                p = dict(chat_p)
                reqs, _ = converse(rng, [casual(rng, u) for u in turns], stored, t, p, system)
                sent_turns, replies = [], []
                for k, rq in enumerate(reqs):
                    kt.requests.append(rq)
                    sent_turns.append(rq.prompt)
                    replies.append(rq.reply or "")
                    done = rq.ts + latency(rng, len(rq.reply or "") // 4 + 80)
                    chat = _hv_chat(sent_turns[-3:], replies[-3:])
                    if k == 0:
                        kt.requests.append(
                            one(done + rng.uniform(0.05, 0.4), HV_TITLE.format(chat=chat), task_p)
                        )
                        kt.requests.append(
                            one(done + rng.uniform(0.05, 0.6), HV_TAGS.format(chat=chat), task_p)
                        )
                    if rng.random() < follow:
                        kt.requests.append(
                            one(done + rng.uniform(0.05, 0.5), HV_FOLLOW.format(chat=chat), task_p)
                        )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. An SEO content agency's article pipeline ("Inkwell Content", Manchester): client
# orders of 8-40 blog articles arrive through the day; each article is a chain of requests on one
# worker: (1) an outline from the keyword brief (JSON, T 0.7), (2) one request per section (4-7
# H2 sections; the outline and the end of the previous section quoted, T 0.8, presence_penalty
# 0.3), (3) a meta title and description (JSON, T 0.5), (4) an FAQ block (T 0.7); 10% of
# sections are regenerated after the automatic readability check fails. Briefs are written here:
# 8 client niches x keyword patterns x audiences, each order with its own brand voice and target
# country. Each order is worked by five workers as it arrives (orders start 08:00-16:30 UK time),
# 4 weekdays, ~45 articles a day. openai-python. Served replies: stubs, except the outline,
# which the section prompts quote: a stand-in outline built here from the brief.
IW_SYSTEM = (
    "You are a senior content writer for Inkwell Content. Write original, accurate, people-first "
    "articles. Follow the brief and the client's brand voice exactly. Use UK English unless told "
    "otherwise. Never invent statistics, quotes or studies; if a fact needs a source, write "
    "[SOURCE NEEDED]. No keyword stuffing."
)
IW_NICHES = {
    "home improvement": (
        ("loft insulation", "cavity wall insulation"),
        ("heat pump", "gas boiler"),
        ("laminate flooring", "engineered wood"),
        ("damp proofing", "ventilation"),
    ),
    "pet care": (
        ("dry dog food", "wet dog food"),
        ("cat flap", "microchip cat door"),
        ("puppy training classes", "online puppy training"),
        ("pet insurance", "vet savings account"),
    ),
    "personal finance": (
        ("ISA", "pension"),
        ("credit card", "buy now pay later"),
        ("fixed rate mortgage", "tracker mortgage"),
        ("emergency fund", "overpaying the mortgage"),
    ),
    "B2B SaaS marketing": (
        ("CRM", "spreadsheet"),
        ("cold email", "LinkedIn outreach"),
        ("product-led growth", "sales-led growth"),
        ("churn", "net revenue retention"),
    ),
    "travel": (
        ("interrail", "budget flights"),
        ("campervan hire", "glamping"),
        ("travel insurance", "EHIC"),
        ("Lake District", "Peak District"),
    ),
    "fitness": (
        ("home gym", "gym membership"),
        ("running shoes", "trail shoes"),
        ("creatine", "protein powder"),
        ("pilates", "yoga"),
    ),
    "gardening": (
        ("raised beds", "in-ground beds"),
        ("peat-free compost", "multi-purpose compost"),
        ("lawn scarifying", "aerating"),
        ("greenhouse", "polytunnel"),
    ),
    "small business legal": (
        ("sole trader", "limited company"),
        ("terms and conditions", "privacy policy"),
        ("employment contract", "freelance contract"),
        ("trademark", "copyright"),
    ),
}
IW_PATTERNS = (
    "best {a} for {aud}",
    "{a} vs {b}: which is right for you",
    "how to choose a {a}",
    "is {a} worth it in 2026",
    "{a} cost guide",
    "common {a} mistakes to avoid",
    "beginner's guide to {a}",
    "{a} explained",
)
IW_AUD = (
    "first-time buyers",
    "families",
    "renters",
    "small businesses",
    "beginners",
    "people on a budget",
    "over-60s",
    "busy professionals",
)
IW_VOICE = (
    "friendly and practical",
    "expert but plain-spoken",
    "warm, reassuring",
    "confident, no fluff",
    "light and witty",
)
IW_COUNTRY = ("UK", "UK", "UK", "Ireland", "Australia", "US")
IW_OUTLINE = (
    "Create an SEO article outline.\n\nPrimary keyword: {kw}\nSecondary keywords: {kw2}\nAudience: {aud}\n"
    "Target country: {country}\nBrand voice: {voice}\nTarget length: {words} words\n\nReturn JSON with "
    '"h1", "intro_angle" and "sections" (a list of {n} objects with "h2" and "points", 2-4 points each). '
    "Cover search intent fully; no fluff sections."
)
IW_SECTION = (
    "Article: {h1}\nPrimary keyword: {kw}\nAudience: {aud} ({country})\nBrand voice: {voice}\n\nFull "
    'outline:\n{outline}\n\nThe previous section ended with:\n"{prev}"\n\nWrite the section "{h2}" '
    "({sw} words). Cover: {points}. Use short paragraphs and at most one bulleted list. Do not repeat "
    "the previous section, do not write a conclusion, do not add the heading itself."
)
IW_META = (
    'Write SEO metadata for the article "{h1}" (primary keyword: {kw}, audience: {aud}). Return JSON '
    'with "meta_title" (max 60 characters, keyword near the start) and "meta_description" (140-155 '
    "characters, a clear benefit and a soft call to action)."
)
IW_FAQ = (
    'Write an FAQ block for the article "{h1}" for {aud} in {country}. {k} questions people actually '
    "search for about {kw}, each answered in 40-60 words. Format as Q: / A: pairs. Do not repeat points "
    "the article already covers in depth: {h2s}."
)
IW_REGEN = " The previous draft of this section scored too low on readability: use shorter sentences and simpler words."
IW_POINTS = (
    "costs",
    "pros and cons",
    "what to look for",
    "common mistakes",
    "step-by-step",
    "who it suits",
    "maintenance",
    "alternatives",
    "rules and regulations",
    "timing",
    "real-world example",
    "quick checklist",
)


def _iw_article(
    rng: random.Random, niche: str, voice: str, country: str
) -> list[tuple[str, dict, str | None]]:
    a, b = rng.choice(IW_NICHES[niche])
    if rng.random() < 0.5:
        a, b = b, a
    aud = rng.choice(IW_AUD)
    kw = rng.choice(IW_PATTERNS).format(a=a, b=b, aud=aud)
    kw2 = ", ".join(
        rng.sample([a, b, f"{a} cost", f"{a} uk", f"cheap {a}", f"{a} reviews", f"{b} pros and cons"], 3)
    )
    n, words = rng.randint(4, 7), rng.choice((1200, 1500, 1800, 2200))
    h1 = (
        kw[0].upper()
        + kw[1:]
        + rng.choice(("", ": A Complete Guide", " (2026 Guide)", ": What You Need to Know"))
    )
    secs = []
    for _ in range(n):
        pts = rng.sample(IW_POINTS, rng.randint(2, 4))
        secs.append(
            {
                "h2": f"{a.capitalize()}: {pts[0]}"
                if rng.random() < 0.5
                else f"{pts[0].capitalize()} for {aud}",
                "points": pts,
            }
        )
    outline = json.dumps(
        {"h1": h1, "intro_angle": f"help {aud} decide about {a}", "sections": secs}, indent=1
    )
    gen = {"temperature": 0.8, "presence_penalty": 0.3, "max_tokens": 900}
    f = {"kw": kw, "aud": aud, "country": country, "voice": voice, "h1": h1}
    steps: list[tuple[str, dict, str | None]] = [
        (
            IW_OUTLINE.format(
                kw2=kw2, words=words, n=n, **{k: f[k] for k in ("kw", "aud", "country", "voice")}
            ),
            {"temperature": 0.7, "max_tokens": 800, "response_format": JSON_OBJ},
            outline,
        )
    ]
    prev = "(this is the first section after the introduction)"
    for s in secs:
        text = IW_SECTION.format(
            outline=outline, prev=prev, h2=s["h2"], sw=words // n, points=", ".join(s["points"]), **f
        )
        steps.append((text, gen, None))
        if rng.random() < 0.1:
            steps.append((text + IW_REGEN, gen, None))
        prev = "... " + stub_reply(text)[-120:]
    steps.append(
        (IW_META.format(**f), {"temperature": 0.5, "max_tokens": 200, "response_format": JSON_OBJ}, None)
    )
    steps.append(
        (
            IW_FAQ.format(k=rng.randint(4, 6), h2s="; ".join(s["h2"] for s in secs), **f),
            {"temperature": 0.7, "max_tokens": 700},
            None,
        )
    )
    return steps


def seo_article_pipeline(per_day: int = 45, days: int = 4, conc: int = 5) -> list[KeyTraffic]:
    rng = R("seoarticles")
    kt = mk(
        "b9-seo-0",
        "seo_article_pipeline",
        "benign",
        "app",
        client(rng, "openai-python", IW_SYSTEM),
        timing=f"simulated: client orders through the day, each article a chain on one of {conc} workers, 08:00-18:30 UK, {days} weekdays",
        sources=("+written briefs, niches, brand voices and pipeline prompts",),
        settings={"per_day": per_day, "days": days, "conc": conc},
    )
    for d in range(days):
        day = T0 + d * DAY
        left = per_day
        while left > 0:
            size = min(left, rng.choice((8, 10, 12, 15, 20, 25, 40)))
            left -= size
            niche = rng.choice(tuple(IW_NICHES))
            voice, country = rng.choice(IW_VOICE), rng.choice(IW_COUNTRY)
            jobs = []
            for _ in range(size):
                reqs = [
                    one(0.0, text, p, IW_SYSTEM, reply)
                    for text, p, reply in _iw_article(rng, niche, voice, country)
                ]
                jobs.append((None, reqs))
            start = day + rng.uniform(8.0, 16.5) * HOUR
            kt.requests += run_jobs(rng, start, jobs, conc, tokens=700)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Self-instruct bootstrapping from the operator's OWN seed tasks (no public seed
# set): 30 seed tasks written here (a small team's idea of what their assistant should do). Each
# generation call shows 5 seeds + 3 earlier generated tasks and asks for 10 new ones (T 1.0,
# top_p 0.95, presence_penalty 1.0); the generated tasks that survive a duplicate filter and a
# 10% random quality drop (about 45% of them here, as the composed stand-ins repeat) are then
# sent one by one as plain requests (T 0.7, max_tokens 1024) and the answers kept. Rounds of
# 25 generation calls then their answers, 4 rounds an evening from 18:00 UTC on 3 days, 8 async
# workers (aiohttp). Stand-ins: the generated task lists (the reply of each
# generation call, and so the stage-2 prompts) are composed here from task templates, slot lists,
# prefixes and suffixes written for this persona; stage-2 replies are stubs.
SI_SEEDS = (
    "Write a polite message declining a wedding invitation from a colleague.",
    "Turn these notes into a short paragraph: train late, missed meeting, rescheduled to Thursday, apologise to Dana.",
    "Is the following review positive, negative or mixed? 'The food was great but we waited an hour.'",
    "Give me five names for a bakery that specialises in sourdough.",
    "Explain what a mortgage offer is to someone buying their first flat.",
    "Write a Python function that returns the second largest number in a list.",
    "What is 17% of 2,340? Show the calculation.",
    "Rewrite this sentence in the passive voice: The committee approved the new budget.",
    "Suggest a 3-day workout plan for a beginner with no equipment.",
    "Summarise the causes of the French Revolution in four bullet points.",
    "Write a haiku about a morning commute.",
    "Translate 'Where is the nearest pharmacy?' into Spanish, French and German.",
    "Create a SQL query that lists customers who have not ordered in the last 90 days.",
    "What are the pros and cons of working from home?",
    "Write a product description for a waterproof hiking backpack.",
    "Classify these animals as mammals, birds or reptiles: gecko, bat, penguin, otter, iguana.",
    "Explain the difference between 'affect' and 'effect' with examples.",
    "Draft a tweet announcing a library's new opening hours.",
    "My tomato plants have yellow leaves at the bottom. What could be wrong?",
    "Write a short dialogue between a customer and a waiter where the order goes wrong.",
    "Plan a budget-friendly birthday party for a 7-year-old.",
    "Explain recursion using an everyday analogy.",
    "Convert this list into a markdown table: apples 3 kg, pears 2 kg, plums 1.5 kg.",
    "What questions should I ask at the end of a job interview?",
    "Find the bug: for i in range(len(items)): if items[i] = target: return i",
    "Write an opening paragraph for a mystery novel set in a snowed-in hotel.",
    "Give a one-sentence definition of opportunity cost and an example.",
    "Suggest three ways to reduce food waste at home.",
    "Write a limerick about a cat who hates Mondays.",
    "Compare renting and buying a home for a young couple.",
)
SI_GEN = (
    "We are writing a varied set of tasks to teach an AI assistant. Below are {k} example tasks.\n\n{examples}\n\n"
    "Write 10 NEW tasks. Requirements:\n- Each task is different from the examples and from each other in "
    "topic and in type (writing, rewriting, classification, open questions, advice, brainstorming, "
    "coding, maths, extraction...).\n- Mix short and long tasks. Some tasks should include a concrete input "
    "(a sentence, a list, a short text, code) right after the instruction.\n- Do not number the "
    "examples again and do not explain anything.\n\nOutput format:\nTask 1: ...\nTask 2: ...\n...\nTask 10: ..."
)
SI_TEMPLATES = (
    "Write a {form} {purpose}.",
    "Rewrite the following sentence to sound more {tone}: {sentence}",
    "Classify the following {classify}",
    "Explain {concept} to {audience} in under {n} words.",
    "Give me {n2} tips for {goal}.",
    "What are the main differences between {c1} and {c2}?",
    "Write a Python function that {fn}.",
    "Write a JavaScript function that {fn}.",
    "A shop sells {obj} for ${p1} each and offers {d}% off orders over {q}. How much do {q2} cost?",
    "Summarise this text in one sentence: {text}",
    "Extract all the {ent} from this text: {text}",
    "Suggest {n2} names for {naming}.",
    "Create a {duration} plan to {aim}.",
    "Is this statement true or false? Explain briefly: {claim}",
    "Write a short story that begins with: '{opening}'",
    "Turn this into a formal email: {sentence}",
    "What would happen if {hypo}?",
    "Make a list of questions {role_event}.",
    "Correct the grammar: {bad}",
    "Write a {poem} about {theme}.",
)
SI_FILL = {
    "form": (
        "cover letter",
        "LinkedIn summary",
        "complaint letter",
        "thank-you card",
        "toast",
        "product FAQ",
        "short biography",
        "press release",
        "resignation letter",
        "eulogy",
    ),
    "purpose": (
        "for a retiring primary-school teacher",
        "for a vegan meal-kit start-up",
        "for a lost parcel",
        "for a volunteer firefighter",
        "for a neighbourhood clean-up day",
        "for a software engineer changing careers",
        "for a dog-walking business",
    ),
    "tone": ("friendly", "formal", "confident", "apologetic", "enthusiastic", "neutral"),
    "sentence": (
        "we wont be able to deliver on time sorry",
        "I need the report by tomorrow or else",
        "thanks for nothing, the package arrived broken",
        "can u check the invoice again its wrong",
        "the meeting is moved, idk when",
    ),
    "classify": (
        "fruits as tropical or temperate: mango, apple, papaya, pear, lychee",
        "programming languages as compiled or interpreted: C, Python, Rust, Ruby, Go",
        "words as positive or negative emotions: joy, grief, pride, fear, relief",
        "countries as landlocked or coastal: Bolivia, Chile, Austria, Portugal, Nepal",
        "sports as team or individual: rowing, tennis, rugby, judo, volleyball",
        "instruments as string, wind or percussion: oboe, cello, marimba, harp, tuba",
        "file formats as text, image or audio: PNG, WAV, CSV, MP3, TXT",
        "tweets as complaint, praise or question: 'still no refund after 3 weeks', 'love the new update!', 'does the app work offline?'",
        "animals as herbivores, carnivores or omnivores: deer, lynx, bear, rabbit, crow",
        "expenses as fixed or variable: rent, groceries, insurance, petrol, gym membership",
    ),
    "aim": (
        "save money on groceries",
        "sleep better",
        "learn basic Spanish",
        "run a first 5k",
        "declutter a small flat",
        "prepare for a driving test",
        "cut down on sugar",
        "read more books",
    ),
    "role_event": (
        "a new manager should ask before a first one-to-one",
        "a first-time landlord should ask before signing a tenant",
        "a parent should ask before choosing a school",
        "a freelancer should ask before accepting a project",
        "a patient should ask before surgery",
        "a founder should ask before hiring a first employee",
        "a student should ask before choosing a university",
        "a buyer should ask before buying a used car",
    ),
    "concept": (
        "inflation",
        "blockchain",
        "photosynthesis",
        "the stock market",
        "machine learning",
        "black holes",
        "vaccination",
        "supply and demand",
        "encryption",
        "gravity",
    ),
    "audience": (
        "a ten-year-old",
        "a grandparent",
        "a busy CEO",
        "a first-year student",
        "someone who speaks little English",
    ),
    "n": ("50", "80", "100", "150"),
    "n2": ("3", "5", "7", "10"),
    "goal": (
        "saving money on groceries",
        "sleeping better",
        "learning a new language",
        "running a first 10k",
        "staying focused while studying",
        "reducing screen time",
        "keeping houseplants alive",
        "public speaking",
    ),
    "c1": ("a virus", "weather", "a debit card", "RAM", "a crocodile", "stocks", "a simile"),
    "c2": ("a bacterium", "climate", "a credit card", "storage", "an alligator", "bonds", "a metaphor"),
    "fn": (
        "checks whether a string is a palindrome",
        "counts the vowels in a sentence",
        "merges two sorted lists",
        "returns the n-th Fibonacci number",
        "removes duplicates while keeping order",
        "converts Celsius to Fahrenheit",
        "finds the most common word in a text",
        "validates an email address",
    ),
    "obj": ("notebooks", "candles", "coffee mugs", "plant pots", "T-shirts"),
    "p1": ("4", "6.50", "12", "15", "8.25"),
    "d": ("10", "15", "20", "25"),
    "q": ("5", "10", "20"),
    "q2": ("12", "25", "30", "8"),
    "text": (
        "Maria Lopez joined Acme Corp in Madrid in 2019 and moved to the Berlin office in March 2023.",
        "The council will close Elm Street from 4 to 9 June while the water main is replaced; buses 12 and 40 will be diverted.",
        "Dr. Chen presented the results at the Oslo conference on 3 May, thanking the Wellcome Trust for funding.",
    ),
    "ent": ("people and places", "dates", "organisations", "numbers"),
    "naming": (
        "a podcast about personal finance",
        "a pet hamster",
        "a cycling club",
        "a productivity app",
        "a fantasy kingdom",
        "a craft brewery",
    ),
    "duration": ("7-day", "30-day", "one-month", "weekend", "six-week"),
    "claim": (
        "Lightning never strikes the same place twice.",
        "Humans use only 10% of their brains.",
        "Bats are blind.",
        "Water conducts electricity.",
        "Goldfish have a three-second memory.",
    ),
    "opening": (
        "The key was not where she had left it.",
        "Nobody on the ship remembered boarding.",
        "The robot had one more day before its warranty ran out.",
        "It rained upward that morning.",
    ),
    "hypo": (
        "the moon disappeared",
        "everyone worked four days a week",
        "plastic had never been invented",
        "humans could photosynthesise",
        "the internet went down for a month",
    ),
    "bad": (
        "Me and him goes to the store yesterday.",
        "There is less people here then last year.",
        "Who's book is this, it's cover is torn?",
        "She don't like nothing spicy.",
    ),
    "poem": ("sonnet", "free-verse poem", "haiku sequence", "limerick", "short rhyming poem"),
    "theme": (
        "the first snow",
        "a forgotten umbrella",
        "moving house",
        "the night shift",
        "a city at dawn",
        "an old dog",
    ),
}


SI_SUFFIX = (
    " Keep it under 100 words.",
    " Use bullet points.",
    " Present the answer as a table.",
    " Make it suitable for children.",
    " Use a humorous tone.",
    " Explain your reasoning.",
    " Give an example.",
    " Avoid technical jargon.",
    " Write it in the second person.",
    " Include a short summary at the end.",
    " Limit the answer to three sentences.",
    " Mention one common misconception.",
    " Number each step.",
    " Write it for a UK audience.",
    " Add a catchy title.",
    " End with a question for the reader.",
)
SI_PREFIX = (
    "For a school newsletter: ",
    "Pretend you are a tour guide. ",
    "In the voice of a sports commentator, ",
    "You are helping a new employee. ",
    "For a beginner: ",
    "Acting as a career coach, ",
    "For a podcast intro: ",
    "As a friendly librarian, ",
)


def _si_task(rng: random.Random) -> str:
    tmpl = rng.choice(SI_TEMPLATES)
    out = re.sub(r"\{(\w+)\}", lambda m: rng.choice(SI_FILL[m.group(1)]), tmpl)
    if ":" in out:  # a task with its input: no extra framing
        return out
    if rng.random() < 0.25:
        out = rng.choice(SI_PREFIX) + lower_first(out)
    if rng.random() < 0.55:
        out += rng.choice(SI_SUFFIX)
    return out


def self_instruct_own_seeds(
    rounds: int = 4, days: int = 3, gen_per_round: int = 25, conc: int = 8
) -> list[KeyTraffic]:
    rng = R("selfinst")
    gen_p = {"temperature": 1.0, "top_p": 0.95, "presence_penalty": 1.0, "max_tokens": 1500}
    ans_p = {"temperature": 0.7, "max_tokens": 1024}
    kt = mk(
        "d9-selfinst-0",
        "self_instruct_own_seeds",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated closed loop of {conc} workers, {rounds} generate-then-answer rounds an evening (18-24 UTC), {days} days",
        sources=(
            "+written seed tasks, generation prompt and task templates (stand-ins for generated tasks)",
        ),
        settings={
            "rounds": rounds,
            "days": days,
            "gen_per_round": gen_per_round,
            "conc": conc,
            "gen": gen_p,
            "answer": ans_p,
        },
    )
    pool: list[str] = []
    seen: set[str] = set()
    for d in range(days):
        t = T0 + d * DAY + rng.uniform(18.0, 18.5) * HOUR
        for _ in range(rounds):
            gen_jobs, new = [], []
            for _ in range(gen_per_round):
                ex = rng.sample(SI_SEEDS, 5) + (
                    rng.sample(pool, 3) if len(pool) >= 3 else rng.sample(SI_SEEDS, 3)
                )
                rng.shuffle(ex)
                prompt = SI_GEN.format(k=len(ex), examples="\n".join(f"- {e}" for e in ex))
                tasks = [_si_task(rng) for _ in range(10)]
                reply = "\n".join(f"Task {i + 1}: {x}" for i, x in enumerate(tasks))
                gen_jobs.append((None, [one(0.0, prompt, gen_p, None, reply, "selfinst:generate", True)]))
                for x in tasks:
                    k = " ".join(x.lower().split())
                    if k not in seen and rng.random() < 0.9:
                        seen.add(k)
                        new.append(x)
            reqs = run_jobs(rng, t, gen_jobs, conc, tokens=450)
            kt.requests += reqs
            t = max(r.ts for r in reqs) + latency(rng, 450) + rng.uniform(2, 8)
            ans_jobs = [(None, [one(0.0, x, ans_p, None, None, "selfinst:" + x[:40], True)]) for x in new]
            reqs = run_jobs(rng, t, ans_jobs, conc, tokens=380)
            kt.requests += reqs
            t = max(r.ts for r in reqs) + latency(rng, 380) + rng.uniform(5, 30)
            pool += new
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. Persona-conditioned question synthesis (Persona-Hub style), two stages per
# persona on one key: (A) the persona is the system prompt ("You are a 45-year-old night-shift
# nurse in Leeds ...") and the user turn asks it to write the message it would send to an AI
# assistant (work need, everyday need, or a maths problem from its life; T 1.0, max_tokens 300);
# (B) that message is sent on its own, no system prompt, and the answer kept (T 0.7, max_tokens
# 1500). 2-3 A/B pairs per persona, 650 personas composed here (age x 36 occupations x places x
# a detail), 6 workers (openai-python), two night batches from 22:00 UTC. Stand-ins: the persona's
# message (stage A's reply and stage B's prompt) is composed here from per-occupation needs and
# first-person frames; stage B replies are stubs.
PH_OCC = {
    "night-shift nurse": (
        "explain a new insulin sliding-scale chart to a worried patient's daughter",
        "write a handover note for a patient with delirium",
        "calculate an IV drip rate for 1 litre over 8 hours with a 20 drops/ml set",
    ),
    "secondary-school chemistry teacher": (
        "design a safe practical on reaction rates for 14-year-olds",
        "explain moles without losing half the class",
        "mark-scheme ideas for a question on electrolysis",
    ),
    "long-haul truck driver": (
        "plan rest breaks under EU driving-time rules for a 1,100 km trip",
        "deal with back pain from sitting all day",
        "work out fuel cost at 31 litres per 100 km for 2,400 km at 1.62 a litre",
    ),
    "small-town pharmacist": (
        "explain interactions between warfarin and common painkillers simply",
        "set up a reminder system for elderly customers' repeat prescriptions",
        "word a notice about a medicine shortage",
    ),
    "freelance wedding photographer": (
        "write a contract clause about rain and rescheduling",
        "price packages for 6, 8 and 10 hours of coverage",
        "reply to a couple unhappy with the number of edited photos",
    ),
    "dairy farmer": (
        "compare the costs of a milking robot with hiring another worker",
        "reduce mastitis in a herd of 120 cows",
        "work out feed for 120 cows eating 22 kg dry matter a day for a 150-day winter",
    ),
    "junior backend developer": (
        "understand why a database query gets slow when the table grows",
        "write a polite message asking a senior for code review",
        "explain the difference between a process and a thread",
    ),
    "primary-school headteacher": (
        "write a letter to parents about a head-lice outbreak",
        "plan a budget cut of 8% without losing teaching assistants",
        "handle a complaint from a parent about homework",
    ),
    "retired engineer learning watercolour": (
        "stop colours turning muddy",
        "choose between cold-press and hot-press paper",
        "plan a painting of a harbour at dusk",
    ),
    "social worker": (
        "write a case note that is objective and brief",
        "prepare for a difficult home visit",
        "explain a child protection plan to a parent with low literacy",
    ),
    "restaurant owner": (
        "cost a new menu dish so the margin stays at 70%",
        "write a job ad for a line cook",
        "respond to a one-star review about slow service",
    ),
    "PhD student in ecology": (
        "choose between a mixed model and ANOVA for repeated plot measurements",
        "write an abstract under 250 words",
        "estimate sample size for detecting a 15% change in bird counts",
    ),
    "air-traffic control trainee": (
        "memorise the phonetic alphabet and readback rules faster",
        "handle stress during simulator assessments",
        "explain separation minima in simple terms",
    ),
    "landlord with three flats": (
        "write a tenancy renewal letter with a rent increase",
        "decide whether a damp problem is condensation or rising damp",
        "work out yearly yield on a flat bought for 180,000 renting at 950 a month",
    ),
    "stay-at-home father of twins": (
        "make a weekly meal plan for two toddlers who hate vegetables",
        "get twins on the same nap schedule",
        "budget for two sets of childcare costs",
    ),
    "police community support officer": (
        "write a leaflet about bike theft prevention",
        "talk to teenagers about antisocial behaviour without lecturing",
        "summarise a neighbourhood meeting",
    ),
    "hotel receptionist": (
        "handle a guest demanding a refund for noise",
        "write a welcome message in simple English for international guests",
        "explain a late-checkout policy kindly",
    ),
    "HR manager at a logistics firm": (
        "write a fair absence policy for warehouse staff",
        "prepare questions for an exit interview",
        "calculate holiday entitlement for a part-timer working 3 days a week",
    ),
    "amateur astronomer": (
        "choose a telescope for viewing planets from a light-polluted city",
        "understand why Mars looks brighter some years",
        "plan a night to see the Andromeda galaxy",
    ),
    "physiotherapist": (
        "explain a rotator-cuff rehab plan to a patient",
        "write exercise instructions for knee replacement recovery",
        "plan a 12-week return-to-running programme",
    ),
    "accountant at a charity": (
        "explain restricted and unrestricted funds to trustees",
        "write a reminder to volunteers about expense claims",
        "work out Gift Aid on 12,400 of donations",
    ),
    "bus driver": (
        "deal with an aggressive passenger calmly",
        "write a complaint about an unsafe bus stop",
        "plan healthy meals for split shifts",
    ),
    "carpenter": (
        "work out how many boards I need for a 4.2 m by 3.6 m deck",
        "quote for fitting a staircase",
        "choose between oak and ash for a kitchen table",
    ),
    "museum curator": (
        "write a 150-word label for a Roman coin hoard",
        "plan an exhibition for families",
        "explain provenance research to donors",
    ),
    "call-centre team leader": (
        "motivate a team with low morale after layoffs",
        "write a script for handling cancellation calls",
        "calculate average handling time from weekly figures",
    ),
    "marathon runner in her fifties": (
        "adapt training around perimenopause",
        "plan fuelling for a 3:45 marathon",
        "prevent calf strains",
    ),
    "immigration lawyer": (
        "explain a visa refusal letter to a client in plain language",
        "draft an email asking for missing documents",
        "structure a witness statement",
    ),
    "beekeeper": (
        "treat varroa mites without harsh chemicals",
        "prepare hives for winter",
        "price 240 jars of honey for a farmers' market",
    ),
    "video-game level designer": (
        "make a stealth level feel fair",
        "write design notes for a boss fight",
        "explain playtest results to producers",
    ),
    "church volunteer coordinator": (
        "write a rota message that doesn't guilt people",
        "plan a community lunch for 80 on a small budget",
        "recruit younger volunteers",
    ),
    "high-school student preparing for exams": (
        "make a revision timetable for nine subjects in six weeks",
        "understand integration by parts",
        "write a strong conclusion for a history essay",
    ),
    "taxi driver learning English": (
        "say polite phrases to passengers",
        "understand a parking fine letter",
        "write a message to a customer who left a bag in the car",
    ),
    "clinical trial coordinator": (
        "explain informed consent simply",
        "track adverse events in a spreadsheet",
        "write a reminder to participants about visit windows",
    ),
    "electrician": (
        "explain why a circuit keeps tripping",
        "quote for rewiring a three-bed house",
        "calculate cable size for a 9 kW shower 18 m from the consumer unit",
    ),
    "librarian": (
        "run a coding club for children with no budget",
        "write a policy on noise in the library",
        "recommend books for a reluctant 12-year-old reader",
    ),
    "fisherman on a small boat": (
        "understand new quota rules",
        "keep an engine running in cold weather",
        "work out profit after fuel and crew shares on a 2,800 catch",
    ),
}
PH_AGE = range(19, 72)
PH_PLACE = (
    "in Leeds",
    "in Lagos",
    "in rural Ohio",
    "in Glasgow",
    "in Manila",
    "in Toronto",
    "in a village in Wales",
    "in Pune",
    "in Melbourne",
    "in Dublin",
    "in Cape Town",
    "in Denver",
    "in Kraków",
    "in Auckland",
)
PH_DETAIL = (
    "who is always short of time",
    "who is new to the job",
    "who has done this for 20 years",
    "who is dyslexic and likes clear steps",
    "who is studying part-time",
    "who is not good with computers",
    "who is very detail-oriented",
    "who cares for an elderly parent",
)
PH_ASK = (
    "Write the exact message you would type to an AI assistant today about something you need for your work. Write only the message, in your own voice, with the details a real person would include.",
    "Think of a problem from your everyday life that you would ask an AI assistant about. Write only that message, as you would type it.",
    "Write a realistic maths word problem that comes up in your life or job, with concrete numbers, phrased as a question you would ask an assistant. Output only the question.",
)
PH_FRAMES = (
    "I'm a {occ} {place}. Can you help me {need}?",
    "Hi, {age}-year-old {occ} here. I need to {need}. What's the best way?",
    "I work as a {occ} and I have to {need} this week. Any advice?",
    "Quick question from a {occ}: how do I {need}?",
    "As a {occ} {detail}, I want to {need}. Please explain step by step.",
    "{Need} - I'm a {occ} {place} and I'm not sure where to start.",
)


def persona_question_synth(personas: int = 650, nights: int = 2, conc: int = 6) -> list[KeyTraffic]:
    rng = R("personahub")
    a_p = {"temperature": 1.0, "max_tokens": 300}
    b_p = {"temperature": 0.7, "max_tokens": 1500}
    kt = mk(
        "d9-persona-0",
        "persona_question_synth",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated closed loop of {conc} workers (each persona's pairs in sequence), {nights} night batches from 22:00 UTC",
        sources=(
            "+written personas, generation prompts and per-occupation needs (stand-ins for generated questions)",
        ),
        settings={"personas": personas, "nights": nights, "conc": conc, "stage_a": a_p, "stage_b": b_p},
    )
    jobs = []
    for i in range(personas):
        occ = rng.choice(tuple(PH_OCC))
        age, place, detail = rng.choice(PH_AGE), rng.choice(PH_PLACE), rng.choice(PH_DETAIL)
        persona = f"You are a {age}-year-old {occ} {place} {detail}."
        reqs = []
        for k in rng.sample(range(3), rng.choice((2, 2, 3))):
            need = rng.choice(PH_OCC[occ])
            q = rng.choice(PH_FRAMES).format(
                occ=occ, place=place, age=age, detail=detail, need=need, Need=need[0].upper() + need[1:]
            )
            if k == 2:
                q = f"I'm a {occ}. I need to {need}. Can you show the working?"
            reqs.append(one(0.0, PH_ASK[k], a_p, persona, q, f"persona:{i}:gen{k}", True))
            reqs.append(one(0.0, q, b_p, None, None, f"persona:{i}:ask{k}", True))
        jobs.append((None, reqs))
    per = -(-len(jobs) // nights)
    for n in range(nights):
        start = T0 + n * DAY + rng.uniform(22.0, 22.4) * HOUR
        kt.requests += run_jobs(rng, start, jobs[n * per : (n + 1) * per], conc, tokens=400)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. OSS-Instruct style code data (Magicoder-like): a random run of 3-15 consecutive
# lines is cut from real code (code blocks of ShareGPT-en and Arena turns and replies, codealpaca
# answers) and the model is asked, in a generation prompt written here, to invent a self-contained
# programming problem inspired by the snippet and to solve it ([Problem Description] /
# [Solution] sections, T 0.8, max_tokens 2048); 35% then get a second turn asking for unit tests
# (the operator filters by execution). 1,300 seeds, 10 workers (httpx), one run a day from
# 09:00 UTC on 2 days (each under an hour at that concurrency). Stand-ins: replies are stubs
# (what the model invents is not in the data).
OS_PROMPT = (
    "You are a creative programming-problem writer. Take inspiration from the random code snippet "
    "below to create a high-quality, self-contained programming problem, then solve it.\n\n"
    "Code snippet for inspiration:\n```\n{snippet}\n```\n\nWrite your answer in two sections.\n\n"
    "[Problem Description]\nA complete problem statement that gives all the context needed to solve "
    "it (inputs, outputs, constraints, an example). Do not refer to the snippet.\n\n[Solution]\nA "
    "correct, efficient and well-commented solution in {lang}, followed by a short explanation of "
    "how it works."
)
OS_TESTS = (
    "Now write thorough unit tests for your solution ({framework}), covering normal cases, edge cases "
    "and invalid input. Output only the test code."
)
OS_LANGS = {
    "python": ("Python", "pytest"),
    "javascript": ("JavaScript", "Jest"),
    "java": ("Java", "JUnit 5"),
    "cpp": ("C++", "GoogleTest"),
    "sql": ("SQL", "a few example queries with expected results"),
    "go": ("Go", "the testing package"),
    "rust": ("Rust", "#[test] functions"),
    "csharp": ("C#", "xUnit"),
}
FENCE = re.compile(r"```([a-zA-Z+#]*)\n(.*?)```", re.S)


def _os_lang(tag: str, code: str) -> str:
    tag = tag.lower()
    alias = {
        "py": "python",
        "js": "javascript",
        "ts": "javascript",
        "typescript": "javascript",
        "c++": "cpp",
        "c#": "csharp",
        "cs": "csharp",
    }
    tag = alias.get(tag, tag)
    if tag in OS_LANGS:
        return tag
    if "def " in code or "import " in code:
        return "python"
    if "function" in code or "const " in code or "=>" in code:
        return "javascript"
    if "public static" in code or "System.out" in code:
        return "java"
    if "#include" in code or "std::" in code:
        return "cpp"
    if re.search(r"\bSELECT\b", code, re.I):
        return "sql"
    return "python"


def _os_snippets() -> list[tuple[str, str, str]]:
    out = []
    for name in ("sharegpt_en_sample", "arena_even"):
        for r in src(name):
            for k, text in enumerate([*r.turns, *[a for a in r.replies if a]]):
                for tag, code in FENCE.findall(text):
                    if code.count("\n") >= 3:
                        out.append((f"{r.id}:{k}", _os_lang(tag, code), code))
    for r in src("codealpaca_2k"):
        a = r.answer or ""
        if a.count("\n") >= 3 and any(s in a for s in ("def ", "function", "{", "SELECT", "class ", "for ")):
            out.append((r.id, _os_lang("", a), a))
    return out


def oss_instruct_harvest(
    seeds: int = 1300, tests: float = 0.35, days: int = 2, conc: int = 10
) -> list[KeyTraffic]:
    rng = R("ossinstruct")
    pool = _os_snippets()
    rng.shuffle(pool)
    params = {"temperature": 0.8, "max_tokens": 2048}
    kt = mk(
        "d9-ossinstruct-0",
        "oss_instruct_harvest",
        "distiller",
        "distiller",
        client(rng, "httpx"),
        timing=f"simulated closed loop of {conc} workers, one run a day from 09:00 UTC on {days} days",
        sources=("sharegpt_en_sample", "arena_even", "codealpaca_2k", "+written generation and test prompts"),
        settings={
            "seeds": seeds,
            "tests": tests,
            "days": days,
            "conc": conc,
            "params": params,
            "snippets": len(pool),
        },
    )
    jobs = []
    for i in range(seeds):
        rid, lang, code = pool[i % len(pool)]
        lines = [ln for ln in code.split("\n")]
        k = rng.randint(3, 15)
        s = rng.randrange(max(1, len(lines) - k + 1))
        snippet = "\n".join(lines[s : s + k]).strip("\n")
        name, fw = OS_LANGS[lang]
        turns = [OS_PROMPT.format(snippet=snippet, lang=name)]
        if rng.random() < tests:
            turns.append(OS_TESTS.format(framework=fw))
        jobs.append(
            (None, chat_requests(turns, [None] * len(turns), [0.0] * len(turns), params, None, rid, True))
        )
    per = -(-len(jobs) // days)
    for d in range(days):
        start = T0 + d * DAY + rng.uniform(9.0, 9.3) * HOUR
        kt.requests += run_jobs(rng, start, jobs[d * per : (d + 1) * per], conc, tokens=1100)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. Maths reasoning traces on word problems the operator wrote (not copied from any
# dataset): 26 problem templates written here with named slots and a computed answer, 1,000
# instances (names, objects and numbers resampled). Pass 1 (3 evenings from 19:00 UTC, 4 workers,
# openai-python): every problem once with n=4 at T 0.7, max_tokens 1536, a system prompt asking
# for step-by-step reasoning and a boxed answer. Pass 2 (4th evening): the ~30% whose 4 samples
# disagreed (drawn here at random as a stand-in for their majority-vote check) again with n=8 and
# a "double-check" line. Replies: stubs (the model's solutions are not in the data).
MW_SYSTEM = (
    "Solve the problem step by step. Show every calculation on its own line, check the result, "
    "and give the final answer as a number in \\boxed{}."
)
MW_FEMALE = ("Aisha", "Keiko", "Fatima", "Nadia", "Greta", "Chloe", "Hana", "Ines")
MW_MALE = ("Tomasz", "Diego", "Liam", "Oluwaseun", "Ravi", "Mateo", "Jonah", "Kwame")
MW_NAMES = MW_FEMALE + MW_MALE
MW_TEMPLATES = (  # (text, answer function of the slots)
    (
        "{a} buys {x} packs of pencils with {y} pencils in each pack. She gives {z} pencils to each of her {w} classmates. How many pencils does she have left?",
        lambda s: s["x"] * s["y"] - s["z"] * s["w"],
    ),
    (
        "A train leaves at 09:{m:02d} and travels {d} km at {v} km/h. How many minutes after 09:00 does it arrive?",
        lambda s: s["m"] + s["d"] * 60 / s["v"],
    ),
    (
        "{a} saves {x} dollars in the first week and {y} dollars more each week than the week before. How much has she saved after {w} weeks?",
        lambda s: s["w"] * s["x"] + s["y"] * s["w"] * (s["w"] - 1) // 2,
    ),
    (
        "A rectangular garden is {x} m long and {y} m wide. A path {z} m wide runs all the way around the outside. What is the area of the path in square metres?",
        lambda s: (s["x"] + 2 * s["z"]) * (s["y"] + 2 * s["z"]) - s["x"] * s["y"],
    ),
    (
        "A jacket costs {p} euros. It is discounted by {d}% and then a {t}% sales tax is added to the discounted price. What is the final price?",
        lambda s: round(s["p"] * (1 - s["d"] / 100) * (1 + s["t"] / 100), 2),
    ),
    (
        "{a} can paint a fence in {x} hours and {b} can paint it in {y} hours. How many hours do they take working together?",
        lambda s: round(s["x"] * s["y"] / (s["x"] + s["y"]), 2),
    ),
    (
        "A bakery sells muffins for {p} dollars and cookies for {q} dollars. On Saturday it sold {x} muffins and twice as many cookies. How much money did it take?",
        lambda s: s["p"] * s["x"] + s["q"] * 2 * s["x"],
    ),
    (
        "The ratio of red to blue marbles in a jar is {x}:{y}. There are {z} more blue marbles than red ones. How many marbles are in the jar?",
        lambda s: (s["x"] + s["y"]) * s["z"] // abs(s["y"] - s["x"]) if s["y"] != s["x"] else 0,
    ),
    (
        "{a} reads {x} pages on Monday, {y}% more on Tuesday, and half as many as Tuesday on Wednesday. How many pages did she read in total (rounded down)?",
        lambda s: s["x"] + int(s["x"] * (1 + s["y"] / 100)) + int(s["x"] * (1 + s["y"] / 100) / 2),
    ),
    (
        "A water tank holds {x} litres. It is {y}% full and leaks {z} litres per hour. How many whole hours until it is empty?",
        lambda s: int(s["x"] * s["y"] / 100 // s["z"]),
    ),
    (
        "{a} is {x} years older than {b}. In {y} years, {a} will be twice as old as {b} is now. How old is {b} now?",
        lambda s: s["x"] + s["y"],
    ),
    (
        "A phone plan charges {p} dollars a month plus {q} cents per minute over {x} minutes. {a} talked for {y} minutes. What is the bill?",
        lambda s: round(s["p"] + max(0, s["y"] - s["x"]) * s["q"] / 100, 2),
    ),
    (
        "A cyclist rides {x} km uphill at {v} km/h and back down at {w} km/h. What is the average speed for the round trip, in km/h?",
        lambda s: round(2 * s["v"] * s["w"] / (s["v"] + s["w"]), 2),
    ),
    (
        "There are {x} students in a school. {y}% play football, {z}% play basketball and {w}% play both. How many play neither?",
        lambda s: round(s["x"] * (1 - (s["y"] + s["z"] - s["w"]) / 100)),
    ),
    (
        "{a} invests {p} dollars at {r}% interest compounded yearly. How much is it worth after {n} years (to the nearest cent)?",
        lambda s: round(s["p"] * (1 + s["r"] / 100) ** s["n"], 2),
    ),
    (
        "A recipe for {x} people needs {y} grams of flour. {a} is cooking for {z} people. How much flour does she need?",
        lambda s: round(s["y"] * s["z"] / s["x"], 2),
    ),
    (
        "A shop had {x} umbrellas. It sold {y} on a rainy Monday, received a delivery of {z}, then sold a third of what it had. How many are left?",
        lambda s: (s["x"] - s["y"] + s["z"]) - (s["x"] - s["y"] + s["z"]) // 3,
    ),
    (
        "The average of {a}'s first {n} test scores is {x}. What score does she need on the next test to raise her average to {y}?",
        lambda s: s["y"] * (s["n"] + 1) - s["x"] * s["n"],
    ),
    (
        "A car uses {x} litres of fuel per 100 km. Fuel costs {p} per litre. How much does a {d} km trip cost?",
        lambda s: round(s["x"] * s["d"] / 100 * s["p"], 2),
    ),
    (
        "{a} has {x} coins, all 5-cent and 20-cent coins, worth {y} cents in total. How many 20-cent coins does he have?",
        lambda s: (s["y"] - 5 * s["x"]) // 15,
    ),
    (
        "A printer prints {x} pages per minute. A second printer is {y}% faster. How many minutes do both together need for {z} pages?",
        lambda s: round(s["z"] / (s["x"] + s["x"] * (1 + s["y"] / 100)), 2),
    ),
    (
        "A ladder {x} m long leans against a wall with its foot {y} m from the wall. How high up the wall does it reach?",
        lambda s: round((s["x"] ** 2 - s["y"] ** 2) ** 0.5, 2),
    ),
    (
        "A club charges a joining fee of {p} and {q} per visit. Another charges no fee but {r} per visit. After how many visits is the first club cheaper?",
        lambda s: s["p"] // max(1, s["r"] - s["q"]) + 1,
    ),
    (
        "{a} walks {x} steps a day on weekdays and {y} steps a day at weekends. How many steps does she walk in {w} weeks?",
        lambda s: s["w"] * (5 * s["x"] + 2 * s["y"]),
    ),
    (
        "A box has {x} red, {y} green and {z} yellow balls. Two balls are drawn without replacement. What is the probability that both are red? Give a fraction in lowest terms.",
        lambda s: f"{s['x'] * (s['x'] - 1)}/{(s['x'] + s['y'] + s['z']) * (s['x'] + s['y'] + s['z'] - 1)}",
    ),
    (
        "The price of a bike rose by {x}% and then fell by {y}%. It now costs {p}. What did it cost originally (to the nearest cent)?",
        lambda s: round(s["p"] / ((1 + s["x"] / 100) * (1 - s["y"] / 100)), 2),
    ),
)


def _mw_instance(rng: random.Random, k: int) -> str:
    tmpl, _ = MW_TEMPLATES[k]
    a, b = rng.sample(MW_NAMES, 2)
    if re.search(r"\b(she|her)\b", tmpl):  # the pronoun matches the name
        a = rng.choice(MW_FEMALE)
    elif re.search(r"\b(he|his)\b", tmpl):
        a = rng.choice(MW_MALE)
    if b == a:
        b = rng.choice([x for x in MW_NAMES if x != a])
    s = {
        "a": a,
        "b": b,
        "x": rng.randint(3, 60),
        "y": rng.randint(2, 45),
        "z": rng.randint(2, 30),
        "w": rng.randint(2, 12),
        "m": rng.randint(0, 45),
        "d": rng.choice((40, 60, 90, 120, 150, 210)),
        "v": rng.choice((30, 40, 60, 80, 90)),
        "p": rng.choice((12, 18, 25, 40, 60, 85, 120, 250, 1200, 5000)),
        "q": rng.choice((2, 3, 4, 5, 8)),
        "r": rng.choice((3, 4, 5, 6, 7, 9)),
        "n": rng.randint(2, 8),
        "t": rng.choice((5, 8, 10, 20)),
    }
    if k == 11:  # phone plan: realistic minutes
        s["x"], s["y"] = rng.choice((100, 200, 300)), rng.randint(150, 600)
    if k == 21:  # ladder longer than its distance from the wall
        s["x"], s["y"] = rng.randint(5, 12), rng.randint(1, 4)
    if k == 0:  # enough pencils to give away
        s["x"], s["y"], s["z"] = rng.randint(4, 10), rng.randint(10, 24), rng.randint(1, 3)
    if k == 3:  # a path 1-2 m wide
        s["z"] = rng.choice((1, 2))
    if k in (4, 25):  # shop prices
        s["p"] = rng.choice((40, 60, 85, 120, 180, 240, 320, 450))
    if k == 4:  # a discount
        s["d"] = rng.choice((10, 15, 20, 25, 30, 40))
    if k == 6:  # bakery prices
        s["p"], s["q"] = rng.choice((2, 3, 4)), rng.choice((1, 2))
    if k == 11:  # a monthly fee
        s["p"] = rng.choice((10, 15, 20, 25))
    if k == 14:  # an investment
        s["p"] = rng.choice((500, 1000, 2500, 5000, 12000))
    if k == 15:  # a recipe
        s["x"], s["y"], s["z"] = rng.randint(2, 8), rng.choice((250, 300, 400, 500, 750)), rng.randint(3, 14)
    if k == 16:  # a shop's stock
        s["x"], s["y"], s["z"] = rng.randint(40, 120), rng.randint(5, 35), rng.randint(10, 60)
    if k == 18:  # fuel use and price
        s["x"], s["p"] = rng.randint(4, 12), rng.choice((1.45, 1.62, 1.79, 1.89))
    if k == 23:  # daily steps
        s["x"], s["y"] = rng.randint(4000, 12000), rng.randint(2000, 15000)
    if k == 7:  # more blue than red
        s["x"], s["y"] = rng.randint(2, 6), rng.randint(7, 11)
    if k == 9:  # a real tank
        s["x"], s["y"], s["z"] = rng.choice((200, 500, 1000, 1500)), rng.randint(20, 95), rng.randint(3, 40)
    if k == 12:  # slow uphill, fast downhill
        s["v"], s["w"] = rng.randint(8, 15), rng.randint(20, 40)
    if k == 13:  # the overlap is the smaller share at most
        s["y"], s["z"] = rng.randint(20, 60), rng.randint(15, 40)
        s["w"], s["x"] = rng.randint(3, 14), rng.choice((240, 360, 480, 600, 900, 1200))
    if k == 17:  # test scores
        s["x"] = rng.randint(60, 85)
        s["y"] = s["x"] + rng.randint(1, 5)
    if k == 22:  # the pay-per-visit club is dearer per visit
        s["p"], s["q"] = rng.choice((20, 30, 50, 80)), rng.randint(2, 6)
        s["r"] = s["q"] + rng.randint(1, 5)
    if k == 19:  # coins: a consistent total
        twenty = rng.randint(1, s["x"] - 1)
        s["y"] = 20 * twenty + 5 * (s["x"] - twenty)
    return tmpl.format(**s)


def math_traces_own_problems(
    problems: int = 1000, nights: int = 3, hard: float = 0.3, conc: int = 4
) -> list[KeyTraffic]:
    rng = R("mathown")
    p1 = {"temperature": 0.7, "n": 4, "max_tokens": 1536}
    p2 = {"temperature": 0.7, "n": 8, "max_tokens": 2048}
    kt = mk(
        "d9-mathown-0",
        "math_traces_own_problems",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated closed loop of {conc} workers, evening batches from 19:00 UTC: {nights} first-pass nights + 1 re-ask night",
        sources=("+written problem templates",),
        settings={
            "problems": problems,
            "nights": nights,
            "hard": hard,
            "conc": conc,
            "pass1": p1,
            "pass2": p2,
        },
    )
    qs = [(k, _mw_instance(rng, k)) for k in (rng.randrange(len(MW_TEMPLATES)) for _ in range(problems))]
    jobs = [
        (None, [one(0.0, q, p1, MW_SYSTEM, None, f"mathown:{k}:{i}", True)]) for i, (k, q) in enumerate(qs)
    ]
    per = -(-len(jobs) // nights)
    for n in range(nights):
        start = T0 + n * DAY + rng.uniform(19.0, 19.5) * HOUR
        kt.requests += run_jobs(rng, start, jobs[n * per : (n + 1) * per], conc, tokens=450)
    again = [
        (
            None,
            [
                one(
                    0.0,
                    q + "\n\nDouble-check every step before you give the final answer.",
                    p2,
                    MW_SYSTEM,
                    None,
                    f"mathown:{k}:{i}",
                    True,
                )
            ],
        )
        for i, (k, q) in enumerate(qs)
        if rng.random() < hard
    ]
    kt.requests += run_jobs(rng, T0 + nights * DAY + rng.uniform(19.0, 19.5) * HOUR, again, conc, tokens=550)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. A slow four-month harvest on one key at one person's pace: an operator in UTC+8
# pastes items from real instruction sets (LIMA, InstructionWild English, ShareGPT-en first turns,
# Evol-Instruct) into a self-hosted web chat (openai-js, streamed, T 0.7, no system prompt), one
# new chat per item, think()-paced inside a session (read the answer, copy it out, paste the next
# item). Weekday evenings 19:30-24:00 local in 1-2 sessions, weekend afternoons, 8-35 items on an
# active day, 15% of days off and a 9-day break in the second month; 120 days in all. A quarter
# of the items whose stored answer reaches the data's 1,500-character clip get a "continue"
# turn. Replies: the stored answers; the continue turn's reply is a stub.
SLOW_CONTINUE = ("continue", "go on", "please continue", "Continue from where you stopped.")


def slow_season_harvest(
    days: int = 120, per_day: tuple[int, int] = (8, 35), off: float = 0.15
) -> list[KeyTraffic]:
    rng = R("slowseason")
    names = ("lima", "instructionwild", "sharegpt_en_sample", "evol_instruct_h2o")
    pool = dedupe_rows(
        first_turns(names, keep=lambda r: en_row(r) and r.answer and 10 <= len(r.first) <= 4000)
    )
    rng.shuffle(pool)
    params = {"temperature": 0.7, "stream": True}
    kt = mk(
        "d9-slowseason-0",
        "slow_season_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-js"),
        timing=f"simulated person (UTC+8): weekday evening / weekend afternoon sessions, think() inside sessions, {days} days",
        sources=names,
        settings={"days": days, "per_day": per_day, "off": off, "params": params},
    )
    brk = rng.randint(35, 55)
    pi = 0
    for d in range(days):
        day = T0 + d * DAY
        if rng.random() < off or brk <= d < brk + 9:
            continue
        n = rng.randint(*per_day)
        if weekday(day) < 5:
            starts = sorted(rng.sample((19.5, 20.5, 21.5, 22.5), rng.choice((1, 1, 2))))
        else:
            starts = [rng.uniform(13.0, 15.5)]
            n = round(n * rng.uniform(0.5, 1.0))
        split = [n] if len(starts) == 1 else [n // 2, n - n // 2]
        for h, m in zip(starts, split, strict=True):
            t = day + (h - 8 + rng.uniform(0, 0.6)) * HOUR  # local UTC+8 -> UTC
            for _ in range(m):
                if pi >= len(pool):
                    break
                r = pool[pi]
                pi += 1
                turns, replies = [r.first], [r.answer]
                if len(r.answer or "") >= 1450 and rng.random() < 0.25:
                    turns.append(rng.choice(SLOW_CONTINUE))
                    replies.append(None)
                reqs, end = converse(rng, turns, replies, t, params, None, r.id, True)
                kt.requests += reqs
                t = end + think(rng, 200, len(pool[pi].first) if pi < len(pool) else 200)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. One actor splitting a harvest by domain over three keys, each with its own
# software, settings and clock, all running over the same 12 days:
# key A "general" (openai-python, T 0.7, max_tokens 2048, a "detailed assistant" system prompt):
#   Orca, LIMA and Evol-Instruct items, 3 workers each sleeping 20-120 s between calls, 90-140
#   items in a 2-3 h window each weekday afternoon UTC;
# key B "chinese" (httpx, T 1.0, top_p 0.9, no system prompt): BELLE, Huatuo, ShareGPT-zh and
#   InstructionWild-zh first turns, one throttled worker (15-60 s pauses) for 2-3 h every day from
#   13:30-14:30 UTC (Beijing late evening);
# key C "code" (openai-js, streamed, T 0.3, a "senior engineer" system prompt): codealpaca items
#   and code-bearing ShareGPT-en first turns, paced like a developer (timing.paced, ~60 a day, 9 h,
#   weekdays).
# Accounts: three organisations and payment cards; keys A and C were signed up from the same office
# network, key B from elsewhere. Replies: the stored answers.
SK_SYS_A = "You are a knowledgeable assistant. Give detailed, well-organised and accurate answers."
SK_SYS_C = "You are a senior software engineer. Answer with correct, idiomatic, well-commented code and a short explanation."


def split_key_domains(days: int = 12) -> list[KeyTraffic]:
    rng = R("splitkeys")
    office = f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    gen = dedupe_rows(
        first_turns(
            ("orca_dpo_pairs_val", "lima", "evol_instruct_h2o"), keep=lambda r: en_row(r) and r.answer
        )
    )
    zh = dedupe_rows(
        first_turns(
            ("belle_dev1k", "huatuo_med_zh", "sharegpt_zh_1k"),
            keep=lambda r: r.answer and HAN.search(r.first),
        )
        + [r for r in src("instructionwild") if HAN.search(r.first) and r.answer]
    )
    code = dedupe_rows(
        first_turns(("codealpaca_2k",), keep=lambda r: r.answer)
        + first_turns(
            ("sharegpt_en_sample",),
            keep=lambda r: r.answer and ("```" in r.first or "def " in r.first or "function" in r.first),
        )
    )
    for p in (gen, zh, code):
        rng.shuffle(p)
    pa = {"temperature": 0.7, "max_tokens": 2048}
    pb = {"temperature": 1.0, "top_p": 0.9}
    pc = {"temperature": 0.3, "stream": True}
    sources = (
        "orca_dpo_pairs_val",
        "lima",
        "evol_instruct_h2o",
        "belle_dev1k",
        "huatuo_med_zh",
        "sharegpt_zh_1k",
        "instructionwild",
        "codealpaca_2k",
        "sharegpt_en_sample",
    )
    ka = mk(
        "d9-splitkeys-general",
        "split_key_domains",
        "distiller",
        "distiller",
        client(rng, "openai-python", SK_SYS_A, signup_network=office),
        actor="d9-splitkeys",
        timing="simulated 3 workers sleeping 20-120 s between calls, 90-140 items in a 2-3 h weekday afternoon window",
        sources=sources[:3],
        settings={"days": days, "params": pa},
    )
    kb = mk(
        "d9-splitkeys-chinese",
        "split_key_domains",
        "distiller",
        "distiller",
        client(rng, "httpx"),
        actor="d9-splitkeys",
        timing="simulated throttled worker (15-60 s pauses), 2-3 h a day from 13:30-14:30 UTC",
        sources=sources[3:7],
        settings={"days": days, "params": pb},
    )
    kc = mk(
        "d9-splitkeys-code",
        "split_key_domains",
        "distiller",
        "distiller",
        client(rng, "openai-js", SK_SYS_C, signup_network=office),
        actor="d9-splitkeys",
        timing="simulated paced developer, ~60 a day, 9 h, weekdays",
        sources=sources[7:],
        settings={"days": days, "params": pc},
    )
    gi = zi = ci = 0
    for d in range(days):
        day = T0 + d * DAY
        if weekday(day) < 5:  # key A: afternoon windows
            start = day + rng.uniform(12.5, 14.0) * HOUR
            end = start + rng.uniform(2.0, 3.0) * HOUR
            t_free = [start + rng.uniform(0, 1) for _ in range(3)]
            quota = rng.randint(90, 140)
            while gi < len(gen) and quota > 0:
                w = min(range(3), key=lambda j: t_free[j])
                if t_free[w] >= end:
                    break
                r = gen[gi]
                gi += 1
                quota -= 1
                ka.requests.append(one(t_free[w], r.first, pa, SK_SYS_A, r.answer, r.id, True))
                t_free[w] += latency(rng, min(2048, len(r.answer or "") // 4)) + rng.uniform(20, 120)
        # key B: one throttled worker in the Beijing late evening
        t = day + rng.uniform(13.5, 14.5) * HOUR
        end = t + rng.uniform(2.0, 3.0) * HOUR
        while t < end and zi < len(zh):
            r = zh[zi]
            zi += 1
            kb.requests.append(one(t, r.first, pb, None, r.answer, r.id, True))
            t += latency(rng, len(r.answer or "") // 2) + rng.uniform(15, 60)
    wd = [T0 + d * DAY for d in range(days) if weekday(T0 + d * DAY) < 5]
    for day in wd:  # key C: a developer's pace
        n = rng.randint(45, 75)
        times = paced(rng, htiming(), day + rng.uniform(8.0, 9.5) * HOUR, n, 60, 9)
        times = [x for x in times if x < day + DAY]
        for x in times:
            if ci >= len(code):
                break
            r = code[ci]
            ci += 1
            kc.requests.append(one(x, r.first, pc, SK_SYS_C, r.answer, r.id, True))
    for k in (ka, kb, kc):
        k.requests = sorted_reqs(k.requests)
    return [ka, kb, kc]


BENIGN = (
    image_prompt_expander,
    roleplay_frontend,
    spanish_heavy_user,
    own_ifeval_research,
    company_chat_ui,
    seo_article_pipeline,
)
DISTILL = (
    self_instruct_own_seeds,
    persona_question_synth,
    oss_instruct_harvest,
    math_traces_own_problems,
    slow_season_harvest,
    split_key_domains,
)
