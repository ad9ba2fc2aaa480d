"""Natasha and pymorphy3, loaded once per process. Both ship their models and dictionaries in
their packages: nothing is downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class RussianNLP:
    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any
    analyzer: Any  # pymorphy3.MorphAnalyzer

    def parse(self, text: str):
        """A Natasha ``Doc`` with sentences, tokens (morphology, syntax) and name spans."""
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        return doc


@lru_cache(maxsize=1)
def load() -> RussianNLP:
    """The models (about a second to load; cached for the process)."""
    import pymorphy3
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return RussianNLP(Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding),
                      NewsSyntaxParser(embedding), pymorphy3.MorphAnalyzer())
