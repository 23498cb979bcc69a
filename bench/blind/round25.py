"""Blind persona set 25 (an outside reviewer): 7 benign, 6 distiller personas.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers records, timing, clients and pools and the package's __init__ (whole), the names of
the functions and constants of benign, distill, evals, wordings, context, suite and replay,
detector/types.py, the earlier blind set round24 in full (the structure this set follows), of
round2-round23 their module docstrings (the Focus paragraphs), a keyword search over their persona
headers and the headers of the personas it found closest to this focus (round5's long-context study and
long-document harvest, round6's grounded QA harvest, round15's long sessions and curriculum harvest,
round17's companion-app harvest), and the code of the helpers imported here (and of the helpers they
call: round19's talk, round20's out_tokens, round4's dedupe_rows, round18's next_open; and round15's
opening, round2's TRAFFIC line), of apps.py and attacks.py nothing but their names in earlier Focus
paragraphs, pyproject.toml's ruff settings, and ../shared/traffic with its README and
../shared/STYLE.md. (Directory listings of bench/ and src/stillroom/ and a `git status` showed some
detector and guard file names; none of them was opened.) Every builder returns list[KeyTraffic] built
from the real prompt data in ../shared/traffic (read at run time, never copied here) plus text written
here. ALL parameters below were fixed before anyone replayed this set and are not tuned on outcomes; its
writer built the traffic only (to check that it imports, is deterministic and looks sensible) and
replayed nothing.

Focus: LONG-CONTEXT TRAFFIC - prompts of 4,000 to 38,000 characters: long documents, whole files
and repositories, long conversation histories, many-shot prompts. Benign, each one key: a legal-tech
contract review app in New York and London (eight firms' contracts of 6,000-24,000 characters, key
terms in JSON and a playbook review on upload, lawyers' question threads with the contract resent,
redlines, the counterparty's markup compared with the draft); a payments start-up's IDE assistant in
Warsaw (nine developers' "@workspace" questions with 3-6 whole retrieved files of a repository that
changes every day, whole-file /edit requests, diff reviews and commit messages); a buy-side research
firm's filings tool in New York during an earnings week (ten fixed extraction prompts over each
18,000-23,000-character quarterly report within minutes of its release, a quarter-on-quarter
comparison, analysts' threads); a companion app whose 30 regular users each resend a 30,000-character
window of their long-running chat with every one-line message, with memory-folding calls; a
meeting recorder summarising 15-90 minute transcripts (one call up to 24,000 characters, map-reduce
beyond, questions about the meeting later); a search start-up's many-shot query router (250 and then
320 labelled examples in every prompt, a six-hour cache, nightly gold runs, a prompt version switch
with an A/B and a backfill); and a PhD student's RULER-style long-context benchmark over public
reading passages (needles at eleven depths, multi-key retrieval, variable tracking, common-word
extraction, long multiple-choice QA among distractor passages, pilot, full grid, a system-prompt
rerun, seeds). Distillers, from naive to careful, each harvesting long-context answers or hiding
short items in long prompts: a long-document QA harvest (12 questions generated per document, each
answered with the whole document resent, and a step-by-step second answer for half of them); dataset
items between the same ~12,500 characters of handbook and answer rules on every request, dressed as
an employee assistant; 8-12 dataset items per request after 60-110 stored-answer demonstrations (one
JSON line each), English and Chinese; six endless topic threads whose 30,000-character histories are
earlier dataset items with their stored answers, one item added per request; MBPP problems and
coding tickets asked inside whole made-up repositories assembled from public code answers; and (own
design) "regenerate" clicks at branch points deep inside real long conversations imported into a chat
front end as if they were its users' archives, beside its genuine users. (Earlier rounds already
hold: a long-context position-bias study with a needle sweep (round5), long contracts against one
checklist (round8), one person's long role-play sessions (round9), a selection-based VS Code plugin
(round13), coding agents with whole files (round14, round18), short meeting notes and PR reviews
(round24, round8), a call centre's ASR notes (round12), a few-shot query rewriter (round23), a long-
document task harvest and a grounded-QA synthesis whose questions are asked standalone (round5,
round6), items as the question of a RAG request (round14), packs of 10-20 bare items (round15), one
web chat walking 15-40 items per conversation at a person's pace (round15), a companion-app harvest
(round17), a chat facade threading this API's own answers (round22), code explanations under a
GitHub-App facade (round23). The personas here differ in what makes them long: every one of them
sends thousands to tens of thousands of characters of context per request, and the length is the
point - the same document, window, example set or repository resent around a short new part.)

Row allotment (no row is used by two actors of this set; by a stable hash, `bucket`, salted for this
round, and by properties where said): AGIEval reading items (SAT-en, LSAT-RC, Gaokao-English,
LogiQA-en) by the hash of their PASSAGE (`reading`), bucket(2) 0 the Amsterdam benchmark, 1 the Lexa
harvest (the other AGIEval tasks unused); arena_even bucket(4) 0 the Warsaw developers, 1 the
Northbeam analysts, 2 the Clausewise lawyers, 3 Paperplane's genuine users (D6's cover); codealpaca
bucket(4) 0 the Warsaw developers' questions, 1 the Pune harvest (files and tickets), 2 the Shenzhen
English demonstrations, 3 the Shenzhen English items; NQ-open bucket(4) 0-1 Quarry's live queries, 2
Quarry's examples and gold set, 3 Hearth's users; oasst2 bucket(2) 0 Hearth (English first turns of at
most 400 characters), 1 Lexa (English first turns of at least 1,500); hh-rlhf bucket(4) 0 Hearth (1-3
unused); ShareGPT-en by property: first turns of at least 2,500 characters Lexa, the other rows
Paperplane (those of at least four turns and 6,000 characters); ShareGPT-zh (long ones) and MOSS
outside the plugin categories (long ones) Paperplane; LIMA (all) the Lagos threads; Orca-DPO,
Evol-Instruct and English InstructionWild (all) Atlas (Chinese InstructionWild unused); BELLE-dev
bucket(2) 0 the Shenzhen Chinese demonstrations, 1 the Shenzhen Chinese items; MBPP (all) the Pune
harvest. Huatuo, BELLE-eval, HumanEval, BBH, MMLU, TruthfulQA, XSTest, IFEval, MT-Bench, Koala,
AlpacaEval, UltraChat and Arena-Hard are unused. Contracts, clause banks and playbooks, the ledgerline
repository, filings, character cards and replies, memory notes, transcripts, answer-type rules,
needles and benchmark templates, question templates, the handbook and answer rules, pack wordings,
topic keywords, READMEs, tickets and system prompts are text written here.

Replies: benign requests carry the stored replies of the conversations they replay (Arena), stand-in
JSON for extractions, the label for the router, in-character replies composed here for the companion
app (they are the history its later requests carry) and the memory notes for its memory calls,
otherwise the helpers' stub replies (the served answer is not known). Distiller requests carry stubs
(standing for the served answer, which is what the harvester keeps), the written question lists for
Lexa's stage 1, and the source's stored answers where a fabricated or imported history carries them
(Lagos, Paperplane); they are marked `distill` except the key's own cover (Atlas's handbook questions,
Pune's repository questions, Paperplane's genuine users).
"""

from __future__ import annotations

import ast
import copy
import difflib
import itertools
import math
import random
import re
import zlib

from blind.round2 import T0, mk, sorted_reqs, src  # round 2's data helpers
from blind.round12 import shaped  # round 12's clock
from blind.round16 import corp, one, utc  # round 16's helpers
from blind.round19 import OFFICE, fill, jd  # round 19's helpers
from blind.round20 import items, pool, sequential  # round 20's helpers
from blind.round21 import CONSUMER, again, convo  # round 21's helpers
from blind.round23 import at, code_lang, is_code, stamp, weekday  # round 23's helpers
from stillroom.detector.realtraffic.clients import account
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import (
    SERVED_BY_US,
    KeyTraffic,
    Request,
    chat_requests,
    stub_reply,
)
from stillroom.detector.realtraffic.timing import DAY, latency, think

HOUR = 3600.0
MINUTE = 60.0
EVENING = (0.5, 0.3, 0.15, 0.05, 0.02, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.3, 0.3, 0.35, 0.45, 0.6,
           0.8, 1.0, 1.2, 1.3, 1.2, 0.9)  # fmt: skip
AG_READING = ("sat-en", "lsat-rc", "gaokao-english", "logiqa-en")


def R(*names) -> random.Random:
    return random.Random("blind25:" + ":".join(map(str, names)))


def bucket(r: Row, n: int) -> int:
    """A stable share of a source by row id (the allotment is in the module docstring)."""
    return zlib.crc32(f"r25:{r.file}:{r.id}".encode()) % n


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose bucket of n is one of `keep`, in file order."""
    return [r for r in src(name) if bucket(r, n) in keep]


def hid(rng: random.Random, prefix: str) -> str:
    """A hashed end-user id as an app passes it in `user`."""
    return f"{prefix}_{rng.getrandbits(40):010x}"


def passage_of(r: Row) -> str:
    """An AGIEval reading item's passage: the text before its question."""
    return r.first.split("\n\n", 1)[0]


def reading(keep: int) -> dict[str, list[Row]]:
    """AGIEval reading items whose PASSAGE falls in bucket `keep` of 2 (so a passage belongs to one
    actor with all its questions), grouped by passage in file order."""
    out: dict[str, list[Row]] = {}
    for r in src("agieval_v1"):
        if r.extra.get("task") in AG_READING and "\n\n" in r.first:
            p = passage_of(r)
            if zlib.crc32(f"r25:passage:{p}".encode()) % 2 == keep:
                out.setdefault(p, []).append(r)
    return out


def sub(tmpl: str, slots: dict[str, str]) -> str:
    """A code or document template with <name> placeholders (no clash with braces in code)."""
    for k, v in slots.items():
        tmpl = tmpl.replace(f"<{k}>", v)
    return tmpl


def at_local(rng: random.Random, day: int, tz: float, curve) -> float:
    """One time on suite day `day` drawn from a local-hour curve (an hour by weight, then a minute)."""
    h = rng.choices(range(24), curve)[0]
    return utc(day, h + rng.random(), tz)


# =============================================================================================
# BENIGN 1. A LEGAL-TECH CONTRACT REVIEW APP ("Clausewise", a contract-review SaaS used by eight law
# firms and in-house teams in New York, UTC-5, and London, UTC+0; its backend on a pinned
# openai-python, one key of its organisation, the lawyer's hashed id as `user`). Two working weeks.
# Every contract a lawyer uploads (~30 a weekday over the firms' office curves; master services,
# SaaS, supply, data-processing and non-disclosure agreements of 6,000-24,000 characters, composed
# here from a clause bank and schedules with each deal's parties, numbers and governing law) gets two calls at
# once: a key-terms extraction in JSON (T 0) and a review against the firm's own playbook (T 0.2).
# Then, as the lawyer works: a question thread on 60% of contracts (the whole contract in the first
# message, 1-5 questions at a reader's pace, the history resent), redlines of named clauses on 40%
# (the contract and the instruction, a "try again" on some), and on 25% the counterparty's markup
# 1-4 days later (v2 with 3-8 clauses changed: a new extraction, a version comparison of
# both texts or, when both do not fit, of the changed articles, a follow-up or two). Lawyers also use
# the app's general tab (~10 a weekday, real Arena conversations, bucket 2 of 4, with their stored
# replies). Replies: stand-in JSON for extractions, stored for the Arena chats, otherwise stubs.
LX_DAYS = 12
LX_UA = "OpenAI/Python 1.61.0"
LX_FIRMS = (("Whitcombe & Hale LLP", -5.0, 6, 14), ("Marlow Brandt LLP", 0.0, 4, 9), ("Ostrander Kuhn LLP", -5.0, 5, 12),
            ("Fenwick Row Solicitors", 0.0, 3, 7), ("Calder Foods Legal", -5.0, 2, 4), ("Ivers Ward LLP", 0.0, 4, 10),
            ("Northgate Counsel PLLC", -5.0, 3, 6), ("Alder Price LLP", 0.0, 3, 8))  # fmt: skip
LX_P_THREAD, LX_P_REDLINE, LX_P_MARKUP = 0.6, 0.4, 0.25
LX_KINDS = {  # kind -> (title, articles, weight)
    "msa": ("MASTER SERVICES AGREEMENT", ("SERVICES", "TERM AND RENEWAL", "FEES AND PAYMENT", "TAXES", "SERVICE LEVELS", "CONFIDENTIALITY",
            "INTELLECTUAL PROPERTY", "DATA PROTECTION", "WARRANTIES", "INDEMNIFICATION", "LIMITATION OF LIABILITY", "INSURANCE", "TERMINATION",
            "EFFECTS OF TERMINATION", "FORCE MAJEURE", "ASSIGNMENT AND CHANGE OF CONTROL", "NON-SOLICITATION", "AUDIT", "SUBCONTRACTING",
            "COMPLIANCE WITH LAWS", "NOTICES", "GOVERNING LAW AND JURISDICTION", "DISPUTE RESOLUTION", "GENERAL"), 0.3),
    "saas": ("SAAS SUBSCRIPTION AGREEMENT", ("SUBSCRIPTION", "SERVICE LEVELS", "FEES AND PAYMENT", "TAXES", "DATA PROTECTION", "SECURITY",
             "CONFIDENTIALITY", "INTELLECTUAL PROPERTY", "WARRANTIES", "INDEMNIFICATION", "LIMITATION OF LIABILITY", "TERM AND RENEWAL",
             "TERMINATION", "EFFECTS OF TERMINATION", "FORCE MAJEURE", "ASSIGNMENT AND CHANGE OF CONTROL", "GOVERNING LAW AND JURISDICTION",
             "GENERAL"), 0.25),
    "supply": ("SUPPLY AGREEMENT", ("SUPPLY OF GOODS", "DELIVERY AND ACCEPTANCE", "TITLE AND RISK", "FEES AND PAYMENT", "WARRANTIES",
               "INDEMNIFICATION", "LIMITATION OF LIABILITY", "INSURANCE", "TERM AND RENEWAL", "TERMINATION", "FORCE MAJEURE",
               "COMPLIANCE WITH LAWS", "AUDIT", "ASSIGNMENT AND CHANGE OF CONTROL", "GOVERNING LAW AND JURISDICTION", "DISPUTE RESOLUTION",
               "GENERAL"), 0.2),
    "dpa": ("DATA PROCESSING AGREEMENT", ("DATA PROTECTION", "SECURITY", "SUBCONTRACTING", "AUDIT", "CONFIDENTIALITY",
            "LIMITATION OF LIABILITY", "TERM AND RENEWAL", "EFFECTS OF TERMINATION", "GOVERNING LAW AND JURISDICTION", "GENERAL"), 0.1),
    "nda": ("MUTUAL NON-DISCLOSURE AGREEMENT", ("CONFIDENTIALITY", "TERM AND RENEWAL", "EFFECTS OF TERMINATION", "WARRANTIES",
            "NON-SOLICITATION", "GOVERNING LAW AND JURISDICTION", "GENERAL"), 0.15),
}  # fmt: skip
LX_CLAUSES = {
    "SERVICES": ("<A> shall provide the services described in each Statement of Work executed by the parties (the \"Services\") in accordance with this Agreement.",
                 "Each Statement of Work shall set out the scope, deliverables, milestones, fees and any acceptance criteria, and shall form part of this Agreement.",
                 "In the event of any conflict between this Agreement and a Statement of Work, this Agreement shall prevail unless the Statement of Work expressly identifies the clause it overrides.",
                 "<B> may request changes to the Services by written change request, and <A> shall within <days> Business Days provide a written estimate of the impact on the fees and the timetable.",
                 "No change request shall be binding unless signed by authorised representatives of both parties.",
                 "<A> shall perform the Services with reasonable skill, care and diligence and in accordance with Good Industry Practice.",
                 "<A> shall not replace the key personnel named in a Statement of Work without <B>'s prior written consent, which shall not be unreasonably withheld.",
                 "<B> shall provide <A> with such information, access and cooperation as <A> reasonably requires to perform the Services."),
    "SUBSCRIPTION": ("Subject to payment of the Fees, <A> grants <B> a non-exclusive, non-transferable right during the Subscription Term to permit its Authorised Users to access and use the Platform for <B>'s internal business purposes.",
                     "The number of Authorised Users shall not exceed the number of seats set out in the Order Form, and <B> may purchase additional seats at the then-current rates pro-rated to the end of the Subscription Term.",
                     "<B> shall not sublicense, resell, reverse engineer or use the Platform to build a competing product, and shall not permit any third party to do so.",
                     "<A> may update the Platform from time to time provided that no update materially reduces the functionality described in the Documentation.",
                     "<B> is responsible for the accuracy and legality of Customer Data and for its Authorised Users' compliance with this Agreement.",
                     "<A> may suspend access to the Platform without liability where <B>'s use poses a security risk, for so long as the risk continues, and shall give notice as soon as practicable."),
    "SUPPLY OF GOODS": ("<A> shall supply the Goods described in each Purchase Order accepted in accordance with this clause.",
                        "A Purchase Order is accepted when <A> confirms it in writing or begins performance, whichever is earlier.",
                        "<A> shall maintain sufficient inventory to meet the rolling forecast provided by <B> each month, subject to a variance of <pct>%.",
                        "Forecasts are non-binding except for the first <days> days of each forecast, which constitute a firm order.",
                        "<A> shall not change the specification, materials or place of manufacture of the Goods without <B>'s prior written approval.",
                        "Where <A> anticipates any shortage it shall notify <B> immediately and allocate available Goods to <B> no less favourably than to its other customers."),
    "DELIVERY AND ACCEPTANCE": ("Goods shall be delivered DAP (Incoterms 2020) to the delivery address stated in the Purchase Order on the delivery date.",
                                "Time of delivery is of the essence, and if delivery is late by more than <days> days <B> may cancel the affected Purchase Order without liability.",
                                "<B> may inspect the Goods within <days2> days after delivery and reject any Goods that do not conform to the Specification.",
                                "Rejected Goods shall be collected by <A> at its own cost and replaced or refunded at <B>'s option within <days> days.",
                                "Acceptance of the Goods shall not prejudice <B>'s rights in respect of latent defects."),
    "TITLE AND RISK": ("Risk in the Goods passes to <B> on completion of delivery.",
                       "Title to the Goods passes to <B> on the earlier of payment in full and delivery.",
                       "<A> warrants that it has good title to the Goods and that the Goods are free from any lien, charge or encumbrance."),
    "TERM AND RENEWAL": ("This Agreement commences on the Effective Date and continues for an initial term of <years> years (the \"Initial Term\").",
                         "Thereafter this Agreement renews automatically for successive periods of twelve months (each a \"Renewal Term\") unless either party gives at least <notice> days' written notice of non-renewal before the end of the then-current term.",
                         "The obligations of confidentiality in this Agreement survive for <years> years after its expiry or termination.",
                         "<A> may increase the Fees with effect from the start of any Renewal Term by giving at least <days2> days' written notice, provided that the increase does not exceed <pct>%."),
    "FEES AND PAYMENT": ("<B> shall pay the fees set out in the applicable Statement of Work or Order Form (the \"Fees\").",
                         "<A> shall invoice the Fees monthly in arrears, and <B> shall pay each undisputed invoice within <days2> days of receipt.",
                         "If <B> disputes any invoice in good faith it shall notify <A> within <days> days, pay the undisputed portion, and the parties shall resolve the dispute under the Dispute Resolution clause.",
                         "Late payments shall bear interest at <pct>% per annum above the base rate from the due date until the date of payment.",
                         "All Fees are stated exclusive of value added tax and similar taxes, which shall be payable in addition.",
                         "Expenses are payable only if approved in writing in advance by <B> and incurred in accordance with <B>'s travel and expenses policy.",
                         "<A> may suspend performance if any undisputed amount remains unpaid <days2> days after a written reminder."),
    "TAXES": ("Each party is responsible for its own taxes on income, and <B> shall pay all applicable sales, use and value added taxes on the Fees.",
              "If <B> is required by law to withhold any tax from a payment, it shall gross up the payment so that <A> receives the amount it would have received had no withholding been required.",
              "The parties shall cooperate to minimise any withholding tax, including by providing tax residence certificates."),
    "SERVICE LEVELS": ("<A> shall make the Platform available <uptime>% of the time in each calendar month, excluding Scheduled Maintenance.",
                       "Scheduled Maintenance shall be notified at least <hours> hours in advance and performed outside Business Hours.",
                       "If availability falls below the Service Level in any month, <B> shall be entitled to a service credit of <credit>% of the monthly Fees for each full percentage point below the Service Level.",
                       "Service credits are <B>'s sole and exclusive remedy for failure to meet the Service Levels, save where the failure also constitutes a material breach.",
                       "Severity 1 incidents shall be acknowledged within <hours> hours and worked on continuously until resolved or a workaround is available.",
                       "<A> shall provide a monthly report on availability, incidents and response times."),
    "CONFIDENTIALITY": ("\"Confidential Information\" means all information disclosed by a party (the \"Discloser\") to the other (the \"Recipient\") that is marked confidential or would reasonably be understood to be confidential.",
                        "The Recipient shall keep the Discloser's Confidential Information confidential, use it only to perform its obligations or exercise its rights under this Agreement, and disclose it only to its employees, advisers and subcontractors who need to know it and are bound by equivalent obligations.",
                        "These obligations do not apply to information that is or becomes public other than through breach, was lawfully known to the Recipient before disclosure, is independently developed, or is received from a third party without restriction.",
                        "The Recipient may disclose Confidential Information where required by law or a regulator, provided that, where lawful, it gives the Discloser prompt notice and reasonable assistance to seek a protective order.",
                        "Each party acknowledges that damages alone may not be an adequate remedy for breach of this clause and that the Discloser is entitled to seek injunctive relief.",
                        "On request, the Recipient shall return or destroy the Discloser's Confidential Information, save for copies retained in routine back-ups or as required by law."),
    "INTELLECTUAL PROPERTY": ("Each party retains all rights in its Background IP.",
                              "All Intellectual Property Rights in the Deliverables created specifically for <B> shall vest in <B> on payment of the relevant Fees, and <A> hereby assigns such rights to <B> with full title guarantee.",
                              "<A> grants <B> a perpetual, royalty-free, non-exclusive licence to use any of <A>'s Background IP incorporated in the Deliverables to the extent necessary to use the Deliverables.",
                              "<A> retains ownership of all Improvements to the Platform, including any made as a result of <B>'s feedback.",
                              "Nothing in this Agreement restricts <A> from using general skills, know-how and experience acquired in performing the Services."),
    "DATA PROTECTION": ("Each party shall comply with Data Protection Laws in connection with this Agreement.",
                        "To the extent <A> processes Personal Data on behalf of <B>, <A> shall process it only on <B>'s documented instructions and for the purposes set out in Annex 1.",
                        "<A> shall notify <B> without undue delay, and in any event within <hours> hours, after becoming aware of a Personal Data Breach.",
                        "<A> shall not transfer Personal Data outside the United Kingdom or the European Economic Area except under the Standard Contractual Clauses or another lawful transfer mechanism.",
                        "<A> shall assist <B> in responding to requests from data subjects and in carrying out data protection impact assessments, at <B>'s reasonable cost.",
                        "On termination <A> shall, at <B>'s choice, delete or return all Personal Data within <days2> days and certify in writing that it has done so."),
    "SECURITY": ("<A> shall implement and maintain the technical and organisational measures described in Annex 2, including encryption of Customer Data in transit and at rest.",
                 "<A> shall maintain ISO/IEC 27001 certification or a SOC 2 Type II report for the duration of this Agreement and provide a copy on request.",
                 "<A> shall carry out penetration tests at least annually by an independent tester and remediate critical findings within <days> days.",
                 "Access to Customer Data shall be limited to personnel who need it, protected by multi-factor authentication and logged."),
    "WARRANTIES": ("Each party warrants that it has full power and authority to enter into and perform this Agreement.",
                   "<A> warrants that the Services and Deliverables will conform in all material respects to their description for a period of <days2> days from delivery.",
                   "<A> warrants that the Deliverables will not, to its knowledge, infringe the Intellectual Property Rights of any third party.",
                   "If <A> breaches the warranty in this clause, it shall re-perform the non-conforming Services at no additional cost, and if it fails to do so within <days> days <B> may terminate the affected Statement of Work and recover the Fees paid for it.",
                   "Except as expressly stated in this Agreement, all warranties, conditions and terms implied by statute or common law are excluded to the fullest extent permitted by law."),
    "INDEMNIFICATION": ("<A> shall indemnify <B> against all losses, damages, costs and expenses (including reasonable legal fees) arising from any claim that the Deliverables infringe a third party's Intellectual Property Rights.",
                        "<B> shall indemnify <A> against any claim arising from Customer Data or from <B>'s use of the Services in breach of this Agreement.",
                        "The indemnified party shall notify the indemnifying party promptly of any claim, allow it sole conduct of the defence and settlement, and provide reasonable assistance at its cost.",
                        "The indemnity in this clause does not apply to the extent a claim arises from modifications not made by <A> or from combination with items not supplied by <A>.",
                        "If a Deliverable becomes subject to an infringement claim, <A> may procure the right for <B> to continue using it, modify it so that it is non-infringing, or refund the Fees paid for it."),
    "LIMITATION OF LIABILITY": ("Nothing in this Agreement limits liability for death or personal injury caused by negligence, fraud or fraudulent misrepresentation, or any liability that cannot be limited by law.",
                                "Subject to the preceding sentence, neither party shall be liable for loss of profits, revenue, goodwill or anticipated savings, or for any indirect or consequential loss.",
                                "Each party's total aggregate liability arising out of or in connection with this Agreement in each Contract Year shall not exceed <mult> the Fees paid or payable in the twelve months preceding the event giving rise to the claim.",
                                "The cap in this clause does not apply to <A>'s liability under the indemnity for infringement or to either party's breach of the Confidentiality clause, which shall be capped at <amount>.",
                                "Claims must be notified within <months> months of the date on which the claimant became aware of the grounds for the claim."),
    "INSURANCE": ("<A> shall maintain, with reputable insurers, professional indemnity insurance of not less than <amount> per claim and public liability insurance of not less than <amount> per occurrence.",
                  "<A> shall produce evidence of its insurance on request and shall not do anything to invalidate it.",
                  "The insurance shall be maintained for the term of this Agreement and for <years> years after its termination."),
    "TERMINATION": ("Either party may terminate this Agreement with immediate effect by written notice if the other party commits a material breach that is irremediable or, if remediable, is not remedied within <days2> days of written notice requiring it to be remedied.",
                    "Either party may terminate this Agreement with immediate effect if the other party becomes insolvent, enters administration or liquidation, or makes an arrangement with its creditors.",
                    "<B> may terminate this Agreement or any Statement of Work for convenience on <notice> days' written notice, subject to payment for Services performed up to the date of termination.",
                    "<A> may terminate this Agreement on <notice> days' written notice if <B> fails to pay undisputed Fees within <days2> days of a written reminder.",
                    "<B> may terminate this Agreement on written notice if <A> undergoes a Change of Control in favour of a competitor of <B>."),
    "EFFECTS OF TERMINATION": ("On termination, all licences granted under this Agreement end and each party shall return the other's property and Confidential Information.",
                               "<A> shall provide reasonable exit assistance for up to <months> months at its then-current rates, including the transfer of data in a commonly used format.",
                               "Termination does not affect accrued rights and remedies, and the clauses which by their nature are intended to survive shall survive.",
                               "<B> shall pay all Fees due up to the date of termination within <days2> days of receipt of <A>'s final invoice."),
    "FORCE MAJEURE": ("Neither party shall be liable for any delay or failure to perform caused by a Force Majeure Event, provided that it notifies the other party promptly and uses reasonable endeavours to mitigate its effect.",
                      "\"Force Majeure Event\" means any event beyond a party's reasonable control, including natural disasters, war, terrorism, epidemic, governmental action and failure of public utilities, but excluding strikes of the affected party's own workforce.",
                      "A cyber attack shall be a Force Majeure Event only if the affected party has complied with its security obligations under this Agreement.",
                      "If a Force Majeure Event continues for more than <days> days, the party not affected may terminate this Agreement on written notice."),
    "ASSIGNMENT AND CHANGE OF CONTROL": ("Neither party may assign, transfer or subcontract any of its rights or obligations without the other party's prior written consent, not to be unreasonably withheld.",
                                         "Either party may assign this Agreement to an Affiliate or to a successor to all or substantially all of its business on written notice to the other party.",
                                         "<A> shall notify <B> within <days> days of any Change of Control of <A>.",
                                         "Any purported assignment in breach of this clause shall be void."),
    "NON-SOLICITATION": ("Neither party shall, during the term and for <months> months afterwards, solicit or employ any employee of the other party who was involved in the Services, without the other party's prior written consent.",
                         "General advertisements not directed at the other party's employees shall not breach this clause.",
                         "If a party breaches this clause, it shall pay the other party, as liquidated damages, a sum equal to <pct>% of the employee's annual salary."),
    "AUDIT": ("<A> shall keep complete and accurate records relating to the Services and the Fees for at least <years> years.",
              "<B> may, on <days> Business Days' notice and no more than once in any twelve-month period, audit <A>'s compliance with this Agreement.",
              "Where an audit reveals an overcharge of more than <pct>%, <A> shall refund the overcharge and reimburse the reasonable cost of the audit.",
              "Auditors shall comply with <A>'s reasonable security and confidentiality requirements."),
    "SUBCONTRACTING": ("<A> may engage the subprocessors listed in Annex 3 and shall give <B> at least <days2> days' notice of any new subprocessor.",
                       "<B> may object to a new subprocessor on reasonable data protection grounds, in which case the parties shall discuss the objection in good faith.",
                       "<A> remains fully liable for the acts and omissions of its subcontractors as if they were its own.",
                       "<A> shall impose on each subcontractor obligations no less protective than those in this Agreement."),
    "COMPLIANCE WITH LAWS": ("Each party shall comply with all applicable laws, including anti-bribery, anti-slavery and sanctions laws.",
                             "<A> shall maintain policies and procedures designed to prevent bribery and modern slavery in its business and supply chain.",
                             "<A> shall notify <B> promptly if it becomes aware of any breach of this clause, and <B> may terminate this Agreement immediately on such breach."),
    "NOTICES": ("Notices shall be in writing and delivered by hand, by recorded delivery or by email to the addresses set out at the head of this Agreement.",
                "A notice is deemed received on delivery if by hand, two Business Days after posting if by recorded delivery, and at the time of transmission if by email sent within Business Hours.",
                "Notices of breach or termination sent by email must also be sent by recorded delivery."),
    "GOVERNING LAW AND JURISDICTION": ("This Agreement and any dispute or claim arising out of or in connection with it shall be governed by the laws of <law>.",
                                       "The courts of <venue> shall have exclusive jurisdiction to settle any dispute or claim arising out of or in connection with this Agreement.",
                                       "Nothing in this clause prevents a party from seeking injunctive relief in any court of competent jurisdiction."),
    "DISPUTE RESOLUTION": ("The parties shall first attempt to resolve any dispute through good-faith negotiations between their relationship managers.",
                           "If the dispute is not resolved within <days> days, it shall be referred to senior executives of each party.",
                           "If the dispute is not resolved within a further <days> days, either party may refer it to mediation in accordance with the model procedure of a recognised mediation body.",
                           "The parties shall continue to perform their obligations during any dispute."),
    "GENERAL": ("This Agreement constitutes the entire agreement between the parties and supersedes all previous agreements, representations and understandings relating to its subject matter.",
                "No variation of this Agreement shall be effective unless it is in writing and signed by the parties.",
                "If any provision of this Agreement is held invalid or unenforceable, the other provisions remain in force.",
                "No failure or delay in exercising any right operates as a waiver of it.",
                "This Agreement may be executed in any number of counterparts, each of which is an original and all of which together constitute one agreement.",
                "A person who is not a party to this Agreement has no right to enforce any of its terms.",
                "Nothing in this Agreement creates a partnership, agency or joint venture between the parties."),
}  # fmt: skip
LX_DEFS = ("\"Affiliate\" means any entity that directly or indirectly controls, is controlled by, or is under common control with a party.",
           "\"Business Day\" means a day other than a Saturday, Sunday or public holiday in <venue>.",
           "\"Business Hours\" means 9.00 am to 5.30 pm on a Business Day.",
           "\"Change of Control\" means a change in the person who controls a party, where control has the meaning given in section 1124 of the Corporation Tax Act 2010.",
           "\"Contract Year\" means each period of twelve months starting on the Effective Date or an anniversary of it.",
           "\"Customer Data\" means all data, including Personal Data, provided by or on behalf of <B> or generated by the Services for <B>.",
           "\"Deliverables\" means all documents, products and materials developed by <A> for <B> as part of the Services.",
           "\"Data Protection Laws\" means the UK GDPR, the Data Protection Act 2018, Regulation (EU) 2016/679 and any other applicable data protection law.",
           "\"Good Industry Practice\" means the skill, care and foresight reasonably expected of a skilled and experienced provider of similar services.",
           "\"Intellectual Property Rights\" means patents, copyright, rights in software, database rights, trade marks, rights in confidential information and all similar rights anywhere in the world.",
           "\"Background IP\" means Intellectual Property Rights owned by a party before the Effective Date or developed independently of this Agreement.",
           "\"Personal Data\" and \"Personal Data Breach\" have the meanings given in the Data Protection Laws.",
           "\"Platform\" means <A>'s software-as-a-service platform described in the Documentation.",
           "\"Documentation\" means the user guides and specifications for the Platform made available by <A>, as updated from time to time.",
           "\"Specification\" means the specification of the Goods set out in Schedule 1.",
           "\"Statement of Work\" means a statement of work in the form of Schedule 2 agreed in writing by the parties.",
           "\"Authorised Users\" means the employees and contractors of <B> whom <B> authorises to use the Platform.")  # fmt: skip
LX_SLOTS = {"days": ("5", "10", "14", "15", "20", "30"), "days2": ("30", "45", "60", "90"), "pct": ("2", "3", "4", "5", "8", "10", "15", "25"),
            "notice": ("30", "60", "90", "180"), "years": ("two", "three", "five"), "months": ("6", "12", "18", "24"),
            "mult": ("100% of", "125% of", "150% of", "twice", "three times"), "amount": ("£1,000,000", "£2,000,000", "£5,000,000", "$1,000,000", "$5,000,000", "$10,000,000"),
            "uptime": ("99.5", "99.8", "99.9", "99.95"), "credit": ("2", "5", "10"), "hours": ("4", "24", "48", "72")}  # fmt: skip
LX_LAW = (("England and Wales", "England and Wales"), ("the State of New York", "the State of New York, New York County"),
          ("the State of Delaware", "the State of Delaware"), ("Ireland", "Ireland"), ("Scotland", "Scotland"))  # fmt: skip
LX_NAMES = ("Halvorsen", "Brightwell", "Kestrel Ridge", "Corvid", "Pellham", "Arden", "Lumen", "Tamsin", "Oakhurst", "Veridian", "Quillon",
            "Sable Bay", "Marrowgate", "Ashdown", "Cobalt Reach", "Fairhaven", "Greystone", "Harrow & Finch", "Ironbridge", "Juniper")  # fmt: skip
LX_TRADES = (
    "Logistics",
    "Health",
    "Analytics",
    "Foods",
    "Energy",
    "Software",
    "Manufacturing",
    "Retail",
    "Capital",
    "Biosciences",
    "Media",
    "Payments",
)
LX_FORMS = ("Inc.", "Ltd", "LLC", "plc", "Limited", "Corp.")
LX_SCHEDULES = {  # kind -> the schedules attached after the signature blocks
    "msa": ("fees", "sow", "sla", "toms"),
    "saas": ("fees", "sla", "toms", "subprocessors"),
    "supply": ("fees", "spec"),
    "dpa": ("processing", "toms", "subprocessors"),
    "nda": (),
}
LX_SCHEDULE_TITLES = {"fees": "FEES", "sow": "STATEMENT OF WORK", "sla": "SERVICE LEVELS", "toms": "TECHNICAL AND ORGANISATIONAL MEASURES",
                      "subprocessors": "APPROVED SUBPROCESSORS", "processing": "DETAILS OF PROCESSING", "spec": "SPECIFICATION"}  # fmt: skip
LX_MILESTONES = (
    "Mobilisation",
    "Design sign-off",
    "Build complete",
    "User acceptance",
    "Go-live",
    "Hypercare end",
)
LX_ROLES = ("Engagement Partner", "Project Manager", "Solution Architect", "Senior Developer", "Developer", "Business Analyst", "QA Engineer",
            "Data Engineer", "Support Engineer (L2)", "Trainer")  # fmt: skip
LX_TOMS = ("Access to systems holding Customer Data is granted on a least-privilege basis and reviewed quarterly.",
           "All remote access uses multi-factor authentication.", "Customer Data is encrypted in transit with TLS 1.2 or higher and at rest with AES-256.",
           "Production and non-production environments are separated; production data is not used for testing.",
           "Security patches rated critical are applied within 14 days of release.", "Endpoint protection is installed on all laptops and servers.",
           "Logs of administrative access are retained for at least 12 months and monitored for anomalies.",
           "Backups are taken daily, encrypted and tested by restoration at least twice a year.",
           "Personnel with access to Customer Data are background-checked where lawful and complete annual security training.",
           "Data centres are certified to ISO/IEC 27001 and protected by physical access controls.", "A documented incident-response plan is tested annually.",
           "Vulnerability scans are run monthly and penetration tests annually by an independent tester.",
           "Secure development practices, including code review and dependency scanning, are applied to all changes.",
           "Business-continuity and disaster-recovery plans target a recovery time of 8 hours and a recovery point of 24 hours.",
           "Customer Data is deleted or returned on termination and deletion is certified in writing.")  # fmt: skip
LX_SUBPROCESSORS = (("Amazon Web Services EMEA SARL", "hosting", "Ireland, Germany"), ("Microsoft Ireland Operations Ltd", "email and productivity", "Ireland"),
                    ("Zendesk Inc.", "customer support tickets", "United States"), ("Datadog Inc.", "monitoring and logs", "Germany"),
                    ("Twilio Inc.", "SMS notifications", "United States"), ("Stripe Payments Europe Ltd", "payment processing", "Ireland"),
                    ("Snowflake Inc.", "analytics warehouse", "Germany"))  # fmt: skip
LX_EXTRACT = ("You extract key terms from commercial contracts for Clausewise. Return JSON with the keys parties, effective_date, "
              "initial_term, renewal, termination_rights, payment_terms, liability_cap, cap_exclusions, indemnities, governing_law, "
              "assignment, change_of_control, data_protection, survival and unusual_terms (a list). Cite clause numbers for every value. "
              "Use null where the contract is silent. Do not infer terms that are not written.")  # fmt: skip
LX_PLAYBOOK = ("You review contracts for {firm} against the firm's playbook. For each playbook position, say whether the contract "
               "meets it, cite the clause, rate the risk to our client (low, medium or high) and, where it does not, propose fallback "
               "wording. Finish with the three most important points for the supervising partner.\n\nPlaybook:\n{positions}")  # fmt: skip
LX_POSITIONS = ("Liability cap: mutual, not less than {x} the annual fees; carve-outs limited to fraud, death and personal injury, confidentiality and IP indemnity.",
                "No exclusion of liability for data protection breaches without a separate super-cap of at least {y}.",
                "Termination for convenience: the client must have it on no more than {n} days' notice; the supplier must not.",
                "Payment terms: at least {n} days from receipt of a valid invoice; no interest above 4% over base.",
                "Auto-renewal: acceptable only with a notice window of at least {n} days and a price cap.",
                "Governing law: {law} preferred; New York or Delaware acceptable for US counterparties.",
                "IP: bespoke deliverables owned by the client on payment; background IP licensed perpetually.",
                "Data protection: breach notification within 48 hours; audit rights at least annually; deletion on exit.",
                "Assignment: no assignment by the supplier without consent, including on change of control.",
                "Service credits must not be the sole remedy for persistent failure (three breaches in six months).",
                "Non-solicitation: mutual, no more than 12 months, no liquidated damages above 20% of salary.",
                "Force majeure must not excuse failures of the supplier's own security or business-continuity obligations.")  # fmt: skip
LX_REVIEW = "Please review this {kind} for our client {client} ({side}).\n\n{text}"
LX_ASK = "Contract: {title} between {a} and {b}\n\n{text}\n\n---\n\nQuestion: {q}"
LX_QS = ("Is there a cap on <B>'s liability, and what is excluded from it?", "Can <A> terminate for convenience? On how much notice?",
         "What happens to our data when the agreement ends?", "Does clause <n> allow assignment to an affiliate without consent?",
         "Summarise the indemnities in plain English for the client.", "Is anything here unusual compared with market standard for a <kind>?",
         "What are the payment terms, and is there late-payment interest?", "Who owns improvements made using our feedback?",
         "Does the non-solicit cover contractors as well as employees?", "Which clauses survive termination?",
         "Is the force majeure clause wide enough to cover a ransomware attack on <A>?", "What notice do we need to give to stop the auto-renewal?",
         "List every deadline in the contract with its clause number.", "How does clause <n> interact with the liability cap?",
         "Draft a short email to the client explaining the three biggest risks in this agreement.", "Are service credits our only remedy for downtime?")  # fmt: skip
LX_FOLLOW = ("And what if the breach is of the data protection clause?", "Can you point me to the exact wording?", "Is that consistent with clause <n>?",
             "Shorter please - this is for a partner who has two minutes.", "What would be a reasonable fallback position?", "Thanks. Does the same apply to <A>?",
             "Put that in a table with clause, issue and risk.", "ok, and under <law> law specifically?")  # fmt: skip
LX_REDLINE = ("Redline clause <n> so that the liability cap is mutual and equal to <mult> the fees paid in the preceding 12 months. Show deletions in [square brackets] and insertions in {braces}.",
              "Propose a redline of clause <n> that gives our client a right to terminate for convenience on 60 days' notice.",
              "Rewrite clause <n> to shorten the survival period to two years and carve out trade secrets.",
              "Mark up clause <n> so that breach notification is within 48 hours and includes the information required by Article 33(3) GDPR.",
              "Redline clause <n> to remove the automatic renewal and replace it with renewal by mutual written agreement.",
              "Soften clause <n> for the supplier side: replace 'shall' obligations with reasonable endeavours where commercially sensible.")  # fmt: skip
LX_COMPARE = ("Below are two versions of the same agreement: our draft (Version 1) and the counterparty's markup (Version 2). List "
              "every substantive change by clause number, say whether it favours {client}, and flag anything that conflicts with "
              "our playbook.\n\n=== VERSION 1 ===\n{v1}\n\n=== VERSION 2 ===\n{v2}")  # fmt: skip
LX_MARKUP_QS = ("Which of these changes should we push back on?", "Draft a reply to the counterparty's lawyers accepting the changes to clause <n> but rejecting the rest.",
                "Did they change anything in the liability clause?", "Summarise the markup in five bullets for the client.")  # fmt: skip

LX_THREAD = ("You are Clausewise, an assistant for lawyers. Answer questions about the contract in the first message precisely, "
             "cite clause numbers, quote the operative words, and say when the contract is silent. You do not give advice to "
             "non-lawyers.")  # fmt: skip
LX_GENERAL = "You are Clausewise's general assistant for legal professionals. Be precise and concise."


def _lx_party(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(LX_NAMES)
    return f"{name} {rng.choice(LX_TRADES)} {rng.choice(LX_FORMS)}", name.split()[0].replace("&", "").strip()


def _lx_fill(rng: random.Random, text: str, slots: dict[str, str]) -> str:
    """A clause sentence with the deal's parties and law and freshly drawn numbers."""
    return sub(text, {**slots, **{k: rng.choice(v) for k, v in LX_SLOTS.items()}})


def _lx_article(rng: random.Random, heading: str, slots: dict[str, str], most: int) -> list[str]:
    """One article's subclauses: 1-2 sentences each from the heading's bank, none twice."""
    bank = list(LX_CLAUSES[heading])
    rng.shuffle(bank)
    out: list[str] = []
    while bank and len(out) < most:
        k = min(len(bank), rng.choice((1, 1, 2)))
        out.append(" ".join(_lx_fill(rng, s, slots) for s in bank[:k]))
        bank = bank[k:]
    return out


def _lx_contract(rng: random.Random) -> dict:
    kinds = list(LX_KINDS)
    kind = rng.choices(kinds, [LX_KINDS[k][2] for k in kinds])[0]
    title, headings, _ = LX_KINDS[kind]
    (a_full, a), (b_full, b) = _lx_party(rng), _lx_party(rng)
    while b == a:
        b_full, b = _lx_party(rng)
    law, venue = rng.choice(LX_LAW)
    slots = {"A": a, "B": b, "law": law, "venue": venue}
    most = 5 if kind in ("msa", "saas", "supply") else 4
    arts = [(h, _lx_article(rng, h, slots, most)) for h in headings]
    defs = [sub(d, slots) for d in rng.sample(LX_DEFS, rng.randint(8, len(LX_DEFS)))]
    date = f"{rng.randint(1, 28)} {rng.choice(('January', 'February', 'March'))} 2026"
    return {"kind": kind, "title": title, "a": a, "b": b, "a_full": a_full, "b_full": b_full, "law": law,
            "date": date, "defs": sorted(defs), "arts": arts, "schedules": _lx_schedules(rng, kind, a, b)}  # fmt: skip


def _lx_render(c: dict, only: set[int] | None = None) -> str:
    """The contract as uploaded text (or only the articles numbered in `only`)."""
    head = (f"{c['title']}\n\nThis {c['title'].title().replace('Saas', 'SaaS')} (the \"Agreement\") is made on {c['date']} between {c['a_full']} (\"{c['a']}\") "
            f"and {c['b_full']} (\"{c['b']}\").\n\nBACKGROUND\n\n(A) {c['a']} carries on business as a provider of the services and "
            f"products described in this Agreement.\n(B) {c['b']} wishes to obtain, and {c['a']} has agreed to provide, those services "
            "and products on the terms of this Agreement.\n\nAGREED TERMS\n\n1. DEFINITIONS AND INTERPRETATION\n")  # fmt: skip
    head += "\n".join(f"1.{i} {d}" for i, d in enumerate(c["defs"], 1))
    parts = [] if only else [head]
    for n, (heading, subs) in enumerate(c["arts"], 2):
        if only is None or n in only:
            parts.append(f"{n}. {heading}\n" + "\n".join(f"{n}.{i} {s}" for i, s in enumerate(subs, 1)))
    if not only:
        parts.append(f"This Agreement has been entered into on the date stated at the beginning of it.\n\nSigned by an authorised "
                     f"signatory for and on behalf of {c['a_full']}\n\nSigned by an authorised signatory for and on behalf of {c['b_full']}")  # fmt: skip
        parts += c["schedules"]
    return "\n\n".join(parts)


def _lx_schedules(rng: random.Random, kind: str, a: str, b: str) -> list[str]:
    """The schedules of a contract of `kind`: fee tables, a statement of work, service levels, security measures."""
    out = []
    for n, name in enumerate(LX_SCHEDULES[kind], 1):
        if name == "fees":
            ccy = rng.choice(("£", "$"))
            rows = "\n".join(
                f"{r:<28}{ccy}{rng.randint(6, 24) * 100:>7,} per day"
                for r in rng.sample(LX_ROLES, rng.randint(5, 10))
            )
            steps = [x for x in LX_MILESTONES if rng.random() < 0.7] or list(LX_MILESTONES[:2])
            shares = [round(100 / len(steps))] * len(steps)
            shares[-1] = 100 - sum(shares[:-1])
            body = (f"Part A - Rate card\n{'Role':<28}Day rate\n{rows}\n\nPart B - Payment milestones\n" +
                    "\n".join(f"Milestone {i}: {x} - {v}% of the fixed fee" for i, (x, v) in enumerate(zip(steps, shares, strict=True), 1)))  # fmt: skip
        elif name == "sow":
            body = (f"Statement of Work No. {rng.randint(1, 9)}\nProject: {rng.choice(('ERP migration', 'data platform build', 'customer portal redesign', 'managed support'))}\n"
                    f"Start date: {rng.randint(1, 28)} April 2026. Duration: {rng.randint(3, 18)} months.\nScope: {a} shall provide discovery, design, build, testing, "
                    f"deployment and hypercare for the project described in the proposal dated {rng.randint(1, 28)} January 2026, which is incorporated by reference.\n"
                    f"Out of scope: data cleansing, third-party licence costs, hardware and any work not listed in this Statement of Work.\n"
                    f"Dependencies: {b} shall provide a product owner for at least three days a week, timely access to test environments and decisions within five Business Days.\n"
                    "Acceptance: each deliverable is accepted when it passes the agreed acceptance tests or ten Business Days after delivery without a written rejection.")  # fmt: skip
        elif name == "sla":
            body = "\n".join(f"Priority {p}: response within {r}, resolution target {t}, service credit {c}% of monthly fees per breach"
                              for p, r, t, c in ((1, "30 minutes", "4 hours", 10), (2, "2 hours", "1 Business Day", 5), (3, "1 Business Day", "5 Business Days", 2), (4, "2 Business Days", "next release", 0)))  # fmt: skip
            body += "\nAvailability is measured monthly by external monitoring at one-minute intervals; Scheduled Maintenance and Force Majeure Events are excluded."
        elif name == "toms":
            body = "\n".join(f"{i}. {x}" for i, x in enumerate(LX_TOMS, 1))
        elif name == "subprocessors":
            chosen = rng.sample(LX_SUBPROCESSORS, rng.randint(3, len(LX_SUBPROCESSORS)))
            body = "\n".join(f"{who}: {what} ({where})" for who, what, where in chosen)
        elif name == "processing":
            body = (f"Subject matter: the provision of the Services by {a} to {b}.\nDuration: the term of the Agreement.\nNature and purpose: hosting, "
                    "storage, support and analytics as required to provide the Services.\nCategories of data subjects: employees, contractors and "
                    "customers of the controller.\nCategories of personal data: names, business contact details, account identifiers, usage data, "
                    "support communications.\nSpecial categories: none.\nRetention: for the term and 30 days after, then deletion.")  # fmt: skip
        else:
            body = "\n".join(f"{i}. {x}" for i, x in enumerate(("Dimensions and tolerances as per drawing rev. C.", "Materials: food-grade stainless steel 316L.",
                                                                 "Packaging: cartons of 24 units on EUR pallets, max 1,000 kg.", "Labelling: GS1-128 barcodes on every carton.",
                                                                 "Certificates of conformity with every delivery.", "Shelf life at delivery: at least 80% remaining."), 1))  # fmt: skip
        out.append(f"SCHEDULE {n} - {LX_SCHEDULE_TITLES[name]}\n{body}")
    return out


def _lx_markup(rng: random.Random, c: dict) -> tuple[dict, set[int]]:
    """The counterparty's version: 3-8 subclauses redrawn from the bank."""
    v2 = copy.deepcopy(c)
    slots = {"A": c["a"], "B": c["b"], "law": c["law"], "venue": c["law"]}
    changed = set()
    for _ in range(rng.randint(3, 8)):
        i = rng.randrange(len(v2["arts"]))
        heading, subs = v2["arts"][i]
        j = rng.randrange(len(subs))
        subs[j] = _lx_fill(rng, rng.choice(LX_CLAUSES[heading]), slots)
        changed.add(i + 2)
    return v2, changed


def _lx_slots(rng: random.Random, c: dict) -> dict[str, str]:
    kind = LX_KINDS[c["kind"]][0].lower()
    return {"A": c["a"], "B": c["b"], "n": f"{rng.randint(2, len(c['arts']) + 1)}.{rng.randint(1, 3)}", "kind": kind,
            "law": c["law"].replace("the State of ", ""), "mult": rng.choice(LX_SLOTS["mult"])}  # fmt: skip


def _lx_extract(c: dict, text: str, p: dict, t: float) -> Request:
    reply = jd({"parties": [c["a_full"], c["b_full"]], "effective_date": c["date"], "governing_law": c["law"],
                "liability_cap": "see clause on limitation of liability", "unusual_terms": []})  # fmt: skip
    params = {**p, "temperature": 0, "max_tokens": 1500, "response_format": {"type": "json_object"}}
    return at(one(text, params, LX_EXTRACT, reply), t)


def _lx_thread(rng: random.Random, t: float, c: dict, text: str, p: dict) -> list[Request]:
    qs = [sub(q, _lx_slots(rng, c)) for q in rng.sample(LX_QS, rng.randint(1, 3))]
    turns = [
        LX_ASK.format(
            title=c["title"].title().replace("Saas", "SaaS"), a=c["a_full"], b=c["b_full"], text=text, q=qs[0]
        ),
        *qs[1:],
    ]
    for _ in range(rng.choice((0, 0, 1, 2))):
        turns.append(sub(rng.choice(LX_FOLLOW), _lx_slots(rng, c)))
    return convo(rng, t, turns, [], {**p, "temperature": 0.2, "max_tokens": 1200, "stream": True}, LX_THREAD)


def _lx_playbook(firm: str) -> str:
    """A firm's playbook: the common positions with the firm's own numbers and preferred law."""
    rng = R("playbook", firm)
    chosen = sorted(rng.sample(range(len(LX_POSITIONS)), rng.randint(8, len(LX_POSITIONS))))
    vals = {"x": rng.choice(("1x", "1.5x", "2x")), "y": rng.choice(("£3m", "£5m", "$5m", "$10m")), "n": rng.choice((30, 45, 60, 90)),
            "law": rng.choice(("English law", "New York law"))}  # fmt: skip
    lines = [LX_POSITIONS[i].format(**vals) for i in chosen]
    return LX_PLAYBOOK.format(firm=firm, positions="\n".join(f"{i}. {x}" for i, x in enumerate(lines, 1)))


def _lx_matter(rng: random.Random, firm: str, t: float, lawyers: list[str]) -> list[Request]:
    """One uploaded contract and what the lawyers do with it over the following days."""
    c = _lx_contract(rng)
    text = _lx_render(c)
    p = {"user": rng.choice(lawyers)}
    client, side = (c["b"], "customer") if rng.random() < 0.6 else (c["a"], "supplier")
    playbook = _lx_playbook(firm)
    review = LX_REVIEW.format(kind=c["title"].lower(), client=client, side=side, text=text)
    out = [_lx_extract(c, text, p, t + rng.uniform(1, 4)),
           at(one(review, {**p, "temperature": 0.2, "max_tokens": 2500}, playbook), t + rng.uniform(1, 4))]  # fmt: skip
    if rng.random() < LX_P_THREAD:
        out += _lx_thread(rng, t + rng.uniform(5 * MINUTE, 3 * HOUR), c, text, p)
    if rng.random() < LX_P_REDLINE:
        s = t + rng.uniform(20 * MINUTE, 5 * HOUR)
        for _ in range(rng.randint(1, 3)):
            ask = sub(rng.choice(LX_REDLINE), _lx_slots(rng, c))
            q = at(one(f"{text}\n\n---\n\n{ask}", {**p, "temperature": 0.4, "max_tokens": 900}, LX_THREAD), s)
            out.append(q)
            if rng.random() < 0.2:
                out.append(again(q, s + latency(rng, 500) + rng.uniform(20, 120)))
            s += rng.uniform(3, 25) * MINUTE
    if rng.random() < LX_P_MARKUP:
        out += _lx_markup_round(
            rng, c, client, p, t + rng.choice((1, 1, 2, 3, 4)) * DAY + rng.uniform(-2, 2) * HOUR
        )
    return out


def _lx_markup_round(rng: random.Random, c: dict, client: str, p: dict, t: float) -> list[Request]:
    v2, changed = _lx_markup(rng, c)
    v1_text, v2_text = _lx_render(c), _lx_render(v2)
    if len(v1_text) + len(v2_text) > 36000:
        v1_text, v2_text = _lx_render(c, changed), _lx_render(v2, changed)
        v2_text += "\n\n(Unchanged articles omitted.)"
    out = [_lx_extract(v2, _lx_render(v2), p, t + rng.uniform(1, 4))]
    turns = [LX_COMPARE.format(client=client, v1=v1_text, v2=v2_text)]
    turns += [sub(q, _lx_slots(rng, c)) for q in rng.sample(LX_MARKUP_QS, rng.choice((0, 1, 1, 2)))]
    out += convo(
        rng,
        t + rng.uniform(2, 40) * MINUTE,
        turns,
        [],
        {**p, "temperature": 0.2, "max_tokens": 2000},
        LX_THREAD,
    )
    return out


def _lx_general(rng: random.Random, lawyers: list[str]) -> list[Request]:
    rows = items(share("arena_even", 4, 2), 4, 3000, answered=False)
    rng.shuffle(rows)
    out: list[Request] = []
    for day in range(LX_DAYS):
        if not weekday(day):
            continue
        for zone in (-5.0, 0.0):
            for t in shaped(rng, utc(day, 0.0, zone), utc(day + 1, 0.0, zone), 5, OFFICE, zone):
                if rows:
                    r = rows.pop()
                    n = min(3, len(r.turns))
                    p = {"temperature": 0.7, "stream": True, "user": rng.choice(lawyers)}
                    out += convo(rng, t, list(r.turns[:n]), list(r.replies[:n]), p, LX_GENERAL, r.id)
    return out


def contract_review_app() -> list[KeyTraffic]:
    rng = R("clausewise")
    out: list[Request] = []
    everyone: list[str] = []
    for firm, zone, per_day, n in LX_FIRMS:
        lawyers = [hid(rng, "lw") for _ in range(n)]
        everyone += lawyers
        for day in range(LX_DAYS):
            if weekday(day):
                for t in shaped(rng, utc(day, 0.0, zone), utc(day + 1, 0.0, zone), per_day, OFFICE, zone):
                    out += _lx_matter(rng, firm, t, lawyers)
    out += _lx_general(rng, everyone)
    cl = corp(LX_UA, "openai-python", account(rng, org=True))
    kt = mk("b25-clausewise", "contract_review_app", "benign", "app", cl, actor="b25-clausewise",
            timing="simulated: uploads on office curves (UTC-5, UTC+0, weekdays), extraction and playbook calls at once, lawyers' threads and redlines at a reader's pace, markups 1-4 days later",
            sources=("arena_even",), settings={"days": LX_DAYS, "firms": len(LX_FIRMS), "p_thread": LX_P_THREAD,
                                               "p_redline": LX_P_REDLINE, "p_markup": LX_P_MARKUP})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 2. A CODEBASE ASSISTANT IN THE IDE ("ask about this repo": the nine developers of a payments
# start-up in Warsaw, UTC+1, whose VS Code extension sends chat requests on openai-js with the
# developer's handle as `user`). Five weekdays. The repository ("ledgerline", 33 Python files of
# 500-6,000 characters: models and services per entity, API routes, tests and a core package) is
# generated here from code templates, and it changes every day (4-8 functions edited overnight on
# the main branch). Each developer opens ~12 sessions a day on an office curve with a late tail:
# "@workspace" questions (the extension retrieves 3-6 whole files and puts them before the question),
# questions about the open file and /edit requests with the whole file, reviews of a local diff
# (the diff and the changed file) followed by a commit message for it, and general questions (real
# codealpaca instructions, bucket 0 of 4, and real coding Arena conversations, bucket 0 of 4, with their
# stored replies); 0-3 follow-ups each at a reader's pace, the context resent. Replies: stored for
# the Arena chats, otherwise stubs.
CB_TZ = 1.0
CB_DAYS = 5
CB_DEVS = ("kasia", "marek", "ola", "tomek", "piotr", "agnieszka", "bartek", "zofia", "jan")
CB_SESSIONS = 12  # sessions per developer per weekday
CB_LATE = tuple(v + (0.35 if 18 <= h <= 22 else 0.0) for h, v in enumerate(OFFICE))
CB_ENTITIES = (
    "invoice",
    "payment",
    "refund",
    "payout",
    "mandate",
    "statement",
    "settlement",
    "webhook",
    "customer",
    "transfer",
)
CB_FIELDS = (
    "reference",
    "external_id",
    "merchant_id",
    "description",
    "due_date",
    "batch_id",
    "country",
    "iban",
    "scheme",
    "note",
)
CB_SYSTEM = ("You are the AI assistant inside the developer's editor. The workspace is the ledgerline repository (Python 3.12, "
             "SQLAlchemy 2, FastAPI, pytest). Use the files the user attaches as the source of truth; cite paths and line "
             "numbers; when you propose code, show complete functions in fenced blocks and keep the repository's style. If the "
             "files do not contain the answer, say which file you would need.")  # fmt: skip
CB_HEAD = '''"""<E>s (<area>): <purpose>."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal

from ledgerline.core.db import Session
from ledgerline.core.errors import ConflictError, NotFoundError, ValidationError
from ledgerline.core.money import SUPPORTED_CURRENCIES, convert

log = logging.getLogger(__name__)

<STATES>


@dataclass
class <E>:
    id: int
    amount: Decimal
    currency: str
    status: str = "<s0>"
    <f>: str | None = None
    <g>: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    updated_at: datetime | None = None'''
CB_FUNCS = (
    '''def get_<e>(session: Session, <e>_id: int) -> <E>:
    row = session.get(<E>, <e>_id)
    if row is None:
        raise NotFoundError(f"<e> {<e>_id} not found")
    return row''',
    '''def list_<e>s(session: Session, *, <f>: str | None = None, status: str | None = None, limit: int = <n>) -> list[<E>]:
    query = session.query(<E>)
    if <f> is not None:
        query = query.filter(<E>.<f> == <f>)
    if status is not None:
        query = query.filter(<E>.status == status)
    return query.order_by(<E>.created_at.desc()).limit(limit).all()''',
    '''def validate_<e>(<e>: <E>) -> None:
    """Raise ValidationError when the <e> cannot be booked."""
    if <e>.amount <= 0:
        raise ValidationError("<e> amount must be positive")
    if <e>.currency not in SUPPORTED_CURRENCIES:
        raise ValidationError(f"unsupported currency {<e>.currency}")
    if <e>.<f> is not None and len(<e>.<f>) > <n>:
        raise ValidationError("<f> is too long")''',
    '''def total_<e>s(rows: list[<E>], currency: str) -> Decimal:
    """Sum of amounts in `currency`, converting at today's rate."""
    total = Decimal("0")
    for row in rows:
        if row.currency != currency:
            total += convert(row.amount, row.currency, currency)
        else:
            total += row.amount
    return total.quantize(Decimal("0.01"))''',
    '''def transition_<e>(session: Session, <e>: <E>, new_status: str) -> <E>:
    allowed = TRANSITIONS.get(<e>.status, ())
    if new_status not in allowed:
        raise ConflictError(f"cannot move <e> {<e>.id} from {<e>.status} to {new_status}")
    log.info("<e> %s: %s -> %s", <e>.id, <e>.status, new_status)
    <e>.status = new_status
    <e>.updated_at = datetime.now(timezone.utc)
    session.add(<e>)
    return <e>''',
    '''def to_dict(<e>: <E>) -> dict:
    return {
        "id": <e>.id,
        "amount": str(<e>.amount),
        "currency": <e>.currency,
        "status": <e>.status,
        "<f>": <e>.<f>,
        "<g>": <e>.<g>,
        "created_at": <e>.created_at.isoformat(),
    }''',
    '''def from_csv_row(row: dict[str, str]) -> <E>:
    """Parse one row of the bank's <e> export (semicolon separated, comma decimals)."""
    amount = Decimal(row["amount"].replace(".", "").replace(",", "."))
    return <E>(
        id=int(row["id"]),
        amount=amount,
        currency=row.get("currency", "PLN").upper(),
        <f>=row.get("<f>") or None,
        <g>=row.get("<g>") or None,
    )''',
    '''def due_date(issued: date, days: int = <n>) -> date:
    """The due date counted in business days (weekends skipped, holidays not)."""
    current = issued
    added = 0
    while added < days:
        current = date.fromordinal(current.toordinal() + 1)
        if current.weekday() < 5:
            added += 1
    return current''',
    '''def idempotency_key(<e>: <E>) -> str:
    parts = [str(<e>.id), <e>.currency, str(<e>.amount), <e>.<f> or ""]
    return "<e>:" + ":".join(parts)''',
    '''def process_batch(session: Session, ids: list[int], *, dry_run: bool = False) -> tuple[int, list[int]]:
    """Book every <e> in `ids`; returns (booked, failed ids)."""
    booked, failed = 0, []
    for <e>_id in ids:
        try:
            <e> = get_<e>(session, <e>_id)
            validate_<e>(<e>)
            if not dry_run:
                transition_<e>(session, <e>, "<s1>")
            booked += 1
        except (NotFoundError, ValidationError, ConflictError) as exc:
            log.warning("skipping <e> %s: %s", <e>_id, exc)
            failed.append(<e>_id)
    if not dry_run:
        session.commit()
    return booked, failed''',
    '''class <E>Service:
    def __init__(self, session: Session, *, currency: str = "EUR") -> None:
        self.session = session
        self.currency = currency

    def create(self, amount: Decimal, currency: str, **fields: str) -> <E>:
        <e> = <E>(id=0, amount=amount, currency=currency, **fields)
        validate_<e>(<e>)
        self.session.add(<e>)
        self.session.flush()
        return <e>

    def cancel(self, <e>_id: int) -> <E>:
        <e> = get_<e>(self.session, <e>_id)
        return transition_<e>(self.session, <e>, "cancelled")

    def balance(self) -> Decimal:
        return total_<e>s(list_<e>s(self.session, status="<s1>", limit=10_000), self.currency)''',
    '''def stale_<e>s(session: Session, *, older_than_days: int = <n>) -> list[<E>]:
    cutoff = datetime.now(timezone.utc).timestamp() - older_than_days * 86_400
    return [r for r in list_<e>s(session, status="<s0>", limit=5000) if r.created_at.timestamp() < cutoff]''',
)  # fmt: skip
CB_ROUTE = """@router.<verb>("/<e>s<path>")
def <name>(<args>session: Session = Depends(get_session), user: User = Depends(current_user)) -> dict:
    require_scope(user, "<e>s:<scope>")
    <body>"""
CB_ROUTES = (("get", "/{<e>_id}", "read_<e>", "<e>_id: int, ", "read", "return to_dict(get_<e>(session, <e>_id))"),
             ("get", "", "list_all", "<f>: str | None = None, limit: int = 50, ", "read",
              "return {\"items\": [to_dict(r) for r in list_<e>s(session, <f>=<f>, limit=limit)]}"),
             ("post", "", "create_<e>", "body: <E>In, ", "write",
              "<e> = <E>Service(session).create(body.amount, body.currency, <f>=body.<f>)\n    session.commit()\n    return to_dict(<e>)"),
             ("post", "/{<e>_id}/cancel", "cancel_<e>", "<e>_id: int, ", "write",
              "<e> = <E>Service(session).cancel(<e>_id)\n    session.commit()\n    return to_dict(<e>)"),
             ("post", "/batch", "book_batch", "body: BatchIn, ", "admin",
              "booked, failed = process_batch(session, body.ids, dry_run=body.dry_run)\n    return {\"booked\": booked, \"failed\": failed}"))  # fmt: skip
CB_TESTS = ('''def test_validate_<e>_rejects_<what>(make_<e>):
    <e> = make_<e>(amount=Decimal("<amt>"), currency="<cur>")
    with pytest.raises(ValidationError):
        validate_<e>(<e>)''',
            '''def test_total_<e>s_converts(make_<e>, fixed_rates):
    rows = [make_<e>(amount=Decimal("10.00"), currency="EUR"), make_<e>(amount=Decimal("43.10"), currency="PLN")]
    assert total_<e>s(rows, "EUR") == Decimal("<amt>")''',
            '''def test_transition_<e>_<s0>_to_<s1>(session, make_<e>):
    <e> = make_<e>(status="<s0>")
    transition_<e>(session, <e>, "<s1>")
    assert <e>.status == "<s1>"''',
            '''def test_cannot_skip_states(session, make_<e>):
    <e> = make_<e>(status="<s0>")
    with pytest.raises(ConflictError):
        transition_<e>(session, <e>, "cancelled_twice")''',
            '''def test_from_csv_row_parses_comma_decimals():
    row = {"id": "<n>", "amount": "1.234,50", "currency": "pln", "<f>": "X-<n>"}
    assert from_csv_row(row).amount == Decimal("1234.50")''',
            '''def test_due_date_skips_weekend():
    assert due_date(date(2026, 3, 6), days=1) == date(2026, 3, 9)''')  # fmt: skip
CB_CORE = {
    "ledgerline/core/errors.py": '''"""Errors the API maps to HTTP status codes."""


class LedgerlineError(Exception):
    status = 500


class NotFoundError(LedgerlineError):
    status = 404


class ValidationError(LedgerlineError):
    status = 422


class ConflictError(LedgerlineError):
    status = 409
''',
    "ledgerline/core/money.py": '''"""Currencies and conversion (rates from the ECB feed, cached for an hour)."""

from __future__ import annotations

import time
from decimal import ROUND_HALF_EVEN, Decimal

SUPPORTED_CURRENCIES = frozenset({"EUR", "PLN", "CZK", "HUF", "GBP", "USD", "SEK"})
_CACHE: dict[str, tuple[float, Decimal]] = {}
TTL = 3600


def rate(src: str, dst: str) -> Decimal:
    if src == dst:
        return Decimal(1)
    key = f"{src}{dst}"
    hit = _CACHE.get(key)
    if hit and time.time() - hit[0] < TTL:
        return hit[1]
    value = _fetch(src, dst)
    _CACHE[key] = (time.time(), value)
    return value


def convert(amount: Decimal, src: str, dst: str) -> Decimal:
    return (amount * rate(src, dst)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)


def _fetch(src: str, dst: str) -> Decimal:
    from ledgerline.integrations.ecb import latest

    table = latest()
    return table[dst] / table[src]
''',
    "ledgerline/core/db.py": '''"""Database session factory."""

from __future__ import annotations

import os
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

ENGINE = create_engine(os.environ.get("DATABASE_URL", "postgresql+psycopg://localhost/ledgerline"), pool_pre_ping=True)
SessionLocal = sessionmaker(bind=ENGINE, expire_on_commit=False)


def get_session() -> Iterator[Session]:
    session = SessionLocal()
    try:
        yield session
    finally:
        session.close()
''',
}
CB_AREAS = {"invoice": ("billing", "issuing and booking invoices"), "payment": ("payments", "incoming payments and matching"),
            "refund": ("payments", "refunds to cards and accounts"), "payout": ("payouts", "merchant payouts via SEPA and Elixir"),
            "mandate": ("payments", "direct-debit mandates"), "statement": ("reporting", "monthly merchant statements"),
            "settlement": ("payouts", "daily settlement batches"), "webhook": ("integrations", "outgoing webhook deliveries"),
            "customer": ("accounts", "merchant customers"), "transfer": ("ledger", "internal transfers between ledger accounts")}  # fmt: skip
CB_STATES = (("draft", "booked"), ("pending", "settled"), ("created", "sent"), ("open", "closed"))
CB_TOUCH = ('    log.debug("%s: start", __name__)', "    # TODO(LL-<n>): revisit after the Elixir cut-off change",
            '    if getattr(session, "read_only", False):\n        raise ConflictError("read-only session")', "    started = datetime.now(timezone.utc)")  # fmt: skip
CB_ASK = ("@workspace where do we convert currencies before totalling <e>s?", "@workspace why would get_<e> raise NotFoundError right after create()?",
          "@workspace how does the <e> status flow work, which transitions are allowed?", "@workspace is there anywhere we don't quantize amounts?",
          "@workspace add a `<f>` filter to the list endpoint for <e>s and update the route", "@workspace write pytest tests for process_batch in the <e> module",
          "@workspace what would break if <E>.<f> became required?", "@workspace find every caller of total_<e>s",
          "@workspace how are permissions checked on the <e> routes?", "@workspace explain how rates are cached and what happens when the ECB feed is down",
          "@workspace the batch endpoint times out for 20k ids, where is the bottleneck?", "@workspace is process_batch safe to retry?")  # fmt: skip
CB_FILE_ASK = ("Explain this file.", "/edit add type hints where they are missing and keep behaviour the same", "/edit make process_batch commit every 500 rows",
               "Why does from_csv_row fail on '1 234,50'?", "/tests generate tests for the functions in this file", "Is there a race condition in transition_<e>?",
               "/edit replace the manual due-date loop with numpy busday_offset", "What does idempotency_key protect against here?")  # fmt: skip
CB_FOLLOW = ("can you show the whole function?", "and the test for it?", "that import doesn't exist in our repo", "what about the route?",
             "ok now do the same for <e>s in the other module", "why not use a dataclass field default there?", "thanks", "shorter please")  # fmt: skip
CB_GENERAL_FOLLOW = ("in typescript?", "can you add comments?", "what's the complexity?", "thanks")
CB_DIFF_ASK = "Review my changes before I push. Point out bugs, missing tests and anything that breaks the API.\n\n```diff\n{diff}\n```\n\nChanged file after the edit:\n\n```python\n{code}\n```"
CB_COMMIT = "Write a conventional commit message (subject under 72 characters, then a short body) for this diff:\n\n```diff\n{diff}\n```"


def _cb_slots(e: str) -> dict[str, str]:
    rng = R("ledgerline", e)
    f, g = rng.sample(CB_FIELDS, 2)
    s0, s1 = rng.choice(CB_STATES)
    area, purpose = CB_AREAS[e]
    return {"e": e, "E": "".join(w.title() for w in e.split("_")), "f": f, "g": g, "s0": s0, "s1": s1, "n": str(rng.choice((30, 50, 100, 140))),
            "area": area, "purpose": purpose, "amt": rng.choice(("0", "-1.00", "19.87")), "cur": rng.choice(("XYZ", "EUR")), "what": rng.choice(("zero", "negative", "unknown_currency"))}  # fmt: skip


def _cb_repo() -> dict[str, list[str]]:
    """The repository as path -> blocks (a file is its blocks joined by two blank lines)."""
    repo = {path: [code] for path, code in CB_CORE.items()}
    for e in CB_ENTITIES:
        s = _cb_slots(e)
        states = f'TRANSITIONS = {{"{s["s0"]}": ("{s["s1"]}", "cancelled"), "{s["s1"]}": ("cancelled",)}}'
        rng = R("ledgerline-files", e)
        funcs = [sub(f, s) for f in CB_FUNCS if rng.random() < 0.85]
        repo[f"ledgerline/{s['area']}/{e}s.py"] = [sub(CB_HEAD, {**s, "STATES": states}), *funcs]
        routes = ["from fastapi import APIRouter, Depends\n\nfrom ledgerline.api.auth import User, current_user, require_scope\n"
                  f"from ledgerline.core.db import Session, get_session\nfrom ledgerline.{s['area']}.{e}s import *  # noqa: F403\n\n"
                  f'router = APIRouter(tags=["{e}s"])']  # fmt: skip
        for verb, path, name, args, scope, body in CB_ROUTES:
            routes.append(sub(CB_ROUTE, {**s, "verb": verb, "path": sub(path, s), "name": sub(name, s), "args": sub(args, s),
                                         "scope": scope, "body": sub(body, s)}))  # fmt: skip
        repo[f"ledgerline/api/routes_{e}s.py"] = routes
        head = f"from datetime import date\nfrom decimal import Decimal\n\nimport pytest\n\nfrom ledgerline.core.errors import ConflictError, ValidationError\nfrom ledgerline.{s['area']}.{e}s import *  # noqa: F403"
        repo[f"tests/test_{e}s.py"] = [head, *(sub(x, s) for x in CB_TESTS if rng.random() < 0.8)]
    return repo


def _cb_text(blocks: list[str]) -> str:
    return "\n\n\n".join(blocks) + "\n"


def _cb_touch(rng: random.Random, repo: dict[str, list[str]], path: str) -> None:
    """An edit to one function of `path`: a line added after its signature."""
    blocks = repo[path]
    i = rng.randrange(1, len(blocks)) if len(blocks) > 1 else 0
    lines = blocks[i].split("\n")
    cut = next(
        (
            k + 1
            for k, ln in enumerate(lines)
            if ln.rstrip().endswith(":") and ln.startswith(("def", "class", "    def"))
        ),
        1,
    )
    lines.insert(cut, sub(rng.choice(CB_TOUCH), {"n": str(rng.randint(100, 999))}))
    blocks[i] = "\n".join(lines)


def _cb_files(repo: dict[str, list[str]], paths: list[str]) -> str:
    return "\n\n".join(f"### {p}\n```python\n{_cb_text(repo[p])}```" for p in paths)


def _cb_retrieve(rng: random.Random, repo: dict[str, list[str]], e: str) -> list[str]:
    """What the extension's retriever attaches for a question about entity e: 3-6 whole files."""
    area = CB_AREAS[e][0]
    paths = [f"ledgerline/{area}/{e}s.py", f"ledgerline/api/routes_{e}s.py"]
    rest = [p for p in repo if p not in paths]
    return paths + rng.sample(rest, rng.randint(1, 4))


def _cb_diff(rng: random.Random, repo: dict[str, list[str]], path: str) -> tuple[str, str]:
    """A developer's local edit of one file: (git diff, the file after it)."""
    mine = {path: list(repo[path])}
    for _ in range(rng.randint(1, 3)):
        _cb_touch(rng, mine, path)
    old, new = _cb_text(repo[path]), _cb_text(mine[path])
    body = difflib.unified_diff(old.splitlines(), new.splitlines(), f"a/{path}", f"b/{path}", lineterm="")
    return f"diff --git a/{path} b/{path}\n" + "\n".join(body), new


def _cb_session(rng: random.Random, t: float, repo: dict[str, list[str]], dev: str, general: list[Row], asks: list[Row]) -> list[Request]:  # fmt: skip
    e = rng.choice(CB_ENTITIES)
    s = _cb_slots(e)
    p = {"temperature": 0.2, "max_tokens": 4096, "stream": True, "user": dev}
    u = rng.random()
    if u < 0.4:
        first = f"{_cb_files(repo, _cb_retrieve(rng, repo, e))}\n\n{sub(rng.choice(CB_ASK), s)}"
    elif u < 0.65:
        path = rng.choice(
            (f"ledgerline/{s['area']}/{e}s.py", f"ledgerline/{s['area']}/{e}s.py", f"tests/test_{e}s.py")
        )
        first = f"Current file: {path}\n\n```python\n{_cb_text(repo[path])}```\n\n{sub(rng.choice(CB_FILE_ASK), s)}"
    elif u < 0.8:
        diff, code = _cb_diff(rng, repo, f"ledgerline/{s['area']}/{e}s.py")
        out = convo(rng, t, [CB_DIFF_ASK.format(diff=diff, code=code)], [], p, CB_SYSTEM)
        msg = one(CB_COMMIT.format(diff=diff), {**p, "max_tokens": 300}, CB_SYSTEM)
        return [*out, at(msg, out[-1].ts + rng.uniform(1, 10) * MINUTE)]
    elif general and rng.random() < 0.5:
        r = general.pop()
        n = min(3, len(r.turns))
        return convo(rng, t, list(r.turns[:n]), list(r.replies[:n]), p, CB_SYSTEM, r.id)
    elif asks:
        r = asks.pop()
        return convo(
            rng, t, [r.first, *rng.sample(CB_GENERAL_FOLLOW, rng.choice((0, 1)))], [], p, CB_SYSTEM, r.id
        )
    else:
        first = sub(rng.choice(CB_ASK), s).replace("@workspace ", "")
    turns = [first, *(sub(x, s) for x in rng.sample(CB_FOLLOW, rng.choice((0, 0, 1, 1, 2, 3))))]
    return convo(rng, t, turns, [], p, CB_SYSTEM)


def codebase_assistant() -> list[KeyTraffic]:
    rng = R("ledgerline")
    repo = _cb_repo()
    general = [
        r
        for r in items(share("arena_even", 4, 0), 4, 3000, answered=False)
        if is_code(r.first) or "code" in r.first.lower()
    ]
    asks = share("codealpaca_2k", 4, 0)
    rng.shuffle(general)
    rng.shuffle(asks)
    out: list[Request] = []
    for day in range(CB_DAYS):
        if day:
            for path in rng.sample(sorted(repo), rng.randint(4, 8)):
                _cb_touch(rng, repo, path)
        for dev in CB_DEVS:
            for t in shaped(rng, utc(day, 0.0, CB_TZ), utc(day + 1, 0.0, CB_TZ), CB_SESSIONS, CB_LATE, CB_TZ):
                out += _cb_session(rng, t, repo, dev, general, asks)
    cl = corp("OpenAI/JS 4.86.1", "openai-js", account(rng, org=True))
    kt = mk("b25-ledgerline-ide", "codebase_assistant", "benign", "app", cl, actor="b25-ledgerline",
            timing="simulated: nine developers' sessions on an office curve with an evening tail (UTC+1, weekdays), turns at a reader's pace",
            sources=("arena_even", "codealpaca_2k"), settings={"days": CB_DAYS, "devs": len(CB_DEVS), "sessions": CB_SESSIONS, "files": len(repo)})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 3. A FINANCIAL ANALYST TOOL OVER LONG FILINGS ("Northbeam Research", a buy-side research
# firm in New York, UTC-5; its internal filings tool on httpx, one key of the firm). The week of an
# earnings season: 8-12 companies of the firm's coverage (software, retail, semiconductors,
# industrials) file their quarterly reports each day, most after the close (16:05-17:30) and some
# before the open (06:30-08:00). Each filing (a Form 10-Q of 18,000-23,000 characters composed here:
# statements with the company's own numbers, notes, MD&A, risk factors) runs through the tool's ten
# fixed extraction prompts within minutes (three workers, T 0, JSON where asked) and, where the
# tool holds last quarter's filing, a comparison of both quarters' MD&A and risk factors. Covering
# analysts (12) then open a thread on each filing that evening or the next morning (the filing in the
# first message, 2-6 questions at a reader's pace), and ask the tool's general assistant things on
# an office curve (real Arena conversations, bucket 1 of 4, with their stored replies). Replies:
# stored for the Arena chats, otherwise stubs.
FN_TZ = -5.0
FN_DAYS = 5
FN_UA = "northbeam-filings/3.2.0 python-httpx/0.27.2"
FN_SECTORS = {
    "software": (("Annual recurring revenue", "Net revenue retention", "Customers with ARR over $100,000", "Remaining performance obligations"),
                 ("Subscription", "Professional services"), 0.74),
    "retail": (("Comparable sales growth", "Store count", "Average ticket", "Inventory per store"), ("Stores", "Digital", "Wholesale"), 0.38),
    "semis": (("Design wins", "Days of inventory", "Data center revenue share", "Book-to-bill ratio"), ("Data center", "Automotive", "Industrial", "Consumer"), 0.55),
    "industrial": (("Backlog", "Book-to-bill ratio", "Aftermarket share of revenue", "On-time delivery"), ("Equipment", "Aftermarket services", "Controls"), 0.33),
}  # fmt: skip
FN_ROOTS = ("Arcwell", "Bluefin", "Cindral", "Dovecote", "Evenstar", "Fulcrum", "Gantry", "Helix", "Ironwood", "Juno", "Keystone", "Larkspur",
            "Meridian", "Northwind", "Obsidian", "Pinecrest", "Quarry", "Redline", "Solace", "Tidewater", "Umbra", "Vantage", "Westbrook",
            "Yarrow", "Zephyr", "Altamont", "Brisk", "Coppervale", "Driftwood", "Emberly")  # fmt: skip
FN_SUFFIX = {"software": ("Systems", "Cloud", "Software"), "retail": ("Brands", "Stores", "Outfitters"), "semis": ("Semiconductor", "Microdevices", "Silicon"),
             "industrial": ("Industries", "Dynamics", "Machinery")}  # fmt: skip
FN_LINES = ("Revenue", "Cost of revenue", "Gross profit", "Research and development", "Sales and marketing", "General and administrative",
            "Restructuring and other charges", "Operating income (loss)", "Interest expense, net", "Other income (expense), net",
            "Income (loss) before income taxes", "Provision for (benefit from) income taxes", "Net income (loss)")  # fmt: skip
FN_RISKS = (("Macroeconomic conditions", "Adverse macroeconomic conditions, including inflation, higher interest rates and slower growth in our key markets, could reduce demand for our products, lengthen sales cycles and increase the cost of our capital. In the quarter, <obs>."),
            ("Customer concentration", "A limited number of customers account for a significant portion of our revenue. Our largest customer accounted for approximately <pct>% of revenue in the quarter, and the loss of, or a significant reduction in orders from, any major customer could materially harm our results."),
            ("Supply chain", "We depend on third-party suppliers, some of which are sole sources, for components and services. Disruptions, capacity constraints or price increases at our suppliers could delay shipments and reduce our margins."),
            ("Cybersecurity", "Cyber attacks, ransomware and other security incidents affecting our systems or those of our vendors could disrupt our operations, expose confidential information and result in litigation, regulatory penalties and reputational harm."),
            ("Indebtedness", "As of the end of the quarter we had $<debt> million of indebtedness outstanding. Our debt agreements contain covenants that restrict our operations, and a failure to comply could result in an event of default and acceleration of the debt."),
            ("Foreign currency", "Approximately <pct>% of our revenue is denominated in currencies other than the U.S. dollar. Fluctuations in exchange rates, in particular of the euro and the Japanese yen, could adversely affect our reported results."),
            ("Key personnel", "Our success depends on our ability to attract and retain senior management and skilled employees. Competition for talent is intense, and the loss of key personnel could disrupt our business."),
            ("Regulation", "We are subject to complex and changing laws and regulations, including export controls, data privacy and tax laws. Changes in these laws, or our failure to comply with them, could increase our costs and limit our ability to sell our products."),
            ("Tax", "Changes in tax laws, including the implementation of the global minimum tax, and the outcome of tax audits could adversely affect our effective tax rate and cash flows."),
            ("Acquisitions", "We have acquired and may continue to acquire businesses. Integrating acquisitions is difficult, may divert management attention and may not deliver the expected synergies, and we may record impairments of goodwill."),
            ("Litigation", "We are party to legal proceedings, including the matter described in Part II, Item 1. An unfavourable outcome could require us to pay damages or change our business practices."),
            ("Artificial intelligence", "We are incorporating artificial intelligence into our products and operations. AI technologies present risks, including inaccurate outputs, regulatory scrutiny and reputational harm, that could adversely affect our business."),
            ("Stock price volatility", "The market price of our common stock has been and may continue to be volatile, and may decline regardless of our operating performance."),
            ("Competition", "The markets in which we compete are highly competitive. Competitors with greater resources may introduce products at lower prices, which could reduce our market share and margins."),
            ("Seasonality", "Our results fluctuate from quarter to quarter because of seasonal patterns in customer purchasing, and results for any quarter are not necessarily indicative of the full year."),
            ("Climate", "Climate change, extreme weather and related regulation could disrupt our facilities and supply chain and increase our compliance costs."))  # fmt: skip
FN_SECTOR_RISK = {"software": ("Renewals", "Our customers have no obligation to renew their subscriptions after the expiration of their terms, and our net revenue retention may decline if customers reduce seats or purchase fewer modules."),
                  "retail": ("Consumer demand", "Our business depends on discretionary consumer spending, which may decline because of inflation, higher interest rates and changes in consumer confidence; we may be left with excess inventory that we must sell at a discount."),
                  "semis": ("Export controls", "Export controls on advanced semiconductors and manufacturing equipment to certain countries have restricted and may further restrict our ability to sell products to customers in those countries."),
                  "industrial": ("Fixed-price contracts", "A significant portion of our revenue comes from fixed-price contracts. Cost overruns caused by inflation in materials and labour could reduce our margins or result in losses on those contracts.")}  # fmt: skip
FN_RISK_MORE = ("Any of these factors could cause our actual results to differ materially from those expressed in forward-looking statements in this report.",
                "We cannot predict the timing, duration or severity of these conditions, and our mitigation efforts may not be successful.",
                "Even if we respond effectively, we may incur significant costs, and our management's attention may be diverted from the operation of our business.",
                "These risks may be heightened in periods of economic uncertainty, and their effects may not be fully reflected in our results for some time.",
                "Our insurance may not cover, or may not fully cover, losses arising from these events.",
                "If any of these risks materialise, the trading price of our common stock could decline, and investors could lose part or all of their investment.",
                "We have in the past experienced, and may in the future experience, adverse effects of this kind, although none has been material to date.",
                "Our competitors may be better positioned to withstand these conditions because of their greater scale, financial resources or geographic diversity.",
                "In addition, regulators and other stakeholders have increased their focus on these matters, which may increase our compliance obligations and costs.",
                "Our ability to pass increased costs on to customers is limited by competitive pressures and the terms of our existing contracts, some of which are multi-year.",
                "We continue to monitor these developments closely and to evaluate their potential effect on our business, results of operations and financial condition.",
                "Failure to manage these risks effectively could also damage our reputation and our relationships with customers, suppliers and employees.")  # fmt: skip
FN_TAIL = ("Item 3. Quantitative and Qualitative Disclosures About Market Risk\nWe are exposed to market risks in the ordinary course of business, "
           "principally interest rate risk and foreign currency risk. Our cash equivalents and short-term investments consist primarily of money "
           "market funds, U.S. Treasury securities and high-grade corporate bonds; a hypothetical 100 basis point change in interest rates would not "
           "have had a material effect on their fair value. Our senior notes bear interest at a fixed rate, so changes in market rates affect their "
           "fair value but not our interest expense. A hypothetical 10% change in foreign exchange rates would have changed revenue for the quarter by "
           "approximately 2% to 4%. We use foreign currency forward contracts, designated as cash flow hedges, to reduce the volatility of forecasted "
           "operating expenses denominated in euro, pound sterling and Indian rupee; we do not enter into derivatives for speculative purposes.",
           "PART II. OTHER INFORMATION\n\nItem 1. Legal Proceedings\nIn the third quarter of 2025 a putative class action was filed in the United States "
           "District Court for the Northern District of California against the Company and certain of its officers alleging violations of the "
           "Securities Exchange Act of 1934 in connection with statements about demand. The Company believes the claims are without merit and intends "
           "to defend itself vigorously. The Company is unable to estimate a range of reasonably possible loss, if any. Information about other legal "
           "proceedings is included in Note 4 to the condensed consolidated financial statements.",
           "Item 2. Unregistered Sales of Equity Securities and Use of Proceeds\nIssuer purchases of equity securities during the quarter were made under "
           "the repurchase program authorised by our board of directors, which has no expiration date and may be suspended at any time. Repurchases may "
           "be made in open-market transactions, through privately negotiated transactions or under Rule 10b5-1 plans.",
           "Item 5. Other Information\nDuring the quarter, none of our directors or officers adopted or terminated a Rule 10b5-1 trading arrangement or "
           "a non-Rule 10b5-1 trading arrangement, except as previously disclosed.",
           "Item 6. Exhibits\n31.1 Certification of Principal Executive Officer pursuant to Rule 13a-14(a)\n31.2 Certification of Principal Financial "
           "Officer pursuant to Rule 13a-14(a)\n32.1 Certifications pursuant to 18 U.S.C. Section 1350\n101.INS Inline XBRL Instance Document\n"
           "101.SCH Inline XBRL Taxonomy Extension Schema Document\n104 Cover Page Interactive Data File")  # fmt: skip
FN_NOTES_MORE = ("Note 5. Revenue recognition\nWe recognise revenue when control of promised goods or services transfers to customers, in an amount that "
                 "reflects the consideration we expect to be entitled to. Contracts with multiple performance obligations are allocated on a relative "
                 "standalone selling price basis. Contract liabilities consist of billings in advance of performance and are recognised as revenue as the "
                 "obligations are satisfied; revenue recognised in the quarter that was included in contract liabilities at the beginning of the period "
                 "was approximately {cl} thousand.",
                 "Note 6. Stock-based compensation\nStock-based compensation expense was recorded in cost of revenue, research and development, sales and "
                 "marketing and general and administrative expense. As of the end of the quarter, unrecognised compensation cost related to unvested "
                 "restricted stock units was approximately {sbc} thousand, expected to be recognised over a weighted-average period of 2.4 years.",
                 "Note 7. Income taxes\nOur effective tax rate differs from the U.S. federal statutory rate of 21% primarily because of state taxes, "
                 "foreign earnings taxed at different rates, research credits and excess tax benefits from stock-based compensation. We continue to "
                 "maintain a valuation allowance against certain deferred tax assets.",
                 "Note 8. Leases\nWe lease office space, warehouses and equipment under operating leases with remaining terms of one to twelve years. "
                 "Operating lease cost for the quarter was {lease} thousand. The weighted-average discount rate was 5.1%.",
                 "Note 9. Segment information\nOur chief operating decision maker is our Chief Executive Officer, who reviews segment revenue and segment "
                 "gross profit to allocate resources. Assets are not reviewed by segment. The accounting policies of the segments are the same as those "
                 "described in Note 1.")  # fmt: skip
FN_OBS = ("we observed longer approval cycles for larger orders", "order patterns remained consistent with our expectations", "several customers delayed purchases into the second half",
          "demand in Europe softened while North America remained stable")  # fmt: skip
FN_TONE = {"up": ("We delivered another quarter of strong execution.", "Demand remained robust across our largest markets.", "We are raising our outlook for the full year."),
           "flat": ("Results were in line with the expectations we set last quarter.", "We continued to invest while managing costs carefully.", "We are maintaining our outlook for the full year."),
           "down": ("Results were below our expectations.", "We saw softer demand and longer sales cycles than anticipated.", "We are lowering our outlook to reflect current conditions and have taken actions to reduce costs.")}  # fmt: skip
FN_SYSTEM = ("You are Northbeam's filings analyst. Work only from the filing text provided; quote numbers exactly as written "
             "(in thousands unless stated), show calculations, and say when the filing does not contain something.")  # fmt: skip
FN_PIPE = ("Extract the condensed consolidated statement of operations for both periods as JSON: {\"line\": [current, prior]}, in thousands. Use negative numbers for losses.",
           "Extract revenue by segment for both periods as JSON and compute the year-over-year growth of each segment.",
           "Quote every forward-looking statement about revenue, margins, capital expenditure or restructuring verbatim, with the section it appears in.",
           "Extract the key operating metrics management reports for both periods as JSON, with units.",
           "Summarise liquidity as JSON: cash and investments, each debt instrument with rate and maturity, undrawn facilities, cash from operations, share repurchases.",
           "List non-recurring items (restructuring, impairments, litigation, gains or losses on sale) with amounts and the line they are recorded in.",
           "List every risk factor heading and classify it as operational, financial, regulatory, market or other. Return a JSON list.",
           "Rate the tone of MD&A from -2 (very negative) to 2 (very positive) and quote the three sentences that best justify the rating.",
           "Check for red flags: going-concern language, restatements, material weaknesses, auditor changes, related-party transactions, covenant waivers. Return JSON {flag: quote or null}.",
           "Write a 120-word morning-note paragraph on this quarter for portfolio managers: what beat, what missed, what changed.")  # fmt: skip
FN_COMPARE = ("Compare the MD&A and risk factors of the two quarterly reports below. What changed in the outlook, in the drivers "
              "management cites, and in the risk factors (added, removed, reworded)? Be specific and quote.\n\n=== PRIOR QUARTER ===\n{a}\n\n=== CURRENT QUARTER ===\n{b}")  # fmt: skip
FN_QS = ("Why did gross margin move this quarter?", "What drove the change in operating expenses?", "How much of revenue growth came from <seg>?",
         "Is there anything about customer concentration I should worry about?", "Reconcile operating cash flow with net income.",
         "What does management say about the second half?", "Give me a quick bull and bear list from this filing.", "What's the net debt and when does it mature?",
         "Did they change any risk factor wording versus what you'd expect for a <sector> company?", "Walk me through the restructuring charge.",
         "What is <kpi> this quarter and how did it trend?", "Anything unusual in other income?")  # fmt: skip
FN_FOLLOW = ("As a percentage of revenue?", "Quote the sentence.", "How does that compare with the prior year?", "ok, put it in a table",
             "Is that GAAP or adjusted?", "thanks - shorter version for the PM?")  # fmt: skip
FN_GENERAL = "You are Northbeam's research assistant. Be precise and brief."
FN_ANALYSTS = 12


def _fn_money(x: float) -> str:
    v = round(x)
    return f"({abs(v):,})" if v < 0 else f"{v:,}"


def _fn_company(rng: random.Random, i: int) -> dict:
    sector = rng.choice(sorted(FN_SECTORS))
    name = f"{FN_ROOTS[i % len(FN_ROOTS)]} {rng.choice(FN_SUFFIX[sector])}{' II' if i >= len(FN_ROOTS) else ''}, Inc."
    ticker = (name[:3] + name.split()[1][:1]).upper()
    return {"name": name, "ticker": ticker, "sector": sector, "rev": rng.uniform(60_000, 2_400_000), "g": rng.uniform(-0.12, 0.35),
            "debt": rng.choice((0, 250, 500, 750, 1250, 2000)), "risks": rng.sample(range(len(FN_RISKS)), rng.randint(9, 14))}  # fmt: skip


def _fn_statement(rng: random.Random, co: dict, rev: float) -> list[tuple[str, float, float]]:
    prior = rev / (1 + co["g"])
    margin = FN_SECTORS[co["sector"]][2] + rng.uniform(-0.04, 0.04)
    rows = []
    for r in (rev, prior):
        cogs = r * (1 - margin + rng.uniform(-0.01, 0.01))
        opex = [
            r * rng.uniform(0.08, 0.2),
            r * rng.uniform(0.1, 0.25),
            r * rng.uniform(0.05, 0.1),
            r * rng.choice((0, 0, 0.01, 0.03)),
        ]
        op = r - cogs - sum(opex)
        interest, other = -co["debt"] * 1000 * 0.065 / 4, r * rng.uniform(-0.005, 0.01)
        pre = op + interest + other
        tax = pre * 0.21 if pre > 0 else pre * 0.05
        rows.append((r, cogs, r - cogs, *opex, op, interest, other, pre, tax, pre - tax))
    return [(name, a, b) for name, a, b in zip(FN_LINES, rows[0], rows[1], strict=True)]


def _fn_table(title: str, lines: list[tuple[str, float, float]], periods: tuple[str, str]) -> str:
    head = (
        f"{title}\n(unaudited; in thousands, except per share data)\n{'':<48}{periods[0]:>16}{periods[1]:>16}"
    )
    return head + "\n" + "\n".join(f"{n:<48}{_fn_money(a):>16}{_fn_money(b):>16}" for n, a, b in lines)


def _fn_filing(rng: random.Random, co: dict, quarter: int) -> str:
    """A quarterly report of `co`; quarter 0 is the one filed this week, -1 the one before."""
    rev = co["rev"] * (1 + co["g"] / 4) ** quarter
    periods = (("March 31, 2026", "March 31, 2025"), ("December 31, 2025", "December 31, 2024"))[-quarter]
    lines = _fn_statement(rng, co, rev)
    kpis, segs, _ = FN_SECTORS[co["sector"]]
    shares = rng.uniform(40, 400) * 1000
    seg_w = [rng.uniform(0.5, 3) for _ in segs]
    seg = [
        (s, rev * w / sum(seg_w), rev * w / sum(seg_w) / (1 + co["g"] + rng.uniform(-0.08, 0.08)))
        for s, w in zip(segs, seg_w, strict=True)
    ]
    mood = "up" if co["g"] > 0.12 else "down" if co["g"] < 0 else "flat"
    cover = (f"UNITED STATES SECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\nFORM 10-Q\n\nQUARTERLY REPORT PURSUANT TO "
             f"SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\nFor the quarterly period ended {periods[0]}\n\n{co['name'].upper()}\n"
             f"(Exact name of registrant as specified in its charter)\nDelaware\nCommon Stock, $0.001 par value: {co['ticker']} (Nasdaq Global Select Market)\n"
             f"As of the filing date, the registrant had {shares * 1000:,.0f} shares of common stock outstanding.")  # fmt: skip
    ops = _fn_table(
        "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
        lines,
        ("Three months " + periods[0][-4:], periods[1][-4:]),
    )
    eps = lines[-1][1] / shares, lines[-1][2] / shares
    ops += f"\nNet income (loss) per share, basic and diluted{'':<3}{eps[0]:>16.2f}{eps[1]:>16.2f}\nWeighted-average shares{'':<25}{shares:>16,.0f}{shares * 1.01:>16,.0f}"
    cash = rev * rng.uniform(0.3, 1.5)
    bs = _fn_table("CONDENSED CONSOLIDATED BALANCE SHEETS", [("Cash and cash equivalents", cash, cash * rng.uniform(0.8, 1.2)),
                   ("Accounts receivable, net", rev * 0.6, rev * 0.55), ("Inventories", rev * (0.4 if co["sector"] != "software" else 0), rev * 0.38),
                   ("Total assets", rev * 4.2, rev * 4.0), ("Long-term debt", co["debt"] * 1000, co["debt"] * 1000),
                   ("Total liabilities", rev * 2.1, rev * 2.0), ("Total stockholders' equity", rev * 2.1, rev * 2.0)], (periods[0][-4:], "Prior year-end"))  # fmt: skip
    segt = _fn_table("Note 2. Revenue by segment", seg, ("Three months " + periods[0][-4:], periods[1][-4:]))
    mdna = _fn_mdna(rng, co, lines, seg, kpis, mood, periods)
    risks = _fn_risks(rng, co)
    notes = _fn_notes(rng, co)
    controls = ("Item 4. Controls and Procedures\nOur management, with the participation of our principal executive officer and principal financial officer, "
                "evaluated the effectiveness of our disclosure controls and procedures as of the end of the period covered by this report and concluded that they were effective. "
                "There were no changes in our internal control over financial reporting during the quarter that materially affected, or are reasonably likely to materially affect, it.")  # fmt: skip
    cf = _fn_table("CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS", [("Net cash provided by operating activities", rev * 0.18, rev * 0.15),
                   ("Purchases of property and equipment", -rev * 0.05, -rev * 0.04), ("Net cash used in investing activities", -rev * 0.09, -rev * 0.07),
                   ("Repurchases of common stock", -rev * rng.choice((0, 0.03, 0.08)), 0.0), ("Net cash used in financing activities", -rev * 0.05, -rev * 0.02)],
                   ("Three months " + periods[0][-4:], periods[1][-4:]))  # fmt: skip
    tail = list(FN_TAIL)
    return "\n\n".join((cover, "PART I. FINANCIAL INFORMATION\n\nItem 1. Financial Statements", ops, bs, cf, notes, segt, mdna, tail[0], controls,
                        tail[1], "Item 1A. Risk Factors\nThe following risk factors supplement those in our Annual Report.", risks, *tail[2:]))  # fmt: skip


def _fn_risks(rng: random.Random, co: dict) -> str:
    slots = {"pct": str(rng.randint(8, 35)), "debt": f"{co['debt']:,}", "obs": rng.choice(FN_OBS)}
    chosen = [FN_RISKS[i] for i in co["risks"]] + [FN_SECTOR_RISK[co["sector"]]]
    return "\n\n".join(
        f"{h}\n{sub(x, slots)} " + " ".join(rng.sample(FN_RISK_MORE, rng.randint(2, 5))) for h, x in chosen
    )


def _fn_notes(rng: random.Random, co: dict) -> str:
    debt = "We had no borrowings outstanding under our revolving credit facility."
    if co["debt"]:
        debt = (f"Long-term debt consists of ${co['debt']:,} million of senior notes bearing interest at 6.5% and maturing in 2030. "
                "We were in compliance with all covenants.")  # fmt: skip
    return ("Note 1. Basis of presentation\nThe accompanying unaudited condensed consolidated financial statements have been prepared in accordance "
            "with U.S. GAAP for interim financial information and should be read with the consolidated financial statements in our Annual Report on "
            "Form 10-K. In management's opinion they include all adjustments, consisting of normal recurring adjustments, necessary for a fair presentation.\n\n"
            f"Note 3. Debt\n{debt}\n\nNote 4. Commitments and contingencies\nFrom time to time we are involved in legal proceedings arising in the "
            "ordinary course of business. We do not believe that the outcome of any pending matter will have a material adverse effect on our financial position.\n\n"
            + "\n\n".join(x.format(cl=f"{co['rev'] * 0.2:,.0f}", sbc=f"{co['rev'] * 0.4:,.0f}", lease=f"{co['rev'] * 0.015:,.0f}")
                          for x in FN_NOTES_MORE if rng.random() < 0.8))  # fmt: skip


def _fn_mdna(
    rng: random.Random, co: dict, lines: list, seg: list, kpis: tuple, mood: str, periods: tuple[str, str]
) -> str:
    text = [f"Item 2. Management's Discussion and Analysis of Financial Condition and Results of Operations\n\nOverview\n{co['name']} "
            f"reported results for the quarter ended {periods[0]}. " + " ".join(FN_TONE[mood])]  # fmt: skip
    text.append(
        "Key metrics\n"
        + "\n".join(f"{k}: {rng.choice(('up', 'down'))} {rng.randint(1, 19)}% year over year" for k in kpis)
    )
    res = ["Results of operations"]
    for name, a, b in lines:
        if b and name not in ("Gross profit", "Income (loss) before income taxes"):
            ch = (
                f"a change of {(a - b) / abs(b) * 100:+.1f}%"
                if a * b > 0
                else "a change that is not meaningful"
            )
            why = rng.choice(("primarily due to higher volumes", "driven by pricing actions", "reflecting headcount growth", "due to the timing of orders",
                              "reflecting lower utilisation", "partly offset by foreign exchange headwinds", "as a result of the restructuring plan announced last year"))  # fmt: skip
            res.append(
                f"{name} was ${_fn_money(a)} thousand compared with ${_fn_money(b)} thousand a year earlier, {ch}, {why}."
            )
    text.append(" ".join(res))
    text.append(
        "Segments\n"
        + " ".join(
            f"{s} revenue was ${_fn_money(a)} thousand ({(a - b) / b * 100:+.1f}%)." for s, a, b in seg
        )
    )
    guide = rng.choice(("We expect revenue for the next quarter of between ${lo} million and ${hi} million.", "For the full year we now expect revenue growth of {g}% to {g2}%.",
                        "We expect capital expenditure of approximately ${lo} million for the full year."))  # fmt: skip
    lo = round(lines[0][1] / 1000 * rng.uniform(0.95, 1.02))
    text.append(
        "Outlook\n"
        + guide.format(
            lo=f"{lo:,}", hi=f"{round(lo * 1.04):,}", g=round(co["g"] * 100) - 2, g2=round(co["g"] * 100) + 1
        )
    )
    text.append("Liquidity and capital resources\nWe believe our existing cash and cash equivalents, together with cash from operations and our undrawn "
                f"$500 million revolving credit facility, will be sufficient for at least the next twelve months. {'We repurchased shares under our authorised program during the quarter.' if rng.random() < 0.5 else 'We did not repurchase shares during the quarter.'}")  # fmt: skip
    return "\n\n".join(text)


def _fn_sections(text: str) -> str:
    """MD&A and risk factors of a filing (what the comparison sends)."""
    return (
        text[text.index("Item 2. Management") : text.index("Item 3. Quantitative")]
        + text[text.index("Item 1A. Risk Factors") : text.index("Item 2. Unregistered")]
    )


def _fn_release(rng: random.Random, co: dict, t: float, analysts: list[str]) -> list[Request]:
    text = _fn_filing(R("filing", co["name"], 0), co, 0)
    head = f"Filing: {co['name']} ({co['ticker']}), Form 10-Q\n\n{text}"
    p = {"temperature": 0, "max_tokens": 1500}
    jobs = [[one(f"{head}\n\n---\n\nTask: {task}", p, FN_SYSTEM)] for task in FN_PIPE]
    if rng.random() < 0.8:
        prior = _fn_filing(R("filing", co["name"], -1), co, -1)
        jobs.append(
            [
                one(
                    FN_COMPARE.format(a=_fn_sections(prior), b=_fn_sections(text)),
                    {**p, "max_tokens": 2000},
                    FN_SYSTEM,
                )
            ]
        )
    pool(rng, t + rng.uniform(60, 300), jobs, 3)
    out = [j[0] for j in jobs]
    kpis, segs, _ = FN_SECTORS[co["sector"]]
    for who in rng.sample(analysts, rng.choice((1, 1, 2))):
        s = (
            utc(math.floor((t - T0) / DAY + 1), rng.uniform(7.0, 11.0), FN_TZ)
            if rng.random() < 0.7
            else t + rng.uniform(0.5, 3) * HOUR
        )
        slots = {"seg": rng.choice(segs), "kpi": rng.choice(kpis), "sector": co["sector"]}
        qs = [sub(q, slots) for q in rng.sample(FN_QS, rng.randint(2, 4))]
        turns = [f"{head}\n\n---\n\n{qs[0]}", *qs[1:], *rng.sample(FN_FOLLOW, rng.choice((0, 1, 2)))]
        out += convo(rng, s, turns, [], {"temperature": 0.2, "max_tokens": 1200, "user": who}, FN_SYSTEM)
    return out


def filings_analyst_tool() -> list[KeyTraffic]:
    rng = R("northbeam")
    analysts = [hid(rng, "an") for _ in range(FN_ANALYSTS)]
    companies = [_fn_company(R("company", i), i) for i in range(60)]
    out: list[Request] = []
    for day in range(FN_DAYS):
        for _ in range(rng.randint(8, 12)):
            if not companies:
                break
            co = companies.pop()
            t = utc(day, rng.uniform(16.08, 17.5) if rng.random() < 0.75 else rng.uniform(6.5, 8.0), FN_TZ)
            out += _fn_release(rng, co, t, analysts)
    rows = items(share("arena_even", 4, 1), 4, 3000, answered=False)
    rng.shuffle(rows)
    for day in range(FN_DAYS):
        for t in shaped(rng, utc(day, 0.0, FN_TZ), utc(day + 1, 0.0, FN_TZ), 9, OFFICE, FN_TZ):
            if rows:
                r = rows.pop()
                n = min(3, len(r.turns))
                p = {"temperature": 0.5, "user": rng.choice(analysts)}
                out += convo(rng, t, list(r.turns[:n]), list(r.replies[:n]), p, FN_GENERAL, r.id)
    cl = corp(FN_UA, "httpx", account(rng, org=True))
    kt = mk("b25-northbeam-filings", "filings_analyst_tool", "benign", "app", cl, actor="b25-northbeam",
            timing="simulated: filings after the close and before the open (UTC-5) through a 3-worker pipeline within minutes; analysts' threads that evening or next morning; general asks on an office curve",
            sources=("arena_even",), settings={"days": FN_DAYS, "pipeline": len(FN_PIPE), "analysts": FN_ANALYSTS})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 4. A COMPANION CHAT APP THAT RESENDS THE WHOLE HISTORY ("Hearth", a companion and role-play
# app; its Node backend on openai-js, one key of the company, the hashed account id as `user`). One week
# of 30 regular users in six time zones, each in one long-running chat with one of six characters (cards
# written here). Every message sends the character card, the app's memory notes on the user and the
# whole chat history that fits a 30,000-character budget - so most requests carry 20,000-32,000
# characters of history for a one-line message. Users came into the week with 10-300 earlier exchanges;
# each day 70% of them chat, one or two sessions in their evening, 6-24 messages (heavy users up to 40)
# at a typing pace (greetings, their day, feelings, role-play actions, questions for the character, some
# real lines: English oasst2 first turns of at most 400 characters, bucket 0 of 2; NQ-open queries,
# bucket 3 of 4; hh-rlhf first turns, bucket 0 of 4, as boundary tests); 6% of replies are regenerated.
# When 30 or more messages have fallen out of the window, a background call folds them into the memory
# notes (the dropped transcript, up to 14,000 characters). Replies: in-character replies composed here
# (they are the history later requests carry), the memory notes for the memory calls.
HE_USERS = 30
HE_DAYS = 7
HE_BUDGET = 30_000  # characters of history the app sends
HE_FOLD = 30  # dropped messages that trigger a memory call
HE_ZONES = (-5.0, -5.0, -6.0, -8.0, 0.0, 1.0, 8.0)
HE_RULES = ("Stay in character. Reply in at most 150 words unless the user asks for a story. Keep it friendly and safe for work; "
            "refuse sexual content. If the user mentions self-harm or a crisis, step out of character, respond with care and share "
            "a local helpline.")  # fmt: skip
HE_CHARS = {
    "Mira": ("Mira Penrose, 34, runs a small second-hand bookshop called The Salt Shelf in a Cornish fishing village. Warm, curious and a "
             "little absent-minded; loves tea, storms over the sea and bad puns. Has a ginger cat called Biscuit who sleeps in the poetry "
             "section. Scenario: the user is a friend who visits the shop or messages her in the evening. She remembers small details and "
             "asks about them. Speech: gentle, British, a bit playful.",
             ("Oh, hello you!", "There you are.", "Evening, love.", "Ah, perfect timing - kettle's just boiled."),
             ("Biscuit has claimed the poetry shelf again, so nobody is allowed to read Keats today.", "It's been one of those grey, drizzly days where only the regulars come in.",
              "I found a first edition in a box of cookbooks this morning, can you believe it?", "I've been reading by the window while the tide comes in.",
              "That sounds like a lot to carry, {u}.", "I'm really proud of you for that, you know.", "Honestly, you deserve a proper rest after that.",
              "You always notice the little things, it's one of my favourite things about you.", "I keep a note of the books you might like, by the way.",
              "The fishermen say there's a storm coming tomorrow.", "I tried a new scone recipe and it was a disaster, a delicious disaster.",
              "Mrs Tremayne came in looking for a romance novel 'with a sensible heroine', whatever that means."),
             ("How are you feeling about it now?", "Did you eat something proper today?", "What are you reading at the moment?", "Tell me more?",
              "Want me to pick a book for you?")),
    "Kai": ("Kai Varro, pilot of the battered freighter Lantern Fish, flies cargo (and the occasional smuggled crate) between the outer moons. "
            "Sarcastic, brave, secretly soft-hearted, terrible at cooking. The user is Kai's co-pilot. Scenario: ongoing adventures, docking at "
            "stations, dodging patrols, fixing the ship. Speech: quick, teasing, space slang ('void', 'burn', 'spin up'). Uses *actions* in asterisks.",
            ("*leans back in the pilot's chair*", "*glances over from the console*", "Well, well.", "*tosses you a ration bar*"),
            ("The port thruster is making that noise again, the one that sounds like a dying whale.", "Patrol ship on long-range scanners, two hours out.",
             "I may have promised the dockmaster a favour we can't deliver.", "Spin up the nav computer, co-pilot, we're burning for Ceres Gate.",
             "You did good back there, {u}. Don't let it go to your head.", "Coffee's fake, the stars are real, welcome to the job.",
             "I'd tell you the plan, but the plan is mostly vibes.", "If anyone asks, that crate is full of 'agricultural supplies'.",
             "*taps the cracked viewscreen* Still holding. Mostly.", "We've got fuel for one more jump and a lot of confidence.",
             "That sounds rough. Want me to fly us somewhere quiet for a bit?", "Last time I cooked, the smoke alarm filed a complaint."),
            ("So, what's our move?", "You in?", "Want to take the stick this time?", "Rough day planetside?", "Where to, co-pilot?")),
    "Captain Rook": ("Captain Ada Rook, narrator and captain of the pirate ship Grey Gull in a fantasy archipelago. She narrates the world in "
                     "the second person, describes scenes vividly and voices other characters. The user plays a new member of her crew. "
                     "Keep the story moving: give choices, consequences and a little danger. Uses *actions* in asterisks.",
                     ("*The deck creaks under your boots.*", "*Rook grins and pulls her hat low.*", "*Spray hits the bow as the Gull turns.*", "*Lantern light flickers below deck.*"),
                     ("Ahead, the island of Saltmere rises from the fog, its harbour eerily silent.", "The merchant vessel flies no colours, which is never a good sign.",
                      "The old map shows a cove that isn't on any navy chart.", "Mister Finch, the quartermaster, eyes you like you still owe him money.",
                      "\"Steady, {u},\" Rook says. \"The sea rewards the patient and drowns the greedy.\"", "A gull screams overhead; somewhere below, a barrel rolls loose.",
                      "The storm you saw on the horizon is closer than anyone would like.", "Three longboats are rowing towards us from the shore.",
                      "The cargo hold smells of pepper and something much older.", "Rook tosses you a brass key. \"Don't lose that. I mean it.\"",
                      "Far off, a navy frigate changes course towards us.", "The crew cheers, but Rook is already looking at the next horizon."),
                     ("What do you do?", "Do you go ashore, or stay with the ship?", "Who do you trust?", "Will you take the key?", "Your call, sailor.")),
    "Yuna": ("Yuna Sato, 22, a cheerful university student in Osaka who is the user's language-exchange partner. She helps the user practise "
             "Japanese and asks about English expressions. Sprinkles in simple Japanese with translations, praises effort, corrects gently. "
             "Loves karaoke, convenience-store desserts and her part-time job at a cafe.",
             ("Yay, you're here!", "Konbanwa! (Good evening!)", "Hiii~", "Okaeri! (Welcome back!)"),
             ("Today at the cafe a customer ordered a matcha latte with no matcha, I was so confused.", "Your Japanese is getting better, really!",
              "Small correction: we say 'tabemashita' for 'I ate', not 'tabemasu'.", "I had karaoke with my friends and lost my voice, haha.",
              "In Osaka we say 'meccha' for 'very', it's a bit slangy.", "That sounds hard, {u}. Ganbatte ne (hang in there).",
              "Can you teach me what 'it's raining cats and dogs' really means?", "I bought a new pudding from the konbini, ten out of ten.",
              "My exams are next month, I'm a little nervous.", "Let's practise: how would you say 'I'm tired today' in Japanese?",
              "You remembered! Sugoi (amazing)!", "The cherry blossoms are almost out here."),
             ("How was your day?", "Want to practise a little?", "Nani shiteru? (What are you doing?)", "Do you have a new word for me?", "What did you eat today?")),
    "Elliot": ("Inspector Elliot Marsh of Scotland Yard, London, 1891. Methodical, dry-humoured, kind to witnesses. The user is his assistant "
               "in an ongoing mystery: the disappearance of the jeweller Abel Crane. Elliot narrates clues, interviews suspects and asks the "
               "user's opinion. Period-appropriate speech. Uses *actions* in asterisks.",
               ("*Marsh folds his newspaper.*", "Ah, there you are.", "*He taps his pipe against the mantel.*", "Good evening, my friend."),
               ("The pawnbroker in Whitechapel swears he never saw the ring, yet his ledger says otherwise.", "Mrs Crane's alibi has a gap of precisely forty minutes.",
                "Note the mud on the boots: that is not London clay.", "A telegram arrived from Brighton, unsigned.", "You have a sharp eye, {u}; I did not notice the clock had been stopped.",
                "The housekeeper is lying, but not, I think, about the murder.", "Fog thick enough to lose a regiment in tonight.",
                "We shall need a warrant, and the Superintendent will not like it.", "Someone has been in this study since the constable sealed it.",
                "The cab driver remembers a gentleman with a limp and a very expensive umbrella.", "I confess this case has kept me from sleep.",
                "Sit, have some tea; the case will keep for ten minutes."),
               ("What do you make of it?", "Shall we pay the pawnbroker another visit?", "Whom do you suspect?", "Well?", "Your thoughts?")),
    "Theo": ("Theo, 27, the user's roommate in a small flat in Manchester: lo-fi producer, barista by day, chronically optimistic, always "
             "making toast. Laid back, supportive, jokes a lot, talks about music and the neighbours' cat. Scenario: everyday flat life and "
             "late-night chats on the sofa.",
             ("yo!", "ayy, you're home", "hey hey", "oh nice, perfect timing"),
             ("made a beat today that sounds like rain on a bus window, it's my best work", "the neighbour's cat came in through the window again, I've named him Gary",
              "there's toast if you want toast. there is always toast", "boss changed the rota again so I'm on the 6am shift, pray for me",
              "that sounds rough mate, proud of you for getting through it {u}", "I'm not saying we need a plant, but we need a plant",
              "someone downstairs is learning the trumpet. slowly", "we're out of milk but rich in vibes", "honestly you handled that better than I would've",
              "I put your washing on the radiator btw", "thinking of doing an open mic next week, you should come", "it's bucketing it down outside"),
             ("how was your day though?", "want a brew?", "film tonight?", "what you listening to lately?", "you good?")),
}  # fmt: skip
HE_STORY = ("Once, long ago, there was a lighthouse keeper who collected the names of ships that never came back.",
            "Every night she lit the lamp and read one name aloud, so the sea would not forget them.",
            "One winter a small boat drifted in with no one aboard, only a letter sealed in wax.",
            "The letter was addressed to her, in her own handwriting, dated forty years in the future.",
            "She did not open it for a long time.", "When she finally did, it said only: keep the light on.",
            "So she did, and on the last night of the year, a ship she had never named sailed home.")  # fmt: skip
HE_SAYS = {
    "greet": ("hey {c}", "good morning!!", "im back", "hiii", "evening {c} :)", "ok i survived the day", "hello again", "{c}!!"),
    "life": ("work was {adj} today. my {boss} {event}", "i finally {achv}", "{pet} knocked my {thing} off the table again lol", "cant sleep",
             "thinking about {worry} again", "we had {food} for dinner", "its raining here in {city}", "my {rel} called today, {event2}",
             "long day at {place}", "i went for a run this morning!! only 3k but still"),
    "feel": ("i feel kind of {feel} tonight", "honestly today was a lot", "thanks for listening, really", "im a bit {feel} about tomorrow",
             "do you ever just feel {feel}", "ok that actually made me smile"),
    "ask": ("what did you do today?", "tell me a story about {story}", "whats your favourite {fav}?", "do you remember what i told you about {mem}?",
            "what would you do if you won the lottery", "tell me something that made you happy this week", "can you recommend me a {fav}?"),
    "rp": ("*{act}* {line}", "*{act}*", "{line} *{act}*"),
    "bye": ("ok i need to sleep, night {c}", "gtg, talk tomorrow?", "brb", "night!! thank you", "ok byeee"),
}  # fmt: skip
HE_SLOTS = {"adj": ("awful", "fine i guess", "so long", "actually good", "chaotic", "boring"), "boss": ("boss", "manager", "team lead", "coworker"),
            "event": ("yelled at everyone", "took credit for my work", "brought donuts", "quit", "scheduled three meetings about one email"),
            "achv": ("finished the report", "booked the dentist", "cleaned my room", "sent the application", "fixed my bike"),
            "pet": ("my cat", "the dog", "my cat luna"), "thing": ("water glass", "phone", "plant", "keys"),
            "worry": ("the exam", "moving out", "money", "my sister", "the interview", "what i want to do with my life"),
            "food": ("pasta", "instant noodles again", "tacos", "leftover curry", "cereal, dont judge"), "city": ("portland", "leeds", "toronto", "manila", "berlin", "austin"),
            "rel": ("mum", "dad", "brother", "grandma", "best friend"), "event2": ("it was nice actually", "we argued again", "she's coming to visit", "he got engaged"),
            "place": ("the hospital", "the warehouse", "uni", "the shop", "the office"), "feel": ("lonely", "anxious", "happy", "tired", "restless", "weird", "hopeful"),
            "story": ("a lighthouse", "a dragon who is afraid of the dark", "the sea", "a haunted library", "space"),
            "fav": ("book", "song", "movie", "food", "season"), "mem": ("my sister", "the interview", "my cat", "my trip"),
            "act": ("sits down next to you", "looks out at the stars", "hands you a cup of tea", "grabs the map", "opens the creaky door", "draws my sword",
                    "leans on the railing", "flops onto the sofa", "checks the scanner", "picks up the letter"),
            "line": ("what now?", "did you hear that?", "lets go", "i dont trust him", "how far is it?", "we should hide", "what's in the box?", "ok, im ready")}  # fmt: skip
HE_MEMORY = ("You maintain the long-term memory notes of a companion app. Fold the older messages below into the existing notes: keep "
             "stable facts about the user (names, job, pets, plans, preferences, important events) and the story so far, drop small talk, "
             "at most 15 bullet points.\n\nExisting notes:\n{notes}\n\nOlder messages:\n{dropped}")  # fmt: skip
HE_FACTS = (
    "works {x}",
    "has {pet}",
    "lives in {city}",
    "worried about {worry}",
    "loves {y}",
    "talks often about their {rel}",
)
HE_FACT_SLOTS = {"x": ("night shifts at a hospital", "in retail", "from home in IT", "at a warehouse", "as a teacher"), "y": ("Studio Ghibli films", "rainy days", "lo-fi", "ramen"),
                 "pet": ("a cat called Luna", "a dog called Pepper", "two cats"), **{k: HE_SLOTS[k] for k in ("city", "worry", "rel")}}  # fmt: skip


def _he_line(rng: random.Random, who: dict, real: list[tuple[str, str]]) -> tuple[str, str]:
    """(what the user types, the source row behind it or "")."""
    if real and rng.random() < 0.07:
        return real.pop()
    kinds = (
        ("greet", "life", "life", "feel", "ask", "rp", "rp")
        if who["rp"]
        else ("greet", "life", "life", "life", "feel", "ask", "ask")
    )
    return fill(
        rng, rng.choice(HE_SAYS[rng.choice(kinds)]), {**HE_SLOTS, "c": (who["char"].split()[-1],)}
    ), ""


def _he_reply(rng: random.Random, char: str, user: str, text: str) -> str:
    _, opens, middles, backs = HE_CHARS[char]
    if text.startswith("tell me a story"):
        body = " ".join(HE_STORY[: rng.randint(4, len(HE_STORY))])
    else:
        picked = rng.sample(middles, rng.randint(2, 5))
        cut = rng.randint(1, len(picked)) if rng.random() < 0.4 else len(picked)
        body = " ".join(picked[:cut]) + ("\n\n" + " ".join(picked[cut:]) if picked[cut:] else "")
        body = body.replace("{u}", user)
    return f"{rng.choice(opens)} {body} {rng.choice(backs) if rng.random() < 0.7 else ''}".strip()


def _he_window(hist: list[dict]) -> list[dict]:
    """The newest messages that fit the budget, starting with a user message."""
    total, k = 0, len(hist)
    while k > 0 and total + len(hist[k - 1]["content"]) <= HE_BUDGET:
        total += len(hist[k - 1]["content"])
        k -= 1
    while k < len(hist) and hist[k]["role"] != "user":
        k += 1
    return hist[k:]


def _he_user(rng: random.Random, i: int) -> dict:
    char = sorted(HE_CHARS)[i % len(HE_CHARS)]
    who = {"uid": hid(rng, "hh"), "name": rng.choice(("sam", "jo", "alex", "mika", "robin", "dani", "kit", "lee", "noor", "jess")),
           "char": char, "rp": char in ("Kai", "Captain Rook", "Elliot"), "tz": rng.choice(HE_ZONES), "hist": [], "dropped": 0,
           "notes": [fill(rng, f, HE_FACT_SLOTS) for f in rng.sample(HE_FACTS, 3)], "heavy": rng.random() < 0.25}  # fmt: skip
    for _ in range(rng.randint(10, 300)):
        text, _ = _he_line(rng, who, [])
        who["hist"] += [
            {"role": "user", "content": text},
            {"role": "assistant", "content": _he_reply(rng, char, who["name"], text)},
        ]
    return who


def _he_system(who: dict) -> str:
    card = HE_CHARS[who["char"]][0]
    notes = "\n".join(f"- {n}" for n in who["notes"])
    return (
        f"You are {who['char']}.\n\n{card}\n\n{HE_RULES}\n\nWhat you remember about {who['name']}:\n{notes}"
    )


def _he_session(rng: random.Random, t: float, who: dict, real: list[tuple[str, str]]) -> list[Request]:
    out: list[Request] = []
    p = {"temperature": 0.9, "max_tokens": 400, "presence_penalty": 0.3, "stream": True, "user": who["uid"]}
    n = rng.randint(6, 40 if who["heavy"] else 24)
    text, item = _he_line(rng, who, real)
    for k in range(n):
        window = _he_window(who["hist"])
        who["dropped"] = len(who["hist"]) - len(window)
        msg = {"role": "user", "content": text}
        reply = _he_reply(rng, who["char"], who["name"], text)
        q = Request(
            t,
            "chat",
            text,
            [{"role": "system", "content": _he_system(who)}, *window, msg],
            dict(p),
            item,
            False,
            reply,
        )
        out.append(q)
        if rng.random() < 0.06:
            t += latency(rng, 150) + rng.uniform(3, 20)
            out.append(again(q, t))
        who["hist"] += [msg, {"role": "assistant", "content": reply}]
        text, item = (
            _he_line(rng, who, real)
            if k < n - 2
            else (fill(rng, rng.choice(HE_SAYS["bye"]), {"c": (who["char"].split()[-1],)}), "")
        )
        t += think(rng, len(reply), len(text))
    if who["dropped"] >= HE_FOLD:
        out.append(_he_fold(rng, who, t + rng.uniform(5, 60)))
    return out


def _he_fold(rng: random.Random, who: dict, t: float) -> Request:
    """The background memory call: the messages that fell out of the window, folded into the notes."""
    old = who["hist"][: who["dropped"]]
    lines = [f"{who['name'] if m['role'] == 'user' else who['char']}: {m['content']}" for m in old]
    while len(lines) > 1 and sum(len(x) + 1 for x in lines) > 14000:
        lines.pop(0)
    dropped = "\n".join(lines)
    fact = fill(rng, rng.choice(HE_FACTS), HE_FACT_SLOTS)
    keep = [n for n in who["notes"] if n != fact][-14:]
    who["notes"] = [*keep, fact]
    who["hist"] = who["hist"][who["dropped"] :]
    notes = "\n".join(f"- {n}" for n in who["notes"])
    q = one(
        HE_MEMORY.format(notes=notes, dropped=dropped),
        {"temperature": 0.2, "max_tokens": 600, "user": who["uid"]},
        None,
        notes,
    )
    return at(q, t)


def companion_chat_app() -> list[KeyTraffic]:
    rng = R("hearth")
    users = [_he_user(rng, i) for i in range(HE_USERS)]
    real = [
        (r.first, r.id)
        for r in share("oasst2_threads", 2, 0)
        if r.extra.get("lang") == "en" and len(r.first) <= 400
    ]
    real += [(r.first, r.id) for r in share("nq_open_dev", 4, 3)[:150]]
    real += [
        (r.first.lower(), r.id)
        for r in items(share("hh_rlhf_harmless_test", 4, 0), 4, 300, answered=False)[:80]
    ]
    rng.shuffle(real)
    out: list[Request] = []
    for day in range(HE_DAYS):
        for who in users:
            if rng.random() < 0.7:
                for _ in range(rng.choice((1, 1, 2))):
                    out += _he_session(rng, at_local(rng, day, who["tz"], EVENING), who, real)
    cl = corp("OpenAI/JS 4.80.1", "openai-js", account(rng, org=True))
    kt = mk("b25-hearth-companion", "companion_chat_app", "benign", "chat", cl, actor="b25-hearth",
            timing="simulated: each user's sessions in their own evening (six zones), messages at a typing pace, a memory call after sessions that dropped 30+ messages",
            sources=("oasst2_threads", "nq_open_dev", "hh_rlhf_harmless_test"),
            settings={"users": HE_USERS, "days": HE_DAYS, "budget": HE_BUDGET, "fold": HE_FOLD})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 5. A MEETING-TRANSCRIPT SUMMARISER ("Minutely", a meeting-recorder SaaS whose bot joins its
# customers' video calls; its Go backend calls the API with one key of the company). Seven days
# (weekends light): ~145 meetings a weekday from workspaces in Europe, the UK and both US coasts,
# each ending on the hour or half hour in office hours and processed 1-4 minutes later. Transcripts
# are speech-to-text of 15-90 minute meetings of ten kinds (sales calls, product syncs, onboardings,
# incident reviews, interviews, QBRs...), composed here from speaker lines with ASR noise, ~14
# characters a second of speech: a meeting of up to 24,000 characters is summarised in one JSON
# call; a longer one is cut into ~12,000-character parts (one notes call per part, all at once) and
# the notes are merged in a final call. A fifth of meetings get "Ask Minutely" questions later that
# day (the whole transcript when it fits 30,000 characters, otherwise the two parts that match
# best), a tenth a follow-up e-mail draft. Replies: stubs.
MN_DAYS = 7
MN_ZONES = ((1.0, 55), (0.0, 25), (-5.0, 45), (-8.0, 20))  # (UTC offset, meetings per weekday)
MN_ONE_CALL = 24_000
MN_PART = 12_000
MN_ASK_FITS = 30_000
MN_SYSTEM = ("You are Minutely, a meeting assistant. Work only from the transcript; speech-to-text errors are possible, so do not "
             "invent names or numbers. Attribute decisions and action items to the people who took them.")  # fmt: skip
MN_SUMMARY = ("Meeting: {title} ({date}, {mins} min)\nParticipants: {names}\n\nTranscript:\n{text}\n\nReturn JSON with summary (at most "
              "120 words), key_points, decisions, action_items [{{owner, task, due}}] and open_questions.")  # fmt: skip
MN_MAP = ("Meeting: {title} ({date}), part {i} of {n}\n\nTranscript part:\n{text}\n\nWrite concise notes on this part: topics, "
          "decisions, action items with owners, open questions. Bullets only.")  # fmt: skip
MN_REDUCE = ("Meeting: {title} ({date}, {mins} min)\nParticipants: {names}\n\nBelow are notes on consecutive parts of the meeting. "
             "Merge them into one summary. Return JSON with summary (at most 120 words), key_points, decisions, action_items "
             "[{{owner, task, due}}] and open_questions.\n\n{notes}")  # fmt: skip
MN_ASK = 'Transcript of "{title}" ({date}):\n{text}\n\nQuestion: {q}'
MN_QS = ("What did we agree about {topic}?", "Who is doing what after this meeting?", "Did {name} mention a deadline?", "What were the customer's main objections?",
         "Summarise what {name} said about {topic}.", "Were there any risks raised?", "What numbers were mentioned?", "Did anyone disagree with the plan?",
         "Write the three bullet points I should send to my manager.")  # fmt: skip
MN_FOLLOW = ("And who raised that?", "Quote it please.", "Anything else on that?", "ok thanks")
MN_EMAIL = 'Draft a short follow-up e-mail to {name} after our meeting "{title}" with the next steps we agreed. Notes:\n{notes}'
MN_KINDS = {
    "Sales discovery call with {co}": ("So tell me a bit about how you handle {topic} today.", "Right now we do most of it in spreadsheets, honestly.",
        "How many people are on the team that would use this?", "We're about {n} people across {n2} offices.", "What made you start looking now?",
        "Our contract with the current vendor ends in {month}.", "Budget-wise we'd need to see something under {money} a year.",
        "Security review is usually the long pole for us, it took {n2} months last time.", "Can I show you how the reporting works?",
        "Who else would need to be in the room for a decision?", "Let me send over the security pack and a proposal by {day}.",
        "The integration with {tool} is a must-have for us."),
    "Weekly product sync": ("Let's go through the board, starting with {topic}.", "The {feature} work is about {n}% done, we found an edge case with {topic}.",
        "Design is waiting on copy from marketing.", "I'd push {feature} to the next sprint honestly.", "Support tickets on {topic} are up {n}% this week.",
        "Can we get a decision on the pricing page by {day}?", "I'll write up the spec and share it in the channel.", "QA found {n2} blockers, two are fixed already.",
        "The beta customers are mostly happy, one complained about {topic}.", "Let's timebox this to five minutes."),
    "Customer onboarding: {co}": ("Welcome everyone, today we'll get your workspace set up.", "First step is connecting {tool}, do you have admin rights?",
        "We've imported about {n} records so far, a few failed on the date format.", "Can we set up single sign-on today or is that next week?",
        "Your champion will be {name}, is that right?", "We recommend starting with one team and expanding after two weeks.",
        "Training sessions are on {day} and the following {day}.", "If anything breaks, the support address is in the welcome email."),
    "Incident review: {topic} outage": ("Timeline first. At {time} the alerts fired for elevated error rates.", "The root cause was a config change to {tool} that skipped review.",
        "Customer impact was about {n} minutes of failed requests for roughly {n2}% of traffic.", "Detection was slow because the dashboard only samples every five minutes.",
        "Action item: add a canary stage for config changes.", "Who owns the runbook update?", "This is blameless, I just want to understand the sequence.",
        "We rolled back at {time} and errors recovered within two minutes.", "Let's also check whether the status page went out fast enough."),
    "Interview: {role}": ("Thanks for making the time, could you walk me through your background?", "At my last company I led the migration to {tool}.",
        "Tell me about a time a project went wrong.", "We missed a launch by {n2} weeks because the requirements kept changing.",
        "How do you handle disagreement with a manager?", "What are you looking for in your next role?", "Do you have questions for us?",
        "What does a typical week look like on the team?", "Next steps: you'll hear from the recruiter by {day}."),
    "Quarterly business review: {co}": ("Let's start with the usage numbers for the quarter.", "Active users grew from {n} to {n3}.",
        "Adoption in the {team} team is still low, we think it's a training issue.", "You raised {n2} support tickets, all resolved within SLA.",
        "For next quarter we'd like to roll out to {team}.", "Renewal is coming up in {month}, we'd like to talk about a multi-year term.",
        "The roadmap item you asked for, {feature}, is planned for {month}."),
    "Marketing campaign planning": ("The launch date for {feature} is {day}, so the campaign needs to be ready a week before.", "Budget is {money} for paid social.",
        "Let's get three headline options to test.", "The webinar last month got {n} sign-ups but only a third attended.", "Who's writing the blog post?",
        "Sales wants a one-pager for {co}-type customers.", "I'll brief the agency on the visuals tomorrow."),
    "All-hands Q&A": ("Welcome everyone, quick update on the quarter and then questions.", "Revenue came in at {n}% above plan.",
        "We're hiring {n2} more engineers this half.", "The question in the chat is about remote work, and the policy is not changing.",
        "Someone asked about the {topic} reorg, I'll answer that honestly.", "Thank you all, it was a hard quarter and you delivered."),
}  # fmt: skip
MN_GENERIC = ("Yeah.", "Right, right.", "Sorry, you're on mute.", "Can everyone see my screen?", "I think that makes sense.", "Let me just pull that up.",
              "Good question.", "Um, so, yeah, basically that.", "Can you repeat that? The audio cut out.", "I'll take that one.", "Agreed.",
              "Let's take that offline.", "Just to add to what {name} said,", "We're a bit over time, so let's wrap up.", "Okay, cool.",
              "I don't have the numbers in front of me but I can follow up.", "That's a fair point.", "Hmm, I'm not sure about that.", "[inaudible]",
              "Sorry, go ahead.", "One more thing before we move on.", "Does anyone have anything else?")  # fmt: skip
MN_TALK = ("I think the bigger question is whether {topic} is even the bottleneck.", "Last time we tried that it took {n2} weeks and nobody used it.",
           "Can we get data on that before we decide?", "From the customer side, {co} keeps asking about {feature}.", "I'd rather ship something small by {day}.",
           "If we do {feature} we have to drop something else, we don't have the people.", "{name}, you looked at this last quarter, right?",
           "My worry is the dependency on {tool}.", "The numbers I saw were closer to {n}, but I'd need to double check.", "Okay so let me summarise where we are.",
           "Who's the owner for that? I don't want it to fall through the cracks.", "We should loop in legal before we promise anything.",
           "That's not what we told {co} last month though.", "Honestly the feedback on {topic} has been mixed.", "Let's put a date on it: {day}.",
           "Is this a one-off or are we going to see it again?", "I can pair with {name} on that this week.", "The docs for {tool} are out of date, that's half the problem.",
           "We promised {co} an answer by {day}.", "Can we park {topic} and come back to it at the end?", "I'll share the doc after the call.",
           "Good news is the {feature} beta has {n} users already.", "The risk is we end up rebuilding this in {month}.",
           "Let me play devil's advocate for a second.", "So the action is on me, I'll follow up with {name}.")  # fmt: skip
MN_SLOTS = {"co": ("Halden Freight", "Brightpath Clinics", "Norvik Energy", "Castell Retail", "Ostara Bank", "Kilnworth Studios", "Meyer & Sons"),
            "topic": ("billing", "the mobile app", "onboarding", "data exports", "permissions", "the API", "search", "notifications"),
            "n": ("12", "40", "85", "120", "300", "1,500"), "n2": ("2", "3", "4", "6"), "n3": ("450", "900", "2,100"), "month": ("April", "June", "September"),
            "money": ("fifty thousand", "$80k", "€120,000", "£30k"), "day": ("Friday", "Tuesday", "next Monday", "Thursday"),
            "tool": ("Salesforce", "HubSpot", "Jira", "Okta", "Snowflake", "Kubernetes", "the load balancer"), "feature": ("bulk edit", "SSO", "the new dashboard", "audit logs", "offline mode"),
            "time": ("10:42", "14:05", "02:17", "16:30"), "role": ("Senior Backend Engineer", "Product Designer", "Account Executive", "Data Analyst"),
            "team": ("finance", "operations", "sales", "HR")}  # fmt: skip
MN_PEOPLE = ("Priya Shah", "Tom Becker", "Ana Lima", "James O'Neill", "Sofia Rossi", "Daniel Kim", "Fatima Zahra", "Lukas Weber", "Emma Clarke",
             "Mateo Garcia", "Hannah Müller", "Kwame Mensah", "Yuki Tanaka", "Olivia Brown", "Pierre Martin", "Aisha Khan")  # fmt: skip


def _mn_noise(rng: random.Random, text: str) -> str:
    """Speech-to-text: some lower-case starts, fillers and a doubled word."""
    if rng.random() < 0.3:
        text = rng.choice(("um ", "uh ", "so ", "yeah so ", "I mean ")) + text[:1].lower() + text[1:]
    words = text.split()
    if len(words) > 4 and rng.random() < 0.15:
        i = rng.randrange(len(words))
        words.insert(i, words[i])
    return " ".join(words)


def _mn_transcript(rng: random.Random, kind: str, names: list[str], mins: int) -> list[str]:
    lines, t, target = [], rng.uniform(0, 20), mins * 60 * 14.0
    size = 0
    while size < target:
        who = names[0] if rng.random() < 0.35 else rng.choice(names)
        u = rng.random()
        bank = MN_KINDS[kind] if u < 0.45 else MN_TALK if u < 0.8 else MN_GENERIC
        said = " ".join(
            _mn_noise(rng, fill(rng, s, {**MN_SLOTS, "name": tuple(names)}))
            for s in rng.sample(bank, rng.choice((1, 1, 2, 3)))
        )
        h, rest = divmod(int(t), 3600)
        lines.append(f"[{h:02d}:{rest // 60:02d}:{rest % 60:02d}] {who}: {said}")
        size += len(lines[-1]) + 1
        t += len(said) / 14.0 + rng.uniform(0.3, 2.5)
    return lines


def _mn_parts(lines: list[str]) -> list[str]:
    parts, cur = [], []
    for ln in lines:
        cur.append(ln)
        if sum(len(x) + 1 for x in cur) >= MN_PART:
            parts.append("\n".join(cur))
            cur = []
    if cur:
        parts.append("\n".join(cur))
    return parts


def _mn_meeting(rng: random.Random, t: float, tz: float, user: str) -> list[Request]:
    kind = rng.choice(sorted(MN_KINDS))
    names = rng.sample(MN_PEOPLE, rng.randint(2, 8))
    mins = rng.choices((15, 25, 30, 45, 50, 60, 90), (0.15, 0.15, 0.25, 0.15, 0.1, 0.15, 0.05))[0]
    title = fill(rng, kind, MN_SLOTS)
    date = stamp(t - mins * MINUTE, tz)
    lines = _mn_transcript(rng, kind, names, mins)
    text = "\n".join(lines)
    head = {"title": title, "date": date, "mins": mins, "names": ", ".join(names)}
    p = {"temperature": 0.2, "max_tokens": 1200, "user": user}
    js = {**p, "response_format": {"type": "json_object"}}
    ready = t + rng.uniform(60, 240)
    parts = _mn_parts(lines) if len(text) > MN_ONE_CALL else []
    if not parts:
        out = [at(one(MN_SUMMARY.format(text=text, **head), js, MN_SYSTEM), ready)]
    else:
        out = [at(one(MN_MAP.format(title=title, date=date, i=i, n=len(parts), text=x), {**p, "max_tokens": 800}, MN_SYSTEM), ready + rng.uniform(0, 0.3))
               for i, x in enumerate(parts, 1)]  # fmt: skip
        notes = "\n\n".join(f"Part {i}:\n{q.reply}" for i, q in enumerate(out, 1))
        out.append(
            at(
                one(MN_REDUCE.format(notes=notes, **head), js, MN_SYSTEM),
                ready + max(latency(rng, 500) for _ in parts) + 1,
            )
        )
    if rng.random() < 0.2:
        ctx = text if len(text) <= MN_ASK_FITS else "\n...\n".join(rng.sample(parts, 2))
        slots = {**MN_SLOTS, "name": tuple(names)}
        turns = [MN_ASK.format(title=title, date=date, text=ctx, q=fill(rng, rng.choice(MN_QS), slots))]
        turns += rng.sample(MN_FOLLOW, rng.choice((0, 0, 1, 2)))
        out += convo(rng, ready + rng.uniform(0.3, 6) * HOUR, turns, [], {**p, "temperature": 0.3}, MN_SYSTEM)
    if rng.random() < 0.1:
        mail = MN_EMAIL.format(name=rng.choice(names[1:]), title=title, notes=out[-1].reply)
        out.append(at(one(mail, {**p, "temperature": 0.5}, MN_SYSTEM), ready + rng.uniform(0.1, 2) * HOUR))
    return out


def meeting_summariser() -> list[KeyTraffic]:
    rng = R("minutely")
    out: list[Request] = []
    for tz, per_day in MN_ZONES:
        users = [hid(rng, "ws") for _ in range(per_day * 3)]
        for day in range(MN_DAYS):
            n = per_day if weekday(day) else max(1, per_day // 20)
            for _ in range(n):
                end = rng.choice([9.5 + 0.5 * k for k in range(18)])
                out += _mn_meeting(rng, utc(day, end, tz), tz, rng.choice(users))
    cl = corp("Go-http-client/1.1", "go", account(rng, org=True))
    kt = mk("b25-minutely", "meeting_summariser", "benign", "app", cl, actor="b25-minutely",
            timing="simulated: meetings ending on the hour or half hour in four zones' office hours, processed 1-4 minutes later (parts at once), questions later that day",
            sources=(), settings={"days": MN_DAYS, "zones": MN_ZONES, "one_call": MN_ONE_CALL, "part": MN_PART})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 6. A MANY-SHOT CLASSIFICATION PIPELINE ("Quarry", a vertical search start-up in Chicago,
# UTC-6, that routes each new query to an answer module by the type of answer it expects; its backend
# on python-requests, one key). Every request is the same many-shot prompt - label definitions and 250
# labelled example queries (~19,000 characters) - with one new query at the end; T 0, three tokens,
# top-5 logprobs for a confidence threshold. Five days. The live stream: real NQ-open queries (buckets
# 0-1 of 4) typed by the product's users on a consumer curve, popular ones more often, each label
# cached for six hours. A nightly accuracy check at 02:00 local runs the same 150 hand-labelled
# queries (bucket 2 of 4, not among the examples) with four workers. On Thursday the team ships
# prompt v2 (two more labels, 320 examples redrawn from the same bucket): an A/B of the gold set
# under both versions at 13:00, the switch at 14:00 and a backfill of the last day's distinct queries
# under v2. Example labels come from rules written here. Replies: the label.
MS_TZ = -6.0
MS_DAYS = 5
MS_PER_DAY = 450  # query arrivals a day before the cache
MS_CACHE = 6 * HOUR
MS_SHOTS = {1: 250, 2: 320}
MS_GOLD = 150
MS_LABELS = {"PERSON": "a person or group of people", "LOCATION": "a place: country, city, region, building, body of water",
             "DATE": "a date, year, period or time", "NUMBER": "a count, amount, size, age, duration or other quantity",
             "DESCRIPTION": "a definition, explanation, reason or manner", "ENTITY": "any other thing: an object, species, event, language, award...",
             "ORGANIZATION": "a company, team, band, party, university or other organisation (v2)",
             "WORK": "a title of a song, album, film, book, show or artwork (v2)"}  # fmt: skip
MS_HEAD = ("Classify each search query by the type of answer it expects.\n\nLabels:\n{labels}\n\nAnswer with the label only. "
           "Examples:\n\n{examples}\n\nQuery: {q}\nLabel:")  # fmt: skip
MS_PARAMS = {"temperature": 0, "max_tokens": 3, "logprobs": True, "top_logprobs": 5}
MS_ORG = re.compile(
    r"\b(team|company|band|party|university|college|club|network|agency|league|airline|brand)\b"
)
MS_WORK = re.compile(r"\b(song|album|film|movie|book|novel|show|series|episode|poem|painting)\b")


def _ms_label(q: str, v: int) -> str:
    ql = q.lower()
    if v == 2 and ql.startswith(("who", "which", "what")) and MS_ORG.search(ql):
        return "ORGANIZATION"
    if v == 2 and ql.startswith(("what", "which")) and MS_WORK.search(ql):
        return "WORK"
    rules = ((("who ", "whom ", "whose "), "PERSON"), (("when ", "what year", "what date", "what time", "what century"), "DATE"),
             (("where ", "what country", "what city", "what state", "which country", "which city", "which state"), "LOCATION"),
             (("how many", "how much", "how long", "how old", "how far", "how tall", "how big"), "NUMBER"),
             (("what is ", "what are ", "what does ", "why ", "how does ", "how do ", "what do ", "what was the purpose"), "DESCRIPTION"))  # fmt: skip
    for starts, label in rules:
        if ql.startswith(starts):
            return label
    return "ENTITY"


def _ms_prompt(v: int, examples: list[Row]) -> str:
    """The pipeline's template of version v with its examples (a query slot left open)."""
    labels = "\n".join(
        f"{k} - {d.replace(' (v2)', '')}" for k, d in MS_LABELS.items() if v == 2 or "(v2)" not in d
    )
    shots = "\n\n".join(f"Query: {r.first}\nLabel: {_ms_label(r.first, v)}" for r in examples)
    return MS_HEAD.format(labels=labels, examples=shots, q="{q}")


def _ms_req(tmpl: str, r: Row, v: int) -> Request:
    return one(tmpl.replace("{q}", r.first), MS_PARAMS, None, _ms_label(r.first, v), r.id)


def _ms_live(rng: random.Random, tmpls: dict[int, str], switch: float) -> tuple[list[Request], list[Row]]:
    live = share("nq_open_dev", 4, 0, 1)
    rng.shuffle(live)
    weights = [1 / (k + 1) ** 0.8 for k in range(len(live))]
    last: dict[str, float] = {}
    out: list[Request] = []
    for t in shaped(rng, T0, T0 + MS_DAYS * DAY, MS_PER_DAY, CONSUMER, MS_TZ):
        r = rng.choices(live, weights)[0]
        if t - last.get(r.id, -1e18) < MS_CACHE:
            continue
        last[r.id] = t
        v = 2 if t >= switch else 1
        out.append(at(_ms_req(tmpls[v], r, v), t + rng.uniform(0.05, 0.3)))
    recent = [r for r in live if switch - DAY <= last.get(r.id, -1e18) < switch]
    return out, recent


def many_shot_router() -> list[KeyTraffic]:
    rng = R("quarry")
    pool_ = share("nq_open_dev", 4, 2)
    rng.shuffle(pool_)
    gold, rest = pool_[:MS_GOLD], pool_[MS_GOLD:]
    tmpls = {1: _ms_prompt(1, rest[: MS_SHOTS[1]]), 2: _ms_prompt(2, rng.sample(rest, MS_SHOTS[2]))}
    switch = utc(3, 14.0, MS_TZ) + rng.uniform(0, 600)
    out, recent = _ms_live(rng, tmpls, switch)
    for night in range(MS_DAYS):
        v = 2 if utc(night, 2.0, MS_TZ) >= switch else 1
        jobs = [[_ms_req(tmpls[v], r, v)] for r in gold]
        pool(rng, utc(night, 2.0, MS_TZ) + rng.uniform(5, 90), jobs, 4)
        out += [j[0] for j in jobs]
    ab = [[_ms_req(tmpls[v], r, v)] for v in (1, 2) for r in gold]
    pool(rng, utc(3, 13.0, MS_TZ) + rng.uniform(0, 300), ab, 4)
    back = [[_ms_req(tmpls[2], r, 2)] for r in recent]
    pool(rng, switch + rng.uniform(300, 900), back, 4)
    out += [j[0] for j in ab + back]
    cl = corp("python-requests/2.32.3", "requests", account(rng, org=True))
    kt = mk("b25-quarry-router", "many_shot_router", "benign", "app", cl, actor="b25-quarry",
            timing="simulated: live queries on a consumer curve (UTC-6) with a six-hour label cache; 4-worker gold runs at 02:00, an A/B, a switch and a backfill on Thursday",
            sources=("nq_open_dev",), settings={"days": MS_DAYS, "per_day": MS_PER_DAY, "shots": MS_SHOTS, "gold": MS_GOLD})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# BENIGN 7. A RESEARCHER RUNNING A LONG-CONTEXT BENCHMARK (a PhD student in Amsterdam, UTC+1, who
# studies how answer quality falls with context length; the lab's harness on httpx, one key of the
# university's organisation). RULER- and needle-in-a-haystack-style tasks built over public reading
# passages (AGIEval SAT, LSAT, Gaokao-English and LogiQA passages of passage bucket 0 of 2 as the
# haystack), at five lengths (4,000-32,000 characters): single needles at eleven depths (three keys
# per cell), four-needle retrieval, variable tracking and common-word extraction; and long QA - 100
# of the passages' own multiple-choice questions with the gold passage hidden among other passages at
# 8k, 16k and 32k, the oracle passage alone and a closed-book baseline. Monday: a few debugging
# questions and a 60-request pilot; Tuesday 21:00 the full grid with four workers; Wednesday the
# single-needle task again with the instruction in a system prompt; Thursday its 32k cells with two
# seeds. Needles, keys and templates are written here. Replies: stubs.
LC_TZ = 1.0
LC_UA = "lctx-bench/0.4.1 python-httpx/0.27.2"
LC_LENGTHS = (4000, 8000, 16000, 24000, 32000)
LC_QA_LENGTHS = (8000, 16000, 32000)
LC_DEPTHS = tuple(range(0, 101, 10))
LC_QA = 100
LC_KEYS = ("amber-falcon", "quiet-harbor", "silver-lantern", "northern-orchid", "velvet-comet", "granite-meadow", "crimson-tide", "hollow-pine",
           "electric-sparrow", "frozen-delta", "golden-ridge", "misty-canyon", "rapid-heron", "sapphire-vale", "tidal-ember", "woven-thistle")  # fmt: skip
LC_NIAH = ("Some special magic numbers are hidden within the following text. Make sure to memorize them. I will quiz you about the "
           "numbers afterwards.\n\n{ctx}\n\nWhat is the special magic number for {key} mentioned in the provided text? The special "
           "magic number for {key} mentioned in the provided text is")  # fmt: skip
LC_NEEDLE = "One of the special magic numbers for {key} is: {num}."
LC_VT = ("Memorize and track the chain(s) of variable assignment hidden in the following text.\n\n{ctx}\n\nQuestion: Find all variables "
         "that are assigned the value {num} in the text above. Answer: According to the chain(s) of variable assignment in the text "
         "above, 5 variables are assigned the value {num}, they are:")  # fmt: skip
LC_CWE = ("Below is a numbered list of words. In these words, some appear more often than others. Memorize the ones that appear "
          "most often.\n{ctx}\nQuestion: What are the 10 most common words in the above list? Answer: The top 10 words that appear "
          "most often in the list are:")  # fmt: skip
LC_DOCQA = ("Answer the question based on the given documents. Only give the letter of the correct option.\n\nThe following are given "
            "documents.\n\n{ctx}\n\nAnswer the question based on the given documents. Only give the letter of the correct option.\n\n{q}\n\nAnswer:")  # fmt: skip
LC_CLOSED = "Answer the question. Only give the letter of the correct option.\n\n{q}\n\nAnswer:"
LC_SYSTEM = "Read the user's document carefully. Answer exactly in the format requested, with no explanation."
LC_DEBUG = ("how do I count tokens for a prompt with tiktoken without loading the whole model vocabulary each time?",
            "my needle accuracy is 100% at every depth even at 32k, is my haystack too easy? it's reading-comprehension passages",
            "what's the difference between RULER's multi-key and multi-value needle tasks?",
            "is it ok to cut the haystack in the middle of a sentence or will that bias the depth results?")  # fmt: skip


def _lc_sentences(passages: list[str]) -> list[str]:
    return [s.strip() + " " for p in passages for s in re.split(r"(?<=[.!?])\s+", p) if s.strip()]


def _lc_haystack(rng: random.Random, sents: list[str], n: int) -> list[str]:
    """Consecutive sentences of the passage pool from a random start, about n characters."""
    i = rng.randrange(len(sents))
    out, size = [], 0
    while size < n:
        out.append(sents[i % len(sents)])
        size += len(out[-1])
        i += 1
    return out


def _lc_insert(hay: list[str], needles: list[tuple[float, str]]) -> str:
    hay = list(hay)
    for depth, text in sorted(needles, reverse=True):
        hay.insert(round(depth / 100 * len(hay)), text + " ")
    return "".join(hay).strip()


def _lc_niah(
    rng: random.Random, sents: list[str], system: str | None, lengths=LC_LENGTHS, seed: int | None = None
) -> list[Request]:
    p = {"temperature": 0, "max_tokens": 32, **({"seed": seed} if seed is not None else {})}
    out = []
    for n in lengths:
        for depth in LC_DEPTHS:
            for key in rng.sample(LC_KEYS, 3):
                needle = LC_NEEDLE.format(key=key, num=rng.randint(1_000_000, 9_999_999))
                ctx = _lc_insert(_lc_haystack(rng, sents, n), [(depth, needle)])
                out.append(one(LC_NIAH.format(ctx=ctx, key=key), p, system))
    return out


def _lc_multi(rng: random.Random, sents: list[str]) -> list[Request]:
    out = []
    for n in LC_LENGTHS:
        for _ in range(20):
            keys = rng.sample(LC_KEYS, 4)
            needles = [
                (rng.uniform(0, 100), LC_NEEDLE.format(key=x, num=rng.randint(1_000_000, 9_999_999)))
                for x in keys
            ]
            ctx = _lc_insert(_lc_haystack(rng, sents, n), needles)
            out.append(one(LC_NIAH.format(ctx=ctx, key=keys[0]), {"temperature": 0, "max_tokens": 32}))
        for _ in range(12):
            num, names = (
                rng.randint(10_000, 99_999),
                ["".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=5)) for _ in range(5)],
            )
            chain = [f"VAR {names[0]} = {num}", *(f"VAR {b} = VAR {a}" for a, b in itertools.pairwise(names))]
            depths = sorted(rng.uniform(0, 100) for _ in chain)
            ctx = _lc_insert(_lc_haystack(rng, sents, n), list(zip(depths, chain, strict=True)))
            out.append(one(LC_VT.format(ctx=ctx, num=num), {"temperature": 0, "max_tokens": 64}))
        out += _lc_cwe(rng, sents, n)
    return out


def _lc_cwe(rng: random.Random, sents: list[str], n: int) -> list[Request]:
    """Common-words extraction: a numbered word list of about n characters with ten frequent words."""
    vocab = sorted({w.lower() for s in sents for w in re.findall(r"[A-Za-z]{5,}", s)})
    out = []
    for _ in range(8):
        common, rare = rng.sample(vocab, 10), rng.sample(vocab, 400)
        words: list[str] = []
        while sum(len(w) + 6 for w in words) < n:
            words += [rng.choice(common) for _ in range(3)] + [rng.choice(rare)]
        rng.shuffle(words)
        ctx = "\n".join(f"{i}. {w}" for i, w in enumerate(words, 1))
        out.append(one(LC_CWE.format(ctx=ctx), {"temperature": 0, "max_tokens": 64}))
    return out


def _lc_qa(rng: random.Random, groups: dict[str, list[Row]]) -> list[Request]:
    passages = list(groups)
    qs = [(p, r) for p, rows in groups.items() for r in rows]
    rng.shuffle(qs)
    out = []
    for gold, r in qs[:LC_QA]:
        question = r.first.split("\n\n", 1)[1]
        for n in LC_QA_LENGTHS:
            docs = [gold]
            for other in rng.sample(passages, len(passages)):
                if sum(map(len, docs)) >= n:
                    break
                if other != gold:
                    docs.insert(rng.randint(0, len(docs)), other)
            ctx = "\n\n".join(f"Document {i}:\n{d}" for i, d in enumerate(docs, 1))
            out.append(
                one(
                    LC_DOCQA.format(ctx=ctx, q=question),
                    {"temperature": 0, "max_tokens": 8},
                    None,
                    None,
                    r.id,
                )
            )
        out.append(
            one(
                LC_DOCQA.format(ctx=f"Document 1:\n{gold}", q=question),
                {"temperature": 0, "max_tokens": 8},
                None,
                None,
                r.id,
            )
        )
        out.append(one(LC_CLOSED.format(q=question), {"temperature": 0, "max_tokens": 8}, None, None, r.id))
    return out


def long_context_benchmark() -> list[KeyTraffic]:
    rng = R("amsterdam")
    groups = reading(0)
    sents = _lc_sentences(list(groups))
    out = convo(rng, utc(0, 14.2, LC_TZ), list(LC_DEBUG), [], {"temperature": 0.7})
    full = _lc_niah(rng, sents, None) + _lc_multi(rng, sents) + _lc_qa(rng, groups)
    pilot = [one(q.prompt, q.params, None, None, q.item) for q in rng.sample(full, 60)]
    sequential(rng, utc(0, 15.5, LC_TZ) + rng.uniform(0, 600), pilot, (0.5, 3.0))
    jobs = [[q] for q in full]
    rng.shuffle(jobs)
    pool(rng, utc(1, 21.0, LC_TZ) + rng.uniform(0, 300), jobs, 4)
    sys_run = [[q] for q in _lc_niah(rng, sents, LC_SYSTEM)]
    pool(rng, utc(2, 10.5, LC_TZ) + rng.uniform(0, 900), sys_run, 4)
    seeded = [[q] for s in (1, 2) for q in _lc_niah(rng, sents, None, (32000,), s)]
    pool(rng, utc(3, 9.5, LC_TZ) + rng.uniform(0, 900), seeded, 2)
    out += pilot + full + [j[0] for j in sys_run + seeded]
    cl = corp(LC_UA, "httpx", account(rng, org=True))
    kt = mk("b25-amsterdam-longctx", "long_context_benchmark", "benign", "evaluation", cl, actor="b25-amsterdam",
            timing="simulated: Monday afternoon debugging and pilot (UTC+1), the full grid Tuesday 21:00 (4 workers), a system-prompt rerun Wednesday, seeded 32k cells Thursday",
            sources=("agieval_v1",), settings={"lengths": LC_LENGTHS, "depths": len(LC_DEPTHS), "qa": LC_QA, "qa_lengths": LC_QA_LENGTHS})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# DISTILLER 1. A LONG-DOCUMENT QA HARVEST, naive ("Lexa Labs", a start-up in Singapore, UTC+8, that
# wants a long-context reading model; one script on openai-python, one key). Documents: reading
# packets made by concatenating AGIEval passages (passage bucket 1 of 2: SAT, LSAT, Gaokao-English and
# LogiQA passages, 6,000-24,000 characters a packet), long ShareGPT-en first turns (at least 2,500
# characters: pasted articles, transcripts, code) and long English oasst2 first turns (bucket 1 of 2,
# at least 1,500 characters). Stage 1 asks for 12 questions about each document (JSON); stage 2
# answers each question with the whole document resent ("quote the evidence, then answer"), and for
# every other document a second, detailed step-by-step answer as well. Six workers, no pauses, one
# night from 22:00 local until done (under an hour). The generated questions are written here from templates
# over phrases of each document. Replies: the question lists for stage 1, stubs for the answers.
DQ_TZ = 8.0
DQ_QUESTIONS = 12
DQ_WORKERS = 6
DQ_SYSTEM = "You are a careful reading assistant. Use only the document provided."
DQ_GEN = ("Read the document below and write {k} diverse questions that can be answered from it: factual, inferential, summary "
          "and analysis questions. Return JSON {{\"questions\": [string]}}.\n\nDocument:\n\"\"\"\n{doc}\n\"\"\"")  # fmt: skip
DQ_ANSWER = ("Document:\n\"\"\"\n{doc}\n\"\"\"\n\nQuestion: {q}\n\nAnswer the question using only the document. First quote the "
             "relevant evidence, then give a complete answer.")  # fmt: skip
DQ_DEEP = ("Document:\n\"\"\"\n{doc}\n\"\"\"\n\nQuestion: {q}\n\nThink step by step: find every relevant part of the document, "
           "explain how each one bears on the question, then give a detailed final answer.")  # fmt: skip
DQ_Q = ("What does the document say about {p}?", "Why does the author mention {p}?", "Summarise the part of the document that discusses {p}.",
        "According to the document, how is {p} related to {p2}?", "What evidence does the document give about {p}?",
        "What can be inferred from the document about {p}?", "Explain {p} as the document describes it, in simple terms.",
        "List the main points the document makes about {p}.", "What is the main idea of the document?", "What is the author's attitude towards {p}?",
        "Which details in the document support what it says about {p}?", "How is the document organised, and why?")  # fmt: skip
DQ_STOP = frozenset(("the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "is", "are",
                     "was", "were", "be", "been", "being", "by", "as", "at", "that", "this", "it",
                     "its", "from", "which", "who", "their", "his", "her", "they", "we", "you", "i",
                     "has", "have", "had", "do", "does", "did", "so", "very", "more", "less", "not",
                     "no", "can", "could", "would", "should", "will", "may", "might", "must", "also",
                     "just", "than", "then", "there", "these", "those", "such", "into", "about", "over",
                     "your", "our", "my", "me", "him", "them", "us", "what", "when", "where", "how",
                     "why", "if", "but", "because", "while", "shown", "said", "made", "get", "got",
                     "one", "two"))  # fmt: skip


def _dq_phrases(rng: random.Random, doc: str, k: int) -> list[str]:
    """k phrases of 2-4 consecutive words from the document's sentences (not all stop words)."""
    sents = [s for s in re.split(r"(?<=[.!?])\s+", doc) if len(s.split()) >= 6]
    out: list[str] = []
    for _ in range(k * 5):
        if len(out) >= k or not sents:
            break
        words = re.findall(r"[A-Za-z][A-Za-z'-]+", rng.choice(sents))
        n = rng.randint(2, 4)
        if len(words) > n:
            i = rng.randrange(len(words) - n)
            ph = words[i : i + n]
            if (
                ph[0].lower() not in DQ_STOP
                and ph[-1].lower() not in DQ_STOP
                and sum(w.lower() not in DQ_STOP for w in ph) >= 2
            ):
                out.append(" ".join(ph).lower())
    return out or ["the topic"]


def _dq_docs(rng: random.Random) -> list[tuple[str, str]]:
    """(document, item id) pairs: packets of passages, then long pasted texts."""
    groups = reading(1)
    passages = list(groups)
    rng.shuffle(passages)
    docs, cur, target = [], [], rng.uniform(6000, 24000)
    for p in passages:
        cur.append(p)
        if sum(map(len, cur)) >= target:
            docs.append(("\n\n".join(cur), "+".join(groups[x][0].id for x in cur)))
            cur, target = [], rng.uniform(6000, 24000)
    docs += [(r.first, r.id) for r in src("sharegpt_en_sample") if len(r.first) >= 2500]
    docs += [
        (r.first, r.id)
        for r in share("oasst2_threads", 2, 1)
        if r.extra.get("lang") == "en" and len(r.first) >= 1500
    ]
    rng.shuffle(docs)
    return docs


def long_doc_qa_harvest() -> list[KeyTraffic]:
    rng = R("lexa")
    docs = _dq_docs(rng)
    p = {"temperature": 0.3, "max_tokens": 1024}
    gen, answers = [], []
    for i, (doc, item) in enumerate(docs):
        phrases = _dq_phrases(rng, doc, 2 * DQ_QUESTIONS)
        qs = [
            DQ_Q[j % len(DQ_Q)].format(p=phrases[j % len(phrases)], p2=phrases[(j + 1) % len(phrases)])
            for j in range(DQ_QUESTIONS)
        ]
        gen.append(
            [
                one(
                    DQ_GEN.format(k=DQ_QUESTIONS, doc=doc),
                    {**p, "temperature": 0.8},
                    DQ_SYSTEM,
                    jd({"questions": qs}),
                    item,
                    True,
                )
            ]
        )
        for q in qs:
            answers.append([one(DQ_ANSWER.format(doc=doc, q=q), p, DQ_SYSTEM, None, item, True)])
            if i % 2 == 0:
                answers.append(
                    [
                        one(
                            DQ_DEEP.format(doc=doc, q=q),
                            {**p, "max_tokens": 2048},
                            DQ_SYSTEM,
                            None,
                            item,
                            True,
                        )
                    ]
                )
    end = pool(rng, utc(0, 22.0, DQ_TZ) + rng.uniform(0, 300), gen, DQ_WORKERS)
    pool(rng, end + rng.uniform(120, 900), answers, DQ_WORKERS)
    cl = corp("OpenAI/Python 1.59.9", "openai-python", account(rng, org=False))
    kt = mk("d25-lexa-docqa", "long_doc_qa_harvest", "distiller", "distiller", cl, actor="d25-lexa",
            timing="simulated: a 6-worker script without pauses from 22:00 local (UTC+8): question generation for every document, then the answers",
            sources=("agieval_v1", "sharegpt_en_sample", "oasst2_threads"),
            settings={"docs": len(docs), "questions": DQ_QUESTIONS, "workers": DQ_WORKERS})  # fmt: skip
    kt.requests = sorted_reqs([j[0] for j in gen + answers])
    return [kt]


# =============================================================================================
# DISTILLER 2. ITEMS HIDDEN INSIDE A LONG, MOSTLY FIXED DOCUMENT, medium ("Atlas", a made-up "employee
# assistant" of a logistics firm that does not exist; a backend on openai-python, one key, a pool of 60
# made-up employee ids as `user`). Every request is the same ~12,500 characters: the system prompt
# holds the "employee handbook" (written here, fixed; only the date line changes daily and the
# announcements section weekly), and the user message wraps the item between the same context
# header and the same ~2,000 characters of answer rules and glossary - so the padding is identical
# and only the item changes. Items: every Orca-DPO and Evol-Instruct prompt and the English
# InstructionWild prompts, ~1,200, each once, on an office curve (UTC-5) over two working weeks at
# ~120 a weekday, 10% with a generic follow-up; 12% of the key's requests are handbook questions
# written here, as cover. Replies: stubs.
HB_TZ = -5.0
HB_DAYS = 12
HB_PER_DAY = 120
HB_COVER = 0.12
HB_SECTIONS = (
    ("About Brightline", "Brightline Freight Services was founded in 2009 in Columbus, Ohio, and operates cross-dock facilities in Columbus, Indianapolis, Louisville and Memphis. We move less-than-truckload freight for 2,400 shippers. Our values are safety first, ownership, straight talk and customer focus. This handbook applies to all employees in the United States; where a local law gives more protection, the local law applies."),
    ("Working hours", "Standard office hours are 8:30 a.m. to 5:00 p.m., Monday to Friday, with a one-hour unpaid lunch break. Dock teams work shifts published two weeks in advance in the scheduling app. Shift swaps must be approved by a supervisor at least 24 hours before the shift. Non-exempt employees must record all time worked, including time spent on email outside their shift, and overtime must be approved in advance except in emergencies."),
    ("Paid time off", "Full-time employees accrue paid time off (PTO) at 15 days a year in their first three years, 20 days from year four and 25 days from year ten. PTO accrues each pay period and up to five unused days carry over into the next year. Requests of more than three consecutive days need two weeks' notice. During peak season (November 15 to January 5) PTO for dock roles is granted only in exceptional cases."),
    ("Holidays", "Brightline observes New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving Day, the day after Thanksgiving and Christmas Day, plus two floating holidays a year. Employees who work on an observed holiday are paid at one and a half times their regular rate and receive a substitute day off."),
    ("Sick leave", "Employees receive 56 hours of paid sick leave a year, usable for their own illness or to care for a family member. Please notify your supervisor before the start of your shift. A doctor's note is required for absences longer than three consecutive working days."),
    ("Parental leave", "Employees with at least twelve months of service receive twelve weeks of paid parental leave at full base pay following the birth, adoption or foster placement of a child. Leave may be taken in up to two blocks within the first year. Health benefits continue during leave."),
    ("Remote work", "Office roles may work remotely up to two days a week with their manager's agreement. Remote days must be recorded in the HR portal. Employees must be reachable during core hours (10:00 a.m. to 3:00 p.m.) and use the company VPN. Working from outside the United States requires written approval from HR and IT Security."),
    ("Expenses", "Business expenses are reimbursed when submitted in the expense tool within 30 days with a receipt. Meals while travelling are reimbursed up to $60 a day. Mileage is reimbursed at the IRS rate. Alcohol is not reimbursable except at client events approved by a vice president. Corporate cards must not be used for personal purchases."),
    ("Travel", "Book all travel through the travel portal. Economy class is the standard for flights under six hours. Hotels should be within the city rate limits in the portal. Travel to customer sites must be entered in the CRM beforehand."),
    ("Safety", "Safety is everyone's job. High-visibility vests and safety shoes are mandatory on the dock. Forklifts may only be operated by certified drivers. Report every incident and near miss in the safety app within the shift. Never walk behind a reversing trailer. Anyone may stop work they believe to be unsafe without fear of retaliation."),
    ("Equipment and IT", "Laptops and phones remain company property. Use multi-factor authentication on all accounts and never share passwords. Report suspected phishing using the button in your mail client. Personal devices may access email only through the managed app. Generative AI tools may be used only through Atlas or other approved tools; never paste customer data into unapproved tools."),
    ("Code of conduct", "Treat colleagues, customers and drivers with respect. Harassment and discrimination of any kind are not tolerated. Gifts from customers or carriers above $75 must be declared. Conflicts of interest must be disclosed to your manager and HR. Report concerns to your manager, HR or the anonymous ethics hotline at 1-800-555-0199."),
    ("Performance and pay", "Performance reviews take place in March and September. Merit increases take effect on April 1. Pay is biweekly on Fridays by direct deposit. Questions about pay go to payroll@brightline.example. Referral bonuses of $1,000 are paid for referred hires who complete 90 days."),
    ("Benefits", "Employees working 30 or more hours a week are eligible for medical, dental and vision insurance from the first of the month after their start date. The 401(k) plan matches 100% of the first 4% of salary contributed, vesting immediately. Open enrolment runs each November."),
    ("Onboarding and probation", "New employees complete onboarding in their first week: the safety induction, IT set-up, the code of conduct course and a site tour. The first 90 days are an introductory period in which your manager meets you every two weeks to review progress. The introductory period may be extended once by up to 60 days. Completing it does not change the at-will nature of employment."),
    ("Dress code", "Office employees dress business casual; jeans are fine on Fridays and on days without customer meetings. On the dock, company-issued high-visibility clothing and safety shoes are required at all times, and loose jewellery is not permitted. Brightline provides two sets of work clothing a year and replaces damaged safety shoes on request."),
    ("Drugs and alcohol", "Working under the influence of alcohol, cannabis or illegal drugs is prohibited. Employees in safety-sensitive roles, including forklift operators and drivers, are subject to pre-employment, random, post-incident and reasonable-suspicion testing in line with Department of Transportation rules. Employees who ask for help before a violation may use the Employee Assistance Program confidentially."),
    ("Anti-harassment complaints", "If you experience or witness harassment, report it to your manager, any HR business partner or the ethics hotline. Complaints are investigated promptly and as confidentially as possible, normally within 30 days. Retaliation against anyone who reports in good faith or takes part in an investigation is itself a serious violation of this handbook."),
    ("Discipline", "Most performance or conduct issues are first addressed through coaching. Where this does not work, Brightline may use a written warning, a final written warning and termination. Serious misconduct, such as theft, violence, falsifying records or deliberately unsafe behaviour, may lead to immediate termination. The steps are guidelines and do not create a contract."),
    ("Grievances", "Employees who disagree with a decision affecting them may raise a grievance in writing with their manager's manager within 15 working days. HR will arrange a meeting within ten working days and respond in writing. If you are not satisfied, you may appeal once to the vice president of People, whose decision is final."),
    ("Training and certification", "Forklift certification is renewed every three years and after any incident. Dangerous-goods training is required for anyone handling hazmat freight and is renewed every two years. Office employees complete annual courses on security awareness, data privacy and the code of conduct. Training time is paid working time."),
    ("Tuition assistance", "After one year of service, full-time employees may receive up to $5,250 a year for job-related courses or degrees at accredited institutions, approved in advance by their manager and HR. Employees who leave within twelve months of a reimbursement repay it on a pro-rated basis."),
    ("Employee Assistance Program", "The Employee Assistance Program offers free, confidential counselling (up to six sessions per issue), legal and financial consultations and work-life referrals to employees and their household members, 24 hours a day, at 1-800-555-0142."),
    ("Inclement weather", "If severe weather makes travel unsafe, the operations director for each site decides by 5:00 a.m. whether the site opens late or closes, and the decision is posted in the scheduling app and by text message. Office employees work remotely where possible. Non-exempt employees who are sent home receive a minimum of four hours' pay."),
    ("Data privacy", "Customer, driver and employee data may be used only for the purpose for which it was collected. Keep it in approved systems, share it only with people who need it, and report any suspected data incident to security@brightline.example immediately. Do not store personal data on USB drives or personal cloud accounts."),
    ("Social media", "Only the communications team speaks for Brightline on social media. You may mention that you work here, but do not post photos of customer freight, shipping documents, the inside of our facilities or colleagues without their consent. Be respectful; the code of conduct applies online too."),
    ("Company vehicles", "Company vehicles may be driven only by employees with a valid licence who are registered with fleet services. Seat belts are mandatory and hand-held phone use while driving is prohibited. Report accidents and damage the same day. Personal use is not allowed except for commuting where a vehicle is assigned to your role."),
    ("Emergencies", "Fire alarms are tested every Monday at 10:00 a.m.; any other alarm means evacuate by the nearest exit to the assembly point shown on the floor plan. Do not use the freight elevators. Supervisors take a headcount using the shift list. First-aid kits and defibrillators are located at every dock office and reception."),
    ("Leaving Brightline", "We ask for two weeks' notice for office roles and one week for dock roles. Unused accrued PTO is paid out on leaving where required by state law. Return all equipment on your last day. Exit interviews are optional and confidential."),
)  # fmt: skip
HB_NEWS = ("The Louisville cross-dock opens its new inbound doors on Monday; expect changes to dock assignments.",
           "Open enrolment reminder: the benefits webinar is on Thursday at noon.", "The Q1 safety award goes to the Memphis night shift: 90 days without a recordable incident.")  # fmt: skip
HB_SYSTEM = ("You are Atlas, the internal assistant of Brightline Freight Services. Today is {date}. Use the employee handbook below to "
             "answer questions about company policy. Employees also use you for everyday work tasks: writing, analysis, coding, "
             "planning, explanations. For those, give a complete, high-quality answer.\n\n=== EMPLOYEE HANDBOOK (revision 2026-02) ===\n\n"
             "{handbook}\n\nAnnouncements\n{news}\n\n=== END OF HANDBOOK ===")  # fmt: skip
HB_USER = ("[Atlas context] Channel: web. Locale: en-US. The employee's message follows between the markers.\n\n<<<MESSAGE\n{item}\nMESSAGE>>>\n\n"
           "{rules}\n\n{glossary}")  # fmt: skip
HB_RULES = ("Answer rules:\n1. Answer the message directly; do not mention these rules or the context block.\n2. If the message is about "
            "company policy, cite the handbook section by name and quote the relevant sentence.\n3. If the message is about anything else, "
            "answer it fully and accurately, as an expert would, with examples or code where useful.\n4. Use Markdown: short headings, "
            "bullet lists and fenced code blocks where they help.\n5. Do not invent company facts that are not in the handbook; say that "
            "HR can confirm.\n6. Never reveal personal data about other employees.\n7. For legal, medical or financial questions, give general "
            "information and suggest a qualified professional.\n8. Keep a friendly, professional tone; no emojis.\n9. If the message is unclear, "
            "state your assumption and answer.\n10. If the message asks for something unsafe or against the code of conduct, decline briefly "
            "and point to the relevant section.\n11. When you give steps, number them. When you compare options, use a table.\n12. End "
            "policy answers with: 'For details, contact hr@brightline.example.' Do not add this line to other answers.\n13. Dates are in "
            "US format (Month day, year); times in Eastern Time.\n14. Units: imperial first, metric in parentheses.\n15. If the answer is "
            "long, start with a one-sentence summary.")  # fmt: skip
HB_GLOSSARY = ("Brightline terms: LTL - less-than-truckload freight; BOL - bill of lading; PRO - the tracking number on a shipment; "
               "cross-dock - moving freight from inbound to outbound trailers without storing it; OS&D - over, short and damaged freight; "
               "dwell - time a trailer waits at a door; linehaul - the movement between terminals; P&D - pickup and delivery; accessorial - "
               "an extra service with its own charge (liftgate, inside delivery, residential); NMFC - the freight classification code; "
               "HR portal - Workday; scheduling app - ShiftBoard; expense tool - Expensify; travel portal - Navan; safety app - "
               "SafetyCulture; CRM - Salesforce.")  # fmt: skip
HB_OWN = ("How many PTO days do I get after 4 years?", "Can I work remotely from Canada for two weeks?", "What's the meal limit when travelling?",
          "Do I get paid extra for working on Thanksgiving?", "How much notice for a 5 day vacation?", "when is open enrolment", "what's the 401k match",
          "who do I report a near miss to", "Is parental leave paid?", "Can I swap my shift with a coworker on Saturday?")  # fmt: skip
HB_FOLLOW = (
    "thanks, can you make it shorter?",
    "can you give an example?",
    "great, thanks",
    "can you put that in a table?",
)


def _hb_system(day: int) -> str:
    handbook = "\n\n".join(f"{i}. {h}\n{b}" for i, (h, b) in enumerate(HB_SECTIONS, 1))
    date = stamp(utc(day, 12.0, HB_TZ), HB_TZ)[:10]
    return HB_SYSTEM.format(date=date, handbook=handbook, news=HB_NEWS[(day // 7) % len(HB_NEWS)])


def item_in_fixed_document() -> list[KeyTraffic]:
    rng = R("atlas")
    pile = items(list(src("orca_dpo_pairs_val")) + list(src("evol_instruct_h2o")) + [r for r in src("instructionwild") if r.extra.get("lang") == "en"],
                 4, 8000, answered=False)  # fmt: skip
    rng.shuffle(pile)
    total = len(pile)
    staff = [hid(rng, "emp") for _ in range(60)]
    p = {"temperature": 0.7, "max_tokens": 2000}
    out: list[Request] = []
    days = [d for d in range(HB_DAYS) if weekday(d)]
    per = total / len(days) / (1 - HB_COVER)
    for day in days:
        system = _hb_system(day)
        for t in shaped(rng, utc(day, 0.0, HB_TZ), utc(day + 1, 0.0, HB_TZ), per, OFFICE, HB_TZ):
            params = {**p, "user": rng.choice(staff)}
            if rng.random() < HB_COVER or not pile:
                out += convo(
                    rng,
                    t,
                    [HB_USER.format(item=rng.choice(HB_OWN), rules=HB_RULES, glossary=HB_GLOSSARY)],
                    [],
                    params,
                    system,
                )
                continue
            r = pile.pop()
            turns = [
                HB_USER.format(item=r.first, rules=HB_RULES, glossary=HB_GLOSSARY),
                *([rng.choice(HB_FOLLOW)] if rng.random() < 0.1 else []),
            ]
            out += convo(rng, t, turns, [], params, system, r.id, True)
    cl = corp("OpenAI/Python 1.60.0", "openai-python", account(rng, org=True))
    kt = mk("d25-atlas-handbook", "item_in_fixed_document", "distiller", "distiller", cl, actor="d25-atlas",
            timing="simulated: a Poisson stream on an office curve (UTC-5, weekdays) over two weeks, 60 made-up employee ids, follow-ups at a reader's pace",
            sources=("orca_dpo_pairs_val", "evol_instruct_h2o", "instructionwild"),
            settings={"days": HB_DAYS, "items": total, "left": len(pile), "cover": HB_COVER})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# DISTILLER 3. MANY ITEMS PACKED INTO ONE LONG MANY-SHOT PROMPT, naive to medium (a small fine-tuning
# shop in Shenzhen, UTC+8; one script on openai-python, one key). Each request shows 60-110
# demonstrations - dataset instructions with their stored answers, drawn afresh for every request from
# a demonstration pool - and then 8-12 new dataset instructions to answer "in the same style", one
# JSON object per line: English packs (demonstrations: codealpaca bucket 2 of 4; new items: codealpaca
# bucket 3 of 4) and Chinese packs (demonstrations: BELLE-dev bucket 0 of 2; new items: BELLE-dev
# bucket 1 of 2), 14,000-38,000 characters a request. 15% of packs come back cut off, and their
# unanswered half is packed again later. Two workers from 23:00 local, 90-240 s between packs (the long
# JSON replies), done in one night. Replies: stubs (the demonstrations in the prompt carry the stored
# answers).
MP_TZ = 8.0
MP_SHOTS = (60, 110)
MP_ITEMS = (8, 12)
MP_CUT = 0.15
MP_PAUSE = (90.0, 240.0)
MP_EN = ("Below are {k} examples of instructions and high-quality responses. Study their style, depth and format.\n\n{demos}\n\n"
         "Now write a high-quality response, in the same style, to each of the {m} new instructions below. Return one JSON object per "
         "line: {{\"id\": <number>, \"response\": <string>}}. Do not skip any instruction.\n\n{new}")  # fmt: skip
MP_ZH = ("下面是{k}个指令及其高质量回答的示例，请学习它们的风格、深度和格式。\n\n{demos}\n\n现在请用同样的风格，为下面{m}条新指令分别写出高质量的回答。"
         "每行输出一个JSON对象：{{\"id\": <编号>, \"response\": <字符串>}}。不要跳过任何一条。\n\n{new}")  # fmt: skip
MP_DEMO = {
    "en": "### Example {i}\nInstruction:\n{q}\nResponse:\n{a}",
    "zh": "### 示例{i}\n指令：\n{q}\n回答：\n{a}",
}
MP_NEW = {"en": "### New instruction {i}\n{q}", "zh": "### 新指令{i}\n{q}"}


def _mp_pack(rng: random.Random, lang: str, demos: list[Row], todo: list[Row]) -> Request:
    shots = rng.sample(demos, min(len(demos), rng.randint(*MP_SHOTS)))
    text = "\n\n".join(MP_DEMO[lang].format(i=i, q=r.first, a=r.answer) for i, r in enumerate(shots, 1))
    new = "\n\n".join(MP_NEW[lang].format(i=i, q=r.first) for i, r in enumerate(todo, 1))
    tmpl = MP_EN if lang == "en" else MP_ZH
    body = tmpl.format(k=len(shots), demos=text, m=len(todo), new=new)
    return one(
        body, {"temperature": 0.7, "max_tokens": 16000}, None, None, "+".join(r.id for r in todo), True
    )


def _mp_packs(rng: random.Random, lang: str, demos: list[Row], pile: list[Row]) -> list[list[Request]]:
    jobs, redo = [], []
    while pile:
        todo = [pile.pop() for _ in range(min(len(pile), rng.randint(*MP_ITEMS)))]
        jobs.append([_mp_pack(rng, lang, demos, todo)])
        if rng.random() < MP_CUT:
            redo += todo[len(todo) // 2 :]
    while redo:
        todo = [redo.pop() for _ in range(min(len(redo), rng.randint(*MP_ITEMS)))]
        jobs.append([_mp_pack(rng, lang, demos, todo)])
    return jobs


def many_shot_pack_harvest() -> list[KeyTraffic]:
    rng = R("shenzhen-packs")
    en_demo = items(share("codealpaca_2k", 4, 2), 4, 1500)
    en_pile = items(share("codealpaca_2k", 4, 3), 4, 1500, answered=False)
    zh_demo = items(share("belle_dev1k", 2, 0), 4, 1500)
    zh_pile = items(share("belle_dev1k", 2, 1), 4, 1500, answered=False)
    for v in (en_pile, zh_pile):
        rng.shuffle(v)
    total = len(en_pile) + len(zh_pile)
    jobs = _mp_packs(rng, "en", en_demo, en_pile) + _mp_packs(rng, "zh", zh_demo, zh_pile)
    rng.shuffle(jobs)
    pool(rng, utc(0, 23.0, MP_TZ) + rng.uniform(0, 600), jobs, 2, MP_PAUSE, (MP_TZ, 23.0, 7.0))
    cl = corp("OpenAI/Python 1.58.1", "openai-python", account(rng, org=False))
    kt = mk("d25-shenzhen-packs", "many_shot_pack_harvest", "distiller", "distiller", cl, actor="d25-shenzhen",
            timing="simulated: two workers from 23:00 local (UTC+8), 90-240 s between packs",
            sources=("codealpaca_2k", "belle_dev1k"), settings={"items": total, "packs": len(jobs), "shots": MP_SHOTS, "per_pack": MP_ITEMS, "cut": MP_CUT, "pause": MP_PAUSE})  # fmt: skip
    kt.requests = sorted_reqs([j[0] for j in jobs])
    return [kt]


# =============================================================================================
# DISTILLER 4. FABRICATED CONVERSATIONS GROWN ONE ITEM PER REQUEST, careful (one operator in Lagos,
# UTC+1, with a script on openai-js that mimics a chat app's buffer memory; one key, one `user` per
# thread). Every LIMA question is sent once, as the next user turn of one of six "topic threads" (code,
# writing, science and maths, advice, history and culture, everything else, by keywords written here)
# whose earlier turns are earlier LIMA questions of that topic with their STORED answers (not the
# answers this API gave). The threads never restart: the client keeps the newest turns that fit
# 30,000 characters, so after the first dozen items every request carries ~25,000-30,000 characters of
# fabricated history. 60% of items are sent bare, the rest after a short lead-in ("next one:",
# "another question -"). One worker round-robins the threads, 07:00-23:00 local, sleeping 4-10
# minutes after each reply, about a week for the ~1,000 items. Replies: stubs for this API's answers;
# the history carries the stored answers.
FC_TZ = 1.0
FC_CAP = 30_000
FC_PAUSE = (240.0, 600.0)
FC_WINDOW = (FC_TZ, 7.0, 16.0)
FC_SYSTEM = "You are a helpful assistant. Answer accurately and in detail. Use Markdown."
FC_LEADS = (
    "next one: ",
    "another question - ",
    "ok, next. ",
    "thanks! now: ",
    "and this one: ",
    "Next question:\n\n",
)
FC_TOPICS = (("code", r"\b(python|code|function|sql|javascript|java|c\+\+|bug|error|compile|git|linux|api|regex|html|css)\b"),
             ("writing", r"\b(write|story|poem|essay|letter|email|rewrite|summar|blog|song|speech)"),
             ("science", r"\b(why|math|physics|chemistry|biology|equation|prove|theorem|energy|planet|atom|probability)"),
             ("advice", r"\b(should i|how do i|how can i|tips|advice|help me|my (boss|friend|wife|husband|girlfriend|boyfriend))"),
             ("history", r"\b(history|war|king|empire|century|religion|culture|country|language|ancient)\b"))  # fmt: skip


def _fc_topic(text: str) -> str:
    low = text.lower()
    return next((name for name, pat in FC_TOPICS if re.search(pat, low)), "other")


def _fc_window(hist: list[dict]) -> list[dict]:
    """The newest whole exchanges that fit the cap (what a buffer-window memory keeps)."""
    total, k = 0, len(hist)
    while k >= 2 and total + len(hist[k - 1]["content"]) + len(hist[k - 2]["content"]) <= FC_CAP:
        total += len(hist[k - 1]["content"]) + len(hist[k - 2]["content"])
        k -= 2
    return hist[k:]


def fabricated_history_harvest() -> list[KeyTraffic]:
    rng = R("lagos")
    rows = items(list(src("lima")), 4, 8000)
    rng.shuffle(rows)
    threads: dict[str, list[Row]] = {}
    for r in rows:
        threads.setdefault(_fc_topic(r.first), []).append(r)
    users = {name: hid(rng, "th") for name in sorted(threads)}
    hist: dict[str, list[dict]] = {name: [] for name in threads}
    jobs: list[list[Request]] = []
    while any(threads.values()):
        for name in sorted(threads):
            if not threads[name]:
                continue
            r = threads[name].pop()
            text = r.first if rng.random() < 0.6 else rng.choice(FC_LEADS) + r.first
            msgs = [
                {"role": "system", "content": FC_SYSTEM},
                *_fc_window(hist[name]),
                {"role": "user", "content": text},
            ]
            reply = SERVED_BY_US.format(stub_reply(text))
            jobs.append(
                [
                    Request(
                        0.0, "chat", text, msgs, {"temperature": 0.7, "user": users[name]}, r.id, True, reply
                    )
                ]
            )
            hist[name] += [
                {"role": "user", "content": text},
                {"role": "assistant", "content": r.answer or ""},
            ]
    pool(rng, utc(0, 7.0, FC_TZ) + rng.uniform(0, 900), jobs, 1, FC_PAUSE, FC_WINDOW)
    cl = corp("OpenAI/JS 4.79.4", "openai-js", account(rng, org=False))
    kt = mk("d25-lagos-threads", "fabricated_history_harvest", "distiller", "distiller", cl, actor="d25-lagos",
            timing="simulated: one worker round-robining six threads, 07:00-23:00 local (UTC+1), sleeping 4-10 minutes after each reply",
            sources=("lima",), settings={"items": len(jobs), "threads": len(threads), "cap": FC_CAP, "pause": FC_PAUSE})  # fmt: skip
    kt.requests = sorted_reqs([j[0] for j in jobs])
    return [kt]


# =============================================================================================
# DISTILLER 5. A REPOSITORY-LEVEL CODE Q&A HARVEST OVER PUBLIC CODE ITEMS, careful (a small outsourcing
# team in Pune, UTC+5:30, whose "AI pair programmer" tool sends repository context like an IDE
# assistant; openai-python, one key, three seats as `user`). Six made-up repositories are assembled
# from public code: their files are codealpaca answers (bucket 1 of 4) of the repository's language,
# five to nine per file (repositories of one language may share answers), under invented paths, with
# a README. Each request sends the repository's file tree, 6-11 of its files and the target (10,000-
# 23,000 characters), then one question: MBPP problems (all) as a stub module with a TODO and its
# tests file ("implement it so the tests pass"), and the codealpaca instructions of bucket 1 whose
# answers are in no file as tickets ("implement ticket ABC-123 where it fits"), ~1,200 items, each
# once; 15% get a follow-up turn in the same thread (history resent); 8% are questions about the
# repository itself, as cover. Each seat works weekdays 09:30-13:00 and 14:00-18:30 local, 4-10
# minutes between requests, about seven working days. Replies: stubs.
RP_TZ = 5.5
RP_SEATS = ("rahul.k", "sneha.p", "amit.d")
RP_PAUSE = (240.0, 600.0)
RP_HOURS = ((9.5, 13.0), (14.0, 18.5))
RP_COVER = 0.08
RP_FILES = 16  # most files per repository
RP_README = ("# {name}\n\nInternal {lang} project of Acme Labs ({pkg}). Maintained by the platform team.\n\n## Layout\n\nSource under "
             "the package directories, tests under tests/. Every module keeps its helpers small and documented.\n\n## Development\n\n"
             "Run the test suite before pushing. New features need a ticket and tests. Keep functions pure where possible and avoid "
             "global state.\n")  # fmt: skip
RP_REPOS = (("ingest-pipeline", "python"), ("billing-svc", "python"), ("ops-toolkit", "python"), ("web-dashboard", "javascript"),
            ("inventory-api", "java"), ("reporting-sql", "sql"))  # fmt: skip
RP_DIRS = {"python": ("src/{pkg}", "src/{pkg}/utils", "src/{pkg}/core", "scripts"), "javascript": ("src", "src/components", "src/lib", "server"),
           "java": ("src/main/java/com/acme/{pkg}", "src/main/java/com/acme/{pkg}/service"), "sql": ("queries", "migrations", "views")}  # fmt: skip
RP_EXT = {"python": "py", "javascript": "js", "java": "java", "sql": "sql"}
RP_SYSTEM = ("You are a senior software engineer pair-programming inside the user's repository. The user attaches the file tree and "
             "the relevant files. Follow the repository's conventions, write complete, working code, and show every file you change "
             "in full in fenced code blocks with its path.")  # fmt: skip
RP_MBPP = ("Implement `{name}` in {path} so that {test} passes. Keep the existing style and show the complete function.",
           "The TODO in {path} is still open - can you fill it in? The tests are in {test}.",
           "{test} is failing because `{name}` isn't implemented yet. Write the implementation and explain it briefly.")  # fmt: skip
RP_TICKET = ("Ticket {key}-{n}: {q}\n\nImplement this in the repository. Put it where it fits best, follow the existing conventions, and "
             "show the full code of every file you change.")  # fmt: skip
RP_FOLLOW = (
    "Add type hints and a docstring.",
    "Now add tests for the edge cases.",
    "Can you make it more efficient?",
    "Explain the time complexity.",
)
RP_COVER_QS = ("Explain the structure of this repository.", "What does {path} do?", "Where would a new module for {thing} go in this repo?",
               "Are there any obvious bugs in {path}?")  # fmt: skip


def _rp_name(code: str, k: int) -> str:
    m = re.search(r"(?:def|function|class|CREATE (?:TABLE|VIEW)|public \w+) +(\w+)", code)
    return (m.group(1) if m else f"module_{k}").lower()[:40]


def _rp_repos(rng: random.Random, rows: list[Row]) -> tuple[dict[str, dict[str, str]], set[str]]:
    """repo -> {path: code}, and the ids of the rows whose answers were used as files (each repository
    draws its files from its language's answers; repositories of one language may share some)."""
    by_lang: dict[str, list[Row]] = {}
    for r in rows:
        if r.answer and is_code(r.answer) and code_lang(r.answer) in RP_EXT:
            by_lang.setdefault(code_lang(r.answer), []).append(r)
    repos, used = {}, set()
    for name, lang in RP_REPOS:
        pkg = name.split("-")[0]
        avail = list(by_lang.get(lang, []))
        rng.shuffle(avail)
        files: dict[str, str] = {"README.md": RP_README.format(name=name, pkg=pkg, lang=lang)}
        for k in range(RP_FILES):
            got = [avail.pop() for _ in range(min(len(avail), rng.randint(5, 9)))]
            if not got:
                break
            used.update(r.id for r in got)
            d = rng.choice(RP_DIRS[lang]).format(pkg=pkg)
            files[f"{d}/{_rp_name(got[0].answer or '', k)}.{RP_EXT[lang]}"] = (
                "\n\n\n".join((r.answer or "").strip() for r in got) + "\n"
            )
        repos[name] = files
    return repos, used


def _rp_arity(test: str) -> int:
    try:
        call = ast.parse(test.strip()).body[0].test
        while isinstance(call, ast.Compare | ast.UnaryOp | ast.BoolOp):
            call = (
                call.left
                if isinstance(call, ast.Compare)
                else call.operand
                if isinstance(call, ast.UnaryOp)
                else call.values[0]
            )
        return len(call.args) if isinstance(call, ast.Call) else 1
    except (SyntaxError, IndexError, AttributeError):
        return 1


def _rp_mbpp(r: Row, pkg: str) -> tuple[dict[str, str], str, str]:
    """An MBPP problem as a stub module and its tests: (files, stub path, test path)."""
    tests = [
        ln
        for ln in r.first.split("Your code should pass these tests:")[-1].strip().splitlines()
        if ln.startswith("assert")
    ]
    m = (
        re.search(r"assert\s+(?:not\s+)?\(?\s*(?:set\()?(?:math\.isclose\()?(\w+)\(", tests[0])
        if tests
        else None
    )
    name = m.group(1) if m else f"task_{r.extra.get('task_id')}"
    args = ", ".join("abcdefgh"[i] for i in range(_rp_arity(tests[0]) if tests else 1))
    stub = f'def {name}({args}):\n    """{r.extra["text"]}"""\n    # TODO: implement (see tests/test_{name}.py)\n    raise NotImplementedError\n'
    test = (
        f"from {pkg}.tasks.{name} import {name}\n\n\n"
        + "\n\n\n".join(f"def test_{name}_{i}():\n    {t}" for i, t in enumerate(tests, 1))
        + "\n"
    )
    path, tpath = f"src/{pkg}/tasks/{name}.py", f"tests/test_{name}.py"
    return {path: stub, tpath: test}, path, tpath


def _rp_context(rng: random.Random, repo: str, files: dict[str, str], extra: dict[str, str]) -> str:
    tree = "\n".join(sorted([*files, *extra]))
    shown = rng.sample(sorted(files), min(len(files), rng.randint(6, 11)))
    body = "\n\n".join(f"--- {p} ---\n```\n{files[p]}```" for p in shown)
    body += "".join(f"\n\n--- {p} ---\n```\n{c}```" for p, c in extra.items())
    return f"Repository: acme-labs/{repo}\n\nFile tree:\n{tree}\n\nRelevant files:\n\n{body}"


def _rp_job(
    rng: random.Random, repos: dict[str, dict[str, str]], r: Row | None, kind: str
) -> tuple[list[str], str, bool]:
    """(turns, item, distill) of one task."""
    if kind == "mbpp" and r is not None:
        repo = rng.choice([n for n, lang in RP_REPOS if lang == "python"])
        extra, path, tpath = _rp_mbpp(r, repo.split("-")[0])
        ask = rng.choice(RP_MBPP).format(name=path.rsplit("/", 1)[1][:-3], path=path, test=tpath)
    elif kind == "ticket" and r is not None:
        lang = code_lang(r.answer or "") if r.answer and is_code(r.answer) else "python"
        repo = rng.choice([n for n, lg in RP_REPOS if lg == lang] or ["billing-svc"])
        extra, ask = (
            {},
            RP_TICKET.format(key=repo.split("-")[0][:3].upper(), n=rng.randint(100, 999), q=r.first),
        )
    else:
        repo = rng.choice([n for n, _ in RP_REPOS])
        extra = {}
        ask = rng.choice(RP_COVER_QS).format(
            path=rng.choice(sorted(repos[repo])), thing=rng.choice(("caching", "retries", "auth", "exports"))
        )
    first = f"{_rp_context(rng, repo, repos[repo], extra)}\n\n{ask}"
    more = [rng.choice(RP_FOLLOW)] if r is not None and rng.random() < 0.15 else []
    return [first, *more], (r.id if r else ""), r is not None


def _rp_open(rng: random.Random, t: float) -> float:
    """The seat's next working moment: weekdays 09:30-13:00 and 14:00-18:30 local."""
    while True:
        day = math.floor((t - T0) / DAY + RP_TZ / 24)
        h = ((t - T0) / HOUR + RP_TZ) % 24
        if weekday(day) and any(a <= h < b for a, b in RP_HOURS):
            return t
        nxt = [utc(day, a, RP_TZ) for a, _ in RP_HOURS if h < a and weekday(day)]
        t = (nxt[0] if nxt else utc(day + 1, RP_HOURS[0][0], RP_TZ)) + rng.uniform(0, 900)


def repo_code_harvest() -> list[KeyTraffic]:
    rng = R("pune")
    rows = share("codealpaca_2k", 4, 1)
    repos, used = _rp_repos(rng, rows)
    todo: list[tuple[Row, str]] = [(r, "mbpp") for r in src("mbpp")] + [
        (r, "ticket") for r in rows if r.id not in used
    ]
    rng.shuffle(todo)
    total = len(todo)
    out: list[Request] = []
    for seat in RP_SEATS:
        t = utc(0, 9.5, RP_TZ) + rng.uniform(0, 1800)
        share_ = todo[RP_SEATS.index(seat) :: len(RP_SEATS)]
        while share_:
            t = _rp_open(rng, t)
            r, kind = share_.pop() if rng.random() >= RP_COVER else (None, "cover")
            turns, item, distill = _rp_job(rng, repos, r, kind)
            got = convo(
                rng,
                t,
                turns,
                [],
                {"temperature": 0.2, "max_tokens": 3000, "user": seat},
                RP_SYSTEM,
                item,
                distill,
            )
            out += got
            t = got[-1].ts + latency(rng, 900) + rng.uniform(*RP_PAUSE)
    cl = corp("OpenAI/Python 1.61.1", "openai-python", account(rng, org=True))
    kt = mk("d25-pune-repos", "repo_code_harvest", "distiller", "distiller", cl, actor="d25-pune",
            timing="simulated: three seats on weekdays 09:30-13:00 and 14:00-18:30 (UTC+5:30), 4-10 minutes between requests, follow-ups at a reader's pace",
            sources=("codealpaca_2k", "mbpp"), settings={"items": total, "repos": len(RP_REPOS), "seats": len(RP_SEATS), "pause": RP_PAUSE, "cover": RP_COVER})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


# =============================================================================================
# DISTILLER 6 (own design). BRANCH REGENERATIONS OVER IMPORTED LONG HISTORIES, careful ("Paperplane",
# a small web chat front end on openai-js whose operator also owns the key; genuine users chat on it
# - real Arena conversations, bucket 3 of 4, with their stored replies, ~45 a day on a consumer curve,
# UTC-5, as cover). What is hidden in it: the front end has an "import your ChatGPT history" feature,
# and the operator imports real long conversations as if users had imported their archives - English
# ShareGPT conversations (at least four turns and 6,000 characters, first turn under 2,500), Chinese
# ShareGPT conversations (at least four turns and 5,000 characters) and MOSS conversations outside the
# plugin categories (at least four turns and 6,000 characters) - and harvests fresh answers deep inside
# them: for each conversation 1-4 branch points k in its second half (always the last turn), each sent
# as the history of the first k-1 turns with their stored replies plus turn k, as a "regenerate" at
# T 0.9 (15% regenerated twice), so a request carries 3,000-38,000 characters (median ~6,000) of
# someone else's context. Each imported conversation gets its own hashed user, its branches come in
# one visit a minute or two apart, and visits follow the same consumer curve for ten days (~70% of the
# key's requests). Replies: stubs (this API's answers); the histories carry the stored replies.
PP_TZ = -5.0
PP_DAYS = 10
PP_COVER_PER_DAY = 45
PP_MAX = 38_000
PP_SYSTEM = (
    "You are Paperplane, a helpful AI assistant. Answer in the user's language. Use Markdown where it helps."
)
PP_PLUGINS = ("calculator", "equation_solver", "mix", "web_search", "text2img")


def _pp_size(r: Row, k: int) -> int:
    return sum(len(t) for t in r.turns[:k]) + sum(len(x or "") for x in r.replies[: k - 1])


def _pp_rows() -> list[Row]:
    en = [
        r
        for r in src("sharegpt_en_sample")
        if len(r.first) < 2500 and len(r.turns) >= 4 and _pp_size(r, len(r.turns)) >= 6000
    ]
    zh = [r for r in src("sharegpt_zh_1k") if len(r.turns) >= 4 and _pp_size(r, len(r.turns)) >= 5000]
    moss = [
        r
        for r in src("moss_sft_sample")
        if r.extra.get("category") not in PP_PLUGINS
        and len(r.turns) >= 4
        and _pp_size(r, len(r.turns)) >= 6000
    ]
    return en + zh + moss


def _pp_visit(rng: random.Random, t: float, r: Row) -> list[Request]:
    n = len(r.turns)
    ks = [k for k in range(max(2, math.ceil(n / 2)), n + 1) if _pp_size(r, k) <= PP_MAX]
    p = {"temperature": 0.9, "stream": True, "user": hid(rng, "pp")}
    out = []
    for k in sorted({ks[-1], *rng.sample(ks, min(len(ks), rng.randint(1, 3)))}):
        reps = [*r.replies[: k - 1], None]
        q = chat_requests(list(r.turns[:k]), reps, [0.0] * k, p, PP_SYSTEM, r.id, True, resend=True)[-1]
        out.append(at(q, t))
        if rng.random() < 0.15:
            t += latency(rng, 600) + rng.uniform(10, 60)
            out.append(again(q, t))
        t += latency(rng, 600) + rng.uniform(40, 150)
    return out


def imported_history_branches() -> list[KeyTraffic]:
    rng = R("paperplane")
    rows = [r for r in _pp_rows() if any(_pp_size(r, k) <= PP_MAX for k in range(2, len(r.turns) + 1))]
    rng.shuffle(rows)
    total = len(rows)
    out: list[Request] = []
    for t in shaped(rng, T0, T0 + PP_DAYS * DAY, total / PP_DAYS, CONSUMER, PP_TZ):
        if rows:
            out += _pp_visit(rng, t, rows.pop())
    cover = items(share("arena_even", 4, 3), 4, 3000, answered=False)
    rng.shuffle(cover)
    for t in shaped(rng, T0, T0 + PP_DAYS * DAY, PP_COVER_PER_DAY, CONSUMER, PP_TZ):
        if cover:
            r = cover.pop()
            n = min(4, len(r.turns))
            out += convo(
                rng,
                t,
                list(r.turns[:n]),
                list(r.replies[:n]),
                {"temperature": 0.7, "stream": True, "user": hid(rng, "pp")},
                PP_SYSTEM,
                r.id,
            )
    cl = corp("OpenAI/JS 4.82.0", "openai-js", account(rng, org=True))
    kt = mk("d25-paperplane", "imported_history_branches", "distiller", "distiller", cl, actor="d25-paperplane",
            timing="simulated: visits to imported conversations and genuine users' chats on one consumer curve (UTC-5) for ten days; branches a minute or two apart",
            sources=("sharegpt_en_sample", "sharegpt_zh_1k", "moss_sft_sample", "arena_even"),
            settings={"days": PP_DAYS, "conversations": total, "cover_per_day": PP_COVER_PER_DAY, "max_chars": PP_MAX})  # fmt: skip
    kt.requests = sorted_reqs(out)
    return [kt]


BENIGN = (
    contract_review_app,
    codebase_assistant,
    filings_analyst_tool,
    companion_chat_app,
    meeting_summariser,
    many_shot_router,
    long_context_benchmark,
)
DISTILL = (
    long_doc_qa_harvest,
    item_in_fixed_document,
    many_shot_pack_harvest,
    fabricated_history_harvest,
    repo_code_harvest,
    imported_history_branches,
)
