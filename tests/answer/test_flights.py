"""Flights: one computation per question under a burst, a bounded number at a time."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from acorn.answer.flights import Flights


def test_a_burst_for_one_question_computes_it_once() -> None:
    flights = Flights(slots=2)
    cache: dict[str, str] = {}
    calls: list[str] = []
    started = threading.Event()

    def compute() -> str:
        calls.append("x")
        started.set()
        time.sleep(0.2)  # long enough for every other request to arrive and wait
        cache["q"] = "answer"
        return "answer"

    with ThreadPoolExecutor(20) as pool:
        futures = [
            pool.submit(flights.run, "q", compute, lambda: cache.get("q")) for _ in range(20)
        ]
        results = [f.result(timeout=10) for f in futures]
    assert results == ["answer"] * 20
    assert calls == ["x"]


def test_at_most_slots_computations_run_at_once() -> None:
    flights = Flights(slots=2)
    running = 0
    peak = 0
    lock = threading.Lock()

    def compute() -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return 1

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(flights.run, n, compute, lambda: None) for n in range(8)]
        assert sum(f.result(timeout=10) for f in futures) == 8
    assert peak == 2


def test_a_failed_leader_lets_a_waiter_compute() -> None:
    flights = Flights(slots=1)
    attempts: list[int] = []
    first_running = threading.Event()
    release = threading.Event()

    def compute() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            first_running.set()
            release.wait(5)
            raise RuntimeError("index unavailable")
        return "second try"

    with ThreadPoolExecutor(2) as pool:
        leader = pool.submit(flights.run, "q", compute, lambda: None)
        first_running.wait(5)
        waiter = pool.submit(flights.run, "q", compute, lambda: None)
        time.sleep(0.05)  # the waiter is now waiting on the leader
        release.set()
        with pytest.raises(RuntimeError):
            leader.result(timeout=5)
        assert waiter.result(timeout=5) == "second try"
    assert len(attempts) == 2
