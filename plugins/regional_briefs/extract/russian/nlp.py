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
        _bound_sentences(doc)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        return doc


# The syntax parser's work grows with the square of a sentence's length: a "sentence" of thousands
# of tokens (a page's list run together, or hostile text) is parsed in pieces of this many tokens.
MAX_SENTENCE_TOKENS = 120


def _bound_sentences(doc) -> None:
    """Every sentence of at most MAX_SENTENCE_TOKENS tokens, a longer one cut into pieces."""
    from natasha.doc import DocSent

    if all(len(sent.tokens) <= MAX_SENTENCE_TOKENS for sent in doc.sents):
        return
    sents = []
    for sent in doc.sents:
        for i in range(0, max(len(sent.tokens), 1), MAX_SENTENCE_TOKENS):
            piece = sent.tokens[i:i + MAX_SENTENCE_TOKENS]
            if not piece:
                sents.append(sent)
                continue
            start, stop = piece[0].start, piece[-1].stop
            sents.append(DocSent(start, stop, doc.text[start:stop]))
    doc.sents = sents
    doc.envelop_sent_tokens()


@lru_cache(maxsize=1)
def load() -> RussianNLP:
    """The models (about a second to load; cached for the process)."""
    import pymorphy3
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return RussianNLP(Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding),
                      NewsSyntaxParser(embedding), pymorphy3.MorphAnalyzer())
