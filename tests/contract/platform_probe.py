"""What the LMS and Studio find in a Python environment: Django plugin apps, as their settings
discover them with the real edx-django-utils, and our XBlocks' root modules and package folders, as
their i18n service looks them up.

A script, run in a subprocess by any Python where spoc-xblocks and edx-django-utils are installed
(the project's .venv, or a fresh venv holding only the built wheel): Django can be set up once per
process, and the tests' own process already runs the workbench settings.

    python plugin_probe.py lms.djangoapp      # or cms.djangoapp

What it does, in the platform's order (lms/envs/common.py, cms/envs/common.py, then production.py
and the other settings files; openedx/core/djangoapps/plugins/constants.py names the types):
  1. INSTALLED_APPS.extend(get_plugin_apps(project_type)) on a settings module;
  2. add_plugins(settings module, project_type, settings_type) for each SettingsType;
  3. django.setup() on those settings, then connect_plugin_receivers, get_plugin_url_patterns and
     get_plugins_view_context, which the platform calls at start-up and on some pages;
  4. migrate (which runs the system checks: an Error there stops `tutor local do init`).
Then it loads every xblock.v1 entry point of spoc-xblocks, mixes a mixin into it as the runtime
does, and names the root module the i18n service would use and where that package is installed.
It prints one JSON object with what it found.
"""

import json
import sys
import types
from contextlib import contextmanager

# openedx-platform's SettingsType values (openedx/core/djangoapps/plugins/constants.py).
SETTINGS_TYPES = ("common", "production", "devstack", "test")
# What the platform always installs that our models and migrations may rely on.
BASE_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "submissions"]
SETTINGS_MODULE = "contract_platform_settings"


def settings_module(project_type, plugins):
    """A settings module as the platform's common.py builds it, registered under SETTINGS_MODULE."""
    module = types.ModuleType(SETTINGS_MODULE)
    sys.modules[SETTINGS_MODULE] = module
    module.INSTALLED_APPS = list(BASE_APPS)
    module.INSTALLED_APPS.extend(plugins.get_plugin_apps(project_type))
    module.DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    module.USE_TZ = True
    module.SECRET_KEY = "contract-probe"  # a throwaway process
    module.DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
    return module


def lms_grade_signals():
    """The LMS's grades signals module, which plugin apps' signals_config name (ours and
    edx-completion's): lms/djangoapps/grades/signals/signals.py defines it as a plain Signal."""
    from django.dispatch import Signal

    path = "lms.djangoapps.grades.signals.signals"
    parts = path.split(".")
    for end in range(1, len(parts) + 1):
        sys.modules.setdefault(".".join(parts[:end]), types.ModuleType(parts[end - 1]))
    sys.modules[path].PROBLEM_WEIGHTED_SCORE_CHANGED = Signal()


@contextmanager
def only_our_plugin_apps():
    """Only our plugin apps, for the settings, URLs and view context they add: the platform's own
    (edx-completion, in the tests' environment) add settings and URLs that import the LMS."""
    from edx_django_utils.plugins import registry

    every = registry.get_plugin_app_configs
    registry.get_plugin_app_configs = lambda project_type: [
        config for config in every(project_type) if config.name.startswith("spoc_xblocks")
    ]
    try:
        yield
    finally:
        registry.get_plugin_app_configs = every


def probe(project_type):
    from edx_django_utils import plugins

    module = settings_module(project_type, plugins)
    before = set(vars(module))
    with only_our_plugin_apps():
        for settings_type in SETTINGS_TYPES:
            plugins.add_plugins(SETTINGS_MODULE, project_type, settings_type)
    settings_added = sorted(set(vars(module)) - before)

    import django
    from django.apps import apps
    from django.conf import settings

    settings.configure(**{name: value for name, value in vars(module).items() if name.isupper()})
    django.setup()
    lms_grade_signals()
    plugins.connect_plugin_receivers(project_type)
    with only_our_plugin_apps():
        url_patterns = plugins.get_plugin_url_patterns(project_type)
        view_context = plugins.get_plugins_view_context(project_type, "course_dashboard", {})

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {
        "plugin_apps": list(module.INSTALLED_APPS[len(BASE_APPS) :]),
        "app_configs": {
            config.name: {"label": config.label, "class": type(config).__qualname__}
            for config in apps.get_app_configs()
        },
        "settings_added": settings_added,
        # Each as the module of its URLs and its pattern: other packages' apps add theirs (the
        # platform's edx-toggles, which event-tracking brings into the test environment).
        "url_patterns": [
            [
                getattr(pattern.urlconf_name, "__name__", str(pattern.urlconf_name)),
                str(pattern.pattern),
            ]
            for pattern in url_patterns
        ],
        "view_context": view_context,
        "migrated": sorted({app for app, _name in _applied_migrations()}),
        "xblocks": xblocks(),
    }


def xblocks():
    """Each spoc-xblocks block: its root module for the i18n service, and that package's folder."""
    import importlib.metadata
    from importlib import resources

    from xblock.runtime import Mixologist
    from xblock_i18n import root_module_name  # beside this script, so first on sys.path

    class RuntimeMixin:
        """Stands for the mixins the platform adds (XBLOCK_MIXINS)."""

    found = {}
    for entry in importlib.metadata.entry_points(group="xblock.v1"):
        if entry.dist.name != "spoc-xblocks":
            continue
        mixed = Mixologist([RuntimeMixin]).mix(entry.load())
        module = root_module_name(mixed)
        found[entry.name] = {
            "mixed_class_module": mixed.__module__,
            "root_module": module,
            "package_root": str(resources.files(module)),
        }
    return found


def _applied_migrations():
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    return MigrationRecorder(connection).applied_migrations()


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1])))
