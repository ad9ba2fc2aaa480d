"""One checked reader for the data files: every value is asked for by key and by kind.

A data file is knowledge a contributor edits by hand, and YAML forgives much that the code would
not: a missing key, a list where a mapping belongs, or a bare ``on``, ``no`` or ``yes`` that YAML
1.1 reads as a boolean, not a word. ``Fields`` answers only what was asked for in the kind asked for,
and anything else is a ``DataFileError`` naming the file and the key path::

    events.yml: 'setting_prepositions' must be a list of words; True is not a word (write 'on' in quotes)

Loaders (``event_lexicon``, ``relation_lexicon``, ``russian_lexicon``, ``extract.mentions``'
patterns) read their files through it; the gazetteer checks its records in its own loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

from . import safe_yaml

_MISSING = object()


class DataFileError(ValueError):
    """A data file that does not say what its loader needs; the message names the file and key."""


class Fields:
    """A checked view of one mapping of a data file (the file's top level, or a mapping inside)."""

    def __init__(self, data: Any, file: str, where: str = ""):
        if not isinstance(data, dict):
            raise DataFileError(f"{file}: {_quoted(where) if where else 'the file'} must be a mapping")
        self._data = data
        self.file = file
        self.where = where

    @classmethod
    def load(cls, path: Path) -> "Fields":
        """A data file, loaded safely and bounded (``safe_yaml``)."""
        try:
            data = safe_yaml.load(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DataFileError(f"{path.name}: {error}") from error
        return cls(data if data is not None else {}, path.name)

    # -- what a loader asks for

    def mapping(self, key: str, required: bool = True) -> "Fields":
        value = self._get(key, required, {})
        return Fields(value, self.file, self._path(key))

    def words(self, key: str, required: bool = True) -> list[str]:
        """A list of words (strings)."""
        value = self._get(key, required, [])
        return self._words(value, self._path(key))

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self._get(key, required, default)
        if not isinstance(value, str):
            raise DataFileError(f"{self.file}: {_quoted(self._path(key))} must be text, not {value!r}")
        return value

    def numbers(self, key: str, required: bool = True) -> dict[str, int]:
        """A mapping of words to whole numbers."""
        table = self.mapping(key, required)
        out = {}
        for word, value in table.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise DataFileError(f"{self.file}: {_quoted(table._path(word))} must be a whole number, not {value!r}")
            out[word] = value
        return out

    def word_lists(self, key: str, required: bool = True) -> dict[str, list[str]]:
        """A mapping of names to lists of words (``types: {protest: [rally, march]}``)."""
        table = self.mapping(key, required)
        return {name: table.words(name) for name in table.keys()}

    # -- the mapping itself

    def keys(self) -> list[str]:
        for key in self._data:
            if not isinstance(key, str):
                raise DataFileError(f"{self.file}: {_quoted(self.where) if self.where else 'the file'} has a key "
                                    f"that is no word: {key!r}")
        return list(self._data)

    def items(self) -> Iterator[tuple[str, Any]]:
        for key in self.keys():
            yield key, self._data[key]

    def error(self, key: str, message: str) -> DataFileError:
        """A ``DataFileError`` about ``key``, for checks a loader makes of its own."""
        return DataFileError(f"{self.file}: {_quoted(self._path(key))} {message}")

    # -- helpers

    def _get(self, key: str, required: bool, default: Any) -> Any:
        value = self._data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                raise DataFileError(f"{self.file}: {_quoted(self._path(key))} is missing")
            return default
        return value

    def _path(self, key: Any) -> str:
        return f"{self.where}.{key}" if self.where else str(key)

    def _words(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, list):
            raise DataFileError(f"{self.file}: {_quoted(where)} must be a list of words, not {type(value).__name__}")
        for item in value:
            if not isinstance(item, str):
                hint = _hint(item)
                raise DataFileError(f"{self.file}: {_quoted(where)} must be a list of words; {item!r} is not a word"
                                    + (f" ({hint})" if hint else ""))
        return list(value)


def _quoted(where: str) -> str:
    return f"'{where}'"


def _hint(item: Any) -> Optional[str]:
    """YAML 1.1 reads on/off/yes/no (and y/n) as booleans and digits as numbers: say how to keep a word."""
    if isinstance(item, bool):
        return "YAML reads on, off, yes and no as true or false: write the word in quotes, e.g. 'on'"
    if isinstance(item, (int, float)):
        return "write it in quotes to keep it as text"
    return None
