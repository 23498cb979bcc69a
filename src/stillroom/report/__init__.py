"""The report: one self-contained HTML page comparing distill and eval runs."""
