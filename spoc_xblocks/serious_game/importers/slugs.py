"""Ids made from passage names: `[A-Za-z0-9_-]`, accents dropped, unique within a story."""

from __future__ import annotations

import re
import unicodedata

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def slugify(name: str) -> str:
    """An id made of `[A-Za-z0-9_-]`: accents dropped, inner runs of other characters become `_`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "_".join(piece for piece in _SLUG_UNSAFE.split(ascii_name) if piece)


def unique_slugs(names: list[str], fallback: str = "passage") -> list[str]:
    """Slugs for `names`, in order, made unique with `_2`, `_3`... suffixes."""
    taken: set[str] = set()
    last_counter: dict[str, int] = {}  # every lower suffix of a base is taken: start from there
    slugs = []
    for name in names:
        base = slugify(name) or fallback
        counter = last_counter.get(base, 1)
        slug = base if counter == 1 else f"{base}_{counter}"
        while slug in taken:
            counter += 1
            slug = f"{base}_{counter}"
        last_counter[base] = counter
        taken.add(slug)
        slugs.append(slug)
    return slugs
