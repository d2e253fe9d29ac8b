"""Placeholder while moving (issue 14)."""
