from pathlib import Path

from acorn.answer.evalsite import prepare_agent
from acorn.answer.evaluate import (
    QAItem,
    group_matches,
    is_correct,
    judge,
    normalise,
    ungrounded_facts,
)
from acorn.answer.types import Answer, Source
from acorn.config import ScrapingConfig, Settings
from acorn.index import KnowledgeBase
from acorn.index.stores.qdrant import close_local_clients
from acorn.store import Database, agent_config, get_agent
from tests.support.siteserver import SiteServer


def test_normalisation_rules() -> None:
    assert normalise("Monday – Thursday") == "monday - thursday"
    assert normalise("Lord’s  Supper") == "lord's supper"
    assert normalise("ﬁne") == "fine"  # NFKC


def test_groups_padding_and_untrimmed_alternates() -> None:
    assert group_matches("It costs $5", ["$5 "])
    assert not group_matches("It costs $5.95", ["$5 "])
    assert is_correct("Open 8:30am to 5pm, Monday to Thursday", [["8:30"], ["5pm"], ["thursday"]])
    assert not is_correct("Open 8:30am", [["8:30"], ["5pm"]])


def test_ungrounded_numbers_are_hallucinations() -> None:
    assert ungrounded_facts("Call 01308 421877.", "Phone: 01308421877") == []
    assert ungrounded_facts("It costs £45.", "New patient examination £45") == []
    assert ungrounded_facts("It costs £55.", "New patient examination £45") == ["£55"]
    assert ungrounded_facts("We open at 8:30am.", "Opening hours 8.30am until 5pm") == []


def test_judge_counts_answering_the_unanswerable_as_hallucination() -> None:
    item = QAItem(id="x", question="Is there parking?", must_include=[], answerable=False)
    declined = judge(item, Answer(text="Sorry", answered=False))
    assert declined.correct and not declined.hallucinated
    answered = judge(
        item, Answer(text="Yes, plenty.", answered=True, sources=[Source("c", "u", "t", 1, "x")])
    )
    assert not answered.correct and answered.hallucinated


def test_prepare_agent_makes_the_agent_acorn_crawl_would_and_reuses_it(
    fixture_site: SiteServer, tmp_path: Path
) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        allow_private_networks=["127.0.0.0/8"],
    )
    db = Database(settings).ensure_ready()
    kb = KnowledgeBase(settings, db)
    url = fixture_site.url + "/"
    scraping = ScrapingConfig(delay_seconds=0, render_js="never", max_pages=30)
    try:
        agent_id = prepare_agent(settings, db, kb, url, scraping=scraping)
        agent = get_agent(db, agent_id)
        assert agent.status == "ready" and agent.live_generation == 1
        assert agent.root_url == url  # the address given: the next run finds the agent by it
        assert agent.name and agent.name == agent.profile["name"]  # named like `acorn crawl`
        assert agent_config(agent).scraping == scraping
        assert kb.search(agent_id, "opening hours", 3)
        assert prepare_agent(settings, db, kb, url, scraping=scraping) == agent_id
    finally:
        close_local_clients(settings.qdrant_path)
