from acorn.answer.cache import AnswerCache
from acorn.answer.intent import detect
from acorn.answer.session import SessionMemory, Turn, resolve
from acorn.answer.types import Answer, Source


def test_cache_returns_copies_and_expires() -> None:
    cache = AnswerCache(max_items=2, ttl_seconds=60)
    cache.put("a", Answer("x", True, [Source("c", "u", "t", 1.0)]))
    got = cache.get("a")
    assert got is not None and got.text == "x"
    got.sources.clear()
    assert cache.get("a").sources  # the stored answer is untouched
    cache.put("b", Answer("y", True))
    cache.put("c", Answer("z", True))
    assert cache.get("a") is None  # evicted, oldest first
    expired = AnswerCache(ttl_seconds=0)
    expired.put("a", Answer("x", True))
    assert expired.get("a") is None


def test_follow_ups_inherit_the_last_turn() -> None:
    memory = SessionMemory()
    q = "What time do you close on Friday?"
    memory.remember("a", "s", Turn(q, detect(q), "4pm"))
    last = memory.history("a", "s")[-1]
    expanded, intent = resolve("and on Saturday?", detect("and on Saturday?"), last)
    assert expanded == "What time do you close on Saturday?"
    assert intent.kind == "hours" and intent.days == ["saturday"]
    q2 = "How much is a sourdough loaf?"
    expanded, intent = resolve(
        "what about a baguette?", detect("what about a baguette?"), Turn(q2, detect(q2), "")
    )
    assert expanded == "How much is a baguette?" and intent.kind == "price"
    assert memory.history("a", "other") == []
