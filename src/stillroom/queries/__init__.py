"""Systematic querying: a taxonomy of domains x tasks x difficulty expanded into a covering prompt set."""
