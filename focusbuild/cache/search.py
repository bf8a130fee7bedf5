"""What the search index was made from, kept with its trace."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchState:
    """The search index's size, and the inputs it read with their digests then."""

    records: int
    base: str  # environment and skeleton
    digests: tuple[str, ...]  # of the trace's names, in order
    #: per name, what its body then hid from the public (`Analysis.hidden_digest`; "" for
    #: a name that is not a body, or a body that hid nothing)
    hidden: tuple[str, ...] = ()
