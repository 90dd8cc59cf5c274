"""The ``feltjournal-server`` command line (the central service arrives with the sync work)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    print(
        "feltjournal-server: the central server is not built yet; laptops work fully offline "
        "until it is (see README, 'Sync').",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
