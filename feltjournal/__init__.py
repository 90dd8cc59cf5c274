"""Feltjournal's installed entry points (``entry``) and the check that they start our code.

The code lives in the top-level packages ``app``, ``ui``, ``storage``, ``sync``, ``server``
and ``resources``. Those names are common: another distribution installed into the same
environment may bring its own ``app`` or ``ui`` and shadow ours. This package has a name
of its own, so the entry points start here and check the others before importing them.
"""
