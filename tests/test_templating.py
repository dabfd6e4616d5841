"""The Jinja environment's memoised includes: the same text as rendering every time, made once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest

from sitegen.problems import BuildError
from sitegen.templating import make_environment, memoise, render


@dataclass(frozen=True)
class Person:
    name: str
    title: str


@dataclass
class Loose:
    """Not frozen: could change between two pages, so never taken as the same."""

    name: str
    title: str


PAGE = '<ul>{% for expert in experts %}{% include "_card.html" %}{% endfor %}</ul>'
CARD = '{% set size = "small" %}<li>{% include "_name.html" %}{{ count() }}</li>'
NAME = "{{ expert.name }} ({{ expert.title }}, {{ size }})"


def environment(tmp_path: Path, templates: dict[str, str]) -> tuple[jinja2.Environment, list[int]]:
    """An environment as a build makes it, over these templates, and how often ``count()`` was called."""
    folder = tmp_path / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in templates.items():
        (folder / name).write_text(source, encoding="utf-8")
    env = make_environment(tmp_path, "https://example.org/")
    calls: list[int] = []

    def count() -> str:
        calls.append(1)
        return ""

    env.globals["count"] = count
    return env, calls


def pages(env: jinja2.Environment, listings: list[dict[str, Any]]) -> list[str]:
    return [render(env, "page.html", values) for values in listings]


def both(tmp_path: Path, templates: dict[str, str], listings: list[dict[str, Any]]) -> tuple[list[str], list[str], int]:
    """The pages rendered every time and memoised, and how many cards the memoised environment made."""
    plain, _ = environment(tmp_path / "plain", templates)
    memo, calls = environment(tmp_path / "memo", templates)
    assert memoise(memo, "_card.html")
    return pages(plain, listings), pages(memo, listings), len(calls)


def test_a_card_is_made_once_per_expert_and_reads_the_same(tmp_path: Path) -> None:
    ana, ben, eva = Person("Ana", "Economist"), Person("Ben", "Hydrologist"), Person("Eva", "Historian")
    listings = [{"experts": [ana, ben]}, {"experts": [ben, eva, ana]}, {"experts": [eva]}]
    plain, memoised, made = both(tmp_path, {"page.html": PAGE, "_card.html": CARD, "_name.html": NAME}, listings)
    assert memoised == plain
    assert "<li>Ben (Hydrologist, small)</li>" in memoised[1]
    assert made == 3


def test_every_value_the_card_reads_is_part_of_what_it_is_kept_by(tmp_path: Path) -> None:
    """A card reading the page's topic, or a name its include reads and the page may set, is kept per value."""
    card = '<li>{{ expert.name }} in {{ topic }}{% include "_size.html" %}{{ count() }}</li>'
    size = "{{ size | default('-') }}"
    ana = Person("Ana", "Economist")
    listings: list[dict[str, Any]] = [
        {"experts": [ana], "topic": "floods"},
        {"experts": [ana], "topic": "droughts"},
        {"experts": [ana], "topic": "floods", "size": "large"},
        {"experts": [ana], "topic": "floods", "size": 3},
        {"experts": [ana], "topic": "floods", "size": "3"},
        {"experts": [ana], "topic": "floods", "size": None},
        {"experts": [ana], "topic": "floods"},
    ]
    plain, memoised, made = both(tmp_path, {"page.html": PAGE, "_card.html": card, "_size.html": size}, listings)
    assert memoised == plain
    assert "in droughts" in memoised[1]
    assert "large" in memoised[2]
    assert made == 6  # the last page repeats the first


def test_a_global_the_page_sets_for_itself_is_part_of_what_the_card_is_kept_by(tmp_path: Path) -> None:
    page = "{% if moved %}{% set url = upper %}{% endif %}" + PAGE
    card = '<li><a href="{{ url("/experts/" ~ expert.name) }}">{{ expert.name }}</a>{{ count() }}</li>'
    ana = Person("Ana", "Economist")

    def shout(path: str) -> str:
        return path.upper()

    listings = [
        {"experts": [ana], "moved": False, "upper": shout},
        {"experts": [ana], "moved": True, "upper": shout},
        {"experts": [ana], "moved": False, "upper": shout},
    ]
    plain, memoised, made = both(tmp_path, {"page.html": page, "_card.html": card}, listings)
    assert memoised == plain
    assert "/experts/Ana" in memoised[0] and "/EXPERTS/ANA" in memoised[1]
    assert made == 2  # the third page is the first again


def test_equal_but_different_experts_are_different_cards(tmp_path: Path) -> None:
    """Views are matched by identity, not equality: two equal views are each rendered."""
    listings = [{"experts": [Person("Ana", "Economist"), Person("Ana", "Economist")]}]
    plain, memoised, made = both(tmp_path, {"page.html": PAGE, "_card.html": CARD, "_name.html": NAME}, listings)
    assert memoised == plain
    assert made == 2


def test_a_tuple_of_views_is_kept_by_their_identities(tmp_path: Path) -> None:
    """A part listing a tuple of views (the guide's topic, its experts) is made again only when one of
    them changes, though each page hands it a new tuple; a tuple holding a loose value, every time."""
    page = '{% for experts in groups %}{% include "_card.html" %}{% endfor %}'
    card = "<ul>{% for expert in experts %}<li>{{ expert }}</li>{% endfor %}{{ count() }}</ul>"
    ana, ben, eva = Person("Ana", "Economist"), Person("Ben", "Hydrologist"), Person("Eva", "Historian")
    loose = Loose("Lou", "Geologist")
    listings: list[dict[str, Any]] = [
        {"groups": [(ana, ben), (eva,)]},
        {"groups": [(ana, ben), (eva, ana)]},  # the first again, in a new tuple
        {"groups": [(ben, ana), (ana, Person("Ben", "Hydrologist"))]},  # the order, an equal view
        {"groups": [(), (ana, "text", 3, None)]},
        {"groups": [(), (ana, "text", 3, None)]},
        {"groups": [(ana, loose), (ana, loose)]},
        {"groups": [[ana, ben]]},  # a list could change: rendered every time
    ]
    plain, memoised, made = both(tmp_path, {"page.html": page, "_card.html": card}, listings)
    assert memoised == plain
    assert "Lou" in memoised[5] and "Historian" in memoised[1]
    assert made == 2 + 1 + 2 + 2 + 0 + 2 + 1


@pytest.mark.parametrize(
    ("page", "card", "values"),
    [
        # a namespace the page hands down and the card changes
        (
            "{% set ns = namespace(n=0) %}" + PAGE,
            "{% set ns.n = ns.n + 1 %}<li>{{ ns.n }}. {{ expert.name }}{{ count() }}</li>",
            {},
        ),
        # a cycler the page hands down
        (
            '{% set row = cycler("odd", "even") %}' + PAGE,
            '<li class="{{ row.next() }}">{{ expert.name }}{{ count() }}</li>',
            {},
        ),
        # an expert that is not a frozen view
        (PAGE, "<li>{{ expert.name }}{{ count() }}</li>", {"loose": True}),
    ],
)
def test_values_that_can_change_are_rendered_every_time(
    tmp_path: Path, page: str, card: str, values: dict[str, Any]
) -> None:
    people: list[Any] = [Person("Ana", "Economist"), Person("Ben", "Hydrologist")]
    if values.get("loose"):
        people = [Loose(p.name, p.title) for p in people]
    listings = [{"experts": [people[0], people[1], people[0]]}, {"experts": [people[0]]}]
    plain, memoised, made = both(tmp_path, {"page.html": page, "_card.html": card}, listings)
    assert memoised == plain
    assert made == 4


@pytest.mark.parametrize(
    "card",
    [
        "<li>{{ loop.index }} {{ expert.name }}</li>",  # the including loop's state
        "<li>{% include expert.template %}</li>",  # a template named at run time
        "<li>{{ lipsum(1) }}</li>",  # new text every call
        "<li>{{ expert.name }</li>",  # a syntax error: rendering reports it
    ],
)
def test_cards_that_cannot_be_kept_are_left_as_they_are(tmp_path: Path, card: str) -> None:
    env, _ = environment(tmp_path, {"page.html": PAGE, "_card.html": card})
    assert not memoise(env, "_card.html")


def test_a_card_error_is_still_reported_at_its_line(tmp_path: Path) -> None:
    card = "<li>\n{{ expert.name }}\n{{ expert.missing }}</li>"
    env, _ = environment(tmp_path, {"page.html": PAGE, "_card.html": card})
    assert memoise(env, "_card.html")
    with pytest.raises(BuildError, match=r"templates/_card.html:3: .*missing"):
        render(env, "page.html", {"experts": [Person("Ana", "Economist")]})


def test_memoising_twice_wraps_once(tmp_path: Path) -> None:
    env, calls = environment(tmp_path, {"page.html": PAGE, "_card.html": CARD, "_name.html": NAME})
    assert memoise(env, "_card.html")
    first = env.get_template("_card.html").root_render_func
    assert memoise(env, "_card.html")
    assert env.get_template("_card.html").root_render_func is first
    ana = Person("Ana", "Economist")
    assert pages(env, [{"experts": [ana, ana]}]) == [
        "<ul><li>Ana (Economist, small)</li><li>Ana (Economist, small)</li></ul>"
    ]
    assert len(calls) == 1
