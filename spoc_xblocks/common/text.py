"""Marking user-visible strings for translation in code that must not import Django or XBlock."""


def _(message: str) -> str:
    """Mark `message` for extraction; the caller translates it with the runtime's i18n service."""
    return message
