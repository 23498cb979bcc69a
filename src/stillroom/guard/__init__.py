"""The guard: an OpenAI-compatible gateway with keys, shared limits, detector-driven policy and an audit log.

Entry points: `stillroom guard` (cli.py) and `create_app(settings)` (app.py).
"""
