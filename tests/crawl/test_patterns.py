"""include/exclude patterns: checked with RE2 when a config is built, matched in linear time."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from acorn.config import AgentConfig, ScrapingConfig
from acorn.crawl.links import LinkRules
from acorn.crawl.patterns import MAX_PATTERNS, any_match, compile_patterns
from acorn.errors import InvalidPattern

CATASTROPHIC = "^.{4}(.|.)*Z"  # exponential for a backtracking engine on a long non-match


def test_catastrophic_pattern_is_accepted_and_matched() -> None:
    config = ScrapingConfig(exclude_patterns=[CATASTROPHIC, r"/blog/\d+"])
    compiled = compile_patterns(config.exclude_patterns)
    assert not any_match(compiled, "https://bakery.example/" + "a" * 5000)
    assert any_match(compiled, "https://bakery.example/aZ")
    assert any_match(compiled, "https://bakery.example/blog/12?page=2")  # search, not match


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("/menu(?=/)", "lookahead is not supported"),
        ("^(?!.*/admin)", "negative lookahead is not supported"),
        ("(?<=/)shop", "lookbehind is not supported"),
        (r"/(a)\1", "backreferences"),
        ("/menu[", "missing ]"),
        (r"\.pdf\Z", r"use \z"),
    ],
)
def test_unsupported_or_invalid_pattern_is_refused_naming_it(pattern: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        ScrapingConfig(include_patterns=["/ok/", pattern])
    text = str(info.value)
    assert repr(pattern) in text and reason in text and "include_patterns" in text


def test_pattern_count_and_length_are_bounded() -> None:
    with pytest.raises(ValidationError, match="the most is 50"):
        ScrapingConfig(exclude_patterns=[f"/p{i}/" for i in range(MAX_PATTERNS + 1)])
    with pytest.raises(ValidationError, match="the most is 500"):
        ScrapingConfig(exclude_patterns=["a" * 501])


def test_a_stored_config_loads_and_its_crawl_fails_clearly() -> None:
    stored = {"scraping": {"exclude_patterns": ["(?!x)"]}}
    config = AgentConfig.model_validate(stored, context={"stored": True})
    with pytest.raises(InvalidPattern, match="negative lookahead"):
        LinkRules("https://bakery.example/", config.scraping, None, None, obey_robots=False)  # type: ignore[arg-type]


def test_link_rules_filter_with_re2() -> None:
    config = ScrapingConfig(include_patterns=["/menu"], exclude_patterns=[r"\?print=1$"])
    rules = LinkRules("https://bakery.example/", config, None, None, obey_robots=False)  # type: ignore[arg-type]
    assert rules.refusal("https://bakery.example/about") == "not matched by include_patterns"
    assert rules.refusal("https://bakery.example/menu?print=1") == "matched by exclude_patterns"
    assert rules.refusal("https://bakery.example/menu/cakes") is None
