"""Scoring cleaned outputs against annotations: snippet cases and gold texts."""
