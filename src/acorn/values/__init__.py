"""Kinds of value (money, ...) read the same way by extract, chunk and answer."""
