"""Titles, descriptions, tags and body text for generated demo documents (the `--documents N` scale data).

Each document belongs to a network and a zone and is written about one of the
network's themes, so a search behaves as it would on real papers: common words
("skills", "investment") match thousands of documents, specialist words
("cofferdam", "electrolyser") a handful. Everything is drawn from a seeded
random generator, so document number N always reads the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

YEARS = (2025, 2026)
QUARTERS = ("Q1", "Q2", "Q3", "Q4")

# Per network theme: title patterns ({zone}, {sector}, {year}, {quarter}, {topic}), topics and tags.
TITLES: dict[str, tuple[str, ...]] = {
    "skills": (
        "{zone} skills action plan {year}",
        "{sector} workforce survey: {zone}",
        "Apprenticeship pipeline review, {zone}",
        "Skills Forum briefing: {sector} training needs",
        "Careers outreach with schools and colleges in {zone}",
        "Local skills improvement plan summary for {zone}",
        "Skills bootcamp outcomes report {quarter} {year}",
        "{topic}: evidence from {zone}",
    ),
    "innovation": (
        "{sector} innovation challenge brief: {zone}",
        "Research and development partnership map for {zone}",
        "Innovation Leads Network paper: {topic}",
        "Testbed and demonstrator options in {zone}",
        "University collaboration note, {zone} {year}",
        "{topic} in {sector}: lessons from {zone}",
        "Innovation pipeline update {quarter} {year}",
    ),
    "net_zero": (
        "{zone} decarbonisation roadmap {year}",
        "Hydrogen supply chain assessment: {zone}",
        "Offshore wind port readiness, {zone}",
        "Carbon capture cluster update {quarter} {year}",
        "Grid connection constraints briefing for {zone}",
        "{topic}: options appraisal for {zone}",
        "Net Zero Network paper: {topic}",
    ),
}

TOPICS: dict[str, tuple[str, ...]] = {
    "skills": (
        "Green skills for port workers", "Retraining into advanced manufacturing", "Welding and fabrication shortages",
        "Engineering apprenticeships for adults", "Digital skills for small suppliers", "T Levels and work placements",
        "Recruiting from economically inactive groups", "Employer-led training academies",
    ),
    "innovation": (
        "Automation for small manufacturers", "Data sharing between ports", "Digital twins of industrial sites",
        "Proof of concept funding", "Intellectual property and spinouts", "Health technology adoption",
        "Testing autonomous vehicles on private roads", "Machine monitoring in factories",
    ),
    "net_zero": (
        "Low carbon hydrogen production", "Shore power for vessels", "Heat networks on industrial estates",
        "Sustainable aviation fuel", "Battery storage at substations", "Floating offshore wind assembly",
        "Carbon capture and storage pipelines", "Decarbonising freight and logistics",
    ),
}

TAGS: dict[str, tuple[str, ...]] = {
    "skills": ("Apprenticeships", "Careers", "Further education", "Green skills", "Recruitment", "Training"),
    "innovation": ("Research", "Universities", "Funding", "Digital", "Testbeds", "Start-ups"),
    "net_zero": ("Hydrogen", "Offshore wind", "Carbon capture", "Grid", "Energy efficiency", "Transport"),
}

# Sentences of the body, per theme and shared; {zone}, {sector}, {year}, {number}, {percent}, {topic}, {partner}.
SENTENCES: dict[str, tuple[str, ...]] = {
    "skills": (
        "Employers in {zone} expect to recruit around {number} people over the next three years.",
        "The main gaps are in engineering, welding, electrical installation and project management skills.",
        "Local colleges have agreed to expand evening courses so that people already in work can retrain.",
        "{percent} per cent of the employers we surveyed said that recruitment had become harder since {year}.",
        "Apprenticeship starts in {sector} rose this year, but completion rates remain below the national average.",
        "A shared training academy would let smaller suppliers send staff to courses they could not run alone.",
        "Careers advisers asked for clearer information about the jobs that the zone's investments will create.",
        "Schools want more industry visits and work placements for students considering technical routes.",
        "The skills lead will report progress against this plan to the Skills Forum every six months.",
    ),
    "innovation": (
        "The challenge is open to businesses of any size working in {sector}, with priority for small firms.",
        "Partners include {partner} and several local manufacturers who have offered sites for trials.",
        "Proof of concept grants of up to {number} thousand pounds will be offered in the first round.",
        "We propose a shared testbed so that firms can trial new equipment without stopping production.",
        "University researchers will help businesses measure the benefits before they invest at scale.",
        "{percent} per cent of firms responding said they lacked the time to apply for innovation funding.",
        "Data from pilot sites will be published so that other zones can compare their own results.",
        "Intellectual property will stay with the businesses taking part, under a standard agreement.",
        "The innovation lead will bring the results to the Innovation Leads Network for discussion.",
    ),
    "net_zero": (
        "Demand for low carbon electricity in {zone} could reach {number} megawatts by {year}.",
        "Grid connection dates remain the biggest constraint on new industrial projects in the area.",
        "Hydrogen production would need new water supplies, storage and pipelines to reach industrial users.",
        "The port's quayside needs strengthening before it can handle the heaviest offshore wind components.",
        "Carbon capture would let existing plants keep operating while cutting their emissions sharply.",
        "{percent} per cent of businesses on the estate have already set a date for reaching net zero.",
        "Shore power would let visiting vessels switch off their engines while they are alongside.",
        "A heat network could use waste heat from industrial processes to warm nearby homes and offices.",
        "The net zero lead will share this assessment with the Net Zero Network for comment.",
    ),
    "shared": (
        "This paper was prepared by the {zone} team for discussion with partners in other zones.",
        "It draws on conversations with local employers, the combined authority and the local college.",
        "The {sector} sector accounts for a growing share of investment enquiries in the area.",
        "Investment of around {number} million pounds has been announced by businesses in the zone since {year}.",
        "We would welcome comments from other zones that have tackled {topic_lower}.",
        "Actions agreed at the last meeting are listed at the end of this paper with their owners.",
        "Figures are provisional and will be updated when the next monitoring return is complete.",
        "Partners include {partner}, who have agreed to share their data for this work.",
    ),
}

PARTNERS = (
    "the local college", "the combined authority", "the Department for Business and Trade",
    "a catapult centre", "the regional university", "the port operator", "the local enterprise partnership",
    "the chamber of commerce", "the Careers and Enterprise Company", "the Manufacturing Technology Centre",
)

# Words few documents use: each document has a small chance of one sentence naming one of them.
RARE_WORDS = (
    "cofferdam", "electrolyser", "gigafactory", "photonics", "geothermal", "bioreactor", "cryogenic",
    "lidar", "graphene", "exoskeleton", "hyperspectral", "tidal lagoon", "agrivoltaics", "microgrid",
    "superconducting", "biorefinery", "quantum sensing", "regolith", "pyrolysis", "desalination",
)
RARE_SHARE = 0.1
RARE_SENTENCE = "One option under review is {rare}, which partners in {zone} have asked the network to look at."


@dataclass(frozen=True)
class DocumentText:
    """What one generated document says."""

    title: str
    description: str
    text: str
    tags: tuple[str, ...]


def _fill(pattern: str, rng: random.Random, *, zone: str, sector: str, topic: str) -> str:
    return pattern.format(
        zone=zone, sector=sector, topic=topic, topic_lower=topic.lower(), year=rng.choice(YEARS),
        quarter=rng.choice(QUARTERS), number=rng.randint(20, 900), percent=rng.randint(12, 78),
        partner=rng.choice(PARTNERS),
    )  # fmt: skip


def write_document(rng: random.Random, theme: str, zone: str, sector: str, network: str) -> DocumentText:
    """A title, description, tags and a few paragraphs of body text about `theme` in `zone`."""
    topic = rng.choice(TOPICS[theme])
    title = _fill(rng.choice(TITLES[theme]), rng, zone=zone, sector=sector, topic=topic)[:200]
    description = (
        f"Prepared for the {network} by the {zone} team. "
        + _fill(rng.choice(SENTENCES[theme]), rng, zone=zone, sector=sector, topic=topic)
    )
    paragraphs = []
    for _paragraph in range(rng.randint(3, 6)):
        pool = SENTENCES[theme] + SENTENCES["shared"]
        sentences = [_fill(rng.choice(pool), rng, zone=zone, sector=sector, topic=topic)
                     for _sentence in range(rng.randint(3, 6))]
        paragraphs.append(" ".join(sentences))
    if rng.random() < RARE_SHARE:
        paragraphs.insert(rng.randint(0, len(paragraphs)), RARE_SENTENCE.format(rare=rng.choice(RARE_WORDS), zone=zone))
    tags = tuple(sorted(rng.sample(TAGS[theme], rng.randint(0, 3))))
    return DocumentText(title=title, description=description, text="\n\n".join([title, *paragraphs]), tags=tags)
