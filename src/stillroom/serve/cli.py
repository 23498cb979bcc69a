"""`stillroom serve`: run the OpenAI-compatible server on a teacher (no torch import for `fake`)."""

from __future__ import annotations

from pathlib import Path

import typer

from stillroom import checks
from stillroom.config import load_config
from stillroom.errors import UserError
from stillroom.serve.config import ServeConfig

_D = ServeConfig().model_dump()  # defaults shown in --help come from the config itself


def serve(
    teacher: str = typer.Option(
        None, help=f"teacher spec: hf[:PATH], openai:URL or fake (default {_D['teacher']['spec']})"
    ),
    host: str = typer.Option(None, help=f"address to bind (default {_D['host']})"),
    port: int = typer.Option(None, help=f"port (default {_D['port']})"),
    model_name: str = typer.Option(None, help="model id clients send (default the teacher spec)"),
    max_batch: int = typer.Option(
        None, help=f"rows (prompts x n) per generate call (default {_D['max_batch']})"
    ),
    max_wait_ms: float = typer.Option(
        None, help=f"how long a batch waits to fill (default {_D['max_wait_ms']})"
    ),
    config: Path = typer.Option(None, help="YAML ServeConfig (limits, watermark key); flags override it"),
) -> None:
    """Serve a teacher over an OpenAI-compatible API with dynamic batching."""
    cfg = load_config(
        ServeConfig,
        config,
        **{"teacher.spec": teacher},
        host=host,
        port=port,
        model_name=model_name,
        max_batch=max_batch,
        max_wait_ms=max_wait_ms,
    )
    checks.teacher_spec(cfg.teacher.spec)  # before torch and the teacher load
    import uvicorn  # uvicorn: imported when this runs, so --help and input errors stay fast

    from stillroom.serve.app import create_app  # fastapi, torch, transformers: only when this runs
    from stillroom.teachers import load_teacher  # torch, transformers: only when this runs

    # One generate call should run the whole batch as one forward batch.
    model = load_teacher(
        cfg.teacher.model_copy(update={"batch_size": max(cfg.teacher.batch_size, cfg.max_batch)})
    )
    if cfg.proxy is not None:
        from stillroom.serve.antidistill import build_proxy

        if not hasattr(model, "proxy"):
            raise UserError(f"proxy: antidistill needs the hf backend, not {cfg.teacher.spec}")
        model.proxy = build_proxy(model, cfg.proxy)
    app = create_app(model, cfg)
    typer.echo(f"serving {cfg.model_name or model.name} on http://{cfg.host}:{cfg.port}/v1", err=True)
    uvicorn.run(app, host=cfg.host, port=cfg.port, log_level="warning", access_log=False)
