"""The expression language of `relevant` and `constraint` cells, a small subset of XLSForm's XPath, parsed
into a tree and evaluated by walking it: nothing is ever handed to `eval`.

Grammar (loosest binding first)::

    expr       := or
    or         := and ("or" and)*
    and        := compare ("and" compare)*
    compare    := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "div" | "mod") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER | STRING | "${" NAME "}" | "." | "true()" | "false()"
                | FUNCTION "(" [expr ("," expr)*] ")" | "(" expr ")"
    FUNCTION   := not | selected | string-length | count-selected | number | if

Values are None (no answer yet), numbers (Decimal), strings and booleans. `${name}` is the answer to the
item called name, `.` the answer being checked (in a constraint). Comparing with an unanswered item gives
false, except `${x} = ''`, which asks whether x is unanswered. Strings are in single or double quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, DecimalException, InvalidOperation
from functools import lru_cache
from typing import Any

Value = Decimal | str | bool | None

MAX_LENGTH = 2000  # longer text is not an expression someone meant to write
MAX_DEPTH = 50


class ExpressionError(ValueError):
    """A syntax error, with the character position where it was found (1-based)."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message if position is None else f"{message} (at character {position})")
        self.position = position


# ---- the tree ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: Value


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Literal | Ref | Current | Unary | Binary | Call


@dataclass(frozen=True)
class Expression:
    """A parsed expression and the names of the items it reads."""

    source: str
    tree: Node

    @property
    def references(self) -> frozenset[str]:
        found: set[str] = set()
        _collect_refs(self.tree, found)
        return frozenset(found)

    def evaluate(self, answers: Mapping[str, Value], current: Value = None) -> Value:
        return _evaluate(self.tree, answers, current)

    def holds(self, answers: Mapping[str, Value], current: Value = None) -> bool:
        return _truthy(self.evaluate(answers, current))


def _collect_refs(node: Node, found: set[str]) -> None:
    if isinstance(node, Ref):
        found.add(node.name)
    elif isinstance(node, Unary):
        _collect_refs(node.operand, found)
    elif isinstance(node, Binary):
        _collect_refs(node.left, found)
        _collect_refs(node.right, found)
    elif isinstance(node, Call):
        for arg in node.args:
            _collect_refs(arg, found)


# ---- tokens -----------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?|\.\d+)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<ref>\$\{(?P<refname>[A-Za-z_][A-Za-z0-9_.-]*)\})
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<dot>\.)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    """,
    re.VERBOSE,
)

FUNCTIONS: dict[str, tuple[int, int]] = {  # name -> (fewest, most) arguments
    "not": (1, 1),
    "selected": (2, 2),
    "string-length": (1, 1),
    "count-selected": (1, 1),
    "number": (1, 1),
    "if": (3, 3),
    "true": (0, 0),
    "false": (0, 0),
}
KEYWORDS = {"and", "or", "div", "mod"}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def _tokens(source: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            raise ExpressionError(f"unexpected character {source[pos]!r}", pos + 1)
        kind = match.lastgroup or ""
        if kind == "refname":
            kind = "ref"
        if kind != "space":
            text = match.group("refname") if kind == "ref" else match.group(0)
            out.append(_Token(kind, text, pos + 1))
        pos = match.end()
    out.append(_Token("end", "", len(source) + 1))
    return out


# ---- the parser -------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        if self.token.text != text or self.token.kind not in ("op", "word"):
            found = self.token.text or "the end"
            raise ExpressionError(f"expected {text!r} but found {found!r}", self.token.position)
        self.take()

    def parse(self) -> Node:
        node = self.or_()
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}", self.token.position)
        return node

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expression nested too deeply", self.token.position)

    def or_(self) -> Node:
        node = self.and_()
        while self.token.kind == "word" and self.token.text == "or":
            self.take()
            node = Binary("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.compare()
        while self.token.kind == "word" and self.token.text == "and":
            self.take()
            node = Binary("and", node, self.compare())
        return node

    def compare(self) -> Node:
        node = self.sum()
        if self.token.kind == "op" and self.token.text in ("=", "!=", "<", "<=", ">", ">="):
            op = self.take().text
            node = Binary(op, node, self.sum())
            if self.token.kind == "op" and self.token.text in ("=", "!=", "<", "<=", ">", ">="):
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and'", self.token.position
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.token.kind == "op" and self.token.text in ("+", "-"):
            op = self.take().text
            node = Binary(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while (self.token.kind == "op" and self.token.text == "*") or (
            self.token.kind == "word" and self.token.text in ("div", "mod")
        ):
            op = self.take().text
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text == "-":
            self.take()
            self._nest()
            node = Unary("-", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.take()
            return Literal(Decimal(token.text))
        if token.kind == "string":
            self.take()
            return Literal(token.text[1:-1])
        if token.kind == "ref":
            self.take()
            return Ref(token.text)
        if token.kind == "dot":
            self.take()
            return Current()
        if token.kind == "op" and token.text == "(":
            self.take()
            self._nest()
            node = self.or_()
            self.depth -= 1
            self.expect(")")
            return node
        if token.kind == "word" and token.text not in KEYWORDS:
            return self.call()
        found = token.text or "the end"
        raise ExpressionError(f"expected a value but found {found!r}", token.position)

    def call(self) -> Node:
        name_token = self.take()
        name = name_token.text
        if name not in FUNCTIONS:
            raise ExpressionError(
                f"unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))}; "
                "answers are written ${name})",
                name_token.position,
            )
        if not (self.token.kind == "op" and self.token.text == "("):
            raise ExpressionError(f"{name} needs parentheses: {name}(...)", self.token.position)
        self.take()
        self._nest()
        args: list[Node] = []
        if not (self.token.kind == "op" and self.token.text == ")"):
            args.append(self.or_())
            while self.token.kind == "op" and self.token.text == ",":
                self.take()
                args.append(self.or_())
        self.expect(")")
        self.depth -= 1
        fewest, most = FUNCTIONS[name]
        if not fewest <= len(args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise ExpressionError(
                f"{name}() takes {wanted} arguments, {len(args)} given", name_token.position
            )
        if name == "true":
            return Literal(True)
        if name == "false":
            return Literal(False)
        return Call(name, tuple(args))


@lru_cache(maxsize=2048)
def parse(source: str) -> Expression:
    """The expression in `source` (cached: a checklist evaluates the same few expressions on every tap)."""
    text = source.strip()
    if not text:
        raise ExpressionError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    return Expression(text, _Parser(text).parse())


# ---- evaluation -------------------------------------------------------------------------------------


def _truthy(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value != 0
    return value != ""


def _as_number(value: Value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _compare(op: str, left: Value, right: Value) -> bool:
    if op in ("=", "!="):
        # '' stands for "not answered": ${x} = '' is true while x has no answer.
        if left is None or right is None:
            equal = (left in (None, "")) and (right in (None, ""))
            return equal if op == "=" else not equal
        if isinstance(left, bool) or isinstance(right, bool):
            equal = _truthy(left) == _truthy(right)
        else:
            # '0.90' typed into a text cell equals the number 0.9; other text compares as text.
            left_n, right_n = _as_number(left), _as_number(right)
            if left_n is not None and right_n is not None:
                equal = left_n == right_n
            else:
                equal = _text(left) == _text(right)
        return equal if op == "=" else not equal
    left_n, right_n = _as_number(left), _as_number(right)
    if left_n is None or right_n is None:
        return False  # an unanswered or non-numeric value satisfies no ordering
    return {
        "<": left_n < right_n,
        "<=": left_n <= right_n,
        ">": left_n > right_n,
        ">=": left_n >= right_n,
    }[op]


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _arith(op: str, left: Value, right: Value) -> Value:
    left_n, right_n = _as_number(left), _as_number(right)
    if left_n is None or right_n is None:
        return None
    try:
        if op == "+":
            return left_n + right_n
        if op == "-":
            return left_n - right_n
        if op == "*":
            return left_n * right_n
        if op == "div":
            return left_n / right_n
        return left_n % right_n
    except DecimalException:
        return None  # division by zero or an overflow has no value, like an unanswered item


def _choices(value: Value) -> Sequence[str]:
    return _text(value).split()


_CALLS: dict[str, Callable[[list[Value]], Value]] = {
    "not": lambda a: not _truthy(a[0]),
    "selected": lambda a: _text(a[1]) in _choices(a[0]),
    "string-length": lambda a: Decimal(len(_text(a[0]))),
    "count-selected": lambda a: Decimal(len(_choices(a[0]))),
    "number": lambda a: _as_number(a[0]),
}


def _evaluate(node: Node, answers: Mapping[str, Value], current: Value) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return answers.get(node.name)
    if isinstance(node, Current):
        return current
    if isinstance(node, Unary):
        number = _as_number(_evaluate(node.operand, answers, current))
        return None if number is None else -number
    if isinstance(node, Binary):
        if node.op == "and":
            return _truthy(_evaluate(node.left, answers, current)) and _truthy(
                _evaluate(node.right, answers, current)
            )
        if node.op == "or":
            return _truthy(_evaluate(node.left, answers, current)) or _truthy(
                _evaluate(node.right, answers, current)
            )
        left = _evaluate(node.left, answers, current)
        right = _evaluate(node.right, answers, current)
        if node.op in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(node.op, left, right)
        return _arith(node.op, left, right)
    if node.name == "if":
        chosen = node.args[1] if _truthy(_evaluate(node.args[0], answers, current)) else node.args[2]
        return _evaluate(chosen, answers, current)
    values = [_evaluate(arg, answers, current) for arg in node.args]
    return _CALLS[node.name](values)


def check_references(expression: Expression, known: set[str] | frozenset[str]) -> list[str]:
    """Names the expression reads that are not items of the template."""
    return sorted(expression.references - set(known))


def as_value(answer: Any) -> Value:
    """An answer as the language sees it: verdicts and choices as their keys, numbers as Decimal."""
    if answer is None or isinstance(answer, Decimal | str | bool):
        return answer
    if isinstance(answer, int | float):
        return Decimal(str(answer))
    value = getattr(answer, "value", None)
    return value if isinstance(value, str) else str(answer)
