"""The condition language of choices: a tokenizer, a recursive-descent parser to small dataclasses,
an evaluator.

Conditions read variables and visit counts, for example `trust >= 2 and not visited("shortcut")`.
Nothing here calls Python's eval, compile or ast: only the grammar below can be expressed.

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := number | "true" | "false" | name
                | ("visited" | "visits") "(" "node id" ")" | "(" or ")"

Numbers and true/false do not mix: arithmetic and ordering need numbers, `==` between a number and
true/false is simply false. `and`, `or`, `not` treat a non-zero number as true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spoc_xblocks.common.text import TranslatableError, _

from .model import Value

MAX_EXPRESSION_LENGTH = 500
MAX_NESTING_DEPTH = 32
MAX_NUMBER_DIGITS = 15
VISIT_FUNCTIONS = ("visited", "visits")
KEYWORDS = ("and", "or", "not", "true", "false")
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<string>"[^"]*"|'[^']*')
      | (?P<op>==|!=|<=|>=|[<>+\-*/(),])""",
    re.VERBOSE,
)


class ExpressionError(TranslatableError):
    """A condition that cannot be read or evaluated; `column` (1-based) points at the culprit."""

    def __init__(self, message: str, column: int, **params):
        self.column = column
        super().__init__(message, column=column, **params)


@dataclass(frozen=True)
class Constant:
    value: Value
    column: int


@dataclass(frozen=True)
class Variable:
    name: str
    column: int


@dataclass(frozen=True)
class VisitCount:
    """`visited("node")` (a boolean) or `visits("node")` (a count)."""

    function: str
    node: str
    column: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Expr
    column: int


@dataclass(frozen=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    column: int


Expr = Constant | Variable | VisitCount | Unary | Binary


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    column: int


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        column = position + 1
        if match is None:
            character = text[position]
            if character in "\"'":
                raise ExpressionError(
                    _("The text in quotes that starts at column {column} is not closed."), column
                )
            if character == "=":
                raise ExpressionError(_("Use '==' to compare values (column {column})."), column)
            raise ExpressionError(
                _("'{character}' at column {column} is not allowed in a condition."),
                column,
                character=character,
            )
        kind = match.lastgroup
        if kind == "number" and len(match.group()) > MAX_NUMBER_DIGITS:
            raise ExpressionError(
                _("The number at column {column} is too long (at most {limit} characters)."),
                column,
                limit=MAX_NUMBER_DIGITS,
            )
        if kind != "space":
            tokens.append(_Token(kind, match.group(), column))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.position]

    def advance(self) -> _Token:
        token = self.current
        self.position += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.current.kind in ("op", "name") and self.current.text in texts

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise ExpressionError(
                _(
                    "The condition is nested too deeply at column {column} (at most {limit} "
                    "levels)."
                ),
                column,
                limit=MAX_NESTING_DEPTH,
            )

    def leave(self) -> None:
        self.depth -= 1

    def unexpected(self) -> ExpressionError:
        token = self.current
        if token.kind == "end":
            return ExpressionError(
                _("The condition ends at column {column} where a value was expected."), token.column
            )
        return ExpressionError(
            _("Unexpected '{token}' at column {column}."), token.column, token=token.text
        )

    def condition(self) -> Expr:
        expr = self.disjunction()
        if self.current.kind != "end":
            raise self.unexpected()
        return expr

    def disjunction(self) -> Expr:
        expr = self.conjunction()
        while self.at("or"):
            operator = self.advance()
            expr = Binary("or", expr, self.conjunction(), operator.column)
        return expr

    def conjunction(self) -> Expr:
        expr = self.negation()
        while self.at("and"):
            operator = self.advance()
            expr = Binary("and", expr, self.negation(), operator.column)
        return expr

    def negation(self) -> Expr:
        if not self.at("not"):
            return self.comparison()
        operator = self.advance()
        self.enter(operator.column)
        operand = self.negation()
        self.leave()
        return Unary("not", operand, operator.column)

    def comparison(self) -> Expr:
        expr = self.sum()
        if self.at(*COMPARISONS):
            operator = self.advance()
            expr = Binary(operator.text, expr, self.sum(), operator.column)
            if self.at(*COMPARISONS):
                raise ExpressionError(
                    _("Comparisons cannot be chained (column {column}); join them with 'and'."),
                    self.current.column,
                )
        return expr

    def sum(self) -> Expr:
        expr = self.product()
        while self.at("+", "-"):
            operator = self.advance()
            expr = Binary(operator.text, expr, self.product(), operator.column)
        return expr

    def product(self) -> Expr:
        expr = self.unary()
        while self.at("*", "/"):
            operator = self.advance()
            expr = Binary(operator.text, expr, self.unary(), operator.column)
        return expr

    def unary(self) -> Expr:
        if not self.at("-"):
            return self.primary()
        operator = self.advance()
        self.enter(operator.column)
        operand = self.unary()
        self.leave()
        return Unary("-", operand, operator.column)

    def primary(self) -> Expr:
        token = self.current
        if token.kind == "number":
            self.advance()
            value = float(token.text) if "." in token.text else int(token.text)
            return Constant(value, token.column)
        if token.kind == "string":
            raise ExpressionError(
                _(
                    "Text in quotes (column {column}) is only allowed as the node id of visited() "
                    "or visits()."
                ),
                token.column,
            )
        if token.kind == "name":
            return self.name()
        if self.at("("):
            self.advance()
            self.enter(token.column)
            expr = self.disjunction()
            self.leave()
            if not self.at(")"):
                raise ExpressionError(
                    _("The parenthesis opened at column {column} is not closed."), token.column
                )
            self.advance()
            return expr
        raise self.unexpected()

    def name(self) -> Expr:
        token = self.advance()
        if token.text in ("true", "false"):
            return Constant(token.text == "true", token.column)
        if token.text in KEYWORDS:
            self.position -= 1
            raise self.unexpected()
        if token.text in VISIT_FUNCTIONS:
            return self.visit_count(token)
        if self.at("("):
            raise ExpressionError(
                _(
                    "'{name}' (column {column}) is not a function you can use: only visited and "
                    "visits are allowed."
                ),
                token.column,
                name=token.text,
            )
        return Variable(token.text, token.column)

    def visit_count(self, function: _Token) -> Expr:
        if not self.at("("):
            raise _visit_argument_error(function)
        self.advance()
        argument = self.advance()
        if argument.kind != "string" or not self.at(")"):
            raise _visit_argument_error(function)
        self.advance()
        return VisitCount(function.text, argument.text[1:-1], function.column)


def _visit_argument_error(function: _Token) -> ExpressionError:
    return ExpressionError(
        _(
            "{function} (column {column}) takes one node id in quotes, for example "
            '{function}("intro").'
        ),
        function.column,
        function=function.text,
    )


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> Expr:
    """Parse a condition once into an immutable tree; raise ExpressionError naming the column of the
    problem."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            _("The condition is too long: {length} characters, at most {limit} are allowed."),
            MAX_EXPRESSION_LENGTH + 1,
            length=len(text),
            limit=MAX_EXPRESSION_LENGTH,
        )
    if not text.strip():
        raise ExpressionError(_("The condition is empty."), 1)
    return _Parser(_tokenize(text)).condition()


def spelled(value: Value) -> str:
    """A value as conditions write it: true, false or the number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def is_true(value: Value) -> bool:
    """Truth of a condition's value: true/false as such, a number when it is not zero."""
    return value if isinstance(value, bool) else value != 0


def evaluate(expr: Expr, variables: Mapping[str, Value], visit_counts: Mapping[str, int]) -> Value:
    """Value of `expr`; raise ExpressionError for unknown variables, type mismatches and division by
    zero."""
    if isinstance(expr, Constant):
        return expr.value
    if isinstance(expr, Variable):
        if expr.name not in variables:
            raise ExpressionError(
                _("The variable '{name}' (column {column}) has no value."),
                expr.column,
                name=expr.name,
            )
        return variables[expr.name]
    if isinstance(expr, VisitCount):
        count = visit_counts.get(expr.node, 0)
        return count > 0 if expr.function == "visited" else count
    if isinstance(expr, Unary):
        operand = evaluate(expr.operand, variables, visit_counts)
        return not is_true(operand) if expr.op == "not" else -_number(operand, expr)
    if expr.op == "and":
        return is_true(evaluate(expr.left, variables, visit_counts)) and is_true(
            evaluate(expr.right, variables, visit_counts)
        )
    if expr.op == "or":
        return is_true(evaluate(expr.left, variables, visit_counts)) or is_true(
            evaluate(expr.right, variables, visit_counts)
        )
    left = evaluate(expr.left, variables, visit_counts)
    right = evaluate(expr.right, variables, visit_counts)
    if expr.op in ("==", "!="):
        equal = isinstance(left, bool) == isinstance(right, bool) and left == right
        return equal if expr.op == "==" else not equal
    return _arithmetic(expr, _number(left, expr), _number(right, expr))


def _number(value: Value, expr: Unary | Binary) -> int | float:
    if isinstance(value, bool):
        raise ExpressionError(
            _("'{operator}' at column {column} needs numbers, not true or false."),
            expr.column,
            operator=expr.op,
        )
    return value


def _arithmetic(expr: Binary, left: int | float, right: int | float) -> Value:
    op = expr.op
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    if op == ">=":
        return left >= right
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right == 0:
        raise ExpressionError(_("Division by zero at column {column}."), expr.column)
    try:
        return left / right
    except OverflowError:
        raise ExpressionError(
            _("The division at column {column} gives a number too large."), expr.column
        ) from None


def _subexpressions(expr: Expr) -> Iterator[Expr]:
    pending = [expr]
    while pending:
        current = pending.pop()
        yield current
        if isinstance(current, Unary):
            pending.append(current.operand)
        elif isinstance(current, Binary):
            pending.extend((current.right, current.left))


def variables_read(expr: Expr) -> frozenset[str]:
    return frozenset(part.name for part in _subexpressions(expr) if isinstance(part, Variable))


def nodes_referenced(expr: Expr) -> frozenset[str]:
    return frozenset(part.node for part in _subexpressions(expr) if isinstance(part, VisitCount))


def numbers_in(expr: Expr) -> frozenset[int | float]:
    """The number literals of `expr` (the state exploration keeps values distinguishable up to
    these)."""
    return frozenset(
        part.value
        for part in _subexpressions(expr)
        if isinstance(part, Constant) and not isinstance(part.value, bool)
    )
