"""Author text is sanitised or escaped everywhere it is shown; learners never reach trainer data."""

import csv
import io

from .conftest import EN, FAILURE_PATH

XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
XSS_ATTR = XSS.replace("<", "&lt;").replace('"', "&quot;")
HOSTILE_SCENARIO = f"""<scenario start="a" title="T{XSS_ATTR}">
  <competency id="c" label="C{XSS_ATTR}"/>
  <variable name="v" initial="1"/>
  <node id="a" kind="decision" title="A{XSS_ATTR}">
    <body><![CDATA[<p>Hello {{{{v}}}}</p>{XSS}<a href="javascript:alert(3)">x</a>]]></body>
    <choice id="one" target="end"><text>One{XSS.replace("<", "&lt;")}</text>
      <feedback>F{XSS.replace("<", "&lt;")}</feedback><points competency="c" value="1"/></choice>
    <choice id="two" target="end"><text>Two</text></choice>
  </node>
  <node id="end" kind="ending" title="E{XSS_ATTR}" score="100">
    <body><![CDATA[<p>Debrief</p>{XSS}]]></body>
  </node>
</scenario>"""


def assert_no_injection(html: str):
    """The payload may show as text (escaped), never as markup."""
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html and 'onerror="alert' not in html
    assert 'href="javascript:' not in html


def install_hostile_scenario(workbench):
    workbench.set_fields(EN, scenario_xml=HOSTILE_SCENARIO)


def test_author_html_and_text_are_sanitised_and_escaped_for_learners(workbench, player):
    install_hostile_scenario(workbench)
    alice = player()
    start = alice.start()
    assert_no_injection(start["html"])
    assert "Hello 1" in start["html"] and "&lt;img" in start["html"]
    answer = alice.choose("one").json()
    assert_no_injection(answer["html"])
    assert "Debrief" in answer["html"]
    assert_no_injection(workbench.page(EN, "alice").content.decode())


def test_the_debrief_escapes_author_text(workbench, player):
    install_hostile_scenario(workbench)
    alice = player()
    alice.start()
    alice.choose("one")
    html = workbench.page(EN, "trainer").content.decode()
    assert 'class="spoc-sg__debrief"' in html
    assert_no_injection(html)


def test_learners_cannot_export_runs_and_trainers_get_every_run(workbench, player):
    bruno = player("bruno")
    bruno.start()
    bruno.play(FAILURE_PATH)
    refused = workbench.get(EN, "export_runs", "bruno")
    assert refused.status_code == 403 and "trainers" in refused.json()["error"]
    export = workbench.get(EN, "export_runs", "trainer")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = b"".join(export.streaming_content if export.streaming else [export.content]).decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["ending"] == "end_hung_up" and rows[0]["path"].startswith(
        "intro:continue > opening:deny"
    )
    # A trainer follows each person: runs are graded work, shown with the learner's name.
    assert rows[0]["username"] == "bruno"


def test_a_learner_sees_no_debrief_and_no_other_learner_state(workbench, player):
    alice = player()
    alice.start()
    alice.play(FAILURE_PATH)
    html = workbench.page(EN, "bruno").content.decode()
    assert 'class="spoc-sg__debrief"' not in html
    assert 'data-spoc-handler="start"' in html and "She hangs up" not in html


def test_a_trainer_run_is_left_out_of_the_debrief(workbench, player):
    trainer = player("trainer")
    trainer.start()
    trainer.play(FAILURE_PATH)
    html = workbench.page(EN, "trainer").content.decode()
    assert '<span class="spoc-sg__kpi">0</span>' in html
