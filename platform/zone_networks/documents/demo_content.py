"""What the demo documents are: a dozen small files across the three networks, with mixed visibility.

Facts in them come from the Industrial Strategy Zones Action Plan (the same
examples as the demo case studies) or from the demo meetings; where a file
needs answers nobody has published (the hydrogen skills survey), it says that
they are invented for the demo and gives no precise figures. Each file says
it is demo content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from zone_networks.demo import demo_email
from zone_networks.documents import demo_files as files

DEMO_LINE = "Demo content: made up for the Zone Networks demonstration, based on the Industrial Strategy Zones " \
            "Action Plan."
# A lead's kind -> the prefix of their demo email address (as demo/plan.py names them).
LEAD_PREFIXES = {"skills": "skills", "innovation": "innovation", "net_zero": "net-zero"}
CLEAN_ENERGY = "clean-energy-industries"
ADVANCED_MANUFACTURING = "advanced-manufacturing"


def lead_email(kind: str, zone_slug: str) -> str:
    """The demo email address of a zone's skills, innovation or net zero lead."""
    return demo_email(f"{LEAD_PREFIXES[kind]}.{zone_slug}")


def owner_email(owner: tuple[str, str]) -> str:
    """The demo email address of a document's owner: ("secretariat", local part) or (lead kind, zone slug)."""
    kind, where = owner
    return demo_email(where) if kind == "secretariat" else lead_email(kind, where)


@dataclass(frozen=True)
class DocumentPlan:
    """One demo document: where it goes, who owns it, and how its file (and any later version) is made."""

    title: str
    filename: str
    make: Callable[[], bytes]
    network: str  # network slug
    visibility: str
    owner: tuple[str, str]  # ("secretariat", local part) or (lead kind, zone slug)
    description: str
    sectors: tuple[str, ...] = ()  # sector slugs
    tags: tuple[str, ...] = ()
    later: tuple[tuple[Callable[[], bytes], str], ...] = field(default=())  # (file maker, note) of later versions


def _terms_of_reference(meetings: str) -> list[str]:
    return [
        DEMO_LINE,
        "## Purpose",
        "The Industrial Strategy Zones Skills Forum brings local stakeholders from every zone together with the "
        "UK, Scottish and Welsh governments to discuss shared challenges and opportunities, learn from each other "
        "and coordinate skills interventions where appropriate.",
        "## Membership",
        "Each zone's skills lead, with officials from the UK Government, the Scottish Government and the Welsh "
        "Government as observers. The Industrial Strategy Zones secretariat supports the forum.",
        "## Meetings",
        meetings,
        "## Papers",
        "Papers are shared in the forum's document library at least two weeks before each meeting. Minutes are "
        "published after the forum agrees them.",
    ]


TOR_V1 = _terms_of_reference("The forum meets twice a year.")
TOR_V2 = _terms_of_reference("The forum meets twice a year, in person with the option to join online. Zones "
                             "take turns to host.")

ACTIONS = [
    ("Action", "Owner", "Due", "Status"),
    ("Share the employer-led skills board terms of reference with all zones", "Skills lead", "2 weeks after the "
     "forum", "Open"),
    ("Map training places against investors' hiring plans for clean energy", "Skills lead", "4 months after the "
     "forum", "Open"),
    ("Circulate the list of further education contacts in each zone", "Skills lead", "1 week after the forum",
     "Done"),
]

EXAMPLES = [
    ("Zone", "Example in the Action Plan", "Theme", "Amount in the Action Plan"),
    ("Humber Freeport", "Siemens Gamesa wind turbine factory", "Investment", "£186 million"),
    ("Inverness and Cromarty Firth Green Freeport", "Sumitomo subsea cable factory", "Investment", "£350 million"),
    ("North East Investment Zone", "Nissan direct investment", "Investment", "Up to £1.12 billion"),
    ("West Midlands Investment Zone", "Energy supply for the Coventry and Warwick Gigapark", "Investment",
     "£23 million (public funding)"),
    ("Inverness and Cromarty Firth Green Freeport", "Credit facility for Haventus' redevelopment of Ardersier port",
     "Investment", "£100 million (public finance)"),
    ("South Yorkshire Investment Zone", "Grant to FourJaw", "Innovation", ""),
    ("South Yorkshire Investment Zone", "Suiso pyrolysis demonstration with the University of Sheffield",
     "Net zero", ""),
    ("East Midlands Freeport and Investment Zone", "East Midlands Zero Carbon Innovation Centre", "Innovation", ""),
    ("Liverpool City Region Innovation Zone", "Research facility at the Hartree Centre", "Innovation", ""),
]

SURVEY = [
    ("Zone", "Hydrogen projects", "Skills most needed", "Training in place"),
    ("Anglesey Freeport", "Planned", "Process safety; electrical", "Partly"),
    ("Celtic Freeport", "Planned", "Welding; project management", "Partly"),
    ("Humber Freeport", "Under way", "Process operators; maintenance", "Yes"),
    ("Inverness and Cromarty Firth Green Freeport", "Considering", "Electrical; marine", "No"),
    ("Teesside Freeport and Tees Valley Investment Zone", "Under way", "Process operators; engineering", "Yes"),
    ("North East (Scotland) Investment Zone", "Considering", "Engineering; safety", "Partly"),
]

DOCUMENTS: tuple[DocumentPlan, ...] = (
    DocumentPlan(
        title="Skills Forum terms of reference",
        filename="Skills Forum terms of reference.pdf",
        make=lambda: files.pdf_bytes("Skills Forum terms of reference", TOR_V1),
        network="skills-forum", visibility="public", owner=("secretariat", "secretariat.forum"),
        description="What the forum is for, who takes part and how it works.",
        tags=("Terms of reference", "Governance"),
        later=((lambda: files.pdf_bytes("Skills Forum terms of reference", TOR_V2),
                "Added how meetings are held and hosted"),),
    ),
    DocumentPlan(
        title="Employer-led skills boards: terms of reference template",
        filename="Employer-led skills board - terms of reference template.docx",
        make=lambda: files.docx_bytes("Employer-led skills board: terms of reference template", [
            DEMO_LINE,
            "## Purpose",
            "The board brings employers, colleges and universities together to agree the skills the zone's "
            "growth sectors need, and to match training places to investors' hiring plans.",
            "## Members",
            "- Employers investing in the zone",
            "- Further education colleges and universities",
            "- The zone's skills lead (secretary)",
            "## How it works",
            "The board meets every quarter and reports to the zone's board.",
        ]),
        network="skills-forum", visibility="members", owner=("skills", "glasgow-city-region-investment-zone"),
        description="A template that zones can adapt, shared after the last forum.",
        tags=("Employer engagement", "Template"),
    ),
    DocumentPlan(
        title="Skills Forum actions",
        filename="skills-forum-actions.csv",
        make=lambda: files.csv_bytes([*ACTIONS, (DEMO_LINE, "", "", "")]),
        network="skills-forum", visibility="network", owner=("secretariat", "secretariat.forum"),
        description="The actions agreed at the last forum, for anyone who works in a spreadsheet.",
        tags=("Actions",),
    ),
    DocumentPlan(
        title="Skills Forum: slides from the last forum",
        filename="Skills Forum slides.pptx",
        make=lambda: files.pptx_bytes("Industrial Strategy Zones Skills Forum", [
            ("Welcome", ["New members", "Matters arising: none"]),
            ("Skills pipelines for the growth-driving sectors",
             ["Matching training places to investors' hiring plans", "Employer-led skills boards",
              "Working through further education colleges"]),
            ("Next steps", ["Actions are in the forum's document library", "The next forum meets in six months"]),
        ]),
        network="skills-forum", visibility="network", owner=("secretariat", "secretariat.forum"),
        description="The slides shown at the last forum.",
        tags=("Slides",),
    ),
    DocumentPlan(
        title="MADE NE training facility: course outline",
        filename="MADE NE course outline.docx",
        make=lambda: files.docx_bytes("MADE NE training facility: course outline", [
            DEMO_LINE,
            "The North East Investment Zone is investing £9.7 million, in partnership with Nissan, to develop "
            "MADE NE, a new training facility focused on the electric vehicle and battery technology sectors.",
            "## Course areas (illustrative)",
            "- Working safely with high-voltage systems",
            "- Battery manufacturing processes",
            "- Automation and robotics in vehicle production",
        ]),
        network="skills-forum", visibility="members", owner=("skills", "north-east-investment-zone"),
        description="What the new training facility will teach (an illustrative outline).",
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY), tags=("Electric vehicles", "Batteries", "Training"),
    ),
    DocumentPlan(
        title="Freeport East Skills and Innovation Centre: overview",
        filename="Freeport East Skills and Innovation Centre.pdf",
        make=lambda: files.pdf_bytes("Freeport East Skills and Innovation Centre", [
            DEMO_LINE,
            "Freeport East is investing £18 million in a Skills and Innovation Centre, one of the examples the "
            "Action Plan gives of zones investing in their local labour markets to prepare local people for the "
            "industries of the future.",
        ]),
        network="skills-forum", visibility="public", owner=("skills", "freeport-east"),
        description="A short overview of the centre.",
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY), tags=("Skills centre",),
    ),
    DocumentPlan(
        title="Innovation Leads Network: how we work",
        filename="how-we-work.txt",
        make=lambda: files.text_bytes("Innovation Leads Network: how we work", [
            DEMO_LINE,
            "Innovation leads from across the Industrial Strategy Zones meet on a regular basis to collaborate and "
            "share knowledge.",
            "Each month one zone presents a challenge and everyone shares what has worked. Post challenges in the "
            "network, share case studies with outcome figures, and keep papers in the document library.",
        ]),
        network="innovation-leads", visibility="members", owner=("innovation", "west-midlands-investment-zone"),
        description="How the network runs its monthly calls and shares what works.",
        tags=("Governance",),
    ),
    DocumentPlan(
        title="Examples from the Action Plan: summary table",
        filename="Action Plan examples.xlsx",
        make=lambda: files.xlsx_bytes([("Examples", EXAMPLES), ("About", [("About this table",), (DEMO_LINE,)])]),
        network="innovation-leads", visibility="network", owner=("secretariat", "secretariat"),
        description="The zones' achievements the Action Plan names, in one table.",
        tags=("Evidence",),
    ),
    DocumentPlan(
        title="East Midlands Zero Carbon Innovation Centre: partnership note",
        filename="Zero Carbon Innovation Centre partnership note.docx",
        make=lambda: files.docx_bytes("East Midlands Zero Carbon Innovation Centre", [
            DEMO_LINE,
            "East Midlands Freeport, in partnership with the Universities of Nottingham and Loughborough, launched "
            "the East Midlands Zero Carbon Innovation Centre.",
            "## Partners",
            "- East Midlands Freeport",
            "- University of Nottingham",
            "- Loughborough University",
        ]),
        network="innovation-leads", visibility="public",
        owner=("innovation", "east-midlands-freeport-and-investment-zone"),
        description="Who is behind the centre and what it is for.",
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING), tags=("Universities", "Innovation centre"),
    ),
    DocumentPlan(
        title="Early-stage funding for high-growth firms: notes from South Yorkshire",
        filename="Early-stage funding notes.pdf",
        make=lambda: files.pdf_bytes("Early-stage funding for high-growth firms", [
            DEMO_LINE,
            "Access to early-stage funding is a distinct challenge for many businesses outside the 'golden "
            "triangle'.",
            "In South Yorkshire, grant funding supported FourJaw, whose plug-and-play machine monitoring technology "
            "is used by over 140 manufacturers, to move to a larger office and funded the hardware behind its "
            "platform. Funding also let Suiso give industry a three-month demonstration of its pyrolysis "
            "technology with the University of Sheffield.",
            "The British Business Bank will introduce Cluster Champions in ten places, including many Industrial "
            "Strategy Zones.",
        ]),
        network="innovation-leads", visibility="network", owner=("innovation", "south-yorkshire-investment-zone"),
        description="What helped FourJaw and Suiso, and what support is coming.",
        sectors=(ADVANCED_MANUFACTURING,), tags=("Finance", "Grants"),
    ),
    DocumentPlan(
        title="Net Zero Network hydrogen skills survey results",
        filename="Net Zero Network hydrogen skills survey results.xlsx",
        make=lambda: files.xlsx_bytes([
            ("Responses", SURVEY),
            ("About", [("About this survey",), (DEMO_LINE,), ("The answers are invented for the demo.",)]),
        ]),
        network="net-zero", visibility="network", owner=("net_zero", "anglesey-freeport"),
        description="What zones told us about hydrogen projects and the skills they need (invented demo answers).",
        sectors=(CLEAN_ENERGY,), tags=("Hydrogen", "Survey"),
    ),
    DocumentPlan(
        title="Grid connections: what the zones have learned (slides)",
        filename="Grid connections.pptx",
        make=lambda: files.pptx_bytes("Grid connections: what the zones have learned", [
            ("The problem", ["Some projects face delays of up to 15 years for a grid connection"]),
            ("What is changing", ["NESO's connections reform will deprioritise up to 500GW of projects that are "
                                  "not ready", "A connections accelerator service for demand projects"]),
            ("What zones can do", ["Ask Regional Energy Strategic Boards to plan for zone sites",
                                   "Secure the power before marketing a site"]),
        ]),
        network="net-zero", visibility="network", owner=("net_zero", "humber-freeport"),
        description="Slides from the Net Zero Network meeting on grid connections.",
        sectors=(CLEAN_ENERGY,), tags=("Grid", "Slides"),
    ),
    DocumentPlan(
        title="Offshore wind ports: briefing for the Net Zero Network",
        filename="Offshore wind ports briefing.pdf",
        make=lambda: files.pdf_bytes("Offshore wind ports: briefing", [
            DEMO_LINE,
            "Siemens Gamesa's £186 million wind turbine factory is in the Humber Freeport, and Sumitomo has decided "
            "to invest £350 million in a subsea cable factory in the Inverness and Cromarty Firth Green Freeport.",
            "The Scottish National Investment Bank and the National Wealth Fund provided a joint £100 million credit "
            "facility to support Haventus' redevelopment of Ardersier port.",
            "The Scottish Government has committed to invest up to £500 million over 5 years to anchor the offshore "
            "wind supply chain in Scotland, and an Offshore Wind Skills Programme in colleges will create "
            "region-specific training hubs.",
        ]),
        network="net-zero", visibility="members",
        owner=("net_zero", "inverness-and-cromarty-firth-green-freeport"),
        description="The offshore wind investments in the zones, and the support available.",
        sectors=(CLEAN_ENERGY,), tags=("Offshore wind", "Ports"),
    ),
)
