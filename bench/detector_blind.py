"""Personas written blind by outside reviewers (sessions 14 and 15), through `Detector(DetectorConfig())`.

    PYTHONPATH=src:bench .venv/bin/python bench/detector_blind.py     # ~1 min; writes the results

Two helpers who had not seen the detector's benchmark outcomes each wrote eight personas from the
real data in ../shared/traffic with the project's own traffic helpers (bench/blind/): benign
production API clients (apps.py: a RAG app, an agent framework, IDE completions, a support bot, a
labelling pipeline, a translation service, a tutoring app, a prompt-engineering A/B sweep) and
distillers as a competent script writer would build them without knowing the detector
(attacks.py). Their parameters were fixed before any replay and are not tuned here.

What the suite is now: the session-14 detector changes (system prompts as the app's
instructions, `eval_style`, scripted follow-ups) were made *after* seeing its first outcomes, so it
is a development suite from then on, not a held-out one. Its first outcomes are kept below
(FIRST_RUN) beside the current ones so the difference stays visible.

Round 2 (round2.py), round 3 (round3.py, session 15: heavy benign users and evaluators, careful
distillers, written by a reviewer who saw neither the detector's code nor its docs or results) and
round 4 (round4.py, session 16: benign automation - a nightly regression suite, a safety red-team
study, survey simulation, a spreadsheet add-on, a few-shot completions eval, multilingual support -
and distillers: a taxonomy-driven harvest, cross-lingual items, completions transcripts, 30 small
unrelated-looking keys, ~10% items inside an app's traffic, a two-stage paraphrase pipeline) and
round 5 (round5.py, session 16: tool agents, JSON extraction, a lab key shared by ~195 students,
logprob scoring, long contexts; tool-call, JSON, long-document, system-prompt-CoT, rotating and
n=8 harvests) and round 6 (round6.py: a voice assistant, a localisation pipeline, a teachers'
quiz maker, a multi-tenant support-bot platform, coding-agent CLIs, rubric essay feedback; a slow
five-key three-week harvest, paraphrase-first items, a fake tutoring app, grounded QA-pair
synthesis, sparse logprobs under real-chat cover, UltraFeedback-style preference harvest) and
round 7 (round7.py, session 19: chatty heavy users, homework, support-reply and writing copilots,
teacher tools, forum answers; chatter-disguised, role-play and slow four-key disguised harvests, a
mixed personal history, a reseller relay, a chat-UI mimic) and round 8 (round8.py, session 21:
product copy, query rewriting, contract review, a benchmark builder, a language tutor, a code-review
bot; multilingual reasoning, agent-trajectory, eval-mimic, sub-question, self-chat and
critique/revise harvests) and round 9 (round9.py, session 24: an image-prompt expander, a role-play
front end, a Spanish heavy user, a researcher's own instruction-following suite, a company chat UI,
an SEO pipeline; self-instruct, Persona-Hub, OSS-Instruct, own maths traces, a 118-day slow harvest,
a three-key domain split) and round 10 (round10.py, session 25: a BI text-to-SQL assistant, a
listwise reranker, a Discord bot, a bedtime-story app, a contamination study, a research agent;
recycling, Magpie pre-query, Baize transcripts, Cosmopedia textbooks, Humpback back-translation,
a safety-behaviour harvest) and round 11 (round11.py, session 26: chat-analytics facets, a docstring
codemod, a multi-agent debate study, a router's escalations, a clinic inbox triage, a nightly RAG
judge; code Evol-Instruct, a cron-synchronised five-key fleet, IDE-seat code harvest, AgentWrite
long outputs, on-policy prefix continuation, an app's nightly replay of its users' chats) and round
12 (round12.py, session 26, replayed once after the round-11 changes: homework photo search, a
newsroom fact-checker, e-discovery review, CV screening, contact-centre notes, an essay autograder;
an annotation-front label harvest, translation pairs, a judge harvest, few-shot completions, a
listwise reranker harvest, contrastive preference pairs) and round 13 (round13.py, session 27: heavy
individual users, evaluators of unshipped suites, distillers that look like ordinary traffic) and
round 14 (round14.py, session 28: legitimate heavy automation, adaptive distillers) and round 15
(round15.py, session 29: heavy benign automation and evaluation, adaptive distillers) and round 16
(round16.py, session 30: the labs' distillation fingerprints, by adaptive distillers and by heavy
benign users who share them) and round 17 (round17.py, session 31: distillers dressed as evaluation,
RAG/support apps, A/B tests and chats; heavy benign RAG, extraction, support and evaluation) and
round 18 (round18.py, session 32: agentic and tool-using traffic and multi-tenant platforms) and
round 19 (round19.py, session 32: non-English and regional traffic, batch-style APIs) and round 20
(round20.py, session 33: organisations with many keys, account farms) and round 21 (round21.py,
session 34: keys whose behaviour changes over time - migrations, launches, rotations, sleepers) and
round 22 (round22.py, session 34: LLM-tooling vendors as heavy benign customers, and distillers
designed from docs/detector.md, the detector's public documentation) and round 23 (round23.py,
session 35: single-capability distillation - summaries, labels, translations, code explanations,
maths rationales, query rewrites - against single-feature production apps doing the same tasks) and
round 24 (round24.py, session 36: shared and mixed-use keys - a lab's, a hackathon's, an agency's, a
gateway's, an open-source project's, a classroom's and a study's one key - with harvests hidden in
such keys) and round 25 (round25.py, session 36: long-context traffic - contracts, repositories,
filings, companion chats re-sending their history, transcripts, many-shot prompts, a long-context
benchmark - and harvests of long-context skills or items hidden in long prompts) and round 26
(round26.py, session 37: the ordinary population - 32 ordinary customers at ordinary volumes, from
one-off tryouts and hobby scripts to small SaaS features, evaluators of one to three public suites
and chat front ends, and eight ordinary distillers: plain and templated replays, self-instruct, a
15-key hydra, chatter-dressed items, logprob, chain-of-thought and slow harvests) and round 27
(round27.py, session 38: published data-generation pipelines run as published - Orca, Evol-Instruct,
WizardCoder, Magpie, UltraChat, MetaMath, Genstruct, UltraFeedback, R1-style reasoning, CAMEL - and
the teams that run the same open-source tooling on their own data: RAGAS, DeepEval, promptfoo,
LangSmith evaluators, distilabel labelling, lm-evaluation-harness, a persona simulator, synthetic
data for an own classifier, Guardrails, a boxed-answer maths evaluation) and round 28 (round28.py,
session 39: content from outside the development data - prompts from the reviewer's own grammars
and generators in seven languages: a webshop's product copy, localisation, NPC dialogue, tutoring,
data cleaning, a self-written puzzle evaluation; a hand-written capability grid, non-English
self-instruct, JSON record, code-spec and maths word-problem harvests, a grid farm, a slow drip and
a support-bot-shaped harvest) and round 29 (round29.py, session 40: the reasoning-model era, content
mostly generated by the reviewer - olympiad coaching, a programming-practice site's explain button,
physics homework, a Lean prover loop, a lab's nightly reasoning benchmark of its own problems, a tax
app, a notebook copilot, a maths PhD student, a chess explainer, worked solutions, worksheets; R1-style
long-CoT maths, code-reasoning, rationale, <think>-tag, science MCQ, process-reward critique, logic
puzzle and tool-integrated reasoning harvests, and four slow mixed keys) and round 30 (round30.py,
session 41: vertical domains - a clinical-documentation app, a legal-research tool, a month-end close
assistant, nightly claims triage, an HR platform, a pharmacy student, a bank's nightly policy
regression, a question bank's explanations, a patient portal, standards checks, pharmacovigilance
intake, a medical translation plugin; a medical-QA grid on two keys, IRAC legal reasoning on two keys,
finance logprobs, translation pairs on three keys, synthetic patient cases, a fake documentation app
on two keys, a four-key claims harvest, a slow regulatory drip and critique-and-rewrite) and round 31
(round31.py, session 42: aggregators and mixtures - a model router, a browser extension, Discord,
Telegram and Slack bots, a no-code builder, a white-label chat vendor, university and company gateways,
a multi-tenant support platform, a keyboard's rewrite button, a smart speaker; distillation as 5-50% of
such keys' traffic - a reseller's customer, a bot owner's nightly harvest, a gateway team, a support
tenant, one harvest split over four resellers, a relay mimic on two keys, an extension developer's
presets, a student replaying conversations, a white-label tenant) and round 32 (round32.py, session 43:
evaluation from suites nobody holds - lm-eval, HELM, OpenCompass, simple-evals, evalplus, LiveCodeBench,
CI regression, BFCL, needle-in-a-haystack, an MT-Bench-style judge, a refusal suite and lighteval runs
over the reviewer's own generated items; harvests dressed as evaluation - harness wrappers on two keys,
a generated mega-benchmark, pass@k rejection sampling, a judge harvest, needle document QA, IFEval-style
constraints on two keys, a four-key suite fleet, an eval vendor's customer, a Chinese exam set) and round 33
(round33.py, session 44: the plain cases, by people who never saw this detector - benign, a chat app's
backend and its staging key, three heavy users, a Q&A site's answer button, a homework app, support macros,
a TruthfulQA / MT-Bench run, a company gateway, a query-labelling job, a student's CodeAlpaca project, a
translation app; distillers, Dolly-style items, a LIMA replay, an Alpaca template, Orca system prompts, an
OpenHermes-like batch, a month-long slow pacer, a ten-key medical hydra, a reseller's customer (25%),
ShareGPT conversations turn by turn, logprob harvesting) and round 34 (round34.py, session 46: the
issue's own persona list as a held-out judge would build it - ordinary chat users, power users, two
evaluation labs, an answer box, a triage job; plain, wrapped, completions, self-instruct, hydra, disguised,
CoT, judge, logprob and reseller harvests) and round 35 (round35.py, session 47: 2026's API customers -
coding agents, RAG sites, a tagging job, a homework app, an evaluation lab with a judge, a translation
product, heavy users, a prompt A/B team - and distillers imitating them: agent trajectories, reasoning
traces, persona synthesis, a one-fingerprint hydra, a slow LIMA paste, a paraphrase mix, logprob harvests,
a reseller) and round 36 (round36.py, session 48: operations and infrastructure - SDK retries, nightly
batch jobs, a synthetic monitor and a load test, cached apps, regional failover keys of one company, CI
prompt regression with a grader, chat front ends with n and seeds, heavy users; harvests in the same shapes:
a batch runner, an SDK mimic with retries, a four-key failover split, canary-diluted LIMA, a caching proxy,
logprob probes, a cron harvest, a reseller at 15-25%) and round 37 (round37.py, session 48: the long tail at
low volume - indie apps and side projects, Telegram bots, flashcards and an explain extension, thesis
students, Home Assistant households, day-long tryouts and hackathons, one-off evaluations; distillers spread
over 114 small keys - a sliced farm, a slow pool, a wrapper-app farm, weekly source rotation, items in personal
chats, free-tier trial keys, a SQL harvest, a reasoning drip) and round 38 (round38.py, session 49: change over
time, six weeks - a product launch, exam and tax seasons, viral days, a provider migration, a prompt rollout,
an evaluation cadence, a key handed to another team, a one-off research sweep, a support bot's outage, users
whose use grows; distillers that change: a genuine app turned harvester, a pause and resume, key rotation,
a ramp, a tactic switch, a seasonal cover, a six-week drip, alternating sources) and round 39 (round39.py,
session 49: beyond English - a Chinese study app, a Chinese health app and a medical student, a Spanish
community bot, thirteen oasst2 users in their own languages, a translation product, a language tutor, a
bilingual support desk, Chinese developers asking about English code, multilingual evaluation labs;
distillers in Chinese and across languages: a Huatuo hydra, Chinese ShareGPT at a person's pace, a
reseller's nightly harvest, a templated trickle, English items asked in Chinese and Japanese, Chinese items
answered in English, a fake Chinese app, alternating languages, Chinese exam CoT), round 40 (round40.py,
session 50: many accounts - a company's team keys on one account, a university course of 36 students on the
same handout, a hackathon on the venue network, an agency's client keys, a desktop app's bring-your-own-key
users, unrelated CI projects on the same cron times, evaluation labs on the same suite, a family card;
distillers: a disjoint-prompt hydra, a sign-up farm, a hydra sharing only a scheduler, stolen keys, key
rotation every 100 requests, two colluding organisations, a hydra whose keys imitate benign personas, a
slow four-week hydra) and round 41 (round41.py, session 51: content generation at scale - an SEO content SaaS's pipeline and
bulk queue, a Shopify listing writer's nightly JSON-schema batch, an ad-copy tool at n=3-5, a QA team's
synthetic test fixtures, a bedtime-story app, a study app's flashcards and quizzes, an interview-prep site, a
social scheduler with greeting cards, a newsletter summariser, a game studio's barks and localisation;
distillers: Cosmopedia-style textbooks from web extracts, TinyStories, phi-style textbooks and exercises, GLAN
taxonomy homework, PersonaHub persona synthesis, Humpback instruction backtranslation, WebInstruct Q/A
extraction, a fake blog-writing SaaS, a slow eight-key Evol-Instruct farm, Self-Instruct generation hidden in
an e-learning studio's key) were each replayed
once before the detector was changed again: their FIRST_RUN rows are held-out
estimates; their current rows are development numbers.

Each persona is replayed through a fresh detector, as bench/detector_real.py replays a suite
(realtraffic.replay: time order, answers reported to `Detector.served`). Writes
bench/results/detector_blind.txt.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from _common import LINES, header, say
from blind import (
    apps,
    attacks,
    round2,
    round3,
    round4,
    round5,
    round6,
    round7,
    round8,
    round9,
    round10,
    round11,
    round12,
    round13,
    round14,
    round15,
    round16,
    round17,
    round18,
    round19,
    round20,
    round21,
    round22,
    round23,
    round24,
    round25,
    round26,
    round27,
    round28,
    round29,
    round30,
    round31,
    round32,
    round33,
    round34,
    round35,
    round36,
    round37,
    round38,
    round39,
    round40,
    round41,
)
from stillroom.detector import DetectorConfig
from stillroom.detector.realtraffic.replay import replay

HERE = Path(__file__).parent
# The reviewers' first replay (detector of commit 0bfb145), per persona: (flagged keys / keys,
# peak verdict, peak score). From their reports, not re-measured.
FIRST_RUN = {
    "labelling_pipeline": "1 / 2 flagged (block 0.98: the learned reader read the system prompt as data generation)",
    "translation_service": "1 / 1 flagged (block 0.99: the same)",
    "tutoring_app": "1 / 1 flagged (suspect 0.76: a step-by-step system prompt)",
    "prompt_ab_test": "1 / 1 flagged (suspect 0.62: n=3 and 4 temperatures)",
    "rag_app": "0 / 1 (watch 0.45)",
    "agent_framework": "0 / 1 (ok 0.31)",
    "ide_completions": "0 / 2 (watch 0.45)",
    "support_bot": "0 / 1 (ok 0.33)",
    "reformat_replay": "not caught (watch 0.45)",
    "chat_user_harvest": "not caught (watch 0.45)",
    "multiturn_followups": "not caught (ok 0.31)",
    "persona_chat": "not caught (watch 0.45)",
    "key_rotation": "caught: 21 / 24 keys (the actor at its request 139)",
    "slow_and_low": "caught: 2 / 2 keys (block)",
    "code_harvester": "caught (block 0.99)",
    "nq_trivia_drip": "not caught (watch 0.45)",
    # round 2's first replay is this detector's: its reviewer's own table, for comparison
    "calibration_researcher": "1 / 1 flagged (block 0.996: top_logprobs at 4 temperatures, a fixed wrapper)",
    "domain_harvest": "not caught (watch 0.45)",
    "mixed_casual": "not caught (ok 0.24)",
    # round 3's first replay (detector of commit fbfef52 with the session-15 asks model)
    "eval_harness_sampled": "1 / 1 flagged (block 0.96: BBH's step-by-step cue backing a fixed wrapper)",
    "chinese_power_user": "1 / 1 flagged (suspect 0.86: mixed_items, instruction_style)",
    "llm_judge_eval": "1 / 1 flagged (suspect 0.87: rubric grading; benign by contract, the hardest case)",
    "uncertainty_research": "0 / 1 (watch 0.33)",
    "labelling_startup": "0 / 1 (ok 0.31)",
    "education_explanations": "0 / 1 (watch 0.38)",
    "support_copilot": "0 / 1 (watch 0.43)",
    "rationale_harvest": "caught (block 0.98)",
    "rotate6": "caught: 6 / 6 keys (block)",
    "logprob20_harvest": "caught (suspect 0.77)",
    "padded_harvest": "not caught (watch 0.39: a real chat exchange before each item)",
    "slow_two_weeks": "caught (block 0.94)",
    # round 4's first replay (detector of commit 6ce4234 plus the outcome-identical RE2 patterns)
    "nightly_regression": "1 / 1 flagged (suspect 0.76: coverage, mixed_items, rubric grading of its own answers)",
    "redteam_safety_eval": "1 / 1 flagged (block 0.99 at request 2,172: grading its samples; `evaluation` from 357)",
    "survey_simulation": "0 / 1 (peak 0.35)",
    "spreadsheet_formulas": "0 / 1 (peak 0.45)",
    "fewshot_completions_eval": "0 / 1 (peak 0.29)",
    "multilingual_support": "0 / 1 (peak 0.38)",
    "taxonomy_harvest": "caught (block 0.99)",
    "crosslingual_harvest": "caught (suspect 0.89)",
    "completions_transcript_harvest": "caught (block 0.99)",
    "spread30": "not caught: 0 / 30 keys (peak 0.52; 2 of 30 keys linked)",
    "app_cover_harvest": "not caught (peak 0.39: ~10% items in a real app's traffic)",
    "paraphrase_two_stage": "caught: 2 / 2 keys (block 0.96)",
    # round 5's first replay (detector of commit 1e0058a)
    "travel_tool_agent": "0 / 1 (peak 0.34)",
    "doc_extraction_json": "0 / 1 (peak 0.45)",
    "course_lab_shared_key": "1 / 1 flagged (block 0.99 at request 233: the handout's exercises, sent hundreds of times, counted as dataset items)",
    "moderation_logprob_scores": "0 / 1 (peak 0.59)",
    "email_smart_compose": "0 / 1 (peak 0.30)",
    "longctx_position_study": "0 / 1 (peak 0.27)",
    "toolcall_harvest": "caught (block 0.93)",
    "json_schema_harvest": "caught (block 0.98)",
    "longdoc_summary_harvest": "caught (suspect 0.94)",
    "system_cot_harvest": "not caught (peak 0.50: human questions, the CoT request only in the system prompt)",
    "rotating_chitchat_harvest": "caught: 7 / 7 keys (suspect 0.90)",
    "rejection_sampling_n8": "caught (suspect 0.70)",
    # round 6's first replay (detector of commit 4639221)
    "voice_assistant_queries": "0 / 1 (peak 0.42)",
    "localisation_release": "0 / 1 (peak 0.52)",
    "quiz_maker_teachers": "1 / 1 flagged (block 0.93 at request 235: templating, instruction_style, system_asks)",
    "multitenant_support_platform": "0 / 1 (peak 0.38)",
    "coding_agent_cli": "0 / 2 (peak 0.30)",
    "essay_feedback_rubric": "0 / 1 (peak 0.41)",
    "slow_wide_weeks": "caught: 5 / 5 keys (4 block, 1 suspect; peak 0.93)",
    "paraphrase_first_harvest": "caught (suspect 0.92)",
    "fake_tutor_app": "caught (block 0.96)",
    "grounded_qa_synth": "caught (block 1.00 at request 50)",
    "sparse_logprob_cover": "caught (suspect 0.87)",
    "preference_pairs_harvest": "caught (block 0.95)",
    # round 7's first replay (detector of commit 4c4cce3)
    "chatty_heavy_user": "0 / 1 (peak 0.14)",
    "homework_student": "0 / 1 (peak 0.14)",
    "support_reply_drafter": "0 / 1 (peak 0.42)",
    "writing_menu_extension": "0 / 1 (peak 0.44)",
    "teacher_tools_app": "1 / 1 flagged (block 0.99 at request 143: templating, mixed_items, instruction_style)",
    "forum_ai_answers": "0 / 1 (peak 0.45)",
    "chatter_disguise_harvest": "caught (suspect 0.89; 0.56, not caught, with the classifier before framed training)",
    "roleplay_need_harvest": "caught (suspect 0.94)",
    "personal_history_mix": "not caught (peak 0.39)",
    "reseller_relay": "caught (suspect 0.94)",
    "slow_four_key_disguise": "not caught: 0 / 4 keys (peak 0.53)",
    "chat_ui_mimic_harvest": "not caught (peak 0.45)",
    # round 8's first replay (detector of commit e0fec51; session 21)
    "catalogue_copy": "0 / 1 (peak 0.46)",
    "query_rewriter": "0 / 1 (peak 0.45)",
    "contract_review": "0 / 1 (peak 0.04)",
    "benchmark_builder": "1 / 1 flagged (suspect 0.77 at request 968: mixed_items, instruction_style, n=5 beside CoT cues)",
    "language_tutor": "0 / 1 (peak 0.59)",
    "code_review_bot": "1 / 1 flagged (suspect 0.91 at request 141: templating backed by instruction_style; its code is codealpaca's answers)",
    "multilingual_reasoning_harvest": "not caught (peak 0.52: Spanish/French/Japanese items the style model never saw)",
    "agent_trajectory_harvest": "caught (suspect 0.91)",
    "eval_harness_mimic": "caught (suspect 0.76)",
    "subquestion_split_harvest": "caught (suspect 0.86)",
    "user_simulator_selfchat": "caught (block 0.95)",
    "critique_revise_harvest": "not caught (peak 0.28: 32 constant critique/revise turns, not counted as scripted)",
    # round 9's first replay (detector of commit 0914a73; session 24)
    "image_prompt_expander": "0 / 1 (peak 0.25)",
    "roleplay_frontend": "0 / 1 (peak 0.28)",
    "spanish_heavy_user": "0 / 1 (peak 0.37)",
    "own_ifeval_research": "0 / 1 (peak 0.47)",
    "company_chat_ui": "0 / 1 (peak 0.43)",
    "seo_article_pipeline": "1 / 1 flagged (suspect 0.61 at request 806: templating, harvest, near_dup)",
    "self_instruct_own_seeds": "caught (block 0.99, suspect at request 2)",
    "persona_question_synth": "caught (suspect 0.94 at request 537)",
    "oss_instruct_harvest": "caught (suspect 0.96 at request 185)",
    "math_traces_own_problems": "caught (suspect 0.85 at request 174)",
    "slow_season_harvest": "not caught (peak 0.43: 118 days of real users' prompts (LIMA, InstructionWild, ShareGPT) at one person's pace)",
    "split_key_domains": "caught: 3 / 3 keys (suspect 0.97, the first at request 77)",
    # round 10's first replay (detector of commit 390a32c; session 25)
    "text_to_sql_bi": "1 / 1 flagged and blocked (block 0.85 at request 400: templating backed by 11% scripted turns)",
    "listwise_reranker": "0 / 1 (peak 0.10)",
    "discord_community_bot": "0 / 1 (peak 0.43)",
    "bedtime_story_app": "0 / 1 (peak 0.54)",
    "contamination_study": "0 / 1 (peak 0.45)",
    "deep_research_agent": "0 / 1 (peak 0.49)",
    "recycle_upgrade": "caught (block 1.00, suspect at request 79)",
    "magpie_prequery": "caught late (suspect 0.86 at request 1,080 on templates: the system-turn Magpie template was not read as Magpie)",
    "baize_transcripts": "caught (block 1.00, suspect at request 2)",
    "cosmopedia_textbooks": "1 / 2 keys (suspect 0.69 at request 161)",
    "backtranslation_humpback": "caught (suspect 0.97 at request 138)",
    "safety_response_harvest": "not caught: 0 / 2 keys (peak 0.45: hh-rlhf red-team chats replayed at n=2, jailbreak-wrapped XSTest)",
    # round 11's first replay (detector of commit 02e2a36; session 26)
    "chat_insights_facets": "1 / 1 flagged and blocked (block 0.99, suspect at request 150: the learned reader took its JSON description of quoted conversations for data generation)",
    "docstring_codemod_batch": "0 / 1 (peak 0.47)",
    "multiagent_debate_study": "1 / 1 flagged and blocked (block 0.85, suspect at request 16: CoT on every prompt; its MMLU items' inline 'A) .. B) ..' options and '(X)' answer form read as no test item)",
    "router_escalations": "0 / 1 (peak 0.46)",
    "clinic_inbox_triage": "1 / 1 flagged (suspect 0.74 at request 1,269: templating backed by instruction style)",
    "ragas_nightly_eval": "0 / 1 (peak 0.34)",
    "code_evol_wizardcoder": "caught (suspect 0.98 at request 67)",
    "quota_synced_fleet": "4 / 5 keys (suspect 0.98, the first at request 29)",
    "ide_seat_code_harvest": "caught: 3 / 3 keys (suspect 0.98 at request 36)",
    "longform_agentwrite_harvest": "not caught: 0 / 2 keys (peak 0.56: AgentWrite plan-then-paragraphs and 16k-token 'comprehensive' answers)",
    "onpolicy_prefix_continuation": "caught (suspect 0.98 at request 38)",
    "nightly_log_replay": "not caught (peak 0.46: an app's own users' conversations replayed at night with n=3 under a reference-answer system prompt)",
    # round 12's first replay (detector of commit b4d67cc; session 26)
    "homework_photo_search": "0 / 1 (peak 0.40)",
    "newsroom_factcheck": "0 / 1 (peak 0.44)",
    "ediscovery_first_pass": "0 / 1 (peak 0.45)",
    "cv_screening_ats": "0 / 1 (peak 0.45)",
    "contact_centre_wrapup": "0 / 1 (peak 0.18)",
    "essay_autograder": "1 / 1 flagged (suspect 0.92 at request 173: rubric grading at n=3 of quoted explainers, LIMA's questions and answers standing in for students', read as dataset items)",
    "annotation_front_labels": "caught (suspect 0.99 at request 2)",
    "mt_pair_harvest": "2 / 3 keys (suspect 0.96, the first at request 173)",
    "judge_pair_distill": "caught (block 0.99, suspect at request 6)",
    "fewshot_completions_harvest": "caught (block 0.98, suspect at request 105)",
    "reranker_listwise_distill": "not caught (peak 0.16: RankGPT-format rankings of real queries' passages, as round 10's benign reranker sends)",
    "contrastive_pair_harvest": "caught: 2 / 2 keys (suspect 0.86, the first at request 106)",
    # round 13 (session 27), first replay on the detector of 16c9dd3
    "novelist_scene_iteration": "0 / 1 (peak 0.30)",
    "phd_student_questions": "0 / 1 (peak 0.40)",
    "engineer_ide_plugin": "0 / 1 (peak 0.45)",
    "trader_market_questions": "0 / 1 (peak 0.43)",
    "synthetic_reasoning_suite": "1 / 1 flagged (suspect 0.78 at request 773: its own suite's answer-format lines in German, Spanish and French, and 'Respond with only the final answer.', read as no test item)",
    "transformed_mc_suite": "0 / 1 (peak 0.29)",
    "chatlog_first_turn_replay": "not caught (peak 0.45: real users' first turns at a person's pace)",
    "instruction_shards_multikey": "caught: 4 / 4 keys (suspect 0.96, the first at request 67)",
    "interleaved_chat_cover": "not caught (peak 0.45: 42% items among real chats)",
    "thorough_suffix_harvest": "not caught (peak 0.52: NQ and LIMA questions with 'explain thoroughly' suffixes)",
    "multilingual_harvest": "caught (suspect 0.97 at request 136)",
    "low_slow_week": "not caught (peak 0.45: real first turns, one every 90-200 s in office hours)",
    # round 14 (session 28), first replay on the detector of 8ba83e1
    "querymap_extraction": "0 / 1 (peak 0.14)",
    "answer_engine_rag": "1 / 1 flagged (suspect 0.79 at request 178: model-written source passages read as instruction items, follow-ups in the same frame as scripted turns)",
    "coding_agent_company": "0 / 2 (peak 0.34)",
    "eval_set_annotation_team": "0 / 1 (peak 0.45)",
    "edtech_worked_solutions": "0 / 1 (peak 0.13)",
    "redteam_researcher_probes": "1 / 1 flagged (suspect 0.67 at request 1035: a jailbreak template matrix over harmful seeds at n=3, broad coverage)",
    "rule_paraphrase_harvest": "caught (suspect 0.94 at request 158)",
    "rag_wrapper_harvest": "caught (suspect 0.98 at request 109)",
    "style_mimic_chat_user": "caught (suspect 0.61 at request 247)",
    "hydra40_slow": "not caught: 0 / 40 keys (peak 0.11: 25 requests a key, nothing shared)",
    "varied_reasoning_traces": "caught (suspect 0.93 at request 165)",
    "app_stream_thirty": "caught (suspect 0.83 at request 260)",
    # round 15 (first replay on c43be0a, whose detector is 6561db3's)
    "moderation_vendor": "0 / 2 flagged (watch 0.40)",
    "opro_replication": "1 / 1 flagged (suspect 0.72 at request 7,573: templating, coverage)",
    "dspy_mipro_compile": "0 / 1 (watch 0.42)",
    "arena_site_relay": "0 / 1 (ok 0.36)",
    "course_assignment_key": "1 / 1 flagged (suspect 0.65 at request 4,965: templating, coverage)",
    "game_npc_authoring": "0 / 1 (watch 0.45)",
    "bank_qa_simulation": "1 / 1 flagged (suspect 0.68 at request 681: templating, coverage, near-duplicates)",
    "batch_pack_harvest": "not caught: 0 / 2 keys (watch 0.55: 108 requests carrying ~1,350 packed tasks)",
    "structured_reasoning_harvest": "caught (suspect 0.99 at request 32)",
    "dspy_lookalike_harvest": "caught and blocked (1.00; suspect at request 15)",
    "arena_cover_harvest": "caught (suspect 0.91 at request 313)",
    "curriculum_escalation": "caught (suspect 0.89 at request 259)",
    "long_session_packing": "1 / 2 keys caught (suspect 0.85 at request 392)",
    # round 16 (first replay on febfd7a's detector)
    "judge_eval_nightly": "4 / 4 flagged (suspect 0.99 at request 1: data_generation, templating, rubric grading)",
    "cot_faithfulness_lab": "1 / 3 flagged (suspect 0.74 at request 541: mixed_items, instruction_style)",
    "enterprise_key_fleet": "0 / 24 (watch 0.59: cluster fan_out, coverage)",
    "course_cohort_accounts": "1 / 48 flagged (suspect 0.61 at request 305: coverage, CoT)",
    "translation_fanout": "0 / 2 (watch 0.57)",
    "drift_monitor_weeks": "2 / 2 flagged (suspect 0.93 at request 24: templating, near-duplicates, coverage)",
    "labelling_vendor_packs": "0 / 3 (watch 0.48)",
    "reasoning_reconstruction": "caught: 3 / 3 keys (2 blocked; suspect at request 7)",
    "rubric_reward_rl": "caught: 10 / 10 keys (suspect 0.85 at request 4)",
    "proxy_relay_pool": "caught: 32 / 32 keys (suspect 0.89 at request 6)",
    "narrow_capability_fleet": "caught: 22 / 22 keys (suspect 0.98 at request 10)",
    "agent_cli_slow_accounts": "caught: 11 / 12 keys (suspect 0.71 at request 39)",
    "browser_farm_sync": "caught: 13 / 24 keys (suspect 0.91 at request 53)",
    # round 17 (first replay on fe9a021's detector)
    "helpcenter_rag": "1 / 1 flagged (suspect 0.62 at request 353: templating, scripted turns, near-duplicates)",
    "item_bank_tagging": "0 / 1 (ok 0.20)",
    "support_bot_backend": "0 / 1 (watch 0.37)",
    "benchmark_maintainer": "1 / 2 flagged (suspect 0.75 at request 727: templating, instruction_style)",
    "prompt_ab_templates": "1 / 1 flagged (suspect 0.99 at request 3346: templating, mixed_items, system_asks)",
    "labelling_batch": "0 / 1 (watch 0.53)",
    "messaging_bot_onboarding": "0 / 1 (ok 0.28)",
    "eval_dressed_harvest": "caught: 2 / 2 keys (suspect 0.88 at request 1)",
    "support_dressed_harvest": "caught: 3 / 3 keys (suspect 0.99 at request 1)",
    "months_slow_trickle": "caught: 1 / 4 keys (suspect 0.89 at request 147)",
    "multiturn_item_turns": "0 / 1 (watch 0.48)",
    "passk_codebench_dress": "caught: 1 / 1 keys (suspect 0.85 at request 204)",
    "ab_dressed_harvest": "caught: 1 / 1 keys (suspect 0.99 at request 219)",
    # round 18 (first replay on d95b7ef's detector)
    "cloud_coding_agent": "0 / 1 (ok 0.25)",
    "ai_browser_agent": "0 / 1 (ok 0.35)",
    "gateway_chat_proxy": "0 / 1 (watch 0.44)",
    "dm_translation": "0 / 1 (ok 0.23)",
    "guardrail_firewall": "1 / 1 flagged (suspect 0.69 at request 4269: harvest, templating, coverage)",
    "forum_context_indexing": "0 / 1 (watch 0.53)",
    "python_course_tutor": "1 / 1 flagged (suspect 0.69 at request 370: templating, coverage, near-duplicates)",
    "agent_env_harvest": "caught: 2 / 2 keys (suspect 0.99 at request 2)",
    "self_instruct_pair": "caught: 2 / 2 keys (suspect 1.00 at request 2)",
    "service_dressed_harvest": "caught: 2 / 2 keys (suspect 0.99 at request 1)",
    "agent_platform_mix": "caught: 1 / 1 keys (suspect 0.86 at request 4686)",
    "think_tool_reasoning": "caught: 1 / 1 keys (suspect 1.00 at request 29)",
    "proxy_mesh_partial": "caught: 9 / 30 keys (suspect 0.96 at request 1)",
    # round 19 (first replay on 02a2738's detector)
    "zh_consumer_app": "0 / 1 (watch 0.49)",
    "ramadan_telecom_support": "0 / 1 (ok 0.23)",
    "zh_medical_consult": "1 / 1 flagged (suspect 0.85 at request 342: mixed_items, instruction_style)",
    "batch_review_summaries": "0 / 1 (watch 0.37)",
    "multilingual_eval_lab": "1 / 2 flagged (suspect 0.87 at request 1342: templating, coverage, rubric grading)",
    "plain_language_service": "0 / 2 (watch 0.37)",
    "farmer_voice_advisory": "0 / 1 (ok 0.27)",
    "zh_paraphrase_harvest": "caught: 3 / 3 keys (suspect 0.95 at request 44)",
    "batch_logprob_harvest": "caught: 1 / 1 keys (suspect 0.96 at request 24)",
    "code_switch_harvest": "caught: 3 / 3 keys (suspect 0.91 at request 1)",
    "clinical_support_harvest": "caught: 3 / 3 keys (suspect 0.78 at request 86)",
    "follow_sun_reasoning": "caught: 2 / 4 keys (suspect 0.97 at request 36)",
    "suggestion_chip_harvest": "0 / 1 (watch 0.48)",
    # round 20 (first replay on e8f6637's detector)
    "developer_keys": "42 / 42 flagged (suspect 0.62 at request 14: cluster fan-out, templating, coverage)",
    "course_student_keys": "41 / 60 flagged (suspect 0.80 at request 184: templating, instruction style, rubric grading)",
    "isv_tenant_keys": "0 / 50 (watch 0.46)",
    "hackathon_keys": "80 / 84 flagged (suspect 0.80 at request 1: cluster instruction style, templating, near-duplicates)",
    "ci_repo_keys": "1 / 28 flagged (suspect 0.83 at request 365: templating, near-duplicates, coverage)",
    "consortium_keys": "0 / 15 (watch 0.48)",
    "agency_client_keys": "0 / 26 (watch 0.49)",
    "proxy_account_farm": "caught: 27 / 120 keys (suspect 0.92 at request 1)",
    "rotating_keys": "caught: 6 / 6 keys, 5 blocked (block 0.97, suspect at request 1)",
    "vertical_slice_farm": "caught: 16 / 27 keys (suspect 0.94 at request 20)",
    "insider_keys": "caught: 7 / 7 keys (suspect 0.94 at request 1)",
    "slow_daily_farm": "caught: 52 / 101 keys (suspect 0.89 at request 6)",
    "share_nothing_farm": "0 / 40 (watch 0.40)",
    # round 21 (first replay on d3013f1's detector)
    "migration_replay": "1 / 1 flagged (suspect 0.97 at request 82: replayed conversations with another provider's replies, then its judge pass)",
    "viral_launch": "0 / 1 (watch 0.39)",
    "exam_season_tutor": "0 / 1 (watch 0.36)",
    "rotated_key": "0 / 2 (watch 0.58)",
    "prototype_to_production": "0 / 1 (watch 0.45)",
    "researcher_sweep": "0 / 1 (watch 0.35)",
    "semester_lab_key": "0 / 1 (watch 0.45)",
    "sleeper_account": "caught: 1 / 1 keys (suspect 0.88 at request 239)",
    "warmup_ramp": "caught: 1 / 1 keys (suspect 0.94 at request 150)",
    "compromised_key": "caught: 1 / 1 keys (suspect 0.96 at request 542)",
    "migration_eval_disguise": "caught: 1 / 1 keys, 1 blocked (block 0.88, suspect at request 134)",
    "weekly_rotation": "caught: 4 / 4 keys (suspect 0.93 at request 1)",
    "pause_resume": "caught: 1 / 1 keys (suspect 0.95 at request 117)",
    # round 22 (first replay on 363d830's detector)
    "prompt_regression_platform": "1 / 1 flagged, blocked (block 0.95, suspect at request 222: templates backed by its rubric graders)",
    "observability_evals": "1 / 1 flagged (suspect 0.82 at request 411: mixed items, coverage, templating)",
    "eval_service_vendor": "1 / 1 flagged (suspect 0.95 at request 1,944: mixed items, templating, instruction style)",
    "synthetic_classifier_data": "1 / 1 flagged (suspect 1.00 at request 13: data generation, by design)",
    "redteam_service": "0 / 1 (watch 0.44)",
    "labelling_vendor": "1 / 1 flagged (suspect 0.90 at request 3: templating, rubric grading, mixed items)",
    "finetune_sandbox": "1 / 1 flagged (suspect 0.94 at request 149: mixed items, instruction style: its users preview dataset rows)",
    "threaded_replay_app": "not caught (watch 0.34)",
    "boxed_reasoning_harvest": "caught: 1 / 1 keys (suspect 0.98 at request 8)",
    "bundled_questions": "not caught (watch 0.50)",
    "chinese_elaboration_chats": "not caught (watch 0.45)",
    "default_fingerprint_farm": "caught: 15 / 15 keys (suspect 0.92 at request 1)",
    "audit_harvest": "caught: 1 / 1 keys (suspect 0.99 at request 118)",
    # round 23 (first replay on e67e1c7's detector)
    "memory_summariser": "0 / 1 (watch 0.47)",
    "community_classifier": "0 / 1 (watch 0.43)",
    "translate_button": "0 / 1 (watch 0.45)",
    "explain_button": "1 / 1 flagged (suspect 0.97 at request 156: templating, mixed items, instruction style: its"
    " learners' snippets are codealpaca items)",
    "23:query_rewriter": "0 / 1 (watch 0.41)",  # round 8 has a persona of that name
    "product_copy": "0 / 1 (watch 0.45)",
    "rephrase_button": "0 / 1 (watch 0.45)",
    "summary_harvest": "not caught (watch 0.45)",
    "safety_label_harvest": "not caught: 0 / 2 keys (watch 0.45)",
    "translation_pair_harvest": "caught: 1 / 1 keys (suspect 0.96 at request 153)",
    "code_explanation_harvest": "caught: 1 / 1 keys (suspect 0.94 at request 691)",
    "maths_rationale_harvest": "caught: 1 / 1 keys (suspect 0.94 at request 164)",
    "query_rewrite_cron": "not caught (watch 0.45)",
    # round 24 (first replay on 2a61613's detector)
    "lab_shared_key": "0 / 1 (watch 0.55)",
    "hackathon_event_key": "0 / 1 (watch 0.46)",
    "agency_shared_key": "0 / 1 (watch 0.40)",
    "gateway_key": "0 / 1 (watch 0.40)",
    "oss_project_key": "1 / 1 flagged (suspect 0.84 at request 666: templating, mixed items, instruction style:"
    " its nightly suite and push smoke runs)",
    "classroom_key": "0 / 1 (watch 0.30)",
    "annotation_study": "0 / 1 (watch 0.43)",
    "gateway_night_harvest": "caught: 1 / 1 keys (suspect 0.96 at request 322)",
    "startup_fixed_share": "not caught (watch 0.40)",
    "lab_slow_replay": "caught: 1 / 1 keys (suspect 0.65 at request 1,016)",
    "hackathon_afterparty": "caught: 1 / 1 keys (suspect 0.98 at request 2,791)",
    "split_org_keys": "caught: 2 / 4 keys (suspect 0.93 at request 160; the realty key at watch 0.45, the"
    " restaurants key, 4% harvest, ok 0.21)",
    "discord_bot_harvest": "not caught (watch 0.42)",
    # round 25 (first replay on 76dd85d's detector)
    "contract_review_app": "0 / 1 (watch 0.40)",
    "codebase_assistant": "1 / 1 flagged (suspect 0.91 at request 356: templating, mixed items: 43 of 232 of its"
    " single-shot requests, whole files and diffs with questions, read as dataset items)",
    "filings_analyst_tool": "0 / 1 (watch 0.40)",
    "companion_chat_app": "0 / 1 (watch 0.34)",
    "meeting_summariser": "0 / 1 (watch 0.45)",
    "many_shot_router": "1 / 1 flagged (suspect 0.86 at request 66: top_logprobs on every request, instruction style"
    " and rubric grading read in its fixed labelled examples)",
    "long_context_benchmark": "0 / 1 (watch 0.13)",
    "long_doc_qa_harvest": "caught: 1 / 1 keys (suspect 0.97 at request 140)",
    "item_in_fixed_document": "caught: 1 / 1 keys (suspect 0.60 at request 1,182)",
    "many_shot_pack_harvest": "caught: 1 / 1 keys (suspect 0.90 at request 58)",
    "fabricated_history_harvest": "caught: 1 / 1 keys (suspect 0.83 at request 42)",
    "repo_code_harvest": "not caught (ok 0.25)",
    "imported_history_branches": "caught: 1 / 1 keys, 1 blocked (block 0.99, suspect at request 172)",
    # round 26 (first replay on 7a1e788's detector)
    "api_tryout": "0 / 1 (watch 0.21)",
    "cron_word_of_day": "0 / 1 (ok 0.07)",
    "feedback_summariser": "0 / 1 (ok 0.03)",
    "ticket_classifier": "0 / 1 (watch 0.45)",
    "26:rephrase_button": "0 / 1 (watch 0.43)",
    "receipt_extractor": "0 / 1 (ok 0.04)",
    "student_homework": "0 / 1 (watch 0.23)",
    "teacher_quizzes": "0 / 1 (ok 0.00)",
    "query_labeller": "0 / 1 (watch 0.45)",
    "truthfulqa_study": "0 / 1 (watch 0.42)",
    "bbh_grad_student": "0 / 1 (ok 0.08)",
    "code_eval_run": "0 / 1 (ok 0.13)",
    "instruction_following_check": "0 / 1 (ok 0.04)",
    "model_comparison": "0 / 1 (watch 0.51)",
    "family_chat_frontend": "0 / 1 (watch 0.35)",
    "oasst_es_person": "0 / 1 (ok 0.00)",
    "oasst_en_person": "0 / 1 (ok 0.00)",
    "community_frontend": "0 / 1 (watch 0.43)",
    "translation_hotkey": "0 / 1 (ok 0.05)",
    "novelist_assistant": "0 / 1 (ok 0.02)",
    "company_slack_bot": "0 / 1 (watch 0.41)",
    "support_drafts": "0 / 1 (watch 0.21)",
    "listing_template_paster": "0 / 1 (ok 0.12)",
    "trivia_day": "0 / 1 (ok 0.16)",
    "agent_tools_dev": "0 / 1 (watch 0.30)",
    "curious_probe": "0 / 1 (ok 0.02)",
    "coding_helper": "0 / 1 (ok 0.11)",
    "recipe_app": "0 / 1 (watch 0.42)",
    "sql_helper": "0 / 1 (ok 0.01)",
    "language_learner": "0 / 1 (ok 0.02)",
    "discord_bot_small": "0 / 1 (watch 0.45)",
    "prompt_iteration": "0 / 1 (ok 0.12)",
    "plain_replay": "caught: 1 / 1 keys (suspect 0.96 at request 102)",
    "template_replay": "caught: 1 / 2 keys (suspect 0.99 at request 62; the English key, LIMA items under"
    ' "Question: ... Answer:", read as evaluation traffic: ok 0.00)',
    "self_instruct": "caught: 1 / 1 keys (suspect 0.95 at request 81)",
    "hydra_slices": "caught: 15 / 15 keys (suspect 0.96 at request 1)",
    "chatter_dressed": "not caught (watch 0.36)",
    "logprob_harvest": "caught: 2 / 2 keys (suspect 0.90 at request 71)",
    "cot_harvest": "caught: 1 / 2 keys (suspect 0.93 at request 8; the maths key, AGIEval items with a step-by-step cue, ok 0.26)",
    "slow_harvest": "caught: 2 / 2 keys (suspect 0.84 at request 1)",
    # round 27 (first replay on 4ccbe89's detector)
    "ragas_testset": "1 / 1 flagged (suspect 0.89 at request 167: templating, instruction style - its own"
    " metric prompts, one after another over each document, read as items)",
    "deepeval_ci": "1 / 1 flagged (suspect 0.78 at request 173: templating, mixed items, instruction style -"
    " G-Eval and faithfulness prompts over its test cases read as items and grading)",
    "promptfoo_suites": "1 / 1 flagged (suspect 0.96 at request 926: data generation - its red-team run"
    " generating attacks)",
    "langsmith_online": "1 / 1 flagged (suspect 0.83 at request 177: templating, mixed items, coverage)",
    "distilabel_tickets": "0 / 1 (watch 0.42)",
    "lm_eval_harness": "0 / 1 (ok 0.09)",
    "persona_sim_qa": "1 / 1 flagged (suspect 0.96 at request 2: data generation - its user simulator)",
    "synthetic_intent_data": "1 / 1 flagged (suspect 1.00 at request 2: data generation, by design)",
    "guardrails_hr": "0 / 1 (watch 0.30)",
    "reasoning_eval": "0 / 1 (watch 0.31)",
    "orca_explain": "caught: 2 / 2 keys (suspect 0.94 at request 1)",
    "evol_instruct": "caught: 1 / 1 keys (suspect 0.99 at request 95)",
    "wizardcoder_evol": "caught: 1 / 1 keys (suspect 0.99 at request 57)",
    "magpie_distilabel": "caught: 1 / 1 keys, 1 blocked (block 1.00, suspect at request 2)",
    "ultrachat_selfchat": "caught: 2 / 2 keys (suspect 0.99 at request 1)",
    "metamath_bootstrap": "caught: 1 / 1 keys (suspect 0.95 at request 198)",
    "genstruct_docqa": "caught: 1 / 1 keys (suspect 0.96 at request 2)",
    "ultrafeedback_prefs": "caught: 2 / 2 keys, 1 blocked (block 1.00, suspect at request 4)",
    "reasoning_harvest": "caught: 3 / 3 keys (suspect 1.00 at request 1)",
    "camel_roleplay": "caught: 1 / 1 keys (suspect 0.95 at request 2)",
    # round 28 (first replay on 554c271's detector)
    "ecommerce_catalogue": "1 / 1 flagged (suspect 0.89 at request 135: instruction style, templating - a"
    " wrapper with three slots (language, tone, the product's JSON) read as items)",
    "localisation": "0 / 1 (ok 0.30)",
    "bank_disputes": "0 / 1 (ok 0.16)",
    "npc_dialogue": "0 / 1 (watch 0.58)",
    "28:tutoring_app": "0 / 1 (watch 0.35)",  # apps.py has a persona of that name
    "data_cleaning": "0 / 1 (ok 0.17)",
    "unit_tests": "0 / 1 (watch 0.52)",
    "french_power_user": "0 / 1 (ok 0.24)",
    "puzzle_eval": "0 / 1 (watch 0.57)",
    "ab_copy": "0 / 1 (watch 0.56)",
    "consultancy_chat": "0 / 1 (watch 0.35)",
    "course_assistant": "1 / 1 flagged (suspect 0.72 at request 284: templating, instruction style - students'"
    " few fixed phrasings around MBPP exercises)",
    "capability_grid": "caught: 1 / 1 keys (suspect 0.97 at request 135)",
    "portuguese_german_selfinstruct": "caught: 1 / 2 keys (suspect 0.98 at request 12)",
    "json_records": "caught: 2 / 2 keys (suspect 0.99 at request 1)",
    "code_specs": "caught: 1 / 1 keys (suspect 0.92 at request 164)",
    "math_word_problems": "caught: 1 / 1 keys (suspect 0.88 at request 126)",
    "logprob_short": "caught: 1 / 1 keys (suspect 0.71 at request 172)",
    "grid_farm": "caught: 4 / 4 keys (suspect 0.97 at request 17)",
    "slow_drip": "not caught (watch 0.38)",
    "support_shaped": "not caught (watch 0.45)",
    # round 29 (first replay on 985243f's detector)
    "olympiad_coaching": "1 / 1 flagged (suspect 0.76 at request 306: templating, near-duplicates)",
    "cp_practice_site": "1 / 1 flagged (suspect 0.92 at request 252: mixed items, templating, near-duplicates)",
    "physics_homework": "0 / 1 (watch 0.43)",
    "lean_prover": "0 / 1 (watch 0.47)",
    "reasoning_benchmark": "1 / 1 flagged and blocked (block 0.99, suspect at request 133: templating backed by"
    " the learned reader's CoT reading of an answer-format line at full strength)",
    "tax_app": "0 / 1 (watch 0.44)",
    "notebook_copilot": "0 / 1 (watch 0.43)",
    "phd_student": "0 / 1 (ok 0.31)",
    "chess_explainer": "0 / 1 (watch 0.42)",
    "test_prep_solutions": "0 / 1 (ok 0.12)",
    "robotics_chat": "0 / 1 (ok 0.39)",
    "worksheet_generator": "1 / 1 flagged (suspect 0.70 at request 196: templating, mixed items)",
    "r1_math_harvest": "caught: 1 / 2 keys (suspect 0.93 at request 671)",
    "code_reasoning_harvest": "not caught (ok 0.29)",
    "rationale_distill": "not caught (`evaluation` 0.07: the given answer's 'So the answer is (d).' read as a"
    " harness's answer cue)",
    "think_tag_harvest": "caught: 2 / 2 keys (suspect 0.99 at request 48)",
    "science_mcq_harvest": "not caught (ok 0.26)",
    "slow_mixed_keys": "caught: 4 / 4 keys (suspect 0.91 at request 414)",
    "prm_critique_harvest": "caught: 1 / 1 keys (suspect 0.78 at request 3)",
    "logic_puzzle_harvest": "not caught (ok 0.31)",
    "tir_harvest": "caught: 1 / 1 keys (suspect 0.80 at request 108)",
    # round 30 (first replay on faf01cf's detector)
    "scribe_app": "1 / 1 flagged and blocked (block 0.96, suspect at request 127: mixed items, templating,"
    " instruction style, and the learned reader's grading reading of 36% of its note requests)",
    "legal_research": "0 / 1 (watch 0.40)",
    "close_assistant": "1 / 1 flagged (suspect 0.86 at request 201: templating, coverage)",
    "claims_triage": "0 / 1 (ok 0.07)",
    "hr_platform": "0 / 1 (watch 0.41)",
    "pharm_student": "0 / 1 (watch 0.41)",
    "policy_eval": "0 / 1 (ok 0.26)",
    "qbank_explanations": "0 / 1 (watch 0.44)",
    "patient_portal": "1 / 1 flagged (suspect 0.75 at request 691: mixed items, templating, coverage)",
    "standards_check": "0 / 1 (watch 0.51)",
    "pv_intake": "1 / 1 flagged (suspect 0.88 at request 41: the learned reader's data-generation reading)",
    "med_translation": "1 / 1 flagged (suspect 0.93 at request 136: templating, instruction style)",
    "medical_grid": "caught: 2 / 2 keys (suspect 0.99 at request 1)",
    "irac_harvest": "caught: 2 / 2 keys (suspect 0.84 at request 1)",
    "finance_logprobs": "caught and blocked: 1 / 1 keys (block 0.87, suspect at request 28)",
    "translation_pairs": "caught: 3 / 3 keys (suspect 0.96 at request 36)",
    "synthetic_cases": "caught: 1 / 1 keys (suspect 0.78 at request 193)",
    "fake_scribe": "caught and blocked: 2 / 2 keys (block 1.00, suspect at request 1)",
    "claims_harvest": "caught and blocked: 4 / 4 keys (block 0.89, suspect at request 1)",
    "30:slow_drip": "not caught (watch 0.35)",
    "critique_harvest": "caught and blocked: 1 / 1 keys (block 0.98, suspect at request 6)",
    # round 31 (first replay on 9a4ceb3's detector)
    "router": "0 / 1 (watch 0.36)",
    "31:browser_extension": "0 / 1 (watch 0.45)",
    "discord_bot": "0 / 1 (watch 0.38)",
    "telegram_bot": "0 / 1 (watch 0.41)",
    "slack_app": "1 / 1 flagged (suspect 0.88 at request 146: templating, coverage, instruction style)",
    "nocode_builder": "1 / 1 flagged (suspect 0.91 at request 213: templating, near-duplicates, sampling)",
    "whitelabel_chat": "0 / 1 (watch 0.40)",
    "university_gateway": "1 / 1 flagged (suspect 0.76 at request 511: coverage, templating, CoT)",
    "company_gateway": "1 / 1 flagged (suspect 0.70 at request 1,198: templating, coverage)",
    "support_platform": "0 / 1 (watch 0.43)",
    "keyboard_app": "0 / 1 (watch 0.45)",
    "voice_assistant": "0 / 1 (watch 0.42)",
    "reseller_customer": "caught: 1 / 1 keys (suspect 0.87 at request 159)",
    "bot_owner_harvest": "caught: 1 / 1 keys (suspect 0.90 at request 156)",
    "gateway_team_harvest": "caught: 1 / 1 keys (suspect 0.93 at request 847)",
    "platform_tenant_harvest": "not caught (watch 0.45)",
    "spread_harvest": "not caught: 0 / 4 keys (watch 0.42)",
    "relay_mimic": "caught: 2 / 2 keys (suspect 0.91 at request 187)",
    "extension_dev_harvest": "not caught (watch 0.45)",
    "gateway_student_harvest": "not caught (watch 0.58)",
    "whitelabel_tenant_harvest": "caught: 1 / 1 keys (suspect 0.91 at request 269)",
    # round 32 (first replay on 7282fbc's detector; eaf2810's gave the same)
    "lmeval_harness": "0 / 1 (evaluation 0.08)",
    "helm_runner": "0 / 1 (evaluation 0.00)",
    "opencompass_zh": "1 / 1 flagged (suspect 0.78 at request 487: templating, CoT, coverage)",
    "simple_evals": "1 / 1 flagged (suspect 0.99 at request 8: templating, CoT, near-duplicates)",
    "evalplus_passk": "0 / 1 (evaluation 0.19)",
    "livecodebench": "0 / 1 (watch 0.58)",
    "ci_regression": "0 / 1 (watch 0.45)",
    "bfcl_tools": "0 / 1 (watch 0.43)",
    "needle_longctx": "0 / 1 (watch 0.45)",
    "judge_openended": "1 / 1 flagged (suspect 0.82 at request 339: templating, coverage, near-duplicates)",
    "refusal_suite": "0 / 1 (watch 0.39)",
    "lighteval_multi": "0 / 1 (evaluation 0.29)",
    "harness_wrapped": "caught and blocked: 2 / 2 keys (block 0.98, suspect at request 1)",
    "generator_megabench": "caught and blocked: 1 / 1 keys (block 0.99, suspect at request 18)",
    "passk_rejection": "not caught (labelled evaluation, peak 0.36)",
    "judge_harvest": "caught and blocked: 1 / 1 keys (block 0.88, suspect at request 3)",
    "needle_docqa": "not caught (watch 0.45)",
    "ifeval_dressed": "not caught: 0 / 2 keys (watch 0.49)",
    "suite_fleet": "2 / 4 keys (1 blocked; suspect at request 8)",
    "eval_vendor": "caught: 1 / 1 keys (suspect 0.80 at request 138)",
    "exam_dressed_zh": "caught: 1 / 1 keys (suspect 0.99 at request 60)",
    # round 33 (first replay on 8fa1b43's detector)
    "parley_app": "0 / 2 (watch 0.45)",
    "dev_power_user": "0 / 1 (watch 0.43)",
    "writer_power_user": "0 / 1 (watch 0.44)",
    "consultant_es": "0 / 1 (watch 0.48)",
    "fixwell_answers": "0 / 1 (watch 0.45)",
    "homework_helper": "0 / 1 (watch 0.39)",
    "support_macros": "0 / 1 (ok 0.20)",
    "truthfulqa_mtbench": "0 / 1 (evaluation 0.12)",
    "33:company_gateway": "0 / 1 (watch 0.39)",
    "query_labelling": "1 / 1 flagged (suspect 0.66 at request 1,278: coverage, templating, near-duplicates)",
    "student_project": "1 / 1 flagged (suspect 0.96 at request 73: instruction style, mixed items, coverage)",
    "translation_app": "0 / 1 (watch 0.45)",
    "dolly_replay": "caught: 1 / 1 keys (suspect 0.98 at request 173)",
    "lima_replay": "not caught (watch 0.52)",
    "alpaca_template": "caught: 1 / 1 keys (suspect 1.00 at request 2)",
    "orca_system_prompts": "caught: 1 / 1 keys (suspect 0.99 at request 116)",
    "hermes_batch": "caught: 1 / 1 keys (suspect 0.97 at request 132)",
    "slow_pacer": "not caught (watch 0.45)",
    "hydra_medical": "caught: 10 / 10 keys (suspect 0.96, the first at request 1)",
    "33:reseller_customer": "not caught (watch 0.43)",
    "sharegpt_multiturn": "caught: 1 / 1 keys (suspect 0.86 at request 53)",
    "33:logprob_harvest": "caught: 1 / 1 keys (suspect 0.97 at request 88)",
    "34:chat_users": "0 / 22 (watch 0.12)",
    "34:quiz_writer": "0 / 1 (watch 0.45)",
    "34:dev_terminal": "0 / 1 (watch 0.45)",
    "34:research_assistant": "0 / 1 (watch 0.45)",
    "34:eval_researcher": "1 / 1 flagged (suspect 0.68 at request 4,081: harvest - AlpacaEval's weighted judge, max_tokens 1 with top_logprobs 5)",
    "34:agieval_zh_lab": "0 / 1 (ok 0.00)",
    "34:answer_box": "0 / 1 (watch 0.45)",
    "34:safety_triage": "0 / 1 (watch 0.42)",
    "34:huatuo_replay": "caught: 1 / 1 keys (suspect 0.98 at request 118)",
    "34:moss_wrapped": "caught: 1 / 1 keys (suspect 0.97 at request 183)",
    "34:belle_alpaca": "caught: 1 / 1 keys (suspect 1.00 at request 2)",
    "34:seed_expander": "caught and blocked: 1 / 1 keys (suspect at request 2)",
    "34:code_hydra": "caught: 15 / 15 keys (suspect 0.96, the first at request 1)",
    "34:casual_wrapped": "not caught (watch 0.43)",
    "34:cot_harvest": "caught: 1 / 1 keys (suspect 0.89 at request 82)",
    "34:judge_harvest": "caught and blocked: 1 / 1 keys (suspect at request 4)",
    "34:logprob_zh": "caught: 1 / 1 keys (suspect 0.77 at request 73)",
    "34:reseller_relay": "not caught (watch 0.37)",
    "35:coding_agents": "0 / 7 (peak 0.28)",
    "35:rag_sites": "1 / 2 flagged (suspect 0.83 at request 206: templating 0.46 - a retrieval prompt template around Arena first turns, with coverage and instruction style)",
    "35:tagging_job": "0 / 2 (peak 0.41)",
    "35:homework_app": "0 / 2 (peak 0.39)",
    "35:eval_lab": "0 / 4 (peak 0.48)",
    "35:translation_product": "0 / 2 (peak 0.52)",
    "35:real_heavy_users": "0 / 3 (peak 0.04)",
    "35:prompt_ab": "1 / 2 flagged (suspect 0.86 at request 122: rubric grading 0.22, templating, mixed items - the grader key judging 4 prompt versions' answers to the same items)",
    "35:traj_harvest": "caught and blocked: 3 / 3 keys (suspect 0.93, the first at request 30)",
    "35:think_harvest": "caught: 2 / 2 keys (suspect 0.99, the first at request 35)",
    "35:persona_synth": "caught: 3 / 3 keys (suspect 0.99, the first at request 2)",
    "35:med_hydra": "caught: 8 / 8 keys (suspect 0.97, the first at request 1)",
    "35:slow_paste": "not caught (peak 0.45: LIMA at ~35 a working day; coverage only)",
    "35:paraphrase_mix": "not caught (peak 0.59: ShareGPT and MOSS first turns, 60% reworded; coverage, harvest)",
    "35:logprob_harvest": "caught: 2 / 2 keys (suspect 0.77, the first at request 70)",
    "35:reseller": "caught: 3 / 3 keys (suspect 0.89, the first at request 17)",
    "36:sdk_apps": "0 / 2 (peak 0.45)",
    "36:batch_jobs": "1 / 3 flagged (suspect 0.61 at request 201: packed tasks 0.31 - a nightly query-intent labelling job sending five search queries a request under a strict JSON schema, with coverage and templating)",
    "36:monitoring": "0 / 2 (peak 0.14)",
    "36:cached_apps": "0 / 2 (peak 0.41)",
    "36:region_failover": "0 / 4 (peak 0.42)",
    "36:ci_regression": "0 / 2 (peak 0.03)",
    "36:chat_frontends": "0 / 3 (peak 0.41)",
    "36:real_heavy_users": "0 / 5 (peak 0.00)",
    "36:batch_harvest": "caught: 3 / 3 keys (suspect 0.97, the first at request 1)",
    "36:sdk_mimic": "caught: 3 / 3 keys (suspect 0.96, the first at request 29)",
    "36:failover_split": "caught: 4 / 4 keys (suspect 0.92, the first at request 16)",
    "36:canary_dilute": "not caught (peak 0.49: LIMA with a fixed one-liner probe after each item; coverage discounted by the probes' short answers)",
    "36:cache_dedup": "not caught (peak 0.53: ShareGPT and InstructionWild English first turns; coverage, harvest)",
    "36:logprob_probe": "caught: 3 / 3 keys (suspect 0.69, the first at request 64)",
    "36:cron_harvest": "caught: 3 / 3 keys (suspect 0.99, the first at request 2)",
    "36:reseller": "caught: 3 / 3 keys (suspect 0.95, the first at request 18)",
    "37:cover_letter_app": "0 / 3 (peak 0.31)",
    "37:doc_chat": "0 / 3 (peak 0.02)",
    "37:writing_helpers": "0 / 4 (peak 0.08)",
    "37:meal_planner": "0 / 2 (peak 0.39)",
    "37:telegram_bots": "0 / 4 (peak 0.17)",
    "37:learning_tools": "0 / 8 (peak 0.45)",
    "37:thesis_students": "0 / 3 (peak 0.07)",
    "37:home_assistant": "3 / 3 flagged (suspect 0.65 at request 81: foreign_history 0.56 - a tool call, its result, then the spoken answer; the replay reports the called function's name as the tool-call turn's reply, which the history's rendered call never matches)",
    "37:tryouts": "0 / 9 (peak 0.42)",
    "37:oneoff_research": "0 / 2 (peak 0.41)",
    "37:sliced_farm": "caught: 9 / 24 keys (suspect 0.79, the first at request 66)",
    "37:slow_pool": "caught: 12 / 12 keys (suspect 0.95, the first at request 1)",
    "37:wrapper_farm": "not caught (peak 0.58: ShareGPT and InstructionWild English behind ten fake apps; coverage, fan-out)",
    "37:source_rotation": "caught: 15 / 15 keys (suspect 0.98, the first at request 1)",
    "37:chat_mixers": "not caught (peak 0.46: LIMA pasted into personal chat histories; coverage)",
    "37:free_tier": "caught: 32 / 34 keys (suspect 0.96, the first at request 1)",
    "37:sql_harvest": "caught: 5 / 5 keys (suspect 0.90, the first at request 24)",
    "37:reasoning_drip": "not caught (peak 0.52: AGIEval and MOSS maths at ~4 a working day under a step-by-step system prompt)",
    "38:launch_app": "0 / 3 (peak 0.35)",
    "38:homework_seasons": "0 / 3 (peak 0.41)",
    "38:tax_season": "0 / 2 (peak 0.34)",
    "38:viral_day": "0 / 2 (peak 0.28)",
    "38:provider_migration": "0 / 2 (peak 0.44)",
    "38:prompt_rollout": "3 / 3 flagged, 2 *blocked* (block 0.98, the first suspect at request 21: cluster templating, mixed items and rubric grading - the company's grader key judging its prod key's answers, v3 against v4 and then 1-5, counted as buying grades: only a key's own served replies were reviews)",
    "38:eval_cadence": "0 / 2 (peak 0.10)",
    "38:key_handoff": "0 / 2 (peak 0.43)",
    "38:research_sweep": "0 / 3 (peak 0.53)",
    "38:support_outage": "0 / 2 (peak 0.36)",
    "38:growing_users": "0 / 6 (peak 0.22)",
    "38:turncoat_app": "caught: 1 / 1 keys (suspect 0.80 at request 514, after its ShareGPT replay began on day 24: foreign history, coverage)",
    "38:pause_resume": "caught: 2 / 2 keys (suspect 0.96, the first at request 1)",
    "38:key_rotation": "caught: 10 / 10 keys (suspect 0.97, the first at request 1)",
    "38:ramp": "caught: 2 / 2 keys (suspect 0.94, the first at request 1)",
    "38:tactic_switch": "caught: 1 / 1 keys (suspect 0.96 at request 702)",
    "38:seasonal_cover": "caught: 1 / 1 keys (suspect 0.98 at request 273)",
    "38:slow_drip": "not caught (peak 0.45: LIMA at 24 a day for six weeks in a browser chat UI; coverage)",
    "38:alternating": "caught: 1 / 1 keys (suspect 0.96 at request 373)",
    "39:xiaolu_study": "0 / 3 (peak 0.14)",
    "39:health_zh": "0 / 2 (peak 0.46)",
    "39:tertulia_discord": "0 / 1 (peak 0.03)",
    "39:mother_tongues": "0 / 13 (peak 0.00)",
    "39:linguaport": "0 / 2 (peak 0.45)",
    "39:parlo_tutor": "0 / 2 (peak 0.34)",
    "39:mercabox_support": "0 / 2 (peak 0.38)",
    "39:code_switch_devs": "3 / 3 flagged (suspect 0.90, the first at request 40: cluster mixed items and instruction style - Chinese developers asking in Chinese about MBPP tasks, read as items)",
    "39:multilingual_evals": "1 / 3 flagged (suspect 0.96 at request 939: mixed items, templating, rubric grading - the lab's judge pass over its BELLE eval answers)",
    "39:huatuo_hydra": "caught: 8 / 8 keys (suspect 0.95, the first at request 17)",
    "39:zh_chat_disguise": "caught: 2 / 2 keys (suspect 0.83, the first at request 55)",
    "39:zhongzhuan_relay": "caught: 1 / 1 keys (suspect 0.66 at request 257)",
    "39:zh_template_trickle": "caught: 1 / 1 keys (suspect 0.96 at request 113)",
    "39:en_to_zh_ja": "caught: 3 / 3 keys (suspect 0.97, the first at request 31)",
    "39:zh_in_en_out": "caught: 1 / 1 keys (blocked 0.99; suspect at request 48)",
    "39:zhixue_front": "caught: 1 / 1 keys (suspect 0.96 at request 90)",
    "39:lang_alternator": "caught: 1 / 1 keys (suspect 0.94 at request 133)",
    "39:exam_cot_zh": "not caught (peak 0.24: step-by-step Chinese answers to Gaokao, LogiQA-zh and MMLU items; CoT only)",
    "40:company_teams": "1 / 7 flagged (suspect 0.63 at request 148: instruction style, templating, mixed items - the devtools team's key)",
    "40:university_course": "0 / 36 (peak 0.09)",
    "40:hackathon": "6 / 8 flagged, 1 *blocked* (the quiz app, block 0.97 at request 50: its system prompt's 'write multiple-choice trivia questions as JSON with keys question, options and answer' named data generation; five starter-kit teams linked by the venue's sign-up network at suspect 0.89-0.91 on the pooled cluster's mixed items, templating and data generation)",
    "40:agency_clients": "0 / 4 (peak 0.41)",
    "40:desktop_byok": "0 / 6 (peak 0.25)",
    "40:ci_schedules": "0 / 5 (peak 0.21)",
    "40:eval_labs": "0 / 3 (peak 0.45)",
    "40:family_card": "0 / 3 (peak 0.20)",
    "40:disjoint_hydra": "caught: 12 / 12 keys (suspect 0.96, the first at request 63)",
    "40:signup_farm": "caught: 17 / 24 keys (suspect 0.81, the first at request 1: the cluster's fan-out)",
    "40:cron_hydra": "caught: 2 / 6 keys (suspect 0.94, the first at request 32)",
    "40:stolen_keys": "caught: 5 / 5 keys (suspect 0.98, the first at request 114)",
    "40:rotating_hydra": "caught: 10 / 10 keys (suspect 0.99, the first at request 1: linked to the rotated keys)",
    "40:two_org_collusion": "caught: 4 / 4 keys (suspect 0.84, the first at request 1)",
    "40:persona_hydra": "not caught (peak 0.35: six keys each dressed as a different benign persona around InstructionWild's English items)",
    "40:slow_hydra": "not caught (peak 0.29: ten keys, a few MOSS items a day each for four weeks)",
    "41:quillpost_seo": "0 / 3 (peak 0.48)",
    "41:shelfwise_catalog": "0 / 2 (peak 0.54)",
    "41:adspark_copy": "0 / 2 (peak 0.44)",
    "41:ledgerly_fixtures": "0 / 2 (peak 0.40: data generation, capped)",
    "41:moonbeam_stories": "0 / 2 (peak 0.25)",
    "41:cramly_flashcards": "1 / 1 flagged (suspect 0.78 at request 172: templating, coverage, near-duplicates)",
    "41:preppilot_interview": "1 / 1 flagged (suspect 0.97 at request 132: templating, mixed items - its coding rounds are MBPP problems)",
    "41:postbloom_social": "1 / 2 flagged (suspect 0.64 at request 231: templating, sampling, near-duplicates)",
    "41:digestly_newsletter": "1 / 1 flagged (suspect 0.90 at request 137: templating, instruction style)",
    "41:hollowpine_game": "0 / 2 (peak 0.59)",
    "41:cosmopedia_farm": "not caught (peak 0.59: three keys rewriting web extracts into textbook units read as a transformation app; coverage only)",
    "41:tinystories_gen": "not caught (peak 0.04: 2,400 templated children's stories, one narrow topic - templating gated off - and half of them read as evaluation items by style)",
    "41:phi_textbooks": "caught: 2 / 2 keys (suspect 1.00 at request 1)",
    "41:glan_taxonomy": "caught (suspect 1.00 at request 121)",
    "41:personahub_synth": "caught: 2 / 2 keys (suspect 0.95 at request 32)",
    "41:humpback_backtrans": "caught (suspect 0.91 at request 438)",
    "41:webinstruct_extract": "caught (suspect 0.89 at request 260)",
    "41:poser_blogtool": "not caught (peak 0.54: a fake blog tool's outline, draft and FAQ steps over InstructionWild and MOSS prompts)",
    "41:evol_code_farm": "caught: 8 / 8 keys (suspect 0.94, the first at request 7)",
    "41:mixed_content_studio": "caught (*block* 0.97, suspect at request 168: Self-Instruct generation in 12.5% of an e-learning studio's key)",
}


def named(builders) -> dict:
    return {b.__name__: b for b in builders}


def top(peak: dict[str, float], k: int = 3) -> str:
    return ", ".join(f"{n} {v:.2f}" for n, v in sorted(peak.items(), key=lambda kv: -kv[1])[:k]) or "-"


def run_group(
    title: str, builders: dict, label: str, cfg: DetectorConfig, round_no: int = 0
) -> tuple[int, int, int]:
    """Replay each persona; its FIRST_RUN row is keyed "<round>:<name>" where two rounds share a name."""
    say(f"\n== {title} ==")
    say(
        f"  {'persona':<22} {'keys':>4} {'req':>6} {'flagged':>7} {'block':>5} {'peak':>5} {'req>susp':>8}  top evidence at peak | first run"
    )
    flagged_total = keys_total = blocked_total = 0
    for name, build in builders.items():
        keys = build()
        out, _, _ = replay(keys, cfg)
        os_ = list(out.values())
        flagged = [o for o in os_ if o.caught]
        blocked = [o for o in os_ if "block" in o.verdicts]
        peak = max(os_, key=lambda o: o.max_score)
        firsts = [o.first["suspect"]["request"] for o in flagged if "suspect" in o.first]
        say(
            f"  {name:<22} {len(os_):>4} {sum(o.requests for o in os_):>6} {len(flagged):>7} {len(blocked):>5}"
            f" {peak.max_score:>5.2f} {min(firsts) if firsts else '-':>8}  {top(peak.peak)} | {FIRST_RUN.get(f'{round_no}:{name}', FIRST_RUN.get(name, '-'))}"
        )
        flagged_total += len(flagged)
        blocked_total += len(blocked)
        keys_total += len(os_)
    say(f"  {label}: {flagged_total} / {keys_total} keys reached suspect or block, {blocked_total} blocked")
    return flagged_total, keys_total, blocked_total


# (round, how it was written and first replayed, benign personas, distiller personas)
ROUNDS = [
    (
        2,
        "\nround 2: a third reviewer's personas, written after the session-14 changes and replayed"
        " once before anything was changed again (a held-out estimate for the detector of commit 699ca75)",
        round2.PERSONAS,
        round2.ATTACKS,
    ),
    (
        3,
        "\nround 3: a fourth reviewer's personas (heavy benign users and evaluators; careful distillers),"
        " written without the detector's code, docs or results and replayed once before the session-15"
        " changes (first run: the detector of commit fbfef52 with the retrained asks model)",
        named(round3.BENIGN),
        named(round3.DISTILL),
    ),
    (
        4,
        "\nround 4: a fifth reviewer's personas (heavy benign automation and evaluators; careful distillers),"
        " written without the detector's code, docs or results and replayed once before the session-16"
        " change (first run: the detector of commit 6ce4234)",
        named(round4.BENIGN),
        named(round4.DISTILL),
    ),
    (
        5,
        "\nround 5: a sixth reviewer's personas (tool agents, structured extraction, a shared lab key,"
        " logprob scoring, long contexts; tool-call, JSON, long-document, system-prompt CoT, rotating"
        " and n=8 harvests), written blind and replayed once before the session-16 repeat change"
        " (first run: the detector of commit 1e0058a)",
        named(round5.BENIGN),
        named(round5.DISTILL),
    ),
    (
        6,
        "\nround 6: a seventh reviewer's personas (a voice assistant, localisation, a quiz maker, a"
        " multi-tenant support platform, coding agents, essay feedback; slow wide, paraphrase-first,"
        " fake-app, grounded-QA, sparse-logprob and preference harvests), written blind and replayed"
        " once before any change (first run: the detector of commit 4639221)",
        named(round6.BENIGN),
        named(round6.DISTILL),
    ),
    (
        7,
        "\nround 7: an eighth reviewer's personas (disguised and role-play distillers, mixed personal"
        " histories, a reseller, a slow four-key disguise; chatty heavy users, homework, support and"
        " writing copilots, teacher tools), written blind and replayed once before any change (first"
        " run: the detector of commit 4c4cce3)",
        named(round7.BENIGN),
        named(round7.DISTILL),
    ),
    (
        8,
        "\nround 8: a ninth reviewer's personas (a catalogue copy app, a query rewriter, contract review,"
        " a benchmark builder, a language tutor, a code-review bot; multilingual reasoning, agent"
        " trajectory, eval-harness mimic, sub-question split, self-chat and critique/revise harvests),"
        " written blind and replayed once before any change (first run: the detector of commit e0fec51)",
        named(round8.BENIGN),
        named(round8.DISTILL),
    ),
    (
        9,
        "\nround 9: a tenth reviewer's personas (an image-prompt expander, a role-play front end, a Spanish"
        " heavy user, a researcher's own instruction-following suite, a company chat UI, an SEO article"
        " pipeline; self-instruct from own seeds, Persona-Hub questions, OSS-Instruct, own maths traces at"
        " n>1, a 118-day slow harvest, a three-key split by domain), written blind and replayed once"
        " before any change (first run: the detector of commit 0914a73)",
        named(round9.BENIGN),
        named(round9.DISTILL),
    ),
    (
        10,
        "\nround 10: an eleventh reviewer's personas (a BI text-to-SQL assistant, a listwise reranker, a"
        " Discord community bot, a bedtime-story app, a contamination study, a deep-research agent;"
        " Reflection-style recycling, Magpie pre-query, Baize self-chat transcripts, Cosmopedia"
        " textbooks over two keys, Humpback back-translation, a two-key safety-behaviour harvest),"
        " written blind and replayed once before any change (first run: the detector of commit 390a32c)",
        named(round10.BENIGN),
        named(round10.DISTILL),
    ),
    (
        11,
        "\nround 11: a twelfth reviewer's personas (chat-analytics facets over real conversations, a weekend"
        " docstring codemod, a multi-agent debate study, a router's escalations, a clinic inbox triage, a"
        " nightly RAG judge; WizardCoder-style code Evol-Instruct, a five-key cron-synchronised fleet, IDE-seat"
        " code harvest over three keys, AgentWrite long-output harvest over two keys, on-policy prefix"
        " continuation with logprobs, an app's nightly replay of its own users' conversations), written blind"
        " and replayed once before any change (first run: the detector of commit 02e2a36)",
        named(round11.BENIGN),
        named(round11.DISTILL),
    ),
    (
        12,
        "\nround 12: a thirteenth reviewer's personas (a Chinese photo-search homework app, a newsroom fact-check"
        " tool, an e-discovery privilege review, CV screening, contact-centre wrap-up notes, a course's essay"
        " autograder; labels harvested through an annotation front, a three-key translation-pair harvest, a"
        " JudgeLM-style judge harvest, few-shot completions, a listwise reranker harvest, contrastive preference"
        " pairs over two keys), written blind and replayed once before any change (first run: the detector of"
        " commit b4d67cc)",
        named(round12.BENIGN),
        named(round12.DISTILL),
    ),
    (
        13,
        "\nround 13: a fourteenth reviewer's personas (heavy individual users: a novelist iterating on scenes, a"
        " PhD student's single-turn questions, an IDE plugin with file context, a trader's hotkey questions;"
        " evaluators of suites nobody ships: its own multilingual reasoning suite, public items in new formats;"
        " distillers that look like ordinary traffic: a paced replay of real users' first turns, a four-key"
        " instruction-set shard split, items among real chats, 'explain thoroughly' suffixes, a multilingual"
        " harvest, a low-and-slow week), written blind and replayed once before any change (first run: the"
        " detector of commit 16c9dd3)",
        named(round13.BENIGN),
        named(round13.DISTILL),
    ),
    (
        14,
        "\nround 14: a fifteenth reviewer's personas (legitimate heavy automation: a structured-extraction"
        " pipeline, a RAG answer engine, a coding agent company, an annotation team labelling public prompts,"
        " an edtech worked-solutions app, a safety researcher's probes; adaptive distillers: rule-paraphrased"
        " items, items behind a RAG wrapper, a style-mimicking chat user, a 40-key slow hydra, varied reasoning"
        " requests, 30% items in an app's stream), written blind and replayed once before any change (first"
        " run: the detector of commit 8ba83e1)",
        named(round14.BENIGN),
        named(round14.DISTILL),
    ),
    (
        15,
        "\nround 15: a sixteenth reviewer's personas (heavy benign automation and evaluation: a moderation"
        " vendor's fixed template over real posts, an OPRO replication, a DSPy MIPRO compile, an arena-style"
        " relay, a course's shared key on public benchmark slices, a game studio's NPC lines, a bank's"
        " simulated-customer QA; adaptive distillers: batch-packed tasks, reasoning as a JSON field, a"
        " DSPy look-alike over a large instruction set, items inside an arena's real battles, a curriculum"
        " of escalating follow-ups, long sessions packing many items), written blind and replayed once"
        " before any change (first run: the detector of commit 6561db3)",
        named(round15.BENIGN),
        named(round15.DISTILL),
    ),
    (
        16,
        "\nround 16: a seventeenth reviewer's personas (the labs' 2026 distillation fingerprints: benign, a"
        " start-up's nightly LLM-as-judge runs with per-prompt rubrics on four keys of one organisation, a"
        " CoT-faithfulness lab, an insurer's 24 keys behind one gateway firing scheduled jobs together, a"
        " 48-account course cohort on one campus network, fan-out translation, a four-week drift monitor,"
        " a labelling vendor's packs; distillers, reasoning reconstruction behind stored answers, this"
        " model as an RL reward model over 10 accounts, a relay of 32 bought accounts mixing real"
        " customers and a distiller, 22 narrow-capability accounts in ten time zones, agent-CLI accounts"
        " over four weeks, a browser farm synchronised to a scheduler), written blind and replayed once"
        " before any change (first run: the detector of commit febfd7a)",
        named(round16.BENIGN),
        named(round16.DISTILL),
    ),
    (
        17,
        "\nround 17: an eighteenth reviewer's personas (a graded detector exploited: benign, a help-centre"
        " RAG assistant, JSON tagging of a public item bank, a support bot backend, a benchmark maintainer"
        " on two keys, a template A/B test over fixed real prompts, a labelling batch, a messaging bot;"
        " distillers, harvests dressed as evaluation runs, as support/document/patient-portal apps and as"
        " template A/B tests, a months-long trickle on four keys, items as later chat turns, code items"
        " dressed as a pass@k benchmark), written blind and replayed once before any change (first run:"
        " the detector of commit fe9a021)",
        named(round17.BENIGN),
        named(round17.DISTILL),
    ),
    (
        18,
        "\nround 18: a nineteenth reviewer's personas (agentic and tool-using traffic, multi-tenant"
        " platforms: benign, a cloud coding agent for ~140 organisations, an AI browser's agent mode, a"
        " company's chat gateway for ~2,400 employees, direct-message translation, an AI firewall"
        " classifying with logprobs, contextual-retrieval indexing of forum threads, a MOOC's teaching"
        " assistant over MBPP and HumanEval; distillers, agent trajectories through simulated tools, a"
        " self-instruct loop on two keys, items dressed as translation and labelling jobs, an agent"
        " platform's own harvest as one tenant, reasoning through a forced think tool, 30 throwaway"
        " accounts behind proxies), written blind and replayed once before any change (first run: the"
        " detector of commit d95b7ef)",
        named(round18.BENIGN),
        named(round18.DISTILL),
    ),
    (
        19,
        "\nround 19: a twentieth reviewer's personas (non-English and regional traffic, batch-style APIs:"
        " benign, a Chinese consumer chat app, a Saudi operator's Arabic customer service in Ramadan, a"
        " Chinese online-consultation platform, an Indonesian marketplace's nightly batch files, a Seoul"
        " lab's multilingual evaluation on two keys, a German plain-language and translation service, an"
        " Indian farmers' voice bot; distillers, Chinese items reworded by rule on three keys, an"
        " overnight batch harvest with top_logprobs, items part-translated on three keys, a clinical"
        " decision-support vendor's case JSON on three keys, step-by-step answers in each item's language"
        " on four regional keys, items as suggestion-chip conversations), written blind and replayed once"
        " before any change (first run: the detector of commit 02a2738)",
        named(round19.BENIGN),
        named(round19.DISTILL),
    ),
    (
        20,
        "\nround 20: a twenty-first reviewer's personas (organisations with many keys, account farms:"
        " benign, a software company's 42 developer keys, a course's 60 student keys, an ISV's 50 tenant"
        " sub-keys, a hackathon's 84 short-lived keys, a CI fleet's 28 per-repository keys, a research"
        " consortium's 15 keys on one protocol, an agency's 26 per-client keys; distillers, 120 small"
        " accounts behind residential proxies, a worker rotating through six accounts, 27 keys each on one"
        " topic slice, an insider on his own and six dormant colleague keys, 101 keys appearing daily over"
        " 24 days, 40 keys sharing nothing but the data), written blind and replayed once before any"
        " change (first run: the detector of commit e8f6637)",
        named(round20.BENIGN),
        named(round20.DISTILL),
    ),
    (
        21,
        "\nround 21: a twenty-second reviewer's personas (keys whose behaviour changes over time: benign, a"
        " consumer assistant replaying its exported production log once while migrating here, then"
        " shadow, canary and live traffic; an app's launch and viral spike; a tutoring app in exam"
        " season; a platform key rotated mid-day after a leak; a prototype key that becomes the"
        " production key; a researcher's chat key that runs all of MMLU one night; a lab's shared key"
        " over a semester; distillers, a sleeper account's one-night harvest after weeks of chat, a"
        " harvest whose daily quota grows 14% a day, a resold key harvested beside its owner's bot, a"
        " harvest dressed as a provider-migration evaluation, keys rotated every Monday like a security"
        " policy, bursts that pause for days and resume), written blind and replayed once before any"
        " change (first run: the detector of commit d3013f1)",
        named(round21.BENIGN),
        named(round21.DISTILL),
    ),
    (
        22,
        "\nround 22: a twenty-third reviewer's personas (benign, LLM-tooling vendors as heavy customers: a"
        " prompt-regression platform's nightly suites with rubric graders, an observability company's"
        " evaluators over customers' traces, an evaluation-as-a-service vendor, a company generating"
        " training data for its own classifiers, a red-teaming service, a labelling vendor's pre-labels,"
        " a fine-tuning platform's sandbox; distillers designed from docs/detector.md alone: real"
        " conversations replayed with our answers threaded, reasoning with boxed answers under benchmark"
        " cover, 2-4 items bundled per message, Chinese items with fixed follow-ups, 15 keys on a stock"
        " SDK fingerprint, answers then 'audited' with quotes), written blind to the code and results"
        " and replayed once before any change (first run: the detector of commit 363d830)",
        named(round22.BENIGN),
        named(round22.DISTILL),
    ),
    (
        23,
        "\nround 23: a twenty-fourth reviewer's personas (single-capability distillation against"
        " single-feature production apps: benign, a memory summariser, a community's post classifier, a"
        " translate button, an explain-this-code button, a search query rewriter, product copy for"
        " merchants, a rephrase button; distillers harvesting one task each: document summaries, safety"
        " labels on two unlinked keys, Chinese-English medical translation pairs, code explanations as a"
        " documentation app, maths rationales as a homework app, query rewrites by a nightly cron),"
        " written blind to the detector's code, docs and results and replayed once before any change"
        " (first run: the detector of commit e67e1c7)",
        named(round23.BENIGN),
        named(round23.DISTILL),
    ),
    (
        24,
        "\nround 24: a twenty-fifth reviewer's personas (shared and mixed-use keys: benign, one key each of"
        " a university lab, a 36-hour hackathon, a small agency's staff and client automations, a"
        " company's LLM gateway, an open-source project's bots and CI suites, a classroom, an"
        " annotation-assist study; distillers hiding harvests in such keys: an employee's night harvest"
        " through a gateway, a start-up interleaving one harvest job per three product requests, a lab"
        " member's five-week replay between classmates' traffic, a hackathon team harvesting on the"
        " event key afterwards, an outsourcer routing items over four client organisations' keys, sock"
        " puppets posting items to a hobbyist's Discord bot), written blind to the detector's code, docs"
        " and results and replayed once before any change (first run: the detector of commit 2a61613)",
        named(round24.BENIGN),
        named(round24.DISTILL),
    ),
    (
        25,
        "\nround 25: a twenty-sixth reviewer's personas (long-context traffic: benign, a contract-review app,"
        " a codebase assistant sending whole files and diffs, a filings analyst tool, a companion chat"
        " re-sending a 30,000-character history, a meeting summariser, a many-shot query router with 250-320"
        " labelled examples in every prompt, a long-context benchmark run; distillers: a long-document QA"
        " harvest, items inside one fixed 12,500-character handbook, many-shot packs of items with stored"
        " answers, fabricated histories grown one item per request, code items inside made-up repositories,"
        " imported long conversations regenerated deep in their second half), written blind to the"
        " detector's code, docs and results and replayed once before any change (first run: the detector of"
        " commit 76dd85d)",
        named(round25.BENIGN),
        named(round25.DISTILL),
    ),
    (
        26,
        "\nround 26: a twenty-seventh reviewer's personas (the ordinary population: benign, 32 one-key customers"
        " at ordinary volumes - API tryouts, hobby crons, small SaaS features (summaries, ticket labels,"
        " rephrasing, receipts, support drafts, recipes), homework and quiz scripts, evaluators of one to"
        " three public suites, chat front ends relaying real users, a Slack bot, an agent developer, real"
        " oasst2 users; distillers: a plain replay, a templated replay in English and Chinese, self-instruct,"
        " a 15-key hydra of disjoint slices, chatter-dressed items, logprob, chain-of-thought and slow"
        " two-week harvests), written blind to the detector's code, docs and results and replayed once"
        " before any change (first run: the detector of commit 7a1e788)",
        named(round26.BENIGN),
        named(round26.DISTILL),
    ),
    (
        27,
        "\nround 27: a twenty-eighth reviewer's personas (published data-generation pipelines run as published,"
        " and the teams that run the same open-source tooling on their own data: benign, RAGAS test-set"
        " generation and metrics over a fintech's help articles, DeepEval in CI, promptfoo suites and a"
        " red-team run, LangSmith online evaluators, distilabel labelling support tickets,"
        " lm-evaluation-harness, an insurer's persona simulator, synthetic messages for an own intent"
        " classifier, Guardrails validators, a boxed-answer maths evaluation; distillers, Orca system"
        " messages over FLAN-style items on two keys, Evol-Instruct, WizardCoder evolution, Magpie through"
        " distilabel, UltraChat's two-key self-chat, MetaMath bootstrapping, Genstruct document QA,"
        " UltraFeedback generation and ratings on two keys, R1-style reasoning harvests on three keys, CAMEL"
        " role-play), written blind to the detector's code, docs and results and replayed once before any"
        " change (first run: the detector of commit 4ccbe89)",
        named(round27.BENIGN),
        named(round27.DISTILL),
    ),
    (
        28,
        "\nround 28: a twenty-ninth reviewer's personas (content from outside the development data: most"
        " prompts generated by the reviewer's own grammars and generators, in seven languages; benign, a"
        " webshop's product copy from its own catalogue, UI localisation into 12 languages, a bank's dispute"
        " summaries, a game studio's NPC dialogue, a school's maths tutoring app, a JSON data-cleaning"
        " pipeline, unit-test generation over an own codebase, a French power user, a nightly self-written"
        " puzzle evaluation, A/B marketing copy, a consultancy's chat and a course assistant over MBPP"
        " exercises; distillers, a hand-written capability grid, Portuguese and German self-instruct on two"
        " keys, JSON record extraction and generation on two keys, code specs from a grammar, maths word"
        " problems with n=4, short-prompt logprob harvesting, a four-account grid farm, a slow evening drip"
        " over three weeks, and a support-bot-shaped harvest over invented tickets on two keys), written"
        " blind to the detector's code, docs and results and replayed once before any change (first run:"
        " the detector of commit 554c271)",
        named(round28.BENIGN),
        named(round28.DISTILL),
    ),
    (
        29,
        "\nround 29: a thirtieth reviewer's personas (the reasoning-model era, content mostly from the"
        " reviewer's own generators; benign, an olympiad coaching platform, a programming-practice site's"
        " explain-my-wrong-answer button, a physics homework helper, a Lean 4 proof-search loop, a lab's"
        " nightly benchmark of its own problems with a reasoning_effort x seed sweep, a tax app's step-by-step"
        " calculator, a notebook copilot, a maths PhD student, a chess and Sudoku explainer, a test-prep"
        " publisher's worked solutions, a robotics firm's chat and a worksheet generator; distillers, an"
        " R1-style long-CoT maths harvest on two keys, code reasoning with tests and repair turns, rationales"
        " for given answers, <think>-tag and `reasoning` harvests on two keys, science MCQ with explanations,"
        " four slow mixed keys over three weeks, process-reward critiques, logic puzzles on two keys and"
        " tool-integrated reasoning), written blind to the detector's code, docs and results and replayed once"
        " before any change (first run: the detector of commit 985243f)",
        named(round29.BENIGN),
        named(round29.DISTILL),
    ),
    (
        30,
        "\nround 30: a thirty-first reviewer's personas (vertical domains - medicine, law, finance, insurance,"
        " HR, pharmacovigilance, engineering - content mostly from the reviewer's own generators; benign, a"
        " clinical-documentation app, a law firm's research tool, a month-end close assistant, an insurer's"
        " nightly claims triage, an HR platform, a pharmacy student cramming, a bank's nightly regression of"
        " its own policy assistant, an exam-prep company's explanations for its own question bank, a"
        " multilingual patient portal, an engineering firm's standards checks, pharmacovigilance intake and a"
        " medical translation plugin; distillers, a specialty x task x level medical-QA grid on two keys, IRAC"
        " legal reasoning on two keys, finance calculations with logprobs, domain translation pairs on three"
        " keys, synthetic patient cases, a fake documentation app on two keys, a four-key claims harvest, a"
        " slow regulatory drip over three weeks and critique-and-rewrite of a small model's drafts), written"
        " blind to the detector's code, docs and results and replayed once before any change (first run: the"
        " detector of commit faf01cf)",
        named(round30.BENIGN),
        named(round30.DISTILL),
    ),
    (
        31,
        "\nround 31: a thirty-second reviewer's personas (aggregators and mixtures: keys that relay many end"
        " users; benign, a model router, a browser extension, Discord, Telegram and Slack bots, a no-code app"
        " builder, a white-label chat vendor, a university gateway, a company gateway, a multi-tenant support"
        " platform, a keyboard's rewrite button and a smart speaker; distillers, each a minority of such a"
        " key's traffic or a mimic of one - a reseller's customer (15%), a bot owner's nightly harvest (30%), a"
        " gateway's ML team (5%), a support tenant's generated tickets (50%), one harvest over four resellers"
        " (10-30%), a relay mimic on two keys, an extension developer's presets (10%), a student replaying"
        " conversations (15%), a white-label tenant (49%)), written blind to the detector's code, docs and"
        " results and replayed once before any change (first run: the detector of commit 9a4ceb3)",
        named(round31.BENIGN),
        named(round31.DISTILL),
    ),
    (
        32,
        "\nround 32: a thirty-third reviewer's personas (evaluation from suites nobody holds, and harvests"
        " dressed as evaluation; benign, runs in the formats of lm-evaluation-harness, HELM, OpenCompass,"
        " simple-evals, evalplus, LiveCodeBench, a CI regression suite, BFCL, needle-in-a-haystack, an"
        " MT-Bench-style judge, a refusal suite and lighteval, over the reviewer's own generated items;"
        " distillers, instruction-set items in harness wrappers on two keys, a generated mega-benchmark with"
        " long worked answers, pass@k rejection sampling over its own stubs, a judge pipeline harvesting"
        " critiques and rewrites, LIMA questions as needle-document QA, IFEval-style constraints around"
        " InstructionWild on two keys, a four-key one-suite fleet, an eval vendor's key with a distilling"
        " customer (20%), BELLE dressed as a Chinese exam), written blind to the detector's code, docs and"
        " results and replayed once before any change (first run: the detector of commit 7282fbc)",
        named(round32.BENIGN),
        named(round32.DISTILL),
    ),
    (
        33,
        "\nround 33: a thirty-fourth reviewer's personas (the plain cases, written by people who never saw"
        " this detector; benign, a chat app's backend relaying Arena, oasst2 and hh-rlhf users and its staging"
        " key, three heavy users (a developer, a journalist, a Spanish consultant), a Q&A site's AI-answer"
        " button, a homework app, a support team's macros, a TruthfulQA and MT-Bench run, a company gateway, a"
        " query-labelling job with one JSON template, a student's 300 CodeAlpaca items, a translation app;"
        " distillers, generated Dolly-style items, a LIMA replay with re-asks, an Alpaca template over"
        " CodeAlpaca and BELLE, Orca system prompts over FLAN-style tasks, an OpenHermes-like batch mixture,"
        " a month-long slow pacer over InstructionWild and LIMA, a ten-key Huatuo hydra, a reseller's"
        " customer (25%), ShareGPT conversations replayed turn by turn, logprob harvesting at T 1), written"
        " blind to the detector's code, docs and results and replayed once before any change (first run:"
        " the detector of commit 8fa1b43)",
        named(round33.BENIGN),
        named(round33.DISTILL),
    ),
    (
        34,
        "\nround 34: a thirty-fifth reviewer's personas (the issue's own list, built as an API owner's held-out"
        " judge would; benign, 22 ordinary chat users (oasst2 users at their real times, Arena and hh-rlhf"
        " users), three power users at ~350 questions a day, an evaluation researcher (MMLU, AGIEval, HumanEval"
        " raw on completions greedy and pass@10, MBPP, AlpacaEval with a weighted judge), a second lab's"
        " AGIEval Chinese run, an answer box relaying real first turns, a nightly safety-triage JSON job;"
        " distillers, a Huatuo plain replay, MOSS in one fixed wrapper, BELLE through the completions endpoint"
        " in the Alpaca template, self-instruct meta-prompts, a 15-key CodeAlpaca hydra, LIMA dressed in casual"
        " chatter, a chain-of-thought harvest at n=4, a rubric-judge harvest, Chinese logprob harvesting, a"
        " reseller relaying real users with 15% distillation), written blind to the detector's code, docs and"
        " results and replayed once before any change (first run: the detector of commit 022334c)",
        named(round34.BENIGN),
        named(round34.DISTILL),
    ),
    (
        35,
        "\nround 35: a thirty-sixth reviewer's personas (2026's API customers and distillers who imitate them;"
        " benign, coding agents with tool results, two RAG sites quoting retrieved documents, a JSON tagging"
        " job, a homework app, an evaluation lab with a judge model, BBH on completions and MMLU scored by"
        " logprobs, a translation product, oasst2's three heaviest users at their real times, a prompt A/B team"
        " and its grader; distillers, an agent-trajectory harvest through tool calls, a <think> reasoning"
        " harvest, persona-driven synthesis, an 8-key medical hydra sharing one client fingerprint, a slow"
        " human-paced LIMA paste, a paraphrase mix, logprob harvests, a reseller at 10/20/30% distillation),"
        " written blind to the detector's code, docs and results and replayed once before any change (first"
        " run: the detector of commit 3d2c3af)",
        named(round35.BENIGN),
        named(round35.DISTILL),
    ),
    (
        36,
        "\nround 36: a thirty-seventh reviewer's personas (operations and infrastructure; benign, SDK clients"
        " with timeouts and retries, nightly batch labelling and summarising jobs, a synthetic monitor and a k6"
        " load test, a companion app and an ask box behind caches, one company's regional keys with a failover"
        " and a rotation, promptfoo-style CI regression with its rubric grader, chat front ends with n and seeds,"
        " oasst2's five heaviest users; distillers, Huatuo through a batch runner, CodeAlpaca through an SDK mimic"
        " with retries, MOSS split over four failover keys, LIMA diluted by canary probes, ShareGPT and"
        " InstructionWild through a caching proxy, Chinese logprob probes every 90 s, a cron harvest of BELLE, Orca"
        " and Evol-Instruct, a reseller at 15/20/25% distillation), written blind to the detector's code, docs and"
        " results and replayed once before any change (first run: the detector of commit a68b888)",
        named(round36.BENIGN),
        named(round36.DISTILL),
    ),
    (
        37,
        "\nround 37: a thirty-eighth reviewer's personas (the long tail at low volume; benign, a cover-letter app"
        " with its dev and staging keys, chat-with-PDF tools, an email-reply add-on and writing helpers, a meal"
        " planner on a JSON schema, four hobby Telegram bots, a flashcard app and an explain-selection extension,"
        " thesis students, three Home Assistant households, day-long tryouts and hackathon teams, one-off MT-Bench"
        " and TruthfulQA runs; distillers over 114 small keys, a CodeAlpaca farm in slices with independent"
        " fingerprints, a slow Huatuo pool, a farm of fake wrapper apps, weekly source rotation, LIMA pasted into"
        " personal chats, 34 free-tier trial keys used for their quota, a SQL harvest, a step-by-step reasoning"
        " drip), written blind to the detector's code, docs and results and replayed once before any change"
        " (first run: the detector of commit 43b8a10)",
        named(round37.BENIGN),
        named(round37.DISTILL),
    ),
    (
        38,
        "\nround 38: a thirty-ninth reviewer's personas (change over time, six weeks; benign, a solo developer's"
        " app from tests to a launch spike, a homework app's exam seasons on three keys, a tax assistant towards"
        " its deadline, two viral days, a provider migration replaying its prompt library, a prompt rollout with"
        " an A/B test and a grader, an evaluation cadence that grows after a model release, a key handed to"
        " another team, a lab's one-off BBH sweep, a support bot after an outage, six users whose use changes;"
        " distillers, a genuine chat app turned ShareGPT harvester, CodeAlpaca paused and resumed in chat shape,"
        " Huatuo on a new key every three days, a ramp from a trickle, a tactic switch, BELLE items inside a"
        " homework app's exam surge, a six-week LIMA drip, alternating sources), written blind to the"
        " detector's code, docs and results and replayed once before any change (first run: the detector of"
        " commit e6604d7, unchanged since 43b8a10)",
        named(round38.BENIGN),
        named(round38.DISTILL),
    ),
    (
        39,
        "\nround 39: a fortieth reviewer's personas (beyond English; benign, a Chinese study app with its dev key and a"
        " teachers' form, a Chinese health-consultation app and a medical student's case questions, a Mexican"
        " community's Discord bot, thirteen oasst2 users each in their own language, a translation product's"
        " nightly JSON job and translate button, a language tutor, a Spanish/English support desk, Chinese"
        " developers asking about MBPP tasks, multilingual evaluation labs (JEC-QA, BELLE's eval set with a judge,"
        " TruthfulQA in Chinese, M-IFEval); distillers, a Huatuo hydra on eight keys, Chinese ShareGPT at a"
        " person's pace, a reseller's nightly Chinese harvest under its customers' chats, a templated Chinese"
        " trickle, English items asked in Chinese and in Japanese, Chinese items answered in English, a fake"
        " Chinese app, strictly alternating languages, step-by-step Chinese exam answers), written blind to the"
        " detector's code, docs and results and replayed once before any change (first run: the detector of"
        " commit 90f84f8, unchanged since 43b8a10)",
        named(round39.BENIGN),
        named(round39.DISTILL),
    ),
    (
        40,
        "\nround 40: a forty-first reviewer's personas (many accounts; benign, a company's seven team keys on one"
        " account, a university course of 36 students' keys sending the same handout and questions, a hackathon's"
        " keys made on the venue Wi-Fi, an agency's four client keys, six unrelated users of one desktop app's"
        " bring-your-own-key client, five unrelated CI projects on synchronised cron times, three evaluation labs"
        " running IFEval, a family sharing a card; distillers, a 12-key disjoint-prompt CodeAlpaca hydra, a 24-key"
        " sign-up farm, a six-key hydra sharing only a scheduler, a harvest inside five stolen keys, a key rotated"
        " every 100 requests, two colluding organisations, a six-key hydra whose keys imitate benign personas, a"
        " slow ten-key hydra over four weeks), written blind to the detector's code, docs and results and replayed"
        " once before any change (first run: the detector of commit d0c3e36, unchanged since 6f7e198)",
        named(round40.BENIGN),
        named(round40.DISTILL),
    ),
    (
        41,
        "\nround 41: a forty-second reviewer's personas (content generation at scale; benign, an SEO content SaaS's"
        " article pipeline, agency bulk queue and staging keys, a Shopify listing writer's nightly JSON-schema batch and"
        " editor buttons, an ad-copy tool's n=3-5 variants, an invoicing SaaS's synthetic test fixtures from CI and"
        " engineers, a bedtime-story app for 170 families, a study app turning notes and SAT/LSAT passages into"
        " flashcards and quizzes, an interview-prep site with mock interviews and coding rounds, a social-media"
        " scheduler's weekly plans and greeting cards, a newsletter summariser's morning digests, a game studio's barks,"
        " item text and nightly localisation; distillers, a three-key Cosmopedia-style textbook farm on web extracts,"
        " TinyStories-style stories, phi-style textbook sections and exercises, GLAN taxonomy-to-homework generation,"
        " PersonaHub text-to-persona and persona-to-data synthesis, Humpback instruction backtranslation with"
        " self-rating, WebInstruct Q/A extraction and rewriting, a fake blog-writing SaaS, a slow eight-key Evol-Instruct"
        " code farm, Self-Instruct generation hidden in an e-learning studio's key), written blind to the detector's"
        " code, docs and results (its writer's grep of this file printed round 40's first-run notes; nothing was"
        " designed from them) and replayed once before any change (first run: the detector of commit db9736d,"
        " whose assessments are those of 9c7c91e)",
        named(round41.BENIGN),
        named(round41.DISTILL),
    ),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE / "results" / "detector_blind.txt"))
    ap.add_argument(
        "--rounds",
        default="",
        help="comma-separated round numbers to replay (1 = apps.py and attacks.py); default: all",
    )
    a = ap.parse_args()
    only = {int(r) for r in a.rounds.split(",") if r.strip()}
    if not apps.TRAFFIC.is_dir():
        sys.exit(f"traffic folder not found: {apps.TRAFFIC}")
    t0 = time.perf_counter()
    header("bench/detector_blind.py")
    cfg = DetectorConfig(seed=0)
    say(
        "detector: Detector(DetectorConfig(seed=0)), one fresh detector per persona; 'flagged' = suspect or block"
    )
    if not only or 1 in only:
        run_group("benign production clients (bench/blind/apps.py)", apps.PERSONAS, "benign", cfg)
        run_group("distiller scripts (bench/blind/attacks.py)", attacks.ATTACKS, "distiller", cfg)
    for n, intro, benign, distill in ROUNDS:
        if only and n not in only:
            continue
        say(intro)
        run_group(f"round {n} benign clients (bench/blind/round{n}.py)", benign, "benign", cfg, n)
        run_group(f"round {n} distillers (bench/blind/round{n}.py)", distill, "distiller", cfg, n)
    say(f"\nbench wall time {time.perf_counter() - t0:.0f} s; load average at end {os.getloadavg()[0]:.2f}")
    Path(a.out).write_text("\n".join(LINES) + "\n")
    say(f"wrote {a.out}")


if __name__ == "__main__":
    main()
