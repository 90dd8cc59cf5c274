"""Feltjournal ui package."""
