"""site.toml: syntax errors keep their place; other problems name the key's line and dotted path."""

from __future__ import annotations

from pathlib import Path

from sitegen.config import load_config, parse_config
from tests.conftest import SITE_TOML


def problems(text: str) -> list[str]:
    result = parse_config(text.encode())
    return [
        f"{p.line}:{p.column}: {p.field}: {p.message}" + (f" [{p.hint}]" if p.hint else "") for p in result.problems
    ]


def test_the_test_config_is_valid() -> None:
    result = parse_config(SITE_TOML.encode())
    assert result.problems == ()
    assert result.config is not None
    assert result.config.default_office.id == "newsroom"
    assert result.config.site.base_url == "https://experts.test.example/"


def test_toml_syntax_errors_keep_line_and_column() -> None:
    assert problems(SITE_TOML.replace('title = "Test Experts"', "title = Test Experts")) == [
        "2:9: : TOML syntax error: Invalid value"
    ]


def test_unknown_keys_suggest_the_nearest() -> None:
    text = SITE_TOML.replace('language = "en"', 'langauge = "en"')
    assert problems(text) == [
        "1:1: site.language: is required [add a line 'language: …']",
        "4:1: site.langauge: unknown field 'langauge' [did you mean 'language'?]",
    ]


def test_values_are_checked_at_their_key() -> None:
    text = SITE_TOML.replace("https://experts.test.example/", "http://experts.test.example/").replace(
        'phone = "+1 312 555 0177"', 'phone = "555 0177"'
    )
    assert problems(text) == [
        "3:12: site.base_url: must be an https:// address [browsers send form data in the clear over http]",
        "21:9: offices[1].phone: '555 0177' is not an international phone number "
        "[start with + and the country code, like +44 20 7946 0000]",
    ]


def test_topic_ids_are_unique_and_parents_exist_one_level_deep() -> None:
    text = SITE_TOML + (
        '\n[[topics]]\nid = "energy"\nname = "E"\ndescription = "d"\n'
        '\n[[topics]]\nid = "solar"\nname = "S"\ndescription = "d"\nparent = "enrgy"\n'
        '\n[[topics]]\nid = "wind"\nname = "W"\ndescription = "d"\nparent = "climate-change"\n'
    )
    assert problems(text) == [
        "41:6: topics[3].id: duplicate topic id 'energy' (first defined at line 35)",
        "49:10: topics[4].parent: unknown parent topic 'enrgy' [did you mean 'energy'?]",
        "55:10: topics[5].parent: topic 'climate-change' is itself a subtopic; topics have one level of hierarchy "
        "[use 'environment' as the parent]",
    ]


def test_exactly_one_default_office() -> None:
    assert problems(SITE_TOML.replace("default = true\n", "")) == [
        "8:1: offices[0]: no office is the default [add 'default = true' to the office that answers for all]"
    ]
    text = SITE_TOML.replace('phone = "+1 312 555 0177"', 'phone = "+1 312 555 0177"\ndefault = true')
    assert problems(text) == [
        "22:11: offices[1].default: only one office can be the default [remove 'default = true' here]"
    ]


def test_form_endpoints_are_https_and_match_the_provider() -> None:
    text = SITE_TOML + '\n[forms]\nprovider = "formspree"\n'
    assert problems(text) == [
        "41:12: forms.provider: the 'formspree' provider needs an endpoint "
        "[set [forms] endpoint, or an endpoint on every office]"
    ]
    text = SITE_TOML + '\n[forms]\nprovider = "post"\nendpoint = "http://forms.example/x"\n'
    assert problems(text) == [
        "42:12: forms.endpoint: must be an https:// address [browsers send form data in the clear over http]"
    ]
    text = SITE_TOML + '\n[forms]\nprovider = "mailto"\nendpoint = "https://forms.example/x"\n'
    assert problems(text) == ["42:12: forms.endpoint: the 'mailto' provider takes no endpoint [remove it]"]
    text = SITE_TOML + '\n[forms]\nprovider = "fromspree"\n'
    assert problems(text) == [
        "41:12: forms.provider: 'fromspree' is not one of: mailto, formspree, netlify, post [did you mean 'formspree'?]"
    ]


def test_output_folder_must_stay_inside_and_apart() -> None:
    assert problems(SITE_TOML + '\n[build]\noutput = "../www"\n') == [
        "41:10: build.output: '../www' must be a folder inside the site, like '_site'"
    ]
    assert problems(SITE_TOML + '\n[build]\noutput = "experts/out"\n') == [
        "41:10: build.output: 'experts/out' would overwrite the site's own files [use a separate folder, like '_site']"
    ]


def test_wrong_value_types_are_named() -> None:
    assert problems(SITE_TOML + '\n[review]\nmax_age_days = "a year"\n') == [
        "41:16: review.max_age_days: expected a whole number, found the text 'a year'"
    ]


def test_office_ids_are_unique() -> None:
    text = SITE_TOML.replace('id = "health"', 'id = "newsroom"')
    assert problems(text) == ["18:6: offices[1].id: duplicate office id 'newsroom' (first defined at line 9)"]


def test_loading_reuses_an_earlier_result_for_the_same_bytes_only(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(SITE_TOML, "utf-8")
    first = load_config(tmp_path)
    assert first.config is not None and len(first.digest) == 32
    assert load_config(tmp_path, first) is first  # unchanged: not parsed again
    (tmp_path / "site.toml").write_text(SITE_TOML.replace('title = "Test Experts"', "title = 3"), "utf-8")
    changed = load_config(tmp_path, first)
    assert changed.config is None and [p.field for p in changed.problems] == ["site.title"]
    assert load_config(tmp_path, changed) is changed
    (tmp_path / "site.toml").unlink()
    missing = load_config(tmp_path, changed)
    assert missing.digest == b"" and missing.problems[0].message == "site.toml not found"
