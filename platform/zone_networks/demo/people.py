"""Names and job titles for demo people: realistic, from every nation, chosen reproducibly.

Names follow the zone's nation (Welsh names in Welsh zones, Scottish names in
Scottish zones, and so on), diacritics included, so the service is seen with
the names its users really have.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "England": (
        "Priya", "Oliver", "Amara", "James", "Fatima", "Tom", "Chloe", "Daniel", "Hannah", "Raj",
        "Grace", "Mohammed", "Sophie", "Kwame", "Emily", "Harry", "Aisha", "Ben", "Zoë", "Joseph",
        "Charlotte", "Imran", "Lucy", "Nathan", "Olivia", "Adebayo", "Rebecca", "Sam", "Mei", "Jack",
    ),
    "Scotland": (
        "Eilidh", "Hamish", "Mhairi", "Calum", "Iona", "Ruaridh", "Catriona", "Fraser", "Isla", "Murdo",
        "Kirsty", "Alasdair", "Morag", "Euan", "Ailsa", "Lachlan", "Fiona", "Niall", "Shona", "Ross",
        "Màiri", "Seòras",
    ),
    "Wales": (
        "Siân", "Rhodri", "Cerys", "Dafydd", "Elin", "Gethin", "Ffion", "Iolo", "Llinos", "Owain",
        "Angharad", "Bethan", "Carys", "Emrys", "Gwenllïan", "Huw", "Lowri", "Meinir", "Rhys", "Tomos",
        "Siôn", "Llŷr", "Heledd", "Gwion", "Siwan", "Elliw",
    ),
    "Northern Ireland": (
        "Seán", "Aoife", "Ciarán", "Niamh", "Orla", "Pádraig", "Siobhán", "Eoin", "Róisín", "Darragh",
        "Gráinne", "Colm", "Caoimhe", "Declan", "Méabh", "Ruairí", "Clodagh", "Oisín", "Laura", "Mark",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "England": (
        "Shah", "Bennett", "Okafor", "Whitaker", "Hussain", "Hargreaves", "Atkinson", "Osei", "Clarke",
        "Patel", "Liu", "Rahman", "Turner", "Mensah", "Walsh", "Khan", "Fletcher", "Adeyemi", "Cooper",
        "Nowak", "Ahmed", "Brooks", "Chen", "Dawson", "Singh", "Thompson", "Begum", "Ellis", "Moss", "Ward",
    ),
    "Scotland": (
        "MacLeod", "Campbell", "Fraser", "MacDonald", "Robertson", "Stewart", "Sinclair", "Mackenzie",
        "Drummond", "Ferguson", "McIntyre", "Buchanan", "Grant", "Munro", "Urquhart", "Henderson",
    ),
    "Wales": (
        "Jones", "Davies", "Evans", "Pritchard", "ap Gwilym", "Llewelyn", "Hughes", "Griffiths", "Rees",
        "Vaughan", "Morgan", "Powell", "Owen", "Bowen", "Prosser", "Parry", "Llwyd", "ap Siôn",
    ),
    "Northern Ireland": (
        "O'Neill", "McCann", "Doherty", "Quinn", "Kelly", "Gallagher", "Murphy", "Ó Briain", "McKeown",
        "Devlin", "Hamill", "Mulholland", "Ní Chonaill", "Boyle", "McAllister", "Magee",
    ),
}

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "skills": (
        "Skills and Employment Lead", "Skills Lead", "Head of Skills", "Skills and Talent Manager",
        "Employment and Skills Officer",
    ),
    "innovation": (
        "Innovation Lead", "Head of Innovation", "Innovation and Partnerships Manager", "Innovation Programme Lead",
    ),
    "net_zero": (
        "Net Zero Programme Manager", "Net Zero Lead", "Decarbonisation Lead", "Clean Energy Programme Manager",
    ),
    "official": (
        "Industrial Strategy Zones Policy Lead", "Skills Policy Adviser", "Senior Policy Adviser, Investment Zones",
        "Freeports Policy Manager",
    ),
    "other": (
        "Programme Director", "Business Engagement Manager", "Partnerships Manager", "Investment Manager",
        "Programme Officer",
    ),
}

# How hard to try for a name nobody has yet (thousands of people must share some names).
MAX_ATTEMPTS = 20

# The nation whose names suit each government body's officials.
GOVERNMENT_NATIONS = {
    "uk-government": "England",
    "scottish-government": "Scotland",
    "welsh-government": "Wales",
    "northern-ireland-executive": "Northern Ireland",
}
GOVERNMENT_NAMES = {
    "uk-government": "UK Government",
    "scottish-government": "Scottish Government",
    "welsh-government": "Welsh Government",
    "northern-ireland-executive": "Northern Ireland Executive",
}


@dataclass
class NamePicker:
    """Picks names and job titles from a seeded random generator, so a seed always gives the same people."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    @classmethod
    def seeded(cls, seed: int) -> NamePicker:
        """A picker whose choices depend only on `seed`."""
        return cls(random.Random(seed))  # noqa: S311 (demo names, not secrets)

    def name(self, nation: str) -> str:
        """A realistic full name for someone working in `nation`, avoiding names already given while it can."""
        pool = nation if nation in FIRST_NAMES else "England"
        for _attempt in range(MAX_ATTEMPTS):
            name = f"{self.rng.choice(FIRST_NAMES[pool])} {self.rng.choice(LAST_NAMES[pool])}"
            if name not in self.used:
                break
        self.used.add(name)
        return name

    def job_title(self, kind: str) -> str:
        """A job title for a skills, innovation, net zero, official or other role."""
        return self.rng.choice(JOB_TITLES[kind])
