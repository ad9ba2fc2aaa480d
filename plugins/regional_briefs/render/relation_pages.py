"""A page per pair of actors (``pairs.actor_pairs``) and their index. No MkDocs here.

A relation page tells the two actors' story: the events that involve both, what each said of the
other (quotes, with their paragraphs), and the relations the articles state between them.
"""

from __future__ import annotations

from collections import defaultdict

from .briefing import latest_first
from .escape import md_text
from .links import Linker, article_path, entity_path, relation_path
from .lists import count, render_timeline
from .markup import blockquote, bullets
from .pairs import MIN_SHARED_EVENTS, Pair, said_of, speaks_for
from .site_view import SiteView


def render_relation(pair: Pair, view: SiteView, linker: Linker) -> str:
    site = view.site
    a, b = site.entities[pair.first], site.entities[pair.second]
    articles = {r.article for r in pair.relations} | {x for e in pair.events for x in site.events[e].articles}
    lines = [f"# {md_text(pair.title(site))}", "",
             f"{linker.link(a.name, entity_path(a))} and {linker.link(b.name, entity_path(b))}: "
             f"{md_text(pair.summary())} · {count(len(articles), 'article')}.", ""]
    events = [site.events[e] for e in pair.events]
    if events:
        lines += ["## Timeline", "", "The events that involve both, newest first.", ""]
        shown = events if len(events) <= view.limits.per_page else latest_first(events)[:view.limits.per_page]
        lines += render_timeline(shown, linker, heading_level=3)
        if len(shown) < len(events):
            lines += [f"The {len(shown)} latest of {count(len(events), 'event')}; every one is on the timelines "
                      f"of {linker.link(a.name, entity_path(a))} and {linker.link(b.name, entity_path(b))}.", ""]
    lines += ["## What each said of the other", ""]
    quoted = False
    for speaker, subject in ((a, b), (b, a)):
        quotes = said_of(view.quotes_naming, speaks_for(view.members, speaker.id), subject.id)
        if not quotes:
            continue
        quoted = True
        lines += [f"### {md_text(speaker.name)} on {md_text(subject.name)}", ""]
        # The same words reported by several articles (wire copy) are one quote with several sources.
        same: dict[tuple[str, str], list] = defaultdict(list)
        for quote in quotes:
            same[(quote.speaker, " ".join(quote.text.split()))].append(quote)
        for (speaker_id, text), reports in list(same.items())[:view.limits.preview]:
            who = site.entities[speaker_id]
            sources = ", ".join(linker.link(site.articles[q.article].title, article_path(q.article), f"p{q.paragraph + 1}")
                                for q in reports[:view.limits.preview])
            more = f" and {count(len(reports) - view.limits.preview, 'more article')}" \
                if len(reports) > view.limits.preview else ""
            on_behalf = "" if who.id == speaker.id else f" (for {md_text(speaker.name)})"
            lines += blockquote(f"“{md_text(text)}”", f"{linker.link(who.name, entity_path(who))}{on_behalf}, {sources}{more}")
        if len(same) > view.limits.preview:
            lines += [f"… and {count(len(same) - view.limits.preview, 'more quote')}.", ""]
    if not quoted:
        lines += ["The articles quote neither on the other.", ""]
    lines += _relations(pair, view, linker)
    return "\n".join(lines) + "\n"


def _relations(pair: Pair, view: SiteView, linker: Linker) -> list[str]:
    site = view.site
    if not pair.relations:
        return []
    groups: dict[str, list] = defaultdict(list)
    for relation in pair.relations:
        groups[relation.predicate].append(relation)
    lines = ["## Relations found", ""]
    for predicate in sorted(groups):
        lines += [f"### {predicate.replace('-', ' ').capitalize()}", ""]
        items = []
        for r in groups[predicate][:view.limits.preview]:
            subject, obj = site.entities[r.subject], site.entities[r.object]
            flags = [label for flag, label in ((r.allegation, "alleged"), (r.denied, "denied")) if flag]
            source = linker.link(site.articles[r.article].title, article_path(r.article), f"p{r.paragraph + 1}") \
                if r.article in site.articles else ""
            items.append(f"{md_text(subject.name)} {predicate.replace('-', ' ')} {md_text(obj.name)}"
                         f"{' (' + ', '.join(flags) + ')' if flags else ''} — {source}"
                         f"<blockquote><p>{md_text(r.sentence)}</p></blockquote>")
        hidden = len(groups[predicate]) - view.limits.preview
        lines += bullets(items + ([f"… and {hidden} more"] if hidden > 0 else []))
    return lines


def render_relations_index(view: SiteView, linker: Linker) -> str:
    site = view.site
    lines = ["# Relations", "",
             f"{count(len(view.pairs), 'pair')} of actors with a page: those with a relation stated in the articles, "
             f"or at least {MIN_SHARED_EVENTS} events in common. Most evidence first.", ""]
    lines += bullets(f"{linker.link(pair.title(site), relation_path(pair.first, pair.second))} · {md_text(pair.summary())}"
                     for pair in view.pairs)
    return "\n".join(lines) + "\n"


def relation_links(pairs: list[Pair], view: SiteView, linker: Linker, heading: str) -> list[str]:
    """A section linking the relation pages of ``pairs`` (on an actor's or an event's page)."""
    if not pairs:
        return []
    items = [f"{linker.link(pair.title(view.site), relation_path(pair.first, pair.second))} · {md_text(pair.summary())}"
             for pair in pairs[:view.limits.per_page]]
    if len(pairs) > view.limits.per_page:
        items.append(f"… and {len(pairs) - view.limits.per_page} more")
    return [heading, ""] + bullets(items)
