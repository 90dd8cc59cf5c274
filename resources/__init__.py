"""Feltjournal resources package."""
