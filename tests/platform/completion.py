"""What the LMS does with a block's "completion" event (xmodule/services.py,
`EventPublishingService`): edx-completion's `submit_completion` for the user and the block, its
tracking switch on as Tutor's LMS init job sets it. Without edx-completion installed (Ulmo's pins
here), nothing is recorded."""

from __future__ import annotations

import importlib.util
from unittest import mock

INSTALLED = importlib.util.find_spec("completion") is not None


def submit(user_id: int, usage_key, completion: float) -> None:
    """Record the user's completion of the block, as the LMS's handler for the event does."""
    if not INSTALLED:
        return
    from completion import waffle
    from completion.models import BlockCompletion
    from django.contrib.auth import get_user_model

    # The request's user: the LMS holds it already, so it costs no query.
    user = get_user_model()(id=user_id)
    with mock.patch.object(waffle.ENABLE_COMPLETION_TRACKING_SWITCH, "is_enabled", _switched_on):
        BlockCompletion.objects.submit_completion(user, usage_key, completion)


def _switched_on() -> bool:
    """The tracking switch as Tutor leaves it (a plain function: a mock made at every completion
    would cost the request more than the switch's cached read in the LMS)."""
    return True
