"""Shared contracts between stages: one definition per seam, imported by writers and readers."""
