"""Templates are compiled once per process, and a compiled template still speaks each request's
language (the i18n service comes with every render)."""

from spoc_xblocks.common import rendering

PULSE = "spoc_pulse.0"


def test_a_page_seen_again_compiles_no_template_and_each_language_is_kept(workbench):
    workbench.page(PULSE, "alice", language="en")
    compiled = rendering._compiled.cache_info().currsize
    french = workbench.page(PULSE, "bruno", language="fr").content.decode()
    english = workbench.page(PULSE, "chloe", language="en").content.decode()
    assert rendering._compiled.cache_info().currsize == compiled
    assert "Envoyer" in french and "Envoyer" not in english
