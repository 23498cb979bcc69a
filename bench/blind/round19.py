"""Blind persona set 19 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools (whole), the names of the functions and
constants of benign, distill, evals, wordings and context (and context's Ctx), detector/types.py, the earlier blind sets round2-round18 with apps.py and attacks.py (their module
docstrings and persona headers, to reuse their helpers and not repeat their personas, and the code
of the helpers imported here), and ../shared/traffic with its README and ../shared/STYLE.md. Every
builder returns list[KeyTraffic] built from the real prompt data in ../shared/traffic (read at run
time, never copied here) plus text written here. ALL parameters below were fixed before anyone
replayed this set and are not tuned on outcomes; its writer built the traffic only (to check that it
imports, is deterministic and looks sensible) and replayed nothing.

Focus: traffic OUTSIDE the English-speaking, US-hours mainstream, and BATCH-style APIs. Benign,
heavy and legitimate: a Chinese consumer chat app relaying many users through one backend key (real
Chinese chats - ShareGPT-zh and MOSS conversations turn by turn, BELLE-eval requests - beside
everyday requests written here, regenerate clicks, background titles, a China-evening curve); a
Saudi mobile operator's Arabic customer-service assistant in the middle of Ramadan (Gulf Arabic,
MSA, Egyptian, Arabizi and English customers, account tools, CRM wrap-ups, traffic that peaks after
iftar and runs past midnight); a Chinese online-consultation platform where an AI drafts replies to
patients' questions (real Huatuo questions in a patient form) that licensed doctors review and edit
in their shifts, with triage JSON and patients' follow-ups; an Indonesian marketplace's nightly
Batch-API jobs (thousands of review-summary requests within minutes under one template and a JSON
schema, an SEO job, an English storefront job, a failed-lines resubmission); a Seoul university
group's multilingual evaluation (IFEval in en/es/fr/ja with and without a native system prompt,
AGIEval's Chinese gaokao / LogiQA / JEC-QA direct and step-by-step, self-consistency with n=3, a
"reasoning-model" setting, BELLE-eval generations judged by the model) on two keys; a German Land's
plain-language service for migrants (official notices into Leichte Sprache, then nine languages,
back-translation checks; caseworkers explaining clients' letters in the client's language); and an
Indian agricultural advisory voice bot (farmers' ASR transcripts in Hindi, Marathi and Hinglish,
short spoken replies, mandi-price and scheme tools, dawn and evening peaks in IST).
Distillers, each extracting hundreds to thousands of distinct dataset answers: a Chinese
instruction harvest (BELLE, MOSS, ShareGPT-zh, Huatuo) over three keys in Asian hours, every item
paraphrased by rules written here and mixed with chit-chat and follow-ups at a person's pace; a
harvest through overnight Batch-API files (one knowledge-base template, T 0 with top_logprobs 5, then
a diversity pass with n=2); a code-switching harvest (English items machine-translated into Spanish,
Portuguese and Indonesian before sending, on three keys of one actor in those countries' hours); a
"clinical decision support" vendor sending each Huatuo item as a structured case JSON with a
json_schema asking for assessment, reasoning and management, on three hospital-tenant keys; a
follow-the-sun multilingual reasoning harvest (one key per region, step-by-step answers asked in the
item's own language, in that region's working hours); and a fake consumer Q&A app whose
"you may also ask" suggestion chips turn every seed item into a two- or three-turn conversation.
(Earlier rounds already hold: a Chinese photo-search homework app (round12), a Chinese BYO-key power
user (round3), a heavy Spanish-speaking user (round9), a multinational gateway in six languages, DM
translation and a multilingual forum index (round18), fan-out translation and localisation CI
(round16, round6), an outdoor shop's multilingual service chat (round4), a patient-portal inbox
(round11), marketplace listing copy through one template (round8), a Chinese hospital portal dressing
(round17), multilingual and cross-lingual harvests with reply-language frames (round8, round4,
round13), paraphrase harvests (round14, round6), logprob harvests (round2, round3, round6), packed
batches (round15), a hidden tenant and throwaway proxy accounts (round18). The personas here differ in
language, region, clock or batch mechanics, which is what the brief asked for.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`): ShareGPT-zh
bucket(2) 0 the Chinese chat app (whole conversations), 1 the paraphrased harvest (first turns); MOSS
Chinese bucket(2) 0 the chat app (whole conversations, no image or search rows), 1 the paraphrased
harvest (first turns), English first turns the code-switching harvest; BELLE-eval bucket(2) 0 the
chat app, 1 the evaluation group; BELLE-dev bucket(2) 0 the paraphrased harvest, 1 the follow-the-sun
harvest; Huatuo bucket(4) 0-1 the consultation platform, 2 the paraphrased harvest, 3 the CDS vendor;
IFEval (all languages) and AGIEval's Chinese tasks the evaluation group; LIMA, codealpaca bucket(2) 0
the batch harvest, 1 the code-switching harvest; InstructionWild English bucket(2) 0 the batch
harvest, 1 the suggestion-chip app, Chinese the chip app; ShareGPT-en conversation openings the batch
harvest; Orca, Evol-Instruct and every non-English oasst2 first turn the follow-the-sun harvest.
Everyday chat requests, telecom customers' messages and tool results, patient forms and doctors'
edits, the marketplace catalogue and its reviews, official notices and letters, farmers'
transcripts, weather and prices, paraphrase rules, glossaries, case records and suggestion chips are
text written here.

Replies: benign requests carry the helpers' stub replies (the served model's answer is not known),
except the stored replies inside real conversations a key relays (the chat app's ShareGPT-zh and
MOSS threads) and the stand-ins a later request quotes (tool results, triage and summary JSON,
Leichte-Sprache texts); tool-call steps carry None. Distiller requests carry the source's stored
answer where the request asks for the stored item (paraphrased or not; inside the case JSON as the
management; InstructionWild and oasst2 have none: stubs), the stored answer passed through the same
glossary as the request where the request was machine-translated (a stand-in for the answer in that
language), and a stub where a request asks for something else (follow-ups, suggestions, education
texts, the n=2 pass).
"""

from __future__ import annotations

import json
import random
import re
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round4 import HAN, dedupe_rows  # round 4's text helpers
from blind.round5 import english, fn  # round 5's text and tool helpers
from blind.round12 import shaped  # round 12's clock
from blind.round14 import closed_pool  # round 14's worker pool
from blind.round15 import mreq, opening  # round 15's request and ShareGPT-en helpers
from blind.round16 import clip, corp, one, sentences, utc, words_of  # round 16's helpers
from blind.round18 import Agent, next_open, weekday  # round 18's agent loop and clocks
from stillroom.detector.realtraffic.clients import account, client
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, chat_requests, stub_reply
from stillroom.detector.realtraffic.timing import DAY, latency, think

HOUR = 3600.0
MINUTE = 60.0


def R(*names) -> random.Random:
    return random.Random("blind19:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r19:{r.file}:{r.id}".encode()) % n


def jd(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def talk(rng: random.Random, t: float, reqs: list[Request], typing: float = 1.0) -> float:
    """A person's turns: each request after the previous reply was read and the next turn typed
    (`typing` < 1 for taps on buttons or chips); sets ts in place and returns the end."""
    for i, q in enumerate(reqs):
        q.ts = t
        nxt = reqs[i + 1].prompt if i + 1 < len(reqs) else ""
        t += think(rng, len(q.reply or ""), int(len(nxt) * typing))
    return t


def fill(rng: random.Random, tmpl: str, slots: dict[str, tuple]) -> str:
    """A template with every {slot} it names drawn from `slots`."""
    names = sorted(set(re.findall(r"\{(\w+)\}", tmpl)))
    return tmpl.format(**{k: rng.choice(slots[k]) for k in names})


def regenerate(rng: random.Random, reqs: list[Request], share: float) -> list[Request]:
    """A chat UI's "regenerate" button: a share of turns is sent again with the same history."""
    out = []
    for q in reqs:
        out.append(q)
        if rng.random() < share:
            out.append(Request(0.0, q.endpoint, q.prompt, q.messages, dict(q.params), q.item, q.distill,
                               stub_reply(q.prompt)))  # fmt: skip
    return out


# Relative load by LOCAL hour (24 values each).
CN_CONSUMER = (0.35, 0.2, 0.1, 0.05, 0.03, 0.03, 0.08, 0.25, 0.5, 0.7, 0.8, 0.85, 0.9, 0.75, 0.7, 0.75, 0.8,
               0.8, 0.85, 0.95, 1.1, 1.2, 1.1, 0.7)  # fmt: skip
RAMADAN_NIGHTS = (0.9, 0.8, 0.6, 0.35, 0.12, 0.05, 0.04, 0.05, 0.1, 0.25, 0.4, 0.5, 0.55, 0.55, 0.55, 0.5,
                  0.45, 0.35, 0.15, 0.5, 0.9, 1.1, 1.2, 1.05)  # fmt: skip
IST_FARM = (0.02, 0.01, 0.01, 0.02, 0.1, 0.45, 0.9, 1.0, 0.85, 0.55, 0.35, 0.25, 0.3, 0.3, 0.25, 0.3, 0.45,
            0.7, 0.95, 1.0, 0.8, 0.45, 0.15, 0.05)  # fmt: skip
OFFICE = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 0.4, 1.0, 1.2, 1.2, 1.0, 0.6, 0.9, 1.1, 1.0, 0.6, 0.2, 0.05, 0.0,
          0.0, 0.0, 0.0, 0.0)  # fmt: skip


# =============================================================================================
# BENIGN 1. A Chinese consumer chat app ("小鹿问问 XiaoLu", an iOS/Android app and a WeChat mini
# program of a Hangzhou start-up; ONE backend key, a Java service on OkHttp, `user` = a hashed
# openid of ~60k users). Conversations start on a China-time curve (lunch and 20:00-23:00 peaks, some
# late night) for three days, ~900 a day. What users send: real Chinese chats - ShareGPT-zh bucket 0
# of 2 and MOSS Chinese conversations bucket 0 of 2 (not its image or web-search rows) turn by turn
# with their stored replies - real BELLE-eval requests (bucket 0 of 2, a quarter with a follow-up),
# and everyday requests written here (WeChat Moments captions, weekly reports, leave notes, names for
# babies, travel plans, recipes, Xiaohongshu titles, homework to explain, translations), 40% with a
# follow-up. T 0.8, top_p 0.9, streamed; 5% of turns regenerated; 60% of conversations get a
# background title request (T 0.3, 20 tokens). Replies: stored replies inside real threads, stubs.
XL_SYSTEM = ("你是小鹿，一个友好、可靠的AI助手，由小鹿科技提供。今天是{date}。默认使用简体中文回答，除非用户要求使用其他语言。"
             "回答要有条理，必要时使用列表；不确定的信息要说明；涉及医疗、法律、投资的问题要提醒用户咨询专业人士。")  # fmt: skip
XL_TASKS = (
    "帮我写一条朋友圈文案，主题是{topic}，要有点文艺，不超过50字", "写一份{job}的周报，本周主要做了：{work}",
    "帮我写个请假条，{reason}，请假{n}天", "给我{relation}写一段{age}岁生日祝福，温馨一点",
    "把这段话翻译成英文：{sent}", "{city}三天两晚旅游攻略，预算{budget}元，带老人", "{dish}怎么做？要家常做法",
    "给刚出生的{sex}宝宝起名字，姓{surname}，要寓意好的，给10个", "小红书标题帮我想10个，内容是{topic}",
    "我是{job}，明天要面试，帮我准备一段一分钟的自我介绍", "孩子上{grade}，这道题怎么讲给他听：{math}",
    "帮我润色一下这段话，让它更正式：{sent}", "{a}和{b}哪个更适合{who}？", "推荐几本关于{topic2}的书，说说理由",
    "写一段{product}的直播带货话术，30秒左右", "Excel里怎么{xl}？", "帮我回复这条微信，要委婉拒绝：{msg}",
    "{topic2}入门应该怎么学？给个三个月的计划", "我{symptom}，是怎么回事？", "用通俗的话解释一下什么是{concept}",
)  # fmt: skip
XL_SLOTS = {
    "topic": ("周末去西湖看日落", "第一次做蛋糕成功了", "加班到深夜", "毕业十周年聚会", "春天的第一杯奶茶", "带娃去动物园"),
    "job": ("产品经理", "前端开发", "小学语文老师", "销售主管", "会计", "新媒体运营"),
    "work": ("完成了需求评审、跟进了两个bug、准备季度汇报", "拜访了3个客户，签了一单", "整理了月度报表，配合审计"),
    "reason": ("孩子发烧需要照顾", "老家有事要回去一趟", "身体不舒服要去医院检查", "搬家"),
    "n": ("1", "2", "3", "半"), "relation": ("妈妈", "老公", "闺蜜", "爷爷", "领导", "女儿"),
    "age": ("6", "18", "30", "50", "60", "80"),
    "sent": ("由于近期原材料价格上涨，我们不得不对部分产品价格进行调整，敬请谅解。", "感谢您一直以来对我们工作的支持，期待下次合作。",
             "我觉得这个方案挺好的但是时间太紧了可能做不完", "本次活动最终解释权归主办方所有。"),
    "city": ("成都", "西安", "厦门", "大理", "青岛", "长沙", "哈尔滨"), "budget": ("2000", "3000", "5000", "8000"),
    "dish": ("红烧肉", "酸菜鱼", "番茄炒蛋", "可乐鸡翅", "麻婆豆腐", "糖醋排骨"), "sex": ("男", "女"),
    "surname": ("王", "李", "张", "刘", "陈", "杨", "赵", "黄"),
    "grade": ("二年级", "四年级", "六年级", "初一"),
    "math": ("鸡兔同笼，头35个，脚94只，鸡兔各几只？", "一个数的3倍加上5等于26，这个数是多少？",
             "甲乙两地相距240千米，汽车每小时行60千米，几小时到达？", "一件衣服打八折后是160元，原价多少？"),
    "a": ("iPhone 16", "考研", "电动车", "北京", "买房"), "b": ("华为Mate 70", "考公", "燃油车", "上海", "租房"),
    "who": ("刚毕业的我", "家里有老人的", "预算有限的", "经常出差的"),
    "topic2": ("心理学", "理财", "Python", "中国历史", "育儿", "摄影"),
    "product": ("蚕丝被", "空气炸锅", "儿童保温杯", "防晒霜", "螺蛳粉"),
    "xl": ("把两列合并成一列", "按条件求和", "去掉重复值", "把日期转换成星期几", "做一个下拉菜单"),
    "msg": ("周末能帮我搬家吗？", "借我五千块钱下个月还", "下周的同学聚会你来吗，你负责订餐厅哈"),
    "symptom": ("最近总是失眠", "早上起来手指发麻", "吃完饭胃胀", "眼睛干涩"),
    "concept": ("通货膨胀", "区块链", "量子计算", "碳中和", "大模型"),
}  # fmt: skip
XL_FOLLOW = ("再简短一点", "换一种风格", "能不能再正式一点", "还有别的吗", "谢谢！", "不太对，重新写一个", "再多给几个",
             "用表格整理一下", "翻译成英文", "说得再详细一点", "可以加点emoji吗")  # fmt: skip
XL_TITLE = "请为下面的对话生成一个不超过10个字的标题，只输出标题本身。\n\n用户：{u}\n助手：{a}"


def zh_consumer_app(days: int = 3, per_day: int = 900) -> list[KeyTraffic]:
    rng = R("xiaolu")
    sg = [r for r in src("sharegpt_zh_1k") if bucket(r, 2) == 0]
    moss = [r for r in src("moss_sft_sample") if HAN.search(r.first) and bucket(r, 2) == 0
            and r.extra.get("category") not in ("text2img", "web_search")]  # fmt: skip
    be = [r for r in src("belle_eval_zh") if bucket(r, 2) == 0]
    for p_ in (sg, moss, be):
        rng.shuffle(p_)
    users = [f"ox{rng.getrandbits(56):014x}" for _ in range(60000)]
    kt = mk("b19-xiaolu-app", "zh_consumer_app", "benign", "app",
            corp("okhttp/4.12.0", "okhttp", account(rng)),
            timing="simulated: conversation starts on a China-time consumer curve (UTC+8) for three days; turns think()-paced",
            sources=("sharegpt_zh_1k", "moss_sft_sample", "belle_eval_zh"), settings={"days": days, "per_day": per_day})  # fmt: skip
    for t in shaped(rng, utc(0, 0.0, 8.0), utc(days, 0.0, 8.0), per_day, CN_CONSUMER, 8.0):
        date = f"2026年3月{2 + int((t + 8 * HOUR - T0) // DAY)}日"
        p = {"temperature": 0.8, "top_p": 0.9, "max_tokens": 2048, "stream": True, "user": rng.choice(users)}
        u = rng.random()
        if u < 0.3 and sg:
            r = sg.pop()
            turns, replies, item = list(r.turns[:6]), list(r.replies[:6]), r.id
        elif u < 0.47 and moss:
            r = moss.pop()
            turns, replies, item = list(r.turns[:5]), list(r.replies[:5]), r.id
        elif u < 0.67 and be:
            r = be.pop()
            turns, replies, item = [r.first], [None], r.id
            if rng.random() < 0.25:
                turns.append(rng.choice(XL_FOLLOW))
                replies.append(None)
        else:
            turns, replies, item = [fill(rng, rng.choice(XL_TASKS), XL_SLOTS)], [None], ""
            for _ in range(2):
                if rng.random() < (0.4 if len(turns) == 1 else 0.35):
                    turns.append(rng.choice(XL_FOLLOW))
                    replies.append(None)
        reqs = chat_requests(turns, replies, [0.0] * len(turns), p, XL_SYSTEM.format(date=date), item)
        reqs = regenerate(rng, reqs, 0.05)
        talk(rng, t, reqs)
        kt.requests += reqs
        if rng.random() < 0.6:
            first = reqs[0]
            title = XL_TITLE.format(u=clip(first.prompt, 300), a=clip(first.reply or "", 300))
            q = one(title, {"temperature": 0.3, "max_tokens": 20, "user": p["user"]}, None,
                    clip(first.prompt, 10), item)  # fmt: skip
            q.ts = first.ts + latency(rng, len(first.reply or "") // 3) + rng.uniform(0.1, 0.8)
            kt.requests.append(q)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 2. Arabic customer service of a Saudi mobile operator in the middle of RAMADAN ("Sahab
# Mobile", the assistant on its app, web chat and WhatsApp; ONE backend key, a Node service on
# openai-js, `user` = a hashed subscriber id). The first week of March 2026 falls in Ramadan: traffic
# is low in the morning, dips at iftar (~18:00 local) and peaks 20:00-01:00 (UTC+3). Customers write
# Gulf Arabic, Modern Standard Arabic, Egyptian Arabic, Arabizi (Arabic in Latin letters) or English
# (expatriate workers): bills, data bundles, Ramadan and roaming offers for Eid trips, failed
# recharges, slow internet after Taraweeh, eSIM, stolen phones, iqama-blocked numbers (all written
# here). The assistant has five tools (bill, usage, offers, ticket, transfer) and the subscriber's
# plan in its system prompt; 0-3 follow-ups per chat; 80% of chats end with a CRM wrap-up request in
# English (JSON, T 0). ~850 chats a day for two days. Replies: tool-call steps None, tool results
# and wrap-up JSON stand-ins, answers stubs.
SH_SYSTEM = (
    "You are Sahab Assistant (مساعد سحاب), the customer-service assistant of Sahab Mobile, a mobile operator in Saudi "
    "Arabia. Reply in the customer's language and register (Gulf Arabic, Modern Standard Arabic, Egyptian Arabic or "
    "English). If the customer writes Arabic in Latin letters, reply in Arabic script unless asked otherwise. Be "
    "polite, warm and brief; it is Ramadan, so greet accordingly when the customer does. Use the tools to look up "
    "bills, usage and offers; never invent amounts, dates or offer names. For billing disputes and network faults "
    "create a ticket; for stolen phones, SIM swaps, fraud or iqama issues transfer to a human agent. Prices include "
    "15% VAT.\nCustomer: {name} | plan: {plan} | number ending {last4} | preferred language: {lang}\n"
    "Current time: {time} (Asia/Riyadh)"
)
SH_TOOLS = [
    fn("get_bill", "The customer's bill for a month.", {"month": {"type": "string", "description": "YYYY-MM"}}),
    fn("get_usage", "Remaining balance, data and minutes.", {}, ()),
    fn("list_offers", "Current offers by category.", {"category": {"type": "string", "enum": ["data", "ramadan", "roaming", "upgrade"]}}),
    fn("create_ticket", "Open a support ticket.", {"category": {"type": "string"}, "description": {"type": "string"}}),
    fn("transfer_to_agent", "Hand the chat to a human agent.", {"reason": {"type": "string"}}),
]  # fmt: skip
SH_INTENTS = (  # (opening message, tool name or "", tool args)
    ("السلام عليكم، ليش فاتورتي هالشهر {amt} ريال؟ عادةً ما تتعدى {amt2}", "get_bill", {"month": "2026-02"}),
    ("ابي باقة بيانات لمدة أسبوع، وش عندكم؟", "list_offers", {"category": "data"}),
    ("وش عروض رمضان عندكم؟ ابي شي فيه نت كثير", "list_offers", {"category": "ramadan"}),
    ("بسافر دبي للعيد، كيف أفعّل التجوال وكم سعره؟", "list_offers", {"category": "roaming"}),
    ("شحنت بطاقة {amt2} ريال من ساعة وما انضاف الرصيد", "get_usage", {}),
    ("النت عندي بطيء جداً بالليل بعد التراويح، في حي {hood}", "", {}),
    ("أرغب في تغيير باقتي الحالية إلى باقة أعلى، ما الخيارات المتاحة؟", "list_offers", {"category": "upgrade"}),
    ("جوالي انسرق أمس، ابي اوقف الشريحة ضروري", "transfer_to_agent", {"reason": "stolen phone, block SIM"}),
    ("لو سمحت عايز أعرف إزاي أحول رصيد لرقم تاني", "", {}),
    ("salam, abi a3rf kam baqi 3ndi data", "get_usage", {}),
    ("slm, el net m26o3 mn el sub7 leh?", "", {}),
    ("How do I switch my line to eSIM on iPhone 15?", "", {}),
    ("Sir my iqama is renewed but my number is still blocked, please help", "transfer_to_agent", {"reason": "iqama block after renewal"}),
    ("كم باقي على فاتورتي؟ وأبي أدفعها من التطبيق", "get_bill", {"month": "2026-03"}),
    ("رمضان كريم، عندي خصم {amt2} ريال مكتوب بالرسالة بس ما طلع بالفاتورة", "get_bill", {"month": "2026-02"}),
)  # fmt: skip
SH_SLOTS = {"amt": ("387", "512", "460", "298"), "amt2": ("115", "150", "200", "100"),
            "hood": ("النسيم", "الملز", "الروضة", "السلامة", "العزيزية")}  # fmt: skip
SH_FOLLOW = ("شكراً", "جزاك الله خير", "طيب، وكم مدتها؟", "ابي أكلم موظف", "ما فهمت، وضّح أكثر", "كم السعر مع الضريبة؟",
             "فعّلها لي لو سمحت", "Thanks", "تمام", "طيب افتح لي بلاغ", "متى ينحل الموضوع؟", "ok and how long it takes?")  # fmt: skip
SH_WRAP = ("Summarise this customer-service chat for the CRM. Return JSON with keys: intent (one of billing, data, "
           "offers, roaming, recharge, network, device, security, account, other), resolved (bool), escalated (bool), "
           "sentiment (negative|neutral|positive), language (ar-gulf|ar-msa|ar-eg|arabizi|en), summary_en (max 40 "
           "words).\n\nTranscript:\n{tr}")  # fmt: skip
SH_NAMES = (
    "عبدالله",
    "نورة",
    "محمد",
    "سارة",
    "فهد",
    "ريم",
    "خالد",
    "Ahmed",
    "Rajesh",
    "Joseph",
    "مها",
    "تركي",
)
SH_PLANS = ("Sahab Basic 65", "Sahab Plus 115", "Sahab Max 230", "Prepaid Flex", "Sahab Unlimited 345")


def _sh_result(rng: random.Random, name: str, args: dict) -> str:
    if name == "get_bill":
        items = [{"desc": "Plan fee", "sar": 132.25}, {"desc": "International calls", "sar": round(rng.uniform(0, 180), 2)},
                 {"desc": "Roaming data", "sar": round(rng.uniform(0, 200), 2)}]  # fmt: skip
        return jd({"month": args["month"], "total_sar": round(sum(x["sar"] for x in items), 2), "items": items,
                   "due": "2026-03-15", "status": "unpaid"})  # fmt: skip
    if name == "get_usage":
        return jd({"balance_sar": round(rng.uniform(0, 80), 2), "data_gb_left": round(rng.uniform(0, 40), 1),
                   "minutes_left": rng.randint(0, 900), "last_recharge": {"sar": 50, "status": rng.choice(("pending", "ok"))}})  # fmt: skip
    if name == "list_offers":
        return jd({"offers": [{"name": f"{args['category'].title()} {g} GB", "days": d, "sar": p}
                              for g, d, p in ((10, 7, 35), (25, 14, 69), (60, 30, 115))]})  # fmt: skip
    if name == "create_ticket":
        return jd({"ticket": f"SH-{rng.randint(100000, 999999)}", "eta_hours": 48})
    return jd({"queued": True, "position": rng.randint(1, 30), "wait_minutes": rng.randint(2, 25)})


def ramadan_telecom_support(days: int = 2, per_day: int = 850) -> list[KeyTraffic]:
    rng = R("sahab")
    subs = [f"sub_{rng.getrandbits(40):010x}" for _ in range(40000)]
    kt = mk("b19-sahab-care", "ramadan_telecom_support", "benign", "app",
            corp("sahab-care-bot/3.8.2 OpenAI/JS 4.79.1", "openai-js", account(rng)),
            timing="simulated: chats on a Ramadan-night curve (UTC+3; iftar dip, 20:00-01:00 peak) for two days; turns think()-paced, tool steps at machine speed",
            sources=(), settings={"days": days, "per_day": per_day})  # fmt: skip
    params = {"temperature": 0.3, "max_tokens": 600, "stream": True, "tools": SH_TOOLS, "tool_choice": "auto"}
    for t in shaped(rng, utc(0, 0.0, 3.0), utc(days, 0.0, 3.0), per_day, RAMADAN_NIGHTS, 3.0):
        opener, tool, args = rng.choice(SH_INTENTS)
        lang = "en" if opener.startswith(("How", "Sir")) else "ar"
        local = t + 3 * HOUR
        sysm = SH_SYSTEM.format(name=rng.choice(SH_NAMES), plan=rng.choice(SH_PLANS), last4=f"{rng.randint(0, 9999):04d}",
                                lang=lang, time=f"2026-03-{2 + int((local - T0) // DAY):02d} {int(local % DAY // HOUR):02d}:{int(local % HOUR // 60):02d}")  # fmt: skip
        user = rng.choice(subs)
        ag = Agent(rng, t, [{"role": "system", "content": sysm}, {"role": "user", "content": fill(rng, opener, SH_SLOTS)}],
                   dict(params, user=user), retry=0.01)  # fmt: skip
        if tool:
            ag.tools([(tool, args, _sh_result(rng, tool, args))], (0.1, 0.6))
        ag.answer()
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            text = rng.choice(SH_FOLLOW)
            ag.user(text, think(rng, 400, len(text)))
            if text in ("ابي أكلم موظف",):
                ag.tools(
                    [
                        (
                            "transfer_to_agent",
                            {"reason": "customer asked"},
                            _sh_result(rng, "transfer_to_agent", {}),
                        )
                    ]
                )
            elif text in ("طيب افتح لي بلاغ",):
                a = {"category": "network", "description": clip(ag.msgs[1]["content"], 120)}
                ag.tools([("create_ticket", a, _sh_result(rng, "create_ticket", a))])
            ag.answer()
        kt.requests += ag.out
        if rng.random() < 0.8:
            tr = "\n".join(
                f"{m['role']}: {clip(str(m['content']), 300)}"
                for m in ag.msgs
                if m["role"] in ("user", "assistant") and m["content"]
            )
            q = one(SH_WRAP.format(tr=tr), {"temperature": 0, "max_tokens": 200, "response_format": {"type": "json_object"}, "user": user},
                    None, jd({"intent": "other", "resolved": True, "escalated": False, "sentiment": "neutral", "language": "ar-gulf",
                              "summary_en": "Customer asked about their line; assistant answered."}))  # fmt: skip
            q.ts = ag.t + rng.uniform(30, 300)
            kt.requests.append(q)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 3. A Chinese online-consultation platform ("杏林问诊", an internet hospital's Q&A service:
# patients submit a question form; an AI drafts the reply; a licensed doctor reviews and edits it
# before it is sent; ONE key, a Python service on httpx). Patients' questions: Huatuo buckets 0-1 of 4
# (about 1,500; each in a form with age, sex, duration, history, medication written here). Per
# consultation: a triage request on submission (JSON: department, urgency, red flags; T 0), the
# draft (T 0.3, max_tokens 900, a system prompt for a doctor's assistant); when the doctor opens it in
# a shift (08:00-22:00 UTC+8, 3-90 minutes later) 45% get one edit instruction and 12% two (gentler
# tone, add tests, drop drug doses, shorten); 35% of patients send a follow-up later, drafted with the
# thread for the doctor. Submissions on a China-time curve for three days. Replies: the triage JSON a
# stand-in, drafts stubs.
XQ_TRIAGE = ("你是互联网医院的分诊助手。根据患者提交的问诊单，只输出JSON："
             "{\"department\": 科室, \"urgency\": \"routine|soon|urgent|emergency\", \"red_flags\": [危险信号], "
             "\"need_offline_visit\": true/false}")  # fmt: skip
XQ_DRAFT = ("你是杏林问诊平台的医生助理。根据患者的问诊单，为接诊的执业医师起草一份回复。要求：通俗易懂、态度温和；说明可能的原因、"
            "建议做的检查和处理方式；不要给出处方药的具体剂量；如有危险信号，明确建议尽快线下就医或拨打120。"
            "你的草稿会由医生审核修改后才发送给患者，请在末尾用【医生请核对】列出你不确定的地方。")  # fmt: skip
XQ_FORM = ("【患者信息】{sex}，{age}岁\n【病程】{dur}\n【问题描述】{q}\n【既往史】{hx}\n【目前用药】{meds}\n"
           "【是否线下就诊过】{seen}\n【希望获得的帮助】{want}")  # fmt: skip
XQ_SLOTS = {
    "dur": ("1天", "3天", "一周", "半个月", "一个多月", "半年", "好几年了"),
    "hx": ("无", "高血压5年", "糖尿病", "乙肝携带", "甲状腺结节", "哮喘", "无，有青霉素过敏"),
    "meds": ("无", "氨氯地平", "二甲双胍", "自己吃过布洛芬", "头孢（已停）", "不清楚"),
    "seen": ("没有", "去过社区医院，医生让观察", "做过血常规，结果附后看不懂", "看过，想再问问"),
    "want": ("想知道严重不严重", "需要做什么检查", "该挂哪个科", "能不能吃药缓解", "给点饮食建议"),
}  # fmt: skip
XQ_EDIT = ("语气再温和一些，患者比较焦虑", "补充一下需要做哪些检查", "把具体药名和剂量删掉，改成遵医嘱", "太长了，压缩到200字以内",
           "加一句：如症状加重请及时到{dept}就诊", "患者是老年人，说得再通俗一些", "补充饮食和生活方式建议", "把【医生请核对】那部分去掉")  # fmt: skip
XQ_DEPTS = ("心内科", "消化内科", "神经内科", "妇科", "儿科", "皮肤科", "呼吸内科", "内分泌科", "急诊")
XQ_FOLLOW = ("医生，需要空腹检查吗？", "这个病严重吗？会不会是癌症？", "可以吃布洛芬吗？", "挂哪个科比较好？", "中药调理可以吗？",
             "多久能好？", "孩子也有类似症状，要不要一起看？", "检查结果出来了：白细胞偏高一点，要紧吗？", "谢谢医生！还需要复查吗？")  # fmt: skip


def _xq_form(rng: random.Random, q: str) -> str:
    """The patient's form: age and sex from the question where it says them, the rest drawn."""
    m = re.search(r"(\d{1,2})岁", q)
    age = m.group(1) if m else str(rng.randint(3, 82))
    sex = "女" if re.search(r"女|妇|孕|产", q) else ("男" if "男" in q else rng.choice(("男", "女")))
    return XQ_FORM.format(sex=sex, age=age, q=q.strip(), **{k: rng.choice(v) for k, v in XQ_SLOTS.items()})


def zh_medical_consult(days: int = 3) -> list[KeyTraffic]:
    rng = R("xinglin")
    rows = [r for r in src("huatuo_med_zh") if bucket(r, 4) in (0, 1)]
    rng.shuffle(rows)
    kt = mk("b19-xinglin-consult", "zh_medical_consult", "benign", "app",
            corp("xinglin-consult/2.6.0 python-httpx/0.27.2", "httpx", account(rng)),
            timing="simulated: submissions on a China-time curve for three days; doctors' reviews in 08:00-22:00 UTC+8 shifts; patients' follow-ups hours later",
            sources=("huatuo_med_zh",), settings={"days": days, "consultations": len(rows)})  # fmt: skip
    starts = shaped(rng, utc(0, 0.0, 8.0), utc(days, 0.0, 8.0), len(rows) / days, CN_CONSUMER, 8.0)
    draft_p = {"temperature": 0.3, "max_tokens": 900}
    for r, t in zip(rows, starts, strict=False):
        pid = f"pt_{rng.getrandbits(36):09x}"
        form = _xq_form(rng, r.first)
        tri = one(form, {"temperature": 0, "max_tokens": 150, "response_format": {"type": "json_object"}, "user": pid},
                  XQ_TRIAGE, jd({"department": rng.choice(XQ_DEPTS), "urgency": rng.choice(("routine", "routine", "soon", "urgent")),
                                 "red_flags": [], "need_offline_visit": rng.random() < 0.3}), r.id)  # fmt: skip
        tri.ts = t + rng.uniform(0.2, 1.0)
        draft = one(form, dict(draft_p, user=pid), XQ_DRAFT, None, r.id)
        draft.ts = tri.ts + latency(rng, 60) + rng.uniform(0.05, 0.3)
        kt.requests += [tri, draft]
        msgs = [*(draft.messages or []), {"role": "assistant", "content": draft.reply}]
        tr = next_open(rng, draft.ts + rng.uniform(3, 90) * MINUTE, 8.0, 8.0, 14.0)
        n_edit = 2 if rng.random() < 0.12 else (1 if rng.random() < 0.45 / 0.88 else 0)
        doctor = f"dr_{zlib.crc32(r.id.encode()) % 400:03d}"
        for _ in range(n_edit):
            ask = rng.choice(XQ_EDIT).format(dept=rng.choice(XQ_DEPTS))
            msgs.append({"role": "user", "content": ask})
            tr += think(rng, 900, len(ask))
            q = mreq(tr, msgs, dict(draft_p, user=doctor), stub_reply(ask), r.id)
            kt.requests.append(q)
            msgs.append({"role": "assistant", "content": q.reply})
        if rng.random() < 0.35:
            fu = f"【患者追问】{rng.choice(XQ_FOLLOW)}"
            msgs.append({"role": "user", "content": fu})
            ts = next_open(rng, tr + rng.uniform(0.5, 20) * HOUR, 8.0, 8.0, 14.0)
            kt.requests.append(mreq(ts, msgs, dict(draft_p, user=doctor), stub_reply(fu), r.id))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 4. Nightly Batch-API jobs of an Indonesian marketplace ("Pasarku", Jakarta, UTC+7; ONE key of
# its catalogue team: a Python job uploads a JSONL file at ~01:00 WIB and the batch runner works
# through it at high concurrency, so thousands of requests arrive within minutes). The catalogue
# (~9,000 products in six categories) and its buyers' reviews are generated here (casual Indonesian
# with slang, a little Javanese and English, 1-5 stars). Night 1: review summaries for 4,000 products
# (one template: product, category, rating, 10-40 reviews; a json_schema with ringkasan, kelebihan,
# kekurangan, sentimen, topik; T 0.2). Night 2: summaries for the 1,800 products with new reviews and
# an SEO job (meta description + keywords) for 1,200 new listings. Night 3: 2,000 summaries and an
# English version of 800 summaries for the Singapore/Malaysia storefront. Next mornings (10:00 WIB):
# the ~2% of lines that failed validation are resubmitted as a small batch, and an engineer spot
# checks 15-25 summaries in a notebook. Replies: stubs (the English job quotes stub summaries).
PS_SYSTEM = ("Kamu adalah sistem ringkasan ulasan Pasarku. Ringkas ulasan pembeli secara jujur dan seimbang dalam Bahasa "
             "Indonesia yang baku dan singkat. Jangan mengarang fakta yang tidak ada di ulasan, jangan menyebut nama "
             "pembeli, dan abaikan ulasan yang tidak relevan dengan produk. Keluarkan JSON sesuai skema.")  # fmt: skip
PS_USER = (
    "Produk: {name}\nKategori: {cat}\nRating rata-rata: {avg} dari {n} ulasan\n\nUlasan terbaru:\n{lines}"
)
PS_SCHEMA = {"type": "json_schema", "json_schema": {"name": "ringkasan_ulasan", "strict": True, "schema": {
    "type": "object", "additionalProperties": False, "required": ["ringkasan", "kelebihan", "kekurangan", "sentimen", "topik"],
    "properties": {"ringkasan": {"type": "string"}, "kelebihan": {"type": "array", "items": {"type": "string"}},
                   "kekurangan": {"type": "array", "items": {"type": "string"}},
                   "sentimen": {"type": "string", "enum": ["positif", "campuran", "negatif"]},
                   "topik": {"type": "array", "items": {"type": "string"}}}}}}  # fmt: skip
PS_SEO = ("Tulis meta description (maksimal 155 karakter) dan 5 kata kunci pencarian untuk halaman produk berikut. "
          "Format JSON: {{\"meta\": \"...\", \"keywords\": [..]}}\n\nNama: {name}\nKategori: {cat}\nHarga: Rp{price}\n"
          "Atribut: {attrs}")  # fmt: skip
PS_EN = ("Translate this Indonesian review summary into natural English for our Singapore and Malaysia storefront. "
         "Keep the JSON keys, translate the values only.\n\n{js}")  # fmt: skip
PS_CHECK = "Apakah ringkasan ini akurat dan seimbang dibandingkan ulasan aslinya? Jawab singkat.\n\nUlasan:\n{lines}\n\nRingkasan:\n{js}"
PS_CATALOG = {
    "Elektronik": ("Earphone TWS {brand} X{k}", "Powerbank {brand} 10000mAh", "Charger Fast Charging 33W {brand}",
                   "Smartwatch {brand} S{k}", "Kabel Data Type-C {brand} 1m", "Speaker Bluetooth {brand} Mini"),
    "Fashion": ("Kemeja Batik Pria Lengan Panjang {motif}", "Hijab Segi Empat Voal {color}", "Sepatu Sneakers {brand} {color}",
                "Tas Selempang Wanita {color}", "Gamis Syari Rayon {color}", "Sandal Jepit {brand}"),
    "Rumah Tangga": ("Rice Cooker {brand} 1.8L", "Blender {brand} 2in1", "Rak Piring Stainless 2 Susun", "Kipas Angin Berdiri {brand} 16 inch",
                     "Set Panci Anti Lengket 5pcs", "Sprei Katun Motif {motif} 160x200"),
    "Kecantikan": ("Serum Wajah Niacinamide 10% 20ml", "Sunscreen SPF 50 PA++++ {brand}", "Lipstik Matte {brand} {color}",
                   "Sabun Cuci Muka {brand} 100ml", "Masker Wajah Lumpur {brand}"),
    "Makanan & Minuman": ("Kopi Gayo Arabika 250gr", "Keripik Pisang Lampung Manis 500gr", "Sambal Bawang Bu {who} 200gr",
                          "Madu Hutan Asli 500ml", "Kurma Sukari 1kg", "Teh Tubruk Cap {brand}"),
    "Ibu & Bayi": ("Popok Bayi Celana {brand} L 44", "Botol Susu Anti Kolik 250ml", "Gendongan Bayi Hipseat {color}"),
}  # fmt: skip
PS_SLOTS = {"brand": ("Aksara", "Nusa", "Garuda", "Bintang", "Rinjani", "Mentari", "Kencana", "Sakti"), "k": ("1", "3", "5", "7", "9"),
            "motif": ("Parang", "Kawung", "Mega Mendung", "Truntum", "Bunga"), "color": ("Hitam", "Navy", "Mocca", "Sage", "Maroon", "Putih"),
            "who": ("Rudy", "Tini", "Sari", "Ani")}  # fmt: skip
PS_GOOD = ("Barang sudah sampai, sesuai deskripsi. Mantap!", "Pengiriman cepat, packing rapi pakai bubble wrap.",
           "Kualitas oke untuk harga segini, recommended seller.", "Udah order kedua kalinya, tetap puas.",
           "Seller responsif, ditanya jawabnya cepat.", "mantul gan, makasih", "Good product, fast delivery.",
           "Apik tenan, matur nuwun.", "Ori, ada hologramnya.")  # fmt: skip
PS_BAD = ("Barang datang telat 5 hari.", "Paket penyok, isinya ada yang pecah.", "Kurang sesuai ekspektasi.",
          "Sudah komplain tapi belum dibalas seller.", "Foto di toko lebih bagus dari aslinya.")  # fmt: skip
PS_CAT = {  # category -> (good, bad)
    "Elektronik": (("Suaranya jernih, bass lumayan.", "Baterainya awet, seharian aman.", "Ngecas cepat, tidak panas."),
                   ("Baterainya cepat habis.", "Kabelnya cepat rusak, baru seminggu.", "Koneksi bluetooth suka putus.")),
    "Fashion": (("Bahannya adem, jahitan rapi.", "Ukuran pas sesuai size chart.", "Warnanya cantik, sesuai foto."),
                ("Warnanya beda dengan foto.", "Ukurannya kekecilan, tolong size chart diperbaiki.", "Benang banyak yang lepas.")),
    "Rumah Tangga": (("Mudah dipakai, nasi matang rata.", "Kokoh dan gampang dibersihkan.", "Anginnya kencang tapi tidak berisik."),
                     ("Bunyinya berisik pas dipakai.", "Tutupnya kurang rapat.", "Catnya mengelupas setelah dicuci.")),
    "Kecantikan": (("Wangi dan tidak bikin kusam.", "Cocok di kulit berminyak saya.", "Teksturnya ringan, cepat meresap."),
                   ("Bikin jerawatan di kulit saya.", "Kemasan bocor sedikit.", "Warnanya terlalu gelap buat saya.")),
    "Makanan & Minuman": (("Rasanya enak banget, pedasnya pas.", "Kopinya harum, asamnya pas.", "Masih fresh, expired masih lama."),
                          ("Rasanya terlalu manis.", "Kemasan bocor sedikit.", "Agak melempem pas sampai.")),
    "Ibu & Bayi": (("Anak saya suka banget.", "Tidak bikin ruam, anak nyaman.", "Bahannya lembut dan tebal."),
                   ("Karetnya terlalu ketat.", "Bocor di malam hari.", "Ukuran L tapi kekecilan.")),
}  # fmt: skip
PS_MID = (
    "Lumayan, sesuai harga.",
    "Biasa aja sih.",
    "Oke tapi pengiriman agak lama.",
    "Not bad.",
    "Cukup, semoga awet.",
)


def _ps_product(rng: random.Random, i: int) -> dict:
    cat = rng.choice(list(PS_CATALOG))
    name = fill(rng, rng.choice(PS_CATALOG[cat]), PS_SLOTS)
    return {"sku": f"PSK-{i:06d}", "name": name, "cat": cat, "q": rng.uniform(0.45, 0.95),
            "price": f"{rng.randint(12, 900) * 1000:,}".replace(",", ".")}  # fmt: skip


def _ps_reviews(rng: random.Random, prod: dict, n: int) -> list[str]:
    out = []
    for _ in range(n):
        u = rng.random()
        stars = 5 if u < prod["q"] * 0.8 else (4 if u < prod["q"] else rng.choice((1, 2, 3)))
        good, bad = PS_CAT[prod["cat"]]
        pool = PS_GOOD + good * 2 if stars >= 4 else (PS_MID if stars == 3 else PS_BAD + bad * 2)
        text = " ".join(dict.fromkeys(rng.sample(pool, rng.choice((1, 1, 2)))))
        if stars <= 2 and rng.random() < 0.4:
            text += " " + rng.choice(PS_GOOD[:3])
        out.append(f"[{stars}★] {text.lower() if rng.random() < 0.2 else text}")
    return out


def _ps_summary_req(rng: random.Random, prod: dict) -> Request:
    lines = _ps_reviews(rng, prod, rng.randint(10, 40))
    avg = round(sum(int(x[1]) for x in lines) / len(lines), 1)
    body = PS_USER.format(
        name=prod["name"], cat=prod["cat"], avg=avg, n=rng.randint(len(lines), 900), lines="\n".join(lines)
    )
    return one(body, {"temperature": 0.2, "max_tokens": 500, "response_format": PS_SCHEMA}, PS_SYSTEM)


def batch_review_summaries() -> list[KeyTraffic]:
    rng = R("pasarku")
    catalog = [_ps_product(rng, i) for i in range(9000)]
    kt = mk("b19-pasarku-batch", "batch_review_summaries", "benign", "app",
            corp("OpenAI/Python 1.66.3", "openai-python", account(rng)),
            timing="simulated: three nightly batch files (uploaded ~01:00 WIB, UTC+7) run by the batch runner at 48-64 concurrent lines; morning resubmissions and a notebook spot check",
            sources=(), settings={"nights": 3, "catalog": len(catalog)})  # fmt: skip
    nights = [  # (summaries, seo, english)
        (4000, 0, 0),
        (1800, 1200, 0),
        (2000, 0, 800),
    ]
    done: list[Request] = []
    for night, (n_sum, n_seo, n_en) in enumerate(nights):
        prods = rng.sample(catalog, n_sum + n_seo)
        jobs = [[_ps_summary_req(rng, p)] for p in prods[:n_sum]]
        for p in prods[n_sum:]:
            attrs = ", ".join(rng.sample(("garansi resmi 1 tahun", "bisa COD", "stok banyak", "bahan premium", "halal MUI", "BPOM",
                                          "free ongkir Jabodetabek", "ukuran S-XXL", "kemasan aman"), 3))  # fmt: skip
            jobs.append([one(PS_SEO.format(name=p["name"], cat=p["cat"], price=p["price"], attrs=attrs),
                             {"temperature": 0.4, "max_tokens": 200})])  # fmt: skip
        for q in rng.sample(done, min(n_en, len(done))) if n_en else []:
            js = jd({"ringkasan": q.reply, "kelebihan": ["pengiriman cepat"], "kekurangan": ["warna beda dengan foto"],
                     "sentimen": "campuran"})  # fmt: skip
            jobs.append([one(PS_EN.format(js=js), {"temperature": 0.2, "max_tokens": 500})])
        rng.shuffle(jobs)
        start = utc(night + 1, 1.0, 7.0) + rng.uniform(2, 40) * MINUTE  # the runner picks the file up
        closed_pool(rng, start, jobs, rng.choice((48, 56, 64)), 220)
        reqs = [q for j in jobs for q in j]
        done += [q for q in reqs if q.params.get("response_format") is PS_SCHEMA]
        kt.requests += reqs
        failed = rng.sample(reqs, int(0.02 * len(reqs)))
        again = [[Request(0.0, q.endpoint, q.prompt, q.messages, dict(q.params), q.item, False, stub_reply(q.prompt))]
                 for q in failed]  # fmt: skip
        closed_pool(rng, utc(night + 1, 10.0, 7.0) + rng.uniform(0, 40) * MINUTE, again, 16, 220)
        kt.requests += [q for j in again for q in j]
        t = utc(night + 1, 10.5, 7.0) + rng.uniform(0, 90) * MINUTE
        for q in rng.sample(reqs[: len(reqs) // 2], rng.randint(15, 25)):
            if q.params.get("response_format") is not PS_SCHEMA:
                continue
            c = one(
                PS_CHECK.format(lines=q.prompt.split("Ulasan terbaru:\n")[-1], js=q.reply), {"temperature": 0}
            )
            c.ts = t
            kt.requests.append(c)
            t += latency(rng, 60) + rng.uniform(30, 400)
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# BENIGN 5. A multilingual evaluation by a university NLP group in Seoul (UTC+9) for a paper on
# cross-lingual instruction following and Chinese exam reasoning; two keys of the lab (one
# organisation). Key A (the lab's harness on openai-python, 8 workers): IFEval in all four languages
# (1,063 prompts) with no system prompt and again with a system prompt in the prompt's language
# (T 0, max_tokens 1280); AGIEval's Chinese tasks (gaokao-*, LogiQA-zh, JEC-QA; ~1,770 items) direct
# ("answer with the letter", max_tokens 8) and step-by-step in Chinese (max_tokens 1024), T 0. Key B
# (a student's scripts on httpx, 4 workers): a "reasoning-model" setting (T 0.6, top_p 0.95,
# max_tokens 4096) over the non-English IFEval prompts; self-consistency (n=3, T 0.7) on 300 of the
# AGIEval items; BELLE-eval bucket 1 of 2 generations (T 0.7), each then judged by the model against
# a scoring prompt (T 0) that quotes the generation. Runs start in working hours and evenings over
# four days. Replies: stubs (the judged generations are the stubs of the generation requests).
EV_SYS = {"en": "You are a helpful assistant.", "es": "Eres un asistente útil.", "fr": "Tu es un assistant utile.",
          "ja": "あなたは役に立つアシスタントです。"}  # fmt: skip
EV_ZH_TASKS = ("gaokao-chinese", "gaokao-english", "gaokao-geography", "gaokao-history", "gaokao-biology", "gaokao-chemistry",
               "gaokao-physics", "gaokao-mathqa", "gaokao-mathcloze", "logiqa-zh", "jec-qa-kd", "jec-qa-ca")  # fmt: skip
EV_DIRECT = "{x}\n\n请直接给出正确选项的字母，不要解释。"
EV_CLOZE = "{x}\n\n请直接给出最终答案，不要解释。"
EV_COT = "{x}\n\n请一步一步地思考，最后以“答案：X”的格式给出答案。"
EV_JUDGE = ("你是一个严格的评测员。请根据问题评估下面这个AI助手回答的质量（准确性、完整性、是否遵循指令、语言是否流畅），"
            "给出1-10分的整数分数，并用一句话说明理由。输出格式：分数：X\n理由：...\n\n【问题】\n{q}\n\n【回答】\n{a}")  # fmt: skip


def multilingual_eval_lab(days: int = 4) -> list[KeyTraffic]:
    rng = R("seoul-eval")
    org = dict(account(rng))["organisation"]
    ka = mk("b19-snu-eval-a", "multilingual_eval_lab", "benign", "evaluation",
            client(rng, "openai-python", None, "mlingual-eval/0.3.1 OpenAI/Python 1.64.0", organisation=org), actor="b19-snu-eval",
            timing="simulated: suite runs of 8 closed-loop workers started in KST working hours and evenings over four days",
            sources=("ifeval_multilingual", "agieval_v1"), settings={"days": days})  # fmt: skip
    kb = mk("b19-snu-eval-b", "multilingual_eval_lab", "benign", "evaluation",
            client(rng, "httpx", None, None, organisation=org), actor="b19-snu-eval",
            timing="simulated: a student's scripts, 4 closed-loop workers, KST afternoons and nights",
            sources=("ifeval_multilingual", "agieval_v1", "belle_eval_zh"), settings={"days": days})  # fmt: skip
    ife = list(src("ifeval_multilingual"))
    agi = [r for r in src("agieval_v1") if r.extra.get("task") in EV_ZH_TASKS]
    base = {"temperature": 0, "max_tokens": 1280}
    runs_a = [
        (utc(0, 14.0, 9.0), [one(r.first, base, None, None, r.id) for r in ife]),
        (utc(0, 21.5, 9.0), [one(r.first, base, EV_SYS[r.extra.get("lang", "en")], None, r.id) for r in ife]),
        (
            utc(1, 10.5, 9.0),
            [
                one(
                    (EV_CLOZE if r.extra["task"] == "gaokao-mathcloze" else EV_DIRECT).format(x=r.first),
                    {"temperature": 0, "max_tokens": 8},
                    None,
                    None,
                    r.id,
                )
                for r in agi
            ],
        ),
        (
            utc(1, 20.0, 9.0),
            [
                one(EV_COT.format(x=r.first), {"temperature": 0, "max_tokens": 1024}, None, None, r.id)
                for r in agi
            ],
        ),
    ]
    for start, reqs in runs_a:
        closed_pool(rng, start + rng.uniform(0, 600), [[q] for q in reqs], 8, 300)
        ka.requests += reqs
    sc = rng.sample(agi, 300)
    belle = [r for r in src("belle_eval_zh") if bucket(r, 2) == 1]
    gens = [one(r.first, {"temperature": 0.7, "max_tokens": 1024}, None, None, r.id) for r in belle]
    runs_b = [
        (
            utc(2, 15.0, 9.0),
            [
                one(r.first, {"temperature": 0.6, "top_p": 0.95, "max_tokens": 4096}, None, None, r.id)
                for r in ife
                if r.extra.get("lang") != "en"
            ],
        ),
        (
            utc(2, 23.0, 9.0),
            [
                one(
                    EV_COT.format(x=r.first),
                    {"temperature": 0.7, "n": 3, "max_tokens": 1024},
                    None,
                    None,
                    r.id,
                )
                for r in sc
            ],
        ),
        (utc(3, 14.0, 9.0), gens),
    ]
    for start, reqs in runs_b:
        end = closed_pool(rng, start + rng.uniform(0, 600), [[q] for q in reqs], 4, 400)
        kb.requests += reqs
    judges = [
        one(EV_JUDGE.format(q=g.prompt, a=g.reply), {"temperature": 0, "max_tokens": 150}, None, None, g.item)
        for g in gens
    ]
    closed_pool(rng, max(end, utc(3, 19.0, 9.0)) + rng.uniform(300, 1800), [[q] for q in judges], 4, 60)
    kb.requests += judges
    ka.requests, kb.requests = sorted_reqs(ka.requests), sorted_reqs(kb.requests)
    return [ka, kb]


# =============================================================================================
# BENIGN 6. A German Land's plain-language service for migrants ("Klar & Einfach", run by the Land's
# IT service provider for ~400 municipalities and its integration offices; one organisation, two
# keys). Key P, the publication pipeline: each new official notice a municipality publishes
# (written here from eight kinds of notice with the Land's own names, dates and amounts; ~110 a
# weekday) is rewritten into Leichte Sprache (a system prompt with the rules), then that text is
# translated into nine languages in parallel (Arabic, Turkish, Ukrainian, Russian, Dari, Farsi,
# English, Tigrinya, Kurmanji), and for 20% the Arabic and Ukrainian versions get a completeness
# check against the German (JSON). Key C, the caseworkers' assistant (~380 chats a weekday in office
# hours, UTC+1): a caseworker pastes a letter a client received and asks for an explanation in the
# client's language, then 0-3 follow-ups (deadlines, documents, a reply e-mail to the office, simpler
# words). Three weekdays. Replies: the Leichte-Sprache text a stand-in the translations quote (the
# notice's sentences cut short, one per line), other replies stubs.
KE_EASY = ("Du schreibst Texte von Behörden in Leichte Sprache um, nach den Regeln des Netzwerks Leichte Sprache: kurze "
           "Sätze mit nur einer Aussage, keine Fremdwörter, kein Passiv, keine Abkürzungen, keine Verneinungen wenn möglich, "
           "Zahlen als Ziffern, schwierige Wörter erklären, lange Wörter mit Medio·punkt trennen (Bürger·amt). Behalte alle "
           "Fristen, Beträge, Adressen, Öffnungszeiten und Telefonnummern genau bei. Gib nur den Text in Leichter Sprache aus.")  # fmt: skip
KE_TRANS = ("Übersetze den folgenden Text in Leichter Sprache ins {lang}e. Schreibe einfache, kurze Sätze in der Zielsprache. "
            "Fristen, Beträge, Adressen und Telefonnummern bleiben unverändert; Namen von Ämtern übersetzt und dahinter auf "
            "Deutsch in Klammern. Gib nur die Übersetzung aus.")  # fmt: skip
KE_LANGS = (
    "Arabisch",
    "Türkisch",
    "Ukrainisch",
    "Russisch",
    "Dari",
    "Farsi",
    "Englisch",
    "Tigrinya",
    "Kurmandschi",
)
KE_CHECK = ("Prüfe, ob die {lang}e Übersetzung inhaltlich vollständig und korrekt ist (Fristen, Beträge, Pflichten). "
            "Antworte als JSON: {{\"vollstaendig\": true/false, \"fehler\": [\"...\"]}}\n\nDeutsch:\n{de}\n\n{lang}:\n{tr}")  # fmt: skip
KE_CASE = ("Du unterstützt Beraterinnen und Berater der Migrationsberatung. Erkläre Behördenbriefe in der gewünschten Sprache "
           "sehr einfach und vollständig: Wer schreibt? Was steht drin? Was muss die Person tun, bis wann? Was passiert, wenn "
           "sie nichts tut? Gib keine Rechtsberatung; weise bei Widerspruchsfristen auf die Beratungsstelle hin.")  # fmt: skip
KE_NOTICES = (
    "Bescheid über Wohngeld\n\nSehr geehrte(r) {name},\n\nauf Ihren Antrag vom {d1} wird Ihnen für den Bewilligungszeitraum vom "
    "01.04.2026 bis 31.03.2027 Wohngeld in Höhe von monatlich {amt} EUR bewilligt. Das Wohngeld wird monatlich im Voraus auf "
    "das von Ihnen angegebene Konto überwiesen. Sie sind verpflichtet, der Wohngeldbehörde unverzüglich mitzuteilen, wenn sich "
    "die Zahl der Haushaltsmitglieder ändert oder sich das Gesamteinkommen um mehr als 15 Prozent erhöht (§ 27 WoGG). "
    "Zu Unrecht erhaltenes Wohngeld ist zu erstatten.\n\nRechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines "
    "Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei der "
    "Stadtverwaltung {town}, Wohngeldstelle, {street}, einzulegen.",
    "Anmeldung für Kindertageseinrichtungen – Kita-Jahr 2026/27\n\nDie Gemeinde {town} informiert: Anmeldungen für einen "
    "Betreuungsplatz ab 01.08.2026 sind bis zum {d2} über das Kita-Portal oder persönlich im Bürgerbüro ({street}) möglich. "
    "Kinder ab dem vollendeten ersten Lebensjahr haben einen Rechtsanspruch auf frühkindliche Förderung (§ 24 SGB VIII). "
    "Bitte legen Sie den Nachweis über den Masernschutz vor. Die Elternbeiträge richten sich nach dem Einkommen; eine "
    "Übernahme durch das Jugendamt kann beantragt werden. Sprechzeiten: Mo, Di, Do 8–12 Uhr, Do 14–18 Uhr.",
    "Einladung zu einem persönlichen Gespräch\n\nSehr geehrte(r) {name},\n\nbitte kommen Sie am {d2} um {time} Uhr in das "
    "Jobcenter {town}, {street}, Zimmer {room}. Ich möchte mit Ihnen über Ihre aktuelle berufliche Situation sprechen. Bitte "
    "bringen Sie Ihren Personalausweis oder Aufenthaltstitel und Ihren Lebenslauf mit. Dies ist eine Einladung nach § 59 SGB II "
    "in Verbindung mit § 309 SGB III. Wenn Sie ohne wichtigen Grund nicht erscheinen, wird Ihr Bürgergeld um 10 Prozent des "
    "maßgebenden Regelbedarfs für einen Monat gemindert (§ 32 SGB II). Können Sie den Termin nicht wahrnehmen, teilen Sie uns "
    "dies bitte vorher unter {phone} mit.",
    "Terminmitteilung Ausländerbehörde\n\nIhr Aufenthaltstitel läuft am {d2} ab. Zur Verlängerung haben wir für Sie einen "
    "Termin am {d1} um {time} Uhr reserviert. Bitte bringen Sie mit: gültiger Pass, ein aktuelles biometrisches Foto, Nachweis "
    "über die Sicherung des Lebensunterhalts (Lohnabrechnungen der letzten 3 Monate), Mietvertrag, Nachweis der "
    "Krankenversicherung. Die Gebühr beträgt {fee} EUR. Bis zur Entscheidung gilt Ihr Aufenthalt als erlaubt "
    "(Fiktionsbescheinigung, § 81 Abs. 4 AufenthG), sofern der Antrag rechtzeitig gestellt wurde.",
    "Änderung der Abfuhrtermine wegen der Osterfeiertage\n\nDer Abfallwirtschaftsbetrieb des Landkreises informiert: Wegen "
    "Karfreitag (03.04.2026) und Ostermontag (06.04.2026) verschieben sich die Abfuhrtermine für Restmüll, Bioabfall und "
    "Gelbe Säcke in {town} um jeweils einen Werktag nach hinten. Bitte stellen Sie die Behälter am Abfuhrtag bis 6:00 Uhr "
    "bereit. Sperrmüll kann weiterhin online oder telefonisch unter {phone} angemeldet werden.",
    "Nachweis über Masernschutz\n\nSehr geehrte Eltern,\n\nnach § 20 Absatz 9 Infektionsschutzgesetz müssen alle Kinder, die "
    "eine Schule oder Kita besuchen, einen ausreichenden Impfschutz gegen Masern nachweisen. Für Ihr Kind {child} liegt uns "
    "bisher kein Nachweis vor. Bitte reichen Sie bis zum {d2} den Impfausweis, ein ärztliches Zeugnis über eine Immunität "
    "oder eine Kontraindikation beim Gesundheitsamt {town} ein. Andernfalls sind wir verpflichtet, ein Bußgeldverfahren zu "
    "prüfen.",
    "Härtefallhilfe für Heizkosten\n\nHaushalte, die mit Heizöl, Flüssiggas oder Holzpellets heizen und deren Kosten sich im "
    "Jahr 2025 mehr als verdoppelt haben, können bis zum {d2} eine Entlastung beantragen. Erstattet werden 80 Prozent der "
    "Mehrkosten über dem Doppelten des Vorjahrespreises, höchstens {amt} EUR je Haushalt. Der Antrag ist mit Rechnungen über "
    "das Landesportal zu stellen. Bei Fragen hilft das Bürgertelefon unter {phone}.",
    "Anmeldung einer Wohnung\n\nWer eine Wohnung bezieht, muss sich innerhalb von zwei Wochen nach dem Einzug bei der "
    "Meldebehörde anmelden (§ 17 Bundesmeldegesetz). Bitte vereinbaren Sie einen Termin im Bürgerbüro {town} und bringen Sie "
    "die Wohnungsgeberbestätigung Ihres Vermieters sowie Pass oder Ausweis aller Personen mit. Wer sich nicht oder nicht "
    "rechtzeitig anmeldet, handelt ordnungswidrig; es kann ein Bußgeld von bis zu 1.000 EUR verhängt werden.",
)  # fmt: skip
KE_SLOTS = {"name": ("Frau Haddad", "Herr Yılmaz", "Frau Kovalenko", "Herr Ahmadi", "Frau Tesfaye", "Herr Petrov", "Frau Rahimi"),
            "town": ("Wiesbaden", "Gießen", "Fulda", "Hanau", "Marburg", "Rüsselsheim", "Bad Hersfeld", "Offenbach"),
            "street": ("Rathausplatz 1", "Schillerstraße 12", "Am Markt 4", "Bahnhofstraße 30"),
            "d1": ("12.03.2026", "18.03.2026", "25.03.2026", "02.04.2026"), "d2": ("31.03.2026", "15.04.2026", "30.04.2026", "20.03.2026"),
            "amt": ("186", "243", "312", "1.000", "2.000"), "time": ("8:30", "9:15", "10:00", "13:45"), "room": ("112", "2.04", "E17"),
            "phone": ("0611 31-0", "0641 306-0", "0800 1234567"), "fee": ("93", "98", "100"), "child": ("Amir", "Sofiia", "Elif", "Yonas")}  # fmt: skip
KE_ASK = ("Meine Klientin hat diesen Brief bekommen. Bitte erkläre ihn ihr in einfachen Worten auf {lang}, sie spricht kaum Deutsch:\n\n{letter}",
          "Kannst du diesen Brief für einen Klienten auf {lang} erklären? Was muss er tun?\n\n{letter}",
          "{letter}\n\n---\nBitte in einfachem {lang} zusammenfassen, für eine Familie mit wenig Schulbildung.")  # fmt: skip
KE_FOLLOW = ("Was muss sie genau bis wann tun?", "Schreib bitte eine kurze E-Mail an das Amt, dass sie den Termin verschieben muss.",
             "Welche Unterlagen braucht er?", "Kannst du das noch einfacher sagen?", "Bitte auch auf Deutsch in Leichter Sprache.",
             "Was passiert, wenn die Frist schon vorbei ist?", "Danke!")  # fmt: skip


def _ke_easy(text: str) -> str:
    """A stand-in for the Leichte-Sprache version the translations quote: every sentence of the
    notice cut to its first dozen words, one per line."""
    lines = [" ".join(x.split()[:12]).rstrip(",;:.") + "." for x in sentences(text) if len(x) > 3]
    return "Das ist eine Information vom Amt.\n\n" + "\n".join(lines)


def plain_language_service(days: int = 3, notices: int = 110, chats: int = 380) -> list[KeyTraffic]:
    rng = R("klar")
    acct = account(rng)
    org = dict(acct)["organisation"]
    kp = mk("b19-klar-publish", "plain_language_service", "benign", "app",
            corp("klar-einfach-pipeline/1.12.0 OpenAI/Python 1.57.4", "openai-python", acct), actor="b19-klar",
            timing="simulated: notices published on weekday office hours (UTC+1), each a chain: easy text, nine translations in parallel, checks",
            sources=(), settings={"days": days, "notices": notices})  # fmt: skip
    kc = mk("b19-klar-beratung", "plain_language_service", "benign", "app",
            client(rng, "openai-js", KE_CASE, "klar-beratung-web/2.3.0 OpenAI/JS 4.71.0", organisation=org), actor="b19-klar",
            timing="simulated: caseworkers' chats on an office curve (UTC+1), turns think()-paced",
            sources=(), settings={"days": days, "chats": chats})  # fmt: skip
    for t in shaped(rng, utc(0, 0.0, 1.0), utc(days, 0.0, 1.0), notices, OFFICE, 1.0):
        text = fill(rng, rng.choice(KE_NOTICES), KE_SLOTS)
        easy_text = _ke_easy(text)
        easy = one(text, {"temperature": 0.2, "max_tokens": 1500}, KE_EASY, easy_text)
        easy.ts = t
        t += latency(rng, 500)
        kp.requests.append(easy)
        trans = {}
        for lang in KE_LANGS:
            q = one(easy_text, {"temperature": 0.2, "max_tokens": 2000}, KE_TRANS.format(lang=lang))
            q.ts = t + rng.uniform(0.01, 0.3)
            trans[lang] = q
            kp.requests.append(q)
        t += latency(rng, 700)
        if rng.random() < 0.2:
            for lang in ("Arabisch", "Ukrainisch"):
                q = one(
                    KE_CHECK.format(lang=lang, de=easy_text, tr=trans[lang].reply),
                    {"temperature": 0, "max_tokens": 300},
                )
                q.ts = t + rng.uniform(0.01, 0.3)
                kp.requests.append(q)
    workers = [f"bw_{rng.getrandbits(32):08x}" for _ in range(160)]
    for t in shaped(rng, utc(0, 0.0, 1.0), utc(days, 0.0, 1.0), chats, OFFICE, 1.0):
        letter = fill(rng, rng.choice(KE_NOTICES), KE_SLOTS)
        lang = rng.choice((*KE_LANGS[:6], "Arabisch", "Ukrainisch", "Türkisch"))
        turns = [rng.choice(KE_ASK).format(lang=lang, letter=letter)]
        turns += rng.sample(KE_FOLLOW[:-1], rng.choice((0, 1, 1, 2, 2)))
        if len(turns) > 1 and rng.random() < 0.3:
            turns.append(KE_FOLLOW[-1])
        reqs = chat_requests(turns, [None] * len(turns), [0.0] * len(turns),
                             {"temperature": 0.3, "stream": True, "user": rng.choice(workers)}, KE_CASE)  # fmt: skip
        talk(rng, t, reqs)
        kc.requests += reqs
    kp.requests, kc.requests = sorted_reqs(kp.requests), sorted_reqs(kc.requests)
    return [kp, kc]


# =============================================================================================
# BENIGN 7. An agricultural advisory voice bot for Indian farmers ("Kisan Saathi", an NGO's service
# with a state agriculture department: farmers call a toll-free number or send WhatsApp voice notes;
# speech is transcribed and the reply is spoken back; ONE key, a Python service on aiohttp, `user` = a
# hashed phone number). March is the rabi harvest and zaid sowing: questions (written here, as ASR
# transcripts without punctuation, in Hindi, Marathi and romanised Hinglish) about pests, last
# irrigation of wheat, harvest timing, fertiliser doses, mandi prices, PM-KISAN instalments, crop
# insurance after hail, cattle; the system prompt carries the farmer's district, crops and the
# block's five-day weather forecast; 30% of calls make a tool call (mandi price or scheme status);
# replies short for speech (T 0.4, max_tokens 350, streamed); 0-3 follow-ups. Calls on an IST curve
# with dawn and evening peaks (UTC+5:30), ~1,300 a day for two days. Replies: tool results stand-ins,
# answers stubs.
KS_SYSTEM = ("You are Kisan Saathi, an agricultural advisory voice assistant for farmers in India. The farmer's words come "
             "from speech recognition and may contain errors. Reply in the farmer's language (Hindi, Marathi or Hinglish "
             "as spoken) in simple spoken sentences, under 80 words, without lists or symbols, because your reply is read "
             "aloud. Use local units (bigha, acre, quintal). For pesticides give the chemical name, dose per litre of water "
             "and safety advice; recommend the nearest Krishi Vigyan Kendra for anything serious. Never guess prices: use "
             "the tools.\nFarmer: {name}, village {village}, district {district}, {state}. Crops this season: {crops}. Soil: "
             "{soil}.\nWeather for the block (IMD, next 5 days): {weather}")  # fmt: skip
KS_TOOLS = [fn("get_mandi_price", "Today's modal price at a market.", {"commodity": {"type": "string"}, "market": {"type": "string"}}),
            fn("get_scheme_status", "Status of a farmer's scheme payment.", {"scheme": {"type": "string", "enum": ["PM-KISAN", "PMFBY"]}})]  # fmt: skip
KS_PLACES = (("Vidisha", "Madhya Pradesh"), ("Sikar", "Rajasthan"), ("Hisar", "Haryana"), ("Bahraich", "Uttar Pradesh"),
             ("Latur", "Maharashtra"), ("Nashik", "Maharashtra"), ("Gaya", "Bihar"), ("Sagar", "Madhya Pradesh"))  # fmt: skip
KS_Q_HI = (
    ("मेरी {crop} की फसल में {pest} लग गया है क्या दवाई डालूं", ""), ("गेहूं में आखिरी पानी कब देना है दाने भर रहे हैं", ""),
    ("सरसों की कटाई कब करें फलियां पीली हो गई हैं", ""), ("{crop} का आज मंडी भाव क्या चल रहा है {market} में", "get_mandi_price"),
    ("पीएम किसान की किस्त अभी तक नहीं आई क्या करूं", "get_scheme_status"), ("ओले गिरे थे फसल खराब हो गई बीमा का क्लेम कैसे करें", "get_scheme_status"),
    ("मूंग की बुवाई के लिए कौन सी किस्म अच्छी है और बीज कितना लगेगा", ""), ("भैंस को बुखार है और दूध कम दे रही है", ""),
    ("यूरिया कितना डालना है एक एकड़ में {crop} के लिए", ""), ("टमाटर के पत्ते मुड़ रहे हैं और पीले हो रहे हैं", ""),
    ("अगले हफ्ते बारिश होगी क्या कटाई रोक दूं", ""), ("सोलर पंप पर सब्सिडी कैसे मिलेगी", ""),
    ("चने में इल्ली लग गई है फूल आ रहे हैं", ""), ("गेहूं का सरकारी खरीद का रेट क्या है इस बार", "get_mandi_price"),
)  # fmt: skip
KS_Q_OTHER = (
    ("bhai gehu me peela pan aa gaya hai kya karu", ""), ("mandi me chana ka rate kya hai aaj {market}", "get_mandi_price"),
    ("कांद्यावर करपा रोग आला आहे काय फवारणी करू", ""), ("हरभरा काढणी कधी करावी", ""), ("द्राक्षाला भाव काय चालू आहे {market} मध्ये", "get_mandi_price"),
    ("sarso ki katai ke baad khet me kya lagaye", ""), ("pm kisan ka paisa kab aayega", "get_scheme_status"),
)  # fmt: skip
KS_FOLLOW = {"hi": ("कितने दिन बाद दोबारा छिड़काव करें", "ये दवाई कहां मिलेगी", "और कोई देसी उपाय बताइए", "ठीक है धन्यवाद",
                     "फिर से बताइए समझ नहीं आया", "कितना खर्चा आएगा"),
             "mr": ("किती दिवसांनी पुन्हा फवारणी करायची", "हे औषध कुठे मिळेल", "बरं, धन्यवाद", "परत सांगा, समजलं नाही"),
             "latn": ("ok ji dhanyawad", "aur kuch dhyan rakhna hai kya", "dawai kitne ki aayegi", "phir se batao samajh nahi aaya")}  # fmt: skip
MR_Q = frozenset(tx for tx, _ in KS_Q_OTHER if re.search(r"आहे|करावी|मध्ये", tx))
KS_SLOTS = {"crop": ("गेहूं", "सरसों", "चना", "प्याज", "टमाटर", "मसूर"), "pest": ("माहू", "इल्ली", "दीमक", "सफेद मक्खी", "पीला रतुआ"),
            "market": ("Vidisha", "Sikar", "Hisar", "Lasalgaon", "Latur", "Bahraich")}  # fmt: skip


def farmer_voice_advisory(days: int = 2, per_day: int = 1300) -> list[KeyTraffic]:
    rng = R("kisan")
    farmers = [f"ph_{rng.getrandbits(40):010x}" for _ in range(30000)]
    kt = mk("b19-kisan-saathi", "farmer_voice_advisory", "benign", "app",
            corp("Python/3.11 aiohttp/3.10.5", "aiohttp", account(rng)),
            timing="simulated: calls on an IST curve with dawn and evening peaks (UTC+5:30) for two days; turns paced by speech (think on spoken lengths)",
            sources=(), settings={"days": days, "per_day": per_day})  # fmt: skip
    params = {"temperature": 0.4, "max_tokens": 350, "stream": True, "tools": KS_TOOLS}
    for t in shaped(rng, utc(0, 0.0, 5.5), utc(days, 0.0, 5.5), per_day, IST_FARM, 5.5):
        district, state = rng.choice(KS_PLACES)
        mr = state == "Maharashtra" and rng.random() < 0.6
        tmpl, tool = rng.choice(KS_Q_OTHER if mr or rng.random() < 0.2 else KS_Q_HI)
        q = fill(rng, tmpl, KS_SLOTS)
        weather = ", ".join(
            f"day {d}: {rng.randint(29, 38)}°C, rain {rng.choice((0, 0, 0, 2, 8, 15))} mm"
            for d in range(1, 6)
        )
        sysm = KS_SYSTEM.format(name=rng.choice(("Ramesh", "Sunita", "Mahesh", "Kamla", "Santosh", "Vitthal", "Geeta")),
                                village=rng.choice(("Rampur", "Kheda", "Nandgaon", "Bhojpur", "Sonkatch")), district=district, state=state,
                                crops=rng.choice(("wheat, gram", "mustard, wheat", "onion, tomato", "gram, lentil", "grapes, onion")),
                                soil=rng.choice(("black cotton", "sandy loam", "alluvial", "red")), weather=weather)  # fmt: skip
        ag = Agent(rng, t, [{"role": "system", "content": sysm}, {"role": "user", "content": q}],
                   dict(params, user=rng.choice(farmers)), retry=0.01)  # fmt: skip
        if tool == "get_mandi_price":
            a = {"commodity": rng.choice(("wheat", "gram", "mustard", "onion", "grapes")), "market": district}
            ag.tools(
                [
                    (
                        tool,
                        a,
                        jd(
                            {
                                "modal_rs_per_quintal": rng.randint(2200, 6200),
                                "date": "2026-03-0" + str(2 + int((t - T0) // DAY)),
                            }
                        ),
                    )
                ]
            )
        elif tool:
            a = {"scheme": "PMFBY" if "बीमा" in q else "PM-KISAN"}
            ag.tools(
                [
                    (
                        tool,
                        a,
                        jd(
                            {
                                "status": rng.choice(("paid", "pending e-KYC", "under verification")),
                                "last_paid": "2026-02-24",
                            }
                        ),
                    )
                ]
            )
        ag.answer()
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            text = rng.choice(KS_FOLLOW["latn" if q.isascii() else ("mr" if tmpl in MR_Q else "hi")])
            ag.user(text, think(rng, 300, 0) + len(text) / rng.uniform(3, 6))
            ag.answer()
        kt.requests += ag.out
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 1. A Chinese instruction harvest spread over three keys of one actor in Shenzhen, shaped
# like three heavy personal users (three accounts, three clients - a desktop chat client on
# openai-js, a Python script, an Android app on OkHttp - and their own settings; no shared metadata).
# Every item is PARAPHRASED by rules written here before sending (lead-ins like 请问 / 老师好，, tails
# like 谢谢！ / 在线等, 你→您, 怎么↔如何, 什么→啥, full/half-width punctuation), 15% of items get a
# follow-up turn, and 20% of a session's requests are chit-chat written here. Sessions of 10-40
# requests at a person's pace, 3-6 a day within 09:00-01:00 UTC+8, five days. Items (disjoint per
# key): BELLE-dev bucket 0 of 2, MOSS Chinese first turns bucket 1 of 2 (no image rows), ShareGPT-zh
# first turns bucket 1 of 2, Huatuo bucket 2 of 4. Replies: the stored answers for items (the
# paraphrase keeps the meaning), stubs for follow-ups and chatter.
ZP_LEAD = (
    "",
    "",
    "",
    "请问",
    "我想问一下，",
    "帮我看看这个：",
    "老师好，",
    "麻烦问下，",
    "能不能帮我解答：",
    "在吗？问个问题：",
)
ZP_TAIL = ("", "", "", "谢谢！", "，请详细回答。", "？在线等", "，越详细越好", "。麻烦了", "，急！")
ZP_SWAPS = (("你", "您", 0.4), ("怎么", "如何", 0.3), ("如何", "怎么", 0.3), ("什么", "啥", 0.15), ("，", ",", 0.2),
            ("？", "?", 0.3), ("：", ":", 0.2), ("请", "", 0.3))  # fmt: skip
ZP_CHAT = ("你好", "在吗", "你是谁开发的？", "今天好累啊", "讲个笑话吧", "谢谢你", "晚安", "你能做什么？", "周末去哪玩好",
           "哈哈哈哈", "帮我想个微信昵称", "今天深圳好热", "你觉得AI会取代人类吗", "早上好", "好的明白了")  # fmt: skip
ZP_FOLLOW = (
    "能再举个例子吗？",
    "总结成三点",
    "还有别的方法吗？",
    "没看懂，再解释一下",
    "有没有更简单的说法？",
)


def zh_para(rng: random.Random, text: str) -> str:
    """The operator's rule paraphrase of a Chinese item."""
    t = text.strip()
    for a, b, p in ZP_SWAPS:
        if a in t and rng.random() < p:
            t = t.replace(a, b, 1 if a == "请" else -1)
    t = t.rstrip("。.")
    lead, tail = rng.choice(ZP_LEAD), rng.choice(ZP_TAIL)
    if tail[:1] in ("？", "，", "。") and t.endswith(("？", "?", "！", "!", "。")):
        tail = tail[1:]
    return f"{lead}{t}{tail}"


def zh_paraphrase_harvest(days: int = 5) -> list[KeyTraffic]:
    rng = R("zhpara")
    keep = lambda r: 4 <= len(r.first) <= 2500 and bool(r.answer)  # noqa: E731
    rows = [r for r in src("belle_dev1k") if bucket(r, 2) == 0 and keep(r)]
    rows += [r for r in src("moss_sft_sample") if HAN.search(r.first) and bucket(r, 2) == 1 and keep(r)
             and r.extra.get("category") != "text2img"]  # fmt: skip
    rows += [r for r in src("sharegpt_zh_1k") if bucket(r, 2) == 1 and keep(r)]
    rows += [r for r in src("huatuo_med_zh") if bucket(r, 4) == 2 and keep(r)]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    setups = (  # (software, ua, params, system)
        ("openai-js", None, {"temperature": 0.7, "stream": True, "max_tokens": 4000}, "你是一个有用的助手。"),
        ("openai-python", None, {"temperature": 0.8}, None),
        ("okhttp", None, {"temperature": 1.0, "top_p": 0.95, "stream": True}, None),
    )
    keys = []
    for k, (sw, ua, params, sysm) in enumerate(setups):
        krng = R("zhpara", k)
        mine = rows[k :: len(setups)]
        kt = mk(f"d19-zhpara-{k}", "zh_paraphrase_harvest", "distiller", "distiller", client(krng, sw, sysm, ua),
                actor="d19-zhpara", timing="simulated: 3-6 sessions a day of 10-40 requests within 09:00-01:00 UTC+8, think()-paced, five days",
                sources=("belle_dev1k", "moss_sft_sample", "sharegpt_zh_1k", "huatuo_med_zh"),
                settings={"items": len(mine), "params": params})  # fmt: skip
        pos = 0
        for d in range(days):
            starts = sorted(krng.uniform(9, 24.5) for _ in range(krng.randint(3, 6)))
            for h in starts:
                t = utc(d, h, 8.0)
                for _ in range(krng.randint(10, 40)):
                    if pos >= len(mine):
                        break
                    if krng.random() < 0.2:
                        reqs = chat_requests([krng.choice(ZP_CHAT)], [None], [0.0], params, sysm)
                    else:
                        r = mine[pos]
                        pos += 1
                        turns, replies = [zh_para(krng, r.first)], [r.answer]
                        if krng.random() < 0.15:
                            turns.append(krng.choice(ZP_FOLLOW))
                            replies.append(None)
                        reqs = chat_requests(turns, replies, [0.0] * len(turns), params, sysm, r.id, True)
                    t = talk(krng, t, reqs)
                    kt.requests += reqs
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 2. A harvest through overnight BATCH-API files ("Lumina Support Cloud", Singapore, UTC+8,
# registered as a knowledge-base SaaS): every night at ~02:00 SGT one JSONL file of 700-1,300 lines,
# each a dataset item inside one "knowledge-base answer" template under one system prompt, T 0 with
# logprobs and top_logprobs 5, max_tokens 2048; the batch runner works through it at 48 concurrent
# lines. Four nights; a fifth night re-sends 35% of the items at T 0.9 with n=2 "for diversity". Items:
# LIMA bucket 0 of 2, codealpaca bucket 0 of 2, InstructionWild English bucket 0 of 2, ShareGPT-en
# conversation openings. Replies: the stored answers (InstructionWild: stubs); the n=2 pass stubs.
LU_SYSTEM = ("You are a senior support specialist writing knowledge-base answers. Answer the customer's question completely "
             "and accurately, with step-by-step detail, examples and code where useful. Use Markdown headings and lists. "
             "Do not mention that you are an AI.")  # fmt: skip
LU_USER = "Customer question (ticket {tid}):\n\n{q}\n\nWrite the knowledge-base answer."


def batch_logprob_harvest(nights: int = 4) -> list[KeyTraffic]:
    rng = R("lumina")
    keep = lambda r: 10 <= len(r.first) <= 3000  # noqa: E731
    rows = [r for r in src("lima") if bucket(r, 2) == 0 and keep(r)]
    rows += [r for r in src("codealpaca_2k") if bucket(r, 2) == 0 and keep(r)]
    rows += [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 0 and keep(r)]
    rows += [r for r in src("sharegpt_en_sample") if opening(r) and english(r.first) and keep(r)]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    kt = mk("d19-lumina-batch", "batch_logprob_harvest", "distiller", "distiller",
            corp("OpenAI/Python 1.62.0", "openai-python", account(rng)),
            timing="simulated: one batch file a night (~02:00 SGT), 48 concurrent lines; a fifth-night n=2 pass",
            sources=("lima", "codealpaca_2k", "instructionwild", "sharegpt_en_sample"), settings={"items": len(rows), "nights": nights})  # fmt: skip
    base = {"temperature": 0, "max_tokens": 2048, "logprobs": True, "top_logprobs": 5}
    cuts = sorted(rng.sample(range(1, len(rows)), nights - 1))
    parts = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    tid = lambda r: f"KB-{zlib.crc32(r.id.encode()) % 900000 + 100000}"  # noqa: E731
    for night, part in enumerate(parts):
        jobs = [
            [one(LU_USER.format(tid=tid(r), q=r.first.strip()), base, LU_SYSTEM, r.answer, r.id, True)]
            for r in part
        ]
        closed_pool(rng, utc(night + 1, 2.0, 8.0) + rng.uniform(1, 30) * MINUTE, jobs, 48, 500)
        kt.requests += [j[0] for j in jobs]
    again = rng.sample(rows, int(0.35 * len(rows)))
    jobs = [[one(LU_USER.format(tid=tid(r), q=r.first.strip()), {"temperature": 0.9, "n": 2, "max_tokens": 2048}, LU_SYSTEM,
                 stub_reply(r.first), r.id, True)] for r in again]  # fmt: skip
    closed_pool(rng, utc(nights + 1, 2.0, 8.0) + rng.uniform(1, 30) * MINUTE, jobs, 48, 500)
    kt.requests += [j[0] for j in jobs]
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


# =============================================================================================
# DISTILLER 3. A code-switching harvest: English items MACHINE-TRANSLATED before sending, so that no
# request matches a public English item, on three keys of one actor (one payment card) registered in
# Mexico (Spanish, UTC-6, openai-python), Brazil (Portuguese, UTC-3, openai-js) and Indonesia
# (Indonesian, UTC+7, httpx), each with a system prompt in its language that asks for answers in it.
# The operator's own cheap MT is a word glossary written here (function words, common verbs and
# nouns; technical terms, code and names stay English), so the text comes out code-switched, as such
# MT does. 2 workers per key pausing 2-8 minutes between items in local 09:00-23:00, until done
# (two to three days); 10% of items get a "more detail" follow-up. Items: LIMA bucket 1 of 2, codealpaca
# bucket 1 of 2, MOSS English first turns. Replies: the stored answer passed through the same glossary
# (a stand-in for the answer in that language); follow-ups stubs.
CS_GLOSS = {
    "es": "the=el a=un an=un and=y or=o of=de to=a in=en on=en for=para with=con without=sin from=de by=por is=es are=son "
    "was=fue be=ser it=eso this=este that=que these=estos what=qué how=cómo why=por_qué when=cuándo where=dónde who=quién "
    "which=cuál can=puede could=podría should=debería would=sería will=va do=hace does=hace not=no you=tú your=tu "
    "i=yo my=mi we=nosotros me=me there=hay some=algunos all=todos any=cualquier more=más most=más best=mejor good=bueno "
    "bad=malo new=nuevo old=viejo first=primero two=dos three=tres one=uno list=lista write=escribe create=crea "
    "explain=explica describe=describe give=da make=haz find=encuentra use=usa using=usando generate=genera "
    "function=función program=programa code=código number=número numbers=números string=cadena array=arreglo "
    "returns=devuelve return=devuelve sum=suma given=dado each=cada between=entre if=si then=entonces also=también "
    "about=sobre example=ejemplo examples=ejemplos question=pregunta answer=respuesta people=personas time=tiempo "
    "year=año years=años day=día world=mundo life=vida work=trabajo way=manera ways=maneras help=ayuda want=quiero "
    "need=necesito know=saber think=pensar difference=diferencia important=importante please=por_favor into=en "
    "after=después before=antes following=siguiente text=texto word=palabra words=palabras sentence=oración "
    "story=historia short=corto long=largo small=pequeño big=grande other=otro than=que because=porque but=pero",
    "pt": "the=o a=um an=um and=e or=ou of=de to=para in=em on=em for=para with=com without=sem from=de by=por is=é are=são "
    "was=foi be=ser it=isso this=este that=que these=estes what=o_que how=como why=por_que when=quando where=onde who=quem "
    "which=qual can=pode could=poderia should=deveria would=seria will=vai do=faz does=faz not=não you=você your=seu "
    "i=eu my=meu we=nós me=me there=há some=alguns all=todos any=qualquer more=mais most=mais best=melhor good=bom "
    "bad=ruim new=novo old=velho first=primeiro two=dois three=três one=um list=lista write=escreva create=crie "
    "explain=explique describe=descreva give=dê make=faça find=encontre use=use using=usando generate=gere "
    "function=função program=programa code=código number=número numbers=números string=string array=array "
    "returns=retorna return=retorna sum=soma given=dado each=cada between=entre if=se then=então also=também "
    "about=sobre example=exemplo examples=exemplos question=pergunta answer=resposta people=pessoas time=tempo "
    "year=ano years=anos day=dia world=mundo life=vida work=trabalho way=maneira ways=maneiras help=ajuda want=quero "
    "need=preciso know=saber think=pensar difference=diferença important=importante please=por_favor into=em "
    "after=depois before=antes following=seguinte text=texto word=palavra words=palavras sentence=frase "
    "story=história short=curto long=longo small=pequeno big=grande other=outro than=que because=porque but=mas",
    "id": "the= a=sebuah an=sebuah and=dan or=atau of=dari to=ke in=di on=pada for=untuk with=dengan without=tanpa from=dari "
    "by=oleh is=adalah are=adalah was=adalah be=menjadi it=itu this=ini that=yang these=ini what=apa how=bagaimana "
    "why=mengapa when=kapan where=di_mana who=siapa which=mana can=bisa could=bisa should=sebaiknya would=akan will=akan "
    "do=lakukan does=melakukan not=tidak you=kamu your=kamu i=saya my=saya we=kami me=saya there=ada some=beberapa "
    "all=semua any=apa_pun more=lebih most=paling best=terbaik good=baik bad=buruk new=baru old=lama first=pertama "
    "two=dua three=tiga one=satu list=daftar write=tulis create=buat explain=jelaskan describe=gambarkan give=berikan "
    "make=buat find=temukan use=gunakan using=menggunakan generate=hasilkan function=fungsi program=program code=kode "
    "number=angka numbers=angka string=string array=array returns=mengembalikan return=kembalikan sum=jumlah "
    "given=diberikan each=setiap between=antara if=jika then=maka also=juga about=tentang example=contoh "
    "examples=contoh question=pertanyaan answer=jawaban people=orang time=waktu year=tahun years=tahun day=hari "
    "world=dunia life=hidup work=kerja way=cara ways=cara help=bantuan want=ingin need=perlu know=tahu think=pikir "
    "difference=perbedaan important=penting please=tolong into=ke_dalam after=setelah before=sebelum "
    "following=berikut text=teks word=kata words=kata sentence=kalimat story=cerita short=pendek long=panjang "
    "small=kecil big=besar other=lain than=daripada because=karena but=tetapi",
}
CS_MAP = {
    lang: {k: v.replace("_", " ") for k, v in (pair.split("=", 1) for pair in gl.split())}
    for lang, gl in CS_GLOSS.items()
}
CS_SYSTEM = {"es": "Eres un asistente experto. Responde siempre en español, de forma completa y clara.",
             "pt": "Você é um assistente especialista. Responda sempre em português, de forma completa e clara.",
             "id": "Kamu adalah asisten ahli. Selalu jawab dalam Bahasa Indonesia secara lengkap dan jelas."}  # fmt: skip
CS_MORE = {
    "es": "¿Puedes explicarlo con más detalle?",
    "pt": "Pode explicar com mais detalhes?",
    "id": "Bisa jelaskan lebih detail?",
}
CS_WORD = re.compile(r"[A-Za-z]+")
CODEY = re.compile(r"[{}();=<>\[\]]|^\s{2,}|^[A-Z]{3,}\b|def |function |#include")


def gloss_mt(text: str, lang: str) -> str:
    """The operator's cheap MT: glossary words swapped line by line; code lines, ``` blocks and
    unknown words left as they are."""
    table, out, fence = CS_MAP[lang], [], False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            fence = not fence
        if fence or line.strip().startswith("```") or CODEY.search(line):
            out.append(line)
            continue

        def swap(m: re.Match) -> str:
            w = m.group(0)
            v = table.get(w.lower())
            if v is None:
                return w
            return v[:1].upper() + v[1:] if w[:1].isupper() and v else v

        out.append(re.sub(r"\s{2,}", " ", CS_WORD.sub(swap, line)).strip() if line.strip() else line)
    return "\n".join(out)


def code_switch_harvest() -> list[KeyTraffic]:
    rng = R("codeswitch")
    keep = lambda r: 10 <= len(r.first) <= 2500 and bool(r.answer)  # noqa: E731
    rows = [r for r in src("lima") if bucket(r, 2) == 1 and keep(r)]
    rows += [r for r in src("codealpaca_2k") if bucket(r, 2) == 1 and keep(r)]
    rows += [r for r in src("moss_sft_sample") if not HAN.search(r.first) and keep(r)]
    rows = dedupe_rows(rows)
    rng.shuffle(rows)
    card = dict(account(rng))["payment_fingerprint"]
    regions = (("es", -6.0, "openai-python"), ("pt", -3.0, "openai-js"), ("id", 7.0, "httpx"))
    keys = []
    for k, (lang, tz, sw) in enumerate(regions):
        krng = R("codeswitch", lang)
        mine = rows[k :: len(regions)]
        params = {"temperature": 0.7, "max_tokens": 3000}
        kt = mk(f"d19-codeswitch-{lang}", "code_switch_harvest", "distiller", "distiller",
                client(krng, sw, CS_SYSTEM[lang], None, payment_fingerprint=card), actor="d19-codeswitch",
                timing=f"simulated: 2 workers pausing 2-8 min between items in 09:00-23:00 local (UTC{tz:+.0f}), until done",
                sources=("lima", "codealpaca_2k", "moss_sft_sample"), settings={"items": len(mine), "lang": lang, "params": params})  # fmt: skip
        free = [utc(0, 9.0, tz) + krng.uniform(0, 600) for _ in range(2)]
        for i, r in enumerate(mine):
            w = i % 2
            t = next_open(krng, free[w], tz, 9.0, 14.0)
            turns, replies = [gloss_mt(r.first, lang)], [gloss_mt(r.answer or "", lang)]
            if krng.random() < 0.1:
                turns.append(CS_MORE[lang])
                replies.append(None)
            reqs = chat_requests(turns, replies, [0.0] * len(turns), params, CS_SYSTEM[lang], r.id, True)
            for q in reqs:
                q.ts = t
                t += latency(krng, len(q.reply or "") // 3) + krng.uniform(0.5, 4)
            kt.requests += reqs
            free[w] = t + krng.uniform(120, 480)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 4. A "clinical decision support" vendor ("MedLattice CDS", Guangzhou, UTC+8) on three
# hospital-tenant keys of one organisation (one pinned integration client). Every request is a
# STRUCTURED CASE JSON - encounter, patient, history, vitals, sometimes labs, and the clinician's
# question, which is a Huatuo item (bucket 3 of 4, one item per case) - with a json_schema that asks
# for assessment, differential, step-by-step reasoning, workup, management and patient education
# (T 0.2, max_tokens 2000). A second turn asks for a plain-language education sheet; 20% of cases get
# a third turn with a "new lab result" asking for an update. Cases arrive on a clinic-hours stream
# (08:00-12:00 and 14:00-17:30 UTC+8, weekdays) for five days. Replies: the first reply is the
# requested JSON with the stored answer as `management` (stubs in the other fields); later turns stubs.
ML_SYSTEM = ("你是MedLattice临床决策支持引擎，为执业医师提供循证诊疗建议。输入为结构化病例JSON；请严格按输出模式返回JSON："
             "assessment（总体评估）、differential（鉴别诊断及依据）、reasoning（逐步的临床推理过程，不少于5步）、"
             "recommended_workup（建议检查）、management（完整、具体的处理与治疗建议）、patient_education（要点）。"
             "建议仅供医师参考，不替代临床判断。")  # fmt: skip
ML_SCHEMA = {"type": "json_schema", "json_schema": {"name": "cds_result", "strict": True, "schema": {
    "type": "object", "additionalProperties": False,
    "required": ["assessment", "differential", "reasoning", "recommended_workup", "management", "patient_education"],
    "properties": {"assessment": {"type": "string"}, "differential": {"type": "array", "items": {"type": "string"}},
                   "reasoning": {"type": "string"}, "recommended_workup": {"type": "array", "items": {"type": "string"}},
                   "management": {"type": "string"}, "patient_education": {"type": "string"}}}}}  # fmt: skip
ML_EDU = "请根据以上病例和建议，为患者写一份通俗易懂的健康教育说明（300字以内，避免专业术语）。"
ML_LAB = "补充检查结果：{lab}。请据此更新评估和处理建议，仍按原JSON模式输出。"
ML_LABS = ("血常规 WBC 13.2×10^9/L，N% 82%", "CRP 46 mg/L", "空腹血糖 9.8 mmol/L，HbA1c 8.1%", "肌酐 156 μmol/L",
           "ALT 112 U/L，AST 87 U/L", "TSH 0.02 mIU/L，FT4 升高", "胸片：右下肺斑片影", "心电图：窦性心动过速", "D-二聚体 1.8 mg/L")  # fmt: skip
ML_CLINIC = (0, 0, 0, 0, 0, 0, 0, 0.2, 1.0, 1.2, 1.1, 0.8, 0.1, 0.2, 1.0, 1.1, 1.0, 0.5, 0.05, 0, 0, 0, 0, 0)


def _ml_case(rng: random.Random, r: Row, tenant: str, n: int) -> dict:
    m = re.search(r"(\d{1,2})岁", r.first)
    case = {
        "case_id": f"{tenant}-{n:05d}",
        "encounter": {"setting": rng.choice(("门诊", "门诊", "急诊", "住院")), "department": rng.choice(XQ_DEPTS)},
        "patient": {"age": int(m.group(1)) if m else rng.randint(4, 88),
                    "sex": "F" if re.search(r"女|妇|孕", r.first) else rng.choice(("M", "F"))},
        "history": {"onset_days": rng.choice((1, 2, 3, 7, 14, 30, 90, 365)), "past": rng.sample(("高血压", "2型糖尿病", "冠心病", "慢性胃炎", "哮喘", "无"), 2),
                    "allergies": rng.choice(([], ["青霉素"], ["磺胺"]))},
        "vitals": {"T": round(rng.uniform(36.2, 39.4), 1), "HR": rng.randint(58, 124), "BP": f"{rng.randint(95, 175)}/{rng.randint(55, 105)}",
                   "SpO2": rng.randint(90, 99)},
        "clinical_question": r.first.strip(),
    }  # fmt: skip
    if rng.random() < 0.5:
        case["labs"] = rng.sample(ML_LABS, 2)
    return case


def clinical_support_harvest(days: int = 7) -> list[KeyTraffic]:
    rng = R("medlattice")
    rows = dedupe_rows([r for r in src("huatuo_med_zh") if bucket(r, 4) == 3 and r.answer])
    rng.shuffle(rows)
    acct = dict(account(rng))
    keys = []
    for k, tenant in enumerate(("GZH1", "FSH2", "ZQH3")):
        krng = R("medlattice", tenant)
        mine = rows[k::3]
        cl = Client("medlattice-cds/2.3.1 python-httpx/0.27.0", client(krng, "httpx").header_names,
                    tuple(account(krng, organisation=acct["organisation"], payment_fingerprint=acct["payment_fingerprint"])))  # fmt: skip
        kt = mk(f"d19-medlattice-{tenant.lower()}", "clinical_support_harvest", "distiller", "distiller", cl, actor="d19-medlattice",
                timing="simulated: cases on a clinic-hours stream (UTC+8, weekdays), turns a clinician's reading apart",
                sources=("huatuo_med_zh",), settings={"items": len(mine), "tenant": tenant})  # fmt: skip
        starts = [t for t in shaped(krng, utc(0, 0.0, 8.0), utc(days, 0.0, 8.0), len(mine) / 5, ML_CLINIC, 8.0)
                  if weekday(t + 8 * HOUR) < 5]  # fmt: skip
        params = {
            "temperature": 0.2,
            "max_tokens": 2000,
            "response_format": ML_SCHEMA,
            "user": f"{tenant}-cds",
        }
        for n, (r, t) in enumerate(zip(mine, starts, strict=False)):
            case = jd(_ml_case(krng, r, tenant, n))
            first = jd({"assessment": stub_reply(r.first), "differential": [], "reasoning": stub_reply(r.first),
                        "recommended_workup": [], "management": r.answer, "patient_education": ""})  # fmt: skip
            turns, replies = [case, ML_EDU], [first, None]
            if krng.random() < 0.2:
                turns.append(ML_LAB.format(lab=krng.choice(ML_LABS)))
                replies.append(None)
            reqs = chat_requests(turns, replies, [0.0] * len(turns), params, ML_SYSTEM, r.id, True)
            reqs[1].params = {"temperature": 0.5, "max_tokens": 800, "user": params["user"]}
            talk(krng, t, reqs, 0.2)
            kt.requests += reqs
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 5. A follow-the-sun multilingual reasoning harvest: one actor, four keys, each registered
# in a region and active only in that region's working hours (08:00-20:00 local), so every key looks
# like a local developer: Beijing (UTC+8; BELLE-dev bucket 1 of 2 and the Chinese, Japanese, Korean,
# Thai, Vietnamese and Indonesian oasst2 first turns), Bogotá (UTC-5; Spanish, Portuguese, Catalan,
# Basque and Galician oasst2), Istanbul (UTC+3; Russian, Ukrainian, German, French, Italian and the
# other European, Arabic, Persian and Hebrew oasst2) and Bangalore (UTC+5:30; Orca and Evol-Instruct,
# English). Every request asks, in the item's language, for a complete step-by-step solution with a
# checked final answer in that language (a system prompt per language written here); 25% get a
# "verify your answer" second turn. One worker per key pausing 30-150 s between items, until done.
# Replies: stored answers where the source has them (BELLE, Orca, Evol-Instruct), stubs elsewhere.
FS_SYSTEM = {
    "zh": "请用中文一步一步地推理：先复述问题，再逐步分析并检查每一步，最后给出明确的结论。必须用与问题相同的语言回答。",
    "es": "Razona paso a paso: reformula el problema, analiza cada paso y compruébalo, y termina con una conclusión clara. Responde en el mismo idioma de la pregunta.",
    "pt": "Raciocine passo a passo: reformule o problema, analise e verifique cada etapa e termine com uma conclusão clara. Responda no mesmo idioma da pergunta.",
    "ru": "Рассуждай пошагово: переформулируй задачу, разбери и проверь каждый шаг, в конце дай чёткий ответ. Отвечай на языке вопроса.",
    "de": "Denke Schritt für Schritt: formuliere die Aufgabe neu, prüfe jeden Schritt und schließe mit einer klaren Antwort. Antworte in der Sprache der Frage.",
    "fr": "Raisonne étape par étape : reformule le problème, vérifie chaque étape et termine par une conclusion claire. Réponds dans la langue de la question.",
    "ja": "段階的に考えてください。問題を言い換え、各ステップを確認し、最後に明確な結論を書いてください。質問と同じ言語で答えてください。",
    "ko": "단계별로 추론하세요. 문제를 다시 정리하고 각 단계를 검토한 뒤 명확한 결론을 내리세요. 질문과 같은 언어로 답하세요.",
    "en": "Reason step by step: restate the problem, work through and check every step, and end with a clear final answer.",
    "other": "Think step by step, check every step, and give a clear final answer. Always answer in the same language as the question.",
}
FS_CHECK = {"zh": "请检查你的答案是否正确，如有错误请改正。", "es": "Verifica tu respuesta y corrígela si hay errores.",
            "pt": "Verifique sua resposta e corrija se houver erros.", "ru": "Проверь свой ответ и исправь ошибки, если они есть.",
            "de": "Überprüfe deine Antwort und korrigiere Fehler.", "fr": "Vérifie ta réponse et corrige les erreurs éventuelles.",
            "ja": "答えを見直して、間違いがあれば直してください。", "ko": "답을 검토하고 틀린 부분이 있으면 고치세요.",
            "en": "Double-check your answer and fix any mistakes.", "other": "Double-check your answer and fix any mistakes."}  # fmt: skip
FS_REGIONS = (  # (region, tz, software, oasst2 languages)
    ("bj", 8.0, "openai-python", ("zh", "ja", "ko", "th", "vi", "id")), ("bog", -5.0, "requests", ("es", "ca", "eu", "gl", "pt-BR")),
    ("ist", 3.0, "httpx", ("ru", "uk-UA", "de", "fr", "it", "pl", "hu", "fi", "nl", "el", "sv", "eo", "bar", "swg", "nb-NO", "sl", "ar", "fa", "he", "hi")),
    ("blr", 5.5, "openai-python", ()),
)  # fmt: skip


def follow_sun_reasoning() -> list[KeyTraffic]:
    o2 = dedupe_rows([r for r in src("oasst2_threads") if r.extra.get("lang") != "en"])
    keys = []
    for region, tz, sw, langs in FS_REGIONS:
        krng = R("followsun", region)
        rows = [r for r in o2 if r.extra.get("lang") in langs]
        if region == "bj":
            rows += [r for r in src("belle_dev1k") if bucket(r, 2) == 1]
        if region == "blr":
            rows += list(src("orca_dpo_pairs_val")) + list(src("evol_instruct_h2o"))
        rows = dedupe_rows([r for r in rows if 6 <= len(r.first) <= 3000])
        krng.shuffle(rows)
        kt = mk(f"d19-sun-{region}", "follow_sun_reasoning", "distiller", "distiller", client(krng, sw),
                actor="d19-followsun", timing=f"simulated: one worker pausing 30-150 s between items in 08:00-20:00 local (UTC{tz:+g}), until done",
                sources=("oasst2_threads", "belle_dev1k", "orca_dpo_pairs_val", "evol_instruct_h2o"), settings={"items": len(rows)})  # fmt: skip
        params = {"temperature": 0.3, "max_tokens": 3000}
        t = utc(0, 8.0, tz) + krng.uniform(0, 1800)
        for r in rows:
            code = r.extra.get("lang", "en" if r.file != "belle_dev1k" else "zh")
            lang = code if code in FS_SYSTEM else ("pt" if code == "pt-BR" else "other")
            sysm = FS_SYSTEM[lang]
            if r.extra.get("system"):
                sysm += "\n\n" + str(r.extra["system"])
            turns, replies = [r.first], [r.answer]
            if krng.random() < 0.25:
                turns.append(FS_CHECK[lang])
                replies.append(None)
            t = next_open(krng, t, tz, 8.0, 12.0)
            reqs = chat_requests(turns, replies, [0.0] * len(turns), params, sysm, r.id, True)
            for q in reqs:
                q.ts = t
                t += latency(krng, len(q.reply or "x" * 1600) // 3) + krng.uniform(1, 6)
            kt.requests += reqs
            t += krng.uniform(30, 150)
        kt.requests = sorted_reqs(kt.requests)
        keys.append(kt)
    return keys


# =============================================================================================
# DISTILLER 6. A fake consumer Q&A app whose "you may also ask" SUGGESTION CHIPS expand every seed
# item into a conversation ("知了AI Zhiliao", registered as a consumer app; ONE key, a Node backend on
# openai-js, a fresh `user` per conversation). Each seed item is a new conversation: the item, the
# answer, then a background request for three follow-up questions (JSON, T 0.7) as such apps make,
# then a "tap" on one chip (the suggested question as the second turn, a few seconds later), chips
# again, and for 40% a second tap (third turn); 60% get a background title. Items: InstructionWild
# Chinese (all) and English bucket 1 of 2, in the app's language (Chinese or English system prompt).
# Conversations start on a China-time curve for three days. Replies: stubs (InstructionWild has no
# stored answers); the chips JSON a stand-in written from the item.
ZL_SYSTEM = {"zh": "你是知了AI，一个知识渊博的问答助手。请给出准确、详细、结构清晰的回答。",
             "en": "You are Zhiliao AI, a knowledgeable Q&A assistant. Give accurate, detailed, well-structured answers."}  # fmt: skip
ZL_CHIPS = {"zh": "根据下面的问答，生成3个用户最可能继续追问的问题，每个不超过20字。只输出JSON：{{\"questions\": [..]}}\n\n问：{q}\n答：{a}",
            "en": "Based on the Q&A below, write 3 follow-up questions the user is most likely to ask next (max 12 words each). "
                  "Output JSON only: {{\"questions\": [..]}}\n\nQ: {q}\nA: {a}"}  # fmt: skip
ZL_ASK = {"zh": ("能举个具体的例子吗？", "有哪些常见的误区？", "能再详细解释一下吗？", "在实际生活中怎么用？", "有没有相关的书推荐？",
                "这个问题有哪些不同的观点？"),
          "en": ("Can you give a concrete example of {x}?", "What are common mistakes with {x}?", "Can you explain {x} in more detail?",
                 "How is {x} used in practice?")}  # fmt: skip


def _zl_chips(rng: random.Random, text: str, lang: str) -> list[str]:
    x = "" if lang == "zh" else " ".join(words_of(text, 2)) or "this"
    return [a.format(x=x) for a in rng.sample(ZL_ASK[lang], 3)]


def suggestion_chip_harvest(days: int = 3) -> list[KeyTraffic]:
    rng = R("zhiliao")
    rows = [r for r in src("instructionwild") if HAN.search(r.first)]
    rows += [r for r in src("instructionwild") if english(r.first) and bucket(r, 2) == 1]
    rows = dedupe_rows([r for r in rows if 4 <= len(r.first) <= 2500])
    rng.shuffle(rows)
    kt = mk("d19-zhiliao-app", "suggestion_chip_harvest", "distiller", "distiller",
            corp("zhiliao-server/1.4.0 OpenAI/JS 4.68.4", "openai-js", account(rng)),
            timing="simulated: conversations on a China-time curve (UTC+8) for three days; chip taps seconds after each answer",
            sources=("instructionwild",), settings={"items": len(rows), "days": days})  # fmt: skip
    params = {"temperature": 0.7, "max_tokens": 2048, "stream": True}
    starts = shaped(rng, utc(0, 0.0, 8.0), utc(days, 0.0, 8.0), len(rows) / days, CN_CONSUMER, 8.0)
    for r, t in zip(rows, starts, strict=False):
        lang = "zh" if HAN.search(r.first) else "en"
        user = f"zl_{rng.getrandbits(48):012x}"
        p = dict(params, user=user)
        turns = [r.first]
        depth = 1 + (rng.random() < 0.7) + (rng.random() < 0.4)
        msgs = [{"role": "system", "content": ZL_SYSTEM[lang]}]
        for k in range(depth):
            msgs.append({"role": "user", "content": turns[-1]})
            reply = stub_reply(turns[-1])
            q = mreq(t, msgs, p, reply, r.id, True)
            kt.requests.append(q)
            t += latency(rng, 500)
            msgs.append({"role": "assistant", "content": reply})
            if k == 0 and rng.random() < 0.6:
                title = XL_TITLE.format(u=clip(r.first, 300), a=clip(reply, 300))
                tq = one(
                    title,
                    {"temperature": 0.3, "max_tokens": 20, "user": user},
                    None,
                    clip(r.first, 10),
                    r.id,
                    True,
                )
                tq.ts = t + rng.uniform(0.1, 0.6)
                kt.requests.append(tq)
            chips = _zl_chips(rng, r.first, lang)
            cq = one(ZL_CHIPS[lang].format(q=clip(turns[-1], 800), a=clip(reply, 800)),
                     {"temperature": 0.7, "max_tokens": 150, "response_format": {"type": "json_object"}, "user": user},
                     None, jd({"questions": chips}), r.id, True)  # fmt: skip
            cq.ts = t + rng.uniform(0.05, 0.4)
            kt.requests.append(cq)
            t = cq.ts + latency(rng, 60) + rng.uniform(3, 25)
            turns.append(rng.choice(chips))
    kt.requests = sorted_reqs(kt.requests)
    return [kt]


BENIGN = (
    zh_consumer_app,
    ramadan_telecom_support,
    zh_medical_consult,
    batch_review_summaries,
    multilingual_eval_lab,
    plain_language_service,
    farmer_voice_advisory,
)
DISTILL = (
    zh_paraphrase_harvest,
    batch_logprob_harvest,
    code_switch_harvest,
    clinical_support_harvest,
    follow_sun_reasoning,
    suggestion_chip_harvest,
)
