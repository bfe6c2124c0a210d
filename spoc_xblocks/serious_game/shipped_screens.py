"""The screenshots shipped with the block (the demo simulation's, `package:<name>.svg` in a
scenario), served by the block's `shipped_screen` handler.

A runtime's `local_resource_url` would not do in the LMS: it points into the static files the
platform collected, and the platform's current collector (`xblock_pipeline/finder.py`, reading
package files through importlib) files a block's resources one package up, `spoc_xblocks/`, so for
a block in a sub-package like ours they land one folder away from where the URL points. A handler
answers the same in the LMS, in Studio and in the workbench.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from webob import Response
from xblock.core import XBlock

from spoc_xblocks.common.handlers import error_response, signed_in_response
from spoc_xblocks.common.text import _

NAME = re.compile(r"[a-z0-9_-]{1,80}\.svg")
FOLDER = ("static", "screens")
CACHE_SECONDS = 24 * 3600
NO_SUCH_PICTURE = _("This block ships no picture of that name.")
USE_GET = _("Use GET for this request.")


@functools.lru_cache(maxsize=1)
def shipped_names() -> frozenset[str]:
    folder = resources.files(__package__).joinpath(*FOLDER)
    return frozenset(item.name for item in folder.iterdir() if NAME.fullmatch(item.name))


@functools.lru_cache(maxsize=32)
def _picture(name: str) -> bytes:
    return resources.files(__package__).joinpath(*FOLDER, name).read_bytes()


class ShippedScreensMixin:
    def shipped_screen_url(self, name: str) -> str:
        """The address of a screenshot shipped with the block; '' for a name it does not ship."""
        if name not in shipped_names():
            return ""
        return self.runtime.handler_url(self, "shipped_screen", name)

    def shipped_screen_urls(self) -> dict[str, str]:
        """Every shipped screenshot's address by name, for the Studio editor's previews."""
        return {name: self.shipped_screen_url(name) for name in sorted(shipped_names())}

    @XBlock.handler
    def shipped_screen(self, request, suffix=""):
        """A shipped screenshot by name (GET), to anyone signed in: the pictures are the package's
        own and the same for everyone. 404 for any other name, 405 for other methods."""
        refused = signed_in_response(self)
        if refused is not None:
            return refused
        if request.method not in ("GET", "HEAD"):
            refused = error_response(self, 405, USE_GET)
            refused.allow = ("GET", "HEAD")
            return refused
        if suffix not in shipped_names():
            return error_response(self, 404, NO_SUCH_PICTURE)
        response = Response(body=_picture(suffix), content_type="image/svg+xml")
        response.cache_control.max_age = CACHE_SECONDS
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
