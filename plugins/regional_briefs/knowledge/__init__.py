"""Knowledge as data: the gazetteer, the lexicons and patterns in ``data/``, and their checked loaders.

Every data file is read through ``safe_yaml`` (safe, bounded) and checked where it is loaded, so that
a missing or mistyped key names the file and the key. Code elsewhere holds methods, not words.
"""

from pathlib import Path

DATA = Path(__file__).parent / "data"
