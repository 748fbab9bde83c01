"""Answerers: turn retrieved chunks into a grounded reply (``extractive`` offline default,
``llm`` for any OpenAI-compatible chat API)."""

from acorn.answer.answerers.base import Answerer, AnswerRequest, available, create, register

__all__ = ["AnswerRequest", "Answerer", "available", "create", "register"]
