"""Relations across articles: each article's ``ArticleRelation`` records in, the site's ``Relation`` records out."""

from __future__ import annotations

from ..model import Extraction, Relation


def site_relations(extractions: list[Extraction], local_to_id: dict[tuple[str, str], str]) -> list[Relation]:
    """Each article's relations between its own names, as relations between site entities (once per
    subject, predicate, object and article; none of an entity with itself)."""
    out: list[Relation] = []
    seen: set[tuple] = set()
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for r in ex.relations:
            subject = local_to_id.get((ex.article.id, r.subject))
            obj = local_to_id.get((ex.article.id, r.object))
            key = (subject, r.predicate, obj, ex.article.id)
            if not subject or not obj or subject == obj or key in seen:
                continue
            seen.add(key)
            out.append(Relation(subject, r.predicate, obj, ex.article.id, r.paragraph, r.sentence,
                                r.allegation, r.denied))
    return out
