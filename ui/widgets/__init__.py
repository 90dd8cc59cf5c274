"""Widgets the views share, one module per family; none of them knows a record type."""
