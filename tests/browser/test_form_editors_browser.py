"""The Studio editors' Form tabs in Chromium: an author builds a rubric, a pulse and a skills check
without typing XML, with the keyboard's reorder buttons; the XML of the Advanced tab follows, the
form follows the XML, and the saved OLX is the one the XML tab would have saved. Each journey
counts the author's actions (clicks and fields filled) against the characters of the XML they
spared (docs/benchmarks.md)."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import assert_accessible

FRESH_WORKSHOP = "spoc_peer_workshop.1"


def stored(scenario: str):
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    return WorkbenchRuntime("trainer").get_block(get_scenarios()[scenario].usage_id)


class Author:
    """Acts in the page and counts what a person would do: each click, each field filled."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, locator):
        locator.click()
        self.actions += 1

    def fill(self, locator, text: str):
        locator.fill(text)
        self.actions += 1


def own_button(item, name: str):
    """An item's own Remove or Move button, not those of the items inside it."""
    return item.locator(":scope > .spoc-form__actions").get_by_role("button", name=name)


def report(what: str, actions: int, xml: str) -> None:
    typed = len(xml)
    unindented = sum(len(line.strip()) for line in xml.splitlines())
    print(
        f"\n{what}: {actions} author actions in the form; the same content typed as XML is "
        f"{typed} characters ({unindented} without indentation)"
    )


def test_an_author_builds_a_four_criterion_rubric_without_typing_xml(open_page):
    page = open_page(f"/scenario/{FRESH_WORKSHOP}/studio_view/", "trainer", width=1024)
    author = Author(page)
    criteria = page.locator(".spoc-form-editor fieldset.spoc-form__item:not(.spoc-form__item *)")
    expect(criteria).to_have_count(3)
    expect(page.locator("[data-spoc-form-total]")).to_have_text("Total: 10 points")
    assert_accessible(page)
    for _ in range(3):
        author.click(own_button(criteria.first, "Remove"))
    expect(criteria).to_have_count(0)
    expect(page.get_by_role("button", name="Add a criterion")).to_be_focused()
    expect(page.locator("[data-spoc-live]")).to_have_text("Criterion 1 removed.")
    problems = page.locator("[data-spoc-form-problems]")  # checked live, as the server would
    expect(problems).to_contain_text("Before this can be saved")
    expect(problems).to_contain_text("The rubric needs at least one <criterion>.")

    wanted = {
        "Structure": ["Missing", "Partial", "Complete"],
        "Evidence": ["None", "Some", "Strong"],
        "Style": ["Hard to read", "Readable", "Engaging"],
        "Timing": ["Late", "On time"],
    }
    for number, (label, levels) in enumerate(wanted.items(), start=1):
        author.click(page.get_by_role("button", name="Add a criterion"))
        criterion = criteria.nth(number - 1)
        expect(criterion.get_by_label("Criterion label")).to_be_focused()
        author.fill(criterion.get_by_label("Criterion label"), label)
        author.fill(criterion.get_by_label("Prompt"), f"How good is the {label.lower()}?")
        for index, level in enumerate(levels):
            author.click(criterion.get_by_role("button", name="Add a level"))
            level_set = criterion.locator("fieldset").nth(index)
            author.fill(level_set.get_by_label("Level label"), level)
            expect(level_set.get_by_label("Level points")).to_have_value(str(index))
    author.click(criteria.nth(3).get_by_role("button", name="Add a level"))
    expect(page.locator("[data-spoc-form-total]")).to_have_text("Total: 8 points")
    extra = criteria.nth(3).locator("fieldset").nth(2)
    author.fill(extra.get_by_label("Level label"), "Early")
    author.fill(extra.get_by_label("Level points"), "4")
    expect(page.locator("[data-spoc-form-total]")).to_have_text("Total: 10 points")
    criteria.nth(3).get_by_label("Comment box").select_option("required")
    author.actions += 1

    # Timing moves to the top with the keyboard: focus stays on its button, and it is said.
    own_button(criteria.nth(3), "Move up").focus()
    for position in (3, 2, 1):
        page.keyboard.press("Enter")
        author.actions += 1
        expect(page.locator("[data-spoc-live]")).to_have_text(
            f"Criterion {position + 1} moved to position {position}."
        )
        expect(page.locator(f"#{page.evaluate('document.activeElement.id')}")).to_have_text(
            "Move up"
        )
    expect(criteria.first.get_by_label("Criterion label")).to_have_value("Timing")
    assert_accessible(page)
    editor = page.locator(".spoc-form-editor")
    assert editor.evaluate("element => element.scrollWidth <= element.clientWidth")  # 1024 px

    # The Advanced tab holds the same rubric as XML, with generated names.
    author.click(page.get_by_role("tab", name="Advanced (XML)"))
    xml = page.locator("[name='rubric_xml']")
    assert '<criterion name="criterion-4" feedback="required">' in xml.input_value()
    assert xml.input_value().index("Timing") < xml.input_value().index("Structure")
    author.click(page.get_by_role("button", name="Save"))
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    saved = stored(FRESH_WORKSHOP).rubric_xml
    assert saved == xml.input_value()  # the form writes the canonical XML itself
    assert [criterion.label for criterion in _rubric(saved).criteria] == [
        "Timing",
        "Structure",
        "Evidence",
        "Style",
    ]
    report("rubric, 4 criteria and 12 levels", author.actions, saved)
    assert page.js_errors == []


def _rubric(xml: str):
    from spoc_xblocks.peer_workshop.olx import rubric_from_xml

    return rubric_from_xml(xml)


def test_the_rubric_form_follows_the_xml_and_keeps_itself_when_the_xml_breaks(open_page):
    from tests.peer_workshop.logic.test_rubric import ORA2_RUBRIC

    page = open_page(f"/scenario/{FRESH_WORKSHOP}/studio_view/", "trainer", width=1280)
    labels = page.get_by_label("Criterion label")
    expect(labels).to_have_count(3)
    page.get_by_role("tab", name="Form").press("ArrowRight")
    expect(page.get_by_role("tab", name="Advanced (XML)")).to_be_focused()
    xml = page.locator("[name='rubric_xml']")
    xml.fill(ORA2_RUBRIC)  # ORA2's rubric, read by the server as an import reads it
    page.get_by_role("tab", name="Form").click()
    expect(labels).to_have_count(2)
    expect(labels.first).to_have_value("Ideas")
    expect(page.locator("[data-spoc-form-total]")).to_have_text("Total: 6 points")

    page.get_by_role("tab", name="Advanced (XML)").click()
    xml.fill(ORA2_RUBRIC.replace("</rubric>", ""))
    problems = page.locator("[data-spoc-form-problems]")
    expect(problems).to_contain_text("The XML cannot be read")
    expect(problems).to_contain_text("The rubric cannot be read: The XML is not well formed")
    page.get_by_role("tab", name="Form").click()
    expect(labels).to_have_count(2)  # the last readable version stays
    labels.nth(1).fill("Content and details")  # an edit in the form rewrites the XML
    expect(problems).to_be_hidden()
    move_down = own_button(page.locator("fieldset.spoc-form__item").first, "Move down")
    move_down.press("Enter")
    expect(page.locator("[data-spoc-live]")).to_have_text("Criterion 1 moved to position 2.")
    last = own_button(
        page.locator("fieldset.spoc-form__item:not(.spoc-form__item *)").nth(1), "Move down"
    )
    expect(last).to_be_focused()
    expect(last).to_have_attribute("aria-disabled", "true")  # focus stays; it goes no further
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    rubric = _rubric(stored(FRESH_WORKSHOP).rubric_xml)
    assert [criterion.label for criterion in rubric.criteria] == ["Content and details", "Ideas"]
    assert rubric.criteria[0].feedback == "none"
    assert_accessible(page)

    # A refusal of the XML, saved from the form, is shown in the Advanced tab, at the XML.
    for _ in range(2):
        own_button(page.locator("fieldset.spoc-form__item").first, "Remove").click()
    page.get_by_role("button", name="Save").click()
    expect(xml).to_be_focused()
    expect(page.locator("[data-spoc-error-for='rubric_xml']")).to_contain_text("Nothing was saved")
    assert len(_rubric(stored(FRESH_WORKSHOP).rubric_xml).criteria) == 2
    assert page.js_errors == []


def emptied_engagement_editor(open_page, scenario: str, count: int):
    """The widget's editor at 1024 px, its default items removed and its introduction emptied (the
    XML measured against the form then holds only what the author builds)."""
    page = open_page(f"/scenario/{scenario}/studio_view/", "trainer", width=1024)
    author = Author(page)
    items = page.locator("fieldset.spoc-form__item:not(.spoc-form__item *)")
    expect(items).to_have_count(count)
    while items.count():
        author.click(own_button(items.first, "Remove"))
    author.fill(page.get_by_label("Introduction (HTML)"), "")
    return page, author, items


def test_an_author_builds_a_five_question_pulse_and_a_learner_answers_it(open_page):
    from .test_engagement_browser import choose_with_arrows

    page, author, questions = emptied_engagement_editor(open_page, "spoc_pulse.0", 6)
    wanted = [
        ("The pace of the course suits me.", "likert", []),
        ("How useful were the videos?", "stars", []),
        ("Would you recommend the course to a colleague?", "nps", []),
        ("Which activity helped you most?", "single", ["Role plays", "Videos", "Forum"]),
        ("What should we change?", "text", []),
    ]
    for number, (text, kind, options) in enumerate(wanted):
        author.click(page.get_by_role("button", name="Add a question"))
        question = questions.nth(number)
        author.fill(question.get_by_label("Question text"), text)
        if kind != "likert":
            question.get_by_label("Kind of answer").select_option(kind)
            author.actions += 1
        for index, option in enumerate(options):
            author.click(question.get_by_role("button", name="Add an option"))
            author.fill(question.get_by_label("Option text").nth(index), option)
    author.click(questions.nth(4).get_by_label("An answer is required"))
    assert_accessible(page)

    # The written question moves up with the keyboard; it keeps its id, which is never shown.
    own_button(questions.nth(4), "Move up").focus()
    page.keyboard.press("Enter")
    author.actions += 1
    expect(page.locator("[data-spoc-live]")).to_have_text("Question 5 moved to position 4.")
    expect(own_button(questions.nth(3), "Move up")).to_be_focused()
    expect(page.locator(".spoc-form-editor")).not_to_contain_text("question-5")

    author.click(page.get_by_role("button", name="Save"))
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    from spoc_xblocks.engagement.olx import body_text

    block = stored("spoc_pulse.0")
    saved = block.authored.questions
    assert [question.id for question in saved] == [
        "question-1",
        "question-2",
        "question-3",
        "question-5",
        "question-4",
    ]
    assert saved[3].required is False and [option.label for option in saved[4].options] == [
        "Role plays",
        "Videos",
        "Forum",
    ]
    page.get_by_role("tab", name="Advanced (XML)").click()
    node = _element(block)
    assert page.locator("[name='body']").input_value() == body_text(node)  # as the server writes
    report("pulse, 5 questions", author.actions, body_text(node))
    assert page.js_errors == []

    learner = open_page("/scenario/spoc_pulse.0/", "alice")
    asked = learner.locator("[data-spoc-question]")
    expect(asked).to_have_count(5)
    choose_with_arrows(learner, asked.nth(0), 3)
    choose_with_arrows(learner, asked.nth(1), 4)
    choose_with_arrows(learner, asked.nth(2), 9)
    choose_with_arrows(learner, asked.nth(4), 0)
    learner.locator("button[data-spoc-handler=answer]").click()
    expect(learner.locator(".spoc-pulse__heading")).to_have_text(
        "Thank you: your answers were recorded"
    )
    assert learner.js_errors == []


def _element(block):
    from lxml import etree

    node = etree.Element(block.scope_ids.block_type)
    block.content_to_node(block.authored, node)
    return node


def test_an_author_builds_a_three_competency_skills_check_and_a_learner_rates(open_page):
    from .test_engagement_browser import rate_with_keyboard

    page, author, competencies = emptied_engagement_editor(open_page, "spoc_skills_check.0", 3)
    for number, label in enumerate(("Listening", "Explaining", "Negotiating")):
        author.click(page.get_by_role("button", name="Add a competency"))
        competency = competencies.nth(number)
        expect(competency.get_by_label("Competency")).to_be_focused()
        author.fill(competency.get_by_label("Competency"), label)
        for level in range(1, 6):
            author.fill(competency.get_by_label(f"Level {level} means"), f"{label}, step {level}")
    own_button(competencies.nth(2), "Move up").press("Enter")
    author.actions += 1
    expect(page.locator("[data-spoc-live]")).to_have_text("Competency 3 moved to position 2.")
    assert_accessible(page)
    author.click(page.get_by_role("button", name="Save"))
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    from spoc_xblocks.engagement.olx import body_text

    block = stored("spoc_skills_check.0")
    assert [(item.id, item.label) for item in block.authored.competencies] == [
        ("competency-1", "Listening"),
        ("competency-3", "Negotiating"),
        ("competency-2", "Explaining"),
    ]
    assert block.authored.competencies[1].levels[4] == "Negotiating, step 5"
    report("skills check, 3 competencies", author.actions, body_text(_element(block)))
    assert page.js_errors == []

    learner = open_page("/scenario/spoc_skills_check.0/", "emma")
    expect(learner.locator("[data-spoc-competency]")).to_have_count(3)
    rate_with_keyboard(learner, [2, 4, 3])
    expect(learner.locator(".spoc-skills__panel table")).to_contain_text("Negotiating")
    assert learner.js_errors == []


def test_removing_an_answered_question_asks_first_and_says_how_many_answers(open_page):
    """Answers are counted by question id: removing an answered question hides its answers from
    the results and the export, so the author is told how many before it goes."""
    from spoc_xblocks.engagement.models import PulseResponse

    block = stored("spoc_pulse.0")
    for pace in (4, 2):
        PulseResponse.objects.create(
            course_key=block.course_key, usage_key=block.usage_key, answers={"pace": pace}
        )
    page = open_page("/scenario/spoc_pulse.0/studio_view/", "trainer", width=1024)
    questions = page.locator("fieldset.spoc-form__item:not(.spoc-form__item *)")
    expect(questions).to_have_count(6)
    asked = []

    def answer(dialog, accept: bool):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    own_button(questions.first, "Remove").click()
    expect(questions).to_have_count(6)
    assert asked == [
        "Answers to this question so far: 2. Once it is removed, they no longer show in the "
        "results or the CSV export. Remove it?"
    ]
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    own_button(questions.first, "Remove").click()
    expect(questions).to_have_count(5)
    own_button(questions.last, "Remove").click()  # never answered: no question asked
    expect(questions).to_have_count(4)
    assert len(asked) == 2 and page.js_errors == []


def test_the_editors_strings_come_with_the_editor_only(open_page):
    """Learners' pages carry the scripts' strings they use; Studio's editors add their own (a
    French pulse page stays light, its editor still speaks French)."""
    editor = open_page("/scenario/spoc_pulse.0/studio_view/", "trainer", locale="fr-FR")
    expect(editor.get_by_role("button", name="Ajouter une question")).to_be_visible()
    expect(
        editor.get_by_role("button", name="En faire un avis de module en un clic")
    ).to_be_visible()
    learner = open_page("/scenario/spoc_pulse.0/", "alice", locale="fr-FR")
    assert learner.evaluate("window.SpocI18N.gettext('Add a question')") == "Add a question"
    assert learner.evaluate("window.SpocI18N.gettext('Saving')") != "Saving"
    assert editor.js_errors == [] and learner.js_errors == []
