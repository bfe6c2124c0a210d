"""The file limits in force: the author's choice, capped by what the site's operator and the
platform allow; and file sizes in the units those limits count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spoc_xblocks.common.text import Message, _

# As the LMS (STUDENT_FILEUPLOAD_MAX_SIZE) and Tutor's proxy ("4MB") count one.
MEGABYTE = 1000 * 1000
KILOBYTE = 1000


@dataclass(frozen=True)
class FileLimits:
    max_mb: int
    extensions: tuple[str, ...]  # with their dot, in the author's order
    lowered_from: int | None  # the author's size limit, when the site's cap lowered it
    refused: tuple[str, ...]  # the author's extensions the site does not accept


def platform_cap_mb(site_max_mb: int, platform_max_bytes: int | None) -> int:
    """The site's cap, lowered to the whole megabytes the platform itself accepts per file (when it
    says)."""
    if platform_max_bytes is None:
        return site_max_mb
    return max(1, min(site_max_mb, platform_max_bytes // MEGABYTE))


def file_limits(
    author_mb: int,
    author_extensions: Iterable[str],
    site_max_mb: int,
    site_extensions: Iterable[str],
) -> FileLimits:
    """Accepted: the extensions both the author and the site allow, up to the smaller of the two
    sizes.

    The author's extensions carry their dot ('.pdf'), the site's do not ('pdf')."""
    allowed = {extension.lstrip(".") for extension in site_extensions}
    chosen = tuple(author_extensions)
    return FileLimits(
        max_mb=min(author_mb, site_max_mb),
        extensions=tuple(extension for extension in chosen if extension.lstrip(".") in allowed),
        lowered_from=author_mb if author_mb > site_max_mb else None,
        refused=tuple(extension for extension in chosen if extension.lstrip(".") not in allowed),
    )


def _decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def file_size(size: int) -> Message:
    """A file's size in the units of the limits (a megabyte is 1,000,000 bytes): "4 MB",
    "12.5 kB"."""
    if size >= MEGABYTE:
        return Message(_("{size} MB"), {"size": _decimal(size / MEGABYTE)})
    if size >= KILOBYTE:
        return Message(_("{size} kB"), {"size": _decimal(size / KILOBYTE)})
    return Message(_("{size} B"), {"size": size})
