"""Clean: a ``RawDocument`` in, an ``Article`` (the story's paragraphs only) out.

Page furniture is recognised by its shape, not by words from one site: the story is the run of
blocks that read as prose (sentences that end in punctuation); before it may stand a headline,
a date line and menus; after it, related headlines, prompts and buttons. Inside the story a short
line alone is a subheading, while a run of short lines is an embedded list of other stories.
"""

from __future__ import annotations

import re
from typing import Optional

from ..knowledge.patterns import load_patterns
from ..language import detect
from ..model import Article, Paragraph, PartialDate
from ..text import latin_share, slug
from .ingest import RawDocument, as_partial_date

# An item of a list in the story's text: "- Ambassador of Japan …", "• …", "1. …".
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+\S")
_INNER_SENTENCE = re.compile(r"\w[.!?…][\"'”’»)]*\s+[A-ZА-ЯЁ]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”»]$")
_TICKER = re.compile(r"[▲▼△▽↑↓]|\b[A-Z]{3}\s*[+-]?\d+[.,]\d+")
# A full date in numbers, as pages stamp stories and captions: 16.04.2022, 16/04/2022, 2022-04-16.
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?:(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2}))(?![\d.])")
_LEADING_STAMP = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s*(?:[|丨·,]\s*)?\d{1,2}:\d{2})?\s*[|丨·]\s*")
# A page's date stamp with its time, wherever it stands above the story ("Фото: пресс-служба 14.05.2023 09:30 512").
_TIME_STAMP = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(?:в\s+|at\s+)?\d{1,2}:\d{2}(?![\d:])")
_DATE_LINE = re.compile(r"^\s*(?:\d{1,2}:\d{2}\s*[,|]?\s*)?(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?:\s*[,|丨·]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# A date label before the story's first words, as saved pages and feeds give it:
# "date 2025-03-02 Farmers in Sughd ...", "Published: 2024-05-12".
_DATE_LABEL = re.compile(r"^\s*(?:date|published|posted|updated)\s*:?\s*(\d{4}-\d{2}(?:-\d{2})?)(?:[T ][\d:.+Z-]+)?\b\s*", re.I)
# A dateline in any case, with its date: "ALMATY/APRIL 14 2024 (Wire) —", "Ashgabat, 15 March 2022
# (TDI):", "BISHKEK, January 10." Only its date is read; the stricter _DATELINE gives the outlet.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
_LOOSE_DATELINE = re.compile(
    rf"^[A-Z][\w.'’\- ]{{1,40}}(?:/|,\s*)(?P<date>{_DATE})"
    r"\s*(?:\([^)]{1,60}\)\s*(?:[-–—:.]|(?-i:(?=[A-Z])))|[-–—:.])", re.I)  # "Osh, May 2 (Wire) The ..."
# The date inside the credit: "ASTANA (Some News / Agency - 28th October, 2022)".
_CREDIT_DATELINE = re.compile(rf"^[A-Z][\w.'’\- ]{{1,40}}\s*\([^()]{{1,60}}?[-–—,]\s*(?P<date>{_DATE})\s*\)", re.I)
# A full date with the month's name, run into other words of a line above the story
# ("Steppe Wire, March 12, 2021 Change text size:").
_NAMED_STAMP = re.compile(rf"\b(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})\b", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}(?:/[A-Z][A-Z.'\- ]+)?),?\s+"  # "TASHKENT, Jan 26", "TASHKENT. Jan 26"
    r"(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:[,.]\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:\s+\d{4})?)"
    r"\s*(?:\((?P<outlet>[^)]{2,60})\))?\s*[-–—]+\s*"
    r"|^(?P<place2>[A-Z][A-Z.'\- ]{2,40})\s*\((?P<outlet2>[^)]{2,60})\)\s*[-–—]+\s*"  # "DUSHANBE (Reuters) -"
)
HEADING_MAX_WORDS = 12
STAMP_LINE_WORDS = 10  # a line above the story this short may be a byline with the page's date
MENU_ITEM_MAX_WORDS = 6  # a line of short items between pipes is a menu; a sentence with pipes is not
RUN_OF_LIST = 3  # this many short lines in a row are a list of other stories, not subheadings
RUN_OF_TEASERS = 2  # this many blocks cut off with an ellipsis after the story are other stories' openings
# The opening of another story, cut off: "... the new grain silo at Kumtal and ... more", "... the three northern ..."
_TEASER = re.compile(r"\w\s?(?:\.\.\.|…)\s*(?:(?:read |see )?more\b\W*|continue reading\W*)?$", re.I)


def clean(doc: RawDocument) -> Article:
    """Keep the story's paragraphs; take a title and date from the page where it gives them."""
    blocks = list(doc.blocks)
    published = doc.published
    for i, block in enumerate(blocks[:3]):
        label = _DATE_LABEL.match(block)
        if label and label.end() < len(block):
            published = published or as_partial_date(label.group(1))
            blocks[i] = block[label.end():]
            break
    roles = classify_blocks(blocks, doc.headings)
    title = doc.title
    outlet = doc.outlet
    paragraphs: list[Paragraph] = []
    furniture: list[str] = []
    line_date: Optional[PartialDate] = None
    late_date: Optional[PartialDate] = None  # the first date line inside the story, if none is above it
    for block, role in zip(blocks, roles):
        if role == "title":
            if title is None:
                title = block
            elif _same_words(title, block):
                continue
            else:
                paragraphs.append(Paragraph(len(paragraphs), block, heading=True))
        elif role == "date":
            # The last date line before the story is the story's: a page's header date comes first.
            line_date = _date_line(block) or line_date
        elif role == "late date":
            late_date = late_date or _date_line(block)
        elif role in ("story", "heading"):
            paragraphs.append(Paragraph(len(paragraphs), block, heading=role == "heading"))
        else:
            furniture.append(block)
    # "… story … / Author: A. B. / 12 марта 2025": a date line right after the story, the last resort
    last_story = max((i for i, role in enumerate(roles) if role == "story"), default=None)
    trailing = None if last_story is None else next(
        (found for block in blocks[last_story + 1: last_story + 1 + TRAILING_DATE_REACH] if (found := _date_line(block))), None)
    published = published or line_date or late_date or trailing
    if paragraphs and not paragraphs[0].heading:
        # "03.10.2022 | 15:58 | Headline…": a page's date stamp run into its first line
        stamp = _LEADING_STAMP.match(paragraphs[0].text)
        if stamp and stamp.end() < len(paragraphs[0].text):
            day, month, year = (int(g) for g in stamp.groups())
            candidate = PartialDate(year, month, day)
            if candidate.is_valid():
                published = published or candidate
                paragraphs[0] = Paragraph(0, paragraphs[0].text[stamp.end():])
    if paragraphs and not _opening_date(paragraphs[0].text):
        # "(caption) / Headline / Stockholm, January 10, 2022 – ...": a photo's caption read as
        # prose pulled the headline into the story; a dateline with a full date a block or two
        # down opens it
        opening = next((k for k in range(1, min(DATELINE_REACH + 1, len(paragraphs)))
                        if (found := _opening_date(paragraphs[k].text)) and found.day
                        and (found.year or _DATELINE.match(paragraphs[k].text))  # "BISHKEK, Sept 16 (Reuters) -"
                        and all(_above_a_dateline(p.text) for p in paragraphs[:k])), None)
        if opening is not None:
            before = [p.text for p in paragraphs[:opening]]
            if title is None and _is_headline(before[-1]) and not _is_caption(before[-1]):
                title = before.pop()
            furniture += before
            paragraphs = [Paragraph(n, p.text, heading=p.heading) for n, p in enumerate(paragraphs[opening:])]
    if paragraphs:
        dateline = _DATELINE.match(paragraphs[0].text)
        if dateline:
            outlet = outlet or dateline.group("outlet") or dateline.group("outlet2") or None
            if dateline.group("date"):
                published = published or dateline_date(dateline.group("date"))
        loose = _LOOSE_DATELINE.match(paragraphs[0].text) or _CREDIT_DATELINE.match(paragraphs[0].text)
        if loose and published is None:
            published = dateline_date(loose.group("date"))
    if published is None:
        published = _stamp_above_story(blocks, roles)
    published = year_from_stamps(published, [*furniture, title or ""])
    # "... border. (Reporting by X; Editing by Y)", "... in 2022. (Parliament/Handout/Agency via Z)": a
    # credit run into the end of a paragraph or a caption names the page's people, not the story's
    kept = []
    for p in paragraphs:
        text = p.text if p.heading else without_run_in_credit(p.text)
        if text != p.text:
            furniture.append(p.text[len(text):].strip())  # what the page ran in is the page's
        kept.append(Paragraph(p.index, text, heading=p.heading))
    paragraphs = kept
    title_derived = False
    if not title:
        title = derive_title(paragraphs)
        title_derived = True
    return Article(
        id=slug(doc.source.rsplit(".", 1)[0]),
        source=doc.source,
        title=title,
        paragraphs=paragraphs,
        published=published,
        url=doc.url,
        outlet=outlet,
        language=doc.language or detect(" ".join(p.text for p in paragraphs)),
        title_derived=title_derived,
        furniture=furniture,
        digest=doc.digest,
    )


def classify_blocks(blocks: list[str], headings: set[int] = frozenset()) -> list[str]:
    """Label each block story, heading, title, date or furniture by its shape."""
    # A block in another script than most of the page is furniture (a Russian menu on an English
    # page, or the reverse); an article wholly in Cyrillic or Arabic is still an article.
    latin = latin_share(" ".join(blocks)) >= 0.5
    # "12 марта 2025 г." reads as a short sentence; a line that is only a date is none
    prose = [_is_prose(b, latin) and not _date_line(b) for b in blocks]
    # a line that opens and closes the page (the site's slogan) frames it: neither story nor title
    frame = blocks[0].strip() if len(blocks) > 2 and blocks[0].strip() == blocks[-1].strip() else None
    prose = [p and b.strip() != frame for p, b in zip(prose, blocks)]
    if not any(prose):
        # No block reads as prose (a page of fragments): keep every readable block rather than lose it.
        return ["story" if _is_readable(b, latin) else "furniture" for b in blocks]
    first = prose.index(True)
    # "Recent Posts / - headline 18.08.2022 / - headline ...": a list of other stories above the
    # story, one of whose items reads as a sentence, does not open it
    while _LIST_ITEM.match(blocks[first]):
        run_end = first
        while run_end < len(blocks) and _LIST_ITEM.match(blocks[run_end]):
            run_end += 1
        if run_end - first < RUN_OF_LIST or not any(prose[run_end:]):
            break
        prose[first:run_end] = [False] * (run_end - first)
        first = prose.index(True)
    last = len(blocks) - 1 - prose[::-1].index(True)
    # A disclaimer or a "Most popular" list closes the story, however prose-like what follows
    # (unless the story's prose goes on right after it: "More From This Section" with its list
    # not saved, between two paragraphs of one story)
    ends = [i for i in range(first + 1, last + 1) if _STORY_END.match(blocks[i]) and (
        _DISCLAIMER.match(blocks[i]) or not (i + 1 < len(blocks) and prose[i + 1]))]
    # "... Power demand ... more": a closing run of blocks cut off with an ellipsis (and their "more"
    # link) are the openings of other stories. One alone may be the story's own last words, cut off;
    # a paragraph cut off and followed by more of the story's prose is the story's own.
    cut = [i for i in range(first + 1, len(blocks)) if _TEASER.search(blocks[i])]
    story_after = max((i for i in range(first, len(blocks)) if prose[i] and i not in cut), default=first)
    teasers = [i for i in cut if i > story_after]
    if len(teasers) >= RUN_OF_TEASERS and teasers[0] <= last:
        ends.append(teasers[0])
    if ends:
        last = max((i for i in range(first, min(ends)) if prose[i]), default=first)
    while last > first and (_AUTHOR_NOTE.match(blocks[last]) or _is_appeal(blocks[last])):
        # the page's note on its author, its appeal for money
        last = max((i for i in range(first, last) if prose[i]), default=first)
    if blocks[last].rstrip().endswith(":"):
        # the story closes on "Among the speakers:" and the list it announces, item by item
        while last + 1 < len(blocks) and not prose[last + 1] and _LIST_ITEM.match(blocks[last + 1]) \
                and _is_readable(blocks[last + 1], latin):
            last += 1
    cut_short = last == len(blocks) - 2 and _is_cut_quotation(blocks[-1], latin)
    roles = ["furniture"] * len(blocks)
    # Before the story: a date line, and one title. A marked heading wins; else the longest
    # headline-shaped line (menus and "Subscribe to our newsletter" prompts are shorter).
    candidates = []
    for i in range(first):
        if _date_line(blocks[i]):
            roles[i] = "date"
        elif i in headings:
            candidates.append((1000, -i, i))
        elif (_is_headline(blocks[i], latin) and not _BYLINE.match(blocks[i]) and not _POINTER.match(blocks[i])
              and blocks[i].strip() != frame):
            candidates.append((len(blocks[i].split()), -i, i))
    if candidates:
        roles[max(candidates)[2]] = "title"
    i = first
    while i <= last:
        if prose[i]:
            roles[i] = "story"
            i += 1
            continue
        run_end = i
        while run_end <= last and not prose[run_end]:
            run_end += 1
        run = range(i, run_end)
        is_list = len(run) >= RUN_OF_LIST and not all(j in headings for j in run)
        if i > first and roles[i - 1] == "story" and blocks[i - 1].rstrip().endswith(":") and _LIST_ITEM.match(blocks[i]):
            # "Among the speakers:" and the list it announces: the story's own list, not other stories
            j = i
            while j < run_end and _LIST_ITEM.match(blocks[j]) and _is_readable(blocks[j], latin) \
                    and not _POINTER.match(blocks[j]):
                roles[j] = "story"
                j += 1
            i = j if j > i else run_end
            continue
        for j in run:
            block = blocks[j]
            if _POINTER.match(block) or _STORY_END.match(block):
                continue
            if _date_line(block):
                # a line that is only a date is the page's, not the story's: when a photo
                # caption above the headline reads as prose, the date line below the headline
                # falls inside the story and still dates the page
                roles[j] = "late date"
                continue
            if j in headings or (not is_list and _is_heading(block, latin)):
                roles[j] = "heading"
            elif not is_list and _is_readable(block, latin) and len(block.split()) > HEADING_MAX_WORDS:
                roles[j] = "story"
        i = run_end
    if cut_short:
        roles[-1] = "story"  # the page was saved in part and ends inside a quotation
    return roles


# A line that points to another story ("Related: ...", "READ MORE: ...") is furniture whatever
# its shape; these openers are the web's, not one site's.
_POINTER = re.compile(r"^(related|read (more|also|next)|see also|also read|recommended|more on this|watch|listen)\b\s*[:|–—-]"
                      # credits, captions and notices: "Photo: AFP", "© 2024 Agency", "Advertisement"
                      r"|^\(?(photo(graph)?|image|picture|credit|caption)s?\s*(?:[:|/–—]|by\b|courtesy\b)|^(©|copyright\b)"
                      r"|^(advertisement|sponsored( content)?)\s*$"
                      # prompts: "Follow X on Instagram ...", "Support X!", "Contribute today", "Subscribe to ..."
                      r"|^follow\b.*\b(instagram|telegram|facebook|twitter|threads|youtube|tiktok|whatsapp|linkedin)\b"
                      r"|^(support|donate to|contribute|subscribe|sign up)\b.{0,60}(!|today|now|newsletter)\s*$"
                      # "Support independent journalism", "Help us today: support a free press!": the
                      # prompt alone on its line, or a short line it closes with "!", not prose saying so
                      r"|^(please )?support (an? )?(independent|free) (journalism|reporting|media|press)\W*$"
                      r"|^.{0,40}\bsupport (an? )?(independent|free) (journalism|reporting|media|press)\b[^.?]{0,40}!\s*$"
                      # "Click here to join our channel on Telegram", "We use cookies ... you agree to ..."
                      r"|^(click here|tap here|join (us|our|the)\b.{0,60}\b(channel|telegram|whatsapp|newsletter))"
                      r"|^(this (site|website) uses|we use) cookies\b"
                      # the same behind an emoji ("📢 Join our X channel"), and its promise: "Get breaking news
                      # and updates directly on Telegram."
                      r"|^[^\w\s]+\s*join (us|our|the)\b.{0,60}\b(channel|telegram|whatsapp|newsletter)"
                      r"|^(get|receive) (the )?(latest|breaking)\b.{0,80}\b(channel|newsletter|app|telegram|whatsapp)\b"
                      # the search box: "Hi, what are you looking for?", "Close this search box."
                      r"|^(hi[,!]?\s+)?what are you looking for\?\s*$|^(close|open) (this |the )?search( box| bar| form)?\W*$"
                      # notes on the article: "This post was first published on X", "The views
                      # expressed in this article are the author's own", "Get the latest news on our channel"
                      r"|^this (article|story|piece|report|post|item) (was|is|has been) (originally |first )?(re)?published\b"
                      r"|^the (views|opinions) expressed (in|by)\b"
                      r"|^(get|read|receive) (the )?latest\b.{0,80}\b(channel|newsletter|app)\b"
                      # the notices Russian law asks for, as footnotes: "* «X» — организация признана
                      # террористической ...", "*включен Минюстом РФ в список иноагентов"
                      r"|^\*\s*.{0,160}?(запрещен|признан\w*\s+(террорист|экстремист|нежелательн)|иноагент|иностранн\w+\s+агент)", re.I)
# A note on the author closing the page: "Jane Roe is a journalist based in Almaty who covers ...".
_AUTHOR_NOTE = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}is an?\s+(?:[\w-]+\s+){0,3}?(?:journalist|reporter|"
                          r"correspondent|writer|editor|contributor|photographer|photojournalist)\b"
                          # the wire's credits: "AP writer X in Y contributed to this report.",
                          # "Reporting by X in Y; Editing by Z"
                          r"|^(?:[\w'’.,-]+\s+){1,12}?contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?\s*$"
                          r"|^(?i:(?:additional\s+)?(?:reporting|writing|editing)\s+by)\s+[A-Z]"
                          # a board answering for what appears under the byline ("The X desk is responsible for the posts published under this byline")
                          r"|^.{0,80}\bis responsible for the (?:stories|articles|content|posts) published under this byline")
# An appeal for money closing the page: "Independent reporting costs money. Please donate today."
_APPEAL = re.compile(r"\b(?:make (?:a|your) donation|donate (?:now|today)|please (?:contribute|donate|support us)"
                     r"|we need your support|support (?:us|our (?:work|journalism)) (?:today|now|with a donation))\b", re.I)
# An appeal that asks for support, the page's own only when it speaks to its readers or members
# and quotes nobody: "we ask for your support,” the mayor said" closes a story.
_SUPPORT_ASKED = re.compile(r"\bwe ask (?:you )?(?:for )?(?:the |your )?support\b"
                            r"|\bsupport (?:of|from) (?:our|its) (?:[\w-]+ ){0,3}readers\b", re.I)
_OWN_VOICE = re.compile(r"\b(?:readers?|members?|membership|donat\w*|subscri\w*)\b", re.I)
_QUOTATION_MARK = re.compile(r"[“”«»„\"]")


TRAILING_DATE_REACH = 2  # how many blocks after the story a date line may stand and still date it
CUT_QUOTATION_WORDS = 8  # a last block this long that ends inside an opened quotation is the story's, cut off
# A photo credit in capitals closing a caption: "EPA-EFE/NAME SURNAME", "AFP/NAME".
_CAPS_CREDIT = re.compile(r"(?<![\w/])[A-Z][A-Z\-]{1,15}(?:/[A-Z][A-Z.'\- ]{1,40})+$")
# A wire's credit in brackets closing a paragraph: "(Reporting by X; Editing by Y)"
_RUN_IN_CREDIT = re.compile(r"\s*\((?:additional\s+)?(?:reporting|writing|editing)\s+by\s[^()]*\)\s*$", re.I)
# A photo's credit in brackets closing a paragraph: "(Jane Roe/Agency)", "(Water Ministry/Handout/Agency
# via Picture Desk)"; what it is, _is_photo_credit says
_CLOSING_BRACKET = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
# A byline or the author's signature run into the end of a paragraph, after its last sentence:
# "... to stay. By JANE ROE and JOHN DOE from Wire", "... bilateral relations. Jane Roe"
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}"
_RUN_IN_BYLINE = re.compile(rf"(?<=[.!?”\"’])\s+(?:(?:by|BY|By)\s+)+{_NAME}(?:(?:,\s*|,?\s+(?:and|AND)\s+){_NAME})*"
                            rf"(?:\s+(?:from|for)\s+[A-Z][\w.&'’ -]{{1,40}})?\s*$|(?<=\.)\s+(?P<signature>{_NAME})\s*$")
# A lower-case word closing a sentence: what a signature follows ("... the U.S. Trade
# Representative", "... Dr. Aida Seitova" close no sentence before the name)
_LOWER_SENTENCE_END = re.compile(r"(?<![\w.])[a-z]+\.$")
DATELINE_REACH = 2  # how many blocks of the story may stand above the block its dateline opens
_DISCLAIMER = re.compile(r"^(legal |editorial )?disclaimer\b", re.I)
# Lines that close the story: what follows them is the page's, not the story's.
_STORY_END = re.compile(_DISCLAIMER.pattern + r"|^most (popular|read|viewed)\b"
                        r"|^(more|other|latest|popular|top|related) (stories|articles|news|posts|from)\b"
                        r"|^you (may|might) also like\b", re.I)


def without_run_in_credit(text: str) -> str:
    """The paragraph without a credit or a byline run into its end."""
    text = _RUN_IN_CREDIT.sub("", text) or text
    bracket = _CLOSING_BRACKET.search(text)
    if bracket and bracket.start() and _is_photo_credit(bracket.group("inner")):
        text = text[:bracket.start()]
    byline = _RUN_IN_BYLINE.search(text)
    if not byline or (byline.group("signature") and not _LOWER_SENTENCE_END.search(text[:byline.start()])):
        return text
    return text[:byline.start()] or text


def _is_photo_credit(inner: str) -> bool:
    """Whether the words in brackets credit a photo: names between slashes, the first of two words
    or more ("(RFE/RL's Service)" is a source), the last with a credit word ("Handout", "via X");
    a count or a share ("(Greens 20 / Reds 4)") or two places ("(Osh / Batken)") credit nothing."""
    parts = [part.strip() for part in inner.split("/")]
    if len(parts) < 2 or " " not in parts[0] or not all(re.fullmatch(r"[A-Z][^\d%]*", part) for part in parts):
        return False
    return not load_patterns().credit_words.isdisjoint(re.findall(r"[\w'’-]+", parts[-1]))


def _is_appeal(block: str) -> bool:
    """Whether the block is the page's appeal for money or support, not the story's."""
    if _APPEAL.search(block):
        return True
    return bool(_SUPPORT_ASKED.search(block) and _OWN_VOICE.search(block) and not _QUOTATION_MARK.search(block))


def _is_prose(block: str, latin: bool = True) -> bool:
    words = block.split()
    if not _is_readable(block, latin) or _POINTER.match(block):
        return False
    # A story's last paragraph may be cut off mid-sentence (a page saved in part): two sentences
    # inside it still make it prose.
    return ((len(words) >= 4 and bool(_SENTENCE_END.search(block))) or len(words) >= 25
            or (len(words) >= 12 and bool(_INNER_SENTENCE.search(block)))
            # a quotation of sentences that runs on into the next paragraph, no closing mark
            or (_is_cut_quotation(block, latin) and bool(_INNER_SENTENCE.search(block))))


def _is_cut_quotation(block: str, latin: bool = True) -> bool:
    """A quotation that opens and is never closed: the end of a story cut off mid-quote, where a
    related headline or a button would close its quotation marks or have none."""
    opening = block.lstrip()[:1]
    if opening in "«“\"„":
        return (len(block.split()) >= 4 and _is_readable(block, latin)
                and not re.search(r"[»”\"“]", block.lstrip()[1:]))
    # 'The minister said that "a memorandum has already been sig': a sentence that opens a
    # quotation the page cut off
    marks = re.findall(r"(?:(?<=\s)[«“\"„])|[»”]|(?<=\w)\"", block)
    return (len(block.split()) >= CUT_QUOTATION_WORDS and bool(marks) and marks[-1] in ("«", "“", '"', "„")
            and _is_readable(block, latin) and block[:1].isupper())


def _is_readable(block: str, latin: bool = True) -> bool:
    return ((latin_share(block) >= 0.5) == latin and not _is_menu(block) and not _TICKER.search(block)
            and len(_DATA_KEYS.findall(block)) < 3)


# A page's data dumped as text (JSON of related stories, a script's settings) is no story.
_DATA_KEYS = re.compile(r"[\"']\w+[\"']\s*:\s*[\"'\[{\d]")


def _is_menu(block: str) -> bool:
    items = block.split("|")
    return len(items) >= 3 and all(len(item.split()) <= MENU_ITEM_MAX_WORDS for item in items)


def _is_heading(block: str, latin: bool = True) -> bool:
    return _is_readable(block, latin) and 1 <= len(block.split()) <= HEADING_MAX_WORDS


def _is_headline(block: str, latin: bool = True) -> bool:
    words = block.split()
    return _is_readable(block, latin) and 4 <= len(words) <= 30 and block[0].isupper()


_BYLINE = re.compile(r"^(by|from|photo|text|words)\b", re.I)


def _date_line(block: str) -> Optional[PartialDate]:
    """A line that is only a full date: "02.05.2024, 16:40", "12 March 2025", "March 12, 2025 09:30"."""
    match = _DATE_LINE.match(block)
    if match:
        day, month, year = (int(g) for g in match.groups())
        candidate = PartialDate(year + 2000 if year < 100 else year, month, day)  # "12.03.25 14:05"
        return candidate if candidate.is_valid() else None
    text = re.sub(r"^(published|updated|posted|date)\s*:?\s*", "", block.strip(), flags=re.I)
    text = re.sub(r"^\d{1,2}:\d{2}\s*[/|,·]\s*", "", text)  # "12:34 / 2024-10-07": the time stamped first
    # "2024-06-03 09:10 Last Updated At:11:25": the first date is the publication's
    text = re.sub(r"(?<=\S)\s*[|/·,]?\s*(?:last\s+)?(?:updated|modified|edited)\b.*$", "", text, flags=re.I)
    first, _, rest = text.partition(" ")
    rest = re.split(r"\s*[丨|·]", rest)[0]  # "2018-11-14 08:16:10丨Outlet": the outlet follows a bar
    first = re.sub(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$", "", first)  # ISO 8601 with its time
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) and not re.search(r"[A-Za-z]{3}", rest):
        return as_partial_date(first)  # "2025-08-19", "2025-08-19 16:40"
    # "March 4, 2019 / 7:05 AM / in 3 months": the date is the first of the parts
    text = re.split(r"\s+[/|]\s+", text)[0]
    text = re.sub(r",?\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?(\s*\w{2,4})?$", "", text, flags=re.I)
    if re.search(r"[а-яё]{3}", text, re.I) and len(text.split()) <= 8:
        return _russian_date_line(text)  # "29 ноября 2021 18:08", "вторник, 09 декабря 2025"
    if len(text.split()) > 4 or not re.search(r"\b\d{4}\b", text) or not re.search(r"[A-Za-z]{3}", text):
        return None
    from .dates import resolve_date

    candidate = resolve_date(text, None)
    return candidate if candidate is not None and candidate.day is not None and candidate.year else None


def _russian_date_line(text: str) -> Optional[PartialDate]:
    """A line that is a full date in Russian and little else (a weekday, a time)."""
    from ..knowledge.russian_lexicon import load
    from .russian.dates import find_dates

    lexicon = load()
    found = find_dates(text, lexicon, None)
    if len(found) != 1 or found[0].date.day is None or found[0].date.year is None:
        return None
    rest = text[:found[0].start] + " " + text[found[0].end:]
    rest = re.sub(r"\b\d{1,2}:\d{2}\b|[^\W\d_]+:\s*\d+", "", rest)  # a time; "Просмотров: 18582"
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.casefold() not in lexicon.date_line_words]
    if len(words) <= 1:
        return found[0].date  # a weekday, or a byline's one word, at most
    # "Анна Иванова, 12 марта 2025": a byline's name before the date
    byline = re.fullmatch(r"\s*(?:[A-ZА-ЯЁ][^\W\d_]+\s+){1,2}[A-ZА-ЯЁ][^\W\d_]+\s*,\s*", text[:found[0].start])
    return found[0].date if byline and not text[found[0].end:].strip(" ,.|0123456789:") else None


def _stamp_above_story(blocks: list[str], roles: list[str]) -> Optional[PartialDate]:
    """The last resort for a page's date: a date with its time in the blocks above the story (a
    caption's or a header's stamp run into other words), when they give one day only; a list of
    other stories above it gives several, and none is taken."""
    from .dates import resolve_date

    first = next((i for i, role in enumerate(roles) if role == "story"), len(blocks))
    days = set()
    for block, role in zip(blocks[:first], roles[:first]):
        for day, month, year in _TIME_STAMP.findall(block):
            candidate = PartialDate(int(year), int(month), int(day))
            if candidate.is_valid():
                days.add((candidate.year, candidate.month, candidate.day))
        if role != "title" and len(block.split()) <= STAMP_LINE_WORDS:
            # "Steppe Wire, March 12, 2021 Change text size:": a byline's date with the page's words
            for match in _NAMED_STAMP.finditer(block):
                named = resolve_date(match.group(0), None)
                if named is not None and named.year and named.day:
                    days.add((named.year, named.month, named.day))
    return PartialDate(*days.pop()) if len(days) == 1 else None


def _above_a_dateline(block: str) -> bool:
    """A block that may stand above the dateline that opens a story: a headline (no full stop at
    its end) or a caption closed by its credit ("... (Name/Agency)", "... AGENCY/NAME SURNAME"); a
    sentence of the story never is."""
    return not re.search(r"[.!?…:;]['\"”’»]?$", block.rstrip()) or _is_caption(block)


def _is_caption(block: str) -> bool:
    """A photo's caption closed by its credit: "... (Name/Agency)", "... AGENCY/NAME SURNAME"."""
    end = block.rstrip()
    return bool(re.search(r"\([^()]*/[^()]*\)$", end) or _CAPS_CREDIT.search(end))


def _opening_date(text: str) -> Optional[PartialDate]:
    """The date of a dateline opening ``text``, strict or loose, if any."""
    match = _DATELINE.match(text) or _LOOSE_DATELINE.match(text)
    return dateline_date(match.group("date")) if match and match.group("date") else None


def dateline_date(text: str) -> Optional[PartialDate]:
    """The date of a wire dateline ("Sept. 11", "11 September 2024"): only what it states."""
    from .dates import resolve_date

    return resolve_date(text, None)


def derive_title(paragraphs: list[Paragraph]) -> str:
    """A title from the story's first sentence, cut to a readable length at a word boundary."""
    body = next((p.text for p in paragraphs if not p.heading), "") or "Untitled article"
    body = _DATELINE.sub("", body)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", body, maxsplit=1)[0].rstrip(".")
    if not any(c.isalnum() for c in sentence):  # a story of punctuation or a bare dateline
        return "Untitled article"
    if len(sentence) <= 90:
        return sentence
    cut = sentence[:90].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


__all__ = ["clean", "classify_blocks", "derive_title", "dateline_date", "as_partial_date"]


def year_from_stamps(date: Optional[PartialDate], texts: list[str]) -> Optional[PartialDate]:
    """A dateline's day and month with the year the page's own stamps give them.

    "TASHKENT, 16 Apr -" says no year; a caption or header of the same page that reads
    16.04.2022 does. The year is taken only when every numeric date of that day and month on the
    page agrees on it."""
    if date is None or date.year is not None or date.month is None or date.day is None:
        return date
    years = set()
    for text in texts:
        for match in _NUMERIC_DATE.finditer(text):
            day, month, year = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                                else (match.group(6), match.group(5), match.group(4)))
            if int(day) == date.day and int(month) == date.month:
                years.add(int(year))
    return PartialDate(years.pop(), date.month, date.day) if len(years) == 1 else date
