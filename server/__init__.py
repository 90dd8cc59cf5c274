"""Feltjournal server package."""
