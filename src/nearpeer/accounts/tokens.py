"""Secret tokens are stored only as their hash: API tokens, calendar links, feedback links."""

import hashlib


def hash_token(raw: str) -> str:
    """The SHA-256 hex digest of a token, the only form in which a token is stored."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
