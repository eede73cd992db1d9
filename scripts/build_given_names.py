"""Build kg/kb/data/given_names.json: given names in Latin script from Faker's person
providers (MIT licence), one list for all languages.

    .venv/bin/pip install faker && .venv/bin/python scripts/build_given_names.py

kg only reads the JSON file; Faker is not a dependency. Re-run to refresh the list.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import unicodedata
from pathlib import Path

import faker
import faker.providers.person as person

OUT = Path(__file__).resolve().parent.parent / "kg" / "kb" / "data" / "given_names.json"
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def main() -> None:
    names: set[str] = set()
    locales = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        found = set()
        for attribute in ATTRIBUTES:
            values = getattr(provider, attribute, ()) or ()
            if not isinstance(values, (list, tuple, dict, set)):
                continue  # computed per instance: not a fixed list
            for name in values:
                name = str(name).strip()
                if (
                    len(name) >= 3
                    and " " not in name
                    and latin(name)
                    and name[0].isupper()
                    and name[1:].replace("-", "").isalpha()
                ):
                    found.add(name)
        if found:
            locales.append(module.name)
            names |= found
    OUT.write_text(
        json.dumps(
            {
                "_source": f"Faker {faker.VERSION} person providers, locales: {', '.join(locales)}",
                "_licence": "MIT (Faker); a list of given names, facts not creative expression",
                "names": sorted(names),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        "utf-8",
    )
    print(f"{len(names)} given names from {len(locales)} locales -> {OUT}")


if __name__ == "__main__":
    main()
