"""The installable package, the entry points and the standalone app."""
