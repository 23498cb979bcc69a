"""HTTP routes: `openai` (the proxied API), `admin` (keys, verdicts, audit) and `metrics`."""
