"""A name as the text inflects it, brought to the nominative («Баткенской области» ->
Баткенская область, «Эмомали Рахмона» -> Эмомали Рахмон).

The words that agree with the name's head (the word the others depend on) take the nominative
with it; a dependent in another case stays as written («Погранслужбы ГКНБ» -> Погранслужба ГКНБ,
«Министерства иностранных дел» -> Министерство иностранных дел). A person's name is all head:
given name, patronymic and surname each take the nominative.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

# Natasha's (Universal Dependencies) cases and pymorphy3's grammemes.
CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct", "Par": "gent", "Voc": "nomn"}
_UD_CASES = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc"}
_POS = {"NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "PRTF"}, "DET": {"ADJF", "NPRO"}, "VERB": {"PRTF"}}
_NAME_TAGS = ("Surn", "Name", "Patr")


def nominative(tokens: Sequence, analyzer, person: bool = False, woman_in: Optional[str] = None,
               conjoined_in: Optional[str] = None) -> str:
    """The nominative of a name spanning ``tokens`` (Natasha tokens of one sentence). ``woman_in``:
    the case a feminine noun right before a person's name is in («журналистку Гульжан Асанбекову»);
    ``conjoined_in``: the case of the person's name this one is coordinated with."""
    if not tokens:
        return ""
    if person:
        return _person(tokens, analyzer, woman_in, conjoined_in)
    ids = {t.id for t in tokens}
    root = next((t for t in tokens if t.head_id not in ids), tokens[0])
    case = (root.feats or {}).get("Case")
    words: list[str] = []
    gender, number = None, None
    # The head first: its gender and number are the ones its adjectives take.
    head_form = _inflect(root, analyzer, person=person) if case and case != "Nom" else None
    if head_form is not None:
        gender, number = head_form[1], head_form[2]
    for token in tokens:
        feats = token.feats or {}
        # Adjectives and participles agree with the head; a noun only when it stands beside it
        # («город Ош»), not when it completes it («партии Туркменистана»).
        modifier = token.pos in ("ADJ", "DET") or (token.pos == "VERB" and feats.get("VerbForm") == "Part")
        beside = token.pos in ("PROPN", "NOUN") and (token.rel or "").startswith(("flat", "appos"))
        # Only words of the head itself: «иностранных» of «Министерства иностранных дел» is «дел»'s.
        agrees = token is root or (feats.get("Case") == case and (modifier or beside) and token.head_id == root.id)
        if token is root and head_form is not None:
            words.append(_cased(head_form[0], token.text))
        elif agrees and feats.get("Case") not in (None, "Nom"):
            form = _inflect(token, analyzer, gender=gender, number=number, person=person)
            words.append(_cased(form[0], token.text) if form else token.text)
        else:
            words.append(token.text)
    return _join(tokens, words)


def _person(tokens: Sequence, analyzer, woman_in: Optional[str] = None, conjoined_in: Optional[str] = None) -> str:
    """A person's name: every word in the case and gender the surname has (the tagger reads a
    surname better than a given name it may not know), brought to the nominative."""
    if len(tokens) >= 3 and tokens[-1].text.islower() and not any(SURNAME.search(t.text) for t in tokens):
        # «Бактыбека Афтандил уулу»: a Turkic patronymic name; the given name alone declines, and
        # «уулу» (son) says it is a man's, whatever the tagger read («Максата Тажыбек уулу»)
        given = _person(tokens[:1], analyzer)
        from ...knowledge.russian_lexicon import load

        if given == tokens[0].text and tokens[-1].text.casefold() in load().son_words:
            given = next((stem for case in ("ablt", "gent", "datv", "loct")
                          if (stem := _masculine_stem(given, case)) != given), given)
        return _join(tokens, [given, *(t.text for t in tokens[1:])])
    surname = next((t for t in reversed(tokens) if SURNAME.search(t.text)), tokens[-1])
    feats = dict(surname.feats or {})
    if feats.get("Case") in (None, "Nom") and conjoined_in not in (None, "Nom"):
        # «дом Ивана Петрова и Рустама Бекова»: the second name, read as a nominative, is in the case
        # of the first, as coordinated words are
        feats = {"Case": conjoined_in, "Gender": feats.get("Gender", "Masc")}
    if feats.get("Case") in (None, "Nom") and re.search(r"(?:ов|ев|ёв|ин|ын)а$", surname.text):
        # «Сыргына Аринова»: a man's name the tagger read in another case than his surname; an
        # -ова surname is a man's in the genitive or a woman's in the nominative, and he says which
        other = next((t.feats for t in tokens if t is not surname and (t.feats or {}).get("Case") not in (None, "Nom")
                      and (t.feats or {}).get("Gender") == "Masc"), None)
        if other is not None:
            feats = {"Case": other["Case"], "Gender": "Masc"}
    if feats.get("Case") == "Acc" and _MASCULINE_DATIVE.search(surname.text):
        # «Алтынбекову» read as an accusative is a woman's: a man's accusative is «Алтынбекова»
        feats = {"Case": "Acc", "Gender": "Fem"}
    if feats.get("Case") in (None, "Nom") and _MASCULINE_INSTRUMENTAL.search(surname.text):
        feats = {"Case": "Ins", "Gender": "Masc"}  # «Мирзамахмудовым» is no nominative, whatever the tagger read
    given = _known_given_name(tokens, surname, analyzer)
    if (feats.get("Case") in (None, "Nom") and given is None and _MASCULINE_DATIVE.search(surname.text)
            and any(t is not surname and re.search(r"[бвгджзклмнпрстфхцчшщ]у$", t.text) for t in tokens)):
        # «Нурланбеку Шакиеву»: a given name the dictionary does not know, in a man's dative
        # (a woman's accusative, «Анну Иванову», has a given name it knows)
        feats = {"Case": "Dat", "Gender": "Masc"}
    if given is not None and _FEMININE_OBLIQUE.search(surname.text) and given.gender != "femn":
        given = None  # «Айке Бейшекеевой»: the surname says a woman; a man's name read into «Айке» does not
    case_of_given = _UD_CASES.get(given.case) if given is not None else None
    if given is not None and case_of_given is not None:
        # A given name the dictionary knows says the case and gender best («Элеонора Алиева»)
        # (a name of either gender, «Слава», leaves the gender to the surname)
        feats = {"Case": case_of_given,
                 "Gender": {"masc": "Masc", "femn": "Fem"}.get(given.gender, feats.get("Gender", "Masc"))}
    if _FEMININE_OBLIQUE.search(surname.text):
        # «Нукеновой» is a woman's name and never a nominative, whatever the tagger read
        feats = {"Case": feats.get("Case") if feats.get("Case") not in (None, "Nom") else "Gen", "Gender": "Fem"}
    if woman_in is not None and SURNAME.search(surname.text):
        # «журналистку Гульжан Асанбекову»: the noun before her name says she is a woman, and its case
        feats = {"Case": woman_in, "Gender": "Fem"}
    words = []
    for token in tokens:
        if token.text[:1].islower() or not feats.get("Case") or feats.get("Case") == "Nom":
            words.append(token.text)  # «уулу», «кызы»: a patronymic's word stays
            continue
        own = _Token(token.text, token.pos, {**(token.feats or {}), "Case": feats["Case"], "Gender": feats.get("Gender", "Masc")})
        form = _inflect(own, analyzer, person=True)
        word = (_cased(form[0], token.text) if form else _masculine_stem(token.text, CASES.get(feats["Case"]))
                if feats.get("Gender", "Masc") == "Masc" else token.text)
        if (token is surname and len(tokens) > 1 and word == token.text and feats.get("Gender", "Masc") == "Masc"
                and not SURNAME.search(token.text)):
            # «Далером Джумой», «Саидджафара Усмонзоду»: a man's surname of the -а declension
            # (Tajik -зода, Джума) in the case his given name is in
            word = _a_stem(token.text, CASES.get(feats["Case"]))
        words.append(word)
    return _join(tokens, words)


# Case endings of a noun of the -а declension (a man's «Джума», «Усмонзода»), by case.
_A_ENDINGS = {"ablt": (("ой", "а"), ("ей", "я")), "accs": (("у", "а"), ("ю", "я")), "gent": (("ы", "а"),),
              "datv": (("е", "а"),)}


def _a_stem(word: str, case: Optional[str]) -> str:
    for ending, nominative in _A_ENDINGS.get(case or "", ()):
        if word.casefold().endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + nominative
    return word


def named_surname(word: str, surnames: set[str]) -> Optional[str]:
    """The surname of ``surnames`` (those of people the article names in full) that ``word``, a
    surname standing alone, is a case of: «По словам Шарифзоды» after «Фаридун Шарифзода», whose
    -а declension the dictionary does not know. None unless exactly one fits."""
    if word in surnames:
        return None
    fits = {stem(word, case) for stem in (_a_stem, _masculine_stem) for case in _CASE_NAMES} & surnames
    return fits.pop() if len(fits) == 1 else None


def womans_surname(word: str) -> Optional[str]:
    """The nominative of a surname that can only be a woman's as written («Алтынбековой» ->
    Алтынбекова), or None."""
    return _feminine_surname(word) if _FEMININE_OBLIQUE.search(word) else None


def womans_case(word: str, women: set[str]) -> Optional[str]:
    """The case of a surname of the -ов kind when ``women`` (surnames the article writes as a
    woman's) holds it: «Алтынбекова» is her nominative, not a man's genitive; «Алтынбекову» her
    accusative. None when it is no woman's of those."""
    if word in women:
        return "Nom"
    return "Acc" if _MASCULINE_DATIVE.search(word) and _feminine_surname(word) in women else None


_CASE_NAMES = ("gent", "accs", "datv", "ablt", "loct")


def _known_given_name(tokens: Sequence, surname, analyzer):
    """The dictionary's reading of the name's given name (its case and gender), when it knows one
    reading only as a given name in the case the tagger saw, or in the nominative."""
    for token in tokens:
        if token is surname or not token.text[:1].isupper():
            continue
        readings = [p.tag for p in analyzer.parse(token.text) if p.is_known and "Name" in p.tag and p.tag.case
                    and "Fixd" not in p.tag and p.tag.number != "plur"]  # «Эмомали» says no case
        if not readings:
            continue
        seen = CASES.get((token.feats or {}).get("Case", ""))
        # The case the tagger saw, when the name has it («Валерия Югая»: Валерий's genitive, not
        # the woman's name Валерия); else the nominative, when it is one («Элеонора Алиева»)
        chosen = [t for t in readings if t.case == seen] or [t for t in readings if t.case == "nomn"] or readings
        return chosen[0]
    return None


class _Token:
    """A token with the features the name's surname gives it."""

    def __init__(self, text: str, pos: str, feats: dict):
        self.text, self.pos, self.feats = text, pos, feats


def _inflect(token, analyzer, gender: Optional[str] = None, number: Optional[str] = None,
             person: bool = False) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """(nominative form, its gender, its number) of a token, or None when no reading fits."""
    text = token.text
    if "-" in text and not person:
        if token.pos == "ADJ" and text.rsplit("-", 1)[1]:
            # «Социал-демократической», «Горно-Бадахшанской»: the last part declines, the rest stays
            first, last = text.rsplit("-", 1)
            form = _inflect(_Token(last, token.pos, token.feats or {}), analyzer, gender=gender, number=number)
            return (f"{first}-{form[0]}", form[1], form[2]) if form else None
        return None  # «Ош-Баткен-Исфана»: a compound's case is a guess; it stays as written
    if text.isupper() and len(text) > 1:
        return None  # an abbreviation does not inflect
    feats = token.feats or {}
    case = CASES.get(feats.get("Case", ""), None)
    wanted_pos = _POS.get(token.pos, {"NOUN", "ADJF"})
    parses = [p for p in analyzer.parse(text) if p.tag.POS in wanted_pos]
    known_name = any(p.is_known and any(tag in p.tag for tag in _NAME_TAGS) for p in parses)
    if (person and not known_name and not SURNAME.search(text)) or (
            token.pos in ("NOUN", "PROPN") and not any(p.is_known for p in parses)):
        # A name the dictionary does not know («Болота», «Велаята»): a masculine noun's case ending
        # comes off; a name ending otherwise («Гурбангулы», «Эмомали») does not decline.
        if feats.get("Gender", "Masc") == "Masc" and feats.get("Number") != "Plur":
            return _masculine_stem(text, case), "masc", "sing"
        if person:
            # A woman's given name the dictionary does not know: «Гульнары» -> Гульнара; one that
            # does not decline («Айке», «Махабат») stays
            if SURNAME.search(text):
                return _feminine_surname(text), "femn", "sing"  # «Асанбекову» -> Асанбекова
            if case == "accs":  # «Зарю» -> Заря
                return re.sub(r"ю$", "я", re.sub(r"у$", "а", text)), "femn", "sing"
            return (re.sub(r"(?:ы|ой)$", "а", text) if case in ("gent", "ablt") else text), "femn", "sing"
        if not parses:
            return None
    if case:
        parses = [p for p in parses if p.tag.case == case] or parses
    if person:
        parses = sorted(parses, key=lambda p: not any(tag in p.tag for tag in _NAME_TAGS))
    if feats.get("Number") == "Sing":
        parses = sorted(parses, key=lambda p: p.tag.number != "sing")
    for parse in parses:
        if parse.tag.POS in ("ADJF", "PRTF"):
            number = number or parse.tag.number or "sing"
            tries = [{"nomn", number} | ({gender or parse.tag.gender} if number != "plur" and (gender or parse.tag.gender) else set())]
        else:
            tries = [{"nomn", "plur" if feats.get("Number") == "Plur" else "sing"}]
        for grammemes in tries + [{"nomn"}]:
            form = parse.inflect(grammemes)
            if form is not None:
                return form.word, form.tag.gender, form.tag.number
    return None


# A surname the dictionary's predictor declines well: -ов, -ев, -ин and their case forms.
SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой)?$", re.I)
# A woman's surname in a case other than the nominative: «Нукеновой», «Алиевой», «Ильиной».
_FEMININE_OBLIQUE = re.compile(r"(?:ов|ев|ёв|ин|ын)ой$", re.I)
# A man's surname in the instrumental: «Мирзамахмудовым», «Ильиным».
_MASCULINE_INSTRUMENTAL = re.compile(r"(?:ов|ев|ёв|ин|ын)ым$", re.I)
_MASCULINE_DATIVE = re.compile(r"(?:ов|ев|ёв|ин|ын)у$", re.I)  # or a woman's accusative: see _person
# Case endings of a masculine noun with a consonant stem, by case.
_MASCULINE_ENDINGS = {"gent": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ым", "ом", "ем"), "loct": ("е",), "accs": ("а", "я")}


def _feminine_surname(word: str) -> str:
    """A woman's surname of the -ова, -ева, -ина kind in the nominative («Асанбекову» -> Асанбекова);
    any other word as it is."""
    return re.sub(r"(ов|ев|ёв|ин|ын)(?:у|ой)$", r"\1а", word)


def _masculine_stem(word: str, case: Optional[str]) -> str:
    for ending in _MASCULINE_ENDINGS.get(case or "", ()):
        if word.casefold().endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            return stem + ("й" if ending in ("я", "ю", "ем") and stem[-1:] in "аеиоу" else "")
    return word


def _cased(word: str, like: str) -> str:
    """``word`` written in the letter case of ``like`` (capitals where the text has them)."""
    if (like.isupper() and len(like) > 1) or like[:2].isupper():
        return word.upper()  # «ЦИКа» -> ЦИК
    if like[:1].isupper():
        if "-" in like and "-" in word:  # «Ак-Суу»; «Социал-демократической» keeps its small letter
            return "-".join(part[:1].upper() + part[1:] if model[:1].isupper() else part
                            for part, model in zip(word.split("-"), like.split("-") + [""] * word.count("-")))
        return word[:1].upper() + word[1:]
    return word


def _join(tokens: Sequence, words: list[str]) -> str:
    """The words with the spacing the text had between their tokens."""
    out = words[0]
    for previous, token, word in zip(tokens, tokens[1:], words[1:]):
        out += (" " if token.start > previous.stop else "") + word
    return out
