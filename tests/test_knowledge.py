"""The data files are read through one checked reader: what is wrong names the file and the key."""

from __future__ import annotations

import pytest

from regional_briefs.knowledge import DATA
from regional_briefs.knowledge.checked import DataFileError, Fields
from regional_briefs.knowledge.event_lexicon import Lexicon
from regional_briefs.knowledge.relation_lexicon import load_lexicon
from regional_briefs.knowledge.russian_lexicon import load as load_russian


def _file(tmp_path, text: str):
    path = tmp_path / "words.yml"
    path.write_text(text, encoding="utf-8")
    return Fields.load(path)


@pytest.mark.parametrize("text, call, message", [
    ("prepositions: [at, on]\n", lambda f: f.words("prepositions"),
     "words.yml: 'prepositions' must be a list of words; True is not a word (YAML reads on"),
    ("other: [a]\n", lambda f: f.words("prepositions"), "words.yml: 'prepositions' is missing"),
    ("prepositions: at\n", lambda f: f.words("prepositions"), "words.yml: 'prepositions' must be a list of words, not str"),
    ("types: {protest: [rally, 1990]}\n", lambda f: f.word_lists("types"),
     "words.yml: 'types.protest' must be a list of words; 1990 is not a word (write it in quotes"),
    ("months: {май: five}\n", lambda f: f.numbers("months"), "words.yml: 'months.май' must be a whole number, not 'five'"),
    ("- a list\n", lambda f: f, "words.yml: the file must be a mapping"),
])
def test_a_wrong_value_names_the_file_and_the_key(tmp_path, text, call, message):
    with pytest.raises(DataFileError) as error:
        call(_file(tmp_path, text))
    assert str(error.value).startswith(message), str(error.value)


def test_optional_keys_may_be_left_out(tmp_path):
    fields = _file(tmp_path, "kept: [a]\n")
    assert fields.words("absent", required=False) == [] and fields.mapping("absent", required=False).keys() == []


def test_the_lexicons_reject_what_the_model_does_not_know(tmp_path):
    events = (DATA / "events.yml").read_text(encoding="utf-8").replace("\ntypes:\n", "\ntypes:\n  festival: [party]\n", 1)
    (tmp_path / "events.yml").write_text(events, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"events.yml: 'types.festival' is no event type"):
        Lexicon.load(tmp_path / "events.yml")
    russian = (DATA / "russian.yml").read_text(encoding="utf-8") + "\nplace_heads:\n  поле: field\n"
    (tmp_path / "russian.yml").write_text(russian, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"russian.yml: 'place_heads.поле' must be a place type"):
        load_russian(tmp_path / "russian.yml")


def test_the_shipped_data_files_read_cleanly():
    Lexicon.load()
    load_lexicon()
    load_russian()


def test_a_relation_word_outside_the_model_is_refused(tmp_path):
    text = (DATA / "relations.yml").read_text(encoding="utf-8").replace("\nverbs:\n", "\nverbs:\n  admires: [admire]\n", 1)
    (tmp_path / "relations.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="relations.yml: 'verbs.admires' is no relation of the model"):
        load_lexicon(tmp_path / "relations.yml")
