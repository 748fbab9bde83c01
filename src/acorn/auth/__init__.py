"""Accounts and credentials: organisations, users and roles, passwords, access and refresh
tokens, API keys, visitor tokens, the first-run setup link, rate limits and the audit log.

Everything here is plain functions over the database (:class:`acorn.store.Database`) and the
settings; the HTTP edge (:mod:`acorn.api.security`) and the CLI (``acorn keys``, ``acorn
users``) are thin callers, so both enforce the same rules.
"""

from acorn.auth.principal import ROLES, Principal, role_at_least

__all__ = ["ROLES", "Principal", "role_at_least"]
