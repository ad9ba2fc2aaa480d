"""A synthetic news corpus that grows like real news, for the benchmark.

    python bench/corpus.py --write /tmp/articles --n 200        # write 200 articles as .md seeds
    python bench/corpus.py --check 50                          # extract 50 in-process, compare

Article ``i`` is the i-th of one endless stream (``seed`` fixes it): the corpus of N articles is the
first N, published at about 2.7 a day from 2016 on (so 10,000 articles span ten years). Each article
reports one happening (new, or one of the last few articles' retold by another outlet: most stories
are told once, some by two or three outlets, a few by many), quotes people, names places and
mentions earlier happenings, in the plain English wire style the extractor reads:

- people: given names and surnames combined from the name-part lists below (never a real person),
  in two kinds: prominent officials and business people, a pool that grows with N and from which
  an article draws with a heavy tail (the first few turn up in a large share of articles), and the
  local people each story brings (residents, witnesses, analysts, local officials), mostly new;
- organisations: generated companies, banks, foundations and associations, drawn the same way;
- places: the region's countries, provinces and towns from the plugin's gazetteer
  (``knowledge/data/gazetteer/``), and generated villages, one more every few articles;
- happenings of the types the event lexicon (``knowledge/data/events.yml``) knows, each with a date, a place
  and its parties, worded by one of several sentences per type so that retellings differ.

The texts come with what they were made from (``Article.intended``): the names and happenings
that the extractor should find, which ``--check`` compares with what it does find.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
GAZETTEER = REPO / "plugins" / "regional_briefs" / "knowledge" / "data" / "gazetteer"
START = dt.date(2016, 1, 4)
ARTICLES_PER_DAY = 2.74

# --- name parts (generic, written for this generator) --------------------------------------------

GIVEN_MALE = """Aziz Bakhrom Davron Farrukh Jamshed Kamol Rustam Sherzod Timur Umed Zafar Akmal Alisher
Bobur Dilshod Eldor Firdavs Ikrom Jasur Komil Laziz Mansur Nodir Otabek Parviz Rashid Sanjar Temur
Ulugbek Bakyt Daniyar Erlan Kanat Marat Nurlan Askar Azamat Bolat Yerlan Almaz Bektur Emil Kubat
Mirlan Nurbek Talant Ulan Adilet Chyngyz Ermek Ahmad Bashir Farid Habib Jawad Khalid Mahmud Nasir
Obaid Qasim Rahim Samir Tariq Wahid Yusuf Zahir Anvar Behruz Dovud Faridun Hasan Ilhom Jurabek Karim
Muhiddin Navruz Oybek Rahmatullo Saidjon Tohir Zokir Murod Shavkat""".split()
GIVEN_FEMALE = """Aziza Dilnoza Farida Gulnora Kamila Laylo Madina Nigora Shahlo Zarina Aigerim Ainura
Asel Dinara Gulnara Jamila Kamilya Meerim Nazgul Saltanat Aida Begimai Cholpon Elmira Gulzat Mahabat
Nurzhan Zhyldyz Fariba Hamida Laila Mariam Nadia Parwana Roya Shabnam Zahra Malika Munisa Nilufar
Sabina Sevara Tahmina Umida Yulduz Feruza Khurshida Mehrangez Nodira Ozoda Rukhshona""".split()
SURNAME_STEMS = """Abdull Akhmed Alim Aman Ashur Aziz Bakir Bekmurat Berdi Dadakhan Davlat Ergash Fayz
Ghafur Hakim Ibrag Ikram Ismail Jura Kadyr Kamil Karim Khalil Khodj Kurban Latif Madamin Mahmud Mamat
Mirza Mukhtar Murad Musa Nabi Nazar Nurmat Orozbek Pulat Qodir Rahim Rashid Sabir Sadyk Saidakhmat
Salim Sattar Sharip Shukur Sultan Tagay Tashmat Tokhtar Toktosun Tursun Umar Usman Yakub Yusup Zakir
Zhumabek Asylbek Bolot Dzhusup Eshmat Ibadull Jalil Kasym Mamyt Nurali Olim Rakhmat Sheralí Toir
Bozor Dustmat Ergesh Khamid Makhkam Nematull Qurbon Rozik Safar Sobir Tolib Valij Yormat""".replace("í", "i").split()
SURNAME_MALE = ["ov", "ev", "bekov", "zoda", "aliev", "jonov", "murodov", "kulov", "baev", "matov", "nazarov", "ullaev"]
SURNAME_FEMALE = ["ova", "eva", "bekova", "zoda", "alieva", "jonova", "murodova", "kulova", "baeva", "matova",
                  "nazarova", "ullaeva"]
SURNAME_AFGHAN = ["zai", "yar", "i", "zada", "wal"]
# Syllables of generated place and company names.
PLACE_FIRST = """Kara Ak Kok Sary Kyzyl Jany Tash Kum Bel Chon Orto Jer Tuz Kan Kosh Bash Ayaq Chuqur
Yangi Kuhi Darai Sang Safed Chashma Qala Obi Dasht Tal Sari Gul Ming""".split()
PLACE_LAST = """bulak tepa kent abad su tash kul say dara bagh kishlak ravat ob dasht zor qishloq arik
jar kamar tugai chek bel kurgan""".split()
COMPANY_STEMS = """Tarvon Ozmir Kelbek Sarvan Dalmir Jaraq Pamirak Tozhan Ardak Baytur Samrat Nurmak Zaravon
Kuvvat Oltin Yashil Temirjol Suvon Barqaror Javlon Kumush Chinor Tulpar Sunkar Aral Shams Bahor
Navbahor Istiqbol Tayanch Ruzi Kamalak Shapak Jibekzhol Nursat Orzu Umid Zarafshon""".split()
COMPANY_KINDS = ["Energy", "Logistics", "Mining Company", "Cement Company", "Bank", "Airlines",
                 "Textile Group", "Agro Holding", "Construction Company", "Telecom", "Water Company",
                 "Trading Company", "Petroleum Company", "Investment Fund", "Transport Company"]
NGO_KINDS = ["Foundation", "Association of Farmers", "Human Rights Centre", "Women's Union",
             "Development Fund", "Institute for Policy Studies", "Water Users Association"]

OUTLETS = ["Tien Shan Dispatch", "Pamir Wire", "Amu Darya Times", "Steppe Monitor", "Fergana Herald",
           "Kabul Ledger", "Caspian Review", "Silk Road Bulletin", "Alay Courier", "Oxus Daily",
           "Hindu Kush Observer", "Zeravshan Post"]
# The region's countries (ISO codes as in the gazetteer's sources.yml), their capitals and a few neighbours.
COUNTRIES = {"TJ": ("Tajikistan", "Dushanbe"), "KG": ("Kyrgyzstan", "Bishkek"), "UZ": ("Uzbekistan", "Tashkent"),
             "KZ": ("Kazakhstan", "Astana"), "TM": ("Turkmenistan", "Ashgabat"), "AF": ("Afghanistan", "Kabul")}
NEIGHBOURS = {"RU": ("Russia", "Moscow"), "CN": ("China", "Beijing"), "IR": ("Iran", "Tehran"),
              "PK": ("Pakistan", "Islamabad")}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


# --- the world: who and where ---------------------------------------------------------------------


@dataclass
class Place:
    name: str
    country: str  # ISO code
    kind: str  # country | capital | province | town | village
    province: str = ""  # the province it lies in, for generated villages


@dataclass
class Person:
    name: str
    surname: str
    country: str
    role: str  # e.g. "the governor of Batken Region"
    title: str = ""  # a title that may stand before the name ("Foreign Minister")


@dataclass
class Happening:
    id: int
    type: str
    date: dt.date
    place: Place
    parties: list  # Person or str (an organisation or a country)
    reach: int  # how many articles will report it
    fatalities: int = 0
    detail: dict = field(default_factory=dict)
    told: int = 0


@dataclass
class Article:
    index: int
    name: str  # the seed's file name
    text: str
    intended: dict  # {"persons": [...], "organizations": [...], "places": [...], "events": [[type, date], ...]}


def gazetteer_places() -> dict[str, list[Place]]:
    """The region's provinces and towns as the gazetteer names them, by country (ISO code)."""
    ambiguous = set(yaml.safe_load((GAZETTEER / "ambiguous.yml").read_text(encoding="utf-8"))["ambiguous"])
    places: dict[str, list[Place]] = {iso: [] for iso in COUNTRIES}
    for entry in yaml.safe_load((GAZETTEER / "subdivisions.yml").read_text(encoding="utf-8"))["entries"]:
        iso = entry.get("iso", "")[:2]
        name = entry.get("name")
        if iso in places and name and name not in ambiguous and re.search(r"(Region|Province)$", name):
            places[iso].append(Place(name, iso, "province"))
    country = None
    names = {name: iso for iso, (name, _) in COUNTRIES.items()}
    for line in (GAZETTEER / "cities.yml").read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"  # (\w+)", line)
        if heading:
            country = names.get(heading.group(1))
        match = re.match(r"  - \{geonameid: \d+, name: ([^,}]+)", line)
        if country and match and match.group(1) not in ambiguous:
            places[country].append(Place(match.group(1).strip(), country, "town"))
    return places


def popular(items: list, rng: random.Random):
    """One of ``items`` (oldest first) with a heavy tail: rank r comes with a chance about 1/r,
    so the first few are drawn very often and most rarely."""
    return items[min(len(items) - 1, int(len(items) ** rng.random()) - 1)]


class World:
    """Everyone and everywhere the stream of articles has named so far; it grows as it is told."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"world:{seed}")
        self.places = gazetteer_places()
        self.used_names: set[str] = set()
        self.surnames: set[str] = set()  # of the prominent people
        self.officials: list[Person] = []  # prominent: ministers, governors, executives
        self.companies: list[str] = []
        self.villages: list[Place] = []
        self.happenings: list[Happening] = []
        for _ in range(12):
            self.new_official()
        for _ in range(6):
            self.new_company()

    # people
    def person_name(self, country: str, own_surname: bool = False) -> tuple[str, str]:
        """A new full name; with ``own_surname`` (prominent people, named by surname alone) a surname
        no one else of them has, as long as there are some left."""
        rng = self.rng
        for attempt in range(1_000_000):
            female = rng.random() < 0.35
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            stem = rng.choice(SURNAME_STEMS)
            if country == "AF":
                surname = stem + rng.choice(SURNAME_AFGHAN)
            else:
                surname = stem + rng.choice(SURNAME_FEMALE if female else SURNAME_MALE)
            if f"{given} {surname}" in self.used_names or (own_surname and attempt < 200 and surname in self.surnames):
                continue
            self.used_names.add(f"{given} {surname}")
            if own_surname:
                self.surnames.add(surname)
            return given, surname
        raise RuntimeError("ran out of names")

    def new_official(self) -> Person:
        rng = self.rng
        iso = rng.choice(list(COUNTRIES))
        country, _ = COUNTRIES[iso]
        given, surname = self.person_name(iso, own_surname=True)
        kind = rng.random()
        if kind < 0.35:
            title = rng.choice(["Foreign Minister", "Interior Minister", "Defence Minister", "Deputy Prime Minister",
                                "Energy Minister", "Transport Minister", "Economy Minister"])
            person = Person(f"{given} {surname}", surname, iso, f"{country}'s {title.lower()}", title)
        elif kind < 0.6 and self.places[iso]:
            province = rng.choice([p for p in self.places[iso] if p.kind == "province"] or self.places[iso])
            person = Person(f"{given} {surname}", surname, iso, f"the governor of {province.name}", "Governor")
        elif kind < 0.8:
            company = popular(self.companies, rng) if self.companies else self.new_company()
            person = Person(f"{given} {surname}", surname, iso, f"the chairman of {company}", "")
        else:
            person = Person(f"{given} {surname}", surname, iso, f"a member of {country}'s parliament", "")
        self.officials.append(person)
        return person

    def local_person(self, place: Place) -> Person:
        given, surname = self.person_name(place.country)
        role = self.rng.choice([f"a resident of {place.name}", f"a farmer from {place.name}",
                                f"a shopkeeper in {place.name}", "a local official", "a teacher",
                                "a political analyst", "an economist", f"a doctor in {place.name}",
                                "a lawyer", "a truck driver"])
        return Person(f"{given} {surname}", surname, place.country, role)

    def new_company(self) -> str:
        rng = self.rng
        while True:
            kinds = NGO_KINDS if rng.random() < 0.25 else COMPANY_KINDS
            stem = rng.choice(COMPANY_STEMS)
            if rng.random() < 0.5:
                stem += " " + rng.choice([s for s in COMPANY_STEMS if s != stem])
            name = f"{stem} {rng.choice(kinds)}"
            if name not in self.used_names:
                self.used_names.add(name)
                self.companies.append(name)
                return name

    # places
    def new_village(self, iso: str) -> Place:
        rng = self.rng
        provinces = [p for p in self.places[iso] if p.kind == "province"]
        while True:
            name = rng.choice(PLACE_FIRST) + rng.choice(PLACE_LAST)
            if rng.random() < 0.3:
                name = rng.choice(PLACE_FIRST) + "-" + name
            if name not in self.used_names:
                self.used_names.add(name)
                village = Place(name, iso, "village", rng.choice(provinces).name if provinces else "")
                self.villages.append(village)
                return village

    def town(self, iso: Optional[str] = None) -> Place:
        rng = self.rng
        iso = iso or rng.choice(list(COUNTRIES))
        roll = rng.random()
        if roll < 0.25:
            return Place(COUNTRIES[iso][1], iso, "capital")
        if roll < 0.6:
            towns = [p for p in self.places[iso] if p.kind == "town"]
            if towns:
                return rng.choice(towns)
        mine = [v for v in self.villages if v.country == iso]
        if mine and roll < 0.75:
            return popular(mine, rng)
        return self.new_village(iso)


# --- the happenings and their sentences -----------------------------------------------------------


TYPES = {  # type: weight (how often a story is about it)
    "diplomatic-meeting": 10, "visit": 6, "agreement": 7, "armed-clash": 5, "attack": 5, "protest": 6,
    "arrest": 6, "legal": 6, "election": 3, "disaster": 5, "economic": 10, "military-exercise": 3,
    "deployment": 3, "other": 4}


def when(date: dt.date, published: dt.date) -> str:
    """'on March 3', with the year when it is not the article's year."""
    text = f"on {MONTHS[date.month - 1]} {date.day}"
    return text if date.year == published.year else f"{text}, {date.year}"


def lowered(sentence: str) -> str:
    """A sentence to follow 'Earlier, ': its first word in lower case unless it is a name."""
    first, _, rest = sentence.partition(" ")
    return (first.lower() if first in COMMON_OPENINGS else first) + " " + rest


COMMON_OPENINGS = {"The", "A", "An", "Police", "Voters", "Clashes", "Gunmen", "Border", "Troops", "Hundreds",
                   "Dozens", "More", "Several"}


def a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def counted(n: int) -> str:
    return NUMBERS[n - 2] if 2 <= n <= 12 else str(n)


class Writer:
    """Writes article ``i`` of the stream, the world growing as it goes."""

    def __init__(self, seed: int = 1):
        self.seed = seed
        self.world = World(seed)
        self.next_index = 0

    def articles(self, n: int):
        while self.next_index < n:
            yield self.article(self.next_index)
            self.next_index += 1

    def new_happening(self, rng: random.Random, published: dt.date, reach: int = 0) -> Happening:
        """A new happening of the last few days; ``reach``: the number of articles to tell it (0: drawn)."""
        w = self.world
        kind = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
        iso = rng.choice(list(COUNTRIES))
        place = w.town(iso)
        other = rng.choice([c for c in COUNTRIES if c != iso] + list(NEIGHBOURS))
        official = popular(w.officials, rng)
        second = popular(w.officials, rng)
        while second is official:
            second = w.new_official()
        company = popular(w.companies, rng)
        parties: list = {
            "diplomatic-meeting": [official, second], "visit": [official], "agreement": [official, company],
            "armed-clash": [iso, other], "attack": [], "protest": [], "arrest": [w.local_person(place)],
            "legal": [w.local_person(place)], "election": [w.local_person(place)], "disaster": [],
            "economic": [company], "military-exercise": [iso, other], "deployment": [iso],
            "other": [official]}[kind]
        roll = rng.random()
        if not reach:  # most stories are told once, some by two or three outlets, a few by many
            reach = 1 if roll < 0.62 else rng.randint(2, 3) if roll < 0.9 else rng.randint(4, 7) if roll < 0.985 else rng.randint(8, 20)
        fatalities = rng.randint(2, 40) if kind in ("armed-clash", "attack", "disaster") and rng.random() < 0.7 else 0
        detail = {"topic": rng.choice(["water sharing", "border demarcation", "trade", "energy supplies",
                                       "transport links", "security", "migrant workers"]),
                  "disaster": rng.choice(["flood", "landslide", "earthquake", "mudslide", "avalanche"]),
                  "works": rng.choice(["bridge", "railway", "road", "power plant", "market", "factory"]),
                  "years": rng.randint(3, 15),
                  "crowd": rng.choice(["Hundreds of", "Dozens of", "More than a hundred", "Several hundred"]),
                  "grievance": rng.choice(["power cuts", "the price of bread", "a land transfer", "the arrest of a local activist",
                                           "water shortages", "a new mine"])}
        date = published - dt.timedelta(days=rng.randint(0, 3))
        happening = Happening(len(w.happenings), kind, date, place, parties, reach, fatalities, detail)
        w.happenings.append(happening)
        return happening

    def sentence(self, h: Happening, rng: random.Random, published: dt.date) -> str:
        """One report of ``h``; the wording varies between reports, the facts do not."""
        on, place, d = when(h.date, published), h.place.name, h.detail
        located = place if h.place.kind != "village" else f"the village of {place} in {h.place.province}"
        country = lambda iso: (COUNTRIES.get(iso) or NEIGHBOURS[iso])[0]  # noqa: E731
        toll = f", killing {counted(h.fatalities)} people" if h.fatalities else ""
        p = h.parties
        options = {
            "diplomatic-meeting": lambda: [f"{self.titled(p[0])} met {self.titled(p[1])} in {located} {on} to discuss {d['topic']}.",
                                   f"{self.titled(p[0])} held talks with {self.titled(p[1])} in {located} {on}, focusing on {d['topic']}."],
            "visit": lambda: [f"{self.titled(p[0])} visited {located} {on}.",
                      f"{self.titled(p[0])} arrived in {located} {on} for a two-day visit."],
            "agreement": lambda: [f"{self.titled(p[0])} and the {p[1]} signed an agreement on {d['topic']} in {located} {on}.",
                          f"The {p[1]} signed a deal on {d['topic']} with the government in {located} {on}, {p[0].name} said."],
            "armed-clash": lambda: [f"Border guards of {country(p[0])} and {country(p[1])} exchanged fire near {located} {on}{toll}.",
                            f"Clashes broke out between troops of {country(p[0])} and {country(p[1])} near {located} {on}{toll}."],
            "attack": lambda: [f"An explosion hit a market in {located} {on}{toll}.",
                       f"Gunmen attacked a police post in {located} {on}{toll}."],
            "protest": lambda: [f"{d['crowd']} residents protested in {located} {on} against {d['grievance']}.",
                        f"{d['crowd']} people rallied in {located} {on} to protest against {d['grievance']}."],
            "arrest": lambda: [f"Police in {located} detained {p[0].name} {on} on charges of fraud.",
                       f"{p[0].name} was arrested in {located} {on}, the police said."],
            "legal": lambda: [f"A court in {located} sentenced {p[0].name} to {counted(d['years'])} years in prison {on}.",
                      f"{p[0].name} was sentenced to {counted(d['years'])} years in prison by a court in {located} {on}."],
            "election": lambda: [f"{p[0].name} won the election for mayor of {located} {on}.",
                         f"Voters in {located} elected {p[0].name} as mayor {on}."],
            "disaster": lambda: [f"{a(d['disaster']).capitalize()} hit {located} {on}{toll}.",
                         f"{a(d['disaster']).capitalize()} struck {located} {on}{toll}, local authorities said."],
            "economic": lambda: [f"The {p[0]} launched construction of a new {d['works']} in {located} {on}.",
                         f"The {p[0]} opened a new {d['works']} in {located} {on}."],
            "military-exercise": lambda: [f"Troops of {country(p[0])} and {country(p[1])} held joint military exercises near {located} {on}.",
                                  f"{country(p[0])} and {country(p[1])} began a joint military exercise near {located} {on}."],
            "deployment": lambda: [f"{country(p[0])} deployed troops to {located} {on}.",
                           f"{country(p[0])} sent troops to {located} {on}, the defence ministry said."],
            "other": lambda: [f"{self.titled(p[0])} resigned {on}, a week after a visit to {located}.",
                      f"{p[0].name} resigned as {p[0].role.split(' ', 1)[1] if ' ' in p[0].role else 'official'} {on} in {located}."],
        }[h.type]()
        return rng.choice(options)

    @staticmethod
    def titled(person: Person) -> str:
        return f"{person.title} {person.name}" if person.title else person.name

    def article(self, index: int) -> Article:
        rng = random.Random(f"{self.seed}:{index}")
        w = self.world
        published = START + dt.timedelta(days=int(index / ARTICLES_PER_DAY))
        # A story still being told by other outlets, or a new one.
        open_stories = [h for h in w.happenings[-60:] if h.told < h.reach]
        main = rng.choice(open_stories) if open_stories and rng.random() < 0.4 else self.new_happening(rng, published)
        main.told += 1
        if rng.random() < 0.06:  # the pool of prominent people and companies grows with the stream
            w.new_official()
        if rng.random() < 0.15:
            w.new_company()
        outlet = rng.choice(OUTLETS)
        intended = {"persons": set(), "organizations": set(), "places": set(), "events": set()}
        self.intend(intended, main)

        dateline = (COUNTRIES[main.place.country][1] if main.place.kind == "village" else main.place.name).upper()
        lead = self.sentence(main, rng, published)
        paragraphs = [f"{dateline}, {MONTHS[published.month - 1]} {published.day} ({outlet}) – {lead}"]
        # Reactions: quotes by a prominent person and by local people, most of them new.
        speaker = next((p for p in main.parties if isinstance(p, Person) and p.title), None) or popular(w.officials, rng)
        intended["persons"].add(speaker.name)
        paragraphs.append(f"\"{self.quote(rng, main)},\" {speaker.name}, {speaker.role}, told reporters. "
                          f"{speaker.surname} added that {rng.choice(QUOTE_CLAIMS)}.")
        for said in rng.sample(LOCAL_QUOTES, rng.choice([0, 1, 1, 1, 2, 2])):
            local = w.local_person(main.place)
            intended["persons"].add(local.name)
            paragraphs.append(f"\"{said},\" said {local.name}, {local.role}.")
        # Another happening, new (told by this article alone, unless a later one recalls it).
        paragraphs.append(rng.choice(DETAILS[main.type]).format(place=main.place.name))
        if rng.random() < 0.5:
            other = self.new_happening(rng, published, reach=1)
            other.told += 1
            self.intend(intended, other)
            paragraphs.append("In a separate development, " + lowered(self.sentence(other, rng, published)))
        # Earlier happenings recalled (of the last few hundred, the more recent the likelier), the
        # companies involved and the place, until the article is long enough.
        recent = [h for h in w.happenings[max(0, main.id - 300): main.id] if h.date < main.date]
        recalled = [popular(recent[::-1], rng) for _ in range(rng.choice([0, 1, 1, 2]))] if recent else []
        target = rng.randint(1350, 2150)  # the body; the front matter adds about 180 characters
        background = list(BACKGROUND)
        rng.shuffle(background)
        while len("\n\n".join(paragraphs)) < target:
            sentences = []
            if recalled:
                past = recalled.pop()
                self.intend(intended, past)
                sentences.append(rng.choice(["Earlier, ", "Previously, "])
                                 + lowered(self.sentence(past, rng, published)))
            if rng.random() < 0.4:
                company = popular(w.companies, rng)
                intended["organizations"].add(company)
                sentences.append(rng.choice(COMPANY_LINES).format(company=company, place=main.place.name))
            for _ in range(rng.randint(1, 2)):
                if background:
                    sentences.append(background.pop().format(
                        place=main.place.name, country=COUNTRIES[main.place.country][0],
                        n=f"{rng.randint(2, 90) * 1000:,}", share=rng.randint(10, 80)))
            if not sentences:
                break
            paragraphs.append(" ".join(sentences))
        title = self.title(main)
        name = f"{published.isoformat()}-{index:05d}.md"
        front = {"title": title, "published": published.isoformat(), "source": outlet,
                 "url": f"https://news.example.org/{re.sub(r'[^a-z]+', '-', outlet.lower()).strip('-')}/{index:05d}"}
        head = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
        text = f"---\n{head}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        return Article(index, name, text, {k: sorted(v) for k, v in intended.items()})

    @staticmethod
    def intend(intended: dict, h: Happening) -> None:
        """Note what the extractor should find of a happening told in the article."""
        intended["events"].add((h.type, h.date.isoformat()))
        intended["places"].add(h.place.name)
        for party in h.parties:
            if isinstance(party, Person):
                intended["persons"].add(party.name)
            elif party in COUNTRIES or party in NEIGHBOURS:
                intended["places"].add((COUNTRIES.get(party) or NEIGHBOURS[party])[0])
            else:
                intended["organizations"].add(party)

    def quote(self, rng: random.Random, h: Happening) -> str:
        return rng.choice(OFFICIAL_QUOTES).format(topic=h.detail["topic"], place=h.place.name)

    @staticmethod
    def title(h: Happening) -> str:
        first = h.parties[0] if h.parties else None
        who = first.name if isinstance(first, Person) else (COUNTRIES.get(first) or NEIGHBOURS.get(first) or (first,))[0] if first else ""
        return {
            "diplomatic-meeting": f"{who} holds talks on {h.detail['topic']} in {h.place.name}",
            "visit": f"{who} visits {h.place.name}", "agreement": f"Deal on {h.detail['topic']} signed in {h.place.name}",
            "armed-clash": f"Border clash near {h.place.name}", "attack": f"Attack in {h.place.name}",
            "protest": f"Protest in {h.place.name} over {h.detail['grievance']}",
            "arrest": f"{who} detained in {h.place.name}", "legal": f"Court jails {who}",
            "election": f"{who} elected mayor of {h.place.name}",
            "disaster": f"{h.detail['disaster'].capitalize()} hits {h.place.name}",
            "economic": f"New {h.detail['works']} for {h.place.name}",
            "military-exercise": f"Joint drills near {h.place.name}", "deployment": f"Troops sent to {h.place.name}",
            "other": f"{who} resigns"}[h.type]


OFFICIAL_QUOTES = [
    "We have agreed to continue our work on {topic} at the level of experts",
    "Our priority is the safety of the people of {place}",
    "This is an important step for the whole region",
    "The government will not leave the families of {place} without support",
    "We expect our partners to keep their promises on {topic}",
    "There is no alternative to dialogue on {topic}",
]
QUOTE_CLAIMS = ["the talks would continue next month", "a commission would study the matter",
                "the government had set aside funds for the region", "the situation was under control",
                "more details would be published soon"]
LOCAL_QUOTES = ["Nobody has explained to us what happens next", "We have been waiting for this for years",
                "The prices in the bazaar have doubled since spring", "My children are afraid to go to school",
                "We hope the new road will bring work to the valley", "Our fields need water, not promises"]
COMPANY_LINES = ["The {company} employs several hundred people in {place}.",
                 "Analysts say the {company} has grown quickly over the past decade.",
                 "The {company} did not respond to a request for comment."]
DETAILS = {  # a sentence about the main happening, with no date of its own
    "diplomatic-meeting": ["The two sides discussed a joint commission for the region around {place}.",
                           "Officials said the conversation lasted more than three hours."],
    "visit": ["The programme included stops at a school and a hospital in {place}.",
              "A motorcade carried the delegation through the centre of {place}."],
    "agreement": ["The document covers the next five years and can be extended.",
                  "The text of the document has not been made public."],
    "armed-clash": ["Residents of nearby villages were moved to schools further from the frontier.",
                    "Both sides blamed each other for starting the shooting."],
    "attack": ["Nobody has claimed responsibility so far.",
               "Security forces sealed off the area around the scene in {place}."],
    "protest": ["Police watched from a distance and no detentions were reported.",
                "The crowd dispersed in the evening after officials promised a meeting."],
    "arrest": ["Relatives say the charges are politically motivated.",
               "Lawyers for the detained man said they had not been allowed to see him."],
    "legal": ["Defence lawyers said they would appeal against the verdict.",
              "The hearing was closed to journalists and relatives."],
    "election": ["Turnout was lower than at the previous vote, officials said.",
                 "Observers said the count went smoothly in most polling stations."],
    "disaster": ["Rescue teams were still searching for missing people in the evening.",
                 "Dozens of houses in {place} were damaged, and roads were blocked by mud and stones."],
    "economic": ["The project is expected to create several hundred jobs in {place}.",
                 "The work is financed by a loan from a regional development bank."],
    "military-exercise": ["Armoured vehicles, helicopters and artillery units took part.",
                          "Commanders said the scenario was the defence of mountain passes."],
    "deployment": ["The soldiers will guard the roads leading to {place}.",
                   "The move follows weeks of tension in the area."],
    "other": ["No reason for the decision was given.",
              "A successor is expected to be named within days."],
}
BACKGROUND = ["Most families in {place} depend on money sent home by relatives working in Russia.",
              "The nearest hospital is a two-hour drive from {place} on a gravel road.",
              "Bread and flour prices in the region have risen steadily since the autumn.",
              "The area's canals were built in the 1960s and have seldom been repaired.",
              "Cotton and wheat are the main crops in the surrounding fields.",
              "Young people often leave {place} after school to look for work in the cities.",
              "Internet access in the district is slow and often cut.",
              "Local authorities have promised a new school building for several years.",
              "Officials in {place} said schools and the hospital were working as usual.",
              "Electricity in the area is cut for several hours a day in winter.",
              "The road from {place} to the regional centre was rebuilt with foreign money.",
              "About {share} percent of the district's households keep livestock.",
              "{place} lies in a valley where about {n} people live, most of them farmers.",
              "Remittances from migrant workers make up about {share} percent of {country}'s economy.",
              "Much of the border in the area around {place} is still not demarcated.",
              "Roads to {place} are often closed in winter, when snow cuts off the mountain passes.",
              "Unemployment in the district is high, and many young men work abroad.",
              "The town's market is the largest in the area, with about {n} traders."]


# --- writing and checking -------------------------------------------------------------------------


def write_corpus(folder: Path, n: int, seed: int = 1) -> list[Article]:
    """The first ``n`` articles of the stream ``seed``, written as .md seeds into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = list(Writer(seed).articles(n))
    for article in articles:
        (folder / article.name).write_text(article.text, encoding="utf-8")
    return articles


def check(n: int, seed: int, work: Path) -> dict:
    """Extract the first ``n`` articles in-process and compare with what they were made from."""
    from regional_briefs import pipeline

    articles = write_corpus(work / "seeds", n, seed)
    site = pipeline.build_site(pipeline.Options(seeds_dir=work / "seeds", cache_dir=None, root=work))
    found = {}
    for entity in site.entities.values():
        for name in [entity.name, *entity.aliases]:
            found.setdefault(name, entity)
    wanted = {kind: set().union(*(set(a.intended[kind]) for a in articles)) for kind in ("persons", "organizations", "places")}
    events_wanted = set().union(*({tuple(e) for e in a.intended["events"]} for a in articles))
    events_found = {(e.type, e.date.iso() if hasattr(e.date, "iso") else str(e.date)) for e in site.events.values() if e.date}
    result = {"articles": len(site.articles), "entities": len(site.entities),
              "actors": sum(e.kind == "actor" for e in site.entities.values()),
              "places": sum(e.kind == "place" for e in site.entities.values()),
              "events": len(site.events)}
    for kind, names in wanted.items():
        result[f"intended {kind}"] = len(names)
        result[f"intended {kind} found"] = sum(name in found for name in names)
    result["intended events"] = len(events_wanted)
    result["intended events found (type and date)"] = len(events_wanted & events_found)
    out = work / "markdown"  # the pages, as `regional-briefs markdown` writes them for any engine
    subprocess.run([str(Path(sys.executable).with_name("regional-briefs")), "markdown", "--out", str(out)],
                   cwd=work, check=True, capture_output=True)
    result["pages"] = sum(1 for _ in out.rglob("*.md"))
    missed = {kind: sorted(name for name in names if name not in found)[:8] for kind, names in wanted.items()}
    result["missed (examples)"] = missed
    return result


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", type=Path, help="write the articles into this folder")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--check", type=int, metavar="N", help="extract N articles in-process and compare")
    args = parser.parse_args(argv)
    if args.write:
        write_corpus(args.write, args.n, args.seed)
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="briefs-corpus-") as tmp:
            print(json.dumps(check(args.check, args.seed, Path(tmp)), indent=1))


if __name__ == "__main__":
    sys.exit(main())
