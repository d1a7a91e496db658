"""What a replay cache of your own must look like."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

__all__ = ["ReplayCacheProtocol"]


@runtime_checkable
class ReplayCacheProtocol(Protocol):
    """Any object with this method is accepted wherever a ``ReplayCache`` is (the
    ``cache`` of ``verify_saml_response``): a cache kept in your own store, shared by
    every worker of the relying party.

    ``check_and_insert`` must test and record ``id`` in one atomic step (with Redis,
    ``SET key 1 NX PX ms``; with SQL, an ``INSERT`` on a unique key): return ``True``
    when the ID was not recorded, or its record has expired at ``now``, and is now
    recorded until ``expires``; ``False`` when it is recorded and not expired (a replay,
    refused with ``saml.replay``). Raise when the store cannot answer: the response is
    then refused with ``ReplayCacheUnavailable`` (``saml.replay_cache_unavailable``), as
    it is when the method returns anything but a ``bool``. ``expires`` and ``now`` are
    timezone-aware UTC datetimes; ``now`` is the verification's time.

    It is called only for a response that verified in every other respect, with the
    interpreter lock held, from the thread that verifies."""

    def check_and_insert(self, id: str, expires: datetime, now: datetime) -> bool:
        """Records ``id`` until ``expires``; ``False`` if it was already recorded and
        has not expired at ``now``."""
        ...
