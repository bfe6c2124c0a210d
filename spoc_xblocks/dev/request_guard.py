"""What the development site answers where the xblock-sdk workbench would misbehave: an unknown
view name gets 404 instead of being written unescaped into the page (a block without an author
view is previewed through its student view, as Studio does), an unknown handler 404 JSON
instead of a 500 page, and a handler URL with characters outside Latin-1 reaches the handler."""

from django.http import HttpResponseNotFound, JsonResponse
from workbench import views
from workbench.runtime import ID_MANAGER
from workbench.scenarios import get_scenarios
from xblock.core import XBlock
from xblock.exceptions import NoSuchHandlerError

from spoc_xblocks.common.i18n import PackageI18nService
from spoc_xblocks.common.text import _

# The views the platform renders (LMS, Studio preview, Studio editor, signed out): any other name
# would call an arbitrary method of the block.
PLATFORM_VIEWS = ("student_view", "author_view", "studio_view", "public_view")

NO_SUCH_VIEW = _("This block has no view named '{name}'.")
NO_SUCH_HANDLER = _("This block has no handler named '{name}'.")


def _gettext(message: str) -> str:
    return PackageI18nService().gettext(message)


def _block_class(scenario_id: str):
    scenario = get_scenarios().get(scenario_id)
    if scenario is None:
        return None
    definition_id = ID_MANAGER.get_definition_id(scenario.usage_id)
    return XBlock.load_class(ID_MANAGER.get_block_type(definition_id))


def _view_to_render(scenario_id: str, view_name: str) -> str | None:
    """The view the platform would render for `view_name`, or None when it renders none."""
    block_class = _block_class(scenario_id)
    if block_class is None:
        return view_name  # the workbench answers 404 for an unknown scenario
    if view_name not in PLATFORM_VIEWS:
        return None
    if callable(getattr(block_class, view_name, None)):
        return view_name
    # Studio's preview shows a block without an author view through its student view.
    return "student_view" if view_name == "author_view" else None


def _as_wsgi_path(path: str) -> str:
    """A path as WSGI carries it (UTF-8 bytes read as Latin-1), which is how WebOb, to which the
    workbench hands Django's decoded path, reads PATH_INFO."""
    return path.encode("utf-8").decode("latin-1")


class WorkbenchRequestGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is views.show_scenario and "view_name" in view_kwargs:
            view_name = view_kwargs["view_name"]
            rendered = _view_to_render(view_kwargs["scenario_id"], view_name)
            if rendered is None:
                text = _gettext(NO_SUCH_VIEW).format(name=view_name)
                return HttpResponseNotFound(text, content_type="text/plain; charset=utf-8")
            view_kwargs["view_name"] = rendered
        if view_func in (views.handler, views.aside_handler):
            request.path_info = _as_wsgi_path(request.path_info)
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, NoSuchHandlerError):
            return None
        slug = request.resolver_match.kwargs.get("handler_slug", "")
        return JsonResponse({"error": _gettext(NO_SUCH_HANDLER).format(name=slug)}, status=404)
