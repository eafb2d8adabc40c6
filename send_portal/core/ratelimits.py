"""Limits on public forms that anyone can post to, so that none becomes a way to flood a mailbox or a table.
Counts live in the default cache (the database), so they hold across processes and through a Redis outage."""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address, as the sign-in rate limits see it (behind TRUSTED_PROXY_COUNT proxies), hashed so
    that no address is stored."""
    address = get_adapter(request).get_client_ip(request) or ""
    return hashlib.sha256(address.encode()).hexdigest()


def over_limit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more use of `key` in a fixed window and say whether it has gone over `limit`."""
    cache_key = f"ratelimit:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count > limit
