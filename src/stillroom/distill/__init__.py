"""Distillation: train a student from a teacher (sft, kd, gkd, hidden) on the harvest store.

`train.train(cfg)` is the entry point; `losses` holds the pure loss functions.
"""
