"""The development site's answer to a database outage outside our handlers (pages, exports, the
workbench's own block loading): 503 JSON with Retry-After, as the blocks' JSON handlers answer,
instead of Django's 500 page."""

from django.http import JsonResponse

from spoc_xblocks.common.handlers import (
    DATABASE_UNAVAILABLE,
    RETRY_AFTER_SECONDS,
    SERVICE_BRIEFLY_UNAVAILABLE,
    drop_broken_connection,
)
from spoc_xblocks.common.i18n import PackageI18nService


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        drop_broken_connection()
        response = JsonResponse(
            {"error": PackageI18nService().gettext(SERVICE_BRIEFLY_UNAVAILABLE)}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
