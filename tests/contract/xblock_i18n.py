"""How the LMS and Studio find an XBlock's Python translations, rebuilt from the platform's facts.

openedx-platform's `XBlockI18nService(block)` (xmodule/modulestore/django.py, with the paths of
xmodule/modulestore/api.py) does this, for the block it is created for:
  - root module: the first dotted part of the `__module__` of the block's original class
    (`block.unmixed_class`, since the runtime mixes its mixins into a new class; the block's own
    class when there is none);
  - atlas folder: `settings.REPO_ROOT / "conf/plugins-locale/xblock.v1" / <root module>`. When that
    path is a directory, whatever it holds, it wins: domain `django`, that folder as localedir;
  - otherwise the catalogs bundled in the package: `importlib.resources.files(<root module>) /
    "translations"`, domain `text` (deprecated by OEP-58, still supported);
  - `gettext.translation(domain, localedir, [to_locale(get_language() or LANGUAGE_CODE)])`; on
    OSError (no catalog for that language in that folder) the service keeps Django's own translation
    module, which knows only the platform's strings.
JavaScript: the platform serves `js/xblock.v1-i18n/<root module>/<locale>.js` only when
`compile_xblock_translations` built it from an atlas folder; a block that ships its own catalog adds
it to its fragment itself.

Tutor builds its image with `pull_xblock_translations` after installing the extra requirements, and
openedx-atlas (0.7.x, `atlas pull`) runs `mkdir -p` on every destination folder before it checks
that the repository has anything to copy: an XBlock that openedx-translations does not know ends up
with an empty atlas folder, which wins over its bundled catalogs.

Our own code, written from those facts; only gettext and Django's `to_locale` are the real thing.
"""

from __future__ import annotations

import gettext
from importlib import resources
from pathlib import Path, PurePosixPath

from django.utils.translation import to_locale

ATLAS_LOCALE_ROOT = PurePosixPath("conf/plugins-locale/xblock.v1")
ATLAS_DOMAIN = "django"
BUNDLED_FOLDER = "translations"
BUNDLED_DOMAIN = "text"


def root_module_name(block_class: type) -> str:
    original = getattr(block_class, "unmixed_class", block_class)
    return original.__module__.split(".")[0]


def python_locale(
    module_name: str, repo_root: Path, package_root: Path | None = None
) -> tuple[str, Path]:
    """(domain, localedir) the platform picks for a root module.

    `package_root` is where the module's package is installed (resources.files(module) by default),
    so the lookup can run on another environment's copy, such as a fresh venv holding the wheel."""
    atlas = Path(repo_root) / ATLAS_LOCALE_ROOT / module_name
    if atlas.is_dir():
        return ATLAS_DOMAIN, atlas
    if package_root is None:
        package_root = Path(str(resources.files(module_name)))
    return BUNDLED_DOMAIN, Path(package_root) / BUNDLED_FOLDER


def python_translator(
    module_name: str, language: str, repo_root: Path, package_root: Path | None = None
) -> gettext.GNUTranslations | None:
    """The block's own catalog for `language` as the platform loads it; None where the platform
    falls back on Django's translation module (and so shows our strings untranslated)."""
    domain, localedir = python_locale(module_name, repo_root, package_root)
    try:
        return gettext.translation(domain, str(localedir), [to_locale(language)])
    except OSError:
        return None
