"""Building a block's HTML fragment: autoescaped Django templates, the i18n service, CSS, JS and its
catalog."""

from __future__ import annotations

import functools

from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from django.utils.html import escape
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from .i18n import i18n_service, javascript_catalog, translating_through

COMMON_MODULE = "spoc_xblocks.common.rendering"


@functools.lru_cache(maxsize=1)
def _engine() -> Engine:
    """The template engine, built once: the installed tag libraries (Django's i18n tags, which
    render_package_template points at the block's i18n service) and ours."""
    libraries = {
        **get_installed_libraries(),
        "spoc_text": "spoc_xblocks.common.templatetags.spoc_text",
    }
    return Engine(libraries=libraries)


@functools.lru_cache(maxsize=256)
def _package_text(module: str, path: str) -> str:
    """A file of `module`'s package, read once per process, as templates are compiled once."""
    return ResourceLoader(module).load_unicode(path)


@functools.lru_cache(maxsize=256)
def _compiled(module: str, template_path: str) -> Template:
    return Template(_package_text(module, template_path), engine=_engine())


def render_package_template(module: str, template_path: str, context: dict, i18n_service) -> str:
    """Render a template of `module`'s package as xblock.utils' `render_django_template` does,
    compiled once per process (it reads, scans the tag libraries and compiles at every call).
    Strings translate through `i18n_service` as there, without merging its catalog into Django's."""
    with translating_through(i18n_service):
        return _compiled(module, template_path).render(
            Context({**context, "_i18n_service": i18n_service})
        )


def _module(block) -> str:
    """The module that defines the block (the runtime may hand us a mixed-in subclass)."""
    return getattr(block, "unmixed_class", type(block)).__module__


def render_template(block, template_path: str, context: dict) -> str:
    """Render a template of the block's package with autoescape and the block's i18n service."""
    return render_package_template(_module(block), template_path, context, i18n_service(block))


@functools.lru_cache(maxsize=1024)
def _id_of_usage(usage: str) -> str:
    """The usage id's last 60 characters, each one that is not a letter or digit made a hyphen."""
    return "".join(char if char.isalnum() else "-" for char in usage)[-60:]


def html_id(block, suffix: str = "") -> str:
    """An id unique to this block instance on the page (several blocks can share a unit)."""
    safe = _id_of_usage(str(block.scope_ids.usage_id))
    return f"spoc-{safe}{'-' + suffix if suffix else ''}"


def build_fragment(
    block,
    html: str,
    *,
    css: str | None = None,
    js: str | tuple[str, ...] = (),
    init_fn: str | None = None,
    init_args: dict | None = None,
    common_js: tuple[str, ...] = (),
) -> Fragment:
    """Wrap rendered HTML with the shared CSS and JS, the block's own CSS, and its scripts (one
    path, or several in the order they load: helpers first, the view's script with `init_fn` last),
    with the JS catalog; `common_js`, helpers of the common package, load before the block's."""
    module = _module(block)
    fragment = Fragment(html)
    fragment.add_css(_package_text(COMMON_MODULE, "static/css/spoc.css"))
    if css:
        fragment.add_css(_package_text(module, css))
    scripts = (js,) if isinstance(js, str) else js
    if scripts:
        fragment.add_javascript(javascript_catalog((*common_js, *scripts)))
        fragment.add_javascript(_package_text(COMMON_MODULE, "static/js/spoc.js"))
        for script in common_js:
            fragment.add_javascript(_package_text(COMMON_MODULE, script))
        for script in scripts:
            fragment.add_javascript(_package_text(module, script))
        fragment.initialize_js(init_fn, init_args or {})
    return fragment


def error_fragment(message: str) -> Fragment:
    """A visible, accessible message in place of a view that cannot be shown."""
    return Fragment(
        f'<div class="spoc-block"><p class="spoc-alert" role="alert">{escape(message)}</p></div>'
    )
