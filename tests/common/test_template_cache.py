"""Templates are compiled once per process, and a compiled template still speaks each request's
language (the i18n service comes with every render); a block asks for that service once per
language."""

from django.utils import translation
from django.utils.translation import trans_real

from spoc_xblocks.common import rendering

PULSE = "spoc_pulse.0"
COACH = "spoc_cohort_coach.0"


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


def test_a_block_asks_the_runtime_for_its_i18n_service_once_per_language(workbench, monkeypatch):
    """The LMS makes a new i18n service at each ask, which looks for the package's catalogs on disk
    again; a page translates and renders some twenty times. An email switches the language for its
    recipient, and is then translated in theirs."""
    block = workbench.block_for(COACH, "alice")
    asked = []
    ask = block.runtime.service

    def service(of_block, name):
        if name == "i18n":
            asked.append(translation.get_language())
        return ask(of_block, name)

    monkeypatch.setattr(block.runtime, "service", service)
    with translation.override("en"):
        block.render("student_view", {})
        with translation.override("fr"):
            french = block.gettext("Send")
        english = block.gettext("Send")
    assert asked == ["en", "fr"]
    assert (english, french) == ("Send", "Envoyer")
