"""Harvest: run a prompt set through a teacher into an append-only store, resumably."""
