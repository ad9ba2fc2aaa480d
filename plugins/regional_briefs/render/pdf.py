"""PDFs of printable pages, written from the built HTML with WeasyPrint. No MkDocs here.

WeasyPrint lays a page out for print media, so the site's print stylesheet (``assets/briefing.css``)
decides what is on paper. It is an optional dependency (``regional-briefs[pdf]``).
"""

from __future__ import annotations

import logging
from pathlib import Path


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or a system library it needs) is not installed."""


def write_pdf(html_file: Path, pdf_file: Path) -> None:
    """``html_file`` (a built page, its stylesheets and images beside it) as ``pdf_file``."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango is not
        raise PdfUnavailable(str(exc)) from exc
    # The theme's screen-only CSS (transitions, user-select…) is "unknown property" to WeasyPrint:
    # said at WARNING for every page, and not about anything in the PDF.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    HTML(filename=str(html_file)).write_pdf(str(pdf_file))
