"""Feltjournal storage package."""
