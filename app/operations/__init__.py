"""Operations: the use cases the window, the command line, the demo and the benchmarks share.

Each module holds one area's verb functions. They take the ``Journal`` and
keyword-only arguments and return frozen dataclasses (read models), never
storage rows, so a screen and the matching ``feltjournal`` command give the
same answer because they run the same code. Nothing here imports Qt; the
window runs these functions on its database thread.
"""
