"""Build ``extract/quotes/data/given_names.json``: given names that are almost always one gender.

Usage: python bench/quote_names_build.py NAME_DATA_JSON

NAME_DATA_JSON is ``name_data.json`` of the nomquamgender package (MIT licence, Van Buskirk, Clauset
and Larremore, "An open-source cultural consensus approach to name-based gender classification", 2023;
a wheel unpacked anywhere, it is not a dependency). A name is kept when at least 12 of its sources and
3,000 people attest it and at least 97 % of them are one gender. The speaker resolver uses the list only
as a prior for 'he'/'she' when the article itself says nothing about a person's gender.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/newsift/extract/quotes/data/given_names.json"
MIN_SOURCES, MIN_PEOPLE, CLEAR = 12, 3000, 0.03


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    keep = {
        name: row[2]
        for name, row in data.items()
        if name.isalpha() and len(name) > 1 and row[0] >= MIN_SOURCES and row[1] >= MIN_PEOPLE
    }
    out = {
        "about": "Given names >= 97 % one gender (nomquamgender name_data, MIT licence); built by "
        "bench/quote_names_build.py",
        "male": sorted(n for n, p in keep.items() if p <= CLEAR),
        "female": sorted(n for n, p in keep.items() if p >= 1 - CLEAR),
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(out['male'])} male, {len(out['female'])} female")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
