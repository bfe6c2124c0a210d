"""JSON from outside (request bodies, imported files), refusing what Python reads but nothing
downstream stores."""

from __future__ import annotations

import json


def load_storable_json(text: str | bytes):
    """`json.loads`, plus a refusal of lone surrogates ("\\ud800" escapes), which UTF-8 databases
    and XML reject.

    Raises ValueError (json.JSONDecodeError, UnicodeDecodeError) for text that is not JSON,
    RecursionError for JSON nested too deeply to read, and UnicodeEncodeError for a string holding a
    lone surrogate.
    """
    value = json.loads(text)
    json.dumps(value, ensure_ascii=False).encode("utf-8")
    return value
