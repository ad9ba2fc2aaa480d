"""The pages of articles, entities and events rendered again only when what they read changed.

For a process that builds the same site again and again (``mkdocs serve --dirty``: an edit, a
rebuild). ``render_site`` hands each such page's renderer a view of the site that records what it
reads (``_Tracked``): which articles, entities, events, mentions and lookups of the ``SiteView``,
by key (or a whole collection, when it iterates one). ``RenderMemo`` keeps, per page, those reads,
the Markdown written, the links made (``Linker.journal``: the backlinks and ``Page.links`` of
every page are made from them) and the list pages the renderer added. The next build compares
each read with the same read of the new site (``==`` on the records, which are plain dataclasses)
and, when none changed, replays the page instead of rendering it: the same text, the same links,
the same list pages, added in the same order, so the output equals a full render's.

Every page's "Linked from" section is kept too, with the pages it lists and their titles and
sections: it is written again only when one of those changed.

Nothing is kept across settings: a change of ``key`` (the site's language, the URL style, the
limits) renders everything. The previous site and view are kept to compare with: the records of
a site must not be edited once built (``pipeline.assemble`` copies a mention whose entity changes
rather than editing it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

ALL = ("*",)  # the key of a read of a whole collection (a tuple, so no record's key is equal to it)
MISSING = object()  # what a lookup gives for a key the collection lacks

# The Site's and SiteView's collections that renderers look up by key; any other attribute read
# through the view (``pairs``, ``news``) is recorded as a read of the whole value.
SITE_MAPPINGS = ("briefs", "mentions")
SITE_RECORDS = ("articles", "entities", "events")  # looked up field by field (_TrackedRecord)
_RECORD_READS = frozenset(f"site.{name}" for name in SITE_RECORDS)
VIEW_MAPPINGS = ("events_of", "mentions_of", "contains", "relations_of", "event_ids_of_article", "by_country",
                 "country_of", "pairs_of", "members", "quotes_naming")
VIEW_SETS = ("networked",)
# Read as they are: the same for every build with the same memo key, or the page registry itself.
VIEW_PLAIN = ("limits", "language", "pages", "add")


class _Reads:
    """The reads of the page being rendered: (collection, key or ALL)."""

    def __init__(self) -> None:
        self.found: set = set()


class _TrackedMapping:
    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, data, name: str, reads: _Reads):
        self._data, self._name, self._reads = data, name, reads

    def __getitem__(self, key):
        self._reads.found.add((self._name, key))
        return self._data[key]

    def get(self, key, default=None):
        self._reads.found.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._reads.found.add((self._name, key))
        return key in self._data

    def _whole(self):
        self._reads.found.add((self._name, ALL))
        return self._data

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class _TrackedRecord:
    """An article, entity or event looked up by another page: which of its fields that page reads
    (an entity's ``articles`` change with every article that names it; a link shows only its name)."""

    __slots__ = ("_record", "_name", "_key", "_reads")
    __hash__ = None  # as the records themselves (dataclasses with eq)

    def __init__(self, record, name: str, key, reads: _Reads):
        self._record, self._name, self._key, self._reads = record, name, key, reads

    def __getattr__(self, attribute: str):
        self._reads.found.add((self._name, self._key, attribute))
        return getattr(self._record, attribute)

    def __eq__(self, other) -> bool:
        self._reads.found.add((self._name, self._key))
        return self._record == (other._record if isinstance(other, _TrackedRecord) else other)


class _TrackedRecords(_TrackedMapping):
    """A mapping of records whose values are handed out as ``_TrackedRecord``."""

    __slots__ = ()

    def __getitem__(self, key):
        return _TrackedRecord(self._data[key], self._name, key, self._reads)

    def get(self, key, default=None):
        record = self._data.get(key)
        if record is None:
            self._reads.found.add((self._name, key))
            return default
        return _TrackedRecord(record, self._name, key, self._reads)

    def __contains__(self, key) -> bool:
        self._reads.found.add((self._name, key, None))  # present or not, whatever its fields
        return key in self._data


class _TrackedSet:
    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, data, name: str, reads: _Reads):
        self._data, self._name, self._reads = data, name, reads

    def __contains__(self, key) -> bool:
        self._reads.found.add((self._name, key))
        return key in self._data

    def __iter__(self):
        self._reads.found.add((self._name, ALL))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.found.add((self._name, ALL))
        return len(self._data)


class _TrackedSite:
    def __init__(self, site, reads: _Reads):
        self._site, self._reads = site, reads
        for name in SITE_MAPPINGS:
            setattr(self, name, _TrackedMapping(getattr(site, name), f"site.{name}", reads))
        for name in SITE_RECORDS:
            setattr(self, name, _TrackedRecords(getattr(site, name), f"site.{name}", reads))

    def __getattr__(self, name: str):  # relations, warnings, stats: read whole
        self._reads.found.add((f"site.{name}", ALL))
        return getattr(self._site, name)


class _TrackedView:
    def __init__(self, view, reads: _Reads, added: list):
        self._view, self._reads, self._added = view, reads, added
        self.site = _TrackedSite(view.site, reads)
        for name in VIEW_PLAIN:
            setattr(self, name, getattr(view, name))
        self.add = self._add

    def _add(self, page):
        self._added.append(page)
        return self._view.add(page)

    def __getattr__(self, name: str):
        value = getattr(self._view, name)
        if name in VIEW_MAPPINGS:
            value = _TrackedMapping(value, f"view.{name}", self._reads)
        elif name in VIEW_SETS:
            value = _TrackedSet(value, f"view.{name}", self._reads)
        else:
            self._reads.found.add((f"view.{name}", ALL))
        setattr(self, name, value)  # asked once per page
        return value


def _lookup(site, view, read: tuple) -> Any:
    """What ``read`` (collection, key[, field]) gives in this site: the record or lookup under
    the key, one field of the record (None for the field: whether the key is there at all)."""
    name, key = read[0], read[1]
    owner, _, attribute = name.partition(".")
    value = getattr(site if owner == "site" else view, attribute)
    if key is ALL:
        return value
    if attribute in VIEW_SETS:
        return key in value
    value = value.get(key, MISSING)
    if len(read) == 3:
        if read[2] is None:
            return value is not MISSING
        return MISSING if value is MISSING else getattr(value, read[2], MISSING)
    return value


def _same(old, new) -> bool:
    """Whether a read gives in the new site what it gave in the last (MISSING: the key is gone)."""
    return old is new or (old is not MISSING and new is not MISSING and type(old) is type(new) and bool(old == new))


@dataclass
class _Entry:
    render: Callable
    reads: frozenset
    body: str
    journal: list  # Linker.journal while it rendered
    added: list = field(default_factory=list)  # copies of the list pages it added, as written


class RenderMemo:
    """What the last build rendered, per memoised page (see the module's docstring)."""

    def __init__(self) -> None:
        self.key: Any = None
        self.site = None
        self.view = None
        self.entries: dict[str, _Entry] = {}
        # Per page: its backlinks' sources with their titles and sections, the section written and its journal.
        self.backlinks: dict[str, tuple[tuple, str, list]] = {}
        self.stats = {"replayed": 0, "rendered": 0}

    def start(self, key: Any, site, view, linker) -> "MemoRun":
        same = key == self.key and self.site is not None
        return MemoRun(self, key, site, view, linker, self.entries if same else {}, self.backlinks if same else {})


class MemoRun:
    """One build's use of a ``RenderMemo``: ``render`` per page, then ``finish``."""

    def __init__(self, memo: RenderMemo, key, site, view, linker, old: dict[str, _Entry], old_backlinks: dict):
        self.memo, self.key, self.site, self.view, self.linker = memo, key, site, view, linker
        self.old, self.old_backlinks = old, old_backlinks
        self.new: dict[str, _Entry] = {}
        self.new_backlinks: dict[str, tuple[tuple, str, list]] = {}
        self.checked: set = set()  # the reads compared so far
        self.changed: set = set()  # those of them that give something else in the new site
        self.records: dict = {}  # (collection, key) -> whether that record is the same, whole (_same_record)
        self.replayed = self.rendered = 0

    def _unchanged(self, reads: frozenset) -> bool:
        """Whether every read gives in the new site what it gave in the last. Each distinct read is
        compared once per build (most pages share most of their reads): the answers are kept in
        ``checked`` and ``changed``, and a page is first tested against those with set operations."""
        changed = self.changed
        if not reads.isdisjoint(changed):
            return False
        for read in reads - self.checked:
            try:
                # a field of a record that is the same as a whole is the same: one comparison per
                # record rather than one per field read (a site reads 300,000 fields of 40,000 records)
                same = read[0] in _RECORD_READS and read[1] is not ALL and self._same_record(read[0], read[1])
                if not same:
                    same = _same(_lookup(self.memo.site, self.memo.view, read), _lookup(self.site, self.view, read))
            except Exception:  # a read that cannot be repeated: render the page
                same = False
            self.checked.add(read)
            if not same:
                changed.add(read)
                return False
        return True

    def _same_record(self, name: str, key) -> bool:
        """Whether the record under ``key`` of the site collection ``name`` is the last build's, whole."""
        read = (name, key)
        found = self.records.get(read)
        if found is None:
            found = self.records[read] = _same(_lookup(self.memo.site, self.memo.view, read),
                                               _lookup(self.site, self.view, read))
        return found

    def render(self, path: str, render: Callable, record, own: tuple, marks: Callable) -> str:
        """The body of the page at ``path``: ``render(record, view, linker) + marks(record, view)``,
        replayed from the last build when nothing it read changed. ``own`` is the read that gives
        ``record`` itself."""
        entry = self.old.get(path)
        linker = self.linker
        if entry is not None and entry.render is render and self._unchanged(entry.reads):
            for page in entry.added:
                self.view.add(replace(page))
            links, targets = linker.links, linker.targets
            for is_link, first, second in entry.journal:
                (links if is_link else targets)[first].add(second)
            self.new[path] = entry
            self.replayed += 1
            return entry.body
        reads, added = _Reads(), []
        reads.found.add(own)
        view = _TrackedView(self.view, reads, added)
        linker.journal = journal = []
        try:
            body = render(record, view, linker) + marks(record, view)
        finally:
            linker.journal = None
        self.new[path] = _Entry(render, frozenset(reads.found), body, journal, [replace(page) for page in added])
        self.rendered += 1
        return body

    def backlinks(self, path: str, render: Callable) -> str:
        """``render(path, linker)``, the section of the pages linking to ``path``, replayed when
        those pages, their titles and their sections are the last build's."""
        linker = self.linker
        sources = linker.links.get(path)
        if not sources:
            return render(path, linker)
        titles, sections = linker.titles, linker.sections
        key = tuple((source, titles.get(source), sections.get(source)) for source in sorted(sources))
        entry = self.old_backlinks.get(path)
        if entry is not None and entry[0] == key:
            targets = linker.targets
            for is_link, first, second in entry[2]:
                (linker.links if is_link else targets)[first].add(second)
            self.new_backlinks[path] = entry
            return entry[1]
        linker.journal = journal = []
        try:
            text = render(path, linker)
        finally:
            linker.journal = None
        self.new_backlinks[path] = (key, text, journal)
        return text

    def finish(self) -> None:
        """This build's pages are the ones the next build compares with."""
        memo = self.memo
        memo.key, memo.site, memo.view, memo.entries = self.key, self.site, self.view, self.new
        memo.backlinks = self.new_backlinks
        memo.stats = {"replayed": self.replayed, "rendered": self.rendered}
