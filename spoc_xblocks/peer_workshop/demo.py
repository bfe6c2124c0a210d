"""The demo workshop: its assignment, its rubric, and the workbench scenarios built on them."""

DEFAULT_PROMPT = (
    "<p>Write a <strong>one-page procedure</strong> a new colleague could follow to handle a "
    "customer complaint by phone: the steps, what to say, and when to escalate.</p>"
    "<p>Add links to anything you relied on, and attach a file if you drew a diagram.</p>"
)

DEFAULT_RUBRIC_XML = """<rubric feedback="optional">
  <feedbackprompt>What should the author keep, and what one thing should they change \
first?</feedbackprompt>
  <criterion name="clarity" feedback="optional">
    <label>Clarity</label>
    <prompt>Could a newcomer follow the procedure without asking anyone?</prompt>
    <option name="unclear" points="0">
      <label>Unclear</label>
      <explanation>Steps are missing or in the wrong order.</explanation>
    </option>
    <option name="mostly" points="2">
      <label>Mostly clear</label>
      <explanation>One or two steps need guessing.</explanation>
    </option>
    <option name="clear" points="4">
      <label>Clear</label>
      <explanation>Every step is explicit and in order.</explanation>
    </option>
  </criterion>
  <criterion name="tone" feedback="optional">
    <label>Tone with the customer</label>
    <prompt>Do the suggested words calm the customer and show respect?</prompt>
    <option name="cold" points="0">
      <label>Cold or defensive</label>
      <explanation>The customer would feel dismissed.</explanation>
    </option>
    <option name="polite" points="2">
      <label>Polite</label>
      <explanation>Correct, but little empathy.</explanation>
    </option>
    <option name="empathetic" points="3">
      <label>Empathetic</label>
      <explanation>Acknowledges the problem and the person.</explanation>
    </option>
  </criterion>
  <criterion name="escalation" feedback="required">
    <label>Escalation</label>
    <prompt>Does it say when and how to hand over to a manager?</prompt>
    <option name="missing" points="0">
      <label>Missing</label>
      <explanation>No escalation rule.</explanation>
    </option>
    <option name="vague" points="1">
      <label>Vague</label>
      <explanation>Mentioned without a clear trigger.</explanation>
    </option>
    <option name="precise" points="3">
      <label>Precise</label>
      <explanation>A clear trigger and who to call.</explanation>
    </option>
  </criterion>
</rubric>
"""


def scenario_xml(display_name: str, settings: str = "") -> str:
    """A workshop block with the demo assignment and rubric, and settings as attributes
    (`reviews="2" review_scope="group"`)."""
    return (
        f'<spoc_peer_workshop display_name="{display_name}" {settings}>\n'
        f"<prompt><![CDATA[{DEFAULT_PROMPT}]]></prompt>\n{DEFAULT_RUBRIC_XML}</spoc_peer_workshop>"
    )
