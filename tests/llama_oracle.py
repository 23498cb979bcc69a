"""The true token ids behind llama-cpp-python's answers, to check what the harvest mapped them to.

Run with the interpreter that has llama_cpp (`.venv-llama`), not the project's:

    .venv-llama/bin/python tests/llama_oracle.py MODEL.gguf prompts.jsonl out.jsonl MAX_NEW_TOKENS TOP_K

It loads the GGUF as `llama_cpp.server` does (n_ctx 2048, one thread, logits for every position)
and answers each prompt's messages greedily through the same `create_chat_completion` the server
calls, so the answer is the server's. Per prompt it writes the answer text, the ids the sampler
chose, and at each step the TOP_K most likely ids with their logprobs, plus the chosen id's (the
server's top-k is these, keyed by string, plus the chosen token).
"""

from __future__ import annotations

import json
import sys

import numpy as np
from llama_cpp import Llama


def main(gguf: str, prompts: str, out: str, max_new: int, k: int) -> None:
    llm = Llama(model_path=gguf, n_ctx=2048, n_threads=1, logits_all=True, verbose=False)
    sampled: list[int] = []
    sample = llm.sample

    def recording(*args, **kwargs):  # the last token is never fed back, so input_ids lacks it
        token = sample(*args, **kwargs)
        sampled.append(int(token))
        return token

    llm.sample = recording
    with open(prompts) as rows, open(out, "w") as f:
        for line in rows:
            row = json.loads(line)
            sampled.clear()
            r = llm.create_chat_completion(
                row["messages"], max_tokens=max_new, temperature=0.0, top_p=1.0, logprobs=True, top_logprobs=k
            )
            n, start = r["usage"]["completion_tokens"], r["usage"]["prompt_tokens"]
            lp = Llama.logits_to_logprobs(llm.scores[start - 1 : start - 1 + n])
            top = np.argsort(-lp, axis=1, kind="stable")[:, :k]
            ids = sampled[:n]
            rec = {
                "id": row["id"],
                "text": r["choices"][0]["message"]["content"],
                "ids": ids,
                "top_ids": top.tolist(),
                "top_logprobs": np.take_along_axis(lp, top, 1).tolist(),
                "chosen_logprobs": [float(lp[t, i]) for t, i in enumerate(ids)],
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
