"""The workbench's demo blocks: a course pulse and a before/after pair of skills checks (also the
defaults)."""

from xml.sax.saxutils import escape

from .logic.pulse import MODULE_CHECK, MODULE_CHECK_OPTIONS

PULSE_QUESTIONS = """
  <intro><![CDATA[<p>Two minutes to tell us how the course is going.
  Your answers shape the next sessions.</p>]]></intro>
  <question id="pace" kind="likert">
    <text>The pace of the course suits me.</text>
  </question>
  <question id="sessions" kind="stars">
    <text>How would you rate the live sessions?</text>
  </question>
  <question id="recommend" kind="nps">
    <text>How likely are you to recommend this course to a colleague?</text>
  </question>
  <question id="helped" kind="single">
    <text>Which activity helped you most so far?</text>
    <option id="game">The customer-call serious game</option>
    <option id="workshop">The peer workshop</option>
    <option id="sessions">The live sessions</option>
  </question>
  <question id="wanted" kind="multiple" required="false">
    <text>What would you like more of?</text>
    <option id="practice">Practice cases</option>
    <option id="feedback">Feedback from the trainer</option>
    <option id="peers">Time with other learners</option>
    <option id="reading">Reading material</option>
  </question>
  <question id="change" kind="text" required="false">
    <text>What one thing would you change?</text>
  </question>
"""

COMPETENCIES = """
  <competency id="listening" label="Active listening">
    <level value="1">I often interrupt or plan my answer while the customer talks.</level>
    <level value="2">I listen, but I miss what the customer really needs.</level>
    <level value="3">I let the customer finish and ask a question to check.</level>
    <level value="4">I reformulate the need and the customer confirms it.</level>
    <level value="5">I read the emotion behind the words and adapt my tone.</level>
  </competency>
  <competency id="deescalation" label="Calming an angry customer">
    <level value="1">I get defensive or hand the call over.</level>
    <level value="2">I apologise, but the tension stays.</level>
    <level value="3">I acknowledge the problem and the tension drops.</level>
    <level value="4">I turn the complaint into a plan the customer accepts.</level>
    <level value="5">The customer ends the call reassured, even without a refund.</level>
  </competency>
  <competency id="procedure" label="Following the refund procedure">
    <level value="1">I do not know the procedure.</level>
    <level value="2">I know it but need help for every step.</level>
    <level value="3">I follow it with the checklist at hand.</level>
    <level value="4">I follow it without the checklist.</level>
    <level value="5">I can explain it and its exceptions to a colleague.</level>
  </competency>
"""

SKILLS_INTROS = {
    "before": "<p>Rate yourself honestly: this is not graded. You will take the same check at the "
    "end of the course to see how far you have come.</p>",
    "after": "<p>The same competencies as at the start of the course: rate yourself as you are "
    "today, without looking back at your first answers.</p>",
    "followup": "<p>A few months after the course: rate yourself again, and tell us how you use "
    "each competency in your calls.</p>",
}


def pulse_xml(attributes: str = "") -> str:
    return f"<spoc_pulse {attributes}>{PULSE_QUESTIONS}</spoc_pulse>"


def skills_xml(attributes: str = "", phase: str = "before") -> str:
    intro = f"<intro><![CDATA[{SKILLS_INTROS[phase]}]]></intro>"
    return f"<spoc_skills_check {attributes}>\n  {intro}{COMPETENCIES}</spoc_skills_check>"


def module_check_xml(gettext) -> str:
    """The one-click module check's content: its question and options in the author's language
    (the ids are what the coach counts)."""
    labels = {
        "relevant": gettext("Relevant to my work, at the right level"),
        "too-easy": gettext("Too easy"),
        "too-hard": gettext("Too hard"),
        "not-relevant": gettext("Not relevant to my work"),
    }
    options = "".join(
        f'<option id="{option}">{escape(labels[option])}</option>'
        for option in MODULE_CHECK_OPTIONS
    )
    text = escape(gettext("How was this module for you?"))
    return f'<question id="{MODULE_CHECK}" kind="single"><text>{text}</text>{options}</question>'
