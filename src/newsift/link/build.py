"""One pass of the link stage over a set of articles: duplicates, stories, related articles and tags.

Articles are taken in time order (published, else fetched), so story ids and duplicate origins are the
same however the articles arrived; the pass is deterministic for the same set of articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from newsift.link.duplicates import DuplicateIndex, DuplicateMatch, DuplicateSettings
from newsift.link.keyphrases import Tag, extract_tags
from newsift.link.related import Related, RelatedIndex
from newsift.link.stories import StoryClusterer, StorySettings, article_time
from newsift.link.vectors import TermStatistics
from newsift.model import Article, Story

__all__ = ["Links", "dyad_key", "link_articles"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_CHARS = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Links:
    """What the link stage found: one duplicate match per article, stories, neighbours and tags."""

    duplicates: tuple[DuplicateMatch, ...]
    stories: tuple[Story, ...]
    related: Mapping[str, tuple[Related, ...]]
    tags: Mapping[str, tuple[Tag, ...]]


def link_articles(
    articles: Sequence[Article],
    entities: Mapping[str, Sequence[str]] | None = None,
    names: Mapping[str, str] | None = None,
    dyads: Mapping[str, Sequence[str]] | None = None,
    *,
    k_related: int = 5,
    n_tags: int = 8,
    story_settings: StorySettings | None = None,
    duplicate_settings: DuplicateSettings | None = None,
) -> Links:
    """Link articles to each other.

    Args:
        articles: the articles, in any order.
        entities: article id -> canonical entity ids it mentions, most mentioned first.
        names: entity id -> canonical name (for tags); ids without a name are not tags.
        dyads: article id -> keys of the events it reports (``TYPE:A|B``), for 'same dyad' relations.
        k_related: neighbours kept per article.
        n_tags: most tags per article.
    """
    entities = entities or {}
    names = names or {}
    dyads = dyads or {}
    # Linking reads at most the first _MAX_CHARS of a body: enough to tell a story, bounded in time/memory
    articles = [replace(a, body=a.body[:_MAX_CHARS]) if len(a.body) > _MAX_CHARS else a for a in articles]
    ordered = sorted(articles, key=lambda a: (article_time(a) or _EPOCH, a.id))
    duplicates = DuplicateIndex(duplicate_settings)
    stories = StoryClusterer(story_settings)
    stats = TermStatistics()
    related = RelatedIndex(stats)
    matches = []
    for article in ordered:
        ids = entities.get(article.id, ())
        match = duplicates.add_article(article)
        matches.append(match)
        story_id = stories.add(article, ids)
        related.add(
            article,
            entity_ids=ids,
            story_id=story_id,
            duplicate_group=match.group_id,
            dyads=dyads.get(article.id, ()),
        )
    tags = {
        a.id: extract_tags(
            a,
            entity_names=[names[e] for e in entities.get(a.id, ()) if e in names][:4],
            stats=stats,
            limit=n_tags,
        )
        for a in ordered
    }
    return Links(
        duplicates=tuple(matches),
        stories=tuple(sorted(stories.stories(), key=lambda s: (-len(s.article_ids), s.id))),
        related={a.id: related.related(a.id, k_related) for a in ordered},
        tags=tags,
    )


def dyad_key(event_type: str, a: str, b: str) -> str:
    """'AID:FRA|IND': an event type and its two actors, in either direction."""
    first, second = sorted((a, b))
    return f"{event_type}:{first}|{second}"
