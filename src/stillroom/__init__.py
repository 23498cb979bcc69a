"""stillroom: distil a teacher LLM into a student, and guard a model API against unauthorised distillation."""

__version__ = "0.1.0"
