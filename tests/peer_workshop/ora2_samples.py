"""An ORA2 problem as a course export writes it: six criteria (one feedback-only), every feedback
attribute ORA2 knows, explanations, the overall prompt and its default text, and the steps."""

ORA2_PROBLEM = """<openassessment submission_start="2030-03-02T08:00:00+00:00"
    submission_due="2030-03-09T23:59:00+00:00" text_response="required"
    file_upload_response="optional" file_upload_type="pdf-and-image" allow_latex="True"
    leaderboard_show="3" display_name="Ignored by ORA2 on import">
  <title>Design review of a bike-sharing app</title>
  <prompts>
    <prompt>
      <description>Describe the screen a rider uses to unlock a bike, and why.</description>
    </prompt>
    <prompt>
      <description>List two accessibility risks &amp; how you reduce them.</description>
    </prompt>
  </prompts>
  <rubric>
    <criterion feedback="optional">
      <name>Problem</name>
      <label>Understanding of the problem</label>
      <prompt>Does the answer state who rides and what they need?</prompt>
      <option points="0"><name>Missing</name><label>Missing</label>
        <explanation>No rider or need is named.</explanation></option>
      <option points="2"><name>Partial</name><label>Partial</label>
        <explanation>A rider is named, the need stays vague.</explanation></option>
      <option points="4"><name>Clear</name><label>Clear</label>
        <explanation>Rider and need are precise and justified.</explanation></option>
    </criterion>
    <criterion feedback="required">
      <name>Flow</name>
      <label>Unlock flow</label>
      <prompt>Can a first-time rider unlock a bike in under a minute?</prompt>
      <option points="0"><name>Blocked</name><label>Blocked</label>
        <explanation>A step is missing.</explanation></option>
      <option points="3"><name>Slow</name><label>Slow</label>
        <explanation>Every step is there, some are confusing.</explanation></option>
      <option points="6"><name>Smooth</name><label>Smooth</label>
        <explanation>Each step follows from the previous one.</explanation></option>
    </criterion>
    <criterion>
      <name>Accessibility</name>
      <label>Accessibility</label>
      <prompt>Are the two risks real, and are the fixes credible?</prompt>
      <option points="0"><name>None</name><label>None</label><explanation/></option>
      <option points="1"><name>One</name><label>One risk handled</label>
        <explanation>Only one risk has a credible fix.</explanation></option>
      <option points="3"><name>Both</name><label>Both risks handled</label>
        <explanation>Both risks and fixes are credible.</explanation></option>
    </criterion>
    <criterion feedback="disabled">
      <name>Visuals</name>
      <label>Sketches</label>
      <prompt>Do the sketches match the text?</prompt>
      <option points="0"><name>No</name><label>No</label><explanation></explanation></option>
      <option points="2"><name>Yes</name><label>Yes</label>
        <explanation>Every screen described is sketched.</explanation></option>
    </criterion>
    <criterion feedback="optional">
      <name>Writing</name>
      <label>Writing</label>
      <prompt>Is it concise and free of jargon?</prompt>
      <option points="0"><name>Hard</name><label>Hard to read</label>
        <explanation>Long sentences, undefined terms.</explanation></option>
      <option points="1"><name>Readable</name><label>Readable</label>
        <explanation>Short sentences, terms defined.</explanation></option>
    </criterion>
    <criterion feedback="required">
      <name>Advice</name>
      <label>One piece of advice</label>
      <prompt>What single change would improve this design most?</prompt>
    </criterion>
    <feedbackprompt>What did this design teach you about your own?</feedbackprompt>
    <feedback_default_text>I would keep... I would change...</feedback_default_text>
  </rubric>
  <assessments>
    <assessment name="student-training">
      <example>
        <answer><part>A one-tap unlock from the map.</part></answer>
        <select criterion="Problem" option="Partial"/>
      </example>
    </assessment>
    <assessment name="peer-assessment" must_grade="4" must_be_graded_by="3"
        start="2030-03-10T00:00:00+00:00" due="2030-03-16T23:59:00+00:00"
        enable_flexible_grading="true" grading_strategy="mean"/>
    <assessment name="self-assessment" start="2030-03-10T00:00:00+00:00"
        due="2030-03-12T23:59:00+00:00"/>
  </assessments>
</openassessment>"""

# The criteria as the workshop reads them: name -> (feedback rule, highest points).
ORA2_CRITERIA = {
    "Problem": ("optional", 4),
    "Flow": ("required", 6),
    "Accessibility": ("none", 3),
    "Visuals": ("none", 2),
    "Writing": ("optional", 1),
    "Advice": ("required", 0),
}


def ora2_rubric_element() -> str:
    """The `<rubric>` of the sample alone, as an ORA2 rubric pasted or placed in OLX."""
    start, end = ORA2_PROBLEM.index("<rubric>"), ORA2_PROBLEM.index("</rubric>")
    return ORA2_PROBLEM[start : end + len("</rubric>")]
