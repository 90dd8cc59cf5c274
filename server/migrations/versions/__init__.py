"""The revisions, one file each (``rNNNN_what.py``, revision ``"NNNN"``); see server/README.md."""
