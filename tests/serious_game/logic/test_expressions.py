"""The condition language: what it accepts, how it evaluates, and how it refuses everything else."""

import pytest

from spoc_xblocks.serious_game.logic.expressions import (
    MAX_EXPRESSION_LENGTH,
    MAX_NESTING_DEPTH,
    ExpressionError,
    evaluate,
    nodes_referenced,
    parse_condition,
    variables_read,
)


def value_of(text, variables=None, visits=None):
    return evaluate(parse_condition(text), variables or {}, visits or {})


def error_of(text, variables=None, visits=None) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        value_of(text, variables, visits)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("12 / 4 / 3", 1.0),
        ("-2 * -3", 6),
        ("1 + 2 * 3 == 7", True),
        ("not 1 == 2", True),
        ("true or false and false", True),
        ("(true or false) and false", False),
        ("not true or true", True),
        ("2.5 >= 2.5", True),
        ("3 != 3", False),
    ],
)
def test_precedence_follows_arithmetic_then_comparison_then_not_and_or(text, expected):
    assert value_of(text) == expected


def test_variables_and_visit_counts_are_read_from_the_run():
    variables = {"trust": 2, "warned": False}
    visits = {"shortcut": 0, "office": 3}
    assert value_of('trust >= 2 and not visited("shortcut")', variables, visits) is True
    assert value_of('visits("office") * 2', variables, visits) == 6
    assert value_of("visited('office') and not warned", variables, visits) is True
    assert value_of('visits("never_seen")', variables, visits) == 0


def test_a_number_is_true_when_not_zero_in_and_or_not():
    assert value_of("trust and 1", {"trust": 3}) is True
    assert value_of("not trust", {"trust": 0}) is True


def test_and_short_circuits_so_a_guard_avoids_division_by_zero():
    assert value_of("tries > 0 and score / tries > 1", {"tries": 0, "score": 5}) is False


def test_a_number_never_equals_true_or_false():
    assert value_of("1 == true") is False
    assert value_of("0 != false") is True


def test_division_by_zero_is_a_clear_error_with_its_column():
    error = error_of("score / tries > 1", {"score": 1, "tries": 0})
    assert error.column == 7
    assert error.text() == "Division by zero at column 7."


def test_arithmetic_on_true_or_false_is_refused():
    error = error_of("warned + 1", {"warned": True})
    assert error.column == 8
    assert "needs numbers" in error.text()


def test_an_unknown_variable_is_an_evaluation_error_naming_it():
    error = error_of("ghost > 1")
    assert error.params["name"] == "ghost"
    assert error.column == 1


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("trust >", 8),
        ("trust >= 2 and", 15),
        ("(trust > 1", 1),
        ("trust > 1)", 10),
        ("trust = 2", 7),
        ("1 < 2 < 3", 7),
        ("'unclosed", 1),
        ("trust >= 2 and and", 16),
        ("visited(shortcut)", 1),
        ("visited", 1),
        ('"intro"', 1),
    ],
)
def test_syntax_errors_name_the_column(text, column):
    with pytest.raises(ExpressionError) as caught:
        parse_condition(text)
    assert caught.value.column == column
    assert f"column {column}" in caught.value.text()


def test_attribute_access_is_not_part_of_the_language():
    with pytest.raises(ExpressionError) as caught:
        parse_condition("trust.__class__")
    assert caught.value.column == 6
    assert caught.value.text() == "'.' at column 6 is not allowed in a condition."


@pytest.mark.parametrize("text", ['__import__("os")', 'eval("1")', "len(x)", "open('f')"])
def test_no_function_other_than_visited_and_visits(text):
    with pytest.raises(ExpressionError) as caught:
        parse_condition(text)
    assert "only visited and visits are allowed" in caught.value.text()


@pytest.mark.parametrize("text", ["x[0]", "x if y else z", "lambda: 1", "x ** 2", "a; b", "{}"])
def test_python_syntax_beyond_the_grammar_is_refused(text):
    with pytest.raises(ExpressionError):
        parse_condition(text)


def test_huge_input_is_refused_before_parsing():
    with pytest.raises(ExpressionError) as caught:
        parse_condition("1 + " * 200 + "1")
    assert caught.value.params["limit"] == MAX_EXPRESSION_LENGTH


def test_deep_nesting_is_refused():
    nested = "(" * (MAX_NESTING_DEPTH + 1) + "1" + ")" * (MAX_NESTING_DEPTH + 1)
    with pytest.raises(ExpressionError) as caught:
        parse_condition(nested)
    assert "nested too deeply" in caught.value.text()
    assert value_of("(" * MAX_NESTING_DEPTH + "1" + ")" * MAX_NESTING_DEPTH) == 1


def test_long_chains_of_not_are_refused_like_parentheses():
    with pytest.raises(ExpressionError):
        parse_condition("not " * (MAX_NESTING_DEPTH + 1) + "true")


def test_overlong_numbers_are_refused():
    with pytest.raises(ExpressionError) as caught:
        parse_condition("9" * 40 + " > 1")
    assert "too long" in caught.value.text()


def test_empty_condition_is_an_error():
    with pytest.raises(ExpressionError):
        parse_condition("   ")


def test_variables_read_and_nodes_referenced_list_what_a_condition_depends_on():
    expr = parse_condition('trust >= limit and not visited("shortcut") or visits("desk") > trust')
    assert variables_read(expr) == {"trust", "limit"}
    assert nodes_referenced(expr) == {"shortcut", "desk"}


def test_messages_are_translated_before_they_are_filled():
    with pytest.raises(ExpressionError) as caught:
        parse_condition("trust = 2")
    translations = {
        "Use '==' to compare values (column {column}).": "Utilisez '==' (colonne {column})."
    }
    assert (
        caught.value.text(lambda message: translations.get(message, message))
        == "Utilisez '==' (colonne 7)."
    )


def test_parsing_is_cached_and_trees_are_immutable():
    assert parse_condition("trust > 1") is parse_condition("trust > 1")
    with pytest.raises(AttributeError):
        parse_condition("trust > 1").op = "<"
