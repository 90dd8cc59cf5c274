"""Feltjournal sync package."""
