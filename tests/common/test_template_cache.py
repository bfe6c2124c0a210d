"""Templates are compiled once per process, and a compiled template still speaks each request's
language (the i18n service comes with every render)."""

from django.utils.translation import trans_real

from spoc_xblocks.common import rendering

PULSE = "spoc_pulse.0"


def test_a_page_seen_again_compiles_no_template_and_each_language_is_kept(workbench):
    workbench.page(PULSE, "alice", language="en")
    compiled = rendering._compiled.cache_info().currsize
    french = workbench.page(PULSE, "bruno", language="fr").content.decode()
    english = workbench.page(PULSE, "chloe", language="en").content.decode()
    assert rendering._compiled.cache_info().currsize == compiled
    assert "Envoyer" in french and "Envoyer" not in english


def test_pages_seen_again_leave_djangos_catalogs_as_they_were(workbench):
    """Translating a compiled template adds nothing to Django's catalogs: xblock.utils' {% trans %}
    merged the block's catalog at every tag, one more copy per page for every lookup to read."""
    workbench.page(PULSE, "alice", language="en")
    catalogs = len(trans_real.translation("en")._catalog._catalogs)
    for learner in ("bruno", "chloe", "david"):
        workbench.page(PULSE, learner, language="en")
    assert len(trans_real.translation("en")._catalog._catalogs) == catalogs
