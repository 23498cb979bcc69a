"""The fixed texts distiller personas wrap around dataset items, one set per split.

Written for this benchmark (not copied from any pipeline) and fixed before any tuning. TUNE and
VAL use different wordings of the same behaviour, so a detector that memorised the TUNE wording
of a wrapper or meta-prompt shows it on VAL. The TUNE fixed wrapper is the one issue #13 quotes.
"""

from __future__ import annotations

WRAPPER = {
    "tune": "Here is a task: {item}\nAnswer thoroughly.",
    "val": "Task:\n{item}\n\nPlease give a complete, detailed answer.",
}

# Completions-endpoint prompt formats (instruction-tuning formats a distiller would reuse).
COMPLETION = {
    "tune": "### Instruction:\n{instruction}\n\n{input_block}### Response:\n",
    "val": "USER: {instruction}{input_block}\nASSISTANT:",
}
COMPLETION_INPUT = {"tune": "### Input:\n{input}\n\n", "val": "\n\n{input}"}
COMPLETION_STOP = {"tune": ["###"], "val": ["USER:"]}

# Self-instruct-style data generation: make N new tasks from a few seed tasks.
GENERATE = {
    "tune": (
        "Come up with {n} diverse task instructions for training an AI assistant. Vary the verbs, the "
        "topics and the kind of task (open questions, classification, editing, writing, coding, maths). "
        "Each instruction should be one or two sentences that a language model can answer without "
        "browsing. Where a task needs an input, add a realistic input of under 100 words.\n\n"
        "Here are some examples:\n{seeds}\n\nList of {n} new tasks:\n{next}."
    ),
    "val": (
        "I'm building an instruction-tuning dataset. Write {n} new user requests that differ from each "
        "other in topic, format and difficulty. Use the examples below only as a style reference and do "
        "not copy them.\n\nExamples:\n{seeds}\n\nReturn the new requests as a numbered list starting at {next}."
    ),
}
GENERATE_STOP = {"tune": ["\n21", "21."], "val": None}

# Evol-Instruct-style rewriting of one item into a harder one.
EVOLVE = {
    "tune": (
        "Rewrite the following prompt into a more complex version that is harder for AI systems to "
        "handle but still reasonable and understandable by humans. {method} Keep the rewritten prompt "
        "within 30 extra words.\n\nOriginal prompt:\n{item}\n\nRewritten prompt:"
    ),
    "val": (
        "Make this instruction more challenging. {method} The result must stay answerable and must not "
        "mention that it was rewritten.\n\n<instruction>\n{item}\n</instruction>\n\nOutput only the new "
        "instruction."
    ),
}
EVOLVE_METHODS = {
    "tune": (
        "Add one more constraint or requirement.",
        "Replace general concepts with more specific ones.",
        "If it can be solved with a few simple steps, make it require multiple reasoning steps.",
        "Increase the depth and breadth of the inquiry.",
        "Create a brand-new prompt in the same domain that is rarer and longer-tailed.",
    ),
    "val": (
        "Introduce an extra condition the answer must satisfy.",
        "Make the scenario concrete with names, numbers and details.",
        "Require the answer to compare at least two alternatives.",
        "Turn it into a multi-part problem where each part builds on the previous one.",
        "Write a new, less common instruction on the same subject instead.",
    ),
}

# Chain-of-thought elicitation: TUNE uses the Orca system prompt stored with orca_dpo_pairs rows.
COT_SYSTEMS = {
    "tune": (),  # taken from the rows' `system` field
    "val": (
        "You are a careful assistant. Before answering, reason through the problem step by step and "
        "show all of your reasoning, then give the final answer.",
        "Explain your thinking in detail as you work toward the answer, as if teaching a student.",
        "You are an expert tutor. Break every task into small steps, justify each one, and only then "
        "state the answer.",
        "Always think aloud: write out your full chain of reasoning before the final answer.",
    ),
}
COT_TRIGGER = {"tune": " Let's think step by step.", "val": "\n\nWork through it step by step."}

# Rubric grading / model-as-judge over a stored answer.
JUDGE = {
    "tune": (
        "You are grading an AI assistant's answer. Score it from 1 to 10 on each of correctness, "
        "helpfulness, completeness and clarity. Justify the scores in one short paragraph, then output "
        'a JSON object like {{"correctness": 7, "helpfulness": 8, "completeness": 6, "clarity": 9}}.\n\n'
        "Question:\n{question}\n\nAnswer to grade:\n{answer}"
    ),
    "val": (
        "Grade the response using this rubric.\n5: fully correct, complete and well explained\n"
        "4: correct with minor omissions\n3: partly correct\n2: mostly incorrect\n1: irrelevant or wrong\n\n"
        "Instruction:\n{question}\n\nResponse:\n{answer}\n\nWrite feedback on the response, then a final "
        'line "Score: <1-5>".'
    ),
}

# A disguised distiller's casual chatter around each item, and its follow-ups.
CHATTER_LEAD = {
    "tune": (
        "hey, quick one for you.",
        "ok so my boss asked me this today lol",
        "hi! hope your day is going well.",
        "random question but",
        "so I'm stuck on something,",
        "morning :) coffee hasn't kicked in yet so bear with me.",
        "my study group argued about this last night.",
        "",
    ),
    "val": (
        "hello again!",
        "sorry to bother you, one more thing:",
        "hmm, been thinking about this on the train.",
        "ok new topic.",
        "can you help me with this? it's for a side project",
        "quick favour please -",
        "",
    ),
}
CHATTER_TAIL = {
    "tune": ("", "thanks!!", "no rush :)", "appreciate it", "(sorry if this is obvious)"),
    "val": ("", "thx", "cheers", "would really help me out", "lol"),
}
FOLLOW_UPS = {
    "tune": (
        "thanks! can you expand on that a bit?",
        "nice, could you give me another example?",
        "hmm, can you make it more detailed?",
        "cool. what would you change if it had to be shorter?",
        "great, can you explain the reasoning behind it?",
    ),
    "val": (
        "ok and could you go deeper on the main point?",
        "that helps. one more example please",
        "can you redo it but more thorough this time?",
        "interesting - why is that the right approach?",
    ),
}
