"""`stillroom serve`: an OpenAI-compatible server for a local teacher, with dynamic batching.

`create_app(teacher, cfg)` (in `app.py`) builds the FastAPI app; `batching.Batcher` groups
concurrent requests into one `teacher.generate` call; the request and response models are the
shared wire types in `stillroom.contracts.openai`.
"""
