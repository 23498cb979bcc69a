"""The distillation detector: per-key traffic features -> suspicion score -> verdict."""
