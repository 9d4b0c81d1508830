"""User text can never change the structure of a Markdown export.

A plan whose every field holds a hostile string is rendered, parsed with markdown-it-py
and compared token by token with the same plan holding plain placeholder words: the
block structure must be identical and each hostile string must come back as literal
text in its placeholder's place.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pydantic import BaseModel

from successplan.answers.returns import read_return
from successplan.export.escape import multi_line, single_line
from successplan.export.markdown import render_markdown, short_objective
from successplan.model import LINE_MAX, Customer

from .conftest import TODAY, placeholder, plan_with

HOSTILE = [
    "# Heading",
    "## Not a heading either ##",
    "Closing hashes #",
    "a | b | c",
    "| --- | --- |",
    "- [x] done already",
    "- [ ] an extra task",
    "* bullet",
    "+ plus bullet",
    "1. ordered",
    "2026) ordered too",
    "`code` and ```fence",
    "```python",
    "~~~",
    "~~struck~~ and ~single~",
    "*emphasis* and **strong**",
    "_under_ and __strong__ snake_case_name",
    "[link](javascript:alert(1))",
    "![image](http://example.com/x.png)",
    "<https://example.com> autolink",
    "<script>alert('x')</script>",
    "<!-- a comment -->",
    "<div>block html</div>",
    "&amp; &lt; &#35; &copy; R&D",
    "> quoted",
    "---",
    "***",
    "___",
    "===",
    "\\ trailing backslash \\",
    "[ref]: http://example.com",
    "[^1] footnote",
    "$x^2$ and $$math$$ costs $5",
    "line one\n# line two heading\n- line three",
    "para one\n\npara two\n\n    indented code",
    "first line  \nhard break before me",
    "tab\tinside and\n\tindented",
    "    four spaces",
    "\\- already escaped \\*",
    "www.example.com http://example.com",
    "😀 only emoji 🎉",
]


@cache
def parser() -> MarkdownIt:
    """GitHub-flavoured, as far as markdown-it goes: raw HTML on so leaks would show."""
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # GitHub reads `$…$` as math only when no space is inside the dollars (`allow_space`).
    math = {"allow_space": False}
    return renderer.use(tasklists_plugin).use(footnote_plugin).use(dollarmath_plugin, **math)


FINGERPRINT = re.compile(r"(?<=open |done )[0-9a-f]{8}")


def _folded(text: str) -> str:
    return " ".join(text.split())


def flatten(tokens: list[Token]) -> list[tuple[object, ...]]:
    """The token stream with text runs joined (breaks as spaces) and whitespace folded."""
    out: list[tuple[object, ...]] = []
    for token in tokens:
        if token.type != "inline":
            content = token.content if token.type != "html_block" else token.content.strip()
            out.append((token.type, token.tag, token.nesting, token.level, token.markup, content))
            continue
        run: list[str] = []
        for child in token.children or []:
            if child.type == "text":
                run.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                run.append(" ")
            else:
                if _folded("".join(run)):
                    out.append(("text", _folded("".join(run))))
                run = []
                attrs = tuple(sorted((child.attrs or {}).items()))
                # The fingerprint of the text differs by design; review tests check it.
                content = FINGERPRINT.sub("?", child.content)
                out.append((child.type, child.tag, child.nesting, attrs, content))
        if _folded("".join(run)):
            out.append(("text", _folded("".join(run))))
    return out


def _lines(value: str) -> str:
    return " ".join(value.split("\n")).replace("\t", " ")[:LINE_MAX]


def assert_literal_everywhere(values: dict[str, str], *, internal: bool) -> None:
    """Render with `values` and with placeholders; the two must differ only in the words."""

    def hostile_line(key: str) -> str:
        return _lines(values[key])

    def hostile_text(key: str) -> str:
        return values[key]

    hostile = plan_with(hostile_line, hostile_text)
    plain = plan_with(placeholder, placeholder)
    expected = flatten(parser().parse(render_markdown(plain, internal=internal, today=TODAY)))
    actual = flatten(parser().parse(render_markdown(hostile, internal=internal, today=TODAY)))
    substitutions = sorted(
        ((placeholder(key), _folded(value)) for key, value in _all_values(hostile).items()),
        key=lambda pair: -len(pair[0]),
    )
    substituted = []
    for entry in expected:
        if entry[0] == "text":
            text = str(entry[1])
            for word, value in substitutions:
                text = text.replace(word, value)
            entry = ("text", _folded(text))
        substituted.append(entry)
    assert [e[:-1] for e in actual] == [e[:-1] for e in substituted]
    assert actual == substituted


def _all_values(plan: Customer) -> dict[str, str]:
    """Each field's key and the string the plan holds for it (after the model's trimming)."""
    keyed = plan_with(lambda key: key, lambda key: key)
    return dict(zip(_strings(keyed), _strings(plan), strict=True))


def _strings(model: BaseModel) -> list[str]:
    """Every user string of a plan, in a fixed order."""
    out: list[str] = []
    for name in type(model).model_fields:
        if name in ("id", "supersedes"):
            continue
        value = getattr(model, name)
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, BaseModel):
                out.extend(_strings(each))
            elif isinstance(each, str) and not hasattr(each, "value"):
                out.append(each)
    return out


@pytest.mark.parametrize("internal", [False, True], ids=["customer", "internal"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_renders_as_literal_text_in_its_place(value: str, internal: bool) -> None:
    keys = _keys()
    assert_literal_everywhere(dict.fromkeys(keys, value), internal=internal)


@cache
def _keys() -> tuple[str, ...]:
    keys: list[str] = []

    def record(key: str) -> str:
        keys.append(key)
        return placeholder(key)

    plan_with(record, record)
    return tuple(keys)


def test_each_field_can_hold_a_different_hostile_string() -> None:
    keys = _keys()
    values = {key: HOSTILE[number % len(HOSTILE)] for number, key in enumerate(keys)}
    assert_literal_everywhere(values, internal=True)


def test_hostile_text_round_trips_through_a_returned_plan_unchanged() -> None:
    for value in HOSTILE:
        plan = plan_with(lambda key, v=value: _lines(v), lambda key, v=value: v)
        markdown = render_markdown(plan, today=TODAY)
        assert read_return(plan, markdown).changes == []


def test_escaping_keeps_ordinary_prose_readable() -> None:
    assert single_line("R&D grew 50% in Q1 (see plan_v2), 3.5x faster!") == (
        "R&D grew 50% in Q1 (see plan_v2), 3.5x faster!"
    )
    assert multi_line("# a\n\n\n- b", "  ") == "\\# a\\\n  \\- b"


def test_short_objective_keeps_headings_short() -> None:
    assert short_objective("x" * 200).endswith("…")
    assert len(short_objective("x" * 200)) == 80
    assert short_objective("first\nsecond") == "first"


SPECIALS = [*"#|-[]x`*_<>()!:&;$~=+.\\/ \n\t1aZ", "&amp;", "<!--", "-->", "```", "- [ ] "]
hostile_strings = st.lists(
    st.one_of(
        st.sampled_from(SPECIALS),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=25,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_strings, min_size=3, max_size=3))
def test_generated_text_renders_as_literal_text(samples: list[str]) -> None:
    cleaned = [sample.strip() for sample in samples]
    assume(all(_lines(sample).strip() for sample in cleaned))
    assume(all(short_objective(sample) for sample in cleaned))
    keys = _keys()
    values = {key: cleaned[number % 3] for number, key in enumerate(keys)}
    assert_literal_everywhere(values, internal=True)
    plan = plan_with(lambda key: _lines(values[key]), lambda key: values[key])
    assert read_return(plan, render_markdown(plan, today=TODAY)).changes == []


def test_amounts_keep_their_dollar_signs_and_never_turn_into_math() -> None:
    """GitHub reads `$…$` as math only when the closing `$` follows a non-space: a `$`
    after a space can only open, so amounts stay as typed; a `$` that could close is
    escaped, and so no pair forms."""
    amounts = "Grow from $250,000 to $1.2M (a $950k gain)"
    assert single_line(amounts) == amounts
    assert single_line("Budget: US$5 and $x$") == "Budget: US\\$5 and $x\\$"
    rendered = parser().render(f"- {single_line(amounts)}\n- {single_line('US$5 and $x$')}\n")
    assert "math" not in rendered
    assert "$250,000 to $1.2M" in rendered and "US$5 and $x$" in rendered
