"""Evaluation: how much of the teacher a student kept (fidelity, checkable tasks), its size and speed, and the cost."""
