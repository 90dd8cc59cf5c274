"""Feltjournal's installed entry points (``entry``) and where they find our code.

The checkout keeps the code in the top-level packages ``app``, ``ui``, ``storage``,
``sync``, ``server`` and ``resources``. Those names are common, so the wheel installs them
in ``feltjournal/lib/`` (setup.py): the only name Feltjournal adds to the top of
site-packages is ``feltjournal``. The entry points put that folder first on ``sys.path``.
"""
