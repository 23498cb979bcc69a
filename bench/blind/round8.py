"""Blind persona set 8 (an outside reviewer): 6 benign, 6 distiller personas.

Written without reading the detector's code, docs or results (only the realtraffic helpers
records/timing/clients/pools/context/wordings, the earlier blind sets, bench/detector_blind.py and
../shared/traffic were read). Every builder returns list[KeyTraffic] built from the real prompt
data in ../shared/traffic plus text written here, with the project's realtraffic helpers. ALL
parameters below were fixed before anyone replayed this set and are not tuned on outcomes; its
writer built the traffic only (to check that it imports) and replayed nothing. Timing is simulated
everywhere (diurnal app streams, business-hours uploads, webhook bursts, closed-loop worker pools,
evening and night batches, think()-paced people inside app sessions).

Focus: what rounds 2-7 did not cover. Benign: legitimate generation at volume through one
template (marketplace listing copy from structured attributes), a search engine's query rewriting
(short prompts, high rate, real queries), long contracts read against a fixed checklist, a
researcher building a perturbed maths benchmark (solve, sample, grade with a rubric), a
language-learning app (in-character replies plus JSON corrections per learner message) and a
pull-request review bot (diffs in, JSON comments out). Distillers: reasoning traces for a model
in languages other than English and Chinese, agent trajectories collected against a simulated
environment, a harvest dressed as an evaluation harness, items split into sub-questions across
the turns of one conversation, a user simulator and the assistant both run on the key, and
critique-and-revise (Self-Refine / Constitutional-AI SL style) chains.

Benign replies are the helpers' stub replies (the served model's answer is not known) except
where a builder writes a stand-in and says so (JSON of the query rewriter, graders' verdicts, a
model's maths solution quoted to the grader, per-file review comments quoted to the summary);
distiller requests carry the source's stored answer where it has one, as rounds 2-7 do. Where a
distiller's request asks for something the stored answer is not (a critique, a user-simulator
message, a tool call, an answer in another language), the reply is a stand-in and the builder
says so. Tool-call turns carry no text (reply None), as round 5's tool_dialog writes them.
"""

from __future__ import annotations

import difflib
import heapq
import json
import random
import re
import unicodedata

from blind.round2 import T0, first_turns, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import casual, english, fn, tool_dialog  # round 5's chat and tool helpers
from blind.round6 import en_row, keywords, office_day, weekday  # round 6's helpers
from blind.round7 import converse, lower_first, typo  # round 7's chat helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    diurnal,
    latency,
    think,
)


def R(*names) -> random.Random:
    return random.Random("blind8:" + ":".join(map(str, names)))


JSON_OBJ = {"type": "json_object"}


def one(
    t: float,
    text: str,
    params: dict,
    system: str | None = None,
    reply: str | None = None,
    item: str = "",
    distill: bool = False,
) -> Request:
    """A single-turn chat request."""
    return chat_requests([text], [reply], [t], dict(params), system, item, distill)[0]


def strip_accents(text: str) -> str:
    """How many learners type on a keyboard without dead keys: accents dropped (kana untouched)."""
    out = []
    for c in text:
        base = unicodedata.normalize("NFD", c)
        out.append(base[0] if ord(c) < 0x250 else c)
    return "".join(out)


def pool_starts(rng: random.Random, start: float, conc: int) -> list[float]:
    free = [start + rng.uniform(0, 1) for _ in range(conc)]
    heapq.heapify(free)
    return free


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+(?=[A-Z0-9\"'(])", text.strip()) if s.strip()]


# =============================================================================================
# BENIGN 1. Marketplace listing copy ("Stallwise"): sellers upload product data and the backend
# turns each product's structured attributes into a title, description, bullets and search
# keywords through one fixed template (JSON out, T 0.7). Three streams on one backend key (Django,
# openai-python, `user` = seller or shopper id): (1) bulk catalogue imports, 12-150 SKUs each (many
# are colour variants of one product, so the prompts differ only in a colour and a SKU), worked by
# a 6-worker queue at 06:00-22:00 UTC; (2) single edits from the seller dashboard (diurnal), with a
# tone option, seller notes in 30%, and "regenerate" on 12% (the same prompt again, a third of them
# with another tone); (3) the product page's "Ask about this product" box answered from the
# attributes (diurnal), 10% of whose questions are whatever shoppers type (real short queries and
# first turns: nq_open, arena_even). Attributes, seller notes and shoppers' questions are written
# here (14 categories). 3 days. Served reply: a stub.
SW_SYSTEM = (
    "You are the listing-copy writer for Stallwise, an online marketplace. Write accurate, appealing "
    "product copy using only the attributes you are given: never invent materials, dimensions, "
    "certifications, awards or health claims. Style guide: plain, concrete language; no ALL CAPS; no "
    "exclamation marks in titles; no prices, shipping promises or competitor names. Reply with JSON only."
)
SW_TEMPLATE = (
    "Write listing copy for this product.\n\nStorefront: {store}\nLanguage: {lang}\nTone: {tone}\n"
    "Attributes:\n{attrs}\n{notes}\n"
    'Return a JSON object with "title" (at most 80 characters), "description" (60-120 words), '
    '"bullets" (exactly 5, at most 15 words each) and "search_keywords" (8-12 lower-case phrases).'
)
SW_QA_SYSTEM = (
    "You answer shoppers' questions on Stallwise product pages. Be brief, friendly and factual. Never "
    "make promises about delivery, refunds or stock."
)
SW_QA = (
    "Product attributes:\n{attrs}\n\nShopper question: {q}\n\nAnswer in 1-3 sentences in {lang}, using "
    "only the attributes. If they do not say, reply that the seller has not provided this information "
    "and suggest the 'Ask the seller' button."
)
SW_STORES = (
    ("stallwise.com", "English (US)", 0.55),
    ("stallwise.co.uk", "English (UK)", 0.15),
    ("stallwise.de", "German", 0.12),
    ("stallwise.fr", "French", 0.1),
    ("stallwise.es", "Spanish", 0.08),
)
SW_TONES = ("neutral", "neutral", "neutral", "neutral", "playful", "premium", "technical", "warm", "minimal")
SW_BRANDS = (
    "Northloom",
    "Kestrel & Co",
    "Brightfold",
    "Oakmere",
    "Tidewell",
    "Lumen Lane",
    "Parrish",
    "Vela Home",
    "Hollis",
    "Marrow Goods",
    "Fennick",
    "Ardent Outdoor",
    "Pebble & Pine",
    "Quillon",
    "Solace",
    "Bramblecote",
    "Ridgeway Supply",
    "Little Otter",
)
SW_MODELS = (
    "Aero",
    "Summit",
    "Nimbus",
    "Harbor",
    "Everyday",
    "Classic",
    "Pro",
    "Lite",
    "Drift",
    "Atlas",
    "Meadow",
    "Cirrus",
    "Kinfolk",
    "Studio",
    "Trail",
    "Origin",
)
SW_COLOURS = (
    "black",
    "white",
    "navy",
    "forest green",
    "sand",
    "charcoal",
    "burgundy",
    "sky blue",
    "oat",
    "terracotta",
    "graphite",
    "blush pink",
    "mustard",
    "stone grey",
)
SW_CATS: dict[str, tuple[str, dict[str, tuple[str, ...]], tuple[str, ...]]] = {
    "T-Shirt": (
        "Clothing > Tops > T-shirts",
        {
            "material": (
                "100% organic cotton",
                "60% cotton, 40% recycled polyester",
                "merino wool",
                "linen-cotton blend",
            ),
            "fit": ("regular", "slim", "relaxed", "oversized"),
            "neckline": ("crew neck", "V-neck", "henley"),
            "sizes": ("XS-XL", "S-XXL", "XS-3XL"),
            "care": ("machine wash 30°C", "machine wash cold, tumble dry low", "hand wash only"),
            "weight": ("160 g/m²", "180 g/m²", "220 g/m²"),
        },
        (
            "tagless label",
            "pre-shrunk",
            "reinforced shoulder seams",
            "chest pocket",
            "side vents",
            "GOTS-certified cotton",
        ),
    ),
    "Running Shoe": (
        "Shoes > Sports > Running",
        {
            "upper": ("engineered mesh", "knit", "recycled mesh with TPU overlays"),
            "heel-to-toe drop": ("4 mm", "6 mm", "8 mm", "10 mm"),
            "weight": ("220 g (UK 8)", "245 g (UK 8)", "280 g (UK 9)"),
            "sizes": ("UK 3-12", "UK 6-13", "EU 36-47"),
            "cushioning": ("responsive", "maximum", "firm"),
            "surface": ("road", "trail", "road and light trail"),
        },
        (
            "reflective heel tab",
            "removable insole",
            "wide fit available",
            "recycled laces",
            "rock plate",
            "gusseted tongue",
        ),
    ),
    "Chef's Knife": (
        "Kitchen > Knives",
        {
            "blade length": ("18 cm", "20 cm", "21 cm", "24 cm"),
            "steel": (
                "German X50CrMoV15 stainless steel",
                "VG-10 core with 67-layer Damascus cladding",
                "high-carbon stainless steel",
            ),
            "handle": ("pakkawood", "olive wood", "POM (dishwasher-resistant)", "micarta"),
            "hardness": ("56 HRC", "58 HRC", "60 HRC"),
            "edge angle": ("15° per side", "20° per side"),
        },
        ("full tang", "hand-sharpened", "blade guard included", "gift box", "lifetime sharpening service"),
    ),
    "Cast-Iron Skillet": (
        "Kitchen > Cookware > Frying pans",
        {
            "diameter": ("20 cm", "26 cm", "30 cm"),
            "weight": ("1.9 kg", "2.8 kg", "3.6 kg"),
            "finish": ("pre-seasoned with vegetable oil", "enamelled interior, matte black"),
            "hob compatibility": ("all hobs including induction", "gas, electric and ceramic"),
            "oven safe": ("up to 260°C", "up to 300°C"),
        },
        ("two pour spouts", "helper handle", "made in a family foundry", "silicone handle sleeve included"),
    ),
    "Wireless Earbuds": (
        "Electronics > Audio > Headphones",
        {
            "battery": ("6 h (24 h with case)", "8 h (32 h with case)", "5 h (20 h with case)"),
            "noise cancelling": (
                "active noise cancellation with transparency mode",
                "none (passive isolation)",
            ),
            "water resistance": ("IPX4", "IPX5", "IP55"),
            "bluetooth": ("5.3", "5.2"),
            "codecs": ("SBC, AAC", "SBC, AAC, LDAC"),
            "driver": ("10 mm dynamic", "12 mm graphene-coated"),
        },
        (
            "wireless charging case",
            "multipoint pairing",
            "in-ear detection",
            "3 sizes of ear tips",
            "USB-C fast charge",
        ),
    ),
    "Laptop Backpack": (
        "Bags > Backpacks",
        {
            "capacity": ("20 L", "24 L", "28 L", "32 L"),
            "laptop sleeve": ("up to 14 in", "up to 15.6 in", "up to 17 in"),
            "material": ("recycled PET (600D)", "waxed canvas", "ripstop nylon"),
            "dimensions": ("45 x 30 x 15 cm", "48 x 32 x 18 cm", "50 x 33 x 20 cm"),
        },
        (
            "luggage strap",
            "hidden back pocket",
            "water-resistant zips",
            "bottle side pockets",
            "padded hip belt",
        ),
    ),
    "Desk Lamp": (
        "Home > Lighting > Desk lamps",
        {
            "light source": ("integrated LED, 8 W", "integrated LED, 12 W"),
            "colour temperature": ("2700-6500 K adjustable", "3000 K warm white", "4000 K neutral white"),
            "power": ("USB-C", "mains adapter (UK plug)", "mains adapter (EU plug)"),
            "height": ("38 cm", "45 cm", "up to 60 cm"),
        },
        ("touch dimmer", "USB-A charging port", "adjustable arm", "brightness memory", "weighted base"),
    ),
    "Yoga Mat": (
        "Sports > Yoga",
        {
            "thickness": ("4 mm", "6 mm", "8 mm"),
            "material": ("natural rubber with PU top layer", "TPE", "cork on natural rubber"),
            "size": ("183 x 61 cm", "185 x 68 cm", "200 x 66 cm"),
            "weight": ("1.1 kg", "2.3 kg", "2.5 kg"),
        },
        ("alignment lines", "carry strap included", "grips when wet", "latex-free", "reversible"),
    ),
    "Dog Bed": (
        "Pets > Dogs > Beds",
        {
            "size": ("S (60 x 45 cm)", "M (80 x 60 cm)", "L (100 x 75 cm)", "XL (120 x 90 cm)"),
            "filling": ("orthopaedic memory foam", "recycled fibre"),
            "cover": ("removable, machine washable at 40°C", "faux fur, removable"),
        },
        ("non-slip base", "raised bolster", "water-resistant liner", "chew-resistant seams"),
    ),
    "Building Set": (
        "Toys > Construction",
        {
            "pieces": ("350", "520", "780", "1,050"),
            "age": ("6+", "8+", "10+", "12+"),
            "theme": ("space station", "city tram", "dragon castle", "rescue helicopter", "tree house"),
            "built size": ("22 x 15 x 12 cm", "35 x 20 x 18 cm", "40 x 28 x 25 cm"),
        },
        (
            "compatible with major brick brands",
            "printed instructions",
            "includes 3 figures",
            "stickers included",
        ),
    ),
    "Face Serum": (
        "Beauty > Skincare > Serums",
        {
            "volume": ("30 ml", "50 ml"),
            "key ingredients": (
                "10% niacinamide, 1% zinc",
                "2% hyaluronic acid, panthenol",
                "15% vitamin C, ferulic acid",
            ),
            "skin type": ("all skin types", "oily and combination skin", "dry skin"),
            "texture": ("light gel", "water-light fluid"),
        },
        (
            "fragrance-free",
            "vegan",
            "not tested on animals",
            "dermatologically tested",
            "recyclable glass bottle",
        ),
    ),
    "Garden Hose": (
        "Garden > Watering",
        {
            "length": ("15 m", "25 m", "30 m"),
            "type": ("expandable", "reinforced PVC, 4 layers"),
            "connectors": ("solid brass", "plastic quick-connect"),
            "diameter": ("1/2 in", "5/8 in"),
        },
        ("7-pattern spray nozzle", "kink-resistant", "wall hanger included", "frost-resistant down to -10°C"),
    ),
    "Office Chair": (
        "Furniture > Office > Chairs",
        {
            "seat height": ("42-52 cm", "44-54 cm"),
            "max load": ("120 kg", "150 kg"),
            "upholstery": ("breathable mesh", "recycled fabric", "vegan leather"),
            "assembly": ("required, about 15 minutes", "required, tools included"),
        },
        ("adjustable lumbar support", "4D armrests", "synchro tilt", "headrest", "soft-floor castors"),
    ),
    "Water Bottle": (
        "Sports > Hydration",
        {
            "capacity": ("500 ml", "750 ml", "1 l"),
            "material": ("18/8 stainless steel, double-walled", "Tritan plastic"),
            "temperature": ("cold 24 h, hot 12 h", "not insulated"),
            "lid": ("screw cap with loop", "flip straw lid", "sport spout"),
        },
        ("leak-proof", "fits car cup holders", "BPA-free", "powder-coated grip"),
    ),
}
SW_NOTES = (
    "Mention it's handmade in Portugal.",
    "Aim at gift buyers for Mother's Day.",
    "Don't mention the colour, we sell several.",
    "Our customers are mostly professional chefs.",
    "Keep it short - most of our shoppers are on mobile.",
    "Highlight that it's part of our eco range.",
    "mention free engraving is available on request",
    "we are a family business since 1987, please work that in",
    "avoid the word 'cheap'",
    "emphasise durability, we get a lot of returns from people who expect it to be indestructible lol",
    "Use British spelling.",
    "Target audience: students moving into their first flat.",
    "do NOT say waterproof, it is only water resistant",
    "Say it ships in plastic-free packaging.",
)
SW_QUESTIONS = (  # any product
    "is this available in {colour}?",
    "Is it good as a gift?",
    "does it come with a warranty",
    "Can I return it if it doesn't fit?",
    "where is it made",
    "how heavy is it?",
    "Does it smell when new?",
    "What are the exact dimensions?",
    "how do i clean it",
    "is it vegan",
    "Is this the newest version?",
    "does it have {feature}",
    "what's the difference between this and the {model} one",
    "is the {colour} more of a dark or light shade",
)
SW_CAT_QUESTIONS = {
    "T-Shirt": (
        "what size should i get, im usually a medium",
        "Is the material itchy?",
        "does it shrink in the wash",
    ),
    "Running Shoe": ("do these run small?", "good for flat feet?", "can i use them on a treadmill"),
    "Chef's Knife": (
        "is the knife sharp out of the box?",
        "is it dishwasher safe",
        "does it come with a sheath",
    ),
    "Cast-Iron Skillet": (
        "can i use it on an induction hob",
        "is it already seasoned?",
        "can it go in the oven",
    ),
    "Wireless Earbuds": (
        "does this work with iphone",
        "how long does the battery last with noise cancelling on",
        "can i use them for running",
    ),
    "Laptop Backpack": (
        "will it fit a 16 inch laptop?",
        "Is it waterproof?",
        "is it carry-on size for ryanair",
    ),
    "Desk Lamp": ("is the bulb replaceable", "does it flicker on low brightness", "what plug does it have"),
    "Yoga Mat": ("is it slippery when sweaty", "does it smell of rubber", "good for hot yoga?"),
    "Dog Bed": (
        "Will it fit a large labrador?",
        "can i buy just the cover",
        "is it ok for a puppy that chews",
    ),
    "Building Set": (
        "is it safe for a 4 year old?",
        "does it come with a box to store pieces",
        "how long does it take to build",
    ),
    "Face Serum": ("good for sensitive skin??", "can i use it with retinol", "is it ok during pregnancy"),
    "Garden Hose": (
        "does it fit a standard outdoor tap",
        "will it burst in winter",
        "how long is it when empty",
    ),
    "Office Chair": (
        "does it come assembled",
        "is it ok for someone 6'4\"",
        "are the wheels ok on wooden floors",
    ),
    "Water Bottle": ("does it fit in a car cup holder", "can i put hot tea in it", "is it dishwasher safe"),
}


def _sw_product(rng: random.Random, cat: str | None = None, brand: str | None = None) -> dict:
    cat = cat or rng.choice(tuple(SW_CATS))
    tax, attrs, feats = SW_CATS[cat]
    brand = brand or rng.choice(SW_BRANDS)
    d: dict = {
        "sku": f"SW-{rng.randint(100000, 999999)}",
        "product_name": f"{brand} {rng.choice(SW_MODELS)} {cat}",
        "brand": brand,
        "category": tax,
    }
    for k, vals in attrs.items():
        if rng.random() < 0.9:
            d[k] = rng.choice(vals)
    d["colours"] = rng.sample(SW_COLOURS, rng.randint(1, 4))
    d["features"] = rng.sample(feats, rng.randint(2, min(4, len(feats))))
    return d


def _sw_store(rng: random.Random) -> tuple[str, str]:
    store, lang, _ = rng.choices(SW_STORES, [w for *_, w in SW_STORES])[0]
    return store, lang


def _sw_prompt(prod: dict, store: str, lang: str, tone: str, note: str) -> str:
    attrs = json.dumps(prod, ensure_ascii=False, indent=2)
    return SW_TEMPLATE.format(
        store=store, lang=lang, tone=tone, attrs=attrs, notes=f"Seller notes: {note}\n" if note else ""
    )


def catalogue_copy(
    per_day: int = 450, days: int = 3, regen: float = 0.12, shares: tuple[float, float] = (0.45, 0.3)
) -> list[KeyTraffic]:
    rng = R("catalogue")
    real_q = [r.first for r in src("nq_open_dev")]
    real_q += [r.first for r in src("arena_even") if english(r.first) and len(r.first) <= 120]
    rng.shuffle(real_q)
    gen = {"temperature": 0.7, "max_tokens": 700, "response_format": JSON_OBJ}
    qa = {"temperature": 0.2, "max_tokens": 160}
    kt = mk(
        "b8-catalogue-0",
        "catalogue_copy",
        "benign",
        "app",
        client(rng, "openai-python", SW_SYSTEM),
        timing=f"simulated: bulk imports on a 6-worker queue 06-22 UTC + diurnal dashboard edits and shopper questions, ~{per_day}/day, {days} days",
        sources=("nq_open_dev", "arena_even", "+written product attributes, seller notes, shopper questions"),
        settings={"per_day": per_day, "days": days, "regen": regen, "shares": shares, "gen": gen, "qa": qa},
    )
    n_bulk, n_edit = round(per_day * shares[0]), round(per_day * shares[1])
    n_qa = per_day - n_bulk - n_edit
    qi = 0
    for d in range(days):
        day = T0 + d * DAY
        left = n_bulk
        while left > 0:  # catalogue imports
            size = min(left, rng.choice((12, 20, 24, 36, 40, 60, 80, 120, 150)))
            seller = f"seller_{rng.randint(10000, 99999)}"
            cats = rng.sample(tuple(SW_CATS), rng.randint(1, 2))
            brand = rng.choice(SW_BRANDS)
            store, lang = _sw_store(rng)
            tone = rng.choice(SW_TONES)
            note = rng.choice(SW_NOTES) if rng.random() < 0.1 else ""
            jobs: list = []
            while len(jobs) < size:
                base = _sw_product(rng, rng.choice(cats), brand)
                for colour in base["colours"]:
                    prod = dict(base, sku=f"SW-{rng.randint(100000, 999999)}", colours=[colour])
                    prompt = _sw_prompt(prod, store, lang, tone, note)
                    jobs.append((None, [one(0.0, prompt, dict(gen, user=seller), SW_SYSTEM)]))
            jobs = jobs[:size]
            kt.requests += run_jobs(rng, day + rng.uniform(6, 22) * 3600, jobs, 6, tokens=350)
            left -= size
        for t in diurnal(rng, day, n_edit, n_edit):  # single edits from the dashboard
            seller = f"seller_{rng.randint(10000, 99999)}"
            store, lang = _sw_store(rng)
            prod = _sw_product(rng)
            tone = rng.choice(SW_TONES)
            note = rng.choice(SW_NOTES) if rng.random() < 0.3 else ""
            p = dict(gen, user=seller)
            kt.requests.append(one(t, _sw_prompt(prod, store, lang, tone, note), p, SW_SYSTEM))
            if rng.random() < regen:
                t += latency(rng, 250) + rng.uniform(8, 90)
                if rng.random() < 1 / 3:
                    tone = rng.choice([x for x in SW_TONES if x != tone])
                kt.requests.append(one(t, _sw_prompt(prod, store, lang, tone, note), p, SW_SYSTEM))
        for t in diurnal(rng, day, n_qa, n_qa):  # shoppers' questions on product pages
            prod = _sw_product(rng)
            store, lang = _sw_store(rng)
            if rng.random() < 0.1:
                q, qi = real_q[qi % len(real_q)], qi + 1
            else:
                cat = next(c for c in SW_CATS if prod["product_name"].endswith(c))
                asks = SW_CAT_QUESTIONS[cat] if rng.random() < 0.6 else SW_QUESTIONS
                q = rng.choice(asks).format(
                    colour=rng.choice(SW_COLOURS),
                    feature=rng.choice(SW_CATS[cat][2]),
                    model=rng.choice(SW_MODELS),
                )
                if rng.random() < 0.3:
                    q = typo(rng, q, 1)
            attrs = json.dumps(prod, ensure_ascii=False)
            p = dict(qa, user=f"shopper_{rng.getrandbits(40):010x}")
            kt.requests.append(
                one(t, SW_QA.format(attrs=attrs, q=q, lang=lang.split(" (")[0]), p, SW_QA_SYSTEM)
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Query understanding in a web search engine ("Kestrel Search"): the experiment bucket
# (1% of traffic) sends every query to the model to be spelling-corrected, classified and expanded
# into up to 3 retrieval queries before retrieval runs. Short prompts (a locale, the previous
# query of the session, the query), T 0, max_tokens 120, JSON out, from a Go service. Queries:
# real Google search queries (nq_open_dev), typed as people type them (typos, keyword-only, a
# capital and "?" now and then); 12% are repeats of a hot list (popular queries re-asked after the
# cache's TTL); 22% of queries are refined within the session (a word added, the question word
# changed, a typo fixed), sent with the previous query as context; 2% are hedged (the same request
# again 0.2-0.8 s later, when the first is slow). Diurnal, 2 days. Served reply: a stand-in JSON.
QR_SYSTEM = (
    "You are the query-understanding step of a web search engine. Given a search query (and the "
    "previous query in the same session, if any), output a JSON object: "
    '{"intent": "navigational" | "informational" | "transactional" | "local", "corrected": the query '
    'with spelling fixed, "rewrites": up to 3 short keyword queries that would retrieve good results, '
    '"freshness": true if recent results matter}. Never answer the query itself.'
)
QR_PROMPT = "locale: {loc}\nprev: {prev}\nq: {q}"
QR_LOCALES = (("en-US", 0.6), ("en-GB", 0.14), ("en-CA", 0.08), ("en-AU", 0.06), ("en-IN", 0.12))
QR_STOP = frozenset(
    (
        "the",
        "a",
        "an",
        "of",
        "is",
        "was",
        "were",
        "who",
        "what",
        "when",
        "where",
        "which",
        "did",
        "does",
        "do",
        "in",
        "to",
        "on",
        "by",
        "for",
        "how",
    )
)
QR_SUFFIX = (
    "wikipedia",
    "meaning",
    "cast",
    "lyrics",
    "song",
    "movie",
    "book",
    "year",
    "explained",
    "reddit",
    "list",
    "in order",
    "summary",
    "quote",
    "episode",
    "actor",
    "map",
    "population",
    "age",
    "death",
)
QR_WH = ("who", "when", "where", "what", "how many", "which")


def _qr_form(rng: random.Random, q: str) -> str:
    x = rng.random()
    if x < 0.15:
        return typo(rng, q, 1)
    if x < 0.27:
        words = [w for w in q.split() if w not in QR_STOP]
        return " ".join(words) if len(words) >= 2 else q
    if x < 0.33:
        return q[:1].upper() + q[1:] + "?"
    return q


def _qr_refine(rng: random.Random, q: str, typed: str) -> str:
    if typed != q and rng.random() < 0.5:
        return q  # the typo fixed
    words = q.split()
    if words and words[0] in QR_WH and rng.random() < 0.35:
        return " ".join([rng.choice([w for w in QR_WH if w != words[0]]), *words[1:]])
    return f"{typed} {rng.choice(QR_SUFFIX)}"


def _qr_reply(rng: random.Random, q: str) -> str:
    kw = [w for w in q.split() if w not in QR_STOP] or q.split()
    rewrites = [" ".join(kw)]
    if len(kw) > 2:
        rewrites.append(" ".join(rng.sample(kw, len(kw) - 1)))
    out = {"intent": "informational", "corrected": q, "rewrites": rewrites, "freshness": False}
    return json.dumps(out)


def query_rewriter(per_day: int = 650, days: int = 2, refine: float = 0.22) -> list[KeyTraffic]:
    rng = R("queryrw")
    queries = [r.first for r in src("nq_open_dev")]
    rng.shuffle(queries)
    hot, rest = queries[:60], queries[60:]
    hot_w = [1 / (i + 1) for i in range(len(hot))]
    params = {"temperature": 0, "max_tokens": 120, "response_format": JSON_OBJ}
    kt = mk(
        "b8-queryrw-0",
        "query_rewriter",
        "benign",
        "app",
        client(rng, "go", QR_SYSTEM),
        timing=f"simulated diurnal stream of searches ({per_day} sessions/day), refinements 4-90 s later, {days} days",
        sources=("nq_open_dev",),
        settings={"per_day": per_day, "days": days, "refine": refine, "params": params},
    )
    locs, loc_w = zip(*QR_LOCALES, strict=True)
    ri = 0
    for t in diurnal(rng, T0 + DAY, per_day * days, per_day):
        if rng.random() < 0.12:
            q = rng.choices(hot, hot_w)[0]
        else:
            q, ri = rest[ri % len(rest)], ri + 1
        typed = _qr_form(rng, q)
        loc = rng.choices(locs, loc_w)[0]
        prompt = QR_PROMPT.format(loc=loc, prev="-", q=typed)
        kt.requests.append(one(t, prompt, params, QR_SYSTEM, _qr_reply(rng, q)))
        if rng.random() < 0.02:
            kt.requests.append(one(t + rng.uniform(0.2, 0.8), prompt, params, QR_SYSTEM, _qr_reply(rng, q)))
        prev = typed
        while rng.random() < (refine if prev == typed else refine / 2):
            t += latency(rng, 30) + rng.uniform(4, 90)
            nxt = _qr_refine(rng, q, prev)
            prompt = QR_PROMPT.format(loc=loc, prev=prev, q=nxt)
            kt.requests.append(one(t, prompt, params, QR_SYSTEM, _qr_reply(rng, nxt)))
            prev = nxt
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. Contract review for an in-house legal team ("ClauseWise" inside Northbeam Logistics):
# a lawyer uploads a counterparty's draft (mutual NDA, customer logistics services agreement,
# SaaS subscription, data processing agreement, warehouse lease, consultancy agreement) and the
# tool asks the contract type's fixed checklist (10 general questions + 2 per type), one request
# per question with the whole contract in the prompt (T 0, max_tokens 800, 4 parallel calls per
# upload), then a review memo. 25% of uploads are followed by the lawyer's own questions in a chat
# (1-3, written here) and 20% come back as a revised draft 1-2 days later (some clauses swapped
# for the other variant) and are checked again. The contracts are stand-ins written here: 2.5-9k
# characters assembled from a clause library (standard and off-market variants, slots for parties,
# amounts, periods, law) plus schedules (services, charges, service levels, processing details,
# the property) - ../shared/traffic holds no contracts. Weekday office hours (UK), 4 days
# (Mon-Thu). httpx from a FastAPI backend. Served reply: a stub.
CR_US = (
    "NORTHBEAM LOGISTICS LTD, a company incorporated in England and Wales (registered number "
    '08412337) whose registered office is at Unit 4, Harbour Park, Felixstowe IP11 3QL ("Northbeam")'
)
CR_COUNTERPARTIES = (
    ("Halvorsen Freight AS", "Norway", "Strandgata 14, 0152 Oslo", "Halvorsen"),
    ("Brightwater Retail Limited", "England and Wales", "22 Kingsway, London WC2B 6LE", "Brightwater"),
    ("Kappa Cloud Systems GmbH", "Germany", "Torstraße 109, 10119 Berlin", "Kappa"),
    ("Meridian Analytics Inc.", "Delaware, USA", "251 Little Falls Drive, Wilmington, DE 19808", "Meridian"),
    ("Ostrander Property Holdings Ltd", "England and Wales", "4 Quay Street, Ipswich IP4 1BX", "Landlord"),
    ("Vantage Consulting Partners LLP", "England and Wales", "9 Temple Row, Birmingham B2 5JR", "Consultant"),
    ("Lumio Home Goods B.V.", "the Netherlands", "Keizersgracht 312, 1016 EZ Amsterdam", "Lumio"),
    ("Sato Precision Parts K.K.", "Japan", "2-4-1 Shiba-koen, Minato-ku, Tokyo", "Sato"),
    ("Pinecrest Software Ltd", "Ireland", "Block C, Grand Canal Quay, Dublin 2", "Pinecrest"),
    ("Aurelia Foods S.p.A.", "Italy", "Via Tortona 27, 20144 Milano", "Aurelia"),
)
CR_LAWS = (
    ("England and Wales", "the courts of England and Wales"),
    ("England and Wales", "arbitration under the LCIA Rules, seated in London"),
    ("the State of New York", "the state and federal courts located in New York County"),
    ("Germany", "the courts of Berlin"),
    ("the Netherlands", "the courts of Amsterdam"),
    ("Ireland", "the courts of Ireland"),
)
# heading -> (standard sub-clauses, off-market sub-clauses); slots in braces
CR_CLAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "DEFINITIONS AND INTERPRETATION": (
        (
            'In this Agreement: "Affiliate" means any entity that directly or indirectly controls, is controlled by, or is under common control with a party; "Business Day" means a day other than a Saturday, Sunday or public holiday in England; "Confidential Information" has the meaning given in clause {c_conf}; "Services" means the services described in Schedule 1.',
            "Clause, schedule and paragraph headings shall not affect the interpretation of this Agreement. A reference to a statute is a reference to it as amended, extended or re-enacted from time to time.",
            'Words in the singular include the plural and vice versa. Any words following the terms "including" or "in particular" are illustrative and do not limit the sense of the preceding words.',
        ),
        (
            'In this Agreement: "Affiliate" means any entity controlled by {cp}; "Business Day" means a day on which banks are open in {cp_country}; "Confidential Information" means all information disclosed by {cp} in any form.',
            "In the event of any conflict between the clauses and the Schedules, the documents prevail in the following order: the Order Form, the Schedules, the clauses.",
            "Headings are for convenience only.",
        ),
    ),
    "SERVICES": (
        (
            "The Supplier shall provide the Services in accordance with this Agreement, the Service Levels and Good Industry Practice.",
            "The Customer may request changes to the Services in writing. No change shall take effect until agreed in a signed change note setting out any adjustment to the Charges.",
            "The Supplier shall appoint an account manager who shall be the Customer's primary point of contact.",
        ),
        (
            "The Supplier shall use reasonable endeavours to provide the Services substantially as described in Schedule 1.",
            "The Supplier may change the Services at any time provided that the change does not materially reduce the functionality of the Services.",
            "Any dates for performance are estimates only and time shall not be of the essence.",
        ),
    ),
    "TERM": (
        (
            "This Agreement commences on the Effective Date and continues for an initial term of {term} months.",
            "Thereafter it continues until terminated by either party giving not less than {notice} days' written notice, expiring no earlier than the end of the initial term.",
        ),
        (
            "This Agreement commences on the Effective Date and continues for an initial term of {term} months.",
            "At the end of the initial term, and each renewal term, this Agreement automatically renews for a further period of {renew} months unless either party gives written notice of non-renewal at least {long_notice} days before the end of the then-current term.",
        ),
    ),
    "CHARGES AND PAYMENT": (
        (
            "In consideration of the Services the Customer shall pay the Charges set out in Schedule 2, which total {currency}{fees} per annum.",
            "The Supplier shall invoice monthly in arrears. The Customer shall pay each undisputed invoice within {pay_days} days of receipt.",
            "If a party fails to pay any amount due, interest accrues at 2% a year above the Bank of England base rate.",
        ),
        (
            "The Customer shall pay the Charges of {currency}{fees} per annum annually in advance.",
            "The Customer shall pay each invoice within {short_pay} days of the invoice date without any set-off, deduction or withholding.",
            "The Supplier may increase the Charges on each anniversary of the Effective Date by the greater of {increase}% and the increase in the Retail Prices Index.",
            "Late payments accrue interest at 1.5% per month, and the Supplier may suspend the Services without notice while any amount is overdue.",
        ),
    ),
    "SERVICE LEVELS": (
        (
            "The Supplier shall meet the Service Levels in Schedule 3, including availability of {sla}% measured monthly.",
            "If the Supplier fails to meet a Service Level, it shall credit the Customer {credit}% of the monthly Charges for each 0.5% shortfall, up to 30% of the monthly Charges.",
            "Service credits are without prejudice to the Customer's other rights and remedies.",
        ),
        (
            "The Supplier shall use reasonable endeavours to make the Services available {sla}% of the time, excluding scheduled maintenance and emergency maintenance.",
            "Service credits are the Customer's sole and exclusive remedy for any failure to meet a Service Level.",
        ),
    ),
    "CONFIDENTIALITY": (
        (
            "Each party shall keep the other party's Confidential Information confidential and shall not use it except to perform its obligations under this Agreement.",
            "A party may disclose the other party's Confidential Information to its employees, officers, advisers and subcontractors who need to know it, provided they are bound by equivalent obligations.",
            "This clause does not apply to information that is or becomes public other than through breach, was lawfully in the recipient's possession before disclosure, or is required to be disclosed by law.",
            "The obligations in this clause continue for {conf_years} years after termination of this Agreement.",
        ),
        (
            "{nbl} shall keep all Confidential Information of {cp} strictly confidential and shall not disclose it to any third party, including its Affiliates, without the prior written consent of {cp}.",
            "The obligations in this clause survive termination indefinitely.",
            "{nbl} acknowledges that damages would not be an adequate remedy and that {cp} is entitled to injunctive relief without proof of special damage.",
        ),
    ),
    "INTELLECTUAL PROPERTY": (
        (
            "Each party retains ownership of its pre-existing intellectual property rights.",
            "All intellectual property rights in deliverables created specifically for the Customer under this Agreement vest in the Customer on payment of the relevant Charges.",
            "The Supplier grants the Customer a non-exclusive, royalty-free licence to use any Supplier materials incorporated in the deliverables for the Customer's business purposes.",
        ),
        (
            "All intellectual property rights in the Services, the deliverables and any improvements, feedback or data generated through the Customer's use of the Services vest in and remain with the Supplier.",
            "The Supplier may use the Customer's name and logo in marketing materials and customer lists.",
            "The Customer grants the Supplier a perpetual, irrevocable licence to use Customer Data in anonymised or aggregated form for any purpose, including training and improving its products.",
        ),
    ),
    "DATA PROTECTION": (
        (
            "Each party shall comply with the Data Protection Legislation. The parties acknowledge that the Customer is the controller and the Supplier is the processor of Customer Personal Data.",
            "The Supplier shall process Customer Personal Data only on the documented instructions of the Customer, ensure that its personnel are bound by confidentiality, implement appropriate technical and organisational measures, and not engage another processor without the Customer's prior written authorisation.",
            "The Supplier shall notify the Customer without undue delay, and in any event within {breach_hours} hours, on becoming aware of a Personal Data Breach.",
            "The Supplier shall not transfer Customer Personal Data outside the UK or the EEA without appropriate safeguards.",
        ),
        (
            "Each party shall comply with applicable data protection law.",
            "The Supplier may appoint sub-processors at its discretion and shall maintain a list of them on its website.",
            "The Supplier shall notify the Customer of a Personal Data Breach within a reasonable time.",
        ),
    ),
    "WARRANTIES": (
        (
            "Each party warrants that it has full power and authority to enter into this Agreement.",
            "The Supplier warrants that the Services will be performed with reasonable skill and care and that the deliverables will not infringe the intellectual property rights of any third party.",
        ),
        (
            "The Services are provided on an 'as is' basis. All warranties, conditions and terms implied by statute or common law are excluded to the fullest extent permitted by law.",
        ),
    ),
    "INDEMNITIES": (
        (
            "Each party shall indemnify the other against all losses arising from any claim that the indemnifying party's materials infringe a third party's intellectual property rights.",
            "Each party shall indemnify the other against losses arising from its breach of the data protection clause.",
            "The indemnified party shall promptly notify the indemnifying party of any claim and allow it to conduct the defence.",
        ),
        (
            "{nbl} shall indemnify {cp}, its Affiliates and their officers and employees against all losses, costs, claims and expenses (including legal fees on a full indemnity basis) arising out of or in connection with this Agreement or the Services, howsoever caused.",
        ),
    ),
    "LIMITATION OF LIABILITY": (
        (
            "Nothing in this Agreement limits liability for death or personal injury caused by negligence, fraud or fraudulent misrepresentation, or any liability that cannot be limited by law.",
            "Neither party shall be liable for loss of profits, loss of business or any indirect or consequential loss.",
            "Subject to the above, each party's total liability in each Contract Year shall not exceed {cap_mult} times the Charges paid or payable in that Contract Year.",
        ),
        (
            "The Supplier's total aggregate liability arising under or in connection with this Agreement shall not exceed {currency}{small_cap} or the Charges paid in the {cap_months} months preceding the claim, whichever is lower.",
            "The Supplier shall have no liability for any loss of data, loss of profits or indirect loss.",
            "The Customer's liability is unlimited.",
        ),
    ),
    "INSURANCE": (
        (
            "Each party shall maintain public liability insurance of at least {currency}5,000,000 per claim and professional indemnity insurance of at least {currency}2,000,000, and shall produce evidence of cover on request.",
        ),
        ("Neither party is required to maintain any particular insurance.",),
    ),
    "TERMINATION": (
        (
            "Either party may terminate this Agreement immediately by written notice if the other party commits a material breach which is not remedied within 30 days of being notified of it, or becomes insolvent.",
            "The Customer may terminate this Agreement for convenience on {notice} days' written notice.",
        ),
        (
            "{cp} may terminate this Agreement at any time on 7 days' written notice.",
            "{nbl} may terminate this Agreement only if {cp} commits a material breach which is not remedied within 90 days of written notice.",
            "On termination for any reason before the end of the initial term, {nbl} shall pay all Charges that would have been payable for the remainder of the initial term.",
        ),
    ),
    "NON-SOLICITATION": (
        (
            "Neither party shall, during the term and for 6 months afterwards, solicit any employee of the other party who was materially involved in the Services, other than through general advertising.",
        ),
        (
            "{nbl} shall not, during the term and for 24 months afterwards, employ or engage, directly or indirectly, any person who was employed by {cp} during the term, and shall pay a fee of 50% of that person's annual salary for any breach.",
        ),
    ),
    "FORCE MAJEURE": (
        (
            "Neither party is in breach of this Agreement nor liable for delay in performing its obligations if the delay results from events beyond its reasonable control. If the delay continues for 60 days, the unaffected party may terminate on 14 days' notice.",
        ),
        (
            "{cp} shall not be liable for any failure or delay caused by events beyond its control, including supplier failures, labour disputes, price increases and pandemics, and such events shall not give rise to any right to terminate.",
        ),
    ),
    "ASSIGNMENT AND SUBCONTRACTING": (
        (
            "Neither party may assign or transfer its rights under this Agreement without the other party's prior written consent, not to be unreasonably withheld. The Supplier remains responsible for its subcontractors.",
        ),
        (
            "{cp} may assign, novate or subcontract any of its rights or obligations at any time without consent. {nbl} may not assign this Agreement.",
        ),
    ),
    "GOVERNING LAW AND JURISDICTION": (
        (
            "This Agreement and any dispute arising out of it are governed by the law of {law}.",
            "Each party irrevocably agrees that {forum} have exclusive jurisdiction.",
        ),
        (
            "This Agreement is governed by the law of {law}.",
            "Any dispute shall be resolved exclusively by {forum}, and each party waives any right to a jury trial.",
        ),
    ),
    "ENTIRE AGREEMENT": (
        (
            "This Agreement constitutes the entire agreement between the parties and supersedes all previous agreements relating to its subject matter. Each party acknowledges that it has not relied on any statement not set out in this Agreement.",
        ),
        (
            "This Agreement, together with the Supplier's standard terms published at its website from time to time, constitutes the entire agreement between the parties.",
        ),
    ),
    # NDA
    "PURPOSE": (
        (
            "Each party may disclose Confidential Information to the other solely to evaluate a potential collaboration regarding {project} (the Purpose).",
        ),
        (
            "The Recipient may use Confidential Information for the Purpose and for any other purpose connected with its business relationship with the Discloser.",
        ),
    ),
    "RETURN OF INFORMATION": (
        (
            "On request, the Recipient shall promptly return or destroy all Confidential Information, save for copies retained in automatic electronic back-ups or to comply with law, which remain subject to this Agreement.",
        ),
        ("The Recipient may retain Confidential Information for its records.",),
    ),
    # lease
    "RENT": (
        (
            "The Tenant shall pay the annual rent of {currency}{rent} by equal quarterly payments in advance on the usual quarter days.",
            "The rent shall be reviewed on the fifth anniversary of the Term Commencement Date to open market rent, upwards or downwards.",
        ),
        (
            "The Tenant shall pay the annual rent of {currency}{rent} quarterly in advance.",
            "The rent shall be reviewed annually to the higher of the then-current rent and the rent increased by the Retail Prices Index, with no cap.",
        ),
    ),
    "REPAIR": (
        (
            "The Tenant shall keep the interior of the Property in good and substantial repair, save that the Tenant shall not be liable to put the Property in any better state of repair than that shown in the Schedule of Condition.",
        ),
        (
            "The Tenant shall keep the whole of the Property, including the roof, structure and foundations, in good and substantial repair and condition and shall renew and rebuild as necessary.",
        ),
    ),
    "BREAK CLAUSE": (
        (
            "The Tenant may terminate this Lease on the fifth anniversary of the Term Commencement Date by giving not less than six months' written notice, provided that the rent has been paid.",
        ),
        (
            "The Tenant may terminate this Lease on the fifth anniversary by giving not less than twelve months' notice, provided that the Tenant has materially complied with all its covenants and gives vacant possession.",
        ),
    ),
    # DPA
    "SUB-PROCESSORS": (
        (
            "The Processor shall not engage a sub-processor without the Controller's prior specific or general written authorisation. The Processor shall inform the Controller of any intended changes, giving the Controller 30 days to object.",
        ),
        ("The Processor may engage sub-processors without notice.",),
    ),
    "AUDIT": (
        (
            "The Processor shall make available all information necessary to demonstrate compliance and allow for audits, including inspections, by the Controller or an auditor it mandates, on reasonable notice.",
        ),
        (
            "The Controller's audit rights are limited to reviewing the Processor's most recent SOC 2 report, once per year, at the Controller's cost.",
        ),
    ),
}
CR_TYPES = {
    "mutual non-disclosure agreement": (
        (
            "PURPOSE",
            "CONFIDENTIALITY",
            "RETURN OF INFORMATION",
            "TERM",
            "NON-SOLICITATION",
            "GOVERNING LAW AND JURISDICTION",
            "ENTIRE AGREEMENT",
        ),
        (
            "Is the agreement truly mutual, or do the obligations fall on one party only?",
            "Are there any non-solicitation or non-compete restrictions hidden in this NDA?",
        ),
    ),
    "logistics services agreement": (
        (
            "DEFINITIONS AND INTERPRETATION",
            "SERVICES",
            "TERM",
            "CHARGES AND PAYMENT",
            "SERVICE LEVELS",
            "CONFIDENTIALITY",
            "DATA PROTECTION",
            "INDEMNITIES",
            "LIMITATION OF LIABILITY",
            "INSURANCE",
            "TERMINATION",
            "FORCE MAJEURE",
            "ASSIGNMENT AND SUBCONTRACTING",
            "GOVERNING LAW AND JURISDICTION",
            "ENTIRE AGREEMENT",
        ),
        (
            "What service levels apply and what happens if they are missed?",
            "Does the insurance clause match our standard cover (public liability 5m, PI 2m)?",
        ),
    ),
    "SaaS subscription agreement": (
        (
            "DEFINITIONS AND INTERPRETATION",
            "SERVICES",
            "TERM",
            "CHARGES AND PAYMENT",
            "SERVICE LEVELS",
            "CONFIDENTIALITY",
            "INTELLECTUAL PROPERTY",
            "DATA PROTECTION",
            "WARRANTIES",
            "INDEMNITIES",
            "LIMITATION OF LIABILITY",
            "TERMINATION",
            "ASSIGNMENT AND SUBCONTRACTING",
            "GOVERNING LAW AND JURISDICTION",
            "ENTIRE AGREEMENT",
        ),
        (
            "Can the supplier use our data for its own purposes, including training models?",
            "Can the supplier change the service or the price during the term?",
        ),
    ),
    "data processing agreement": (
        (
            "DEFINITIONS AND INTERPRETATION",
            "DATA PROTECTION",
            "SUB-PROCESSORS",
            "AUDIT",
            "CONFIDENTIALITY",
            "LIMITATION OF LIABILITY",
            "TERM",
            "GOVERNING LAW AND JURISDICTION",
        ),
        (
            "Check the agreement against each requirement of Article 28(3) GDPR and list anything missing.",
            "How quickly must a personal data breach be notified to us?",
        ),
    ),
    "warehouse lease": (
        (
            "DEFINITIONS AND INTERPRETATION",
            "TERM",
            "RENT",
            "REPAIR",
            "BREAK CLAUSE",
            "INSURANCE",
            "ASSIGNMENT AND SUBCONTRACTING",
            "GOVERNING LAW AND JURISDICTION",
            "ENTIRE AGREEMENT",
        ),
        (
            "What are our repair obligations and is there a schedule of condition?",
            "Explain the break clause and any conditions attached to it.",
        ),
    ),
    "consultancy agreement": (
        (
            "DEFINITIONS AND INTERPRETATION",
            "SERVICES",
            "TERM",
            "CHARGES AND PAYMENT",
            "CONFIDENTIALITY",
            "INTELLECTUAL PROPERTY",
            "WARRANTIES",
            "INDEMNITIES",
            "LIMITATION OF LIABILITY",
            "NON-SOLICITATION",
            "TERMINATION",
            "GOVERNING LAW AND JURISDICTION",
            "ENTIRE AGREEMENT",
        ),
        (
            "Do we own the deliverables the consultant produces for us?",
            "Is there any IR35 or employment-status risk in how the services are described?",
        ),
    ),
}
CR_CHECKLIST = (
    "Identify the parties, the effective date and the term, including any renewal mechanism. Quote clause numbers.",
    "Is there a limitation of liability? State the cap, the exclusions, and whether it applies to both parties equally.",
    "Summarise each party's termination rights, including notice periods and any termination for convenience.",
    "Which law governs the agreement and how are disputes resolved?",
    "List every indemnity, who gives it, and whether it is capped.",
    "Does the contract contain auto-renewal, minimum-term or price-increase provisions? Flag anything unusual.",
    "What are the confidentiality obligations and how long do they last?",
    "Who owns intellectual property created under or in connection with the agreement?",
    "What are the payment terms (amount, invoicing, due date, late-payment interest, suspension rights)?",
    "Compare the contract with our playbook and list every deviation: liability cap at least 1x annual fees and mutual; mutual indemnities only for IP and data breach; termination for convenience on no more than 90 days' notice; payment at 30 days or longer; English law. Rate each deviation high, medium or low.",
)
CR_SYSTEM = (
    "You are ClauseWise, the contract-review assistant of the legal team at Northbeam Logistics Ltd. "
    "Answer only from the contract text provided, cite clause numbers, and say plainly when the "
    "contract is silent. Do not speculate about facts outside the document. Be concise."
)
CR_ASK = "<contract>\n{doc}\n</contract>\n\nChecklist question {i} of {n}: {q}"
CR_MEMO = (
    "<contract>\n{doc}\n</contract>\n\nWrite a one-page review memo for the business owner of this "
    "{kind}: purpose, key commercial terms, the main risks rated high/medium/low, and the redlines "
    "you recommend, in order of priority. Plain English, no more than 450 words."
)
CR_FOLLOW = (
    "Can we live with clause {k} if the cap is raised to 2x annual fees?",
    "Draft a redline for clause {k} that makes it mutual.",
    "what would you push back on first if we only get one ask?",
    "Is the non-solicit in clause {k} enforceable against our staff in the UK?",
    "Rewrite clause {k} in plain English for the ops team.",
    "The counterparty says auto-renewal is market standard. Is that fair for a contract this size?",
    "Draft a short email to {cp} explaining our three main concerns.",
    "does anything here conflict with our standard DPA?",
    "Which clauses would need to change if we sign under English law instead?",
    "ok and what's our exposure in the worst case, roughly?",
)


def _cr_contract(
    rng: random.Random, kind: str, cp: tuple[str, str, str, str], risky: float
) -> tuple[str, list[int]]:
    """A contract of this type as text, and the picked variant per clause (0 standard, 1 off-market)."""
    heads, _ = CR_TYPES[kind]
    law, forum = rng.choice(CR_LAWS)
    full, country, addr, short = cp
    currency = "€" if country in ("Germany", "the Netherlands", "Ireland", "Italy") else "£"
    slots = {
        "cp": short,
        "cp_country": country,
        "nbl": "Northbeam",
        "term": rng.choice((12, 24, 36)),
        "renew": rng.choice((12, 24, 36)),
        "notice": rng.choice((30, 60, 90)),
        "long_notice": rng.choice((90, 120, 180)),
        "currency": currency,
        "fees": f"{rng.randint(4, 90) * 5_000:,}",
        "pay_days": rng.choice((30, 45, 60)),
        "short_pay": rng.choice((7, 14)),
        "increase": rng.choice((5, 7, 9)),
        "sla": rng.choice(("99.5", "99.9", "99.0")),
        "credit": rng.choice((2, 5)),
        "conf_years": rng.choice((2, 3, 5)),
        "breach_hours": rng.choice((24, 48, 72)),
        "cap_mult": rng.choice(("1", "1.5", "2")),
        "small_cap": f"{rng.choice((10, 25, 50)) * 1_000:,}",
        "cap_months": rng.choice((3, 6)),
        "law": law,
        "forum": forum,
        "project": rng.choice(
            (
                "a joint cold-chain distribution service",
                "the outsourcing of Northbeam's returns processing",
                "a route-optimisation software pilot",
                "a shared warehouse in Rotterdam",
            )
        ),
        "rent": f"{rng.randint(12, 60) * 10_000:,}",
        "c_conf": "7",
    }
    picks = [1 if rng.random() < risky else 0 for _ in heads]
    lines = [
        kind.upper(),
        f"THIS AGREEMENT is dated {rng.randint(1, 28)} {rng.choice(('January', 'February', 'March', 'April'))} 2026",
        "PARTIES",
        f'(1) {full.upper()}, a company incorporated in {country} whose registered office is at {addr} ("{short}"); and',
        f"(2) {CR_US}.",
        "BACKGROUND",
        f"(A) {short} and Northbeam wish to enter into this agreement on the terms set out below.",
        "(B) The parties have agreed to record their agreement in writing.",
        "AGREED TERMS",
    ]
    for n, (h, v) in enumerate(zip(heads, picks, strict=True), 1):
        lines.append(f"{n}. {h}")
        for m, s in enumerate(CR_CLAUSES[h][v], 1):
            lines.append(f"{n}.{m} {s.format(**slots)}")
    lines += [
        "This agreement has been entered into on the date stated at the beginning of it.",
        f"Signed by ____________ for and on behalf of {full}\nSigned by ____________ for and on behalf of Northbeam Logistics Ltd",
    ]
    for h, sched in CR_SCHEDULES:
        if h in heads:
            lines.append(sched(rng, slots, short))
    return "\n\n".join(lines), picks


def _cr_charges(rng: random.Random, slots: dict, short: str) -> str:
    rows = rng.sample(CR_CHARGE_ITEMS, rng.randint(6, 11))
    table = "\n".join(
        f"| {name} | {unit} | {slots['currency']}{rng.randint(2, 400) * 5:,}.00 |" for name, unit in rows
    )
    return (
        f"SCHEDULE 2 - CHARGES\n\n| Item | Unit | Price |\n|---|---|---|\n{table}\n\nAll prices exclude VAT. "
        f"Volumes above the forecast in the Order Form are charged at the rates above plus {rng.choice((5, 10, 15))}%. "
        f"Fuel surcharge: as published by {short} monthly."
    )


def _cr_services(rng: random.Random, slots: dict, short: str) -> str:
    picked = rng.sample(CR_SERVICE_LINES, rng.randint(4, 7))
    body = "\n".join(f"{i}. {x}" for i, x in enumerate(picked, 1))
    return f"SCHEDULE 1 - DESCRIPTION OF SERVICES\n\n{body}\n\nAs further described in the proposal of {short} dated {rng.randint(1, 28)} December 2025."


def _cr_sla(rng: random.Random, slots: dict, short: str) -> str:
    return (
        "SCHEDULE 3 - SERVICE LEVELS\n\n| Service level | Target | Measurement |\n|---|---|---|\n"
        f"| Availability | {slots['sla']}% | monthly, excluding planned maintenance |\n"
        f"| P1 incident response | {rng.choice((15, 30, 60))} minutes | 24x7 |\n"
        f"| P2 incident response | {rng.choice((2, 4, 8))} hours | Business Days |\n"
        f"| On-time collection | {rng.choice((97, 98, 99))}% | monthly |\n"
        f"| Damage rate | below {rng.choice(('0.1', '0.2', '0.5'))}% of consignments | quarterly |"
    )


def _cr_processing(rng: random.Random, slots: dict, short: str) -> str:
    subjects = ", ".join(
        rng.sample(
            (
                "employees",
                "consignees",
                "customers' end customers",
                "drivers",
                "website visitors",
                "contractors",
            ),
            3,
        )
    )
    data = ", ".join(
        rng.sample(
            (
                "names",
                "delivery addresses",
                "telephone numbers",
                "email addresses",
                "signatures",
                "GPS location of vehicles",
                "order histories",
            ),
            4,
        )
    )
    return (
        f"ANNEX 1 - DETAILS OF PROCESSING\n\nSubject matter: provision of the Services.\nDuration: the term of the "
        f"Agreement plus {rng.choice((30, 90))} days.\nData subjects: {subjects}.\nPersonal data: {data}.\nSpecial "
        f"category data: none.\nSub-processors at the date of signature: {rng.choice(('AWS EMEA SARL (hosting, Ireland)', 'Microsoft Ireland Operations Ltd (hosting)', 'Google Cloud EMEA Ltd (hosting, Belgium)'))}; "
        f"{rng.choice(('Twilio Ireland Ltd (SMS notifications)', 'Zendesk Inc. (support tickets, USA)', 'Sendgrid (email, USA)'))}."
    )


def _cr_property(rng: random.Random, slots: dict, short: str) -> str:
    return (
        f"SCHEDULE - THE PROPERTY\n\nUnit {rng.randint(1, 30)}, {rng.choice(('Orwell Logistics Park', 'Port Road Industrial Estate', 'Ransomes Europark'))}, "
        f"Ipswich, comprising a warehouse of approximately {rng.randint(20, 120) * 1000:,} sq ft with {rng.randint(4, 16)} dock "
        f"levellers, yard and {rng.randint(20, 90)} car parking spaces, as shown edged red on the attached plan.\n\nPermitted "
        "use: storage and distribution within Use Class B8.\n\nService charge: a fair proportion of the costs of the estate "
        "services, payable quarterly on account."
    )


CR_CHARGE_ITEMS = (
    ("Pallet storage", "per pallet per week"),
    ("Pallet in-handling", "per pallet"),
    ("Pallet out-handling", "per pallet"),
    ("Pick and pack", "per order line"),
    ("Full truck load, UK mainland", "per load"),
    ("Part load", "per pallet space"),
    ("Parcel delivery, next day", "per parcel"),
    ("Returns processing", "per item"),
    ("Labelling", "per label"),
    ("Customs clearance", "per entry"),
    ("Platform licence", "per user per month"),
    ("Implementation", "one-off"),
    ("Premium support", "per month"),
    ("API calls above allowance", "per 10,000 calls"),
    ("Consultancy day rate", "per day"),
)
CR_SERVICE_LINES = (
    "Receipt, inspection and put-away of inbound pallets within 24 hours of arrival.",
    "Storage in a racked, bonded warehouse with 24-hour CCTV and monitored fire alarm.",
    "Order picking, packing and dispatch of orders received by 14:00 on the same Business Day.",
    "Temperature-controlled storage between 2 and 8 degrees Celsius with continuous logging.",
    "Collection from the Customer's sites and delivery to UK mainland addresses.",
    "Processing of customer returns, including grading and restocking.",
    "Access to the Supplier's online platform for stock visibility and order entry.",
    "Monthly stock counts and an annual wall-to-wall stock take.",
    "Provision of an account manager and quarterly business reviews.",
    "Configuration, data migration and training for up to 20 users.",
)
CR_SCHEDULES = (
    ("SERVICES", _cr_services),
    ("CHARGES AND PAYMENT", _cr_charges),
    ("SERVICE LEVELS", _cr_sla),
    ("SUB-PROCESSORS", _cr_processing),
    ("RENT", _cr_property),
)


def contract_review(
    uploads: int = 72, days: int = 4, follow: float = 0.25, revise: float = 0.2
) -> list[KeyTraffic]:
    rng = R("contracts")
    params = {"temperature": 0, "max_tokens": 800}
    chat = {"temperature": 0.3, "max_tokens": 1000, "stream": True}
    kt = mk(
        "b8-contracts-0",
        "contract_review",
        "benign",
        "app",
        client(rng, "httpx", CR_SYSTEM),
        timing=f"simulated uploads in UK office hours on {days} weekdays, 4 parallel checklist calls per upload, lawyers' chats paced by think()",
        sources=("+written contracts (clause library), checklist and lawyers' questions",),
        settings={
            "uploads": uploads,
            "days": days,
            "follow": follow,
            "revise": revise,
            "params": params,
            "chat": chat,
        },
    )
    lawyers = [f"lawyer-{i:02d}" for i in range(1, 7)]
    kinds = tuple(CR_TYPES)
    per_day = [uploads // days + (1 if d < uploads % days else 0) for d in range(days)]
    revisions: list[tuple[float, str, tuple, float, str]] = []
    for d in range(days):
        for t in office_day(rng, T0 + d * DAY, per_day[d], (8.0, 17.5)):
            kind = rng.choices(kinds, (0.25, 0.2, 0.2, 0.12, 0.08, 0.15))[0]
            cp = rng.choice(CR_COUNTERPARTIES)
            lawyer = rng.choice(lawyers)
            risky = rng.uniform(0.1, 0.6)
            kt.requests += _cr_review(rng, t, kind, cp, risky, lawyer, params, chat, follow)
            if rng.random() < revise and d < days - 1:
                revisions.append(
                    (t + rng.choice((1, 2)) * DAY + rng.uniform(-3, 3) * 3600, kind, cp, risky / 2, lawyer)
                )
    for t, kind, cp, risky, lawyer in revisions:
        if weekday(t) < 5 and t < T0 + days * DAY:
            kt.requests += _cr_review(rng, t, kind, cp, risky, lawyer, params, chat, 0.0)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


def _cr_review(rng, t, kind, cp, risky, lawyer, params, chat, follow) -> list[Request]:
    doc, _ = _cr_contract(rng, kind, cp, risky)
    qs = [*CR_CHECKLIST, *CR_TYPES[kind][1]]
    p = dict(params, user=lawyer)
    jobs = [
        (None, [one(0.0, CR_ASK.format(doc=doc, i=i, n=len(qs), q=q), p, CR_SYSTEM)])
        for i, q in enumerate(qs, 1)
    ]
    reqs = run_jobs(rng, t + rng.uniform(1, 4), jobs, 4, tokens=350)
    done = max(r.ts for r in reqs) + latency(rng, 350)
    reqs.append(one(done + rng.uniform(0.1, 1), CR_MEMO.format(doc=doc, kind=kind), p, CR_SYSTEM))
    if rng.random() < follow:
        n_clauses = len(CR_TYPES[kind][0])
        turns = [CR_MEMO.format(doc=doc, kind=kind)]
        for fq in rng.sample(CR_FOLLOW, rng.randint(1, 3)):
            turns.append(fq.format(k=rng.randint(2, n_clauses), cp=cp[3]))
        start = done + rng.uniform(120, 1800)  # the lawyer reads the memo, then opens the chat
        chat_reqs, _ = converse(rng, turns, [None] * len(turns), start, dict(chat, user=lawyer), CR_SYSTEM)
        reqs += chat_reqs[1:]  # the memo itself is the chat's first (already served) turn
    return reqs


# =============================================================================================
# BENIGN 4. A researcher building a robustness benchmark for grade-school maths (GSM-Symbolic /
# GSM-NoOp style): 24 problem templates written here with named slots and a computed answer, 12
# instances each (names, objects and numbers resampled; 30% get an irrelevant "no-op" sentence),
# plus 100 real seed problems (AGIEval AQuA-RAT and SAT-math) as the unperturbed baseline. Day 1
# (Tue afternoon) a pilot of 40 variants + 20 seeds: solve, then grade. Day 2 (Wed) the main run:
# every problem solved greedily (T 0, seed fixed) and 100 variants sampled 5 times (n=5, T 0.8)
# for a consistency measure; every greedy solution and every 5-sample set is graded by the model
# with a rubric and the reference answer (T 0, JSON). Day 3 (Thu) 80 greedy solutions are
# re-graded after a rubric fix (units and rounding). 8 async workers, openai-python. Stand-ins:
# the solution quoted to the grader (steps written here, wrong in ~20%), the grader's JSON; the
# seed problems' reference letters are drawn at random (AGIEval's labels are not in the data).
BB_NAMES = (
    ("Maya", "she", "her"),
    ("Liam", "he", "his"),
    ("Sofia", "she", "her"),
    ("Kenji", "he", "his"),
    ("Amara", "she", "her"),
    ("Diego", "he", "his"),
    ("Priya", "she", "her"),
    ("Tomasz", "he", "his"),
    ("Chloe", "she", "her"),
    ("Yusuf", "he", "his"),
    ("Ines", "she", "her"),
    ("Oliver", "he", "his"),
)
BB_NOOP = (
    "Five of them are slightly smaller than the rest.",
    "{N} remembers that last year the price was a little higher.",
    "The weather that day was unusually warm.",
    "{N}'s cousin thinks this is a very large amount.",
    "Some of them are painted blue.",
    "It was a Tuesday.",
)
# (template, slot ranges, answer(v) -> number, valid(v) -> bool)
BB_TEMPLATES: tuple = (
    (
        "{N} buys {a} packs of pencils. Each pack has {b} pencils. {P} gives {c} pencils to classmates. How many pencils does {N} have left?",
        {"a": (2, 9), "b": (6, 24), "c": (3, 40)},
        lambda v: v["a"] * v["b"] - v["c"],
        lambda v: v["c"] < v["a"] * v["b"],
    ),
    (
        "A bakery sells muffins for ${p} each. On Saturday it sold {a} muffins in the morning and {b} in the afternoon. How much money, in dollars, did it make from muffins that day?",
        {"p": (2, 6), "a": (20, 90), "b": (15, 80)},
        lambda v: v["p"] * (v["a"] + v["b"]),
        None,
    ),
    (
        "{N} reads {a} pages a day for {d} days, then {b} pages a day for the next {e} days. How many pages does {N} read in total?",
        {"a": (10, 40), "d": (3, 9), "b": (15, 60), "e": (2, 8)},
        lambda v: v["a"] * v["d"] + v["b"] * v["e"],
        None,
    ),
    (
        "A train travels at {a} km/h for {h} hours and then at {b} km/h for {k} hours. How many kilometres does it travel in total?",
        {"a": (40, 120), "h": (1, 5), "b": (30, 110), "k": (1, 4)},
        lambda v: v["a"] * v["h"] + v["b"] * v["k"],
        None,
    ),
    (
        "{N} has ${m}. {P} spends a quarter of it on a book and ${s} on lunch. How many dollars does {N} have left?",
        {"m": (10, 60), "s": (3, 12)},
        lambda v: v["m"] * 4 - v["m"] - v["s"],
        None,
    ),
    (
        "There are {a} students in a class. {p}% of them walk to school and the rest take the bus. How many students take the bus?",
        {"a": (20, 40), "p": (1, 9)},
        lambda v: v["a"] * 5 - v["a"] * 5 * v["p"] * 10 // 100,
        None,
    ),
    (
        "A rectangular garden is {l} metres long and {w} metres wide. {N} puts a fence around it. How many metres of fence does {N} need?",
        {"l": (5, 40), "w": (3, 25)},
        lambda v: 2 * (v["l"] + v["w"]),
        None,
    ),
    (
        "{N} is {a} years old. {H} sister is {b} years older. In {c} years, what will be the sum of their ages?",
        {"a": (6, 30), "b": (1, 9), "c": (2, 15)},
        lambda v: 2 * v["a"] + v["b"] + 2 * v["c"],
        None,
    ),
    (
        "A farmer has {a} chickens and {b} cows. How many legs do the animals have altogether?",
        {"a": (5, 60), "b": (2, 30)},
        lambda v: 2 * v["a"] + 4 * v["b"],
        None,
    ),
    (
        "A jacket costs ${c}. The shop offers a {p}% discount. What is the sale price in dollars?",
        {"c": (2, 15), "p": (1, 4)},
        lambda v: v["c"] * 20 * (100 - v["p"] * 10) // 100,
        None,
    ),
    (
        "{N} saves ${a} every week. How many weeks will it take {N} to save ${t}?",
        {"a": (5, 40), "t": (3, 20)},
        lambda v: v["t"],
        None,
    ),
    (
        "A recipe needs {a} eggs for {s} servings. How many eggs are needed for {t} servings?",
        {"a": (2, 6), "s": (2, 6), "t": (2, 5)},
        lambda v: v["a"] * v["t"],
        None,
    ),
    (
        "{N} runs {a} laps around a 400-metre track every day. How many kilometres does {N} run in {d} days?",
        {"a": (1, 6), "d": (2, 14)},
        lambda v: v["a"] * 5 * 400 * v["d"] // 1000,
        None,
    ),
    (
        "A car park has {f} floors with {s} spaces on each floor. {o} spaces are taken. How many spaces are free?",
        {"f": (2, 8), "s": (20, 80), "o": (10, 150)},
        lambda v: v["f"] * v["s"] - v["o"],
        lambda v: v["o"] < v["f"] * v["s"],
    ),
    (
        "{N} buys {a} notebooks at ${p} each and {b} pens at ${q} each, and pays with a $100 bill. How much change, in dollars, does {N} get?",
        {"a": (1, 6), "p": (2, 9), "b": (1, 8), "q": (1, 4)},
        lambda v: 100 - v["a"] * v["p"] - v["b"] * v["q"],
        None,
    ),
    (
        "A water tank holds {c} litres and is half full. {N} uses {u} litres. How many litres are left in the tank?",
        {"c": (20, 200), "u": (5, 60)},
        lambda v: v["c"] * 10 // 2 - v["u"],
        lambda v: v["u"] < v["c"] * 5,
    ),
    (
        "A bus has {s} seats. At the first stop {a} people get on. At the second stop {b} people get off and {c} get on. How many seats are empty now?",
        {"s": (30, 60), "a": (10, 25), "b": (2, 9), "c": (2, 12)},
        lambda v: v["s"] - (v["a"] - v["b"] + v["c"]),
        lambda v: v["a"] - v["b"] + v["c"] <= v["s"],
    ),
    (
        "{N} earns ${w} per hour and works {h} hours a week. After {k} weeks, {P_l} spends ${s}. How many dollars has {N} saved?",
        {"w": (9, 25), "h": (8, 30), "k": (2, 6), "s": (50, 300)},
        lambda v: v["w"] * v["h"] * v["k"] - v["s"],
        lambda v: v["s"] < v["w"] * v["h"] * v["k"],
    ),
    (
        "A box contains {r} red, {b} blue and {g} green marbles. {N} takes out {t} red and {u} blue marbles. How many marbles are left in the box?",
        {"r": (10, 40), "b": (10, 40), "g": (5, 30), "t": (1, 9), "u": (1, 9)},
        lambda v: v["r"] + v["b"] + v["g"] - v["t"] - v["u"],
        None,
    ),
    (
        "A cinema ticket costs ${a} for adults and ${c} for children. A family of {x} adults and {y} children goes to the cinema. How much do they pay in dollars?",
        {"a": (9, 16), "c": (5, 9), "x": (2, 3), "y": (2, 5)},
        lambda v: v["a"] * v["x"] + v["c"] * v["y"],
        None,
    ),
    (
        "{N} plants {r} rows of tomatoes with {t} plants in each row. Each plant gives {k} tomatoes. {P} packs them in bags of {b}. How many full bags can {N} fill?",
        {"r": (2, 9), "t": (3, 12), "k": (4, 15), "b": (5, 12)},
        lambda v: v["r"] * v["t"] * v["k"] // v["b"],
        None,
    ),
    (
        "It takes {N} {a} minutes to walk to the station and {b} minutes by train to work. {P} must arrive at 9:00. How many minutes after 8:00 must {N} leave at the latest?",
        {"a": (5, 20), "b": (10, 35)},
        lambda v: 60 - v["a"] - v["b"],
        lambda v: v["a"] + v["b"] < 60,
    ),
    (
        "A library had {a} books. It bought {b} new books and gave away {c}. Then it bought twice as many books as it gave away. How many books does it have now?",
        {"a": (200, 900), "b": (10, 80), "c": (5, 40)},
        lambda v: v["a"] + v["b"] + v["c"],
        None,
    ),
    (
        "{N} scored {a}, {b} and {c} on three tests. What score does {N} need on the fourth test to have an average of {m}?",
        {"a": (60, 95), "b": (60, 95), "c": (60, 95), "m": (70, 90)},
        lambda v: 4 * v["m"] - v["a"] - v["b"] - v["c"],
        lambda v: 0 <= 4 * v["m"] - v["a"] - v["b"] - v["c"] <= 100,
    ),
)
BB_SOLVE_SYSTEM = "You are a careful maths solver."
BB_SOLVE = "Solve the following problem. Show your reasoning briefly, then end with a line of the form 'Final answer: <number>'.\n\nProblem: {q}"
BB_SEED = "Solve the following problem. Show your reasoning briefly, then end with a line of the form 'Final answer: <letter>'.\n\nProblem: {q}"
BB_GRADE_SYSTEM = "You grade solutions to maths problems against a reference answer. Output JSON only."
BB_GRADE = (
    "Rubric:\n- final_answer: the number or letter the solution commits to in its last line (null if none)\n"
    "- correct: true if final_answer equals the reference{units}\n- reasoning_valid: 0 (wrong or missing), 1 "
    "(minor slip), 2 (sound)\n- error_type: one of none, arithmetic, misread, distractor, setup, no_answer\n\n"
    "Problem:\n{q}\n\nReference answer: {ref}\n\nSolution:\n{sol}\n\n"
    'Return {{"final_answer": ..., "correct": ..., "reasoning_valid": ..., "error_type": ...}}'
)
BB_GRADE_SET = (
    "Five sampled solutions to the same problem follow. For each, extract the final answer and mark "
    "it correct or not against the reference{units}.\n\nProblem:\n{q}\n\nReference answer: {ref}\n\n"
    '{sols}\n\nReturn {{"answers": [5 values], "correct": [5 booleans], "majority": value}}'
)
BB_UNITS_V2 = " (ignore units, currency symbols and trailing zeros; 7.0 equals 7)"


def _bb_instance(rng: random.Random, k: int) -> tuple[str, str]:
    tmpl, ranges, ans, ok = BB_TEMPLATES[k]
    while True:
        v = {s: rng.randint(*r) for s, r in ranges.items()}
        if ok is None or ok(v):
            break
    shown = dict(v)  # some templates scale a slot so that the answer stays whole
    if k == 4:
        shown["m"] = v["m"] * 4
    elif k == 5:
        shown["a"], shown["p"] = v["a"] * 5, v["p"] * 10
    elif k == 9:
        shown["c"], shown["p"] = v["c"] * 20, v["p"] * 10
    elif k == 10:
        shown["t"] = v["t"] * v["a"]
    elif k == 11:
        shown["t"] = v["t"] * v["s"]
    elif k == 12:
        shown["a"] = v["a"] * 5
    elif k == 15:
        shown["c"] = v["c"] * 10
    name, pron, poss = rng.choice(BB_NAMES)
    text = tmpl.format(N=name, P=pron.capitalize(), P_l=pron, H=poss.capitalize(), **shown)
    if rng.random() < 0.3:
        sents = text.split(". ")
        sents.insert(rng.randint(1, len(sents) - 1), rng.choice(BB_NOOP).format(N=name).rstrip("."))
        text = ". ".join(sents)
    return text, str(ans(v))


def _bb_solution(rng: random.Random, q: str, ref: str) -> str:
    nums = re.findall(r"\d+", q)
    steps = [f"From the problem we have {', '.join(nums[:4])}." if nums else "Let's set up the problem."]
    steps.append("Combining these quantities step by step gives the total.")
    final = ref
    if rng.random() < 0.2:
        final = (
            str(int(ref) + rng.choice((-10, -2, -1, 1, 2, 5)))
            if ref.lstrip("-").isdigit()
            else rng.choice("ABCDE")
        )
    return "\n".join([*steps, f"Final answer: {final}"])


def benchmark_builder(
    templates: int = 24, per_template: int = 12, seeds: int = 100, conc: int = 8
) -> list[KeyTraffic]:
    rng = R("benchbuild")
    variants = [_bb_instance(rng, k) for k in range(templates) for _ in range(per_template)]
    rng.shuffle(variants)
    seed_rows = [
        r
        for r in src("agieval_v1")
        if r.extra.get("task") in ("aqua-rat", "sat-math") and len(r.first) <= 1500
    ]
    seed_rows = rng.sample(seed_rows, seeds)
    seed_items = [
        (r.first, rng.choice("ABCDE" if r.extra["task"] == "aqua-rat" else "ABCD")) for r in seed_rows
    ]
    solve = {"temperature": 0, "max_tokens": 1024, "seed": 1234}
    sample = {"temperature": 0.8, "n": 5, "max_tokens": 1024, "seed": 1234}
    grade = {"temperature": 0, "max_tokens": 300, "response_format": JSON_OBJ}
    kt = mk(
        "b8-benchbuild-0",
        "benchmark_builder",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing=f"simulated: closed loop of {conc} workers; pilot Tue 14:00, main run Wed 10:00, re-grade Thu 11:00 UTC",
        sources=("agieval_v1", "+written problem templates, no-op sentences, rubric"),
        settings={
            "templates": templates,
            "per_template": per_template,
            "seeds": seeds,
            "conc": conc,
            "solve": solve,
            "sample": sample,
            "grade": grade,
        },
    )

    def graded(q: str, ref: str, seed: bool, units: str = "") -> tuple[None, list[Request]]:
        sol = _bb_solution(rng, q, ref)
        s = one(0.0, (BB_SEED if seed else BB_SOLVE).format(q=q), solve, BB_SOLVE_SYSTEM, sol)
        verdict = json.dumps(
            {
                "final_answer": sol.rsplit(": ", 1)[-1],
                "correct": sol.endswith(ref),
                "reasoning_valid": 2,
                "error_type": "none",
            }
        )
        g = one(0.0, BB_GRADE.format(q=q, ref=ref, sol=sol, units=units), grade, BB_GRADE_SYSTEM, verdict)
        return None, [s, g]

    # day 1: pilot
    jobs = [graded(q, ref, False) for q, ref in variants[:40]] + [
        graded(q, ref, True) for q, ref in seed_items[:20]
    ]
    kt.requests += run_jobs(rng, T0 + DAY + 14 * 3600, jobs, conc, tokens=260)
    # day 2: main run
    jobs = [graded(q, ref, False) for q, ref in variants] + [graded(q, ref, True) for q, ref in seed_items]
    rng.shuffle(jobs)
    for q, ref in variants[:100]:
        sols = [_bb_solution(rng, q, ref) for _ in range(5)]
        block = "\n\n".join(f"Solution {i}:\n{s}" for i, s in enumerate(sols, 1))
        s = one(0.0, BB_SOLVE.format(q=q), sample, BB_SOLVE_SYSTEM, sols[0])
        g = one(0.0, BB_GRADE_SET.format(q=q, ref=ref, sols=block, units=""), grade, BB_GRADE_SYSTEM)
        jobs.append((None, [s, g]))
    kt.requests += run_jobs(rng, T0 + 2 * DAY + 10 * 3600, jobs, conc, tokens=260)
    # day 3: re-grade with the fixed rubric
    jobs = []
    for q, ref in rng.sample(variants, 80):
        sol = _bb_solution(rng, q, ref)
        jobs.append(
            (
                None,
                [one(0.0, BB_GRADE.format(q=q, ref=ref, sol=sol, units=BB_UNITS_V2), grade, BB_GRADE_SYSTEM)],
            )
        )
    kt.requests += run_jobs(rng, T0 + 3 * DAY + 11 * 3600, jobs, conc, tokens=60)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Language-learning app ("Parlo"): learners practise a scenario (ordering in a cafe,
# hotel check-in, a job interview, the doctor's, asking the way, meeting a neighbour, buying
# clothes, viewing a flat) or "free talk" in Spanish, French, German, Italian, Brazilian Portuguese
# or Japanese. Each learner message triggers two calls at once: the in-character reply (streamed,
# T 0.8, max_tokens 150) and a correction (JSON with the corrected sentence and the errors explained
# in the learner's own language, T 0); 40% of sessions end with a feedback summary of the whole
# session. Learner messages in scenarios are written here per language (typical learner errors
# included; 20% typed without accents); in free talk they are real short first turns of oasst2 in
# that language (standing in for B1+ learners). 3-7 messages a session (free talk 2-4),
# think()-paced, `user` = learner id. Diurnal with an evening peak (the stream shifted +4 h), 2
# days. openai-js (Node backend). Served reply: a stub.
LT_LANGS = {  # code: (name, share, oasst2 langs, learner messages)
    "es": (
        "Spanish",
        0.32,
        ("es",),
        (
            "Hola, yo quiero un café con leche, por favor.",
            "¿Cuánto es el costo de esto?",
            "Yo soy muy cansado hoy.",
            "Tengo una reservación para dos noches.",
            "¿Dónde está el baño?",
            "Me gusta mucho los libros de historia.",
            "Yo trabajo como ingeniero por cinco años.",
            "Ayer yo fui al mercado y compré manzanas.",
            "¿Puede usted repetir más despacio, por favor?",
            "Estoy buscando una camisa en talla mediana.",
            "Mi cabeza duele desde ayer.",
            "¿Hay un farmacia cerca de aquí?",
            "Perdón, no entiendo. ¿Qué significa ventanilla?",
            "Quiero a pagar con tarjeta.",
            "Mi experiencia es en marketing y ventas.",
            "El apartamento tiene dos habitaciones, ¿verdad?",
            "Estoy muy embarazado, olvidé mi cartera.",
            "Soy de Canadá pero vivo en Madrid desde tres meses.",
            "¿A qué hora es el desayuno?",
            "Me encanta este ciudad, es muy bonito.",
        ),
    ),
    "fr": (
        "French",
        0.2,
        ("fr",),
        (
            "Bonjour, je voudrais un croissant et un café, s'il vous plaît.",
            "Je suis allé à la boulangerie hier et j'ai acheté du pain.",
            "J'ai 25 ans et je suis étudiant en informatique.",
            "Est-ce que vous avez une chambre pour deux personnes ?",
            "Je suis fini avec mon travail.",
            "Il fait très chaud aujourd'hui, non ?",
            "Je cherche pour un appartement près du centre.",
            "J'ai mal à la tête depuis deux jours.",
            "Combien coûte ce pantalon ?",
            "Je peux payer avec carte ?",
            "Je suis excité pour le concert ce soir !",
            "Où est la gare, s'il vous plaît ?",
            "Mon expérience est surtout dans la vente.",
            "Pouvez-vous parler plus lentement ?",
            "Je habite à Lyon depuis trois ans.",
            "Hier, je suis resté à la maison parce que il pleuvait.",
            "Je voudrais essayer cette robe en taille 38.",
            "C'est combien pour le loyer avec les charges ?",
        ),
    ),
    "de": (
        "German",
        0.15,
        ("de",),
        (
            "Hallo, ich möchte einen Kaffee und ein Stück Kuchen, bitte.",
            "Ich habe gestern nach Berlin gefahren.",
            "Wo ist der Bahnhof?",
            "Ich bin 30 Jahre alt und arbeite als Lehrerin.",
            "Kann ich mit Karte bezahlen?",
            "Ich suche eine Wohnung mit zwei Zimmer.",
            "Mein Kopf tut weh seit gestern.",
            "Ich habe eine Reservierung für drei Nächte.",
            "Das Wetter ist heute sehr schön, oder?",
            "Ich bin sehr interessiert für diese Stelle.",
            "Weil ich habe keine Zeit, ich kann nicht kommen.",
            "Wie viel kostet dieses Hemd?",
            "Können Sie das bitte wiederholen?",
            "Ich gehe zu der Apotheke.",
            "Ich bekomme ein Schnitzel, bitte.",
            "Wann ist die Wohnung frei?",
            "Ich wohne hier seit zwei Jahre.",
        ),
    ),
    "it": (
        "Italian",
        0.1,
        ("it",),
        (
            "Buongiorno, vorrei un cappuccino e un cornetto, per favore.",
            "Ieri ho andato al mercato.",
            "Dov'è la stazione, per favore?",
            "Ho 28 anni e lavoro come infermiera.",
            "Posso pagare con la carta?",
            "Sono molto stanco oggi.",
            "Cerco un appartamento vicino al centro.",
            "Mi fa male la testa da ieri.",
            "Quanto costa questa giacca?",
            "Sono d'accordo con te, ma il prezzo è troppo alto.",
            "Ho una prenotazione per due notti.",
            "Mi piace molto le città antiche.",
            "Può parlare più lentamente, per favore?",
            "Sono abitando a Roma da un anno.",
        ),
    ),
    "pt": (
        "Brazilian Portuguese",
        0.1,
        ("pt-BR",),
        (
            "Oi, eu quero um café e um pão de queijo, por favor.",
            "Ontem eu fui na praia com meus amigos.",
            "Quanto custa essa camiseta?",
            "Eu tenho 35 anos e sou engenheiro.",
            "Onde fica o ponto de ônibus?",
            "Eu estou procurando um apartamento perto do metrô.",
            "Posso pagar com cartão?",
            "Eu sou muito cansado hoje.",
            "Minha cabeça está doendo desde ontem.",
            "Eu gosto muito de música brasileira.",
            "Você pode falar mais devagar, por favor?",
            "Eu tenho uma reserva para três noites.",
            "Eu pretendo que você está certo.",
        ),
    ),
    "ja": (
        "Japanese",
        0.13,
        ("ja",),
        (
            "こんにちは。コーヒーをひとつください。",
            "駅はどこですか。",
            "きのう、友だちと映画を見ました。",
            "わたしは三年前から東京に住んでいます。",
            "これはいくらですか。",
            "カードで払うことができますか。",
            "頭が痛いです。きのうからです。",
            "すみません、もう一度言ってください。",
            "わたしはエンジニアで働いています。",
            "部屋は二つがありますか。",
            "日本の食べ物がとても好きです。",
            "あした、いっしょに行くましょう。",
            "予約をしています。名前はスミスです。",
            "このシャツのMサイズはありますか。",
        ),
    ),
}
LT_SCENARIOS = (
    ("ordering at a cafe", "the barista"),
    ("checking in at a hotel", "the receptionist"),
    ("a job interview for an office job", "the interviewer"),
    ("a visit to the doctor", "the doctor"),
    ("asking for directions in the street", "a friendly passer-by"),
    ("meeting a new neighbour", "the neighbour"),
    ("buying clothes", "the shop assistant"),
    ("viewing a flat to rent", "the landlord"),
)
LT_NATIVE = (
    ("English", 0.62),
    ("Spanish", 0.08),
    ("German", 0.07),
    ("Portuguese", 0.06),
    ("Chinese", 0.06),
    ("French", 0.05),
    ("Korean", 0.06),
)
LT_LEVELS = ("A1", "A2", "A2", "B1", "B1", "B2")
LT_TUTOR = (
    "You are Parlo, a friendly conversation partner for a {level} learner of {lang}. Role-play: {scenario}. "
    "You play {role}. Reply only in {lang}, in 1-3 short sentences a {level} learner can follow, and "
    "end with a question that keeps the conversation going. Stay in character. Do not correct the "
    "learner's mistakes in your reply; corrections are shown separately."
)
LT_FREE = (
    "You are Parlo, a friendly conversation partner for a {level} learner of {lang}. Free conversation: "
    "talk about whatever the learner brings up. Reply only in {lang}, in at most 4 sentences at {level} "
    "level. Do not correct the learner's mistakes in your reply; corrections are shown separately."
)
LT_CORRECT_SYSTEM = (
    "You are a {lang} teacher. Your student's native language is {native}. Reply with JSON only."
)
LT_CORRECT = (
    "Level: {level}\nContext: {scenario}\nStudent's message: \u00ab{msg}\u00bb\n\n"
    'Return {{"is_correct": true/false, "corrected": the message with minimal corrections, "errors": '
    '[{{"original": ..., "fix": ..., "type": "grammar" | "vocabulary" | "spelling" | "register", '
    '"explanation": one sentence in {native}}}]}}. Do not correct style if the message is acceptable.'
)
LT_SUMMARY = (
    "Here is a practice conversation in {lang} between a {level} learner (Learner) and a tutor (Parlo):\n\n"
    "{log}\n\nIn {native}, write feedback for the learner: one sentence of encouragement, their 3 most "
    "important mistakes with the correct form, and one tip for next time. Under 120 words."
)


def language_tutor(sessions_per_day: int = 62, days: int = 2, summary: float = 0.4) -> list[KeyTraffic]:
    rng = R("tutor")
    free_pool = {
        code: [
            r.first.strip()
            for r in dedupe_rows(src("oasst2_threads"))
            if r.extra.get("lang") in langs and 8 <= len(r.first) <= 220 and "\n" not in r.first.strip()
        ]
        for code, (_, _, langs, _) in LT_LANGS.items()
    }
    reply_p = {"temperature": 0.8, "max_tokens": 150, "stream": True}
    fix_p = {"temperature": 0, "max_tokens": 350, "response_format": JSON_OBJ}
    sum_p = {"temperature": 0.5, "max_tokens": 300}
    kt = mk(
        "b8-tutor-0",
        "language_tutor",
        "benign",
        "app",
        client(rng, "openai-js"),
        timing=f"simulated diurnal session starts (+4 h evening shift), {sessions_per_day}/day, {days} days, think() between messages",
        sources=("oasst2_threads", "+written learner messages, scenarios and prompts"),
        settings={
            "sessions_per_day": sessions_per_day,
            "days": days,
            "summary": summary,
            "reply": reply_p,
            "fix": fix_p,
            "sum": sum_p,
        },
    )
    codes = tuple(LT_LANGS)
    natives, native_w = zip(*LT_NATIVE, strict=True)
    for t in diurnal(rng, T0 + DAY - 4 * 3600, sessions_per_day * days, sessions_per_day):
        t += 4 * 3600
        code = rng.choices(codes, [LT_LANGS[c][1] for c in codes])[0]
        lang, _, _, written = LT_LANGS[code]
        native = rng.choices(natives, native_w)[0]
        if native == lang.split()[-1]:
            native = "English"
        level = rng.choice(LT_LEVELS)
        learner = f"parlo_{rng.getrandbits(40):010x}"
        free = bool(free_pool[code]) and rng.random() < 0.2
        if free:
            level = rng.choice(("B1", "B2", "C1"))  # free talk is unlocked from B1
            system = LT_FREE.format(level=level, lang=lang)
            scen = "free conversation"
            msgs = rng.sample(free_pool[code], min(len(free_pool[code]), rng.randint(2, 4)))
        else:
            scen, role = rng.choice(LT_SCENARIOS)
            system = LT_TUTOR.format(level=level, lang=lang, scenario=scen, role=role)
            msgs = rng.sample(written, rng.randint(3, 7))
            if code != "ja" and rng.random() < 0.2:
                msgs = [strip_accents(m) for m in msgs]
            msgs = [casual(rng, m) if rng.random() < 0.3 else m for m in msgs]
        history: list[dict] = [{"role": "system", "content": system}]
        log = []
        for k, m in enumerate(msgs):
            if k:
                t += think(rng, 160, len(m)) + rng.uniform(3, 25)  # learners type slowly in a new language
            history = [*history, {"role": "user", "content": m}]
            reply = stub_reply(m)
            kt.requests.append(Request(t, "chat", m, history, dict(reply_p, user=learner), "", False, reply))
            history = [*history, {"role": "assistant", "content": reply}]
            fix = LT_CORRECT.format(level=level, scenario=scen, msg=m, native=native)
            fsys = LT_CORRECT_SYSTEM.format(lang=lang, native=native)
            kt.requests.append(one(t + rng.uniform(0.01, 0.08), fix, dict(fix_p, user=learner), fsys))
            log += [f"Learner: {m}", f"Parlo: {reply}"]
        if rng.random() < summary:
            t += latency(rng, 60) + rng.uniform(2, 20)
            text = LT_SUMMARY.format(lang=lang, level=level, log="\n".join(log), native=native)
            kt.requests.append(one(t, text, dict(sum_p, user=learner)))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. Pull-request review bot ("Revu", a GitHub App installed on one company's monorepo):
# every push to a pull request triggers a review. For each changed file (1-6 per PR) the bot
# sends the diff with the PR title and description and the repository's review guidelines
# (T 0.2, JSON comments, 4 files at a time), then a summary comment built from the per-file
# findings. 40% of PRs get 1-2 more pushes (only the files touched again are re-reviewed, with the
# diff against the previous version), 10% of reviews get a developer's "@revu ..." reply that the
# bot answers in the thread. Three teams' working hours (Europe, US East, India), 4 weekdays.
# Code: real snippets (codealpaca's stored answers in Python, JavaScript, Java, SQL, C++ and HTML)
# assembled into files; the edits (renames, changed literals, added or removed lines), file paths,
# PR titles and descriptions are written here. openai-js (a Probot app). Stand-ins: the per-file
# findings quoted in the summary; other replies are stubs.
CB_SYSTEM = (
    "You are Revu, an automated reviewer for the acme/platform repository. Review only the lines "
    "changed in the diff. Report bugs, security problems, missing error handling, missing tests and "
    "violations of the team guidelines. Do not comment on formatting (the linters handle it) and do "
    "not praise. Guidelines: no secrets or credentials in code; all SQL must use bound parameters; "
    "public functions need docstrings or JSDoc; no bare except / empty catch; log with the shared "
    "logger, never print or console.log; feature flags for user-visible changes. Output JSON: "
    '{"comments": [{"line": <new line number>, "severity": "blocker" | "major" | "minor" | "nit", '
    '"body": "..."}], "summary": "one sentence"}. Return an empty list if there is nothing to say.'
)
CB_FILE = (
    "Repository: acme/platform\nPR #{pr}: {title}\nAuthor: @{author}\n\n{desc}\n\nFile: {path} ({status})\n"
    "```diff\n{diff}\n```"
)
CB_SUMMARY = (
    "PR #{pr}: {title}\n\nPer-file findings:\n{findings}\n\nWrite Revu's summary comment for this "
    "push: a two-sentence overview, the blocking issues as a bullet list (or 'None'), and a verdict "
    "(approve / comment / request changes). GitHub markdown, under 180 words."
)
CB_LANGS = {  # language: (answer pattern, path template, comment prefix, inserted lines)
    "py": (
        r"^\s*(def |import |class \w+[:(]|for \w+ in )",
        "services/{team}/{mod}.py",
        "#",
        (
            "    logger.debug('processing %s', {v})",
            "    # TODO: handle empty input",
            "    print({v})",
            "    if {v} is None:\n        return None",
        ),
    ),
    "js": (
        r"\b(function|const|let|console\.log|=>)\b",
        "web/src/{team}/{mod}.js",
        "//",
        (
            "  console.log({v});",
            "  // TODO: remove after migration",
            "  if (!{v}) return null;",
            "  logger.info('{v}', {v});",
        ),
    ),
    "java": (
        r"\bpublic (static )?(void|class|int|String)\b",
        "api/src/main/java/com/acme/{team}/{Mod}.java",
        "//",
        (
            "        System.out.println({v});",
            "        // TODO: null check",
            '        LOG.debug("{v}={{}}", {v});',
        ),
    ),
    "sql": (
        r"^\s*SELECT\b",
        "db/queries/{team}/{mod}.sql",
        "--",
        ("-- reviewed by data team", "LIMIT 1000;", "-- TODO: add index on created_at"),
    ),
    "cpp": (
        r"#include",
        "native/{team}/{mod}.cpp",
        "//",
        ("    std::cout << {v} << std::endl;", "    // TODO: bounds check", "    assert({v});"),
    ),
    "html": (
        r"<(div|html|body|p|ul|form)\b",
        "web/templates/{team}/{mod}.html",
        "",
        ("<!-- TODO: i18n -->", '<div class="banner">{v}</div>'),
    ),
}
CB_TEAMS = (("payments", (8.0, 18.0), 18), ("search", (13.0, 23.0), 15), ("logistics", (4.0, 13.0), 12))
CB_MODULES = (
    "utils",
    "handlers",
    "client",
    "report",
    "validation",
    "export",
    "pricing",
    "sync",
    "cache",
    "parser",
    "scheduler",
    "auth_helpers",
    "metrics",
    "mapper",
)
CB_AUTHORS = (
    "mkowalski",
    "aisha-dev",
    "tnguyen",
    "jrossi",
    "priya-s",
    "benw",
    "lhartmann",
    "oyelaran",
    "ctan",
    "dmitri-k",
    "sfernandes",
    "rahul-g",
    "emily-o",
    "kbauer",
)
CB_TITLES = (
    "Fix {x} handling in {mod}",
    "Add {x} support to {mod}",
    "Refactor {mod}",
    "{mod}: handle empty input",
    "[{ticket}] Update {mod} for new {x} API",
    "WIP: {x} in {mod}",
    "Clean up {mod} and add tests",
    "Speed up {mod}",
    'Revert "Add {x} to {mod}"',
    "chore: tidy {mod}",
)
CB_X = (
    "pagination",
    "currency",
    "timezone",
    "retry",
    "CSV export",
    "rate limit",
    "null",
    "unicode",
    "batch",
    "webhook",
    "caching",
    "auth token",
)
CB_DESC = (
    "",
    "Closes #{issue}.",
    "## What\n{title}.\n\n## Why\nSee {ticket}.\n\n## Testing\n- [x] unit tests\n- [ ] manual QA",
    "Small fix, tested locally.",
    "This PR changes {mod} so that {x} is handled consistently. Follow-up to #{issue}.",
    "Part 2 of the {x} migration. Please review carefully, the old path is still used by the mobile app.",
    "Quick one - CI was flaky on main because of this.",
)
CB_MENTION = (
    "@revu why is this a blocker? the input is validated upstream in the controller",
    "@revu can you suggest the fix as a code block?",
    "@revu this is intentional, the legacy client expects it. can you re-check?",
    "@revu is there a test you'd add for this?",
    "@revu explain the security issue in more detail please",
    "@revu false positive, we use the shared logger further down",
    "@revu what would be a cleaner way to write this loop?",
    "@revu does this need a feature flag? it's behind the admin page only",
)
CB_NAMES = ("result", "items", "data", "value", "count", "total", "response", "record", "output", "payload")


def _cb_lang(text: str) -> str | None:
    for lang, (pat, *_) in CB_LANGS.items():
        if re.search(pat, text, re.M | re.I):
            return lang
    return None


def _cb_edit(rng: random.Random, lines: list[str], lang: str) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        idents = sorted(
            {w for ln in out for w in re.findall(r"\b[a-z_][a-zA-Z_]{2,}\b", ln)}
            - {
                "def",
                "for",
                "return",
                "int",
                "let",
                "const",
                "function",
                "public",
                "static",
                "void",
                "class",
                "import",
                "from",
                "select",
                "where",
                "and",
                "not",
                "print",
                "true",
                "false",
                "null",
                "none",
                "self",
                "this",
                "new",
            }
        )
        if kind < 0.3 and idents:
            a = rng.choice(idents)
            b = rng.choice(CB_NAMES) + rng.choice(("", "_list", "s", "_map", "2"))
            out = [re.sub(rf"\b{re.escape(a)}\b", b, ln) for ln in out]
        elif kind < 0.5 and any(re.search(r"\b\d+\b", ln) for ln in out):
            i = rng.choice([i for i, ln in enumerate(out) if re.search(r"\b\d+\b", ln)])
            out[i] = re.sub(r"\b\d+\b", str(rng.randint(0, 500)), out[i], count=1)
        elif kind < 0.85 or len(out) < 3:
            v = rng.choice(idents) if idents else "value"
            i = rng.randint(1, max(1, len(out) - 1))
            out[i:i] = rng.choice(CB_LANGS[lang][3]).replace("{v}", v).split("\n")
        else:
            del out[rng.randrange(1, len(out))]
    return out


def _cb_diff(old: list[str], new: list[str], path: str) -> str:
    return "\n".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=3, lineterm=""))


def _cb_findings(rng: random.Random, diff: str) -> str:
    words = keywords(rng, diff, 3) or ["this change"]
    comments = [
        {
            "line": rng.randint(1, 40),
            "severity": rng.choice(("major", "minor", "nit", "blocker")),
            "body": f"Check the handling of `{w}` here.",
        }
        for w in words[: rng.randint(0, 2)]
    ]
    return json.dumps({"comments": comments, "summary": f"Changes to {words[0]}."})


def code_review_bot(days: int = 4, repush: float = 0.4, mention: float = 0.1) -> list[KeyTraffic]:
    rng = R("codereview")
    by_lang: dict[str, list[str]] = {k: [] for k in CB_LANGS}
    for r in src("codealpaca_2k"):
        a = (r.answer or "").strip("\n")
        lang = _cb_lang(a)
        if lang and 4 <= len(a.splitlines()) <= 60:
            by_lang[lang].append(a)
    for pool in by_lang.values():
        rng.shuffle(pool)
    lang_w = {"py": 0.45, "js": 0.22, "java": 0.12, "sql": 0.1, "cpp": 0.05, "html": 0.06}
    file_p = {"temperature": 0.2, "max_tokens": 1200, "response_format": JSON_OBJ}
    sum_p = {"temperature": 0.3, "max_tokens": 600}
    chat_p = {"temperature": 0.3, "max_tokens": 800}
    kt = mk(
        "b8-codereview-0",
        "code_review_bot",
        "benign",
        "app",
        client(rng, "openai-js", CB_SYSTEM),
        timing=f"simulated: PR pushes in three teams' working hours on {days} weekdays, 4 file reviews at a time, then a summary",
        sources=("codealpaca_2k", "+written edits, paths, PR titles, descriptions, developer replies"),
        settings={
            "days": days,
            "repush": repush,
            "mention": mention,
            "file": file_p,
            "summary": sum_p,
            "chat": chat_p,
        },
    )
    cursor = dict.fromkeys(CB_LANGS, 0)
    pr_no = 4100

    def snippet(lang: str) -> list[str]:
        pool = by_lang[lang]
        text = pool[cursor[lang] % len(pool)]
        cursor[lang] += 1
        return text.splitlines()

    def push(
        t: float,
        pr: int,
        title: str,
        desc: str,
        author: str,
        files: list[tuple[str, str, list[str], list[str]]],
    ) -> list[Request]:
        jobs, findings = [], []
        for path, status, old, new in files:
            diff = _cb_diff(old, new, path)
            text = CB_FILE.format(
                pr=pr,
                title=title,
                author=author,
                desc=desc or "(no description)",
                path=path,
                status=status,
                diff=diff,
            )
            f = _cb_findings(rng, diff)
            findings.append(f"{path}: {f}")
            jobs.append((None, [one(0.0, text, file_p, CB_SYSTEM, f)]))
        reqs = run_jobs(rng, t + rng.uniform(1, 6), jobs, 4, tokens=250)
        done = max(r.ts for r in reqs) + latency(rng, 250)
        reqs.append(
            one(
                done + rng.uniform(0.05, 0.5),
                CB_SUMMARY.format(pr=pr, title=title, findings="\n".join(findings)),
                sum_p,
                CB_SYSTEM,
            )
        )
        if rng.random() < mention:
            j = rng.randrange(len(jobs))
            first = jobs[j][1][0]
            turns = [first.prompt, rng.choice(CB_MENTION)]
            start = done + rng.uniform(300, 4 * 3600)
            chat, _ = converse(rng, turns, [first.reply, None], start, chat_p, CB_SYSTEM)
            reqs.append(chat[1])
        return reqs

    for d in range(days):
        day = T0 + d * DAY
        for team, hours, n in CB_TEAMS:
            for t in office_day(rng, day, n, hours):
                pr_no += rng.randint(1, 3)
                mod = rng.choice(CB_MODULES)
                x = rng.choice(CB_X)
                ticket = f"{team[:3].upper()}-{rng.randint(100, 2999)}"
                title = rng.choice(CB_TITLES).format(x=x, mod=mod, ticket=ticket)
                desc = rng.choice(CB_DESC).format(
                    title=title, ticket=ticket, issue=rng.randint(1000, 4099), mod=mod, x=x
                )
                author = rng.choice(CB_AUTHORS)
                files = []
                for _ in range(rng.choices((1, 2, 3, 4, 5, 6), (0.22, 0.26, 0.2, 0.14, 0.1, 0.08))[0]):
                    lang = rng.choices(tuple(lang_w), tuple(lang_w.values()))[0]
                    m = rng.choice(CB_MODULES)
                    path = CB_LANGS[lang][1].format(team=team, mod=m, Mod=m.title().replace("_", ""))
                    if any(path == f[0] for f in files):
                        continue  # one file per path in a PR
                    body = [*snippet(lang), "", *snippet(lang)]
                    if rng.random() < 0.35:
                        files.append((path, "added", [], body))
                    else:
                        files.append((path, "modified", body, _cb_edit(rng, body, lang)))
                kt.requests += push(t, pr_no, title, desc, author, files)
                tt = t
                for _ in range(rng.choice((1, 1, 2)) if rng.random() < repush else 0):
                    tt += rng.uniform(0.3, 5) * 3600
                    again = rng.sample(files, min(len(files), rng.randint(1, 2)))
                    files2 = []
                    for path, _, _, new in again:
                        lang = next(
                            k for k, v in CB_LANGS.items() if path.endswith("." + v[1].rsplit(".", 1)[1])
                        )
                        files2.append((path, "modified", new, _cb_edit(rng, new, lang)))
                    kt.requests += push(tt, pr_no, title, desc, author, files2)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Reasoning traces for a multilingual student (a European start-up's "sovereign"
# reasoning model): items in the student's target languages - real oasst2 first turns in every
# language but English and Chinese (Spanish, Portuguese, German, Russian, Italian, French,
# Japanese, Korean, ...), the Spanish, French and Japanese IFEval prompts, and English items
# (Orca, LIMA, codealpaca) given a frame written here that asks for the answer in one of six
# languages. Two settings per item (60/40, 15% both): a reasoning model at reasoning_effort
# "high" with a system message in the target language asking for a complete final answer, and a
# chat model at T 0.6 whose system prompt (in the target language) asks it to reason step by step
# inside language-specific tags before answering. 4 async workers, one batch a night from 19:00-
# 20:00 UTC on 4 nights. Replies: stubs (oasst2 and IFEval have no stored answer; the English
# items' stored answers are not in the requested language).
ML_LANGS = {  # code: (reasoning-model system, CoT system, frame for English items)
    "es": (
        "Responde siempre en español, con una respuesta final completa y bien estructurada.",
        "Eres un asistente experto. Antes de responder, razona paso a paso dentro de <razonamiento> y </razonamiento>, comprobando cada paso; después escribe la respuesta final completa en español.",
        "Resuelve la siguiente tarea y responde en español, explicando tu razonamiento:\n\n{x}",
    ),
    "fr": (
        "Réponds toujours en français, avec une réponse finale complète et bien structurée.",
        "Tu es un assistant expert. Avant de répondre, raisonne étape par étape entre <raisonnement> et </raisonnement> en vérifiant chaque étape, puis rédige la réponse finale complète en français.",
        "Traite la tâche suivante et réponds en français en expliquant ton raisonnement :\n\n{x}",
    ),
    "de": (
        "Antworte immer auf Deutsch, mit einer vollständigen, gut gegliederten Antwort.",
        "Du bist ein fachkundiger Assistent. Denke vor der Antwort Schritt für Schritt zwischen <Überlegung> und </Überlegung> nach und prüfe jeden Schritt; schreibe dann die vollständige Antwort auf Deutsch.",
        "Bearbeite die folgende Aufgabe und antworte auf Deutsch. Erkläre dabei deine Überlegungen:\n\n{x}",
    ),
    "it": (
        "Rispondi sempre in italiano, con una risposta finale completa e ben strutturata.",
        "Sei un assistente esperto. Prima di rispondere, ragiona passo per passo tra <ragionamento> e </ragionamento>, verificando ogni passaggio; poi scrivi la risposta finale completa in italiano.",
        "Risolvi il seguente compito e rispondi in italiano, spiegando il tuo ragionamento:\n\n{x}",
    ),
    "pt": (
        "Responda sempre em português, com uma resposta final completa e bem estruturada.",
        "Você é um assistente especialista. Antes de responder, raciocine passo a passo entre <raciocínio> e </raciocínio>, verificando cada etapa; depois escreva a resposta final completa em português.",
        "Resolva a tarefa a seguir e responda em português, explicando o seu raciocínio:\n\n{x}",
    ),
    "ja": (
        "必ず日本語で、完全で構成のしっかりした最終回答を書いてください。",
        "あなたは優秀なアシスタントです。回答する前に、<思考>と</思考>の間で一歩ずつ考え、各ステップを確認してください。その後、日本語で完全な最終回答を書いてください。",
        "次の課題を解き、考え方を説明しながら日本語で答えてください。\n\n{x}",
    ),
    "ru": (
        "Всегда отвечай по-русски, давая полный и хорошо структурированный окончательный ответ.",
        "Ты опытный ассистент. Прежде чем ответить, рассуждай шаг за шагом между <рассуждение> и </рассуждение>, проверяя каждый шаг; затем напиши полный окончательный ответ на русском языке.",
        "",
    ),
}
ML_OTHER = (
    "Always answer in the user's language with a complete, well-structured final answer.",
    "Before answering, reason step by step inside <reasoning></reasoning>, checking each step, then write the complete final answer in the same language as the user.",
)
ML_OASST = {"es": "es", "pt-BR": "pt", "de": "de", "it": "it", "fr": "fr", "ja": "ja", "ru": "ru"}


def multilingual_reasoning_harvest(
    ifeval_items: int = 400, english_items: int = 200, nights: int = 4, both: float = 0.15
) -> list[KeyTraffic]:
    rng = R("mlreason")
    items: list[tuple[str, str, str]] = []  # (language code or "", text, item id)
    for r in dedupe_rows(src("oasst2_threads")):
        lang = r.extra.get("lang")
        if lang not in ("en", "zh") and 8 <= len(r.first) <= 2500:
            items.append((ML_OASST.get(lang, ""), r.first.strip(), r.id))
    ife = [r for r in src("ifeval_multilingual") if r.extra.get("lang") in ("es", "fr", "ja")]
    items += [(r.extra["lang"], r.first, r.id) for r in rng.sample(ife, min(ifeval_items, len(ife)))]
    en = first_turns(
        ("orca_dpo_pairs_val", "lima", "codealpaca_2k"),
        keep=lambda r: en_row(r) and 20 <= len(r.first) <= 1500,
    )
    frames = [c for c in ML_LANGS if ML_LANGS[c][2]]
    for r in rng.sample(en, english_items):
        code = rng.choice(frames)
        items.append((code, ML_LANGS[code][2].format(x=r.first.strip()), r.id))
    rng.shuffle(items)
    reason_p = {"reasoning_effort": "high", "max_completion_tokens": 16000}
    cot_p = {"temperature": 0.6, "top_p": 0.95, "max_tokens": 6000}
    kt = mk(
        "d8-mlreason-0",
        "multilingual_reasoning_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated closed loop of 4 workers, one batch a night from 19-20 UTC, {nights} nights",
        sources=(
            "oasst2_threads",
            "ifeval_multilingual",
            "orca_dpo_pairs_val",
            "lima",
            "codealpaca_2k",
            "+written frames and system prompts",
        ),
        settings={"items": len(items), "nights": nights, "both": both, "reasoning": reason_p, "cot": cot_p},
    )
    jobs = []
    for code, text, iid in items:
        sys_r, sys_c = ML_LANGS[code][:2] if code in ML_LANGS else ML_OTHER
        x = rng.random()
        if x < both or x < 0.6 + both * 0.6:
            jobs.append((None, [one(0.0, text, reason_p, sys_r, None, iid, True)]))
        if x < both or x >= 0.6 + both * 0.6:
            jobs.append((None, [one(0.0, text, cot_p, sys_c, None, iid, True)]))
    per = -(-len(jobs) // nights)
    for n in range(nights):
        start = T0 + n * DAY + rng.uniform(19, 20) * 3600
        kt.requests += run_jobs(rng, start, jobs[n * per : (n + 1) * per], 4, tokens=2200)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. Agent trajectories for a small agent model: every item is run through a ReAct loop
# with three tools (web_search, open_page, python) against an environment the harvest script
# simulates itself, and the whole trajectory (tool calls, results, final answer) is kept. Info
# tasks (LIMA, ShareGPT-en first turns): a search whose results are snippets of the item's stored
# answer mixed with other rows' answers, the top page opened (70%), a second search (25%), then
# the answer. Computation tasks (codealpaca): the model writes and runs code, 25% hit an error and
# run a fixed version. One agent-framework system prompt, T 0.6, tool_choice auto, 6 workers,
# three evening batches. Stand-ins: tool results written here from the stored answers; the
# model's tool calls (replies None) and its search queries (the item's content words); the final
# answer is the item's stored answer.
AG_SYSTEM = (
    "You are a research agent with access to tools. Work step by step: decide what you need, call one "
    "tool at a time, read the result and continue until you can answer. Cite the pages you opened as "
    "[1], [2]. When you run code, check its output before relying on it. Your final message must be "
    "a complete, self-contained answer to the user's task."
)
AG_TOOLS = [
    fn(
        "web_search",
        "Search the web. Returns up to 5 results with title, url and snippet.",
        {"query": {"type": "string", "description": "search query"}},
    ),
    fn(
        "open_page",
        "Fetch a web page and return its main text.",
        {"url": {"type": "string", "description": "the URL to open"}},
    ),
    fn(
        "python",
        "Run Python 3.11 code in a sandbox and return stdout and stderr. State does not persist between calls.",
        {"code": {"type": "string", "description": "the code to run"}},
    ),
]
AG_SITES = (
    "en.wikipedia.org/wiki",
    "stackoverflow.com/questions",
    "www.britannica.com/topic",
    "medium.com/@writer",
    "www.reddit.com/r/explainlikeimfive",
    "docs.python.org/3/library",
    "www.investopedia.com/terms",
    "www.healthline.com/health",
    "developer.mozilla.org/en-US/docs",
    "www.nationalgeographic.com/science",
)
AG_ERRORS = (
    "Traceback (most recent call last):\n  File \"<sandbox>\", line {n}, in <module>\nNameError: name '{w}' is not defined",
    "Traceback (most recent call last):\n  File \"<sandbox>\", line {n}, in <module>\nTypeError: unsupported operand type(s) for +: 'int' and 'str'",
    '  File "<sandbox>", line {n}\n    {w}\n    ^\nSyntaxError: invalid syntax',
)


def _ag_results(rng: random.Random, row, others: list) -> list[dict]:
    out = []
    for src_row in [row, *rng.sample(others, 3)]:
        text = src_row.answer or ""
        sents = sentences(text)[:6] or [text[:200]]
        words = keywords(rng, src_row.first + " " + text, 3) or ["page"]
        slug = "_".join(words).lower()
        out.append(
            {
                "title": " ".join(w.capitalize() for w in words),
                "url": f"https://{rng.choice(AG_SITES)}/{slug}",
                "snippet": " ".join(rng.sample(sents, min(2, len(sents))))[:300],
            }
        )
    rng.shuffle(out)
    return out


def agent_trajectory_harvest(
    info_items: int = 260, code_items: int = 100, batches: int = 3, conc: int = 6
) -> list[KeyTraffic]:
    rng = R("agenttraj")
    info = first_turns(
        ("lima", "sharegpt_en_sample"), keep=lambda r: en_row(r) and r.answer and 15 <= len(r.first) <= 800
    )
    info = dedupe_rows(info)
    code = [
        r
        for r in src("codealpaca_2k")
        if r.answer and _cb_lang(r.answer) == "py" and len(r.answer.splitlines()) >= 3
    ]
    rng.shuffle(info)
    rng.shuffle(code)
    params = {
        "temperature": 0.6,
        "max_tokens": 2048,
        "tools": AG_TOOLS,
        "tool_choice": "auto",
        "parallel_tool_calls": False,
    }
    kt = mk(
        "d8-agenttraj-0",
        "agent_trajectory_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated: {conc} workers, {batches} evening batches from 20:00 UTC, a trajectory's steps back to back",
        sources=("lima", "sharegpt_en_sample", "codealpaca_2k", "+written tools, environment stand-ins"),
        settings={
            "info_items": info_items,
            "code_items": code_items,
            "batches": batches,
            "conc": conc,
            "params": {**params, "tools": "3 defs"},
        },
    )
    plans = []
    for r in info[:info_items]:
        words = keywords(rng, r.first, 5) or r.first.split()[:5]
        results = _ag_results(rng, r, info[info_items:])
        steps = [[("web_search", {"query": " ".join(words)}, {"results": results})]]
        if rng.random() < 0.7:
            top = next(
                (x for x in results if x["snippet"] and x["snippet"][:40] in (r.answer or "")), results[0]
            )
            steps.append(
                [("open_page", {"url": top["url"]}, {"url": top["url"], "text": (r.answer or "")[:1500]})]
            )
        if rng.random() < 0.25:
            more = keywords(rng, r.answer or r.first, 4) or words
            steps.append(
                [
                    (
                        "web_search",
                        {"query": " ".join(more)},
                        {"results": _ag_results(rng, r, info[info_items:])},
                    )
                ]
            )
        plans.append((r, steps))
    for r in code[:code_items]:
        prog = r.answer.strip()
        steps = []
        if rng.random() < 0.25:
            bad = prog.replace("(", " (", 1) if rng.random() < 0.5 else prog + "\nprint(reslt)"
            n = len(bad.splitlines())
            err = rng.choice(AG_ERRORS).format(n=n, w="reslt")
            steps.append([("python", {"code": bad}, {"stdout": "", "stderr": err})])
        out = (
            f"{rng.randint(0, 99)}"
            if rng.random() < 0.5
            else "[" + ", ".join(str(rng.randint(0, 20)) for _ in range(4)) + "]"
        )
        steps.append(
            [("python", {"code": prog + "\n\nprint('ok')"}, {"stdout": f"{out}\nok\n", "stderr": ""})]
        )
        plans.append((r, steps))
    rng.shuffle(plans)
    per = -(-len(plans) // batches)
    for b in range(batches):
        free = [T0 + b * DAY + (20 + rng.uniform(0, 0.5)) * 3600 + rng.uniform(0, 2) for _ in range(conc)]
        heapq.heapify(free)
        for r, steps in plans[b * per : (b + 1) * per]:
            t = heapq.heappop(free) + rng.uniform(0.01, 0.1)
            reqs, end = tool_dialog(rng, t, AG_SYSTEM, params, [(r.first, steps, r.answer)], r.id, True)
            kt.requests += reqs
            heapq.heappush(free, end + rng.uniform(0.05, 0.5))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. A harvest dressed as an evaluation run: the script looks like an eval harness -
# greedy decoding with a fixed seed, short caps, no system prompt, one "task" after another at
# concurrency 16, each task with its own prompt format ("Question: ...\nAnswer:", "Q: ...\nA:",
# ...) - and real benchmark tasks run first in every run (MMLU zero-shot, TruthfulQA, BBH; the
# same items each run, as an eval does). But its generation "tasks" are instruction items (LIMA,
# InstructionWild en, ShareGPT-en first turns, Orca, codealpaca, BELLE in Chinese), new ones every
# run, with max_tokens 512 so the answers come back whole but concise (the student is a small
# model). Three runs on three days (10:00, 15:30, 21:00 UTC). aiohttp. Replies: the stored answer
# for the instruction items, stubs for the benchmark items.
EH_TASKS = (  # (task name, sources, keep, prompt format, items per run)
    ("open_qa", ("lima",), None, "Question: {x}\nAnswer:", 70),
    ("wild_gen", ("instructionwild",), "en", "{x}\n\nResponse:", 60),
    ("chat_gen", ("sharegpt_en_sample",), "en", "Q: {x}\nA:", 60),
    ("flan_gen", ("orca_dpo_pairs_val",), None, "Instruction: {x}\nOutput:", 50),
    (
        "code_gen",
        ("codealpaca_2k",),
        None,
        "Complete the following programming task.\n\n{x}\n\nSolution:",
        60,
    ),
    ("zh_gen", ("belle_dev1k",), "zh", "问题：{x}\n回答：", 50),
)
EH_COVER = (  # (source, n, params override, format)
    ("mmlu_val_zeroshot", 40, {"max_tokens": 8}, "{x}"),
    ("truthfulqa", 25, {"max_tokens": 128}, "Q: {x}\nA:"),
    ("bbh", 25, {"max_tokens": 256}, "{x}\nA:"),
)


def eval_harness_mimic(runs: int = 3, conc: int = 16) -> list[KeyTraffic]:
    rng = R("evalmimic")
    base = {"temperature": 0, "max_tokens": 512, "seed": 1234}
    kt = mk(
        "d8-evalmimic-0",
        "eval_harness_mimic",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated: {runs} runs (10:00, 15:30, 21:00 UTC on consecutive days), tasks in sequence, {conc} workers",
        sources=tuple(dict.fromkeys([s for task in EH_TASKS for s in task[1]] + [c[0] for c in EH_COVER])),
        settings={"runs": runs, "conc": conc, "params": base, "tasks": [t[0] for t in EH_TASKS]},
    )
    pools = {}
    for name, sources, lang, _, _ in EH_TASKS:
        keep = {
            None: lambda r: 10 <= len(r.first) <= 1800,
            "en": lambda r: en_row(r) and 10 <= len(r.first) <= 1800,
            "zh": lambda r: bool(HAN.search(r.first)) and 4 <= len(r.first) <= 1800,
        }[lang]
        rows = dedupe_rows(first_turns(sources, keep=keep))
        rng.shuffle(rows)
        pools[name] = rows
    cover = {s: rng.sample(src(s), n) for s, n, _, _ in EH_COVER}
    for run, hour in zip(range(runs), (10.0, 15.5, 21.0), strict=False):
        t = T0 + (run + 1) * DAY + hour * 3600
        for s, _, over, f in EH_COVER:
            p = dict(base, **over)
            jobs = [(None, [one(0.0, f.format(x=r.first), p)]) for r in cover[s]]
            reqs = run_jobs(rng, t, jobs, conc, tokens=60)
            kt.requests += reqs
            t = max(r.ts for r in reqs) + latency(rng, 60) + rng.uniform(0.5, 3)
        for name, _, _, f, n in EH_TASKS:
            rows = pools[name][run * n : (run + 1) * n]
            jobs = [
                (r, [one(0.0, f.format(x=r.first.strip()), base, None, r.answer, r.id, True)]) for r in rows
            ]
            reqs = run_jobs(rng, t, jobs, conc, tokens=400)
            kt.requests += reqs
            t = max(r.ts for r in reqs) + latency(rng, 400) + rng.uniform(0.5, 3)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. Items split into sub-questions across the turns of one conversation, so that every
# request is short and conversational and the student gets multi-turn data: codealpaca items with
# an input are sent as the data first and the instruction second (or the reverse, "I'll paste it
# next"); items with numbered or bulleted parts (LIMA, ShareGPT-en, Evol-Instruct, MOSS English,
# InstructionWild en) one part per turn; items with several questions one question per turn (the
# context sentences with the first); single questions as "what background does this need?",
# then "now answer it fully", and 40% a third ask. Two workers that imitate a person (think()-
# paced turns, 1-12 min between conversations) from 08:00-09:30 UTC until the day's share is done
# (about 6 h), 5 days. python-requests, no system prompt, T 0.7. Replies: the stored answer on
# the turn that completes the item (the instruction turn, the "answer it fully" turn); other turns
# stubs (stand-in: the source answers the whole item).
SQ_DATA_FIRST = (
    "I'll give you something to work with first:",
    "Here's the input:",
    "Take a look at this:",
    "ok so here is the data",
    "Consider the following:",
)
SQ_INSTR_FIRST = (
    "(I'll paste the input in the next message)",
    "- input coming next",
    "I'll send the data separately.",
    "Wait for the input before answering.",
)
SQ_INSTR_AFTER = ("", "Now: ", "Task: ", "ok, now ", "Using that, ")
SQ_NEXT_PART = ("Next: ", "Now ", "And ", "", "Next one: ", "ok, part {k}: ", "Part {k}: ")
SQ_FIRST_PART = (
    "Let's go one at a time. First: ",
    "I'll ask these one by one. ",
    "One step at a time please. First part: ",
    "",
)
SQ_BACKGROUND = (
    "Before you answer this, what background concepts does it involve?\n\n{x}",
    "What do I need to know to tackle this? Don't solve it yet.\n\n{x}",
    "{x}\n\nFirst, just break down what this is asking.",
    "Let's take this slowly. What are the key ideas behind this question?\n{x}",
)
SQ_FULL = (
    "Great. Now answer it fully.",
    "ok now give me the complete answer",
    "Thanks - now please solve it properly.",
    "Now go ahead and answer the original question in full.",
)
SQ_EXTRA = (
    "What are the most common mistakes people make with this?",
    "Give me a worked example.",
    "Summarise your answer in three bullet points.",
    "How would you explain it to a beginner?",
    "What would change if the situation were reversed?",
)
PART = re.compile(r"\n\s*(?:\d+[.)]|[-*\u2022])\s+")


def _sq_split(rng: random.Random, r) -> tuple[list[str], int | None]:
    """The item's turns, and which turn carries the stored answer (None: none does)."""
    text = r.first.strip()
    ins, inp = str(r.extra.get("instruction") or "").strip(), str(r.extra.get("input") or "").strip()
    if ins and inp:
        if rng.random() < 0.5:
            return [f"{rng.choice(SQ_DATA_FIRST)}\n\n{inp}", rng.choice(SQ_INSTR_AFTER) + lower_first(ins)], 1
        return [f"{ins} {rng.choice(SQ_INSTR_FIRST)}", inp], 1
    parts = [p.strip() for p in PART.split(text) if p.strip()]
    if 3 <= len(parts) <= 7:
        turns = [f"{parts[0]}\n\n{rng.choice(SQ_FIRST_PART)}{parts[1]}"]
        turns += [rng.choice(SQ_NEXT_PART).format(k=k) + p for k, p in enumerate(parts[2:], 2)]
        return turns, None
    sents = sentences(text)
    qs = [i for i, s in enumerate(sents) if s.endswith("?")]
    if len(qs) >= 2 and len(sents) <= 10:
        turns = [" ".join(sents[: qs[0] + 1])]
        prev = qs[0] + 1
        for i in qs[1:]:
            turns.append(" ".join(sents[prev : i + 1]))
            prev = i + 1
        if prev < len(sents):
            turns[-1] += " " + " ".join(sents[prev:])
        return turns, None
    turns = [rng.choice(SQ_BACKGROUND).format(x=text), rng.choice(SQ_FULL)]
    if rng.random() < 0.4:
        turns.append(rng.choice(SQ_EXTRA))
    return turns, 1


def subquestion_split_harvest(items: int = 430, days: int = 5, workers: int = 2) -> list[KeyTraffic]:
    rng = R("subq")
    with_input = [
        r for r in src("codealpaca_2k") if r.extra.get("input") and r.answer and len(r.first) <= 1500
    ]
    moss = [r for r in src("moss_sft_sample") if english(r.first) and 20 <= len(r.first) <= 2000]
    names = ("lima", "sharegpt_en_sample", "evol_instruct_h2o", "instructionwild")
    multi = dedupe_rows(moss + first_turns(names, keep=lambda r: en_row(r) and 20 <= len(r.first) <= 2000))
    parted = [r for r in multi if 3 <= len([p for p in PART.split(r.first.strip()) if p.strip()]) <= 7]
    questions = [
        r for r in multi if r not in parted and sum(s.endswith("?") for s in sentences(r.first)) >= 2
    ]
    single = [r for r in multi if r not in parted and r not in questions and r.answer]
    for pool in (with_input, parted, questions, single):
        rng.shuffle(pool)
    n_in, n_part, n_q = (
        round(items * 0.3),
        min(len(parted), round(items * 0.15)),
        min(len(questions), round(items * 0.2)),
    )
    chosen = with_input[:n_in] + parted[:n_part] + questions[:n_q]
    chosen += single[: items - len(chosen)]
    rng.shuffle(chosen)
    params = {"temperature": 0.7, "max_tokens": 2000}
    kt = mk(
        "d8-subq-0",
        "subquestion_split_harvest",
        "distiller",
        "distiller",
        client(rng, "requests"),
        timing=f"simulated: {workers} person-like workers, think()-paced turns, 1-12 min between chats, from 08-09:30 UTC, {days} days",
        sources=("codealpaca_2k", "moss_sft_sample", *names, "+written split wordings"),
        settings={"items": len(chosen), "days": days, "workers": workers, "params": params},
    )
    per_day = -(-len(chosen) // days)
    for d in range(days):
        todays = chosen[d * per_day : (d + 1) * per_day]
        for w in range(workers):
            t = T0 + d * DAY + rng.uniform(8, 9.5) * 3600
            for r in todays[w::workers]:
                turns, k = _sq_split(rng, r)
                replies: list[str | None] = [None] * len(turns)
                if k is not None:
                    replies[k] = r.answer
                reqs, t = converse(rng, turns, replies, t, params, None, r.id, True)
                kt.requests += reqs
                t += rng.uniform(60, 700)  # "picking" the next one
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. User simulator and assistant both on the key (UltraChat / Baize-style self-chat,
# both sides through the API): for each seed the script (1) asks the model, under a user-persona
# system prompt (24 personas written here), to write the persona's opening message for the seed's
# goal; (2) sends that message to the model as the assistant side (a plain assistant system
# prompt); (3) shows the simulator the transcript and asks for the user's next message or [END];
# and so on for 2-4 assistant turns. Seeds: LIMA, InstructionWild en, Evol-Instruct, ShareGPT-en
# first turns. Closed loop of 8 workers on two nights from 22:00 UTC; the simulator at T 1.0, the
# assistant at T 0.7. httpx. Stand-ins: the simulator's messages (the seed made casual per
# persona, follow-ups composed from the last answer's content words, [END]); the assistant's
# first answer is the seed's stored answer, later ones stubs.
US_PERSONAS = (
    "a 67-year-old retired nurse in Ohio who is new to smartphones and types slowly",
    "a 16-year-old gamer from Manchester who writes in lower case with slang",
    "a busy owner of a small bakery who wants quick, practical answers",
    "a Brazilian student preparing for the IELTS exam whose English is good but not perfect",
    "a senior backend engineer who is impatient with vague answers",
    "a first-time home buyer who is anxious about money",
    "a high-school chemistry teacher planning lessons",
    "a nurse working night shifts who asks questions in short bursts",
    "a sceptical journalist who pushes back on claims",
    "a hobby gardener in Kenya",
    "a PhD student in sociology who writes long, careful messages",
    "a dad of two toddlers with very little free time",
    "a marketing manager who likes bullet points",
    "a retired engineer who enjoys technical detail",
    "a college freshman who is confused about the topic",
    "a freelance translator from Poland",
    "a small-town librarian",
    "a personal trainer who is curious about nutrition science",
    "an Indian software tester who writes formally",
    "a Canadian farmer",
    "a novelist researching for a book",
    "a non-technical startup founder",
    "a volunteer at an animal shelter",
    "a 40-year-old switching careers into data analysis",
)
US_SIM_SYSTEM = (
    "You are role-playing a human user who is chatting with an AI assistant. Persona: {persona}. "
    "Write exactly what this person would type: their vocabulary, their level of knowledge, their "
    "mood, typos if they would make them. Never say that you are an AI or that this is a role-play. "
    "Output only the message."
)
US_OPEN = (
    "Your goal in this conversation: get help with the following.\n\n<goal>\n{goal}\n</goal>\n\n"
    "Write your first message to the assistant. Do not copy the goal word for word."
)
US_NEXT = (
    "Conversation so far:\n\n{log}\n\nWrite the user's next message: a follow-up question, a "
    "clarification, a correction or a reaction, as this person would. If the goal has been met and "
    "the person would leave, output exactly [END]."
)
US_ASSIST = "You are a helpful, knowledgeable assistant."
US_LEAD = ("", "", "hi, ", "hello! ", "quick question - ", "hey so ", "Hi there. ", "Good morning. ")
US_FOLLOW = (
    "ok but what about {a}?",
    "can you explain {a} more simply",
    "thanks! and how does {a} relate to {b}?",
    "hmm i tried that and {a} is still not working",
    "could you give me an example with {a}",
    "wait, why {a}? i thought it was {b}",
    "that's a lot. what's the single most important thing about {a}",
    "Interesting. Is {a} always true, or are there exceptions?",
    "can you put the {a} part in steps",
    "What would you recommend for someone like me regarding {a}?",
)


def _us_log(pairs: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"USER: {u}\nASSISTANT: {a}" for u, a in pairs)


def user_simulator_selfchat(dialogues: int = 170, nights: int = 2, conc: int = 8) -> list[KeyTraffic]:
    rng = R("usersim")
    names = ("lima", "instructionwild", "evol_instruct_h2o", "sharegpt_en_sample")
    seeds = dedupe_rows(first_turns(names, keep=lambda r: en_row(r) and 20 <= len(r.first) <= 700))
    rng.shuffle(seeds)
    sim_p = {"temperature": 1.0, "max_tokens": 300}
    as_p = {"temperature": 0.7, "max_tokens": 1500}
    kt = mk(
        "d8-usersim-0",
        "user_simulator_selfchat",
        "distiller",
        "distiller",
        client(rng, "httpx"),
        timing=f"simulated closed loop of {conc} workers, {nights} nights from 22:00 UTC, each call after the previous reply",
        sources=(*names, "+written personas, simulator prompts and stand-in user messages"),
        settings={"dialogues": dialogues, "nights": nights, "conc": conc, "sim": sim_p, "assistant": as_p},
    )
    per = -(-dialogues // nights)
    for n in range(nights):
        free = pool_starts(rng, T0 + n * DAY + 22 * 3600, conc)
        for r in seeds[n * per : min(dialogues, (n + 1) * per)]:
            persona = rng.choice(US_PERSONAS)
            ssys = US_SIM_SYSTEM.format(persona=persona)
            t = heapq.heappop(free) + rng.uniform(0.01, 0.1)
            opener = rng.choice(US_LEAD) + casual(
                rng, lower_first(r.first.strip()) if rng.random() < 0.5 else r.first.strip()
            )
            if rng.random() < 0.3:
                opener = typo(rng, opener, 1)
            calls = [one(0.0, US_OPEN.format(goal=r.first.strip()), sim_p, ssys, opener, r.id, True)]
            turns, replies, pairs = [opener], [r.answer], []
            n_turns = rng.randint(2, 4)
            for k in range(n_turns):
                reqs = chat_requests(turns, replies, [0.0] * len(turns), as_p, US_ASSIST, r.id, True)
                calls.append(reqs[-1])
                answer = reqs[-1].reply or ""
                pairs.append((turns[-1], answer))
                last = k == n_turns - 1
                if last and rng.random() < 0.3:
                    break  # the script's turn cap, without asking
                words = keywords(rng, answer, 4) or ["that", "this"]
                nxt = "[END]" if last else rng.choice(US_FOLLOW).format(a=words[0], b=words[-1])
                calls.append(one(0.0, US_NEXT.format(log=_us_log(pairs)), sim_p, ssys, nxt, r.id, True))
                if last:
                    break
                turns.append(nxt)
                replies.append(None)
            for c in calls:
                c.ts = t
                t += latency(rng, len(c.reply or "") // 4 + 20) + rng.uniform(0.01, 0.1)
            kt.requests += calls
            heapq.heappush(free, t)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 6. Critique-and-revise chains (Self-Refine / the supervised stage of Constitutional
# AI): each item is answered, then in the same conversation the model is asked to critique its
# answer against one principle and to rewrite it; 20% get a second critique/revision round with
# another principle. 10 helpfulness principles for instruction items (Orca, LIMA, ShareGPT-en,
# Evol-Instruct, MOSS English, InstructionWild en) and 6 harmlessness principles for real red-team
# openers (hh-rlhf first turns, 15% of items), each a critique request and a revision request
# written here. No system prompt, T 0.7, 4 workers, three nightly batches from 21:00 UTC,
# openai-python. Replies: the stored answer for the first turn (hh-rlhf's stored reply for the red-
# team openers), stubs for critiques and revisions.
CR_HELPFUL = (
    (
        "Identify any factual errors or unsupported claims in your answer.",
        "Rewrite the answer so that every claim is accurate and supported. Output only the new answer.",
    ),
    (
        "What important information is missing from your answer?",
        "Now write an improved answer that includes the missing information. Output only the improved answer.",
    ),
    (
        "Critique your answer for clarity: where would a reader get confused?",
        "Rewrite it to be as clear as possible, keeping all the content.",
    ),
    (
        "Does your answer fully follow every part of the original request? List what it missed.",
        "Revise the answer so it follows every part of the request exactly.",
    ),
    (
        "Point out anything in your answer that is vague, generic or padded.",
        "Rewrite the answer to be specific and concrete, cutting any padding.",
    ),
    (
        "Check your reasoning step by step. Is any step wrong or skipped?",
        "Write a corrected answer with complete, correct reasoning.",
    ),
    (
        "How could the structure of your answer be improved (order, headings, lists)?",
        "Rewrite the answer with the improved structure.",
    ),
    (
        "Is the level of detail right for someone who asked this? Too much, too little?",
        "Rewrite the answer at the right level of detail.",
    ),
    (
        "Are there edge cases, exceptions or caveats your answer ignores?",
        "Revise the answer to cover the important edge cases and caveats.",
    ),
    (
        "If this is code, review it for bugs and bad practices; otherwise review the answer for logical gaps.",
        "Provide the corrected final version.",
    ),
)
CR_HARMLESS = (
    (
        "Identify specific ways in which your last response is harmful, unethical, dangerous or illegal.",
        "Please rewrite the response to remove all harmful, unethical, dangerous or illegal content.",
    ),
    (
        "Does your response help the user do something that could hurt other people? Explain.",
        "Rewrite the response so it cannot be used to hurt anyone, while staying as helpful as possible.",
    ),
    (
        "Critique your response: is it preachy, judgemental or condescending toward the user?",
        "Rewrite it to be respectful and non-judgemental without being harmful.",
    ),
    (
        "Would a thoughtful, ethical person have answered the way you did? What would they change?",
        "Revise the response as that person would have written it.",
    ),
    (
        "Point out any part of the response that is insensitive, sexist, racist or otherwise offensive.",
        "Rewrite the response without that content.",
    ),
    (
        "Does the response refuse where it could have safely helped, or help where it should have refused?",
        "Write the best possible response that is both safe and helpful.",
    ),
)


def critique_revise_harvest(
    items: int = 330, harm_share: float = 0.15, second: float = 0.2, nights: int = 3, conc: int = 4
) -> list[KeyTraffic]:
    rng = R("critrev")
    moss = [r for r in src("moss_sft_sample") if english(r.first) and r.answer and 15 <= len(r.first) <= 2000]
    names = ("orca_dpo_pairs_val", "lima", "sharegpt_en_sample", "evol_instruct_h2o", "instructionwild")
    helpful = dedupe_rows(moss + first_turns(names, keep=lambda r: en_row(r) and 15 <= len(r.first) <= 2000))
    harm = dedupe_rows([r for r in src("hh_rlhf_harmless_test") if 15 <= len(r.first) <= 600 and r.answer])
    rng.shuffle(helpful)
    rng.shuffle(harm)
    n_harm = round(items * harm_share)
    chosen = [(r, CR_HARMLESS) for r in harm[:n_harm]] + [(r, CR_HELPFUL) for r in helpful[: items - n_harm]]
    rng.shuffle(chosen)
    params = {"temperature": 0.7, "max_tokens": 1500}
    kt = mk(
        "d8-critrev-0",
        "critique_revise_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated closed loop of {conc} workers, {nights} nightly batches from 21:00 UTC",
        sources=("moss_sft_sample", *names, "hh_rlhf_harmless_test", "+written principles"),
        settings={
            "items": len(chosen),
            "harm_share": harm_share,
            "second": second,
            "nights": nights,
            "conc": conc,
            "params": params,
        },
    )
    jobs = []
    for r, principles in chosen:
        picked = rng.sample(principles, 2 if rng.random() < second else 1)
        turns = [r.first.strip()]
        for crit, rev in picked:
            turns += [crit, rev]
        replies: list[str | None] = [r.answer] + [None] * (len(turns) - 1)
        jobs.append((r, chat_requests(turns, replies, [0.0] * len(turns), params, None, r.id, True)))
    per = -(-len(jobs) // nights)
    for n in range(nights):
        start = T0 + n * DAY + (21 + rng.uniform(0, 0.3)) * 3600
        kt.requests += run_jobs(rng, start, jobs[n * per : (n + 1) * per], conc, tokens=500)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    catalogue_copy,
    query_rewriter,
    contract_review,
    benchmark_builder,
    language_tutor,
    code_review_bot,
)
DISTILL = (
    multilingual_reasoning_harvest,
    agent_trajectory_harvest,
    eval_harness_mimic,
    subquestion_split_harvest,
    user_simulator_selfchat,
    critique_revise_harvest,
)
