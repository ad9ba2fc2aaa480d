"""YAML from files we do not control, loaded safely and bounded.

Only the safe loader's tags are read, and before anything is composed the event stream (an
iterative scan, no recursion) is checked against a depth and a size limit: PyYAML composes
recursively, so ~500 levels of ``[[[[...`` would raise ``RecursionError`` deep inside it. What
goes past a limit raises a ``yaml.MarkedYAMLError`` whose mark gives the line, like any YAML error.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 40  # no file of ours nests deeper than about 6
MAX_EVENTS = 500_000  # a generous gazetteer file is ~100,000
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def check(text: str, max_depth: int = MAX_DEPTH, max_events: int = MAX_EVENTS) -> None:
    """Raise ``yaml.MarkedYAMLError`` when ``text`` nests deeper than ``max_depth`` or holds more
    than ``max_events`` nodes; ``yaml.YAMLError`` when it is not YAML."""
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=_Loader)):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > max_depth:
                raise yaml.MarkedYAMLError(problem=f"nested deeper than {max_depth} levels",
                                           problem_mark=event.start_mark)
        elif isinstance(event, _CLOSE):
            depth -= 1
        if count > max_events:
            raise yaml.MarkedYAMLError(problem=f"more than {max_events:,} values", problem_mark=event.start_mark)


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (nothing constructed), within the limits."""
    check(text)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load(text: str) -> Any:
    """Plain Python values (the safe loader's types only) of ``text``, within the limits."""
    check(text)
    return yaml.load(text, Loader=_Loader)
