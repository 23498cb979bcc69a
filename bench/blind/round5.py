"""Blind persona set 5 (an outside reviewer): 6 benign, 6 distiller personas.

Written without reading the detector's code, docs or results (only the realtraffic helpers
records/timing/clients/pools/context/wordings, the earlier blind sets and ../shared/traffic were
read). Every builder returns list[KeyTraffic] built from the real prompt data in ../shared/traffic
plus text written here, with the project's realtraffic helpers. ALL parameters below were fixed
before anyone replayed this set and are not tuned on outcomes. Timing is simulated everywhere
(diurnal app streams, closed-loop and throttled scripts, lab sessions of many students, a paced
human clock shaped by oasst2's real gaps).

Benign replies are the helpers' stub replies (the served model's answer is not known);
distiller requests carry the source's stored answer where it has one, as round2-4 do. Stand-ins
written here, and said so per builder: tool definitions and the tool results a backend returns,
JSON replies (the stored answer wrapped in the requested schema), needles for a haystack test,
lab handout texts, email scaffolding. Tool-call turns of the model carry no text: their reply is
None and the assistant message in the resent history has content "" plus `tool_calls`, as
apps.agent_framework does; tool results are {"role": "tool", "tool_call_id", "content"} messages.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime

from blind.round2 import T0, first_turns, htiming, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe, dedupe_rows  # round 4's text helpers
from stillroom.detector.realtraffic.clients import client
from stillroom.detector.realtraffic.context import run_jobs, service_time
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    KeyTraffic,
    Request,
    chat_requests,
    completion_request,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import (
    DAY,
    closed_loop,
    diurnal,
    latency,
    paced,
    think,
    throttled,
)

ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
MATH = re.compile(
    r"(\d+\s*[\+\-\*/x×÷]\s*\d+|how many|how much|calculate|solve|equation|percent|probability|"
    r"average|\bsum of\b|求|多少|计算|几)",
    re.I,
)


def R(*names) -> random.Random:
    return random.Random("blind5:" + ":".join(map(str, names)))


def english(text: str) -> bool:
    return not HAN.search(text) and sum(ord(c) > 127 for c in text) < 0.03 * max(1, len(text))


def served(m: dict) -> str:
    """What the guard reports as served for an assistant turn that called tools: round 35's
    `served_text` (guard/context.reply_text). This round first reported nothing for such a turn,
    as the guard did before it reported tool calls."""
    from blind.round35 import served_text  # late: round 35 imports rounds that import this one

    return served_text(m)


def call_id(rng: random.Random) -> str:
    return "call_" + "".join(rng.choice(ALNUM) for _ in range(24))


def fn(name: str, desc: str, props: dict, required: tuple[str, ...] | None = None) -> dict:
    """An OpenAI-style function tool definition."""
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": desc,
            "parameters": {
                "type": "object",
                "properties": props,
                "required": list(props if required is None else required),
            },
        },
    }


def _s(desc: str) -> dict:
    return {"type": "string", "description": desc}


def _i(desc: str) -> dict:
    return {"type": "integer", "description": desc}


def _n(desc: str) -> dict:
    return {"type": "number", "description": desc}


def _e(desc: str, *vals: str) -> dict:
    return {"type": "string", "enum": list(vals), "description": desc}


def _a(desc: str) -> dict:
    return {"type": "array", "items": {"type": "string"}, "description": desc}


Step = list[tuple[str, dict, object]]  # one assistant turn: parallel calls (function, arguments, result)


def tool_dialog(
    rng: random.Random,
    t: float,
    system: str | None,
    params: dict,
    plan: list[tuple[str, list[Step], str | None]],
    item: str = "",
    distill: bool = False,
    final_last: bool = True,
) -> tuple[list[Request], float]:
    """A tool-using conversation replayed request by request. plan: per user turn, the model's tool
    steps (each a request whose reply is a tool call, followed by the tool results) and then the
    text answer (None: a stub). With final_last False the last turn stops after its tool steps."""
    history: list[dict] = [{"role": "system", "content": system}] if system else []
    out: list[Request] = []
    last = ""
    for k, (user, steps, final) in enumerate(plan):
        if k:
            t += think(rng, len(last), len(user))
        history = [*history, {"role": "user", "content": user}]
        for step in steps:
            out.append(Request(t, "chat", user, list(history), dict(params), item, distill, None))
            calls = [(call_id(rng), f, a, res) for f, a, res in step]
            t += latency(rng, 18 + 14 * len(calls))
            history = [
                *history,
                {
                    "role": "assistant",
                    "content": "",
                    "tool_calls": [
                        {
                            "id": c,
                            "type": "function",
                            "function": {"name": f, "arguments": json.dumps(a, ensure_ascii=False)},
                        }
                        for c, f, a, _ in calls
                    ],
                },
            ]
            out[-1].reply = served(history[-1])
            history += [
                {"role": "tool", "tool_call_id": c, "content": json.dumps(res, ensure_ascii=False)}
                for c, _, _, res in calls
            ]
            t += rng.uniform(0.2, 2.5)  # the backend runs the tools
        if k == len(plan) - 1 and not final_last:
            break
        reply = final or stub_reply(user)
        out.append(Request(t, "chat", user, list(history), dict(params), item, distill, reply))
        t += latency(rng, len(reply) // 4 + 40)
        history = [*history, {"role": "assistant", "content": reply}]
        last = reply
    return out, t


def casual(rng: random.Random, text: str) -> str:
    """How people type into a chat box: sometimes lower-case, sometimes no final punctuation."""
    if rng.random() < 0.3 and text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    if rng.random() < 0.25 and len(text) > 3 and text[-1:] in ".?":
        text = text[:-1]
    return text


# =============================================================================================
# BENIGN 1. Travel-booking SaaS ("Wayfarer") whose in-app assistant calls functions: one backend
# key for thousands of end users (OpenAI `user` field set per end user), 10 tool definitions,
# tool_choice auto, streamed answers. A conversation: user message -> the model's tool call(s) ->
# the backend's tool results -> the model's answer; 0-2 follow-ups. Customer messages are written
# here from templates (slots: cities, dates, booking references); 10% are off-script real first
# turns (arena_even / oasst2 English) the assistant answers without tools. Tool results are
# written stand-ins. Diurnal, 3 days.
TA_SYSTEM = (
    "You are Wayfarer Assistant, the travel assistant in the Wayfarer app. Help the customer search, "
    "book, change and cancel flights and hotels using the tools. Never guess prices, availability or "
    "booking details: always call a tool. Confirm with the customer before cancelling or changing a "
    "booking. Be brief and friendly. If you cannot help, offer to connect a human agent.\n\n"
    "Customer: {name} (loyalty tier: {tier}, home airport: {home}). Locale: {loc}. Today is {date}."
)
TA_TOOLS = [
    fn(
        "search_flights",
        "Search available flights. Returns up to 5 offers.",
        {
            "origin": _s("IATA code of the departure airport"),
            "destination": _s("IATA code of the arrival airport"),
            "date": _s("departure date, YYYY-MM-DD"),
            "passengers": _i("number of passengers"),
            "cabin": _e("cabin class", "economy", "premium_economy", "business"),
        },
        ("origin", "destination", "date", "passengers"),
    ),
    fn(
        "create_booking",
        "Hold a flight offer for the customer and return a payment link.",
        {"offer_id": _s("offer id from search_flights"), "passengers": _i("number of passengers")},
    ),
    fn("get_booking", "Look up a booking by its reference.", {"booking_ref": _s("6-character reference")}),
    fn(
        "change_booking",
        "Move a flight booking to another offer. Only after the customer confirmed.",
        {"booking_ref": _s("booking reference"), "new_offer_id": _s("offer id")},
    ),
    fn(
        "cancel_booking",
        "Cancel a booking. Only after the customer confirmed.",
        {"booking_ref": _s("booking reference"), "reason": _s("short reason")},
    ),
    fn(
        "search_hotels",
        "Search hotels in a city for given dates.",
        {
            "city": _s("city name"),
            "check_in": _s("YYYY-MM-DD"),
            "check_out": _s("YYYY-MM-DD"),
            "guests": _i("number of guests"),
            "max_price_per_night": _n("optional budget in the customer's currency"),
        },
        ("city", "check_in", "check_out", "guests"),
    ),
    fn("get_hotel_details", "Amenities and policies of one hotel.", {"hotel_id": _s("hotel id")}),
    fn(
        "get_travel_requirements",
        "Visa and entry requirements for a destination and nationality.",
        {"destination_country": _s("country name"), "nationality": _s("passport country")},
    ),
    fn(
        "get_weather_forecast",
        "Daily forecast for a city.",
        {"city": _s("city name"), "start_date": _s("YYYY-MM-DD"), "days": _i("1-10")},
    ),
    fn(
        "escalate_to_human",
        "Hand the conversation to a human agent.",
        {"reason": _s("why"), "summary": _s("one-sentence summary for the agent")},
    ),
]
TA_CITIES = (
    ("LHR", "London", "United Kingdom"),
    ("CDG", "Paris", "France"),
    ("FRA", "Frankfurt", "Germany"),
    ("AMS", "Amsterdam", "Netherlands"),
    ("MAD", "Madrid", "Spain"),
    ("BCN", "Barcelona", "Spain"),
    ("FCO", "Rome", "Italy"),
    ("LIS", "Lisbon", "Portugal"),
    ("DUB", "Dublin", "Ireland"),
    ("CPH", "Copenhagen", "Denmark"),
    ("ATH", "Athens", "Greece"),
    ("IST", "Istanbul", "Turkey"),
    ("DXB", "Dubai", "United Arab Emirates"),
    ("JFK", "New York", "United States"),
    ("BOS", "Boston", "United States"),
    ("ORD", "Chicago", "United States"),
    ("SFO", "San Francisco", "United States"),
    ("YYZ", "Toronto", "Canada"),
    ("MEX", "Mexico City", "Mexico"),
    ("GRU", "Sao Paulo", "Brazil"),
    ("NRT", "Tokyo", "Japan"),
    ("ICN", "Seoul", "South Korea"),
    ("SIN", "Singapore", "Singapore"),
    ("BKK", "Bangkok", "Thailand"),
    ("SYD", "Sydney", "Australia"),
    ("CPT", "Cape Town", "South Africa"),
    ("MRS", "Marseille", "France"),
    ("VIE", "Vienna", "Austria"),
)
TA_NATIONS = (
    "United Kingdom",
    "Germany",
    "India",
    "United States",
    "Brazil",
    "Nigeria",
    "China",
    "Philippines",
    "Canada",
    "Mexico",
    "Turkey",
    "Pakistan",
)
TA_NAMES = (
    "Emma",
    "Liam",
    "Sofia",
    "Noah",
    "Aisha",
    "Mateo",
    "Chloe",
    "Ravi",
    "Hannah",
    "Lucas",
    "Yuki",
    "Olivia",
    "Omar",
    "Mia",
    "Daniel",
    "Fatima",
    "Jonas",
    "Grace",
    "Diego",
    "Priya",
    "Tom",
    "Elena",
    "Kwame",
    "Sara",
)
TA_AIRLINES = (("BA", "British Airways"), ("LH", "Lufthansa"), ("AF", "Air France"), ("KL", "KLM"))
TA_AIRLINES += (("IB", "Iberia"), ("TK", "Turkish Airlines"), ("EK", "Emirates"), ("UA", "United"))
TA_HOTELS = ("Grand", "Park", "Central", "Harbour", "Old Town", "Riverside", "Station", "Garden")
TA_HOTELS2 = ("Hotel", "Suites", "Inn", "Residence", "Boutique Hotel", "Apartments")
TA_FLIGHT = (
    "I need a flight from {o} to {d} on {when}, {n} {people}",
    "flights {o} to {d} {when}?",
    "Can you find me something from {o} to {d} for {when}? {n} {people}, {cabin} if possible",
    "Looking for the cheapest way to get from {o} to {d} around {when}",
    "Hi! We're {n} {people} flying {o} -> {d} on {when}. What are the options?",
    "what flights are there to {d} on {when}. leaving from {o}",
)
TA_STATUS = (
    "What's the status of my booking {ref}?",
    "can you check booking {ref} for me",
    "Hi, I booked something last week, ref {ref}. Is everything confirmed?",
    "Did my payment go through for {ref}?",
    "{ref} - what time does my flight leave?",
)
TA_CANCEL = (
    "I need to cancel my booking {ref}",
    "Please cancel {ref}, my plans changed.",
    "how do I cancel reservation {ref}? do I get a refund",
    "Cancel {ref} please, I got sick",
)
TA_CHANGE = (
    "Can I move my flight {ref} to {when}?",
    "I need to change booking {ref} to a later date, {when} ideally",
    "is it possible to fly one day later? booking {ref}",
)
TA_HOTEL = (
    "Find me a hotel in {c} from {d1} to {d2}, {n} {people}",
    "hotel in {c} for {k} nights starting {d1}, under {p} per night",
    "Any good hotels near the center of {c}? Arriving {d1}, leaving {d2}.",
    "We need a room in {c} {d1} to {d2}, {n} {people}, budget around {p} a night",
)
TA_VISA = (
    "Do I need a visa for {country} with a {nat} passport?",
    "What are the entry requirements for {country}? I'm from {nat}.",
    "I have a {nat} passport, can I travel to {country} without a visa?",
)
TA_WEATHER = (
    "What's the weather going to be like in {c} next week?",
    "will it rain in {c} on {d1}?",
    "How warm is it in {c} around {d1}? Deciding what to pack",
)
TA_HUMAN = (
    "I want to talk to a real person",
    "This is not helping. Agent please.",
    "Can I speak to someone from customer service? My luggage never arrived.",
    "human please",
)
TA_FOLLOW_BOOK = (
    "Book the cheapest one",
    "ok the first one please",
    "Let's go with the nonstop",
    "the second option looks good, book it",
)
TA_FOLLOW_HOTEL = (
    "Does the second one have free breakfast?",
    "is the first one pet friendly?",
    "What's the cancellation policy for the cheapest one?",
)
TA_THANKS = ("thanks!", "Perfect, thank you", "great thx", "ok", "Thanks, that's all.")
TA_CONFIRM = ("Yes, go ahead", "yes please", "Yes, cancel it", "ok do it")


def _ta_date(rng: random.Random, now: float) -> tuple[str, str]:
    """A travel date 2-60 days after `now`: (how the customer says it, ISO)."""
    d = datetime.fromtimestamp(now + rng.randint(2, 60) * DAY, UTC).date()
    said = rng.choice((d.strftime("%B %d").replace(" 0", " "), d.strftime("%d/%m"), d.strftime("%a %b %d")))
    return said, d.isoformat()


def _ta_offers(rng: random.Random, o: str, d: str, iso: str, n: int) -> dict:
    offers = []
    for _ in range(rng.randint(2, 5)):
        code, name = rng.choice(TA_AIRLINES)
        h = rng.randint(6, 21)
        dur = rng.randint(75, 780)
        offers.append(
            {
                "offer_id": f"OF-{rng.randint(100000, 999999)}",
                "airline": name,
                "flight": f"{code} {rng.randint(10, 2999)}",
                "depart": f"{iso}T{h:02d}:{rng.choice((0, 10, 25, 40, 55)):02d}",
                "duration_min": dur,
                "stops": rng.choice((0, 0, 1, 1, 2)),
                "price": {"amount": round(rng.uniform(60, 1400) * n), "currency": "EUR"},
                "seats_left": rng.randint(1, 9),
            }
        )
    return {"origin": o, "destination": d, "date": iso, "offers": offers}


def _ta_booking(rng: random.Random, ref: str, now: float) -> dict:
    _, iso = _ta_date(rng, now)
    o, d = rng.sample(TA_CITIES, 2)
    return {
        "booking_ref": ref,
        "type": rng.choice(("flight", "flight", "hotel")),
        "status": rng.choice(("confirmed", "confirmed", "pending_payment", "ticketed")),
        "itinerary": f"{o[0]} -> {d[0]} on {iso}",
        "passengers": rng.randint(1, 4),
        "refundable": rng.random() < 0.4,
        "change_fee": {"amount": rng.choice((0, 50, 75, 120)), "currency": "EUR"},
    }


def _ta_conversation(rng: random.Random, now: float, offscript: list[str]) -> list:
    """One customer's plan for tool_dialog (user text, tool steps, None)."""
    intent = rng.choices(
        ("flight", "status", "hotel", "cancel", "change", "visa", "weather", "human", "offscript"),
        (0.25, 0.15, 0.15, 0.08, 0.07, 0.08, 0.07, 0.05, 0.10),
    )[0]
    o, d = rng.sample(TA_CITIES, 2)
    n = rng.choice((1, 1, 1, 2, 2, 3, 4))
    people = "adults" if n > 1 else "adult"
    ref = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    said, iso = _ta_date(rng, now)
    plan: list = []
    if intent == "flight":
        cabin = rng.choice(("economy", "economy", "business", "premium_economy"))
        user = rng.choice(TA_FLIGHT).format(
            o=rng.choice((o[1], o[0])), d=d[1], when=said, n=n, people=people, cabin=cabin.replace("_", " ")
        )
        args = {"origin": o[0], "destination": d[0], "date": iso, "passengers": n}
        if "cabin" in user or rng.random() < 0.2:
            args["cabin"] = cabin
        res = _ta_offers(rng, o[0], d[0], iso, n)
        plan.append((casual(rng, user), [[("search_flights", args, res)]], None))
        if rng.random() < 0.5:
            offer = rng.choice(res["offers"])
            hold = {"booking_ref": ref, "status": "held", "total": offer["price"], "pay_by": f"{iso}T00:00"}
            hold["payment_link"] = f"https://pay.wayfarer.example/{ref}"
            plan.append(
                (
                    rng.choice(TA_FOLLOW_BOOK),
                    [[("create_booking", {"offer_id": offer["offer_id"], "passengers": n}, hold)]],
                    None,
                )
            )
    elif intent == "status":
        user = rng.choice(TA_STATUS).format(ref=ref)
        plan.append(
            (casual(rng, user), [[("get_booking", {"booking_ref": ref}, _ta_booking(rng, ref, now))]], None)
        )
    elif intent == "cancel":
        user = rng.choice(TA_CANCEL).format(ref=ref)
        plan.append(
            (casual(rng, user), [[("get_booking", {"booking_ref": ref}, _ta_booking(rng, ref, now))]], None)
        )
        if rng.random() < 0.7:
            done = {"booking_ref": ref, "status": "cancelled", "refund": {"amount": rng.randint(0, 900)}}
            reason = rng.choice(("change of plans", "illness", "customer request"))
            args = {"booking_ref": ref, "reason": reason}
            plan.append((rng.choice(TA_CONFIRM), [[("cancel_booking", args, done)]], None))
    elif intent == "change":
        user = rng.choice(TA_CHANGE).format(ref=ref, when=said)
        bk = _ta_booking(rng, ref, now)
        res = _ta_offers(rng, o[0], d[0], iso, n)
        args = {"origin": o[0], "destination": d[0], "date": iso, "passengers": bk["passengers"]}
        steps = [[("get_booking", {"booking_ref": ref}, bk)], [("search_flights", args, res)]]
        plan.append((casual(rng, user), steps, None))
        if rng.random() < 0.6:
            offer = rng.choice(res["offers"])
            done = {"booking_ref": ref, "status": "changed", "fee_charged": bk["change_fee"]}
            args2 = {"booking_ref": ref, "new_offer_id": offer["offer_id"]}
            plan.append((f"ok the {offer['depart'][-5:]} one", [[("change_booking", args2, done)]], None))
    elif intent == "hotel":
        c = d
        k = rng.randint(1, 7)
        d2s, d2 = _ta_date(rng, now)
        p = rng.choice((80, 100, 120, 150, 200, 250))
        user = rng.choice(TA_HOTEL).format(c=c[1], d1=said, d2=d2s, n=n, people=people, k=k, p=p)
        args = {"city": c[1], "check_in": iso, "check_out": d2, "guests": n}
        if "budget" in user or "under" in user:
            args["max_price_per_night"] = p
        hotels = [
            {
                "hotel_id": f"H{rng.randint(10000, 99999)}",
                "name": f"{rng.choice(TA_HOTELS)} {rng.choice(TA_HOTELS2)} {c[1]}",
                "stars": rng.randint(2, 5),
                "rating": round(rng.uniform(6.5, 9.6), 1),
                "price_per_night": rng.randint(55, 320),
                "distance_to_center_km": round(rng.uniform(0.2, 6), 1),
            }
            for _ in range(rng.randint(3, 5))
        ]
        plan.append((casual(rng, user), [[("search_hotels", args, {"results": hotels})]], None))
        if rng.random() < 0.3:
            h = rng.choice(hotels)
            det = {
                "hotel_id": h["hotel_id"],
                "breakfast_included": rng.random() < 0.5,
                "pets_allowed": rng.random() < 0.3,
                "free_cancellation_until": "48h before check-in",
                "check_in_from": "15:00",
            }
            plan.append(
                (
                    rng.choice(TA_FOLLOW_HOTEL),
                    [[("get_hotel_details", {"hotel_id": h["hotel_id"]}, det)]],
                    None,
                )
            )
    elif intent == "visa":
        nat = rng.choice(TA_NATIONS)
        user = rng.choice(TA_VISA).format(country=d[2], nat=nat)
        res = {
            "visa_required": rng.random() < 0.4,
            "max_stay_days": rng.choice((30, 90, 180)),
            "passport_validity_months": rng.choice((3, 6)),
            "eta_required": rng.random() < 0.3,
            "source": "Timatic",
        }
        args = {"destination_country": d[2], "nationality": nat}
        plan.append((casual(rng, user), [[("get_travel_requirements", args, res)]], None))
    elif intent == "weather":
        user = rng.choice(TA_WEATHER).format(c=d[1], d1=said)
        first = datetime.fromisoformat(iso)
        high = rng.randint(2, 30)
        days = [
            {
                "date": datetime.fromtimestamp(first.timestamp() + j * DAY).date().isoformat(),
                "high_c": high + rng.randint(-3, 3),
                "low_c": high - rng.randint(5, 11),
                "rain_mm": rng.choice((0, 0, 0, 1, 3, 8, 14)),
            }
            for j in range(rng.randint(3, 7))
        ]
        args = {"city": d[1], "start_date": iso, "days": len(days)}
        plan.append((casual(rng, user), [[("get_weather_forecast", args, {"daily": days})]], None))
    elif intent == "human":
        user = rng.choice(TA_HUMAN)
        res = {"queued": True, "position": rng.randint(1, 14), "estimated_wait_min": rng.randint(2, 25)}
        args = {"reason": "customer request", "summary": user[:80]}
        plan.append((user, [[("escalate_to_human", args, res)]], None))
    else:
        plan.append((rng.choice(offscript), [], None))
    if rng.random() < 0.25:
        plan.append((rng.choice(TA_THANKS), [], None))
    return plan


def travel_tool_agent(per_day: int = 380, days: int = 3) -> list[KeyTraffic]:
    rng = R("travel")
    offscript = dedupe(
        r.first.strip()
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        if 4 <= len(r.first.strip()) <= 300 and english(r.first) and r.extra.get("lang", "en") == "en"
    )
    base = {"temperature": 0.3, "max_tokens": 700, "tools": TA_TOOLS, "tool_choice": "auto"}
    base |= {"parallel_tool_calls": False, "stream": True}
    kt = mk(
        "b5-travel-0",
        "travel_tool_agent",
        "benign",
        "app",
        client(rng, "openai-js"),
        timing="simulated diurnal conversation starts; latency + tool time inside a turn, think() between turns",
        sources=("arena_even", "oasst2_threads", "+written customer messages, tools and tool results"),
        settings={
            "per_day": per_day,
            "days": days,
            "tools": len(TA_TOOLS),
            "params": {**base, "tools": "10 defs"},
        },
    )
    locs = ("en-GB", "en-US", "en-IE", "en-AU", "en-IN", "de-DE", "fr-FR", "es-ES", "nl-NL")
    for t in diurnal(rng, T0 + 4 * 3600, per_day * days, per_day):
        date = datetime.fromtimestamp(t, UTC).strftime("%A %d %B %Y")
        sysp = TA_SYSTEM.format(
            name=rng.choice(TA_NAMES),
            tier=rng.choice(("none", "none", "silver", "gold", "platinum")),
            home=rng.choice(TA_CITIES)[0],
            loc=rng.choice(locs),
            date=date,
        )
        params = base | {"user": f"wf_{rng.getrandbits(48):012x}"}
        reqs, _ = tool_dialog(rng, t, sysp, params, _ta_conversation(rng, t, offscript))
        kt.requests += reqs
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Document-management SaaS ("PaperTrail") auto-tagging uploaded documents with
# structured outputs (response_format json_schema, strict, T=0). Documents: real texts (AGIEval
# reading passages in English and Chinese, LogiQA paragraphs, long real user turns and long replies
# from arena_even / oasst2). Single uploads arrive diurnally, folder uploads come as bursts worked by
# a 4-worker queue; 3% of calls are retried unchanged (schema validation failed). On the night of
# day 2 a backfill re-processes 650 earlier documents with schema v2 (8 workers). Days Mon-Wed.
EX_SYSTEM = (
    "You extract metadata from documents uploaded to PaperTrail. Use only information that is in the "
    "document. Use empty arrays when a field has no values. The summary has at most two sentences and "
    "is written in the document's language."
)
EX_USER = "Document ID: {id}\nFile name: {fname}\nWorkspace: {ws}\n\n<document>\n{text}\n</document>"
EX_TYPES = ("article", "letter", "legal", "academic", "fiction", "advertisement", "instructions")
EX_TYPES += ("discussion", "code", "other")
_EX_PROPS = {
    "title": {"type": "string"},
    "document_type": {"type": "string", "enum": list(EX_TYPES)},
    "language": {"type": "string", "description": "ISO 639-1"},
    "summary": {"type": "string"},
    "people": {"type": "array", "items": {"type": "string"}},
    "organizations": {"type": "array", "items": {"type": "string"}},
    "locations": {"type": "array", "items": {"type": "string"}},
    "dates": {"type": "array", "items": {"type": "string"}},
    "topics": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    "sentiment": {"type": "string", "enum": ["positive", "neutral", "negative", "mixed"]},
    "contains_personal_data": {"type": "boolean"},
}
EX_SCHEMA_V1 = {"type": "object", "properties": _EX_PROPS, "required": list(_EX_PROPS)}
EX_SCHEMA_V1["additionalProperties"] = False
_EX_PROPS2 = {
    **_EX_PROPS,
    "key_points": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    "reading_level": {"type": "string", "enum": ["basic", "intermediate", "advanced"]},
    "action_items": {"type": "array", "items": {"type": "string"}},
}
EX_SCHEMA_V2 = {"type": "object", "properties": _EX_PROPS2, "required": list(_EX_PROPS2)}
EX_SCHEMA_V2["additionalProperties"] = False
EX_FNAME = ("scan", "document", "export", "notes", "IMG", "upload", "memo", "draft", "report", "letter")
EX_EXT = ("pdf", "pdf", "pdf", "docx", "txt", "md", "eml", "html")


def ex_documents() -> list[str]:
    docs = []
    for r in src("agieval_v1"):
        if r.extra.get("task") in ("lsat-rc", "sat-en", "gaokao-english", "gaokao-chinese", "logiqa-en"):
            parts = r.first.rsplit("\n\n", 1)
            if len(parts) == 2 and len(parts[0].strip()) >= 150:
                docs.append(parts[0].strip())
    for s in ("arena_even", "oasst2_threads"):
        for r in src(s):
            docs += [t.strip() for t in r.turns if len(t.strip()) >= 500]
            docs += [x.strip() for x in r.replies if x and len(x.strip()) >= 600]
    return dedupe(docs)


def doc_extraction_json(per_day: int = 520, days: int = 3, backfill: int = 650) -> list[KeyTraffic]:
    rng = R("docx")
    docs = ex_documents()
    rng.shuffle(docs)
    fmt1 = {
        "type": "json_schema",
        "json_schema": {"name": "document_metadata", "strict": True, "schema": EX_SCHEMA_V1},
    }
    fmt2 = {
        "type": "json_schema",
        "json_schema": {"name": "document_metadata_v2", "strict": True, "schema": EX_SCHEMA_V2},
    }
    p1 = {"temperature": 0, "max_tokens": 900, "response_format": fmt1}
    p2 = {"temperature": 0, "max_tokens": 1200, "response_format": fmt2}
    kt = mk(
        "b5-docx-0",
        "doc_extraction_json",
        "benign",
        "app",
        client(rng, "openai-python", EX_SYSTEM),
        timing="simulated: diurnal single uploads, folder bursts (4 workers), backfill night of day 2 (8 workers)",
        sources=("agieval_v1", "arena_even", "oasst2_threads", "+written schema"),
        settings={"per_day": per_day, "days": days, "backfill": backfill, "docs": len(docs)},
    )
    workspaces = [f"ws_{rng.getrandbits(32):08x}" for _ in range(140)]
    done: list[str] = []  # user texts already processed (schema v1)
    di = 0

    def next_doc() -> str:
        nonlocal di
        d = docs[di % len(docs)] if di < len(docs) else rng.choice(docs)
        di += 1
        return d

    def user_text(d: str, ws: str) -> str:
        fname = f"{rng.choice(EX_FNAME)}_{rng.randint(1, 9999):04d}.{rng.choice(EX_EXT)}"
        return EX_USER.format(id=f"doc_{rng.getrandbits(40):010x}", fname=fname, ws=ws, text=d)

    def emit(text: str, t: float, p: dict) -> None:
        kt.requests.extend(chat_requests([text], [None], [t], dict(p), EX_SYSTEM))
        if rng.random() < 0.03:  # validation failed or timed out: the same call again
            kt.requests.extend(chat_requests([text], [None], [t + rng.uniform(1.0, 6.0)], dict(p), EX_SYSTEM))

    n = per_day * days
    singles = round(n * 0.55)
    for t in diurnal(rng, T0 + 5 * 3600, singles, singles / days):
        text = user_text(next_doc(), rng.choice(workspaces))
        emit(text, t, p1)
        done.append(text)
    left = n - singles
    folders = []
    while left > 0:
        k = min(left, rng.randint(4, 30))
        folders.append(k)
        left -= k
    for k, st in zip(folders, diurnal(rng, T0 + 5 * 3600, len(folders), len(folders) / days), strict=True):
        ws = rng.choice(workspaces)
        texts = [user_text(next_doc(), ws) for _ in range(k)]
        svc = [latency(rng, rng.randint(120, 320)) + len(x) / 40000 for x in texts]
        for text, t in zip(texts, closed_loop(rng, st, svc, 4), strict=True):
            emit(text, t, p1)
            done.append(text)
    olds = rng.sample(done, min(backfill, len(done)))
    svc = [latency(rng, rng.randint(160, 420)) + len(x) / 40000 for x in olds]
    for text, t in zip(
        olds, closed_loop(rng, T0 + 2 * DAY + 1 * 3600 + rng.uniform(0, 600), svc, 8), strict=True
    ):
        emit(text, t, p2)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. University course lab: ~195 students of an "Applied NLP" course share one department
# key during two 2-hour lab sessions (Tue 13:00 and Thu 09:00 UTC), each from a Colab notebook
# with the openai SDK. The handout (written here) walks through: a hello request and a question of
# their own (real short questions: nq_open / arena / oasst2), a temperature sweep, zero- vs
# few-shot sentiment over 6 fixed reviews, direct vs "think step by step" on 3 fixed BBH items, and
# a small chatbot with a persona system prompt chatting a real conversation's user turns (arena,
# oasst2). Students run at their own pace, rerun cells (10%), stop at the end of the lab; 45% of
# those who did not finish do the rest in the evening. A TA runs the whole notebook 2 h before.
LAB_HELLO = (
    "Hello! Which model are you?",
    "Say hello to the class!",
    "hi",
    "Hello, world",
    "Are you working?",
    "What can you do?",
)
LAB_TEMP = (
    "Write a one-sentence story about a robot learning to paint.",
    "Write a one-sentence story about a cat who becomes a chef.",
    "Write a one-sentence story about a robot that learns to paint.",
    "Write a one sentence story about a dragon who is afraid of the dark.",
)
LAB_SENT_SYS = "You are a sentiment classifier. Answer with exactly one word: positive, negative or neutral."
LAB_REVIEWS = (
    "The battery lasts two full days and the screen is gorgeous. Best phone I've owned.",
    "Arrived broken and customer service never answered my emails.",
    "I wanted to love this restaurant, but the food was cold and the waiter was rude.",
    "Absolutely magical evening, the band played all our favourite songs!",
    "The movie was two hours long.",
    "Worst update ever - the app crashes every time I open it.",
)
LAB_ZERO = "Classify the sentiment of this review.\n\nReview: {r}\nSentiment:"
LAB_FEW = (
    "Classify the sentiment of each review.\n\n"
    "Review: I love how light this laptop is.\nSentiment: positive\n\n"
    "Review: The package came a day late.\nSentiment: neutral\n\n"
    "Review: Total waste of money, it stopped working after a week.\nSentiment: negative\n\n"
    "Review: {r}\nSentiment:"
)
LAB_BBH_TASKS = ("date_understanding", "object_counting", "navigate")
LAB_COT = "\n\nLet's think step by step."
LAB_PERSONAS = (
    "You are a pirate. Answer everything like a pirate.",
    "You are a helpful assistant.",
    "You are Shakespeare. Answer in the style of Shakespeare.",
    "You are a grumpy teaching assistant who answers correctly but complains a lot.",
    "Only answer with emojis.",
    "You are a friendly chatbot called Bob.",
    "You are a sarcastic assistant.",
    "You are an expert travel guide.",
    "Answer in one sentence.",
    "You are a helpful assistant that always answers in French.",
    "You are a cat.",
    "You are a kind tutor for 10-year-olds.",
)


def course_lab_shared_key(sections: tuple = ((1, 13.0, 100), (3, 9.0, 95))) -> list[KeyTraffic]:
    rng = R("lab")
    own = dedupe(
        [r.first.strip() for r in src("nq_open_dev")]
        + [
            r.first.strip()
            for s in ("arena_even", "oasst2_threads")
            for r in src(s)
            if 4 <= len(r.first.strip()) <= 300 and english(r.first) and r.extra.get("lang", "en") == "en"
        ]
    )
    convs = [
        r
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        if len(r.turns) >= 2 and english(r.first) and r.extra.get("lang", "en") == "en"
    ]
    bbh = [next(r.first for r in src("bbh") if r.extra.get("task") == task) for task in LAB_BBH_TASKS]
    kt = mk(
        "b5-lab-0",
        "course_lab_shared_key",
        "benign",
        "app",
        client(rng, "openai-python"),
        timing="simulated: per-student notebook runs inside two 2-hour labs, evening homework, TA check",
        sources=("nq_open_dev", "arena_even", "oasst2_threads", "bbh", "+written lab handout"),
        settings={"sections": sections},
    )
    p_sent = {"temperature": 0, "max_tokens": 5}
    p_direct = {"temperature": 0, "max_tokens": 20}
    p_cot = {"temperature": 0, "max_tokens": 400}

    def cells(srng: random.Random) -> list[list[tuple]]:
        """The student's notebook cells: each a list of (turns, system, params)."""
        out = [[([srng.choice(LAB_HELLO)], None, {})]]
        out.append([([srng.choice(own)], None, {})])
        temps = (0, 0.7, 1.2) if srng.random() < 0.7 else (0, 0.5, 1.0, 1.5)
        reps = 1 if srng.random() < 0.75 else 3
        tp = srng.choice(LAB_TEMP)
        out.append([([tp], None, {"temperature": T}) for T in temps for _ in range(reps)])
        out.append([([LAB_ZERO.format(r=r)], LAB_SENT_SYS, p_sent) for r in LAB_REVIEWS])
        out.append([([LAB_FEW.format(r=r)], LAB_SENT_SYS, p_sent) for r in LAB_REVIEWS])
        cot = []
        for x in bbh:
            cot += [([x], None, p_direct), ([x + LAB_COT], None, p_cot)]
        out.append(cot)
        conv = srng.choice(convs)
        turns = [casual(srng, u.strip()) for u in conv.turns[: srng.randint(2, 5)]]
        persona = srng.choice(LAB_PERSONAS)
        out.append([(turns, persona, {"temperature": srng.choice((0.7, 0.9, 1.0))})])
        return out

    def run_cell(srng, t: float, cell: list[tuple]) -> float:
        for turns, sysp, p in cell:
            times = [t]
            for nxt in turns[1:]:
                times.append(times[-1] + think(srng, 500, len(nxt)))
            kt.requests.extend(chat_requests(turns, [None] * len(turns), times, dict(p), sysp))
            t = times[-1] + service_time(srng, None, p, 120) + srng.uniform(0.05, 0.4)
        return t

    for s_i, (day, hour, students) in enumerate(sections):
        lab = T0 + day * DAY + hour * 3600
        ta = R("lab", s_i, "ta")  # the TA's check run
        t = lab - 2 * 3600 + ta.uniform(0, 900)
        for c in cells(ta):
            t = run_cell(ta, t, c) + ta.uniform(20, 90)
        for st in range(students):
            srng = R("lab", s_i, st)
            t = lab + srng.uniform(60, 900)
            end = lab + 2 * 3600 + srng.uniform(-900, 300)
            todo = cells(srng)
            while todo and t < end:
                c = todo.pop(0)
                t = run_cell(srng, t, c)
                if srng.random() < 0.1:  # edited something, ran the cell again
                    t = run_cell(srng, t + srng.uniform(15, 120), c)
                t += srng.uniform(30, 300)
            if todo and srng.random() < 0.45:  # homework in the evening (today or tomorrow)
                t = T0 + (day + srng.choice((0, 0, 1))) * DAY + srng.uniform(17.5, 22.5) * 3600
                for c in todo:
                    t = run_cell(srng, t, c) + srng.uniform(30, 400)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Trust & safety data-science team of a forum company scoring messages with token
# probabilities: one Yes/No question per category, max_tokens 1, logprobs with top_logprobs 5,
# T=0; P(Yes) is their score. Nightly batch (02:30 UTC, 4 nights, 8 workers) over 180 new forum
# messages x 4 categories; on day 2 a calibration notebook re-scores 160 of night 1's messages with
# two prompt phrasings for 2 categories (4 async workers). Messages: real human turns of
# hh-rlhf (adversarial), arena and oasst2 (English), standing in for forum posts.
MOD_SYSTEM = (
    "You are a content-moderation classifier for the Hearthside community forums. Reply with exactly "
    "one word: Yes or No."
)
MOD_CATS = {
    "harassment": "Is the following forum message harassing, insulting or threatening toward a person or group?",
    "self_harm": "Does the following forum message express an intent to self-harm, or encourage self-harm or suicide?",
    "violence": "Does the following forum message describe, plan or encourage violence or other dangerous illegal activity?",
    "sexual": "Is the following forum message sexually explicit?",
}
MOD_ALT = {
    "harassment": "Would a reasonable moderator consider this message a personal attack, harassment or hate speech?",
    "violence": "Does this message give instructions for, or express support for, violence or serious crime?",
}
MOD_USER = '{q}\n\nMessage:\n"""\n{m}\n"""\n\nAnswer Yes or No.'


def moderation_logprob_scores(per_night: int = 180, nights: int = 4, calib: int = 160) -> list[KeyTraffic]:
    rng = R("mod")
    msgs = dedupe(
        [t.strip() for r in src("hh_rlhf_harmless_test") for t in r.turns if 5 <= len(t.strip()) <= 700]
        + [
            t.strip()
            for s in ("arena_even", "oasst2_threads")
            for r in src(s)
            for t in r.turns
            if 5 <= len(t.strip()) <= 700 and english(t) and r.extra.get("lang", "en") == "en"
        ]
    )
    rng.shuffle(msgs)
    params = {"temperature": 0, "max_tokens": 1, "logprobs": True, "top_logprobs": 5}
    kt = mk(
        "b5-mod-0",
        "moderation_logprob_scores",
        "benign",
        "evaluation",
        client(rng, "httpx", MOD_SYSTEM),
        timing="simulated: nightly closed-loop batch (8 workers), calibration notebook day 2 (4 workers)",
        sources=("hh_rlhf_harmless_test", "arena_even", "oasst2_threads", "+written category questions"),
        settings={"per_night": per_night, "nights": nights, "calib": calib, "params": params},
    )

    def run(texts: list[str], start: float, conc: int) -> None:
        svc = [latency(rng, 1) + len(x) / 60000 for x in texts]
        for text, t in zip(texts, closed_loop(rng, start, svc, conc), strict=True):
            kt.requests.extend(chat_requests([text], [None], [t], dict(params), MOD_SYSTEM))

    night1 = []
    for d in range(nights):
        batch = msgs[d * per_night : (d + 1) * per_night]
        if d == 0:
            night1 = batch
        texts = [MOD_USER.format(q=q, m=m) for m in batch for q in MOD_CATS.values()]
        run(texts, T0 + (d + 1) * DAY + 2.5 * 3600 + rng.uniform(0, 300), 8)
    cal = rng.sample(night1, min(calib, len(night1)))
    texts = [MOD_USER.format(q=MOD_CATS[c], m=m) for c in MOD_ALT for m in cal]
    texts += [MOD_USER.format(q=MOD_ALT[c], m=m) for c in MOD_ALT for m in cal]
    run(texts, T0 + 2 * DAY + 14.2 * 3600, 4)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. Email client's "smart compose": as a user types, the backend (Go) asks the legacy
# completions endpoint for a short continuation of the draft (stream, max_tokens 24, T=0.2,
# stop at a blank line) each time typing pauses at a word end; every request carries the draft so
# far, so one email yields a run of growing prefixes 1-10 s apart. Header lines and reply quotes
# are written here; the draft bodies are written emails (40%) or real English user messages
# (arena / oasst2, 80-700 characters; 60%). Diurnal, 2 days.
EM_SUBJECTS = (
    "Quick question",
    "Re: meeting next week",
    "Follow-up on our call",
    "Invoice #{n}",
    "Re: project timeline",
    "Weekend plans",
    "Thank you!",
    "Re: Re: budget draft",
    "Request for feedback",
    "Updated schedule",
    "Re: your order {n}",
    "Help needed",
    "Introduction",
    "Re: apartment viewing",
    "Question about the assignment",
)
EM_NAMES = ("Anna", "Mark", "Julia", "Peter", "Sam", "Laura", "David", "Nina", "Chris", "Maria", "Tom")
EM_NAMES += ("Sophie", "Ahmed", "Karen", "Luis", "team", "all")
EM_BODIES = (
    "Thanks for sending the slides over. I had a look this morning and I think the structure works well. "
    "Could we move the budget section before the timeline? I'd also like to add one slide on risks.",
    "I'm writing to follow up on the invoice from last month. Our accounting team says it hasn't been paid "
    "yet, although the due date was the 15th. Could you check on your side and let me know?",
    "Just a reminder that the office will be closed on Friday for the holiday. Please make sure any urgent "
    "requests are submitted by Thursday at noon.",
    "Sorry for the late reply, it has been a crazy week. Tuesday works for me, but only after 2pm. "
    "Would 3pm be okay for you? I can book the small meeting room.",
    "Thank you so much for the lovely dinner on Saturday. The kids haven't stopped talking about the "
    "dessert. We'd love to have you over at our place next time.",
    "I saw the listing for the two-bedroom apartment on Elm Street and I'm very interested. Is it still "
    "available? I could come for a viewing any evening this week.",
    "Please find attached the updated schedule for the spring term. The main change is that the lab "
    "sessions move from Monday to Wednesday afternoon.",
    "I wanted to introduce you to Sarah, who leads our data team. She has been working on a similar "
    "problem and I think you two should talk.",
    "Unfortunately I won't be able to make it to the workshop tomorrow because my daughter is sick. "
    "Could you send me the recording afterwards?",
    "We received your order and it will ship within two business days. You will get a tracking number "
    "by email as soon as the package leaves our warehouse.",
    "Following our conversation yesterday, here is a short summary of what we agreed: you will prepare "
    "the draft contract, and we will review it by the end of next week.",
    "Could you give me some feedback on my cover letter before I send it? I'm not sure the second "
    "paragraph is strong enough.",
)
EM_INCOMING = (
    "Hi, are you free for a quick call sometime this week to go over the proposal?",
    "Hello, we noticed that your subscription is about to expire. Would you like to renew?",
    "Hey! Are we still on for Saturday? Let me know if anything changed.",
    "Dear customer, your order has been delayed due to high demand. We apologise for the inconvenience.",
    "Hi, could you send me the latest version of the report before Friday?",
    "Thanks for applying. We'd like to invite you to a first interview. Which days work for you?",
)
EM_PROMPT = "From: {me}\nTo: {to}\nSubject: {subj}\n\n{quote}{draft}"
EM_QUOTE = '[Replying to: "{q}"]\n\n'


def email_smart_compose(per_day: int = 180, days: int = 2) -> list[KeyTraffic]:
    rng = R("compose")
    real = dedupe(
        t.strip()
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        for t in r.turns
        if 80 <= len(t.strip()) <= 700
        and english(t)
        and r.extra.get("lang", "en") == "en"
        and "```" not in t
        and t.count("\n") <= 6
    )
    params = {"temperature": 0.2, "max_tokens": 24, "stream": True, "stop": ["\n\n"], "n": 1}
    kt = mk(
        "b5-compose-0",
        "email_smart_compose",
        "benign",
        "app",
        client(rng, "go"),
        timing="simulated diurnal drafts; requests at typing pauses (3-7 chars/s), debounce >= 1 s",
        sources=("arena_even", "oasst2_threads", "+written email scaffolding"),
        settings={"per_day": per_day, "days": days, "params": params},
    )
    for st in diurnal(rng, T0 + 6 * 3600, per_day * days, per_day):
        to = rng.choice(EM_NAMES)
        greet = rng.choice((f"Hi {to},\n\n", f"Hello {to},\n\n", f"Dear {to},\n\n", f"Hey {to},\n\n", ""))
        body = rng.choice(EM_BODIES) if rng.random() < 0.4 else rng.choice(real)
        text = greet + body
        me = f"{rng.choice(EM_NAMES[:15]).lower()}.{rng.choice(('k', 'm', 'l', 's', 'b'))}@mail.example"
        subj = rng.choice(EM_SUBJECTS).format(n=rng.randint(1000, 99999))
        quote = rng.choice(EM_INCOMING) if subj.startswith("Re:") else None
        cps = rng.uniform(3.0, 7.0)
        t, last, words, sent = st, -10.0, 0, 0
        for m in re.finditer(r"\S+\s*", text):
            t += len(m.group(0)) / cps * rng.uniform(0.6, 1.5)
            words += 1
            end_sent = m.group(0).rstrip()[-1:] in ".?!,"
            if end_sent:
                t += rng.uniform(0.5, 4.0)
            if words < 3 or t - last < 1.0 or sent >= 30:
                continue
            if rng.random() < (0.55 if end_sent else 0.13):
                q = EM_QUOTE.format(q=quote) if quote else ""
                prompt = EM_PROMPT.format(me=me, to=to, subj=subj, quote=q, draft=text[: m.end()])
                kt.requests.append(completion_request(t, prompt, dict(params)))
                last, sent = t, sent + 1
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 6. NLP research group measuring position bias in long-context reading comprehension:
# AGIEval reading items (LSAT-RC, SAT-en, Gaokao-English) with the relevant passage hidden among
# other passages of the same benchmark, total 10k / 20k / 30k characters, relevant passage first,
# middle or last, plus a gold-only baseline (100 items x 10 conditions, T=0, answer letter only);
# a needle-in-a-haystack sweep (3 needles written here, haystacks of real long replies from arena /
# oasst2, 6 lengths x 11 depths); and a quote-first variant on the 30k condition. 3 workers (the
# tokens-per-minute limit), Tue-Wed.
LC_HEAD = (
    "Below are several passages. Only one of them is relevant to the question that follows.\n\n{ctx}\n\n"
)
LC_TAIL = "Question: {q}\n\nAnswer with the letter of the correct option only."
LC_QUOTE_SYS = (
    "First quote the sentence(s) from the passages that support the answer, then give the letter of "
    "the correct option on the last line as 'Answer: X'."
)
LC_NEEDLES = (
    (
        "The secret ingredient in Grandma Rosa's famous lasagna is a pinch of nutmeg in the béchamel.",
        "What is the secret ingredient in Grandma Rosa's famous lasagna?",
    ),
    (
        "The best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.",
        "What is the best thing to do in San Francisco?",
    ),
    (
        "The access code for the east storage room at the Halden research station is 4-7-1-9.",
        "What is the access code for the east storage room at the Halden research station?",
    ),
)
LC_NIAH = "{hay}\n\nBased only on the text above, answer the question in one sentence.\nQuestion: {q}"


def longctx_position_study(items: int = 100, conc: int = 3) -> list[KeyTraffic]:
    rng = R("longctx")
    rc = [r for r in src("agieval_v1") if r.extra.get("task") in ("lsat-rc", "sat-en", "gaokao-english")]
    split = [(r, *r.first.rsplit("\n\n", 1)) for r in rc if "\n\n" in r.first]
    passages = dedupe(p.strip() for _, p, _ in split)
    chosen = rng.sample(split, items)
    hay_src = dedupe(
        x.strip()
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        for x in r.replies
        if x and len(x.strip()) >= 600 and english(x)
    )
    p_rc = {"temperature": 0, "max_tokens": 5}
    p_niah = {"temperature": 0, "max_tokens": 60}
    p_quote = {"temperature": 0, "max_tokens": 300}
    kt = mk(
        "b5-longctx-0",
        "longctx_position_study",
        "benign",
        "evaluation",
        client(rng, "openai-python"),
        timing=f"simulated closed loop, {conc} workers; RC day 1, haystack + quote-first day 2",
        sources=("agieval_v1", "arena_even", "oasst2_threads", "+written needles"),
        settings={"items": items, "lengths": (10000, 20000, 30000), "positions": 3, "params": p_rc},
    )

    def context(gold: str, target: int, pos: str, crng: random.Random) -> str:
        others = [p for p in passages if p != gold]
        crng.shuffle(others)
        picked, size = [], len(gold)
        for p in others:
            if size >= target:
                break
            picked.append(p)
            size += len(p) + 16
        at = {"first": 0, "middle": len(picked) // 2, "last": len(picked)}[pos]
        docs = [*picked[:at], gold, *picked[at:]]
        return "\n\n".join(f"Passage {j + 1}:\n{d}" for j, d in enumerate(docs))

    def run(plan: list[tuple[str, str | None, dict]], start: float) -> None:
        svc = [latency(rng, p["max_tokens"]) + len(x) / 9000 for x, _, p in plan]
        for (text, sysp, p), t in zip(plan, closed_loop(rng, start, svc, conc), strict=True):
            kt.requests.extend(chat_requests([text], [None], [t], dict(p), sysp))

    plan = []
    for j, (_, gold, q) in enumerate(chosen):
        gold = gold.strip()
        crng = R("longctx", "ctx", j)
        plan.append((f"Passage:\n{gold}\n\n" + LC_TAIL.format(q=q.strip()), None, p_rc))
        for target in (10000, 20000, 30000):
            for pos in ("first", "middle", "last"):
                ctx = context(gold, target, pos, crng)
                plan.append((LC_HEAD.format(ctx=ctx) + LC_TAIL.format(q=q.strip()), None, p_rc))
    run(plan, T0 + 1 * DAY + 14 * 3600)
    plan = []
    for ni, (needle, q) in enumerate(LC_NEEDLES):
        hrng = R("longctx", "hay", ni)
        order = list(hay_src)
        hrng.shuffle(order)
        full = "\n\n".join(order)
        for length in (5000, 10000, 15000, 20000, 25000, 30000):
            hay = full[:length]
            for depth in range(0, 101, 10):
                cut = hay.rfind(". ", 0, max(1, len(hay) * depth // 100)) + 1 if depth else 0
                text = hay[:cut] + (" " if cut else "") + needle + " " + hay[cut:]
                plan.append((LC_NIAH.format(hay=text.strip(), q=q), None, p_niah))
    run(plan, T0 + 2 * DAY + 10 * 3600)
    plan = []
    for j, (_, gold, q) in enumerate(chosen):
        crng = R("longctx", "quote", j)
        for pos in ("first", "middle", "last"):
            ctx = context(gold.strip(), 30000, pos, crng)
            plan.append((LC_HEAD.format(ctx=ctx) + LC_TAIL.format(q=q.strip()), LC_QUOTE_SYS, p_quote))
    run(plan, T0 + 2 * DAY + 15.5 * 3600)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. Function-calling harvest for a small agent model: a library of 24 tool definitions
# written here (Glaive/ToolACE-like), synthetic user tasks from templates (single-tool,
# two-tool/parallel) plus real instructions (instructionwild en, lima, codealpaca) sent with
# unrelated tools (to learn when not to call). Each request carries 3-6 tools (the needed ones plus
# random distractors, shuffled) and one of four system prompts. For 60% of tool tasks the script
# fabricates tool results and asks for the final answer; 20% then add a follow-up turn. Worker pool
# of 3, five batches 1.5-2.5 h apart from 20:00 UTC. Replies: tool-call turns None; final answers stub (no stored answer)
# except the real instructions' stored answers.
TH_SYSTEMS = (
    "You are a helpful assistant with access to the following functions. Use them if required.",
    "You are an AI assistant that can call tools. Decide whether a tool is needed; if so, call it with "
    "correct arguments, otherwise answer directly.",
    "You are a helpful assistant. Only use the functions you have been provided with.",
    None,
)
TH_TOOLS = {
    "get_weather": fn(
        "get_weather",
        "Get the current weather for a location",
        {"location": _s("city and country"), "unit": _e("temperature unit", "celsius", "fahrenheit")},
        ("location",),
    ),
    "convert_currency": fn(
        "convert_currency",
        "Convert an amount between currencies",
        {"amount": _n("amount"), "from_currency": _s("ISO code"), "to_currency": _s("ISO code")},
    ),
    "send_email": fn(
        "send_email",
        "Send an email",
        {"to": _s("recipient address"), "subject": _s("subject"), "body": _s("body text")},
    ),
    "create_calendar_event": fn(
        "create_calendar_event",
        "Create a calendar event",
        {
            "title": _s("event title"),
            "start": _s("ISO 8601 start"),
            "duration_minutes": _i("length"),
            "attendees": _a("email addresses"),
        },
        ("title", "start"),
    ),
    "search_web": fn("search_web", "Search the web", {"query": _s("search query")}),
    "get_stock_price": fn("get_stock_price", "Latest stock price", {"symbol": _s("ticker symbol")}),
    "calculate_loan_payment": fn(
        "calculate_loan_payment",
        "Monthly payment of a loan",
        {"principal": _n("loan amount"), "annual_rate": _n("interest rate in percent"), "years": _i("term")},
    ),
    "translate_text": fn(
        "translate_text",
        "Translate text",
        {"text": _s("text"), "target_language": _s("language name")},
    ),
    "get_directions": fn(
        "get_directions",
        "Route between two places",
        {
            "origin": _s("start"),
            "destination": _s("end"),
            "mode": _e("mode", "driving", "walking", "transit", "cycling"),
        },
        ("origin", "destination"),
    ),
    "set_reminder": fn("set_reminder", "Set a reminder", {"text": _s("what"), "time": _s("ISO 8601 time")}),
    "find_restaurants": fn(
        "find_restaurants",
        "Find restaurants nearby",
        {"location": _s("area"), "cuisine": _s("cuisine"), "price_level": _i("1-4")},
        ("location",),
    ),
    "get_news": fn(
        "get_news",
        "Latest headlines",
        {"topic": _s("topic"), "country": _s("ISO country code")},
        ("topic",),
    ),
    "calculate_bmi": fn(
        "calculate_bmi", "Body mass index", {"weight_kg": _n("weight"), "height_cm": _n("height")}
    ),
    "search_products": fn(
        "search_products",
        "Search an online store",
        {"query": _s("what"), "max_price": _n("budget"), "sort": _e("order", "relevance", "price", "rating")},
        ("query",),
    ),
    "get_exchange_rate": fn(
        "get_exchange_rate",
        "Exchange rate between two currencies",
        {"base": _s("ISO code"), "target": _s("ISO code")},
    ),
    "play_music": fn(
        "play_music",
        "Play music on the user's speaker",
        {"query": _s("song, artist or playlist"), "shuffle": {"type": "boolean"}},
        ("query",),
    ),
    "control_light": fn(
        "control_light",
        "Control a smart light",
        {"room": _s("room name"), "state": _e("on/off", "on", "off"), "brightness": _i("0-100")},
        ("room", "state"),
    ),
    "create_todo": fn(
        "create_todo",
        "Add an item to the to-do list",
        {
            "task": _s("task"),
            "due_date": _s("YYYY-MM-DD"),
            "priority": _e("priority", "low", "medium", "high"),
        },
        ("task",),
    ),
    "get_movie_showtimes": fn(
        "get_movie_showtimes",
        "Showtimes of a movie in a city",
        {"movie": _s("title"), "city": _s("city"), "date": _s("YYYY-MM-DD")},
    ),
    "lookup_word": fn("lookup_word", "Dictionary definition of a word", {"word": _s("word")}),
    "calculate_tip": fn(
        "calculate_tip",
        "Tip amount for a bill",
        {"bill": _n("bill total"), "percent": _n("tip percentage"), "split": _i("number of people")},
        ("bill", "percent"),
    ),
    "get_flight_status": fn(
        "get_flight_status",
        "Status of a flight",
        {"flight_number": _s("e.g. LH 400"), "date": _s("YYYY-MM-DD")},
    ),
    "run_sql_query": fn(
        "run_sql_query",
        "Run a read-only SQL query on the sales database",
        {"query": _s("SQL SELECT statement")},
    ),
    "generate_password": fn(
        "generate_password",
        "Generate a random password",
        {"length": _i("length"), "include_symbols": {"type": "boolean"}},
        ("length",),
    ),
}
TH_PLACES = ("Paris, France", "Tokyo, Japan", "Austin, TX", "Nairobi, Kenya", "Lima, Peru", "Oslo, Norway")
TH_PLACES += ("Melbourne, Australia", "Toronto, Canada", "Hanoi, Vietnam", "Berlin, Germany", "Denver, CO")
TH_CUR = ("USD", "EUR", "GBP", "JPY", "INR", "CAD", "AUD", "CHF", "MXN", "BRL")
TH_PEOPLE = (
    "alex@company.com",
    "maria.lopez@gmail.com",
    "j.chen@startup.io",
    "team@acme.org",
    "dad@family.net",
)
TH_TICKERS = ("AAPL", "MSFT", "TSLA", "NVDA", "AMZN", "GOOGL", "META", "NFLX")
TH_MOVIES = ("Dune: Part Two", "Inside Out 2", "Oppenheimer", "The Wild Robot", "Wicked")
TH_WORDS = ("serendipity", "ephemeral", "ubiquitous", "quixotic", "sonder", "petrichor")
TH_ROOMS = ("living room", "kitchen", "bedroom", "office", "hallway")
TH_SINGLE = {  # tool -> [(template, args builder)]
    "get_weather": (
        "What's the weather like in {p} right now?",
        "Is it cold in {p} today? Give it in fahrenheit.",
    ),
    "convert_currency": ("Convert {a} {c1} to {c2}.", "How much is {a} {c1} in {c2}?"),
    "send_email": (
        "Send an email to {e} saying the meeting is moved to 3pm.",
        "Email {e} and thank them for the birthday present.",
    ),
    "create_calendar_event": (
        "Schedule a call with {e} tomorrow at 10am for 30 minutes.",
        "Put 'dentist' in my calendar for {d} at 4:15pm.",
    ),
    "search_web": ("Search the web for {q}.", "Can you look up {q}?"),
    "get_stock_price": ("What's {t} trading at?", "Current price of {t} stock?"),
    "calculate_loan_payment": (
        "What would my monthly payment be on a {l} loan at {r}% for {y} years?",
        "I'm borrowing {l} for {y} years at {r} percent. Monthly payment?",
    ),
    "translate_text": (
        "Translate 'where is the train station' into {lang}.",
        "How do you say 'thank you very much' in {lang}?",
    ),
    "get_directions": (
        "How do I get from {p} city center to the airport by transit?",
        "Directions from {p} to the nearest beach, driving.",
    ),
    "set_reminder": ("Remind me to call mom at 7pm.", "Set a reminder for {d} 9am: pay rent."),
    "find_restaurants": ("Find a cheap {cu} place near {p}.", "Any good {cu} restaurants in {p}?"),
    "get_news": ("What's the latest news about {q}?", "Show me today's headlines on {q}."),
    "calculate_bmi": (
        "I'm {h} cm and {w} kg. What's my BMI?",
        "Calculate BMI for weight {w} kg, height {h} cm.",
    ),
    "search_products": ("Find me {q2} under ${m}.", "Search for the best rated {q2}."),
    "get_exchange_rate": ("What's the {c1} to {c2} exchange rate?", "exchange rate {c1}/{c2}"),
    "play_music": ("Play some {g} music.", "Put on {g} and shuffle it."),
    "control_light": ("Turn off the {room} lights.", "Dim the {room} light to 30%."),
    "create_todo": (
        "Add 'renew passport' to my to-do list, high priority.",
        "Remind me via my todo list to buy {q2} by {d}.",
    ),
    "get_movie_showtimes": ("When is {mv} playing in {p} on {d}?", "Showtimes for {mv} tonight in {p}?"),
    "lookup_word": ("What does '{wd}' mean?", "Define {wd}."),
    "calculate_tip": ("Our bill is ${b}. What's a {tp}% tip split {k} ways?", "Tip on ${b} at {tp}%?"),
    "get_flight_status": ("Is flight {f} on time today?", "Status of {f} on {d}?"),
    "run_sql_query": (
        "How many orders did we get last month? Use the sales database.",
        "Which 5 products had the highest revenue in 2025? Query the database.",
    ),
    "generate_password": (
        "Generate a {n}-character password with symbols.",
        "I need a new password, {n} chars, no symbols.",
    ),
}
TH_MULTI = (
    (
        "Check the weather in {p} and if it's nice, find a {cu} restaurant there.",
        ("get_weather", "find_restaurants"),
    ),
    ("Convert {a} {c1} to {c2} and email the result to {e}.", ("convert_currency", "send_email")),
    ("What's the price of {t} and {t2}?", ("get_stock_price", "get_stock_price")),
    ("Turn on the {room} lights and play {g}.", ("control_light", "play_music")),
    (
        "Look up showtimes for {mv} in {p} and add the evening one to my calendar.",
        ("get_movie_showtimes", "create_calendar_event"),
    ),
    ("Is flight {f} delayed? If so, remind me to leave later.", ("get_flight_status", "set_reminder")),
    (
        "Get me the latest news on {q} and translate the top headline into {lang}.",
        ("get_news", "translate_text"),
    ),
    ("What's the weather in {p} and in {p2}?", ("get_weather", "get_weather")),
)
TH_FILL = {
    "q": (
        "the James Webb telescope",
        "electric cars",
        "the World Cup",
        "interest rates",
        "AI regulation",
        "the Mars mission",
    ),
    "q2": (
        "running shoes",
        "a standing desk",
        "noise cancelling headphones",
        "a coffee grinder",
        "a kids' bike",
    ),
    "lang": ("Spanish", "Japanese", "German", "Swahili", "Korean", "Italian", "Portuguese"),
    "cu": ("Thai", "Mexican", "Italian", "Ethiopian", "sushi", "vegan", "Indian"),
    "g": ("jazz", "lo-fi", "Taylor Swift", "classical piano", "80s rock", "Bad Bunny"),
}
TH_FOLLOW = (
    "Great, thanks. Can you also do the same for tomorrow?",
    "Perfect. Now send that to my partner too.",
    "Hmm, can you try a different option?",
    "Thanks! What about next week?",
    "ok now make it cheaper",
)


def _th_fill(rng: random.Random) -> dict:
    t, t2 = rng.sample(TH_TICKERS, 2)
    p, p2 = rng.sample(TH_PLACES, 2)
    c1, c2 = rng.sample(TH_CUR, 2)
    f = {
        "p": p,
        "p2": p2,
        "a": rng.choice((20, 75, 120, 250, 999, 1500, 4200)),
        "c1": c1,
        "c2": c2,
        "e": rng.choice(TH_PEOPLE),
        "d": f"2026-03-{rng.randint(5, 28):02d}",
        "t": t,
        "t2": t2,
        "l": f"${rng.choice((15, 25, 180, 320, 450))},000",
        "r": rng.choice((3.5, 4.25, 5.9, 6.75, 7.1)),
        "y": rng.choice((5, 10, 15, 30)),
        "h": rng.randint(150, 195),
        "w": rng.randint(48, 120),
        "m": rng.choice((50, 100, 200, 500)),
        "room": rng.choice(TH_ROOMS),
        "mv": rng.choice(TH_MOVIES),
        "wd": rng.choice(TH_WORDS),
        "b": rng.choice((48.5, 86, 132.4, 240)),
        "tp": rng.choice((15, 18, 20, 22)),
        "k": rng.randint(2, 6),
        "f": f"{rng.choice(('LH', 'UA', 'BA', 'AF', 'DL'))} {rng.randint(10, 999)}",
        "n": rng.choice((12, 16, 20, 24)),
    }
    for k, v in TH_FILL.items():
        f[k] = rng.choice(v)
    return f


def _th_call(rng: random.Random, name: str, f: dict) -> tuple[str, dict, object]:
    """The arguments the model would pass and a fabricated result (a written stand-in)."""
    args: dict = {
        "get_weather": {"location": f["p"]},
        "convert_currency": {"amount": f["a"], "from_currency": f["c1"], "to_currency": f["c2"]},
        "send_email": {"to": f["e"], "subject": "Update", "body": "..."},
        "create_calendar_event": {"title": "Call", "start": f"{f['d']}T10:00:00", "duration_minutes": 30},
        "search_web": {"query": f["q"]},
        "get_stock_price": {"symbol": f["t"]},
        "calculate_loan_payment": {"principal": 250000, "annual_rate": f["r"], "years": f["y"]},
        "translate_text": {"text": "where is the train station", "target_language": f["lang"]},
        "get_directions": {"origin": f["p"], "destination": "airport", "mode": "transit"},
        "set_reminder": {"text": "call mom", "time": f"{f['d']}T19:00:00"},
        "find_restaurants": {"location": f["p"], "cuisine": f["cu"]},
        "get_news": {"topic": f["q"]},
        "calculate_bmi": {"weight_kg": f["w"], "height_cm": f["h"]},
        "search_products": {"query": f["q2"], "max_price": f["m"]},
        "get_exchange_rate": {"base": f["c1"], "target": f["c2"]},
        "play_music": {"query": f["g"]},
        "control_light": {"room": f["room"], "state": "off"},
        "create_todo": {"task": "renew passport", "priority": "high"},
        "get_movie_showtimes": {"movie": f["mv"], "city": f["p"], "date": f["d"]},
        "lookup_word": {"word": f["wd"]},
        "calculate_tip": {"bill": f["b"], "percent": f["tp"], "split": f["k"]},
        "get_flight_status": {"flight_number": f["f"], "date": f["d"]},
        "run_sql_query": {"query": "SELECT COUNT(*) FROM orders WHERE created_at >= '2026-02-01'"},
        "generate_password": {"length": f["n"], "include_symbols": True},
    }[name]
    res = {
        "status": "ok",
        "tool": name,
        "value": round(rng.uniform(1, 500), 2),
        "as_of": f"{f['d']}T12:00:00Z",
    }
    return name, args, res


def toolcall_harvest(
    tasks: int = 1100, real_share: float = 0.3, conc: int = 3, batches: int = 5
) -> list[KeyTraffic]:
    rng = R("toolh")
    names = ("instructionwild", "lima", "codealpaca_2k")
    real = first_turns(
        names,
        keep=lambda r: 10 <= len(r.first) <= 1500 and english(r.first) and r.extra.get("lang", "en") == "en",
    )
    rng.shuffle(real)
    n_real = round(tasks * real_share)
    base = {"temperature": 0.7, "max_tokens": 1024, "tool_choice": "auto", "parallel_tool_calls": True}
    kt = mk(
        "d5-toolh-0",
        "toolcall_harvest",
        "distiller",
        "distiller",
        client(rng, "aiohttp"),
        timing=f"simulated worker pool of {conc} (run_jobs), {batches} batches 1.5-2.5 h apart from 20:00",
        sources=(*names, "+written tool library, task templates and tool results"),
        settings={"tasks": tasks, "real_share": real_share, "tools": len(TH_TOOLS), "params": base},
    )
    all_tools = list(TH_TOOLS)
    jobs = []
    for j in range(tasks):
        sysp = rng.choice(TH_SYSTEMS)
        f = _th_fill(rng)
        if j < n_real:
            row = real[j]
            need: tuple[str, ...] = ()
            user = row.first
        else:
            row = None
            if rng.random() < 0.3:
                tmpl, need = rng.choice(TH_MULTI)
            else:
                name = rng.choice(all_tools)
                tmpl, need = rng.choice(TH_SINGLE[name]), (name,)
            user = tmpl.format(**f)
        extra = rng.sample([x for x in all_tools if x not in need], rng.randint(2, 5) - (len(need) > 1))
        tools = [TH_TOOLS[x] for x in dict.fromkeys([*need, *extra])]
        rng.shuffle(tools)
        params = base | {"tools": tools}
        item = row.id if row else f"toolh:{j}"
        if row is not None:
            reqs, _ = tool_dialog(rng, 0.0, sysp, params, [(user, [], row.answer)], item, True)
        else:
            calls = [
                _th_call(rng, x, f | ({"t": f["t2"], "p": f["p2"]} if k else {})) for k, x in enumerate(need)
            ]
            plan = [(user, [calls], None)]
            go_on = rng.random() < 0.6
            if go_on and rng.random() < 0.2:
                plan.append((rng.choice(TH_FOLLOW), [[_th_call(rng, need[0], _th_fill(rng))]], None))
            reqs, _ = tool_dialog(rng, 0.0, sysp, params, plan, item, True, final_last=go_on)
        jobs.append((row, reqs))
    rng.shuffle(jobs)
    start, size = T0 + 1 * DAY + 20 * 3600, -(-len(jobs) // batches)
    for b in range(batches):
        kt.requests += run_jobs(rng, start, jobs[b * size : (b + 1) * size], conc, 150)
        start += rng.uniform(1.5, 2.5) * 3600
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 2. JSON-schema harvest: instruction items (codealpaca, lima, orca, belle, moss) each
# asked for a structured "SFT record" (task category, difficulty, answer, explanation, key points).
# Day 1: response_format json_object with the schema spelled out in the system prompt (400 items);
# day 2: strict json_schema (1000 items); 4% of calls resent unchanged after a parse failure.
# 3 workers. Served reply: a stand-in JSON record whose "answer" is the item's stored answer.
JH_SYSTEM_1 = (
    "You are a data annotation engine. For the user's request, return a JSON object with exactly these "
    'keys: "language" (ISO 639-1), "task_category" (one of coding, math, writing, open_qa, '
    'reasoning, reading_comprehension, advice, other), "difficulty" (easy, medium or hard), '
    '"answer" (a complete, high-quality answer to the request), "explanation" (how the answer was '
    'reached) and "key_points" (a list of 3-5 strings). Return only the JSON object.'
)
JH_SYSTEM_2 = "You are a data annotation engine. Answer the user's request completely and fill every field."
_JH_PROPS = {
    "language": {"type": "string"},
    "task_category": {
        "type": "string",
        "enum": [
            "coding",
            "math",
            "writing",
            "open_qa",
            "reasoning",
            "reading_comprehension",
            "advice",
            "other",
        ],
    },
    "difficulty": {"type": "string", "enum": ["easy", "medium", "hard"]},
    "answer": {"type": "string"},
    "explanation": {"type": "string"},
    "key_points": {"type": "array", "items": {"type": "string"}},
}
JH_SCHEMA = {
    "type": "object",
    "properties": _JH_PROPS,
    "required": list(_JH_PROPS),
    "additionalProperties": False,
}
JH_CAT = {"codealpaca_2k": "coding", "lima": "advice", "orca_dpo_pairs_val": "reading_comprehension"}


def _jh_reply(r: Row) -> str | None:
    if not r.answer:
        return None
    cat = JH_CAT.get(r.file) or ("math" if MATH.search(r.first) else "open_qa")
    rec = {
        "language": "zh" if HAN.search(r.first) else "en",
        "task_category": cat,
        "difficulty": "medium",
        "answer": r.answer,
        "explanation": "",
        "key_points": [],
    }
    return json.dumps(rec, ensure_ascii=False)


def json_schema_harvest(day1: int = 400, day2: int = 1000, conc: int = 3) -> list[KeyTraffic]:
    rng = R("jsonh")
    take = (("codealpaca_2k", 380), ("lima", 300), ("orca_dpo_pairs_val", 180), ("belle_dev1k", 320))
    take += (("moss_sft_sample", 220),)
    pool: list[Row] = []
    for s, k in take:
        rows = [r for r in src(s) if 8 <= len(r.first) <= 3000 and r.answer]
        pool += rng.sample(rows, min(k, len(rows)))
    pool = dedupe_rows(pool)
    rng.shuffle(pool)
    p1 = {"temperature": 0.6, "max_tokens": 2000, "response_format": {"type": "json_object"}}
    fmt = {"type": "json_schema", "json_schema": {"name": "sft_record", "strict": True, "schema": JH_SCHEMA}}
    p2 = {"temperature": 0.6, "max_tokens": 2000, "response_format": fmt}
    kt = mk(
        "d5-jsonh-0",
        "json_schema_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-python"),
        timing=f"simulated closed loop, {conc} workers; json_object day 1, json_schema day 2",
        sources=tuple(s for s, _ in take),
        settings={
            "day1": day1,
            "day2": day2,
            "params1": p1,
            "params2": {**p2, "response_format": "json_schema"},
        },
    )
    for rows, sysp, p, start in (
        (pool[:day1], JH_SYSTEM_1, p1, T0 + 9 * 3600),
        (pool[day1 : day1 + day2], JH_SYSTEM_2, p2, T0 + 1 * DAY + 10 * 3600),
    ):
        plan = []
        for r in rows:
            plan.append(r)
            if rng.random() < 0.04:
                plan.append(r)  # the reply did not parse: same request again
        svc = [service_time(rng, r, p) + 2.0 for r in plan]
        for r, t in zip(plan, closed_loop(rng, start + rng.uniform(0, 900), svc, conc), strict=True):
            kt.requests += chat_requests([r.first], [_jh_reply(r)], [t], dict(p), sysp, r.id, distill=True)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. Long-context harvest for a student's long-context ability: long real documents
# (ShareGPT-en first turns >= 3k chars, ShareGPT threads rendered as chat logs, Orca, Arena-Hard,
# Koala and oasst2 prompts >= 2k) and stitched multi-document bundles of 10-30k characters (LIMA
# question/answer pages, Orca inputs, ShareGPT turns), each asked 1-3 long-document tasks
# (summaries, outlines, QA-pair generation, key claims, per-document synthesis). One throttled
# worker (5-20 s pause, the tokens-per-minute limit) on two evenings. Replies: stubs (the sources
# hold no summaries).
LD_TASKS = (
    "Summarize the following document in about 300 words. Cover all main points.\n\n{doc}",
    "{doc}\n\nWrite a detailed summary of the text above, then list its five most important points.",
    "Read the document below and produce a hierarchical outline with headings and sub-points.\n\n{doc}",
    "Generate 8 question-answer pairs that test understanding of the document below. The answers must be "
    "complete and based only on the document.\n\n{doc}",
    "{doc}\n\nWhat are the key claims made in this text, and what evidence supports each one?",
    "Explain the following material to a first-year student, keeping all important details.\n\n{doc}",
    "Write a title and a 150-word abstract for the following document.\n\n{doc}",
)
LD_BUNDLE_TASKS = (
    "Below are {k} documents. Summarize each document in 2-3 sentences, then write a paragraph "
    "describing what they have in common and how they differ.\n\n{doc}",
    "{doc}\n\nFor each of the {k} documents above, give its main topic and one key takeaway. Then answer: "
    "which document is the most practical, and why?",
    "Create a study guide that covers all {k} documents below, grouped by theme.\n\n{doc}",
)


def longdoc_summary_harvest(singles: int = 150, bundles: int = 110) -> list[KeyTraffic]:
    rng = R("longdoc")
    long_single = [r.first for r in src("sharegpt_en_sample") if len(r.first) >= 3000]
    long_single += [
        r.first
        for s in ("orca_dpo_pairs_val", "arena_hard_v01", "koala_test", "oasst2_threads")
        for r in src(s)
        if len(r.first) >= 2000
    ]
    logs = []
    for r in src("sharegpt_en_sample"):
        if len(r.turns) >= 3:
            txt = "\n\n".join(
                f"User: {u.strip()}\n\nAssistant: {(a or '').strip()}"
                for u, a in zip(r.turns, r.replies, strict=False)
            )
            if len(txt) >= 6000:
                logs.append(txt[:30000])
    singles_pool = dedupe(long_single) + logs
    rng.shuffle(singles_pool)
    docs = singles_pool[:singles]
    pieces = [
        f"Q: {r.first.strip()}\n\nA: {r.answer.strip()}"
        for r in src("lima")
        if r.answer and len(r.first) < 2000
    ]
    pieces += [r.first.strip() for r in src("orca_dpo_pairs_val") if 800 <= len(r.first) <= 6000]
    pieces += [r.first.strip() for r in src("sharegpt_en_sample") if 800 <= len(r.first) <= 6000]
    rng.shuffle(pieces)
    pi = 0
    bundle_docs = []
    for _ in range(bundles):
        target = rng.randint(10000, 30000)
        parts, size = [], 0
        while size < target:
            parts.append(pieces[pi % len(pieces)])
            size += len(parts[-1])
            pi += 1
        bundle_docs.append(parts)
    params = {"temperature": 0.5, "max_tokens": 2048}
    kt = mk(
        "d5-longdoc-0",
        "longdoc_summary_harvest",
        "distiller",
        "distiller",
        client(rng, "requests"),
        timing="simulated throttled single worker 5-20 s, evenings of days 2 and 3",
        sources=(
            "sharegpt_en_sample",
            "orca_dpo_pairs_val",
            "arena_hard_v01",
            "koala_test",
            "oasst2_threads",
            "lima",
        ),
        settings={"singles": len(docs), "bundles": bundles, "params": params},
    )
    plan = []
    for j, d in enumerate(docs):
        for tk in rng.sample(LD_TASKS, rng.choice((1, 2, 2, 3))):
            plan.append((tk.format(doc=d.strip()), f"longdoc:s{j}"))
    for j, parts in enumerate(bundle_docs):
        doc = "\n\n".join(f"### Document {i + 1}\n{p}" for i, p in enumerate(parts))
        for tk in rng.sample(LD_BUNDLE_TASKS, rng.choice((1, 2))):
            plan.append((tk.format(doc=doc, k=len(parts)), f"longdoc:b{j}"))
    rng.shuffle(plan)
    half = len(plan) // 2
    for part, start in ((plan[:half], T0 + 2 * DAY + 21 * 3600), (plan[half:], T0 + 3 * DAY + 21 * 3600)):
        svc = [latency(rng, rng.randint(350, 1400)) + len(x) / 9000 for x, _ in part]
        for (text, item), t in zip(
            part, throttled(rng, start + rng.uniform(0, 1200), svc, (5.0, 20.0)), strict=True
        ):
            kt.requests += chat_requests([text], [None], [t], dict(params), None, item, distill=True)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 4. Reasoning-trace harvest where only the system prompt asks for the reasoning: the
# user turns are real human questions, unchanged (ShareGPT-en first turns, InstructionWild en,
# LIMA), 15% with a human-looking follow-up; streamed; paced like one person (oasst2 gaps rescaled
# to 210 a day, 11 h a day) for a week. Reply: the stored answer where there is one (a stand-in:
# it lacks the <reasoning> block the system prompt asks for), else a stub.
SC_SYSTEM = (
    "You are a thoughtful assistant. For every request, first think it through in detail inside "
    "<reasoning></reasoning> tags: restate what is being asked, break the problem into steps, work "
    "through each step, check your work and consider alternatives. Then write your final answer "
    "after the closing tag. Never skip the reasoning, even for simple requests."
)
SC_FOLLOW = (
    "can you explain that last part again?",
    "thanks! is there a simpler way?",
    "why is that?",
    "ok, and what if I don't have that option?",
    "could you give an example?",
    "hmm I'm not sure that's right, can you double check",
)


def system_cot_harvest(items: int = 1400, per_day: int = 210) -> list[KeyTraffic]:
    rng = R("syscot")
    names = ("sharegpt_en_sample", "instructionwild", "lima")
    pool = first_turns(
        names,
        keep=lambda r: 10 <= len(r.first) <= 1800 and english(r.first) and r.extra.get("lang", "en") == "en",
    )
    pool = dedupe_rows(pool)
    rng.shuffle(pool)
    pool = pool[:items]
    params = {"temperature": 0.8, "max_tokens": 3000, "stream": True}
    kt = mk(
        "d5-syscot-0",
        "system_cot_harvest",
        "distiller",
        "distiller",
        client(rng, "openai-js", SC_SYSTEM),
        timing=f"simulated paced person: oasst2 in-session gaps rescaled to {per_day}/day, 11 h a day",
        sources=names,
        settings={"items": len(pool), "per_day": per_day, "params": params},
    )
    times = paced(rng, htiming(), T0 + 8.5 * 3600, len(pool), per_day, 11)
    for r, t in zip(pool, times, strict=True):
        turns, replies, ts = [r.first], [r.answer], [t]
        if rng.random() < 0.15:
            turns.append(rng.choice(SC_FOLLOW))
            replies.append(None)
            ts.append(t + think(rng, len(r.answer or "x" * 900), len(turns[-1])))
        kt.requests += chat_requests(turns, replies, ts, dict(params), SC_SYSTEM, r.id, distill=True)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 5. Rotation with cover chit-chat: 7 keys used one after another (each retired after
# 250-420 requests; the next one starts between 2 h before and 20 h after, a person-paced one on a
# morning), each with its own account, client software / user agent, sampling settings, system
# prompt and clock (person-paced or throttled). 30% of each key's requests are casual chit-chat (written small talk and real short
# first turns from arena / oasst2), and 12% of items get a chatty "thanks" follow-up in the same
# conversation. Items: LIMA, codealpaca, InstructionWild en, Orca, ShareGPT-en, Evol.
RC_KEYS = (  # (software, user agent or None, params, system prompt, clock)
    ("openai-python", None, {"temperature": 0.7}, None, "paced"),
    (
        "httpx",
        "litellm/1.40.3",
        {"temperature": 0.9, "max_tokens": 1200},
        "You are a helpful assistant.",
        "throttled",
    ),
    ("openai-js", None, {"temperature": 0.6, "stream": True}, None, "paced"),
    (
        "requests",
        None,
        {"temperature": 1.0, "top_p": 0.9, "max_tokens": 1500},
        "You are ChatBuddy, a friendly and knowledgeable assistant.",
        "throttled",
    ),
    ("okhttp", None, {"temperature": 0.8}, None, "paced"),
    (
        "aiohttp",
        None,
        {"temperature": 0.75, "max_tokens": 2048, "presence_penalty": 0.1},
        "Answer helpfully and in detail.",
        "paced",
    ),
    (
        "curl",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        {"stream": True},
        None,
        "throttled",
    ),
)
RC_CHIT = (
    "hey how's it going?",
    "good morning!",
    "tell me a joke",
    "what's your favorite movie?",
    "lol",
    "i'm so tired today",
    "do you like music?",
    "what should I have for dinner tonight",
    "can you recommend a good book?",
    "haha that's funny",
    "what's a fun fact about octopuses?",
    "how are you today?",
    "i'm bored. any ideas?",
    "what day of the week is it?",
    "ok thanks",
    "you're pretty smart",
    "do you ever sleep?",
    "what's the meaning of life lol",
    "give me a random word",
    "say something nice",
    "is it normal to hate mondays",
    "what's a good name for a goldfish?",
    "I just got a new puppy!",
    "any tips for falling asleep faster?",
    "what's the weather usually like in spring",
    "nice",
    "hmm interesting",
    "ttyl",
)
RC_THANKS = (
    "thanks!! that helps a lot",
    "cool thx",
    "awesome, appreciate it",
    "perfect thank you :)",
    "nice, got it",
)


def rotating_chitchat_harvest(chat_share: float = 0.3) -> list[KeyTraffic]:
    rng = R("rotchat")
    names = ("lima", "codealpaca_2k", "instructionwild", "orca_dpo_pairs_val", "sharegpt_en_sample")
    names += ("evol_instruct_h2o",)
    items = first_turns(
        names,
        keep=lambda r: 10 <= len(r.first) <= 2500 and english(r.first) and r.extra.get("lang", "en") == "en",
    )
    items = dedupe_rows(items)
    rng.shuffle(items)
    real_chit = dedupe(
        r.first.strip()
        for s in ("arena_even", "oasst2_threads")
        for r in src(s)
        if 2 <= len(r.first.strip()) <= 80 and english(r.first) and r.extra.get("lang", "en") == "en"
    )
    keys, ii = [], 0
    start = T0 + 7.5 * 3600
    for k, (sw, ua, params, sysp, clock) in enumerate(RC_KEYS):
        krng = R("rotchat", k)
        n = krng.randint(250, 420)
        plan = []  # (turns, replies, item id, distill flags)
        while sum(len(p[0]) for p in plan) < n:
            if krng.random() < chat_share:
                text = krng.choice(RC_CHIT) if krng.random() < 0.6 else krng.choice(real_chit)
                plan.append(([text], [None], "", [False]))
            else:
                r = items[ii]
                ii += 1
                if krng.random() < 0.12:
                    plan.append(([r.first, krng.choice(RC_THANKS)], [r.answer, None], r.id, [True, False]))
                else:
                    plan.append(([r.first], [r.answer], r.id, [True]))
        kt = mk(
            f"d5-rotchat-{k}",
            "rotating_chitchat_harvest",
            "distiller",
            "distiller",
            client(krng, sw, sysp, ua=ua),
            actor="d5-rotchat",
            timing=f"simulated {clock}; key {k} of {len(RC_KEYS)} in sequence",
            sources=(*names, "arena_even", "oasst2_threads", "+written chit-chat"),
            settings={"software": sw, "ua": ua, "params": params, "clock": clock, "chat_share": chat_share},
        )
        if clock == "paced":
            h = (start % DAY) / 3600
            if not 7 <= h < 20:  # a person-like clock starts in the morning
                start = (start // DAY + (h >= 20)) * DAY + krng.uniform(7.5, 10) * 3600
            times = paced(krng, htiming(), start, len(plan), krng.randint(120, 200), krng.uniform(9, 13))
        else:
            svc = [latency(krng, 300 if p[2] else 40) for p in plan]
            times = throttled(krng, start, svc, (krng.uniform(8, 20), krng.uniform(40, 120)))
        for (turns, replies, item, flags), t in zip(plan, times, strict=True):
            ts = [t]
            if len(turns) > 1:
                ts.append(t + think(krng, len(replies[0] or "x" * 600), len(turns[1])))
            reqs = chat_requests(turns, replies, ts, dict(params), sysp, item)
            for q, f in zip(reqs, flags, strict=True):
                q.distill = f
            kt.requests += reqs
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
        start = kt.requests[-1].ts + krng.uniform(-2 * 3600, 20 * 3600)
    return keys


# =============================================================================================
# DISTILLER 6. Rejection-sampling harvest: a modest set of problems with checkable answers
# (AGIEval MATH, AQuA-RAT and SAT-math, BELLE word problems, codealpaca function tasks), each asked
# once with n=8 at T=1.0 and a boxed-answer system prompt; the next night the ~35% "hard" ones (no
# sample matched the reference in their filter) go again with n=8 and a "check your work" line.
# 4 workers. Replies: the stored answer where there is one, else a stub.
RS_SYSTEM = (
    "Solve the problem. Reason step by step, and put the final answer in \\boxed{}. For programming "
    "tasks, give the complete code in one Python code block."
)
RS_AGAIN = "\n\nTake your time, check each step carefully, and make sure the final answer is correct."


def rejection_sampling_n8(per: tuple = (140, 90, 60, 90, 120), hard: float = 0.35) -> list[KeyTraffic]:
    rng = R("rs8")
    ag = src("agieval_v1")
    groups = (
        [r for r in ag if r.extra.get("task") == "math"],
        [r for r in ag if r.extra.get("task") == "aqua-rat"],
        [r for r in ag if r.extra.get("task") == "sat-math"],
        [r for r in src("belle_dev1k") if MATH.search(r.first) and re.search(r"\d", r.first)],
        [
            r
            for r in src("codealpaca_2k")
            if re.search(r"\b(function|program|method|algorithm)\b", r.first, re.I) and r.answer
        ],
    )
    pool: list[Row] = []
    for rows, k in zip(groups, per, strict=True):
        pool += rng.sample(rows, min(k, len(rows)))
    rng.shuffle(pool)
    params = {"temperature": 1.0, "top_p": 1.0, "n": 8, "max_tokens": 1024}
    kt = mk(
        "d5-rs8-0",
        "rejection_sampling_n8",
        "distiller",
        "distiller",
        client(rng, "openai-python", RS_SYSTEM),
        timing="simulated closed loop, 4 workers; round 1 night 3, round 2 night 4",
        sources=("agieval_v1", "belle_dev1k", "codealpaca_2k"),
        settings={"prompts": len(pool), "hard": hard, "params": params},
    )
    rounds = [(pool, "", T0 + 3 * DAY + 1 * 3600)]
    again = [r for r in pool if rng.random() < hard]
    rounds.append((again, RS_AGAIN, T0 + 4 * DAY + 1.5 * 3600))
    for rows, suffix, start in rounds:
        svc = [service_time(rng, r, params, 500) for r in rows]
        for r, t in zip(rows, closed_loop(rng, start + rng.uniform(0, 600), svc, 4), strict=True):
            kt.requests += chat_requests(
                [r.first.strip() + suffix], [r.answer], [t], dict(params), RS_SYSTEM, r.id, distill=True
            )
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    travel_tool_agent,
    doc_extraction_json,
    course_lab_shared_key,
    moderation_logprob_scores,
    email_smart_compose,
    longctx_position_study,
)
DISTILL = (
    toolcall_harvest,
    json_schema_harvest,
    longdoc_summary_harvest,
    system_cot_harvest,
    rotating_chitchat_harvest,
    rejection_sampling_n8,
)
