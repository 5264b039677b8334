"""python -m newsarchive.evaluate {entities,dates,structure,translations} [options]: print the measured quality."""

from __future__ import annotations

import sys

from . import dates, entities, structure, translations

COMMANDS = {
    "entities": entities.main,
    "dates": dates.main,
    "structure": structure.main,
    "translations": translations.main,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python -m newsarchive.evaluate {{{','.join(COMMANDS)}}} [options]")
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[1:]))
