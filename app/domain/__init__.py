"""Domain model: record types, identifiers, access rules."""
