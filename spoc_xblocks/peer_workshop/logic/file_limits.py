"""The file limits in force: the author's choice, capped by what the site's operator allows."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FileLimits:
    max_mb: int
    extensions: tuple[str, ...]  # with their dot, in the author's order
    lowered_from: int | None  # the author's size limit, when the site's cap lowered it
    refused: tuple[str, ...]  # the author's extensions the site does not accept


def file_limits(author_mb: int, author_extensions: Iterable[str], site_max_mb: int,
                site_extensions: Iterable[str]) -> FileLimits:
    """Accepted: the extensions both the author and the site allow, up to the smaller of the two sizes.

    The author's extensions carry their dot ('.pdf'), the site's do not ('pdf').
    """
    allowed = {extension.lstrip(".") for extension in site_extensions}
    chosen = tuple(author_extensions)
    return FileLimits(
        max_mb=min(author_mb, site_max_mb),
        extensions=tuple(extension for extension in chosen if extension.lstrip(".") in allowed),
        lowered_from=author_mb if author_mb > site_max_mb else None,
        refused=tuple(extension for extension in chosen if extension.lstrip(".") not in allowed),
    )
