"""Blind persona set 30 (an outside reviewer): 12 benign personas on 12 keys, 9 distiller actors on 17 keys.

Written blind: without reading the detector's code, docs, tests or results. What was read: the
realtraffic helpers (src/stillroom/detector/realtraffic/): __init__, records, timing, clients, pools and
context in full (benign, distill, evals, wordings, suite and replay were not opened; a `wc -l` of the
folder showed their names); detector/types.py. Of the earlier blind sets: round28's helpers and most of
its builders (the display cut a few stretches of long literals and builders), round29's docstring,
helpers, the start of its maths generator, eight of its 21 builders, its registries and a list of its
top-level names; round2's lines 1-90; the Focus paragraphs (~8 lines from "Focus:") of rounds 7-12 and
14-29 (a grep found none in rounds 2-6 and 13). The helpers identical to round28's and round29's are
imported from them (utc, weekday, arrivals, cl, key, ask, chain, comp, typo, casual, jd, the name lists
and hour curves; round29's run, at, one_person and async_ua); `src` from round2. Also pyproject.toml
(its ruff settings, the rest of the file printed beside them), ../shared/STYLE.md, ../shared/traffic's
README and file listing (rows are read at run time, never copied here; a one-off look at the field
names, row counts and `subject`/`task` values of mmlu_val_zeroshot, agieval_v1 and huatuo_med_zh, not
their texts; agieval_v1 ended up unused), and the duplicates tool's README. A directory listing of
bench/blind/ showed file names; no forbidden file was opened and no git history, log or diff was looked
at (`git status` only). ALL parameters below were fixed before anyone replayed this set and are not
tuned on outcomes; its writer built the traffic only (to check that it imports, is deterministic and
looks sensible) and replayed nothing.

Focus: VERTICAL DOMAIN EXPERTISE. In 2026 a common distiller is a vertical-AI start-up that distils a
specialist model (clinical, legal, financial, insurance, pharma, language services) from a general
teacher by harvesting domain question-answer data; and the heaviest legitimate customers of the same
API are vertical SaaS companies whose traffic is just as narrow, templated and voluminous. Both sides
here use the same domain generators written for this set - twenty clinical specialties as condition
rows (complaints in English and Spanish, assessments, medications with doses, exam findings, tests),
doctor-patient transcripts and dictations, a drug table, board-style vignettes, legal fact patterns
in ten areas and ten jurisdictions, invented judgments, ledgers and transactions, finance
calculations with computed answers, insurance claims in three languages, translation segments in six
domains, policies, job descriptions, engineering design checks and adverse-event reports in six
languages - so topic and template narrowness alone do not separate them. 10 of the 12 benign
personas and 7 of the 9 distiller actors draw no prompt text from ../shared/traffic; two on each side
mix in allotted rows.
Benign, 12 keys (~22,700 requests), each one company's or person's key: an ambient clinical-
documentation app (visit transcripts to notes for primary-care-heavy clinics in three US time zones,
clinicians' edits); a law firm's legal-research tool (headnotes and extractions of invented judgments,
relevance memos, clause drafting; London and New York); an accounting firm's month-end close assistant
(journal entries in JSON, reconciliations, flux commentary, memos; x5 in the close week, a 06:00 flux
job); an insurer's nightly claims-triage pipeline (JSON, T 0, seed, repair turns, a v2 backfill); an HR
platform (job descriptions and employees' policy questions in five languages); a pharmacy student
cramming for her licensing exam (quizzes, answers, "why not C", Anki cards; pasted MMLU medical items);
a bank compliance team's nightly regression of its own policy assistant (answer and grader calls,
prompt trials); a medical-exam prep company writing explanations for its own question bank with the
keyed answer given (a backfill, a Spanish edition, editors); a health system's multilingual patient
portal (English, Spanish, Portuguese, Haitian Creole; Huatuo questions for Mandarin speakers); an
engineering consultancy's design checks against named codes (reasoning effort medium; a nightly
regression suite); a pharmacovigilance intake tool (ICSR JSON from reports in six languages, follow-up
letters); and a medical translation agency's CAT plugin (one segment per request, glossary and TM
match, terminology questions).
Distillers, 9 actors on 17 keys (~20,900 requests): a medical-QA grid harvest (specialty x condition x
task x level; an English key paced under a rate limit at working hours, a multilingual key at night
with Huatuo's Chinese questions); a legal-reasoning harvest in IRAC format at high reasoning effort
(fact patterns with "argue the other side" and "another jurisdiction" turns; MMLU law rows three times
and bar-style items); a finance-calculation harvest with logprobs (completions logprobs 5, chat
top_logprobs 20, one-letter multiple choice with max_tokens 1); a multilingual domain translation-pair
harvest on three keys of one signup network (JSON with alternatives and term lists); a synthetic-
patient-case pipeline (the teacher writes a case, the next request quotes it for attending-level
reasoning, notes and MCQs); a harvest disguised as a clinical-documentation SaaS (the same kind of
templates and clinic-day curves as the real one, but an even sweep of every specialty and diagnosis
and scripted follow-ups; a nightly key with transcript-generation meta-prompts and a note per
generated transcript); an insurance-claims harvest spread over four synchronised keys with their own
cards (coverage decisions, policy wording, concepts); a slow pharma-regulatory drip at a reader's pace
for three weeks; and a critique-and-rewrite harvest (a small model's drafts with injected errors,
graded and rewritten into gold answers).

Row allotment (by a stable hash salted for this round, "r30", in `share`): huatuo_med_zh bucket 0 of 3
the patient portal (first turns, ~10% of its conversations, the rest unused) and bucket 1 of 3 the
medical grid's multilingual key (every row); mmlu_val_zeroshot bucket 0 of 2, eight medical subjects,
the pharmacy student (each row once), and bucket 0 of 2, the three law subjects, the IRAC harvest
(each row three times); huatuo bucket 2 and mmlu bucket 1 unused. No other source is used. Every other
text - transcripts, vignettes, drugs, judgments, clauses, ledgers, calculations, claims, policies,
segments, reports, checks, grids, system prompts, follow-ups - is written here; no real statute,
judgment, guideline or leaflet is quoted.

Timing is simulated everywhere: script pools whose rhythm follows reply lengths and hidden reasoning
(round29's `run`, with timeouts resent and rate-limit pauses), Poisson arrivals on clinic-day, office,
consumer and evening curves in one or several time zones, nightly batch and cron runs, a close week
and an exam ramp, synchronised nightly starts across keys, and people's turn gaps from `timing.think`
(one person's conversations one after another). Replies: stored Huatuo answers for its rows; composed
text where a pipeline's next request quotes a generation (the exam-prep explanations, the synthetic
cases, the generated transcripts; the compliance grader quotes the stub reply); otherwise the helpers'
stub reply. Every distiller request is marked `distill`; no benign request is.
"""

from __future__ import annotations

import math
import random
import zlib

from blind.round2 import src  # round 2's reader of ../shared/traffic
from blind.round28 import (
    CONSUMER,
    FIRST,
    LAST,
    OFFICE,
    arrivals,
    ask,
    casual,
    chain,
    cl,
    comp,
    jd,
    key,
    typo,
    utc,
    weekday,
)
from blind.round29 import async_ua, at, one_person, run
from stillroom.detector.realtraffic.clients import SOFTWARE, account, user_agent
from stillroom.detector.realtraffic.pools import Row
from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request
from stillroom.detector.realtraffic.timing import think

# Evenings and weekends of a student or a person working on the side (local hours).
EVENING = (0.3, 0.1, 0.02, 0, 0, 0, 0, 0.05, 0.1, 0.1, 0.1, 0.15, 0.2, 0.15, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.0,
           0.8, 0.5)  # fmt: skip
# A clinic day: starts early, a lunch dip, notes finished after the last patient.
CLINIC = (0, 0, 0, 0, 0, 0, 0.05, 0.4, 0.9, 1.0, 1.0, 0.9, 0.5, 0.8, 1.0, 1.0, 0.9, 0.7, 0.45, 0.25, 0.15, 0.08, 0.03, 0)  # fmt: skip


def R(*names) -> random.Random:
    return random.Random("blind30:" + ":".join(map(str, names)))


def share(name: str, n: int, *keep: int) -> list[Row]:
    """The rows of a source whose stable hash bucket of n (salted "r30") is one of `keep`, in file order."""
    return [r for r in src(name) if zlib.crc32(f"r30:{r.file}:{r.id}".encode()) % n in keep]


def zones(
    rng: random.Random, days, spread: tuple[tuple[float, float], ...], curve, weekend: float = 1.0
) -> list[float]:
    """Arrivals from several time zones at once: (UTC offset, requests a day) each on the local `curve`."""
    return sorted(t for tz, per_day in spread for t in arrivals(rng, days, per_day, curve, tz, weekend))


def pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


def draw(rng: random.Random, text: str, slots: dict, **given) -> str:
    """A template filled: each {slot} in the text drawn from its tuple, the other fields as given."""
    return text.format(**given, **{k: rng.choice(v) for k, v in slots.items() if "{" + k + "}" in text})


def company(rng: random.Random) -> str:
    """An invented company name."""
    return f"{rng.choice(CO_STEMS)} {rng.choice(CO_SUFFIXES)}"


CO_STEMS = ("Harrowgate", "Bluefen", "Castellan", "Oakridge", "Marrowby", "Tessaly", "Northwick", "Quenby", "Velmont", "Ardenne",
            "Calder", "Brightmoor", "Kestrel", "Lindqvist", "Portavia", "Rookwood", "Solenne", "Talbridge", "Wexhall", "Zephyrine",
            "Amberley", "Fenwick", "Greyhaven", "Halcyon", "Ivybridge", "Juniper", "Kingsmere", "Lorimer", "Meridale", "Norland")  # fmt: skip
CO_SUFFIXES = ("Components Ltd", "Analytics GmbH", "Logistics LLC", "Foods SAS", "Software Pte Ltd", "Holdings Inc.", "Textiles BV",
               "Medical Devices AG", "Construction Ltd", "Retail SpA", "Energy AS", "Biotech Inc.")  # fmt: skip


# =============================================================================================
# A CLINICAL-ENCOUNTER GENERATOR (shared by the documentation app, the fake documentation SaaS, the
# synthetic-case pipeline and the question grids). Twenty specialties, each with 3-7 conditions
# written here as rows (a complaint in English and Spanish, the assessment, a medication with its dose,
# an exam finding, a test); age, vitals, home medications and allergies are drawn; a visit is rendered
# as a doctor-patient (or parent) transcript in English or Spanish with fillers and asides, or as a
# clinician's terse dictation.
SPECIALTIES: dict[str, tuple[tuple[str, str, str, str, str, str], ...]] = {
    "family medicine": (
        ("a cough with green phlegm", "tos con flemas verdes", "acute bronchitis", "dextromethorphan 30 mg q6h PRN", "scattered rhonchi, no focal consolidation", "chest X-ray if not improving"),
        ("a sore throat", "dolor de garganta", "streptococcal pharyngitis", "amoxicillin 500 mg BID x10 days", "tonsillar exudate, tender anterior cervical nodes", "rapid strep test"),
        ("tiredness", "mucho cansancio", "iron-deficiency anaemia", "ferrous sulfate 325 mg daily", "conjunctival pallor", "CBC and ferritin"),
        ("low back pain", "dolor de espalda baja", "mechanical low back pain", "ibuprofen 400 mg TID with food", "paraspinal tenderness L4-L5, negative straight-leg raise", "no imaging, reassess in 4 weeks"),
        ("burning on urination", "ardor al orinar", "uncomplicated cystitis", "nitrofurantoin 100 mg BID x5 days", "suprapubic tenderness, no CVA tenderness", "urinalysis"),
        ("headaches", "dolores de cabeza", "tension-type headache", "acetaminophen 1 g PRN, max 3 g/day", "pericranial muscle tenderness, normal neuro exam", "BP recheck"),
        ("high blood pressure readings at home", "la presión alta en casa", "essential hypertension", "lisinopril 10 mg daily", "no retinopathy on fundoscopy", "basic metabolic panel")),
    "paediatrics": (
        ("a fever", "fiebre", "viral upper respiratory infection", "acetaminophen 15 mg/kg q6h PRN", "clear rhinorrhoea, TMs normal", "no tests needed"),
        ("ear pulling", "se jala la oreja", "acute otitis media", "amoxicillin 90 mg/kg/day divided BID", "bulging erythematous TM on the left", "weight-based dosing check"),
        ("vomiting and diarrhoea", "vómitos y diarrea", "viral gastroenteritis", "ondansetron 0.15 mg/kg once", "mild dehydration, cap refill 2 s", "urine dipstick for ketones"),
        ("wheezing", "silbidos en el pecho", "bronchiolitis", "nasal suction and saline drops", "diffuse expiratory wheeze, mild subcostal retractions", "pulse oximetry"),
        ("a rash on the hands and mouth", "granitos en manos y boca", "hand, foot and mouth disease", "ibuprofen 10 mg/kg q8h PRN", "vesicles on palms and soles, oral ulcers", "no tests needed"),
        ("dry itchy skin", "piel seca con comezón", "atopic dermatitis", "hydrocortisone 1% cream BID", "lichenified patches in the flexures", "none")),
    "cardiology": (
        ("chest pressure on exertion", "presión en el pecho al caminar", "stable angina", "atorvastatin 80 mg nightly", "S4 gallop, no murmurs", "exercise stress test"),
        ("palpitations", "palpitaciones", "paroxysmal atrial fibrillation", "apixaban 5 mg BID", "irregularly irregular rhythm", "12-lead ECG and Holter"),
        ("breathlessness on stairs", "falta de aire al subir escaleras", "heart failure with reduced ejection fraction", "sacubitril/valsartan 49/51 mg BID", "JVP 9 cm, bibasilar crackles", "echocardiogram and BNP"),
        ("ankle swelling", "los tobillos hinchados", "fluid overload", "furosemide 40 mg daily", "2+ pitting oedema to mid-shin", "BMP and weight log"),
        ("headaches and high readings", "dolor de cabeza y presión alta", "uncontrolled hypertension", "amlodipine 10 mg daily", "BP 168/98 both arms", "renal function and urine albumin")),
    "dermatology": (
        ("an itchy rash on the elbows", "una erupción que pica en los codos", "plaque psoriasis", "clobetasol 0.05% ointment BID", "well-demarcated erythematous plaques with silvery scale", "none"),
        ("a changing mole", "un lunar que cambió", "dysplastic naevus", "no medication", "6 mm asymmetric pigmented lesion with an irregular border", "shave biopsy"),
        ("acne", "acné", "acne vulgaris", "tretinoin 0.025% cream nightly", "open and closed comedones, scattered papules", "none"),
        ("hair loss", "caída del cabello", "androgenetic alopecia", "minoxidil 5% topical daily", "diffuse thinning at the vertex", "TSH and ferritin"),
        ("a flaky scalp", "caspa y picor", "seborrhoeic dermatitis", "ketoconazole 2% shampoo twice weekly", "greasy scale on scalp and nasolabial folds", "none")),
    "orthopaedics": (
        ("knee pain after a twisting injury", "dolor de rodilla desde que se torció", "medial meniscus tear", "naproxen 500 mg BID", "positive McMurray, medial joint-line tenderness", "MRI knee"),
        ("shoulder pain on reaching overhead", "dolor de hombro al levantar el brazo", "rotator cuff tendinopathy", "diclofenac 1% gel QID", "painful arc 60-120 degrees, positive Hawkins", "shoulder ultrasound"),
        ("wrist pain after a fall", "dolor de muñeca después de una caída", "distal radius fracture", "acetaminophen 1 g TID", "dorsal wrist swelling, snuffbox non-tender", "wrist X-ray, 3 views"),
        ("morning heel pain", "dolor en el talón por la mañana", "plantar fasciitis", "ibuprofen 400 mg TID x2 weeks", "tenderness at the medial calcaneal tubercle", "none")),
    "psychiatry": (
        ("low mood for weeks", "tristeza desde hace semanas", "major depressive disorder, moderate", "sertraline 50 mg daily", "affect constricted, denies SI/HI", "PHQ-9"),
        ("panic attacks", "ataques de pánico", "panic disorder", "escitalopram 10 mg daily", "anxious, good eye contact, linear thought process", "TSH"),
        ("constant worry", "preocupación todo el tiempo", "generalised anxiety disorder", "buspirone 10 mg BID", "restless, speech normal rate", "GAD-7"),
        ("poor concentration at work", "no me puedo concentrar", "ADHD, combined presentation", "methylphenidate ER 18 mg daily", "fidgety, easily distracted", "ASRS screener"),
        ("poor sleep", "no duermo bien", "insomnia disorder", "CBT-I referral, no hypnotic", "tired-appearing, otherwise normal", "sleep diary")),
    "endocrinology": (
        ("high blood sugar readings", "el azúcar alto", "type 2 diabetes, suboptimally controlled", "semaglutide 0.5 mg weekly", "monofilament sensation intact", "HbA1c"),
        ("weight gain and fatigue", "aumento de peso y cansancio", "primary hypothyroidism", "levothyroxine 75 mcg daily", "dry skin, delayed ankle reflexes", "TSH and free T4"),
        ("heat intolerance and weight loss", "calor y pérdida de peso", "Graves disease", "methimazole 10 mg daily", "diffuse goitre, fine tremor", "TRAb"),
        ("a thyroid nodule found on imaging", "un nódulo en la tiroides", "thyroid nodule, TI-RADS 3", "no medication", "1.5 cm mobile nodule, right lobe", "thyroid ultrasound"),
        ("a borderline sugar test", "el azúcar un poco alto", "prediabetes", "metformin 500 mg daily", "acanthosis nigricans at the neck", "repeat HbA1c in 6 months")),
    "gastroenterology": (
        ("heartburn", "acidez", "GERD", "omeprazole 20 mg daily", "epigastric tenderness", "none, trial of PPI"),
        ("blood in the stool", "sangre en las heces", "internal haemorrhoids", "psyllium daily and sitz baths", "non-thrombosed internal haemorrhoids on anoscopy", "colonoscopy"),
        ("bloating and cramps", "hinchazón y cólicos", "irritable bowel syndrome", "dicyclomine 20 mg QID PRN", "soft, non-tender, normal bowel sounds", "celiac serology"),
        ("right upper quadrant pain after meals", "dolor bajo las costillas derechas después de comer", "symptomatic cholelithiasis", "ketorolac 10 mg PRN", "positive Murphy sign", "RUQ ultrasound"),
        ("burning stomach pain", "ardor en el estómago", "H. pylori gastritis", "bismuth quadruple therapy x14 days", "mild epigastric tenderness", "H. pylori stool antigen")),
    "pulmonology": (
        ("night-time wheeze", "silbidos en la noche", "moderate persistent asthma", "budesonide/formoterol 160/4.5 two puffs BID", "prolonged expiratory phase", "spirometry with bronchodilator"),
        ("a persistent cough and breathlessness", "tos y falta de aire", "COPD, GOLD 2", "tiotropium 18 mcg daily", "reduced breath sounds, no crackles", "spirometry"),
        ("snoring and daytime sleepiness", "ronquidos y sueño de día", "obstructive sleep apnoea", "CPAP referral", "Mallampati IV airway, neck 44 cm", "home sleep apnoea test"),
        ("fever and a productive cough", "fiebre y tos con flemas", "community-acquired pneumonia", "amoxicillin 1 g TID plus azithromycin", "crackles at the right base", "chest X-ray")),
    "neurology": (
        ("headaches with visual aura", "dolores de cabeza con luces", "migraine with aura", "sumatriptan 50 mg PRN", "normal neuro exam", "none"),
        ("numb hands at night", "las manos dormidas de noche", "carpal tunnel syndrome", "night wrist splints", "positive Tinel and Phalen signs", "nerve conduction studies"),
        ("a tremor", "temblor en las manos", "essential tremor", "propranolol 40 mg BID", "postural tremor of both hands", "TSH"),
        ("a brief episode of word-finding difficulty", "no encontraba las palabras un rato", "transient ischaemic attack", "aspirin 81 mg plus clopidogrel 75 mg", "no focal deficit on exam", "MRI brain and carotid duplex")),
    "obstetrics and gynaecology": (
        ("a missed period", "falta de regla", "intrauterine pregnancy", "prenatal vitamin daily", "uterus enlarged, consistent with dates", "quantitative hCG and ultrasound"),
        ("heavy periods", "reglas muy abundantes", "uterine fibroids", "tranexamic acid 1300 mg TID during menses", "enlarged irregular uterus", "pelvic ultrasound"),
        ("irregular periods and acne", "reglas irregulares y acné", "polycystic ovary syndrome", "combined oral contraceptive", "mild hirsutism", "testosterone and prolactin"),
        ("high sugar on the pregnancy test", "el azúcar alto en el embarazo", "gestational diabetes", "insulin NPH 10 units at bedtime", "fundal height appropriate for dates", "glucose log review")),
    "urology": (
        ("a weak urine stream", "chorro de orina débil", "benign prostatic hyperplasia", "tamsulosin 0.4 mg daily", "smooth enlarged prostate on DRE", "PSA and post-void residual"),
        ("colicky flank pain", "dolor en el costado que va y viene", "nephrolithiasis, 5 mm left ureteral stone", "ketorolac 10 mg PRN and tamsulosin", "left CVA tenderness", "CT KUB"),
        ("erectile dysfunction", "problemas de erección", "erectile dysfunction", "tadalafil 5 mg daily", "normal genital exam", "fasting glucose and lipids"),
        ("blood in the urine", "sangre en la orina", "microscopic haematuria", "no medication", "normal exam", "urinalysis with microscopy and cystoscopy")),
    "ENT": (
        ("sinus pressure", "presión en los senos nasales", "acute bacterial rhinosinusitis", "amoxicillin-clavulanate 875 mg BID", "purulent nasal discharge", "none"),
        ("ear fullness", "oído tapado", "eustachian tube dysfunction", "fluticasone nasal spray 2 sprays daily", "retracted TM bilaterally", "tympanometry"),
        ("hoarseness", "ronquera", "laryngitis", "voice rest and humidified air", "normal oropharynx", "laryngoscopy if over 3 weeks"),
        ("dizziness on turning in bed", "mareo al voltearse en la cama", "BPPV", "Epley manoeuvre in clinic", "positive Dix-Hallpike to the right", "none")),
    "ophthalmology": (
        ("a red sticky eye", "ojo rojo con lagañas", "bacterial conjunctivitis", "moxifloxacin 0.5% drops TID", "mucopurulent discharge, vision normal", "none"),
        ("high eye pressure at the optician", "presión alta en el ojo", "primary open-angle glaucoma", "latanoprost 0.005% nightly", "IOP 26 mmHg OD, cup-to-disc 0.7", "visual fields and OCT"),
        ("new floaters", "moscas volantes nuevas", "posterior vitreous detachment", "no medication", "Weiss ring, no retinal tear", "dilated fundus exam"),
        ("eye pain in bright light", "dolor de ojo con la luz", "anterior uveitis", "prednisolone acetate 1% q2h", "cell and flare 2+", "HLA-B27")),
    "rheumatology": (
        ("painful swollen hands", "manos hinchadas y dolorosas", "rheumatoid arthritis", "methotrexate 15 mg weekly with folic acid", "synovitis of MCP 2-3 bilaterally", "RF and anti-CCP"),
        ("a swollen big toe", "el dedo gordo del pie hinchado", "acute gout", "colchicine 0.6 mg BID", "hot, red first MTP joint", "serum uric acid"),
        ("morning back stiffness", "rigidez de espalda por la mañana", "axial spondyloarthritis", "naproxen 500 mg BID", "reduced lumbar flexion", "HLA-B27 and SI joint X-ray"),
        ("aching shoulders and hips", "dolor en hombros y caderas", "polymyalgia rheumatica", "prednisone 15 mg daily", "painful limited shoulder abduction", "ESR and CRP")),
    "nephrology": (
        ("a rising creatinine", "la creatinina subiendo", "CKD stage 3b", "dapagliflozin 10 mg daily", "no asterixis, no rub", "eGFR and UACR"),
        ("foamy urine and leg swelling", "orina con espuma y piernas hinchadas", "nephrotic syndrome", "losartan 50 mg daily", "periorbital and leg oedema", "serum albumin and 24 h urine protein"),
        ("a high potassium on labs", "el potasio alto", "hyperkalaemia", "patiromer 8.4 g daily", "normal exam", "repeat potassium and ECG")),
    "infectious disease": (
        ("fever after travel", "fiebre después de viajar", "uncomplicated falciparum malaria", "artemether-lumefantrine per weight", "mild splenomegaly", "thick and thin blood smears"),
        ("a worsening skin infection", "una infección de la piel que empeora", "cellulitis with abscess", "TMP-SMX DS BID after drainage", "fluctuant 3 cm area with surrounding erythema", "wound culture"),
        ("fevers and swollen glands", "fiebre y ganglios inflamados", "HIV infection, new diagnosis", "bictegravir/emtricitabine/TAF daily", "generalised lymphadenopathy", "CD4 count and viral load"),
        ("recurrent urinary infections", "infecciones de orina repetidas", "recurrent cystitis", "cephalexin 500 mg QID x7 days", "mild suprapubic tenderness", "urine culture")),
    "oncology": (
        ("fatigue during chemotherapy", "cansancio con la quimio", "cancer-related fatigue", "graded exercise programme", "port site clean and dry", "CBC with differential"),
        ("a new breast lump", "una bolita nueva en el pecho", "breast cancer, stage II, HR-positive", "anastrozole 1 mg daily", "2 cm firm mobile mass in the upper outer quadrant", "diagnostic mammogram and ultrasound"),
        ("fever after chemotherapy", "fiebre después de la quimio", "febrile neutropenia", "cefepime 2 g IV q8h", "temperature 38.6 C, no focal source", "blood cultures and CBC")),
    "emergency medicine": (
        ("crushing chest pain", "dolor fuerte en el pecho", "NSTEMI", "aspirin 324 mg chewed", "diaphoretic, clear lungs", "serial troponins and ECG"),
        ("ankle pain after a fall from a ladder", "dolor de tobillo tras caerse de una escalera", "closed ankle fracture", "morphine 4 mg IV", "deformity and swelling of the right ankle", "ankle X-ray"),
        ("severe right lower abdominal pain", "dolor fuerte abajo a la derecha", "acute appendicitis", "ceftriaxone 1 g IV plus metronidazole", "RLQ tenderness with rebound", "CT abdomen with contrast"),
        ("throat tightness after eating shrimp", "la garganta cerrada después de comer camarones", "anaphylaxis", "epinephrine 0.5 mg IM", "diffuse urticaria, no stridor", "observation for 6 hours")),
    "geriatrics": (
        ("recurrent falls", "caídas frecuentes", "deconditioning", "physical therapy referral", "timed up-and-go 16 s", "vitamin D level"),
        ("memory problems", "problemas de memoria", "mild cognitive impairment", "no medication, follow-up testing", "MoCA 23/30", "B12, folate and TSH"),
        ("dizziness on standing", "mareo al pararse", "orthostatic hypotension", "stop doxazosin, increase fluids", "orthostatic drop of 25 mmHg systolic", "medication reconciliation"),
        ("constipation", "estreñimiento", "chronic constipation", "polyethylene glycol 17 g daily", "soft abdomen, stool in the left colon", "none")),
}  # fmt: skip
# The documentation app's clinics: mostly primary care (the long tail of specialties is rare).
CLINIC_MIX = (("family medicine", 0.36), ("paediatrics", 0.2), ("obstetrics and gynaecology", 0.1), ("dermatology", 0.07),
              ("orthopaedics", 0.08), ("psychiatry", 0.07), ("cardiology", 0.04), ("endocrinology", 0.04), ("gastroenterology", 0.04))  # fmt: skip
DURATIONS = (("two days", "dos días"), ("about a week", "una semana"), ("three weeks", "tres semanas"), ("two months", "dos meses"),
             ("a couple of months", "un par de meses"), ("about a year, on and off", "un año, a ratos"), ("a day", "un día"))  # fmt: skip
ASSOC = (("fever", "fiebre"), ("nausea", "náuseas"), ("night sweats", "sudores de noche"), ("weight loss", "pérdida de peso"),
         ("dizziness", "mareos"), ("shortness of breath", "falta de aire"), ("chest pain", "dolor de pecho"), ("numbness", "adormecimiento"))  # fmt: skip
ALLERGIES = ("no known drug allergies", "penicillin (hives)", "sulfa", "codeine (vomiting)", "latex", "NKDA")
AGES = {"paediatrics": (1, 14), "obstetrics and gynaecology": (18, 46), "geriatrics": (70, 96)}
CHRONIC = ("lisinopril 10 mg daily", "metformin 500 mg BID", "atorvastatin 20 mg nightly", "levothyroxine 50 mcg daily", "omeprazole 20 mg daily",
           "sertraline 50 mg daily", "amlodipine 5 mg daily", "a multivitamin")  # fmt: skip


def vitals(rng: random.Random, age: int) -> str:
    sys_ = rng.randint(96, 118) if age < 15 else rng.randint(104, 172)
    wt = rng.randint(9, 50) if age < 15 else rng.randint(48, 128)
    return (f"BP {sys_}/{rng.randint(56, min(106, sys_ - 30))}, HR {rng.randint(62, 128) if age < 15 else rng.randint(56, 112)}, "
            f"T {rng.uniform(36.2, 37.4) if rng.random() < 0.75 else rng.uniform(37.5, 39.3):.1f} C, RR {rng.randint(12, 26)}, SpO2 {rng.randint(92, 100)}%, wt {wt} kg")  # fmt: skip


def encounter(rng: random.Random, spec: str, row: int | None = None) -> dict:
    """One visit's facts: a condition row of the specialty (drawn, or the given one) and drawn particulars."""
    rows = SPECIALTIES[spec]
    cc, cc_es, dx, med, exam, test = rows[rng.randrange(len(rows)) if row is None else row % len(rows)]
    age = rng.randint(*AGES.get(spec, (18, 88)))
    dur, dur_es = rng.choice(DURATIONS)
    return {
        "spec": spec, "cc": cc, "cc_es": cc_es, "dx": dx, "new_med": med, "exam": exam, "test": test, "dur": dur, "dur_es": dur_es,
        "sev": rng.randint(2, 9), "age": age, "sex": "F" if spec == "obstetrics and gynaecology" else rng.choice(("F", "M")),
        "name": rng.choice(FIRST), "home_meds": [] if age < 15 else rng.sample(CHRONIC, rng.randint(0, 2)), "assoc": rng.sample(ASSOC, 2),
        "allergy": rng.choice(ALLERGIES), "vitals": vitals(rng, age), "fu": rng.choice(("2 weeks", "4 weeks", "3 months", "6 weeks", "1 week")),
    }  # fmt: skip


def transcript(rng: random.Random, e: dict, spanish: bool = False) -> str:
    """A visit as the ambient recorder hears it: doctor and patient (or parent) turns, fillers, a dictated exam."""
    kid = e["age"] < 15
    pt = "PARENT" if kid else "PT"
    (a1, a1_es), (a2, a2_es) = e["assoc"]
    meds = " and ".join(e["home_meds"])
    if spanish:
        lines = [f"DR: Buenos días{', señora' if kid else ', ' + e['name']}. ¿Qué le trae hoy por aquí?",
                 f"{pt}: Pues, doctor, {'el niño tiene' if kid else 'tengo'} {e['cc_es']} desde hace {e['dur_es']}. Es como un {e['sev']} de 10.",
                 f"DR: ¿Ha tenido {a1_es} o {a2_es}?", f"{pt}: {rng.choice(('No, nada de eso.', 'Un poquito, sí.', 'A veces por la noche.'))}",
                 "DR: ¿Qué medicamentos toma ahora?", f"{pt}: {meds or 'Nada, solo vitaminas.'}", f"DR: ¿Alergias? {pt}: {e['allergy']}.",
                 f"DR (dictado): Signos vitales {e['vitals']}. Examen: {e['exam']}.",
                 f"DR: Creo que es {e['dx']}. Vamos a pedir {e['test']} y empezar {e['new_med']}. Regrese en {e['fu']} o antes si empeora."]  # fmt: skip
        return "\n".join(lines)
    has = ("she's had" if e["sex"] == "F" else "he's had") if kid else "I've had"
    lines = [f"DR: Hi {e['name']}, {rng.choice(('what brings you in today?', 'good to see you again. How are things?', 'I see from the intake form it is about ' + e['cc'] + '.'))}",
             f"{pt}: {rng.choice(('', '', 'um, ', 'so ', 'yeah, ', 'honestly '))}{has} {e['cc']} for {e['dur']}. I'd say a {e['sev']} out of 10 at its worst.",
             f"DR: Any {a1}? Any {a2}?",
             f"{pt}: {rng.choice(('No.', 'Not really, maybe a little ' + a1 + '.', 'Yes, the ' + a2 + ' started last week.', 'I don´t think so'))}",
             "DR: What are you taking at the moment?",
             f"{pt}: {meds or 'Nothing, just a multivitamin'}{rng.choice(('', ', and sometimes Tylenol', '. Oh and fish oil'))}.",
             f"DR: Allergies? {pt}: {e['allergy']}.",
             "" if kid else rng.choice(("DR: Do you smoke? PT: Quit five years ago.", "DR: Alcohol? PT: A glass of wine on weekends.", "DR: Work okay? PT: Busy, lots of stress.", "")),
             f"DR (dictating): Vitals {e['vitals']}. Exam: {e['exam']}. {rng.choice(('Otherwise unremarkable.', 'Rest of exam normal.', ''))}",
             f"DR: So I think this is most likely {e['dx']}. Plan: {e['test']}, and {e['new_med']}. "
             f"Come back in {e['fu']}, sooner if it gets worse or you notice {a2}.",
             f"{pt}: {rng.choice(('Okay, thank you.', 'Will that interact with the other meds?', 'Do I need to fast for the test?', 'Sounds good.'))}"]  # fmt: skip
    return typo(rng, "\n".join(x for x in lines if x), 0.01)


def person(e: dict) -> str:
    """How a vignette names the patient: 'A 67-year-old man', 'An 8-year-old girl'."""
    noun = (
        ("girl" if e["sex"] == "F" else "boy") if e["age"] < 15 else ("woman" if e["sex"] == "F" else "man")
    )
    art = "An" if str(e["age"]).startswith("8") or e["age"] in (11, 18) else "A"
    return f"{art} {e['age']}-year-old {noun}"


def dictation(rng: random.Random, e: dict) -> str:
    """A clinician's terse dictated note instead of a recorded conversation."""
    meds = "; ".join(e["home_meds"]) or "none"
    return (f"{e['age']}yo {e['sex']} here for {e['cc']} ({e['dur']}), {e['sev']}/10. Denies {e['assoc'][0][0]}. Meds: {meds}. "
            f"All: {e['allergy']}. Vitals {e['vitals']}. Exam {e['exam']}. A/P: likely {e['dx']} - {e['test']}; {e['new_med']}; f/u {e['fu']}.")  # fmt: skip


# =============================================================================================
# A DRUG TABLE (shared by the pharmacology student, the exam-prep bank, the pharmacovigilance intake and
# the question grids): name | class | mechanism | main use | key adverse effects, written here.
DRUGS = tuple(tuple(x.split(" | ")) for x in (
    "metformin | biguanide | decreases hepatic gluconeogenesis | type 2 diabetes | GI upset, lactic acidosis, B12 deficiency",
    "lisinopril | ACE inhibitor | blocks conversion of angiotensin I to II | hypertension, HFrEF | dry cough, angioedema, hyperkalaemia",
    "amlodipine | dihydropyridine calcium channel blocker | blocks L-type calcium channels in vascular smooth muscle | hypertension, angina | peripheral oedema, flushing",
    "metoprolol | beta-1 selective blocker | competitive beta-1 adrenergic antagonism | rate control, HFrEF, angina | bradycardia, fatigue",
    "atorvastatin | statin | HMG-CoA reductase inhibition | hyperlipidaemia | myalgia, raised transaminases",
    "warfarin | vitamin K antagonist | inhibits vitamin K epoxide reductase | atrial fibrillation, VTE | bleeding, many interactions",
    "apixaban | factor Xa inhibitor | direct reversible factor Xa inhibition | atrial fibrillation, VTE | bleeding",
    "furosemide | loop diuretic | inhibits NKCC2 in the thick ascending limb | oedema, heart failure | hypokalaemia, ototoxicity",
    "spironolactone | mineralocorticoid receptor antagonist | blocks aldosterone in the collecting duct | HFrEF, resistant hypertension | hyperkalaemia, gynaecomastia",
    "levothyroxine | thyroid hormone | synthetic T4 | hypothyroidism | palpitations and bone loss if overreplaced",
    "sertraline | SSRI | inhibits serotonin reuptake | depression, anxiety disorders | GI upset, sexual dysfunction, hyponatraemia",
    "lithium | mood stabiliser | modulates inositol signalling | bipolar disorder | tremor, nephrogenic diabetes insipidus, hypothyroidism",
    "amoxicillin | aminopenicillin | inhibits bacterial cell-wall synthesis | otitis media, pharyngitis | rash, diarrhoea",
    "ciprofloxacin | fluoroquinolone | inhibits DNA gyrase and topoisomerase IV | complicated UTI | tendinopathy, QT prolongation",
    "vancomycin | glycopeptide | binds D-Ala-D-Ala cell-wall precursors | MRSA, oral for C. difficile | nephrotoxicity, infusion reaction",
    "omeprazole | proton pump inhibitor | irreversibly inhibits the H+/K+ ATPase | GERD, peptic ulcer | C. difficile risk, hypomagnesaemia",
    "prednisone | corticosteroid | glucocorticoid receptor agonist | inflammatory and autoimmune disease | hyperglycaemia, osteoporosis",
    "methotrexate | antimetabolite | dihydrofolate reductase inhibition | rheumatoid arthritis, psoriasis | hepatotoxicity, myelosuppression",
    "insulin glargine | long-acting insulin | insulin receptor agonist | diabetes | hypoglycaemia, weight gain",
    "empagliflozin | SGLT2 inhibitor | blocks glucose reabsorption in the proximal tubule | type 2 diabetes, heart failure, CKD | genital mycotic infection, euglycaemic DKA",
    "semaglutide | GLP-1 receptor agonist | glucose-dependent insulin release, slowed gastric emptying | type 2 diabetes, obesity | nausea, pancreatitis",
    "digoxin | cardiac glycoside | inhibits the Na+/K+ ATPase | rate control, heart failure | arrhythmias, visual changes",
    "amiodarone | class III antiarrhythmic | potassium channel blockade | AF, ventricular tachycardia | thyroid, lung and liver toxicity",
    "heparin | indirect thrombin inhibitor | potentiates antithrombin | VTE, ACS | HIT, bleeding",
    "clopidogrel | P2Y12 inhibitor | irreversible ADP receptor blockade | ACS, after stenting | bleeding",
    "morphine | opioid agonist | mu-opioid receptor agonism | severe pain | respiratory depression, constipation",
    "ondansetron | 5-HT3 antagonist | blocks serotonin receptors in the CTZ and gut | nausea and vomiting | QT prolongation, constipation",
    "albuterol | short-acting beta-2 agonist | bronchial smooth-muscle relaxation | asthma, COPD | tremor, tachycardia",
    "allopurinol | xanthine oxidase inhibitor | lowers uric acid production | gout prophylaxis | rash, SJS (HLA-B*58:01)",
    "gabapentin | gabapentinoid | binds the alpha-2-delta subunit of calcium channels | neuropathic pain, seizures | sedation, dizziness",
    "phenytoin | antiepileptic | use-dependent sodium channel blockade | seizures | gingival hyperplasia, nystagmus",
    "haloperidol | typical antipsychotic | D2 receptor antagonism | psychosis, delirium | EPS, QT prolongation",
    "tamsulosin | alpha-1A blocker | relaxes prostatic smooth muscle | BPH | orthostatic hypotension",
    "sildenafil | PDE5 inhibitor | raises cGMP in smooth muscle | erectile dysfunction, pulmonary hypertension | headache, hypotension with nitrates",
))  # fmt: skip


# =============================================================================================
# A LEGAL FACT-PATTERN GENERATOR (shared by the research tool's invented judgments, the IRAC harvest
# and the critique harvest): ten areas, each a story with slots (parties, sums, dates, conduct), and
# jurisdictions. Every party, fact and sum is invented here; no statute or judgment is quoted.
LG_AREAS = {
    "contract": ("{a} agreed to supply {goods} to {b} for {cur}{amt} under a written contract with a clause capping liability at {cur}{cap}. "
                 "Delivery was {late} weeks late, and {b} lost an order from its own customer worth {cur}{loss}. {b} claims that amount; "
                 "{a} says the loss is too remote and the cap applies. The cap was in the supplier's standard terms, printed on the back of the quote."),
    "negligence": ("{p}, a {job}, slipped on {hazard} in a shop run by {b}. Staff had been told about the spill {mins} minutes earlier "
                   "but no sign was put up. {p} fractured a wrist and could not work for {weeks} weeks. {b} says {p} was looking at a phone."),
    "employment": ("{p} worked for {b} for {years} years as a {job}. After {trigger}, {p} was dismissed by e-mail with one week's pay. "
                   "No meeting was held and no appeal was offered. {b} says the dismissal was for gross misconduct."),
    "data protection": ("{b} used the e-mail addresses of {n} customers, collected for order confirmations, to send marketing. A month later "
                        "a misconfigured storage bucket exposed {data} of {n2} customers for {days} days. {b} told the regulator {late2} days after finding it."),
    "tenancy": ("{p} rents a flat from {b}. The boiler has failed {times} times this winter and there is black mould in the bedroom. {p} withheld "
                "{cur}{amt} of rent; {b} served a notice to end the tenancy two weeks later."),
    "trade marks": ("{b} launched a {product} called '{mark}', sold in similar shops to {a}'s {product2} sold under its registered mark "
                    "'{mark2}' since {year}. {a} has survey evidence that {pct}% of shoppers confused the two."),
    "company law": ("A director of {b} approved a {cur}{amt} services contract with a firm owned by her brother without telling the board. "
                    "The services were never fully delivered. A minority shareholder holding {pct}% wants to act."),
    "consumer": ("{p} bought a used {item} from {b}, a dealer, for {cur}{amt}. It broke down after {weeks} weeks. {b} refuses any refund, "
                 "pointing to a 'sold as seen' sign in the showroom."),
    "criminal": ("{p} took a {item} worth {cur}{amt} from {b}'s warehouse, saying a manager had agreed it could be borrowed for the weekend. "
                 "The manager denies this. {p} returned it {days} days later, damaged."),
    "insurance": ("{p} did not mention {fact} on the proposal form for home insurance with {b}. After {event} caused {cur}{amt} of damage, "
                  "{b} avoided the policy from the start and refunded the premium."),
}  # fmt: skip
LG_SLOTS = {
    "goods": ("200 industrial pumps", "custom software modules", "5,000 tonnes of cement", "refrigerated display units", "printed circuit boards"),
    "job": ("nurse", "delivery driver", "software developer", "warehouse supervisor", "chef", "teacher", "sales manager"),
    "hazard": ("spilt cooking oil", "a wet floor near the entrance", "a fallen price label", "crushed grapes"),
    "trigger": ("raising a complaint about unpaid overtime", "a positive drug test that was later found to be a lab error",
                "posting about the company on social media", "missing a client deadline while on sick leave"),
    "data": ("names and home addresses", "passport scans", "purchase histories", "health questionnaire answers"),
    "product": ("sparkling water", "running shoe", "face cream", "energy bar"), "product2": ("mineral water", "trainer", "skin serum", "protein bar"),
    "mark": ("Fjordia", "Velocita", "Lumira", "Nutrion"), "mark2": ("Fjordic", "Velocity", "Lumiere", "Nutria"),
    "item": ("car", "laptop", "electric bike", "professional camera", "forklift"),
    "fact": ("a previous burglary claim", "that the roof had been repaired", "a criminal conviction from years ago", "that the house was let to students"),
    "event": ("a storm", "an escape of water", "a kitchen fire", "a burglary"),
}  # fmt: skip
JURISDICTIONS = ("England and Wales", "New York", "California", "Germany", "France", "Singapore", "Ontario", "New South Wales",
                 "the Netherlands", "Ireland")  # fmt: skip
CURRENCY = {"England and Wales": "£", "New York": "$", "California": "$", "Germany": "€", "France": "€", "Singapore": "S$",
            "Ontario": "C$", "New South Wales": "A$", "the Netherlands": "€", "Ireland": "€"}  # fmt: skip


def facts(rng: random.Random, area: str, juris: str, a: str = "", b: str = "") -> str:
    """An invented fact pattern in one legal area, with sums in the jurisdiction's currency (parties drawn
    unless given)."""
    small = area in ("consumer", "criminal", "tenancy")
    amt = rng.randrange(300, 60_000, 50) if small else rng.randrange(2_000, 900_000, 500)
    return draw(rng, LG_AREAS[area], LG_SLOTS,
        a=a or company(rng), b=b or company(rng), p=f"{rng.choice(FIRST)} {rng.choice(LAST)}", cur=CURRENCY[juris], amt=f"{amt:,}",
        cap=f"{amt // rng.choice((2, 4, 10)):,}", loss=f"{amt * rng.randint(2, 6):,}", late=rng.randint(2, 14), mins=rng.randint(5, 90),
        weeks=rng.randint(2, 26), years=rng.randint(1, 22), n=f"{rng.randint(2, 400) * 100:,}", n2=f"{rng.randint(3, 90) * 100:,}",
        days=rng.randint(2, 40), late2=rng.randint(1, 12), times=rng.randint(2, 6), year=rng.randint(1994, 2019), pct=rng.randint(8, 61),
    )  # fmt: skip


# =============================================================================================
# FINANCE: invented ledgers and calculation items with computed answers (the close assistant, the
# logprob harvest, the critique harvest, the slow drip).
GL_ACCOUNTS = ("1010 Cash - operating", "1200 Accounts receivable", "1250 Allowance for doubtful accounts", "1300 Inventory",
               "1400 Prepaid expenses", "1500 Property, plant and equipment", "1590 Accumulated depreciation", "2000 Accounts payable",
               "2100 Accrued liabilities", "2200 Deferred revenue", "2300 Payroll liabilities", "2500 Intercompany payable",
               "4000 Revenue - subscriptions", "4100 Revenue - services", "5000 Cost of goods sold", "6100 Salaries and wages",
               "6200 Rent", "6300 Software and subscriptions", "6400 Professional fees", "6500 Travel", "6600 Depreciation expense",
               "7100 FX gain/loss", "7200 Interest expense")  # fmt: skip
TX_TEMPLATES = ("Invoice from {v} for {svc} of {cur}{amt}, covering {period}, received {date}, not yet approved in AP.",
                "Paid {cur}{amt} on {date} for a 12-month {svc} licence starting {period}.",
                "Customer {c} prepaid {cur}{amt} for a {n}-month subscription starting {period}.",
                "USD receivable from {c} of ${amt} booked at {r1}; month-end rate {r2}. Functional currency EUR.",
                "Payroll for the last {n} working days of the month, {cur}{amt} gross, will be paid on the 5th.",
                "Bought equipment for {cur}{amt} on {date}, useful life {n} years, straight line, no salvage value.",
                "Credit note to {c} for {cur}{amt} after a pricing dispute on last month's invoice.",
                "Intercompany recharge of {cur}{amt} of shared IT costs from the parent, invoice not yet received.",
                "Customer {c} went into administration; balance of {cur}{amt} more than 120 days overdue.",
                "Bonus pool for the year estimated at {cur}{amt}; {n} months elapsed.")  # fmt: skip
SERVICES = ("cloud hosting", "legal advice", "audit fees", "marketing agency work", "office cleaning", "CRM software", "recruitment fees",
            "consulting", "freight", "insurance cover")  # fmt: skip


def transaction(rng: random.Random, cur: str = "€") -> str:
    months = ("January", "February", "March", "April", "May", "June")
    return rng.choice(TX_TEMPLATES).format(
        v=company(rng), c=company(rng), svc=rng.choice(SERVICES), cur=cur, amt=f"{rng.randrange(400, 480_000, 10):,}",
        period=f"{rng.choice(months)} 2026", date=f"{rng.randint(1, 28)}/{rng.randint(1, 3)}/2026", n=rng.randint(2, 12),
        r1=f"{rng.uniform(0.86, 0.96):.4f}", r2=f"{rng.uniform(0.86, 0.96):.4f}",
    )  # fmt: skip


def calc(rng: random.Random) -> tuple[str, float]:
    """A finance calculation with its answer."""
    fam = rng.randrange(10)
    if fam == 0:
        r, flows = (
            rng.choice((0.06, 0.08, 0.1, 0.12)),
            [rng.randrange(100, 900, 10) for _ in range(rng.randint(3, 6))],
        )
        c0 = rng.randrange(500, 2500, 50)
        npv = -c0 + sum(f / (1 + r) ** (i + 1) for i, f in enumerate(flows))
        return (
            f"A project costs {c0} today and returns {', '.join(map(str, flows))} at the end of years 1 to {len(flows)}. At a discount rate of {r:.0%}, what is its NPV?",
            npv,
        )
    if fam == 1:
        p, r, n = (
            rng.randrange(50_000, 600_000, 5000),
            rng.choice((3.5, 4.2, 5.0, 6.1, 7.25)),
            rng.choice((10, 15, 20, 25, 30)),
        )
        i = r / 1200
        return (
            f"What is the monthly payment on a {p:,} loan at {r}% annual interest, repaid monthly over {n} years?",
            p * i / (1 - (1 + i) ** (-12 * n)),
        )
    if fam == 2:
        face, c, y, n = (
            1000,
            rng.choice((3, 4, 5, 6, 7)),
            rng.choice((2.5, 4.5, 5.5, 8.0)),
            rng.randint(2, 15),
        )
        price = sum(face * c / 100 / (1 + y / 100) ** t for t in range(1, n + 1)) + face / (1 + y / 100) ** n
        return (
            f"A {n}-year bond with face value 1,000 pays an annual coupon of {c}%. If the yield to maturity is {y}%, what is its price?",
            price,
        )
    if fam == 3:
        a, b, n = rng.randrange(100, 900), rng.randrange(950, 4000), rng.randint(3, 10)
        return (
            f"Revenue grew from {a} million to {b} million over {n} years. What is the compound annual growth rate?",
            (b / a) ** (1 / n) - 1,
        )
    if fam == 4:
        ca, inv, cl_ = rng.randrange(200, 900), rng.randrange(50, 190), rng.randrange(150, 700)
        return (
            f"A company has current assets of {ca}k, of which inventory is {inv}k, and current liabilities of {cl_}k. What is its quick ratio?",
            (ca - inv) / cl_,
        )
    if fam == 5:
        e, d, re, rd, t = (
            rng.randrange(200, 900),
            rng.randrange(50, 600),
            rng.choice((8, 9, 10, 11, 12)),
            rng.choice((3, 4, 5, 6)),
            rng.choice((19, 21, 25, 30)),
        )
        w = (e * re + d * rd * (1 - t / 100)) / (e + d)
        return (
            f"Equity is worth {e}m at a cost of {re}%, debt is {d}m at a pre-tax cost of {rd}%, and the tax rate is {t}%. What is the WACC?",
            w / 100,
        )
    if fam == 6:
        dmd, s, h = (
            rng.randrange(1000, 50_000, 500),
            rng.randrange(20, 400, 5),
            rng.choice((1.5, 2.0, 3.2, 4.0, 6.5)),
        )
        return (
            f"Annual demand is {dmd:,} units, each order costs {s} to place, and holding one unit for a year costs {h}. What is the economic order quantity?",
            math.sqrt(2 * dmd * s / h),
        )
    if fam == 7:
        fc, p = rng.randrange(20_000, 500_000, 1000), rng.randrange(20, 200)
        vc = rng.randrange(5, p - 4)
        return (
            f"Fixed costs are {fc:,} a year, the selling price is {p} per unit and the variable cost {vc} per unit. How many units must be sold to break even?",
            fc / (p - vc),
        )
    if fam == 8:
        cost, life, k = rng.randrange(10_000, 300_000, 1000), rng.randint(4, 10), rng.randint(1, 3)
        book = cost * (1 - 2 / life) ** (k - 1)
        return (
            f"An asset costs {cost:,} with a {life}-year life. Using double-declining-balance depreciation, what is the charge in year {k}?",
            book * 2 / life,
        )
    ni, pref, sh, opt = (
        rng.randrange(5, 400),
        rng.randrange(0, 5),
        rng.randrange(10, 200),
        rng.randrange(1, 20),
    )
    return (
        f"Net income is {ni}m, preferred dividends {pref}m, {sh}m shares outstanding and {opt}m dilutive shares from options (treasury method already applied). What is diluted EPS?",
        (ni - pref) / (sh + opt),
    )


# =============================================================================================
# INSURANCE CLAIMS (the triage pipeline and the claims harvest): lines of business with incidents
# told in the claimant's words (English, German, Dutch), adjuster notes and policy terms.
CLAIM_LINES = {
    "motor": (("someone drove into the back of me at the lights on {road}", "my windscreen cracked from a stone on the motorway", "my car was stolen from outside my house overnight",
               "hailstones dented the roof and bonnet while parked at work"),
              ("Jemand ist mir an der Ampel hinten drauf gefahren.", "Mein Auto wurde nachts vor dem Haus gestohlen."),
              ("Iemand reed achterop mijn auto bij het stoplicht.", "Mijn voorruit is gebarsten door een steentje.")),
    "home": (("water came through the kitchen ceiling from the bathroom upstairs", "we were burgled while on holiday, they took jewellery and a laptop",
              "the storm took tiles off the roof and rain got into the loft", "a pan caught fire and the kitchen is smoke damaged"),
             ("Wasser ist aus dem Bad in die Küchendecke gelaufen.", "Bei uns wurde eingebrochen, Schmuck und Laptop weg."),
             ("Er is ingebroken terwijl we op vakantie waren.", "Door de storm zijn dakpannen van het dak gewaaid.")),
    "travel": (("our flight was cancelled and we had to pay for a hotel", "my suitcase never arrived in Lisbon", "I broke my ankle skiing and needed surgery abroad",
                "we cancelled the trip because my mother was hospitalised"),
               ("Mein Koffer ist in Lissabon nie angekommen.",), ("Mijn koffer is nooit aangekomen.",)),
    "pet": (("my dog swallowed a sock and needed surgery", "the cat has diabetes now and needs insulin every day", "our puppy broke a leg jumping off the sofa"),
            ("Unser Hund hat eine Socke verschluckt und musste operiert werden.",), ("Onze kat heeft nu suikerziekte.",)),
    "commercial property": (("the river flooded our warehouse and we had to stop trading for {weeks} weeks", "a fire in the unit next door damaged our stock",
                             "a burst sprinkler pipe soaked the server room"),
                            ("Das Hochwasser hat unser Lager überflutet.",), ("Door een gesprongen sprinklerleiding staat de serverruimte onder water.",)),
    "liability": (("a customer slipped in our shop and is claiming for a broken hip", "our contractor damaged the neighbour's wall while digging"),
                  ("Ein Kunde ist in unserem Laden ausgerutscht.",), ("Onze aannemer heeft de muur van de buren beschadigd.",)),
}  # fmt: skip
CLAIM_CAP = {
    "motor": 30_000,
    "home": 90_000,
    "travel": 15_000,
    "pet": 9_000,
    "commercial property": 400_000,
    "liability": 250_000,
}
ADJ_NOTES = ("Photos received.", "Police report number provided.", "Policy incepted 19 days before loss.", "Third claim in 14 months.",
             "Claimant vague on timeline.", "Repair estimate from non-network garage.", "Receipts missing for high-value items.",
             "Independent witness available.", "Late notification (loss 5 weeks ago).", "Vulnerable customer flag.", "")  # fmt: skip
EXCLUSIONS = ("wear and tear", "gradual leaks", "unattended vehicle with keys inside", "pre-existing conditions", "flood in zone 3 postcodes",
              "business interruption beyond 12 months", "contractors' own work")  # fmt: skip


def claim(rng: random.Random, n: int, langs=(("en", 0.7), ("de", 0.18), ("nl", 0.12))) -> dict:
    line = rng.choice(sorted(CLAIM_LINES))
    en, de, nl = CLAIM_LINES[line]
    lang = pick(rng, langs)
    text = rng.choice({"en": en, "de": de, "nl": nl}[lang]).format(
        road=rng.choice(("the A40", "Ring Road", "Station Street")), weeks=rng.randint(2, 9)
    )
    if lang == "en":
        text = casual(
            rng,
            typo(
                rng,
                text[0].upper()
                + text[1:]
                + rng.choice((".", "!!", ". Please help asap.", ". What do I do now?")),
                0.05,
            ),
        )
    return {
        "claim_id": f"CLM-{2026_000_000 + n}",
        "line": line,
        "loss_date": f"2026-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}",
        "claimant_statement": text,
        "estimate_eur": rng.randrange(100, CLAIM_CAP[line], 50),
        "sum_insured_eur": rng.choice((5_000, 25_000, 150_000, 400_000, 1_000_000)),
        "excess_eur": rng.choice((0, 100, 250, 500, 1000)),
        "adjuster_note": " ".join(x for x in rng.sample(ADJ_NOTES, 2) if x),
        "policy_exclusions": rng.sample(EXCLUSIONS, 2),
    }


# =============================================================================================
# DOMAIN SEGMENTS FOR TRANSLATION (the medical translation agency and the translation-pair harvest):
# sentence templates in six domains, filled with invented products and values.
SEGMENTS = {
    "patient leaflet": ("Do not take {drug} if you are allergic to {subst} or any of the other ingredients of this medicine.",
                        "Tell your doctor or pharmacist if you have {cond} before you start taking {drug}.",
                        "The recommended dose is {k} tablet(s) {freq}, with or without food.",
                        "If you forget to take a dose, take it as soon as you remember, unless it is nearly time for your next dose.",
                        "Common side effects (may affect up to 1 in 10 people): {ae1}, {ae2}.",
                        "Store below {temp} °C in the original package in order to protect from moisture.",
                        "Keep this medicine out of the sight and reach of children.",
                        "Stop taking {drug} and contact a doctor immediately if you notice swelling of the face, lips or throat."),
    "device instructions": ("Before first use, calibrate the {device} as described in section {sec}.", "Do not immerse the {device} in water or any other liquid.",
                            "Dispose of used needles in a puncture-resistant sharps container.", "The display shows E{code} when the battery is low; replace both batteries.",
                            "Clean the sensor with a dry, lint-free cloth after each measurement.", "Readings outside {lo}-{hi} mmol/L should be confirmed with a laboratory test."),
    "informed consent": ("You are being invited to take part in a research study of {drug} in people with {cond}.",
                         "Taking part is voluntary, and you may withdraw at any time without giving a reason.",
                         "You will have {k} study visits over {m} months, each lasting about {h} hours.",
                         "Your samples will be stored for up to {y} years and may be used for future research on {cond}.",
                         "If you become pregnant during the study, you must tell the study doctor straight away."),
    "contract": ("The Supplier shall indemnify the Customer against all losses arising from any breach of clause {sec}.",
                 "Neither party's total liability under this Agreement shall exceed the fees paid in the {m} months preceding the claim.",
                 "This Agreement shall be governed by and construed in accordance with the laws of {juris}.",
                 "Either party may terminate this Agreement on {k} days' written notice if the other party commits a material breach."),
    "financial statements": ("Revenue increased by {pct}% year on year to €{amt} million, driven mainly by {driver}.",
                             "The impairment test did not result in any write-down of goodwill in the reporting period.",
                             "Trade receivables are stated net of an expected credit loss allowance of €{k}.{m} million.",
                             "The Group has no material contingent liabilities other than those disclosed in note {sec}."),
    "insurance policy": ("The excess applicable to each and every claim under this section is €{amt}.",
                         "We will not pay for loss or damage caused by wear and tear or gradual deterioration.",
                         "You must tell us within {k} days of any change in the information you gave us when you took out this policy.",
                         "Cover for unoccupied buildings ends after {m} consecutive days without occupation."),
}  # fmt: skip
SEG_SLOTS = {
    "drug": ("Zelvoran", "Ostrifen", "Calmetra", "Duvipralin", "Noxabrin", "Tessarin"),
    "subst": ("lactose", "soya", "peanut oil", "the active substance"), "cond": ("kidney disease", "heart failure", "asthma", "liver problems", "type 2 diabetes"),
    "freq": ("once a day", "twice a day", "every 8 hours"), "ae1": ("headache", "nausea", "dizziness"), "ae2": ("diarrhoea", "rash", "tiredness"),
    "temp": ("25", "30"), "device": ("glucose meter", "infusion pump", "blood pressure monitor", "insulin pen"),
    "juris": ("England and Wales", "Germany", "the Netherlands", "Ireland"), "driver": ("new customer contracts in Asia", "price increases", "the acquisition of a competitor"),
}  # fmt: skip


def segment(rng: random.Random, domain: str) -> str:
    return draw(rng, rng.choice(SEGMENTS[domain]), SEG_SLOTS,
        k=rng.randint(1, 30), m=rng.randint(2, 24), h=rng.randint(1, 4), y=rng.choice((5, 10, 15)), sec=rng.randint(2, 14),
        code=rng.randint(1, 9), lo=rng.choice((1.1, 2.0)), hi=rng.choice((27.8, 33.3)), pct=rng.randint(2, 38), amt=rng.randrange(100, 9000, 50),
    )  # fmt: skip


# =============================================================================================
# BENIGN 1. AN AMBIENT CLINICAL-DOCUMENTATION APP ("Scribewell", a US vendor whose ~300 clinicians in
# primary-care-heavy clinics record visits; its Node backend on the OpenAI JS SDK, one production key).
# After each visit the app sends the transcript (generated here: mostly family medicine, paediatrics,
# women's health; English, 10% Spanish; 15% are dictated notes instead) with the clinic's note
# template; in a third of visits the clinician then asks for a change (ICD-10 codes, Spanish patient
# instructions, a shorter HPI, a corrected value). Clinics in UTC-5, -6 and -8 on a clinic-day curve
# (notes finished in the evening), weekdays plus a little Saturday urgent care, three weeks. T 0.2,
# max_tokens 1800. Replies: stubs.
SW_SYSTEM = ("You are Scribewell, an ambient clinical documentation assistant. Write the requested note from the visit transcript using "
             "only what was said or dictated; write 'not documented' for missing elements. Use standard abbreviations. Never add diagnoses, "
             "orders or medications the clinician did not state. No identifiers beyond age and sex.")  # fmt: skip
SW_PROMPT = (
    "Note template: {tmpl}\nSpecialty: {spec}\nVisit type: {visit}\nPatient: {age} {sex}\n\n{kind}:\n{text}"
)
SW_TEMPLATES = (
    ("SOAP", 0.5),
    ("SOAP + ICD-10", 0.15),
    ("H&P", 0.1),
    ("Progress note (APSO)", 0.15),
    ("Telehealth SOAP", 0.1),
)
SW_VISITS = ("new patient", "follow-up", "same-day sick", "annual wellness", "telehealth", "post-op check")
SW_FOLLOW = ("add ICD-10 codes", "patient instructions in plain English please, 6th grade level", "instrucciones para el paciente en español",
             "shorten the HPI to 3 sentences", "put the meds in a table", "add return precautions", "BP was {bp}, fix it",
             "remove the ROS, we didn't do one", "plan as numbered list", "add that we discussed smoking cessation for 5 min")  # fmt: skip


def scribe_visit(
    rng: random.Random, spec: str, spanish: bool, dictated: bool, row: int | None = None
) -> tuple[str, dict]:
    e = encounter(rng, spec, row)
    text = dictation(rng, e) if dictated else transcript(rng, e, spanish)
    prompt = SW_PROMPT.format(tmpl=pick(rng, SW_TEMPLATES), spec=spec, visit=rng.choice(SW_VISITS), age=f"{e['age']}y",
                              sex=e["sex"], kind="Dictation" if dictated else "Transcript", text=text)  # fmt: skip
    return prompt, e


def scribe_app() -> list[KeyTraffic]:
    rng = R("scribewell")
    p = {"temperature": 0.2, "max_tokens": 1800}
    times = zones(rng, range(21), ((-5.0, 52), (-6.0, 26), (-8.0, 24)), CLINIC, weekend=0.06)
    jobs = []
    for _ in times:
        prompt, _ = scribe_visit(rng, pick(rng, CLINIC_MIX), rng.random() < 0.1, rng.random() < 0.15)
        follow = rng.sample(SW_FOLLOW, rng.choices((0, 1, 2), (0.66, 0.27, 0.07))[0])
        follow = [casual(rng, f.format(bp=f"{rng.randint(110, 160)}/{rng.randint(60, 95)}")) for f in follow]
        jobs.append(chain([prompt, *follow], p, SW_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b30-scribewell", "scribe_app", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: clinicians' notes on a clinic-day curve in UTC-5/-6/-8, 3 weeks (weekdays, little Saturday); edits at a person's pace",
             visits=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 2. A LEGAL-RESEARCH TOOL AT A LAW FIRM ("Casewise", used by ~120 lawyers in London, UTC+0, and
# New York, UTC-5; a Python service on openai-python, streaming). Lawyers upload judgments (invented
# here: an invented citation, court and judge, numbered paragraphs built from a fact pattern, issues,
# reasoning and the order) and ask for a headnote, a JSON extraction or a relevance memo for their
# matter; or they ask for a clause (limitation of liability, indemnity, force majeure...) for a
# contract type and governing law. Follow-ups ("make it mutual", "cite paragraph numbers"). Office
# hours plus late evenings, weekdays, three weeks. T 0.3. Replies: stubs.
CW_SYSTEM = ("You are Casewise, a legal research assistant for qualified lawyers. Work from the documents provided; cite paragraph "
             "numbers; flag uncertainty; never invent authorities. Drafting: plain English, defined terms capitalised.")  # fmt: skip
CW_COURTS = (("High Court (Commercial Court)", "EWHC", "(Comm)"), ("Court of Appeal (Civil Division)", "EWCA Civ", ""),
             ("Supreme Court of the State of New York, Commercial Division", "NY Slip Op", ""), ("District Court for the Southern District of New York", "SDNY", ""),
             ("High Court (Chancery Division)", "EWHC", "(Ch)"), ("Employment Appeal Tribunal", "EAT", ""))  # fmt: skip
CW_ISSUES = {
    "contract": ("whether the limitation clause was incorporated", "whether the lost order was too remote", "whether the cap is reasonable"),
    "negligence": ("whether the occupier took reasonable care", "whether damages fall to be reduced for contributory negligence"),
    "employment": ("whether the dismissal was procedurally fair", "whether the conduct amounted to gross misconduct"),
    "data protection": ("whether the marketing had a lawful basis", "whether the breach was notified without undue delay"),
    "trade marks": ("whether there is a likelihood of confusion", "whether the survey evidence is admissible"),
    "company law": ("whether the director breached the duty to declare an interest", "whether the shareholder may bring a derivative claim"),
    "consumer": ("whether the goods were of satisfactory quality", "whether the 'sold as seen' notice is effective"),
    "insurance": ("whether the non-disclosure was deliberate or careless", "whether avoidance was a proportionate remedy"),
}  # fmt: skip
CW_REASON = ("I accept the submission for the {side} that {iss} must be judged at the time of contracting.",
             "The authorities relied on by counsel for the {side} do not assist; each turned on its own facts.",
             "On the evidence, I find that the {side}'s account is to be preferred.",
             "It is common ground that the burden lies on the {side} on this issue.",
             "The question of {iss} is one of fact and degree, and the judge below was entitled to reach the view he did.",
             "Looking at the matter in the round, the {side} has not shown that the outcome would have been different.")  # fmt: skip
CW_CLAUSES = ("limitation of liability", "indemnity", "force majeure", "termination for convenience", "confidentiality", "data processing",
              "non-solicitation", "governing law and jurisdiction", "change of control", "service credits")  # fmt: skip
CW_CONTRACTS = ("SaaS subscription agreement", "distribution agreement", "share purchase agreement", "commercial lease", "consultancy agreement",
                "supply agreement", "joint venture agreement")  # fmt: skip
CW_PARTIES = {"SaaS subscription agreement": ("customer", "provider"), "distribution agreement": ("distributor", "supplier"),
              "share purchase agreement": ("buyer", "seller"), "commercial lease": ("landlord", "tenant"), "consultancy agreement": ("client", "consultant"),
              "joint venture agreement": ("minority party", "majority party")}  # fmt: skip
CW_TASKS = ("Summarise this judgment as a headnote for our knowledge base: citation, court, judge, facts (max 80 words), issues, held, ratio, key paragraphs.\n\n{j}",
            "Extract from this judgment as JSON: citation, court, judge, date, parties, outcome, issues (list), paragraphs on each issue.\n\n{j}",
            "Our matter: we act for the {side} in a dispute about {matter}. Is the judgment below helpful or harmful to us? 5 bullets with paragraph references.\n\n{j}",
            "Draft a {clause} clause for a {contract} governed by the law of {law}, favouring the {party}. {extra}",
            "Draft a {clause} clause for a {contract} governed by the law of {law}, favouring the {party}. {extra}")  # fmt: skip
CW_EXTRA = ("", "Keep it under 200 words.", "Include a carve-out for fraud.", "Our client is the smaller party.", "Include a definition of Losses.",
            "Mirror the market standard for mid-size deals.")  # fmt: skip
CW_FOLLOW = ("make it mutual", "add a carve-out for gross negligence and wilful misconduct", "cite the paragraph numbers", "shorter please",
             "US spelling, client is in Delaware", "what's the strongest counter-argument?", "now in German for the Frankfurt office",
             "is the ratio binding on a first-instance court?", "compare with our standard clause: liability capped at 12 months' fees")  # fmt: skip


def judgment(rng: random.Random) -> tuple[str, str]:
    """An invented judgment: citation, court, judge, numbered paragraphs; and its area."""
    area = rng.choice(sorted(CW_ISSUES))
    juris = "New York" if rng.random() < 0.35 else "England and Wales"
    local = [c for c in CW_COURTS if ("NY" in c[1]) == (juris == "New York")]
    court, abbr, suffix = rng.choice([c for c in local if (c[1] == "EAT") == (area == "employment")] or local)
    a, b = company(rng), company(rng)
    while b == a:
        b = company(rng)
    paras = [f"{a} v {b} [{rng.randint(2016, 2025)}] {abbr} {rng.randint(12, 3400)} {suffix}".strip(), f"{court}",
             f"Before: {rng.choice(('Mrs Justice', 'Mr Justice', 'Judge', 'Lord Justice'))} {rng.choice(LAST)}", ""]  # fmt: skip
    body = [f"This is a claim by {a} against {b}.", *facts(rng, area, juris, a, b).split(". ")]
    issues = CW_ISSUES[area]
    body.append("The issues are: " + "; ".join(f"({'i' * (k + 1)}) {x}" for k, x in enumerate(issues)) + ".")
    for iss in issues:
        body += [
            rng.choice(CW_REASON).format(side=rng.choice(("claimant", "defendant")), iss=iss)
            for _ in range(rng.randint(2, 4))
        ]
    body.append(
        rng.choice(
            (
                "The claim succeeds.",
                "The claim is dismissed.",
                "The appeal is allowed in part.",
                "The appeal is dismissed.",
            )
        )
    )
    paras += [f"[{i}] {s.strip().rstrip('.')}." for i, s in enumerate(body, 1) if s.strip()]
    return "\n".join(paras), area


def legal_research() -> list[KeyTraffic]:
    rng = R("casewise")
    p = {"temperature": 0.3, "stream": True, "max_tokens": 2000}
    late = (0, 0, 0, 0, 0, 0, 0, 0.1, 0.5, 1.0, 1.0, 1.0, 0.7, 0.8, 1.0, 1.0, 1.0, 0.9, 0.7, 0.5, 0.4, 0.3, 0.15, 0.05)  # fmt: skip
    times = zones(rng, [d for d in range(21) if weekday(d)], ((0.0, 44), (-5.0, 30)), late)
    jobs = []
    for _ in times:
        task = rng.choice(CW_TASKS)
        j, area = judgment(rng) if "{j}" in task else ("", "")
        contract = rng.choice(CW_CONTRACTS)
        text = task.format(j=j, side=rng.choice(("claimant", "defendant", "buyer", "employer")), matter=area or "a supply contract",
                           clause=rng.choice(CW_CLAUSES), contract=contract, law=rng.choice(("England and Wales", "New York", "Delaware")),
                           party=rng.choice(CW_PARTIES.get(contract, ("customer", "supplier"))), extra=rng.choice(CW_EXTRA)).strip()  # fmt: skip
        follow = [casual(rng, f) for f in rng.sample(CW_FOLLOW, rng.choices((0, 1, 2), (0.6, 0.3, 0.1))[0])]
        jobs.append(chain([text, *follow], p, CW_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b30-casewise", "legal_research", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: lawyers in London (UTC+0) and New York (UTC-5), office hours and late evenings, 15 working days",
             sessions=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 3. AN ACCOUNTING FIRM'S MONTH-END CLOSE ASSISTANT ("Vandermeer & Holt", outsourced accounting
# for ~40 invented clients, Chicago, UTC-6; the firm's close tool on python-httpx). Staff accountants
# ask for journal entries for transactions (JSON), explanations of bank-reconciliation differences,
# flux commentary and short accounting-treatment memos; the first five working days of the month
# are the close (x5 volume); on the third close day a 06:00 job writes flux commentary for every
# client's P&L lines the controllers flagged (4 workers). T 0.2. Replies: stubs.
VH_SYSTEM = ("You are the close assistant of Vandermeer & Holt, an outsourced accounting firm. US GAAP. Use only the client's chart of "
             "accounts. When unsure, say what support the reviewer should request.")  # fmt: skip
VH_JE = ("Propose the journal entry. Return JSON {{\"lines\": [{{\"account\": str, \"debit\": num, \"credit\": num}}], \"memo\": str, "
         "\"reversing\": bool}}.\nClient: {client}\nChart of accounts: {coa}\nTransaction: {tx}")  # fmt: skip
VH_REC = ("Explain this bank reconciliation difference for the reviewer in 3-5 sentences. Client {client}, account 1010. Bank balance "
          "${bank:,}; GL balance ${gl:,}. Outstanding checks: {chks}. Deposits in transit: ${dit:,}. Unexplained difference: ${diff:,}.")  # fmt: skip
VH_FLUX = ("Write flux commentary for {client}, account {acct}: February ${a:,} vs January ${b:,} ({pct:+.1f}%). Drivers from the "
           "controller: {drivers}. Two sentences, factual, no speculation.")  # fmt: skip
VH_MEMO = ("Does a 3-year SaaS contract with a {k}% discount in year 1 contain a material right?", "How should the client account for a "
           "${amt:,} tenant improvement allowance received in cash?", "Can we capitalise a ${amt:,} ERP implementation fee under ASC 350-40?",
           "Client paid a ${amt:,} retention bonus that vests in 18 months. Expense it now or over time?", "When do we reverse a discretionary bonus accrual?",
           "Is a {k}-month equipment rental with a purchase option a lease under ASC 842?")  # fmt: skip
VH_DRIVERS = ("new hires in February", "annual price increase", "one-off legal fees", "lower freight volumes", "FX on EUR payables",
              "timing of the marketing campaign", "a customer churned", "software renewal moved from March")  # fmt: skip
VH_FOLLOW = ("use 2100 not 2000", "make it reversing", "split 60/40 between cost centres 100 and 200", "what support should we ask the client for?",
             "shorter", "ok thanks", "add the ASC reference", "client says the invoice is for two months, redo")  # fmt: skip


def _vh_ask(rng: random.Random, clients: list[str]) -> str:
    c = rng.choice(clients)
    kind = rng.choices(("je", "rec", "flux", "memo"), (0.5, 0.15, 0.15, 0.2))[0]
    if kind == "je":
        return VH_JE.format(client=c, coa="; ".join(rng.sample(GL_ACCOUNTS, 9)), tx=transaction(rng, "$"))
    if kind == "rec":
        bank, chks = (
            rng.randrange(20_000, 900_000),
            [rng.randrange(100, 30_000) for _ in range(rng.randint(0, 4))],
        )
        dit, diff = rng.randrange(0, 40_000), rng.choice((0, rng.randrange(1, 3000)))
        gl = bank - sum(chks) + dit + diff
        return VH_REC.format(
            client=c,
            bank=bank,
            gl=gl,
            chks=", ".join(f"#{rng.randint(1000, 9999)} ${x:,}" for x in chks) or "none",
            dit=dit,
            diff=diff,
        )
    if kind == "flux":
        return _vh_flux(rng, c, rng.choice(GL_ACCOUNTS[12:]))
    return rng.choice(VH_MEMO).format(k=rng.randint(5, 40), amt=rng.randrange(5_000, 900_000, 500))


def _vh_flux(rng: random.Random, client: str, acct: str) -> str:
    a, b = rng.randrange(2_000, 800_000), rng.randrange(2_000, 800_000)
    return VH_FLUX.format(
        client=client,
        acct=acct,
        a=a,
        b=b,
        pct=(a - b) / b * 100,
        drivers="; ".join(rng.sample(VH_DRIVERS, rng.randint(1, 3))),
    )


def close_assistant() -> list[KeyTraffic]:
    rng = R("closebook")
    p = {"temperature": 0.2, "max_tokens": 900}
    clients = sorted({company(rng) for _ in range(60)})[:40]
    days = [d for d in range(21) if weekday(d)]
    times = [t for d in days for t in arrivals(rng, [d], 130 if d < 5 else 24, OFFICE, -6.0)]
    jobs = []
    for _ in times:
        text = _vh_ask(rng, clients)
        follow = [
            casual(rng, f) for f in rng.sample(VH_FOLLOW, rng.choices((0, 1, 2), (0.65, 0.28, 0.07))[0])
        ]
        jobs.append(
            chain(
                [text, *follow],
                {**p, "response_format": {"type": "json_object"}} if text.startswith("Propose") else p,
                VH_SYSTEM,
            )
        )
    out = at(times, jobs, rng)
    batch = [
        [ask(_vh_flux(rng, c, acct), p, VH_SYSTEM)]
        for c in clients
        for acct in GL_ACCOUNTS[12:]
        if rng.random() < 0.45
    ]
    out += run(rng, utc(2, 6.0, -6.0), batch, 4, 120)[0]
    kt = key("b30-closebook", "close_assistant", "benign", "app", cl(rng, "httpx", org=True), out,
             "simulated: staff in office hours (UTC-6), x5 in the first five working days (the close), a 06:00 flux job on close day 3",
             clients=len(clients), batch=len(batch))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 4. AN INSURER'S NIGHTLY CLAIMS-TRIAGE PIPELINE ("Rhein-Maas Verzekeringen", Utrecht, UTC+1; an
# Airflow task on python-requests, 5 workers, T 0, seed 11, JSON). Every night at 01:15 the day's new
# claims (150-220, invented here: six lines of business, the claimant's statement in English, German
# or Dutch, estimate, sum insured, excess, the adjuster's note and the policy's exclusions) are
# triaged one per request; 3% fail schema validation and get a repair turn. On night 9 the previous
# night's claims are re-run under prompt v2 (a new field). 14 nights. Replies: stubs.
RM_TRIAGE = ("Triage this claim. Return JSON with: coverage (likely_covered | likely_excluded | unclear), exclusion_refs (list), severity "
             "(1-5), fraud_indicators (list of strings), route (fast_track | desk_adjuster | field_adjuster | SIU), summary_en (max 40 words)"
             "{v2}.\n\nClaim:\n{claim}")  # fmt: skip


def claims_triage() -> list[KeyTraffic]:
    rng = R("claimsnight")
    p = {"temperature": 0, "seed": 11, "max_tokens": 500, "response_format": {"type": "json_object"}}
    out: list[Request] = []
    n, last = 0, []
    for night in range(1, 15):
        claims = []
        for _ in range(rng.randint(150, 220)):
            claims.append(claim(rng, n))
            n += 1
        v2 = ", subrogation_potential (bool)" if night >= 9 else ""
        jobs = []
        for c in claims:
            turns = [RM_TRIAGE.format(v2=v2, claim=jd(c, 1))]
            if rng.random() < 0.03:
                turns.append(
                    f"Your output failed validation: {rng.choice(('missing key route', 'severity must be an integer', 'invalid JSON'))}. Return the corrected JSON only."
                )
            jobs.append(chain(turns, p))
        if night == 9:  # the backfill of the previous night under v2
            jobs += [chain([RM_TRIAGE.format(v2=v2, claim=jd(c, 1))], p) for c in last]
        out += run(rng, utc(night, 1.25, 1.0) + rng.uniform(0, 120), jobs, 5, 180)[0]
        last = claims
    kt = key("b30-claimsnight", "claims_triage", "benign", "app", cl(rng, "requests", org=True), out,
             "simulated: a nightly Airflow task at 01:15 (UTC+1), 5 workers, 14 nights, one v2 backfill",
             claims=n, nights=14)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 5. AN HR PLATFORM ("PeopleHub", an HR SaaS in Amsterdam, UTC+1, ~70 customer companies; its
# backend on openai-python). Two features share the key: recruiters generate job descriptions (role,
# level, location, skills, language; follow-ups "add a salary range", "gender-neutral"); employees ask
# the policy assistant about leave, expenses, remote work and equipment, in English, German, Dutch,
# Polish and French, typed casually, with their company's policy excerpt as the system prompt.
# Weekdays in office hours, three weeks. Replies: stubs.
PH_LEVELS = ("Junior", "Medior", "Senior", "Lead", "Trainee")
PH_PLACES = ("Amsterdam", "Berlin", "Kraków", "Lyon", "Rotterdam", "Munich", "remote (EU)", "Antwerp")
# role -> skills a recruiter would list for it
PH_SKILLS = {"Data Analyst": ("SQL", "Power BI", "Python", "stakeholder management"), "Warehouse Operative": ("forklift licence", "shift work", "WMS scanners"),
             "Account Executive": ("Salesforce", "German C1", "SaaS sales"), "Staff Nurse": ("BIG registration", "Dutch B2", "shift work"),
             "Backend Engineer": ("Python", "PostgreSQL", "Kubernetes", "Go"), "Payroll Specialist": ("SAP", "Excel", "Dutch payroll law"),
             "Customer Success Manager": ("customer empathy", "Salesforce", "French C1"), "Electrician": ("NEN 1010 wiring", "VCA certificate", "driving licence B"),
             "Store Manager": ("team leadership", "retail KPIs", "Excel"), "HR Business Partner": ("employment law", "stakeholder management", "Workday"),
             "Product Designer": ("Figma", "user research", "design systems")}  # fmt: skip
PH_JD = {
    "en": "Write a job description for a {lvl} {role} in {place}. Must-haves: {skills}. Tone: {tone}. Include responsibilities, requirements and what we offer.",
    "de": "Schreibe eine Stellenanzeige für eine:n {lvl} {role} in {place}. Muss: {skills}. Ton: {tone}.",
    "nl": "Schrijf een vacaturetekst voor een {lvl} {role} in {place}. Vereist: {skills}. Toon: {tone}.",
    "pl": "Napisz ogłoszenie o pracę: {lvl} {role}, {place}. Wymagania: {skills}. Ton: {tone}.",
}  # fmt: skip
PH_TONES = ("warm", "professional", "startup-casual", "formal")
PH_JD_FOLLOW = ("add a salary range of €{a}-{b}k", "make it gender-neutral", "shorter, max 250 words", "translate to English as well",
                "remove the bit about 'rockstar'", "add our hybrid policy: 3 days in office")  # fmt: skip
PH_POLICY = ("Annual leave: {leave} days per calendar year, pro rata for starters; up to 5 days carry over to 31 March. Parental leave: "
             "{parental} weeks paid at {pct}%. Expenses: taxis only after 22:00 or with luggage; meals up to €{meal} a day on travel. Remote work: "
             "up to {remote} days a week; working from abroad up to {abroad} days a year with HR approval. Equipment: laptop and one monitor; "
             "home-office allowance €{allow} once.")  # fmt: skip
PH_Q = {
    "en": ("how many vacation days do i get if i started in {month}", "can i work from spain for 3 weeks in summer", "are taxis reimbursed",
           "how long is paid parental leave", "can i carry over my leftover days", "do we get a second monitor", "what's the meal allowance abroad"),
    "de": ("Wie viele Urlaubstage habe ich, wenn ich im {month} angefangen habe?", "Darf ich 3 Wochen aus Spanien arbeiten?", "wird das taxi erstattet",
           "Wie lange ist die bezahlte Elternzeit?", "kann ich resturlaub mitnehmen"),
    "nl": ("hoeveel vakantiedagen heb ik als ik in {month} begonnen ben", "mag ik een maand vanuit het buitenland werken", "krijg ik een tweede scherm",
           "hoe zit het met ouderschapsverlof"),
    "pl": ("ile mam dni urlopu jeśli zacząłem w {month}", "czy mogę pracować zdalnie z Hiszpanii przez miesiąc", "czy taksówki są zwracane"),
    "fr": ("combien de jours de congés si j'ai commencé en {month} ?", "est-ce que les frais de taxi sont remboursés", "je peux télétravailler depuis l'étranger ?"),
}  # fmt: skip
PH_MONTH = {"en": "june", "de": "Juni", "nl": "juni", "pl": "czerwcu", "fr": "juin"}
PH_Q_FOLLOW = (
    "and if I'm part time?",
    "thanks!",
    "who approves it?",
    "danke",
    "dank je",
    "what about public holidays?",
    "ok and the form?",
)


def hr_platform() -> list[KeyTraffic]:
    rng = R("peoplehub")
    days = [d for d in range(21) if weekday(d)]
    jd_p, pol_p = (
        {"temperature": 0.7, "max_tokens": 1100},
        {"temperature": 0.3, "stream": True, "max_tokens": 500},
    )
    tenants = [PH_POLICY.format(leave=rng.choice((20, 24, 25, 26, 28)), parental=rng.choice((6, 9, 12, 16)), pct=rng.choice((70, 80, 100)),
                                meal=rng.choice((35, 45, 60)), remote=rng.choice((2, 3, 5)), abroad=rng.choice((10, 20, 30)), allow=rng.choice((300, 500, 750)))
               for _ in range(70)]  # fmt: skip
    jd_times = arrivals(rng, days, 30, OFFICE, 1.0)
    jd_jobs = []
    for _ in jd_times:
        lang = pick(rng, (("en", 0.5), ("de", 0.2), ("nl", 0.2), ("pl", 0.1)))
        role = rng.choice(sorted(PH_SKILLS))
        text = PH_JD[lang].format(lvl=rng.choice(PH_LEVELS), role=role, place=rng.choice(PH_PLACES),
                                  skills=", ".join(rng.sample(PH_SKILLS[role], rng.randint(2, 3))), tone=rng.choice(PH_TONES))  # fmt: skip
        follow = [
            f.format(a=rng.randint(35, 60), b=rng.randint(61, 95))
            for f in rng.sample(PH_JD_FOLLOW, rng.choices((0, 1, 2), (0.5, 0.4, 0.1))[0])
        ]
        jd_jobs.append(
            chain(
                [text, *follow],
                jd_p,
                "You write inclusive, accurate job descriptions for PeopleHub customers.",
            )
        )
    q_times = arrivals(rng, days, 56, OFFICE, 1.0)
    q_jobs = []
    for _ in q_times:
        lang = pick(rng, (("en", 0.45), ("de", 0.2), ("nl", 0.2), ("pl", 0.08), ("fr", 0.07)))
        q = casual(
            rng,
            typo(
                rng,
                rng.choice(PH_Q[lang]).format(month=PH_MONTH[lang]),
                0.04,
            ),
        )
        system = (
            "You are the HR policy assistant. Answer only from this company policy; if it does not say, tell the employee to ask HR.\n\n"
            + rng.choice(tenants)
        )
        q_jobs.append(chain([q, *rng.sample(PH_Q_FOLLOW, rng.choices((0, 1), (0.7, 0.3))[0])], pol_p, system))
    out = at(jd_times, jd_jobs, rng) + at(q_times, q_jobs, rng)
    kt = key("b30-peoplehub", "hr_platform", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: recruiters' and employees' office-hour Poisson (UTC+1), 15 working days; follow-ups at a person's pace",
             job_descriptions=len(jd_jobs), policy_questions=len(q_jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 6. A PHARMACY STUDENT CRAMMING FOR HER LICENSING EXAM (mixed: MMLU's medical subjects, bucket 0
# of 2, pasted as practice items; Maya, a PharmD student in Columbus, UTC-5, on an open-source desktop
# chat client built on the OpenAI JS SDK with her own key, streaming). Heavy and repetitive: "quiz me"
# on a drug class, her answers ("1b 2d 3a"), "why not C", mnemonics, drug-vs-drug tables, Anki cards,
# Cockcroft-Gault by hand, MOA reminders. One person, one conversation at a time; evenings and
# weekends, growing as the exam (day 22) nears. Replies: stubs.
MY_ASKS = ("quiz me: {k} NAPLEX-style MCQs on {cls}s, don't show the answers yet", "make a mnemonic for the adverse effects of {drug}",
           "{drug} vs {drug2} - key differences for the exam, table pls", "whats the MOA of {drug} again", "make {k} anki cards (front;back) on {cls}s",
           "CrCl for a {age}yo {sex}, {wt} kg, SCr {scr} - cockcroft gault, show work", "counseling points for {drug}? short",
           "which {cls} is safest in pregnancy and why", "drug interactions with {drug} that show up on boards")  # fmt: skip
MY_QUIZ_FOLLOW = (
    "{ans}",
    "why is {l} wrong for #{i}",
    "ok 3 more, harder",
    "explain #{i} again i dont get it",
    "i got {s}/{k} :(",
)
MY_PASTE = (
    "is this right? i picked {l}\n\n{item}",
    "{item}\n\nwhy is the answer {l}",
    "explain this one pls\n{item}",
)


def pharm_student() -> list[KeyTraffic]:
    rng = R("pharmd")
    p = {"stream": True}
    med = (
        "professional_medicine",
        "clinical_knowledge",
        "college_medicine",
        "anatomy",
        "medical_genetics",
        "nutrition",
        "virology",
        "human_aging",
    )
    items = [r for r in share("mmlu_val_zeroshot", 2, 0) if r.extra.get("subject") in med]
    rng.shuffle(items)
    classes = sorted({d[1] for d in DRUGS})
    times = []
    for d in range(21):
        per = (14 + d * 2.2) * (1.5 if not weekday(d) else 1.0)
        times += arrivals(rng, [d], per, EVENING, -5.0)
    jobs = []
    for _ in times:
        if items and rng.random() < 0.12:
            r = items.pop()
            turns = [rng.choice(MY_PASTE).format(l=rng.choice("ABCD"), item=r.first)]
            turns += rng.sample(
                ("ok that makes sense", "so the key word is the age?", "thx"), rng.choice((0, 1))
            )
            jobs.append(chain([casual(rng, t) for t in turns], p, None, (), r.id))
            continue
        a, b = rng.sample(DRUGS, 2)
        k = rng.choice((5, 5, 10, 3, 20))
        text = rng.choice(MY_ASKS).format(k=k, cls=rng.choice(classes), drug=a[0], drug2=b[0], age=rng.randint(40, 88), sex=rng.choice(("M", "F")),
                                          wt=rng.randint(48, 120), scr=round(rng.uniform(0.7, 2.6), 1))  # fmt: skip
        turns = [casual(rng, typo(rng, text, 0.04))]
        if text.startswith("quiz"):
            for _ in range(rng.choices((1, 2, 3, 4), (0.35, 0.35, 0.2, 0.1))[0]):
                ans = " ".join(f"{i}{rng.choice('abcd')}" for i in range(1, min(k, 10) + 1))
                turns.append(
                    rng.choice(MY_QUIZ_FOLLOW).format(
                        ans=ans, l=rng.choice("ABCD"), i=rng.randint(1, min(k, 10)), s=rng.randint(1, k), k=k
                    )
                )
        else:
            turns += rng.sample(
                ("and the renal dosing?", "shorter", "thx", "what about in elderly"),
                rng.choices((0, 1), (0.7, 0.3))[0],
            )
        jobs.append(chain(turns, p))
    out = one_person(rng, times, jobs)
    kt = key("b30-pharmd", "pharm_student", "benign", "chat", cl(rng, "openai-js"), out,
             "simulated: one person (UTC-5), evenings and weekends, ramping up to an exam; one conversation at a time",
             ("mmlu_val_zeroshot",), conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 7. A BANK'S COMPLIANCE TEAM REGRESSION-TESTING ITS OWN POLICY ASSISTANT ("Meranti Bank",
# Singapore, UTC+8; the compliance-engineering team's eval runner on python-httpx). 110 questions
# written by the team over the bank's own (invented) policy sections - customer due diligence,
# sanctions screening, gifts, personal dealing, records, complaints, outsourcing, whistleblowing -
# with reference answers. Every night at 02:00: each question with its retrieved sections (T 0, seed
# 42), then a grader call that quotes the answer and the reference (JSON verdict). On day 4 the team
# tries a new system prompt on a 30-item subset three times in office hours. 12 nights. Replies: stubs.
MB_SECTIONS = ("CDD-4.2: Enhanced due diligence applies to politically exposed persons and to customers with expected annual turnover above SGD {a:,}.",
               "SAN-2.1: Payments must be screened against the sanctions lists before release; potential matches above a score of {b} are held for review within {h} hours.",
               "GIF-1.3: Gifts or hospitality above SGD {c} per occasion require pre-approval from Compliance; cash gifts are never permitted.",
               "PAD-3.4: Staff must hold personal investments for at least {d} days and pre-clear trades in securities on the restricted list.",
               "REC-5.1: Customer records are retained for {y} years after the relationship ends.",
               "CMP-2.2: Complaints are acknowledged within {ack} business days and resolved within {res} business days where possible.",
               "OUT-6.3: Material outsourcing arrangements require Board approval and notification to the regulator {n} days before go-live.",
               "WBL-1.1: Whistleblowing reports may be made anonymously through the hotline; retaliation is a disciplinary offence.")  # fmt: skip
# (section, question, reference answer); None: a question the policy does not cover.
MB_ITEMS = ((0, "Do we need EDD for a customer expecting SGD {x:,} turnover a year?", "EDD applies above SGD 1,500,000 expected annual turnover, or for PEPs (CDD-4.2)."),
            (0, "Is a foreign minister's spouse covered by EDD?", "Treat as politically exposed: EDD applies (CDD-4.2)."),
            (1, "How long can a payment with a screening score of {s} be held?", "Matches scoring above 85 are held and reviewed within 24 hours (SAN-2.1)."),
            (2, "Can a relationship manager accept a SGD {g} dinner from a client without approval?", "Only up to SGD 150 per occasion; above that, pre-approval from Compliance (GIF-1.3)."),
            (2, "Can a client give the branch team a cash gift for Lunar New Year?", "No: cash gifts are never permitted (GIF-1.3)."),
            (3, "How many days must staff hold shares they buy?", "At least 30 days; restricted-list trades need pre-clearance (PAD-3.4)."),
            (4, "How long do we keep records after an account is closed?", "Five years after the relationship ends (REC-5.1)."),
            (5, "What is the deadline to acknowledge a complaint?", "Two business days; resolve within ten where possible (CMP-2.2)."),
            (6, "Does a new cloud outsourcing contract need Board approval?", "Yes if material, with regulator notice 30 days before go-live (OUT-6.3)."),
            (6, "Do we tell the regulator about outsourcing, and when?", "For material outsourcing, 30 days before go-live (OUT-6.3)."),
            (7, "Can I report a concern without giving my name?", "Yes, anonymously through the hotline (WBL-1.1)."),
            (7, "What happens if someone is punished for whistleblowing?", "Retaliation is a disciplinary offence (WBL-1.1)."),
            (None, "May staff message clients on personal WhatsApp?", "Not covered by the excerpts."))  # fmt: skip
MB_SYSTEM = "You are Meranti Bank's internal policy assistant. Answer only from the policy excerpts given and cite the section number; if they do not answer the question, say 'Not covered'."
MB_SYSTEM_V2 = MB_SYSTEM + " Answer in at most three sentences, then list the sections relied on."
MB_GRADE = ("You are grading a policy assistant. Question: {q}\nReference answer: {ref}\nAssistant answer: {ans}\n\nReturn JSON "
            "{{\"correct\": true|false, \"missing_points\": [string], \"hallucination\": true|false}}.")  # fmt: skip


def policy_eval() -> list[KeyTraffic]:
    rng = R("policyeval")
    nums = {"a": 1_500_000, "b": 85, "h": 24, "c": 150, "d": 30, "y": 5, "ack": 2, "res": 10, "n": 30}
    sections = [s.format(**nums) for s in MB_SECTIONS]
    items = []
    for i in range(110):
        sec, q, ref = rng.choice(MB_ITEMS)
        q = q.format(
            x=rng.randrange(200_000, 3_000_000, 50_000), s=rng.randint(60, 99), g=rng.randrange(50, 400, 10)
        )
        ctx = rng.sample([x for j, x in enumerate(sections) if j != sec], 2 if sec is not None else 3)
        ctx = rng.sample(ctx + ([sections[sec]] if sec is not None else []), 3)
        items.append((f"MB-{i:03d}", q, ctx, ref))
    ans_p = {"temperature": 0, "seed": 42, "max_tokens": 600}
    grade_p = {"temperature": 0, "seed": 42, "max_tokens": 300, "response_format": {"type": "json_object"}}

    def job(item, system: str) -> list[Request]:
        iid, q, ctx, ref = item
        a = ask("Policy excerpts:\n" + "\n".join(ctx) + f"\n\nQuestion: {q}", ans_p, system, iid)
        return [a, ask(MB_GRADE.format(q=q, ref=ref, ans=a.reply), grade_p, None, iid)]

    out: list[Request] = []
    for night in range(1, 13):
        out += run(
            rng, utc(night, 2.0, 8.0) + rng.uniform(0, 60), [job(it, MB_SYSTEM) for it in items], 4, 150
        )[0]
    subset = rng.sample(items, 30)
    for hour in (10.5, 14.0, 16.5):
        out += run(
            rng, utc(4, hour, 8.0) + rng.uniform(0, 600), [job(it, MB_SYSTEM_V2) for it in subset], 4, 150
        )[0]
    kt = key("b30-policyeval", "policy_eval", "benign", "evaluation", cl(rng, "httpx", org=True), out,
             "simulated: a nightly eval run at 02:00 (UTC+8), 4 workers, 12 nights; three prompt trials on day 4",
             items=len(items), nights=12)  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 8. A MEDICAL-EXAM PREP COMPANY WRITING EXPLANATIONS FOR ITS OWN QUESTION BANK ("Pulsepoint
# Review", Boston, UTC-5; its content pipeline on the async OpenAI Python client). Its licensed bank
# (generated here: clinical vignettes from the encounter generator with five options and a keyed
# answer; diagnosis, next-step and drug-mechanism items) gets explanations in house style: the item and
# its key go in. Days 1-2: a backfill of 1,150 items (8 workers). Days 8-9: the Spanish edition
# translates 320 of those explanations (the explanation quoted). Weekdays: editors rework items with
# follow-ups. T 0.4. Replies: a composed explanation for the backfill (the translation quotes it).
PP_SYSTEM = "You write explanations for Pulsepoint Review's licensed question bank. Be accurate, concise and consistent with standard references."
PP_PROMPT = ("Write the explanation for item {iid} in house style. Keyed answer: ({key}). Structure: 1) why ({key}) is correct; 2) why each "
             "other option is incorrect, one sentence each; 3) 'Educational objective:' one sentence.\n\n{item}")  # fmt: skip
PP_EDIT = ("the explanation for ({l}) is off, {drug} is not first line here", "shorten to 150 words", "add a table comparing the top two diagnoses",
           "make the educational objective more specific", "the vignette says {age} years, fix the explanation")  # fmt: skip


def vignette(rng: random.Random, spec: str | None = None) -> tuple[str, str, dict]:
    """A board-style item: the stem with five options, its keyed letter, and the encounter behind it."""
    e = encounter(rng, spec or rng.choice(sorted(SPECIALTIES)))
    stem = (f"{person(e)} presents with {e['cc']} for {e['dur']}. Medications: {', '.join(e['home_meds']) or 'none'}. "
            f"Vital signs: {e['vitals']}. Examination shows {e['exam']}.")  # fmt: skip
    kind = rng.randrange(3)
    if kind == 0 or (kind == 1 and e["test"].startswith("no")):
        ask_, right = "Which of the following is the most likely diagnosis?", e["dx"]
        pool = [r[2] for rows in SPECIALTIES.values() for r in rows if r[2] != right]
    elif kind == 1:
        ask_, right = (
            "Which of the following is the most appropriate next step?",
            e["test"][0].upper() + e["test"][1:],
        )
        pool = [
            r[5][0].upper() + r[5][1:] for rows in SPECIALTIES.values() for r in rows if r[5] != e["test"]
        ]
    else:
        drug = rng.choice(DRUGS)
        ask_, right = f"The patient is started on {drug[0]}. What is its mechanism of action?", drug[2]
        pool = [d[2] for d in DRUGS if d[2] != right]
    opts = [right, *rng.sample(pool, 4)]
    rng.shuffle(opts)
    letter = "ABCDE"[opts.index(right)]
    return stem + " " + ask_ + "\n" + "\n".join(f"({'ABCDE'[i]}) {o}" for i, o in enumerate(opts)), letter, e


def qbank_explanations() -> list[KeyTraffic]:
    rng = R("qbank")
    p = {"temperature": 0.4, "max_tokens": 1200}
    bank = [(f"PP-{40000 + i}", *vignette(rng)) for i in range(1150)]
    jobs, explained = [], []
    for iid, item, letter, e in bank:
        reply = f"({letter}) is correct: {e['dx']} explains {e['cc']} with {e['exam']}. The other options do not fit the findings. Educational objective: recognise {e['dx']}."
        q = ask(PP_PROMPT.format(iid=iid, key=letter, item=item), p, PP_SYSTEM, iid, reply=reply)
        jobs.append([q])
        explained.append((iid, q.reply))
    out, _ = run(rng, utc(1, 9.0, -5.0), jobs, 8, 600, retry=0.01, timeout=120.0)
    es = [[ask(f"Traduce al español (edición LatAm) esta explicación, con la terminología médica estándar:\n\n{text}", {"temperature": 0.2}, PP_SYSTEM, iid)]
          for iid, text in rng.sample(explained, 320)]  # fmt: skip
    out += run(rng, utc(8, 9.5, -5.0), es[:160], 4, 350)[0] + run(rng, utc(9, 9.5, -5.0), es[160:], 4, 350)[0]
    times = arrivals(rng, [d for d in range(3, 21) if weekday(d)], 21, OFFICE, -5.0)
    edits = []
    for _ in times:
        iid, item, letter, e = rng.choice(bank)
        follow = [
            f.format(l=rng.choice("ABCDE"), drug=rng.choice(DRUGS)[0], age=e["age"])
            for f in rng.sample(PP_EDIT, rng.choice((1, 1, 2)))
        ]
        edits.append(
            chain([PP_PROMPT.format(iid=iid, key=letter, item=item), *follow], p, PP_SYSTEM, (), iid)
        )
    out += at(times, edits, rng)
    kt = key("b30-qbank", "qbank_explanations", "benign", "app", cl(rng, "openai-python", ua=async_ua(rng), org=True), out,
             "simulated: a two-day backfill (8 workers, UTC-5), a Spanish-edition job on days 8-9, editors in office hours",
             items=len(bank), translated=len(es), edits=len(edits))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 9. A HEALTH SYSTEM'S MULTILINGUAL PATIENT-PORTAL CHATBOT (mixed: Huatuo's Chinese medical
# questions, bucket 0 of 3, stand for Mandarin-speaking patients; "Bayview Health", Miami, UTC-5; the
# portal's Node backend on the OpenAI JS SDK, streaming). Patients' short questions written here in
# English, Spanish, Portuguese and Haitian Creole (medicines with their own prescriptions, blood
# pressure readings, fasting before labs, results, after surgery, children's fevers), with typos, and
# follow-ups. Consumer day curve, two weeks, ~120 conversations a day. Replies: Huatuo's stored answer
# for its first turns, else stubs.
BV_SYSTEM = ("You are the Bayview Health patient assistant. Give general health information in the patient's language at a 6th-grade "
             "reading level. Do not diagnose or change medications; suggest messaging the care team. For chest pain, trouble breathing or "
             "stroke signs, tell the patient to call 911 now.")  # fmt: skip
BV_Q = {
    "en": ("can i take {otc} with my {drug}", "my bp is {bp} is that bad", "do i need to fast before my {lab}", "what does high {labname} mean on my results",
           "how long after my {surg} can i shower", "my son has a fever of {temp} what should i do", "is it normal to feel {ae} after starting {drug}",
           "when can i refill my {drug}", "i missed my {drug} this morning should i take 2 tonight", "what should i bring to my {spec} appointment"),
    "es": ("puedo tomar {otc} con mi {drug}?", "mi presión está en {bp}, es peligroso?", "tengo que ir en ayunas para el {lab}?",
           "mi hijo tiene {temp} de fiebre que hago", "es normal sentir {ae} con {drug}?", "se me olvidó el {drug} hoy, tomo doble?"),
    "pt": ("posso tomar {otc} junto com {drug}?", "minha pressão está {bp}, é grave?", "preciso de jejum para o exame de {lab}?",
           "meu filho está com febre de {temp}, o que faço?"),
    "ht": ("èske m ka pran {otc} ak {drug}?", "tansyon mwen se {bp}, èske sa grav?", "pitit mwen gen lafyèv {temp}, kisa pou m fè?"),
}  # fmt: skip
BV_SLOTS = {"otc": ("ibuprofen", "tylenol", "benadryl", "pepto", "melatonin", "aspirin"), "drug": ("lisinopril", "metformin", "eliquis", "sertraline", "levothyroxine", "amlodipine"),
            "lab": ("cholesterol test", "a1c", "blood work", "glucose test"), "labname": ("ALT", "creatinine", "TSH", "potassium", "a1c"), "surg": ("knee surgery", "gallbladder surgery", "c-section", "hernia repair"),
            "ae": ("dizzy", "nauseous", "tired", "a cough"), "spec": ("cardiology", "dermatology", "endocrinology")}  # fmt: skip
BV_FOLLOW = (
    "thank you",
    "what if it gets worse",
    "gracias",
    "and for my husband too?",
    "how much can i take",
    "obrigada",
    "mèsi",
    "ok i will call them",
)


def patient_portal() -> list[KeyTraffic]:
    rng = R("bayview")
    p = {"temperature": 0.3, "stream": True, "max_tokens": 500}
    huatuo = share("huatuo_med_zh", 3, 0)
    rng.shuffle(huatuo)
    times = arrivals(rng, range(1, 15), 122, CONSUMER, -5.0, weekend=0.8)
    jobs = []
    for _ in times:
        if huatuo and rng.random() < 0.1:
            r = huatuo.pop()
            jobs.append(
                chain(
                    [
                        r.first,
                        *rng.sample(("谢谢", "那我需要去医院吗？", "孩子可以吃吗？"), rng.choice((0, 0, 1))),
                    ],
                    p,
                    BV_SYSTEM,
                    (r.answer,),
                    r.id,
                )
            )
            continue
        lang = pick(rng, (("en", 0.58), ("es", 0.3), ("pt", 0.06), ("ht", 0.06)))
        temp = rng.choice(("101.5", "102", "100.4", "39", "38.5", "103"))
        text = draw(
            rng,
            rng.choice(BV_Q[lang]),
            BV_SLOTS,
            bp=f"{rng.randint(128, 185)}/{rng.randint(78, 112)}",
            temp=temp,
        )
        turns = [
            casual(rng, typo(rng, text, 0.06)),
            *rng.sample(BV_FOLLOW, rng.choices((0, 1, 2), (0.6, 0.32, 0.08))[0]),
        ]
        jobs.append(chain(turns, p, BV_SYSTEM))
    out = at(times, jobs, rng)
    kt = key("b30-bayview", "patient_portal", "benign", "app", cl(rng, "openai-js", org=True), out,
             "simulated: patients' arrivals on a consumer day curve (UTC-5), 14 days; turn gaps from text lengths",
             ("huatuo_med_zh",), conversations=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 10. AN ENGINEERING CONSULTANCY CHECKING DESIGNS AGAINST STANDARDS ("Fjordline Consulting
# Engineers", Copenhagen, UTC+1; an internal tool on openai-python, reasoning_effort medium). Engineers
# paste design parameters (steel beams, columns, cables, pipes, bolts, concrete cover, wind, ducts;
# numbers drawn here) and ask for a check against a named code (Eurocode, IEC, ASME, ISO; clause
# numbers, never clause text), with follow-ups; and every night at 03:00 a regression suite of 48
# fixed check prompts (the tool team's own) runs at T 0. Three weeks. Replies: stubs.
FJ_CHECKS = ("Check an IPE {n} beam in S355, simply supported, span {L} m, UDL {w} kN/m at ULS and {w2} kN/m at SLS, compression flange restrained at supports only. EN 1993-1-1 with the Danish NA: bending, shear, LTB, deflection L/250.",
             "Column check: HEB {n} in S275, {L} m, pinned both ends, axial {N} kN, minor-axis moment {M} kNm. EN 1993-1-1 clause 6.3. Utilisation?",
             "Cable sizing: {kw} kW three-phase motor, 400 V, cos phi {pf}, {L} m run on a cable tray with {k} other circuits at {T} °C ambient. Voltage drop max {vd}%. IEC 60364-5-52.",
             "Required wall thickness for a {d}\" carbon steel pipe (A106 Gr. B) at {P} bar and {T} °C, corrosion allowance {ca} mm. ASME B31.3.",
             "Bolted joint: M{m} class {g} bolts, {k} bolts, slip-resistant category C, friction class B surfaces, design shear {N} kN. EN 1993-1-8.",
             "Concrete cover for a slab in exposure class {xc}, design life 50 years, structural class S4, C30/37. EN 1992-1-1 Table 4.4N.",
             "Peak velocity pressure at {L} m height, terrain category {tc}, basic wind speed {vb} m/s. EN 1991-1-4.",
             "Duct sizing for {q} m3/h supply air at max {pa} Pa/m and max {v} m/s velocity. Round or rectangular?")  # fmt: skip
FJ_FOLLOW = ("redo with gamma_G 1.35 on permanent loads", "show the clause references for each step", "what if we go up one section size?",
             "and LTB with a restraint at midspan?", "summarise as a calc note for the checker", "the span is {L} m actually, sorry")  # fmt: skip


def _fj_check(rng: random.Random) -> str:
    return rng.choice(FJ_CHECKS).format(n=rng.choice((200, 240, 270, 300, 360, 400)), L=rng.choice((4.5, 6, 7.2, 8.4, 9, 12)), w=rng.randint(8, 45),
                                        w2=rng.randint(5, 30), N=rng.randrange(80, 2400, 10), M=rng.randint(5, 120), kw=rng.choice((7.5, 15, 22, 45, 90)),
                                        pf=rng.choice((0.8, 0.85, 0.88)), k=rng.randint(2, 8), T=rng.choice((30, 35, 40, 120, 180)), vd=rng.choice((3, 4, 5)),
                                        d=rng.choice((2, 4, 6, 8)), P=rng.choice((10, 16, 25, 40)), ca=rng.choice((1, 1.5, 3)), m=rng.choice((16, 20, 24)),
                                        g=rng.choice(("8.8", "10.9")), xc=rng.choice(("XC1", "XC3", "XC4", "XD1")), tc=rng.choice(("0", "II", "III")),
                                        vb=rng.choice((22, 24, 27)), q=rng.randrange(500, 12000, 250), pa=rng.choice((0.8, 1.0, 1.5)), v=rng.choice((4, 5, 6)))  # fmt: skip


def standards_check() -> list[KeyTraffic]:
    rng = R("fjordline")
    p = {"reasoning_effort": "medium", "max_completion_tokens": 8000}
    times = arrivals(rng, [d for d in range(21) if weekday(d)], 30, OFFICE, 1.0)
    jobs = []
    for _ in times:
        follow = [
            f.format(L=rng.choice((5, 6.6, 8, 10)))
            for f in rng.sample(FJ_FOLLOW, rng.choices((0, 1, 2), (0.55, 0.35, 0.1))[0])
        ]
        jobs.append(
            chain(
                [typo(rng, _fj_check(rng), 0.01), *follow],
                p,
                "You are a chartered structural and MEP engineer's assistant. Show every step with units.",
            )
        )
    out = at(times, jobs, rng)
    suite = [_fj_check(rng) for _ in range(48)]
    reg = {"reasoning_effort": "medium", "max_completion_tokens": 8000, "temperature": 0, "seed": 3}
    for night in range(1, 15):
        out += run(
            rng,
            utc(night, 3.0, 1.0),
            [[ask(s, reg, None, f"FJ-REG-{i:02d}")] for i, s in enumerate(suite)],
            3,
            700,
        )[0]
    kt = key("b30-fjordline", "standards_check", "benign", "app", cl(rng, "openai-python", org=True), out,
             "simulated: engineers in office hours (UTC+1), 15 working days; a nightly 48-item regression suite at 03:00, 3 workers",
             sessions=len(jobs), suite=len(suite))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 11. A PHARMACOVIGILANCE CASE-INTAKE TOOL ("Solenne Therapeutics", Basel, UTC+1; the safety
# database's intake step on okhttp). Case processors paste adverse-event reports (invented here: a
# reporter, an invented or common product, dose, indication, a reaction, onset, action taken and
# outcome, in English, German, French, Italian, Spanish or Japanese) for a structured ICSR draft in
# JSON (T 0); for 30% they then ask for a follow-up letter to the reporter in the report's language,
# and for 10% for a seriousness assessment. Office hours, weekdays, three weeks. Replies: stubs.
PV_REACTIONS = (("rash", "Hautausschlag", "éruption cutanée", "eruzione cutanea", "erupción cutánea", "発疹"),
                ("raised liver enzymes", "erhöhte Leberwerte", "élévation des transaminases", "aumento delle transaminasi", "transaminasas elevadas", "肝酵素上昇"),
                ("fainting", "Synkope", "syncope", "sincope", "síncope", "失神"),
                ("swelling of the lips", "Lippenschwellung", "gonflement des lèvres", "gonfiore delle labbra", "hinchazón de labios", "口唇腫脹"),
                ("severe low blood sugar", "schwere Hypoglykämie", "hypoglycémie sévère", "ipoglicemia grave", "hipoglucemia grave", "重度の低血糖"),
                ("tendon pain", "Sehnenschmerzen", "douleur tendineuse", "dolore tendineo", "dolor tendinoso", "腱の痛み"),
                ("pancreatitis", "Pankreatitis", "pancréatite", "pancreatite", "pancreatitis", "膵炎"),
                ("palpitations", "Herzklopfen", "palpitations", "palpitazioni", "palpitaciones", "動悸"))  # fmt: skip
PV_NARR = ("{rep} reports that a {age}-year-old {sex} taking {drug} {dose} for {ind} developed {rx} {on} days after starting. {act}. Outcome: {out}.",
           "{rep} meldet: {sex}, {age} Jahre, unter {drug} {dose} wegen {ind}, nach {on} Tagen {rx}. {act}. Ausgang: {out}.",
           "{rep} signale qu'un(e) patient(e) de {age} ans ({sex}) traité(e) par {drug} {dose} pour {ind} a présenté {rx} après {on} jours. {act}. Évolution : {out}.",
           "{rep} segnala che un/una paziente di {age} anni ({sex}) in terapia con {drug} {dose} per {ind} ha sviluppato {rx} dopo {on} giorni. {act}. Esito: {out}.",
           "{rep} informa que un/a paciente de {age} años ({sex}) en tratamiento con {drug} {dose} por {ind} presentó {rx} a los {on} días. {act}. Desenlace: {out}.",
           "{rep}より報告：{age}歳{sex}、{ind}に対し{drug} {dose}を服用中、{on}日後に{rx}を発現。{act}。転帰：{out}。")  # fmt: skip
PV_LANGS = ("English", "German", "French", "Italian", "Spanish", "Japanese")
PV_PROMPT = ("Draft an ICSR intake record from the report below. JSON with: reporter_type, patient (age, sex), suspect_products (name, dose, "
             "indication), reactions (verbatim, suggested_MedDRA_PT, onset_days), seriousness_criteria (list), action_taken, outcome, "
             "missing_information (list). Report language: {lang}.\n\nReport:\n{text}")  # fmt: skip


def pv_intake() -> list[KeyTraffic]:
    rng = R("pvintake")
    p = {"temperature": 0, "max_tokens": 900, "response_format": {"type": "json_object"}}
    products = [d[0] for d in DRUGS] + ["Zelvoran", "Ostrifen", "Calmetra", "Duvipralin"]
    times = arrivals(rng, [d for d in range(21) if weekday(d)], 74, OFFICE, 1.0)
    jobs = []
    for _ in times:
        li = rng.choices(range(6), (0.4, 0.2, 0.12, 0.1, 0.1, 0.08))[0]
        text = PV_NARR[li].format(rep=rng.choice(("A pharmacist", "A physician", "The patient", "A nurse", "Consumer")), age=rng.randint(19, 88),
                                  sex=rng.choice(("F", "M")), drug=rng.choice(products), dose=rng.choice(("10 mg", "20 mg daily", "500 mg BID", "1 tablet")),
                                  ind=rng.choice(("hypertension", "diabetes", "infection", "depression", "pain", "RA")), rx=rng.choice(PV_REACTIONS)[li],
                                  on=rng.randint(1, 60), act=rng.choice(("Drug withdrawn", "Dose not changed", "Dose reduced", "Unknown")),
                                  out=rng.choice(("recovered", "recovering", "not recovered", "unknown", "fatal")))  # fmt: skip
        turns = [PV_PROMPT.format(lang=PV_LANGS[li], text=text)]
        if rng.random() < 0.3:
            turns.append(
                f"Draft a short follow-up request to the reporter in {PV_LANGS[li]} asking for the missing information."
            )
            if rng.random() < 0.33:
                turns.append("Is this case serious per ICH E2A? One paragraph.")
        jobs.append(
            chain(
                turns,
                p,
                "You support Solenne Therapeutics' drug-safety case processors. Never invent data not in the report.",
            )
        )
    out = at(times, jobs, rng)
    kt = key("b30-pvintake", "pv_intake", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: case processors' office-hour Poisson (UTC+1), 15 working days; follow-ups at a person's pace",
             cases=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# BENIGN 12. A MEDICAL TRANSLATION AGENCY'S CAT-TOOL PLUGIN ("Lexa Medical Language Services",
# Warsaw, UTC+1; the plugin on okhttp sends one new segment at a time, with the project glossary and
# the best translation-memory fuzzy match). Projects (1-2 a working day) are patient leaflets, device
# instructions, informed-consent forms and insurance or contract texts for invented products, 25-60
# segments (repeats removed) into 1-3 of nine languages; the plugin pre-translates with 3 workers,
# then the translator asks terminology questions at a person's pace. Three weeks. Replies: stubs.
LX_LANGS = (
    "German",
    "French",
    "Spanish",
    "Italian",
    "Polish",
    "Dutch",
    "Portuguese (Brazil)",
    "Japanese",
    "Czech",
)
LX_DOCS = (
    ("patient leaflet", 0.4),
    ("device instructions", 0.2),
    ("informed consent", 0.25),
    ("insurance policy", 0.1),
    ("contract", 0.05),
)
LX_PROMPT = ("Translate the segment from English into {lang} for a {doc}. Follow the glossary; keep tags like <1/> unchanged; return only the "
             "translation.\nGlossary: {gloss}\nTM fuzzy match ({pct}%): {tm}\nSegment: {seg}")  # fmt: skip
LX_GLOSS = (
    "adverse reaction",
    "package leaflet",
    "sharps container",
    "study doctor",
    "marketing authorisation holder",
    "excess",
    "withdraw consent",
)
LX_ASK = ("Is '{t}' the standard term in {lang} regulatory texts, or is there an EMA-preferred variant?", "In {lang}, formal or informal address for patients in a leaflet?",
          "Does this sentence read naturally in {lang}? {s}")  # fmt: skip


def med_translation() -> list[KeyTraffic]:
    rng = R("lexa")
    p = {"temperature": 0.1, "max_tokens": 400}
    out: list[Request] = []
    for day in (d for d in range(21) if weekday(d)):
        for _ in range(rng.choice((1, 1, 2))):
            doc = pick(rng, LX_DOCS)
            segs = list(dict.fromkeys(segment(rng, doc) for _ in range(rng.randint(25, 60))))
            langs = rng.sample(LX_LANGS, rng.choice((1, 2, 2, 3)))
            gloss = "; ".join(rng.sample(LX_GLOSS, 3))
            jobs = [[ask(LX_PROMPT.format(lang=lang, doc=doc, gloss=gloss, pct=rng.randint(70, 99), tm=segment(rng, doc), seg=s), p)]
                    for lang in langs for s in segs]  # fmt: skip
            got, end = run(rng, utc(day, rng.uniform(8.5, 15.0), 1.0), jobs, 3, 90)
            out += got
            for _ in range(rng.randint(0, 4)):
                q = rng.choice(LX_ASK).format(
                    t=rng.choice(LX_GLOSS), lang=rng.choice(langs), s=rng.choice(segs)
                )
                out += at([end + rng.uniform(300, 5400)], [chain([q], {"temperature": 0.3})], rng)
    kt = key("b30-lexa", "med_translation", "benign", "app", cl(rng, "okhttp", org=True), out,
             "simulated: 1-2 projects a working day (UTC+1), the plugin's pre-translation with 3 workers, translators' questions at a person's pace",
             days=15)  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 1. A MEDICAL-QA HARVEST OVER A SYSTEMATIC SPECIALTY x CONDITION x TASK x LEVEL GRID (mixed on
# the multilingual key: Huatuo's Chinese medical questions, bucket 1 of 3; "Asclepia AI", a clinical-
# model start-up in Toronto, UTC-5, two keys of one organisation on openai-python). Key "en": 1,700
# distinct cells - every condition of the twenty specialties crossed with fourteen clinical tasks,
# four levels and format constraints - 340 a day for five days from ~09:00 by 4 workers that pause
# 40-110 s after each reply (under a rate limit), with an expert-physician system prompt. Key "ml":
# 700 cells in Spanish, German, French and Portuguese plus every Huatuo row of its bucket under a
# Chinese system prompt, four night runs (8 workers). T 0.7. Replies: Huatuo's stored answers for its
# rows, else stubs.
MG_TASKS = ("Explain the pathophysiology of {cond}.", "Give a prioritised differential diagnosis for a patient presenting with {cc}, with the key discriminating features of each.",
            "Outline the diagnostic workup for suspected {cond}: first-line tests, how each result changes management, and when to refer.",
            "What is the first-line management of {cond}? Include drug doses, duration and monitoring.",
            "How should {drug} be dosed in a patient with an eGFR of {egfr} mL/min/1.73m2? Explain the reasoning.",
            "List the complications of {cond} and how to screen for each.", "Write patient counselling points for starting {drug}.",
            "Summarise current guideline recommendations for {cond}.", "Write a board-style clinical vignette of {cond} with five options, then explain the answer.",
            "Explain the mechanism of action of {drug} and how it relates to its adverse effects.", "What are the absolute and relative contraindications of {drug}?",
            "Which red-flag features in a patient with {cc} require urgent escalation?",
            "A patient with {cond} has {test} results back. Walk through how to interpret abnormal values and the next step.",
            "For {cond}, compare {med} with the alternatives (such as {med2}): efficacy, safety, cost and patient factors.")  # fmt: skip
MG_LEVELS = ("Pitch it for a medical student.", "Answer at the level of a junior resident.", "Answer at the level of a senior resident preparing for boards.",
             "Answer as a subspecialist would to a colleague.")  # fmt: skip
MG_FORMATS = (
    "",
    "Use headings.",
    "Use a table where possible.",
    "Cite the guideline body and year you rely on.",
    "Under 250 words.",
    "Explain your reasoning step by step.",
)
MG_ML = {
    "es": ("Explica la fisiopatología de la siguiente enfermedad: {cond}.", "¿Cuál es el tratamiento de primera línea? Incluye dosis y seguimiento. Diagnóstico: {cond}.",
           "Diagnóstico diferencial priorizado para un paciente que consulta por {cc_es}.", "Enumera las complicaciones y cómo cribarlas: {cond}.",
           "Explica el mecanismo de acción de {drug} y su relación con los efectos adversos."),
    "de": ("Erkläre die Pathophysiologie folgender Erkrankung: {cond}.", "Erstlinientherapie mit Dosierungen und Monitoring bei: {cond}.",
           "Welche Kontraindikationen hat {drug}?", "Welche Warnzeichen erfordern eine sofortige Abklärung bei: {cond}?"),
    "fr": ("Explique la physiopathologie de la maladie suivante : {cond}.", "Traitement de première intention, avec posologies et surveillance : {cond}.",
           "Quelles sont les contre-indications de {drug} ?"),
    "pt": ("Explique a fisiopatologia da seguinte doença: {cond}.", "Tratamento de primeira linha, com doses e monitorização: {cond}.",
           "Liste as complicações e como rastreá-las: {cond}."),
}  # fmt: skip
MG_SYSTEM = "You are a board-certified physician and medical educator. Give accurate, complete, guideline-concordant answers."
MG_SYSTEM_ZH = "你是一名经验丰富的临床医生。请准确、详细地回答医学问题，并解释你的推理。"


def _mg_cell(rng: random.Random, template: str, spec: str, row: int | None = None) -> str:
    """A grid cell: a task template filled with one condition row of the specialty (drawn, or the given one)."""
    rows = SPECIALTIES[spec]
    i = rng.randrange(len(rows)) if row is None else row
    cc, cc_es, dx, med, _, _ = rows[i]
    tests = [r[5] for r in rows if not r[5].startswith("no")] or ["a basic metabolic panel"]
    drug = rng.choice(DRUGS)[0]
    return template.format(
        cond=dx,
        cc=cc,
        cc_es=cc_es,
        drug=drug,
        med=med,
        med2=rows[(i + 1) % len(rows)][3],
        egfr=rng.choice((15, 25, 35, 45, 60)),
        test=rng.choice(tests),
    )


def medical_grid() -> list[KeyTraffic]:
    rng = R("medgrid")
    org = dict(account(rng))["organisation"]
    p = {"temperature": 0.7, "max_tokens": 2048}
    seen: set[str] = set()
    jobs = []
    specs = sorted(SPECIALTIES)
    while len(jobs) < 1700:
        spec = specs[len(jobs) % len(specs)]
        text = f"[{spec}] {_mg_cell(rng, rng.choice(MG_TASKS), spec)} {rng.choice(MG_LEVELS)} {rng.choice(MG_FORMATS)}".strip()
        if text not in seen:
            seen.add(text)
            jobs.append([ask(text, p, MG_SYSTEM, "", True)])
    rng.shuffle(jobs)
    out: list[Request] = []
    for d in range(5):
        out += run(
            rng,
            utc(d + 1, rng.uniform(8.5, 10.0), -5.0),
            jobs[d * 340 : (d + 1) * 340],
            4,
            700,
            retry=0.01,
            timeout=300.0,
            gap=(40.0, 110.0),
        )[0]
    krng = R("medgrid", "ml")
    ml = []
    while len(ml) < 700:
        lang = krng.choice(sorted(MG_ML))
        text = _mg_cell(krng, krng.choice(MG_ML[lang]), krng.choice(specs))
        if text not in seen:
            seen.add(text)
            ml.append([ask(text, p, MG_SYSTEM, "", True)])
    ml += [
        [ask(r.first, {"temperature": 0.7, "max_tokens": 1500}, MG_SYSTEM_ZH, r.id, True, r.answer)]
        for r in share("huatuo_med_zh", 3, 1)
    ]
    krng.shuffle(ml)
    ml_out: list[Request] = []
    per = -(-len(ml) // 4)
    for i, night in enumerate((6, 7, 8, 9)):
        ml_out += run(
            krng, utc(night, 21.0, -5.0) + krng.uniform(0, 900), ml[i * per : (i + 1) * per], 8, 600
        )[0]
    return [
        key("d30-medgrid-en", "medical_grid", "distiller", "distiller", cl(rng, "openai-python", org=True, organisation=org), out,
            "simulated: 340 cells a day for five days from ~09:00 (UTC-5), 4 workers pausing 40-110 s, 1% resent after a 300 s timeout", actor="d30-medgrid", cells=len(jobs)),
        key("d30-medgrid-ml", "medical_grid", "distiller", "distiller", cl(krng, "openai-python", org=True, organisation=org), ml_out,
            "simulated: four night runs from 21:00 (UTC-5), 8 workers", ("huatuo_med_zh",), actor="d30-medgrid", items=len(ml)),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 2. A LEGAL-REASONING HARVEST IN IRAC FORMAT (mixed on its second key: MMLU's law subjects,
# bucket 0 of 2; "Lexora", a legal-AI start-up in Bengaluru, UTC+5:30, two keys of one organisation on
# openai-python). Key "facts": 1,200 fact patterns from the legal generator (ten areas x ten
# jurisdictions, parties and sums varied) with an IRAC chain-of-thought instruction at high reasoning
# effort; 30% get "now argue the other side", 10% "the same under another jurisdiction". 14 workers,
# three nights. Key "mcq": every MMLU law row of its bucket three times ("IRAC, then the letter", T 0.8)
# and 500 bar-style multiple-choice items written from the fact patterns. Replies: stubs.
IR_PROMPT = ("Analyse the facts below under the law of {juris} using IRAC. For each issue: Issue; Rule (the governing statutes and leading "
             "cases); Application (reason step by step, weigh both sides' arguments); Conclusion. End with practical advice to {client}.\n\nFacts: {facts}")  # fmt: skip
IR_OTHER = "Now argue the opposite side's case as persuasively as possible, in the same IRAC structure."
IR_JURIS = (
    "Give the same analysis under the law of {juris} and explain every difference from your first answer."
)
IR_MCQ = ("Answer this question. First analyse it with IRAC (Issue, Rule, Application, Conclusion), then give the final answer as "
          "'Answer: X'.\n\n{q}")  # fmt: skip
IR_BAR = "{facts}\n\nUnder the law of {juris}, which of the following is {client}'s strongest argument?\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {d}"
IR_ARGS = ("the clause was never incorporated into the contract", "the loss was not reasonably foreseeable", "the other party failed to mitigate",
           "there was no duty of care in the circumstances", "the notice was defective", "the statement was mere puffery", "the limitation period has expired",
           "the conduct was authorised", "the remedy is disproportionate", "consent was given", "the term is unfair and not binding", "causation is not made out")  # fmt: skip


def irac_harvest() -> list[KeyTraffic]:
    rng = R("irac")
    org = dict(account(rng))["organisation"]
    p = {"reasoning_effort": "high", "max_completion_tokens": 16000}
    areas, seen, jobs = sorted(LG_AREAS), set(), []
    while len(jobs) < 1200:
        area, juris = areas[len(jobs) % len(areas)], rng.choice(JURISDICTIONS)
        f = facts(rng, area, juris)
        if f in seen:
            continue
        seen.add(f)
        turns = [
            IR_PROMPT.format(
                juris=juris,
                client=rng.choice(
                    ("the claimant", "the defendant", "the employer", "the insurer", "the buyer")
                ),
                facts=f,
            )
        ]
        r = rng.random()
        turns += (
            [IR_OTHER]
            if r < 0.3
            else [IR_JURIS.format(juris=rng.choice([j for j in JURISDICTIONS if j != juris]))]
            if r < 0.4
            else []
        )
        jobs.append(chain(turns, p, None, (), "", True))
    out: list[Request] = []
    for i, night in enumerate((10, 11, 12)):
        out += run(rng, utc(night, 22.5, 5.5) + rng.uniform(0, 600), jobs[i::3], 14, 1500, retry=0.02)[0]
    krng = R("irac", "mcq")
    law = [
        r
        for r in share("mmlu_val_zeroshot", 2, 0)
        if r.extra.get("subject") in ("professional_law", "jurisprudence", "international_law")
    ]
    mcq = [
        [ask(IR_MCQ.format(q=r.first), {"temperature": 0.8, "max_tokens": 2500}, None, r.id, True)]
        for r in law
        for _ in range(3)
    ]
    for _ in range(500):
        juris = krng.choice(JURISDICTIONS)
        a, b, c, d = krng.sample(IR_ARGS, 4)
        q = IR_BAR.format(
            facts=facts(krng, krng.choice(areas), juris),
            juris=juris,
            client=krng.choice(("the claimant", "the defendant")),
            a=a,
            b=b,
            c=c,
            d=d,
        )
        mcq.append([ask(IR_MCQ.format(q=q), {"temperature": 0.8, "max_tokens": 2500}, None, "", True)])
    krng.shuffle(mcq)
    mcq_out = (
        run(krng, utc(13, 14.0, 5.5), mcq[: len(mcq) // 2], 10, 800)[0]
        + run(krng, utc(14, 14.0, 5.5), mcq[len(mcq) // 2 :], 10, 800)[0]
    )
    return [
        key("d30-irac-facts", "irac_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True, organisation=org), out,
            "simulated: three nights from 22:30 (UTC+5:30), 14 workers, 2% timeouts resent", actor="d30-irac", patterns=len(jobs)),
        key("d30-irac-mcq", "irac_harvest", "distiller", "distiller", cl(krng, "openai-python", org=True, organisation=org), mcq_out,
            "simulated: two afternoon runs (UTC+5:30), 10 workers", ("mmlu_val_zeroshot",), actor="d30-irac", mmlu_rows=len(law), items=len(mcq)),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 3. A FINANCIAL-CALCULATION HARVEST WITH LOGPROBS (a quant team in Hong Kong, UTC+8, distilling
# a finance model with token-level soft targets; python-requests, 6 workers, three days). 850 generated
# calculation items (NPV, loan payments, bond prices, CAGR, quick ratio, WACC, EOQ, break-even,
# declining-balance depreciation, diluted EPS): each goes to /completions ("A (number only):",
# logprobs 5, T 0) and to chat with step-by-step working and top_logprobs 20 (T 0.7); 350 items more as
# four-option multiple choice answered with one letter (max_tokens 1, top_logprobs 20). Replies: stubs.
FL_STEP = "{q}\n\nShow the calculation step by step, then end with a line 'Answer: <number>'."
FL_MCQ = "{q}\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {d}\nAnswer with the letter only."


def finance_logprobs() -> list[KeyTraffic]:
    rng = R("finlogits")
    items, seen = [], set()
    while len(items) < 1200:
        q, a = calc(rng)
        if q not in seen:
            seen.add(q)
            items.append((q, a))
    jobs = [
        [comp(f"Q: {q}\nA (number only):", {"max_tokens": 12, "temperature": 0, "logprobs": 5}, True)]
        for q, _ in items[:850]
    ]
    jobs += [
        [
            ask(
                FL_STEP.format(q=q),
                {"temperature": 0.7, "max_tokens": 700, "logprobs": True, "top_logprobs": 20},
                None,
                "",
                True,
            )
        ]
        for q, _ in items[:850]
    ]
    for q, a in items[850:]:
        opts = [f"{a:,.2f}", f"{a * 1.1:,.2f}", f"{a * 0.9:,.2f}", f"{a + 1:,.2f}"]
        rng.shuffle(opts)
        jobs.append(
            [
                ask(
                    FL_MCQ.format(q=q, a=opts[0], b=opts[1], c=opts[2], d=opts[3]),
                    {"max_tokens": 1, "temperature": 0, "logprobs": True, "top_logprobs": 20},
                    None,
                    "",
                    True,
                )
            ]
        )
    rng.shuffle(jobs)
    out: list[Request] = []
    per = -(-len(jobs) // 3)
    for i, day in enumerate((3, 4, 5)):
        out += run(rng, utc(day, 9.5, 8.0) + rng.uniform(0, 600), jobs[i * per : (i + 1) * per], 6, 120)[0]
    kt = key("d30-finlogits", "finance_logprobs", "distiller", "distiller", cl(rng, "requests"), out,
             "simulated: three working-day runs from 09:30 (UTC+8), 6 workers", items=len(items))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 4. A MULTILINGUAL DOMAIN TRANSLATION-PAIR HARVEST ("Polyglossa", a language-AI start-up in
# Istanbul, UTC+3, building a domain MT model; one Python build on python-httpx, three keys on three
# accounts with separate cards that signed up from one network). Source paragraphs are 1-3 segments
# from the six-domain generator (leaflets, device instructions, consent forms, contracts, financial
# statements, insurance policies); each key covers its own language group, every paragraph into two
# or three of its languages, asking for JSON with the translation, two alternatives and a term list.
# Two sessions per working day for two weeks, 4 workers. T 0.3. Replies: stubs.
PG_GROUPS = (
    ("German", "Dutch", "Polish", "Czech"),
    ("French", "Spanish", "Italian", "Portuguese (Brazil)"),
    ("Japanese", "Chinese (Simplified)", "Korean", "Turkish"),
)
PG_PROMPT = ("Translate the following {domain} text from English into {lang}. Return JSON: {{\"translation\": string, \"alternatives\": "
             "[two alternative translations], \"terms\": [{{\"en\": string, \"target\": string, \"note\": string}}]}}.\n\nText: {text}")  # fmt: skip


def translation_pairs() -> list[KeyTraffic]:
    rng = R("polyglossa")
    net = dict(account(rng))["signup_network"]
    ua = user_agent(rng, "httpx")
    p = {"temperature": 0.3, "max_tokens": 900, "response_format": {"type": "json_object"}}
    domains = sorted(SEGMENTS)
    keys = []
    for g, langs in enumerate(PG_GROUPS):
        krng = R("polyglossa", g)
        seen: set[str] = set()
        jobs = []
        while len(jobs) < 900:
            domain = krng.choice(domains)
            text = " ".join(dict.fromkeys(segment(krng, domain) for _ in range(krng.randint(1, 3))))
            if text in seen:
                continue
            seen.add(text)
            jobs += [
                [ask(PG_PROMPT.format(domain=domain, lang=lang, text=text), p, None, "", True)]
                for lang in krng.sample(langs, krng.choice((2, 3)))
            ]
        jobs = jobs[:900]
        out: list[Request] = []
        days = [d for d in range(2, 16) if weekday(d)]
        per = -(-len(jobs) // (2 * len(days)))
        for i, (d, hour) in enumerate((d, h) for d in days for h in (10.0, 15.0)):
            out += run(krng, utc(d, hour + krng.uniform(0, 1.0), 3.0), jobs[i * per : (i + 1) * per], 4, 250)[
                0
            ]
        client = Client(ua, SOFTWARE["httpx"][1], account(krng, org=False, signup_network=net))
        keys.append(key(f"d30-polyglossa-{g}", "translation_pairs", "distiller", "distiller", client, out,
                        "simulated: two sessions a working day (10:00, 15:00, UTC+3) for two weeks, 4 workers", actor="d30-polyglossa", languages=", ".join(langs)))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 5. A "SYNTHETIC PATIENT CASES" PIPELINE (a data vendor in Berlin, UTC+1, selling clinical
# reasoning data; aiohttp, 20 workers, three nights). For each of 760 cells (specialty x diagnosis x
# level x twist) the teacher first writes a case without naming the diagnosis (T 1.0; the stand-in for
# its reply is a case composed here from the encounter generator); the next request quotes the case
# and asks for attending-level step-by-step reasoning (differential, diagnosis, workup, management);
# 40% then ask for a discharge summary or SOAP note, 20% for three board-style MCQs from the case.
# Replies: the composed case for the writing step, else stubs.
SC_GEN = ("Create a realistic, detailed patient case for {level} in {spec}. The underlying diagnosis is {dx}, but do not name it anywhere. "
          "Patient: {age}-year-old {sex}. Include the presenting complaint, history of present illness, past history, medications, allergies, "
          "social history, vital signs, examination and {k} laboratory or imaging results with values and units. Make the case {twist}.")  # fmt: skip
SC_TWISTS = ("typical", "atypical in presentation", "complicated by a drug interaction", "with a red herring in the history",
             "in a patient with limited English", "with a comorbidity that changes management")  # fmt: skip
SC_SOLVE = ("You are an attending physician. Read the case and reason step by step: 1) a one-line problem representation; 2) a ranked "
            "differential with likelihoods; 3) the most likely diagnosis; 4) investigations; 5) management with doses.\n\nCase:\n{case}")  # fmt: skip
SC_MORE = (
    "Write the discharge summary for this patient.",
    "Write the SOAP note for the initial visit.",
    "Write three board-style MCQs (five options each) based on this case, with answers and explanations.",
)


def synthetic_cases() -> list[KeyTraffic]:
    rng = R("casegen")
    gen_p, solve_p = {"temperature": 1.0, "max_tokens": 1500}, {"temperature": 0.3, "max_tokens": 2500}
    specs, jobs = sorted(SPECIALTIES), []
    for i in range(760):
        e = encounter(rng, specs[i % len(specs)], i // len(specs))
        level = rng.choice(("medical students", "residents", "nurse practitioners", "board exam candidates"))
        gen = SC_GEN.format(
            level=level,
            spec=e["spec"],
            dx=e["dx"],
            age=e["age"],
            sex="female" if e["sex"] == "F" else "male",
            k=rng.randint(3, 7),
            twist=rng.choice(SC_TWISTS),
        )
        case = (f"{person(e)} presents with {e['cc']} for {e['dur']}, {e['sev']}/10, with "
                f"{e['assoc'][0][0]}. Medications: {', '.join(e['home_meds']) or 'none'}. Allergies: {e['allergy']}. Vitals: {e['vitals']}. "
                f"Examination: {e['exam']}. Results: {e['test']} abnormal.")  # fmt: skip
        first = ask(gen, gen_p, None, "", True, case)
        turns = [SC_SOLVE.format(case=case)]
        r = rng.random()
        turns += [rng.choice(SC_MORE[:2])] if r < 0.4 else [SC_MORE[2]] if r < 0.6 else []
        jobs.append([first, *chain(turns, solve_p, None, (), "", True)])
    out: list[Request] = []
    for i, night in enumerate((14, 15, 16)):
        out += run(rng, utc(night, 23.0, 1.0) + rng.uniform(0, 600), jobs[i::3], 20, 900, gap=(0.05, 0.4))[0]
    kt = key("d30-casegen", "synthetic_cases", "distiller", "distiller", cl(rng, "aiohttp", org=True), out,
             "simulated: three night runs from 23:00 (UTC+1), 20 workers; each case written, then solved in the same job", cases=len(jobs))  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 6. A HARVEST DISGUISED AS A CLINICAL-DOCUMENTATION SaaS ("Notewise Health", Austin, UTC-6;
# it has no clinicians: its "visits" are generated, and it trains its own scribe model; a Node service
# on the OpenAI JS SDK, two keys of one organisation). Key "app" imitates a scribe product: the same
# kind of note templates and transcripts as a real one, sent on clinic-day curves in three US time
# zones with follow-ups at a person's pace - but the visits sweep all twenty specialties and every
# diagnosis evenly, and each follow-up is one of three fixed asks (codes with rationale, patient
# instructions, a reasoned differential). Key "batch", nightly: data-generation meta-prompts ("write k
# diverse visit transcripts for a specialty", the stand-in reply composed here) followed by a note for
# every generated transcript, quoted. Three weeks. T 0.2 (notes), 1.0 (generation). Replies: the
# composed transcripts for the generation step, else stubs.
NW_SYSTEM = ("You are Notewise, a clinical documentation assistant. Write the requested note from the transcript using only what was said; "
             "write 'not documented' for missing elements. Use standard medical abbreviations.")  # fmt: skip
NW_FOLLOW = ("add ICD-10 and CPT codes, with one line of rationale for each", "write patient instructions in plain language",
             "add a differential diagnosis section with your reasoning for each item")  # fmt: skip
NW_GEN = ("Generate {k} realistic and diverse ambient-recording transcripts of {spec} visits covering these diagnoses: {dxs}. Vary age, sex, "
          "health literacy and how much the clinician dictates. Label lines DR: and PT:. Separate transcripts with ###.")  # fmt: skip


def fake_scribe() -> list[KeyTraffic]:
    rng = R("notewise")
    org = dict(account(rng))["organisation"]
    p = {"temperature": 0.2, "max_tokens": 1800}
    grid = [(s, i) for s in sorted(SPECIALTIES) for i in range(len(SPECIALTIES[s]))]
    times = zones(rng, range(21), ((-5.0, 40), (-6.0, 22), (-8.0, 20)), CLINIC, weekend=0.06)
    order = [grid[i % len(grid)] for i in range(len(times))]
    rng.shuffle(order)
    jobs = []
    for spec, row in order:
        prompt, _ = scribe_visit(rng, spec, rng.random() < 0.2, rng.random() < 0.1, row)
        jobs.append(
            chain(
                [prompt, *([rng.choice(NW_FOLLOW)] if rng.random() < 0.6 else [])], p, NW_SYSTEM, (), "", True
            )
        )
    out = at(times, jobs, rng)
    krng = R("notewise", "batch")
    batch: list[Request] = []
    for night in range(1, 8):
        nightly = []
        for spec in krng.sample(sorted(SPECIALTIES), 10):
            k = krng.randint(3, 6)
            es = [encounter(krng, spec) for _ in range(k)]
            made = [transcript(krng, e, krng.random() < 0.15) for e in es]
            dxs = ", ".join(dict.fromkeys(e["dx"] for e in es))
            nightly.append(
                [
                    ask(
                        NW_GEN.format(k=k, spec=spec, dxs=dxs),
                        {"temperature": 1.0, "max_tokens": 6000},
                        None,
                        "",
                        True,
                        "\n###\n".join(made),
                    )
                ]
            )
            nightly += [[ask(SW_PROMPT.format(tmpl="SOAP", spec=spec, visit="follow-up", age=f"{e['age']}y", sex=e["sex"], kind="Transcript", text=t), p, NW_SYSTEM, "", True)]
                        for e, t in zip(es, made, strict=True)]  # fmt: skip
        batch += run(krng, utc(night, 1.0, -6.0) + krng.uniform(0, 900), nightly, 6, 900)[0]
    return [
        key("d30-notewise-app", "fake_scribe", "distiller", "distiller", cl(rng, "openai-js", org=True, organisation=org), out,
            "simulated: an imitated clinic-day curve in UTC-5/-6/-8, 3 weeks; scripted follow-ups at a person's pace", actor="d30-notewise", visits=len(jobs)),
        key("d30-notewise-batch", "fake_scribe", "distiller", "distiller", cl(krng, "openai-js", org=True, organisation=org), batch,
            "simulated: seven nights from 01:00 (UTC-6), 6 workers; generation then one note per generated transcript", actor="d30-notewise"),
    ]  # fmt: skip


# =============================================================================================
# DISTILLER 7. AN INSURANCE-CLAIMS HARVEST SPREAD OVER FOUR KEYS ("Assurly", an insurtech in Warsaw,
# UTC+1, training a claims-adjudication model; one Node build on the OpenAI JS SDK, four accounts with
# their own cards, started within minutes of each other each night). Work items: coverage decisions
# over generated claims with generated policy terms (reason clause by clause, then compute the
# settlement), policy-wording drafting per line and cover, and insurance concepts explained per line and
# audience; the list is dealt round-robin to the keys. Eight nights from 22:00, 3 workers a key.
# T 0.5. Replies: stubs.
AS_DECIDE = ("You are a senior claims adjuster. Decide coverage for this claim under the policy terms below. Reason step by step through the "
             "insuring clause, each exclusion and each condition, then compute the settlement after the excess.\n\nPolicy: {line} cover, sum "
             "insured €{si:,}, excess €{ex}, exclusions: {excl}.\n\nClaim:\n{claim}")  # fmt: skip
AS_WORDING = "Draft the policy wording for the {cover} section of a {line} policy: insuring clause, definitions, exclusions and conditions, in plain English."
AS_CONCEPT = "Explain {concept} in {line} insurance for {aud}, with a worked numerical example."
AS_COVERS = {"motor": ("accidental damage", "theft", "windscreen", "third-party liability"), "home": ("escape of water", "theft", "storm", "accidental damage"),
             "travel": ("cancellation", "emergency medical expenses", "baggage"), "pet": ("vet fees", "third-party liability"),
             "commercial property": ("business interruption", "fire", "flood"), "liability": ("public liability", "legal expenses")}  # fmt: skip
AS_CONCEPTS = ("subrogation", "contribution between insurers", "the average clause (underinsurance)", "proximate cause", "utmost good faith and disclosure",
               "betterment", "IBNR reserving", "the loss ratio", "excess of loss reinsurance", "indemnity versus new-for-old")  # fmt: skip


def claims_harvest() -> list[KeyTraffic]:
    rng = R("assurly")
    ua = user_agent(rng, "openai-js")
    p = {"temperature": 0.5, "max_tokens": 2000}
    lines = sorted(CLAIM_LINES)
    items = []
    for n in range(2000):
        kind = rng.choices(("decide", "wording", "concept"), (0.65, 0.15, 0.2))[0]
        if kind == "decide":
            c = claim(rng, n, (("en", 0.8), ("de", 0.1), ("nl", 0.1)))
            text = AS_DECIDE.format(line=c["line"], si=c["sum_insured_eur"], ex=c["excess_eur"], excl="; ".join(c["policy_exclusions"]),
                                    claim=f"{c['claimant_statement']} Estimate €{c['estimate_eur']:,}. {c['adjuster_note']}")  # fmt: skip
        elif kind == "wording":
            line = rng.choice(lines)
            text = AS_WORDING.format(cover=rng.choice(AS_COVERS[line]), line=line)
        else:
            text = AS_CONCEPT.format(
                concept=rng.choice(AS_CONCEPTS),
                line=rng.choice(lines),
                aud=rng.choice(("a new claims handler", "an underwriter", "a customer", "an actuary")),
            )
        items.append([ask(text, p, None, "", True)])
    keys = []
    for k in range(4):
        krng = R("assurly", k)
        mine, out = items[k::4], []
        per = -(-len(mine) // 8)
        for i, night in enumerate(range(3, 11)):
            out += run(
                krng, utc(night, 22.0, 1.0) + krng.uniform(0, 240), mine[i * per : (i + 1) * per], 3, 600
            )[0]
        client = Client(ua, SOFTWARE["openai-js"][1], account(krng, org=False))
        keys.append(key(f"d30-assurly-{k}", "claims_harvest", "distiller", "distiller", client, out,
                        "simulated: eight nights from 22:00 (UTC+1), the four keys started within minutes, 3 workers each", actor="d30-assurly", share=k))  # fmt: skip
    return keys


# =============================================================================================
# DISTILLER 8. A SLOW VERTICAL DRIP OVER THREE WEEKS (the founder of a pharma-regulatory AI start-up in
# Tallinn, UTC+2, on a personal account, a chat-client-like script on openai-python, streaming). Every
# evening one thread at a reader's pace plus 15-90 s, 80-120 requests: pharmaceutics and
# pharmacokinetics, stability and GMP, bioequivalence, ICH-style quality topics, device standards,
# engineering codes and employment law, phrased casually, often with "go deeper" follow-ups. Replies: stubs.
DR_TOPICS = ("the Biopharmaceutics Classification System", "accelerated stability testing and shelf-life extrapolation", "bioequivalence margins for narrow therapeutic index drugs",
             "process validation stages", "cleaning validation limits", "dissolution testing for modified-release tablets", "nitrosamine impurity risk assessment",
             "loading doses and volume of distribution", "first-pass metabolism", "CYP3A4 inhibition and induction", "excipient compatibility",
             "sterile manufacturing and media fills", "out-of-specification investigations", "data integrity (ALCOA+)", "risk management for medical devices",
             "software as a medical device classification", "pressure vessel design margins", "fatigue design of welded joints", "earthing systems TN-S vs TT",
             "working-time rules for shift workers", "fixed-term contract limits in the EU", "probationary periods", "collective redundancy consultation")  # fmt: skip
DR_ASK = ("{t} - how does it actually work in practice?", "explain {t} like I'm a smart engineer new to pharma", "what do inspectors usually find wrong about {t}?",
          "give me a worked example with numbers for {t}", "what are the common misconceptions about {t}?", "how would you build an SOP around {t}?",
          "compare the EU and US approach to {t}", "quick one: {t}, what matters most?")  # fmt: skip
DR_FOLLOW = ("go deeper on that", "give me a worked example with real-looking numbers", "what would a regulator ask about this?", "and the edge cases?",
             "summarise as a checklist", "what's the math behind it?")  # fmt: skip


def slow_drip() -> list[KeyTraffic]:
    rng = R("drip")
    p = {"temperature": 0.6, "stream": True}
    out: list[Request] = []
    for day in range(21):
        quota, sent = rng.randint(80, 120), 0
        t = utc(day, rng.uniform(18.5, 19.5), 2.0)
        while sent < quota and t < utc(day, 23.9, 2.0):
            text = casual(rng, rng.choice(DR_ASK).format(t=rng.choice(DR_TOPICS)))
            job = chain(
                [text, *rng.sample(DR_FOLLOW, rng.choices((0, 1, 2), (0.35, 0.45, 0.2))[0])],
                p,
                None,
                (),
                "",
                True,
            )
            for q in job:
                q.ts = t
                t += think(rng, len(q.reply or ""), 120) + rng.uniform(15, 90)
            out += job
            sent += len(job)
    kt = key("d30-drip", "slow_drip", "distiller", "distiller", cl(rng, "openai-python"), out,
             "simulated: evenings from ~19:00 (UTC+2), one request at a time at a reader's pace plus 15-90 s, 80-120 a day, 21 days", days=21)  # fmt: skip
    return [kt]


# =============================================================================================
# DISTILLER 9. A CRITIQUE-AND-REWRITE HARVEST FOR A SPECIALIST MODEL (what a 2026 vertical-AI start-up
# does after SFT: its own small model's drafts are graded and rewritten by the teacher into gold answers,
# for preference and SFT data; "Meridian Vertical", Singapore, UTC+8, on openai-python, 12 workers, four
# working days). Questions come from the medical grid, the legal fact patterns and the finance
# calculations; the junior draft is composed here with an injected error (a wrong dose or indication,
# the wrong rule or conclusion, a wrong number). Each request asks for a JSON rubric score, every
# error, and the corrected expert answer. T 0.2. Replies: stubs.
MV_PROMPT = ("You are an expert {domain} reviewer building training data. Question:\n{q}\n\nDraft answer from a junior model:\n{draft}\n\n"
             "Tasks: (1) score the draft 1-10 on accuracy, completeness, safety and clarity, as JSON; (2) list every factual or reasoning error; "
             "(3) write the corrected, expert-quality answer in full.")  # fmt: skip


def _mv_item(rng: random.Random) -> tuple[str, str, str]:
    kind = rng.choices(("medicine", "law", "finance"), (0.45, 0.3, 0.25))[0]
    if kind == "medicine":
        spec = rng.choice(sorted(SPECIALTIES))
        row = rng.randrange(len(SPECIALTIES[spec]))
        q = _mg_cell(rng, rng.choice(MG_TASKS), spec, row)
        _, _, dx, med, _, test = SPECIALTIES[spec][row]
        wrong = rng.choice([r[3] for rows in SPECIALTIES.values() for r in rows if r[3] != med])
        draft = rng.choice((f"{dx[0].upper() + dx[1:]} is managed first with {wrong}. {test[0].upper() + test[1:]} is rarely useful. Review in 6 months.",
                            f"Start {med} at double the usual dose; no monitoring is needed for {dx}. Red flags are uncommon.",
                            f"The main differential of {dx} is benign; reassure and discharge. {test[0].upper() + test[1:]} only if symptoms last over a year."))  # fmt: skip
        return "clinical", q, draft
    if kind == "law":
        juris = rng.choice(JURISDICTIONS)
        q = f"Under the law of {juris}, advise on these facts: {facts(rng, rng.choice(sorted(LG_AREAS)), juris)}"
        draft = f"The claim clearly fails because {rng.choice(IR_ARGS)}. No further analysis is needed; the limitation period is {rng.choice((1, 2, 10))} years."
        return "legal", q, draft
    q, a = calc(rng)
    draft = f"Using the standard formula, the answer is {a * rng.choice((0.5, 1.12, 0.91, 2.0)):,.2f}."
    return "financial", q, draft


def critique_harvest() -> list[KeyTraffic]:
    rng = R("meridian")
    p = {"temperature": 0.2, "max_tokens": 3000}
    jobs = []
    for _ in range(1700):
        domain, q, draft = _mv_item(rng)
        jobs.append([ask(MV_PROMPT.format(domain=domain, q=q, draft=draft), p, None, "", True)])
    out: list[Request] = []
    for i, day in enumerate((15, 16, 17, 18)):
        out += run(rng, utc(day, 9.0, 8.0) + rng.uniform(0, 900), jobs[i::4], 12, 900)[0]
    kt = key("d30-meridian", "critique_harvest", "distiller", "distiller", cl(rng, "openai-python", org=True), out,
             "simulated: four working-day runs from 09:00 (UTC+8), 12 workers", items=len(jobs))  # fmt: skip
    return [kt]


BENIGN = (
    scribe_app,
    legal_research,
    close_assistant,
    claims_triage,
    hr_platform,
    pharm_student,
    policy_eval,
    qbank_explanations,
    patient_portal,
    standards_check,
    pv_intake,
    med_translation,
)
DISTILL = (
    medical_grid,
    irac_harvest,
    finance_logprobs,
    translation_pairs,
    synthetic_cases,
    fake_scribe,
    claims_harvest,
    slow_drip,
    critique_harvest,
)
