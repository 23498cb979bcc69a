"""Fakes that behave like real outside services, for tests."""
