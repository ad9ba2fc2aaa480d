"""The pipeline, in the order its stages run. Nothing here knows about MkDocs.

    per seed:  ingest -> clean -> (curated article fields) -> mentions -> entities -> events
    per site:  resolve entities across articles -> curate entities -> merge events -> briefs

``extract`` is the per-article half (pure, cacheable); ``assemble`` the site-wide half.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from .assemble import curation as curation_stage
from .assemble.curation import Curation, apply_entity_fixes, gather_briefs, load_curation
from .assemble.entities import resolve_site
from .assemble.event_merge import merge_events
from .assemble.relations import site_relations
from .extract.clean import clean
from .extract.entities import resolve_article
from .extract.events.detect import detect_events
from .extract.ingest import DEFAULT_MAX_BYTES, SUFFIXES, SeedError, read_seed, source_name
from .extract.mentions import find_mentions, load_nlp, parse
from .extract.relations import detect_relations
from .knowledge.gazetteer import Gazetteer, GazetteerError
from .knowledge.project_files import listing, project_root
from .language import primary, reader
from .model import Article, Extraction, Site
from .text import short_hash

PIPELINE_VERSION = "2"  # the format of the cached records (model.Extraction): raise it when they change


@dataclass
class Options:
    seeds_dir: Path
    briefs_dir: Optional[Path] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    gazetteer_files: tuple[Path, ...] = ()
    paths: Optional[list[Path]] = None  # explicit seed files instead of every file in seeds_dir
    cache_dir: Optional[Path] = None  # where per-article results are cached; None: no cache
    jobs: int = 0  # worker processes for a cold run; 0: one per core
    # The project folder (mkdocs.yml's): seeds and curation are read only from inside it.
    # None: the folder holding ``seeds_dir``.
    root: Optional[Path] = None
    # A server's extractions kept in memory from one build to the next (extraction cache key ->
    # Extraction): read before the cache's files, and refilled with this build's. Only with a
    # cache (the key is the cache's). The records are shared with the last build's site: nothing
    # may edit them (``assemble`` copies a mention whose entity changes).
    memory: Optional[dict] = None

    @property
    def project(self) -> Path:
        return project_root(self.root, self.seeds_dir)

    def seeds(self) -> tuple[list[Path], list[str]]:
        """The seed files to read and the refusals, as warnings. Files named in ``paths`` were
        chosen by the caller (the eval command) and are read as given."""
        if self.paths is not None:
            return sorted(self.paths), []
        return seed_paths(self.seeds_dir, self.project)


@dataclass
class BuildLog:
    """What a build tells its user: warnings about the input (each naming a file and the reason) and
    counts for the log. Not to be confused with ``evaluation.Report``, the scores of an evaluation."""

    warnings: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        # File names are untrusted: no terminal control sequences reach the build log.
        self.warnings.append("".join(c if c.isprintable() else repr(c)[1:-1] for c in message))


def seed_paths(seeds_dir: Path, project: Optional[Path] = None) -> tuple[list[Path], list[str]]:
    """Every regular file in the seeds folder inside the project (sorted; hidden files and
    folders skipped), and a warning for each entry refused (a symbolic link out of the project)."""
    files, refused = listing(seeds_dir, project_root(project, seeds_dir))
    return files, [f"seeds/{line}" for line in refused]


def extract(path: Path, gazetteer: Gazetteer, curation: Curation, max_bytes: int = DEFAULT_MAX_BYTES,
            nlp=None) -> Extraction:
    """One seed through every per-article stage. Raises ``SeedError`` for a seed that is no article."""
    doc = read_seed(path, max_bytes=max_bytes)
    article = clean(doc)
    if not article.paragraphs:
        raise SeedError("no story text found (only page furniture)")
    curation_stage.apply_article_fix(article, curation.articles.get(source_name(path.name)))
    if reader(article.language) == "ru":
        return _extract_russian(article, gazetteer, doc.warnings)
    docs = parse(article, nlp)
    mentions, sentences = find_mentions(article, gazetteer, docs=docs)
    entities, quotes = resolve_article(article, mentions, sentences, gazetteer, docs=docs)
    demonym_of = _demonym_names(gazetteer)
    events = detect_events(article, sentences, mentions, demonym_of=demonym_of, docs=docs)
    relations = detect_relations(article, docs, mentions, entities, demonym_of)
    return Extraction(article, mentions, sentences, entities, quotes, events, list(doc.warnings), relations)


def _extract_russian(article: Article, gazetteer: Gazetteer, warnings: list[str]) -> Extraction:
    """A Russian article (or one in another language written in Cyrillic, read as Russian)."""
    from .extract.russian.extract import extract as extract_russian

    warnings = list(warnings)
    if primary(article.language) != "ru":
        warnings.append(f"language '{article.language}' is read as Russian: extraction reads English and Russian only")
    try:
        mentions, sentences, entities, quotes, events = extract_russian(article, gazetteer)
    except (ValueError, ArithmeticError, LookupError, RecursionError) as exc:
        # A text the Russian reader cannot take (a bug of ours, met on odd input) costs this seed,
        # with a warning that names it, never the build.
        raise SeedError(f"the Russian reader failed on this text ({type(exc).__name__}: {exc})") from exc
    return Extraction(article, mentions, sentences, entities, quotes, events, warnings, [])


def _demonym_names(gazetteer: Gazetteer) -> Callable[[str], Optional[str]]:
    def demonym_of(word: str) -> Optional[str]:
        entry_id = gazetteer.demonym(word)
        entry = gazetteer.get(entry_id) if entry_id else None
        return entry.name if entry else None

    return demonym_of


def build_site(options: Options, extractor: Optional[Callable[[list[Path]], Iterable]] = None) -> Site:
    """Read every seed and assemble the site. ``extractor`` may replace the per-article loop
    (a cache, a process pool); it yields ``(path, Extraction | SeedError)`` pairs."""
    report = BuildLog()
    curation = load_curation(options.briefs_dir, options.project)
    for problem in curation.problems:
        report.warn(problem)
    gazetteer = _load_gazetteer(options.gazetteer_files, report)
    paths, refused = options.seeds()
    for problem in refused:
        report.warn(problem)
    names = {source_name(p.name) for p in paths}
    for source, origin in sorted(curation.article_origins.items()):
        if source not in names and options.paths is None:  # a chosen few (eval) need not be all seeds
            report.warn(f"briefs/{origin}: no seed named '{source}' in seeds/; this article fix is not used")
    for path in paths:
        if path.suffix.lower() not in SUFFIXES:
            report.warn(f"seeds/{path.name}: skipped: unknown file type '{path.suffix or path.name}' "
                        "(expected .txt, .md or .html)")
    paths = [p for p in paths if p.suffix.lower() in SUFFIXES]
    if extractor is None:
        extractor = _extractor(options, gazetteer, curation, report)
    extractions: list[Extraction] = []
    for path, result in extractor(paths):
        if isinstance(result, SeedError):
            report.warn(f"seeds/{path.name}: skipped: {result}")
            continue
        for warning in result.warnings:
            report.warn(f"seeds/{path.name}: {warning}")
        extractions.append(result)
    extractions = _drop_duplicates(extractions, report)
    with collector_paused():
        return assemble(extractions, curation, gazetteer, report)


@contextmanager
def collector_paused():
    """Python's cycle collector held off while a stage builds a large structure that stays alive
    (the extractions read from the cache, the assembled site, its pages). Each collection walks every
    object still alive, and building hundreds of thousands of them sets off collections that find
    nothing to free: a sixth of a rebuild's time under ``mkdocs serve`` at 1,000 articles (1.0 of 5.7 s
    of CPU). Unreachable cycles made meanwhile are freed by the next collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def warm_up(options: Options) -> None:
    """Extracts the first seed and discards the result, so that what extraction loads once per
    process (spaCy's model, the gazetteer and its matcher, and what the first article's stages load:
    2.5 s of CPU, 5-7 s on a busy machine) is loaded. A server runs it after its first build, while the analyst
    reads, so that the first edit does not wait for it. Nothing is written."""
    paths = [p for p in options.seeds()[0] if p.suffix.lower() in SUFFIXES]
    if not paths:
        return
    report = BuildLog()
    curation = load_curation(options.briefs_dir, options.project)
    _extract_or_error(paths[0], _load_gazetteer(options.gazetteer_files, report), curation, options.max_bytes, load_nlp())


def _load_gazetteer(files: tuple[Path, ...], report: BuildLog) -> Gazetteer:
    """The bundled gazetteer with the analyst's files; a file that cannot be used (not YAML, nested
    too deep, a wrong key) is a warning naming it, and the site builds without that file."""
    usable = [Path(f) for f in files]
    while True:
        try:
            return Gazetteer.load(tuple(usable))
        except GazetteerError as exc:
            bad = next((f for f in usable if str(exc).startswith(str(f))), None)
            if bad is None:
                raise  # the bundled data is broken: a bug of ours, not the analyst's
            report.warn(f"{exc}; this gazetteer file is not used")
            usable.remove(bad)


PARALLEL_FROM = 8  # fewer articles than this to extract are not worth starting worker processes


def _extractor(options: Options, gazetteer: Gazetteer, curation: Curation, report: BuildLog):
    """Per-article extraction through the cache, in worker processes when there is much to do."""
    from .cache import ExtractionCache, environment_key

    cache = None
    if options.cache_dir is not None:
        cache = ExtractionCache(options.cache_dir, environment_key(gazetteer.version, PIPELINE_VERSION, extraction=True))

    memory = options.memory if cache is not None else None

    def run(paths: list[Path]):
        from_memory = 0
        done: dict[Path, object] = {}
        keys: dict[Path, str] = {}
        todo: list[Path] = []
        with collector_paused():  # every extraction read stays alive
            for path in paths:
                if cache is not None:
                    try:
                        keys[path] = cache.key_of(path, curation.articles.get(source_name(path.name)))
                    except OSError as exc:
                        done[path] = SeedError(f"cannot be read ({exc.strerror})")
                        continue
                    hit = memory.get(keys[path]) if memory is not None else None
                    if hit is not None:
                        from_memory += 1
                    else:
                        hit = cache.get(keys[path])
                    if hit is not None:
                        done[path] = hit
                        continue
                todo.append(path)
        jobs = options.jobs or os.cpu_count() or 1
        if len(todo) >= PARALLEL_FROM and jobs > 1:
            results = _extract_in_processes(todo, gazetteer, curation, options.max_bytes, jobs)
        else:
            nlp = load_nlp() if todo else None
            results = (_extract_or_error(p, gazetteer, curation, options.max_bytes, nlp) for p in todo)
        for path, result in zip(todo, results):
            if cache is not None and not isinstance(result, SeedError):
                cache.put(keys[path], result)
            done[path] = result
        if memory is not None:  # this build's, and no more: a deleted or edited seed's old result goes
            memory.clear()
            memory.update((keys[path], result) for path, result in done.items() if isinstance(result, Extraction))
            report.stats["kept in memory"] = from_memory
        if cache is not None:
            report.stats["cache hits"] = len(paths) - len(todo)
            if cache.summary():
                report.warn(cache.summary())
        report.stats["articles extracted"] = len(todo)
        for path in paths:
            yield path, done[path]

    return run


def _extract_or_error(path: Path, gazetteer: Gazetteer, curation: Curation, max_bytes: int, nlp):
    try:
        return extract(path, gazetteer, curation, max_bytes, nlp)
    except SeedError as exc:
        return exc


_WORKER: dict = {}


def _init_worker(gazetteer: Gazetteer, curation: Curation, max_bytes: int) -> None:
    _WORKER.update(gazetteer=gazetteer, curation=curation, max_bytes=max_bytes, nlp=load_nlp())


def _work(path: Path):
    return _extract_or_error(path, _WORKER["gazetteer"], _WORKER["curation"], _WORKER["max_bytes"], _WORKER["nlp"])


def _extract_in_processes(paths: list[Path], gazetteer: Gazetteer, curation: Curation, max_bytes: int, jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(gazetteer, curation, max_bytes)) as pool:
        # Results come back in order as they are done, so each is cached at once: an interrupted
        # cold build keeps what it extracted. Chunks stay small for the same reason.
        yield from pool.map(_work, paths, chunksize=max(1, min(16, len(paths) // (jobs * 8))))


def _drop_duplicates(extractions: list[Extraction], report: BuildLog) -> list[Extraction]:
    """The same article saved twice becomes one article (the first file name wins)."""
    seen: dict[str, str] = {}
    ids: set[str] = set()
    kept = []
    for ex in sorted(extractions, key=lambda e: e.article.source):
        if ex.article.digest in seen:
            report.warn(f"seeds/{ex.article.source}: skipped: the same article as seeds/{seen[ex.article.digest]}")
            continue
        seen[ex.article.digest] = ex.article.source
        if ex.article.id in ids:
            # Two file names that slug alike ("a b.txt", "a-b.txt"): the later one (sorted) gets a
            # suffix from its exact name, stable from build to build. A copy: the extraction may be
            # kept for the next build (``Options.memory``), where the clash may be gone.
            ex = replace(ex, article=replace(ex.article, id=f"{ex.article.id}-{short_hash(ex.article.source)}"))
        ids.add(ex.article.id)
        kept.append(ex)
    return kept


def assemble(extractions: list[Extraction], curation: Curation, gazetteer: Gazetteer,
             report: Optional[BuildLog] = None) -> Site:
    """The site-wide stages: resolve, curate, merge events, gather briefs."""
    report = report or BuildLog()
    entities, local_to_id = resolve_site(extractions, gazetteer)
    renamed = apply_entity_fixes(entities, curation, report.warn)
    local_to_id = {k: renamed.get(v, v) for k, v in local_to_id.items() if renamed.get(v, v) is not None}
    mentions = {}
    candidates = []
    for ex in extractions:
        article_mentions = []
        for m in ex.mentions:
            entity = local_to_id.get((ex.article.id, m.name), "")
            if m.entity != entity:
                if m.entity:  # set by an earlier build whose site may still be read: a copy
                    m = replace(m, entity=entity)
                else:
                    m.entity = entity
            if entity:
                article_mentions.append(m)
        mentions[ex.article.id] = article_mentions
        for event in ex.events:
            candidates.append(replace(event, article=ex.article.id,
                                      actors=_ids(event.actors, ex.article.id, local_to_id),
                                      places=_ids(event.places, ex.article.id, local_to_id)))
    relations = site_relations(extractions, local_to_id)
    named = {(article, m.entity) for article, kept in mentions.items() for m in kept}
    for entity in entities.values():
        entity.articles = sorted({a for a in entity.articles if (a, entity.id) in named})
    entities = {k: v for k, v in entities.items() if v.articles}
    events = {e.id: e for e in merge_events(candidates)}
    for event in events.values():
        event.actors = [a for a in event.actors if a in entities]
        event.places = [p for p in event.places if p in entities]
    articles = {ex.article.id: ex.article for ex in sorted(extractions, key=lambda e: e.article.id)}
    briefs = gather_briefs(curation, articles, report.warn)
    relations = [r for r in relations if r.subject in entities and r.object in entities]
    return Site(articles, entities, events, briefs, mentions, report.warnings, report.stats, relations)


def _ids(names: list[str], article_id: str, local_to_id: dict) -> list[str]:
    out = []
    for name in names:
        entity_id = local_to_id.get((article_id, name))
        if entity_id and entity_id not in out:
            out.append(entity_id)
    return out
