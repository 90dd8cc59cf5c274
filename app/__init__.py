"""Feltjournal app package."""
