"""What the demo challenges say: problems the zones really share, from the Action Plan's themes.

People are named by the same keys as demo/discussions_content.py. Offers can
point at a demo case study or document (by title) or at a person (by key).
No figures are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from zone_networks.demo.discussions_content import PostPlan


@dataclass(frozen=True)
class OfferPlan:
    """An offer of help: a post in the challenge's thread, with what it points at."""

    post: PostPlan
    case_study: str | None = None
    document: str | None = None
    person: str | None = None
    helped: bool = False


@dataclass(frozen=True)
class ChallengePlan:
    """A challenge, its zone's lead as owner, the zones that have it too, its offers and other replies."""

    title: str
    owner: str
    network: str
    theme: str
    sectors: tuple[str, ...]
    problem: str
    tried: str
    help_wanted: str
    days_ago: float
    endorsed_by: tuple[str, ...] = ()
    offers: tuple[OfferPlan, ...] = ()
    replies: tuple[PostPlan, ...] = ()
    status: str = "open"
    write_up: bool = False


CLEAN_ENERGY = "Clean Energy Industries"
ADVANCED_MANUFACTURING = "Advanced Manufacturing"
DIGITAL = "Digital and Technologies"

CHALLENGES: tuple[ChallengePlan, ...] = (
    ChallengePlan(
        title="Not enough offshore wind technicians for construction and operations",
        owner="skills:humber-freeport",
        network="skills-forum",
        theme="skills",
        sectors=(CLEAN_ENERGY,),
        problem="Offshore wind employers on the Humber cannot recruit enough technicians for the next wave of "
                "construction and for operations and maintenance. Colleges have places, but too few adults "
                "apply.",
        tried="- A careers campaign with the colleges\n- Taster days at the Siemens Gamesa factory",
        help_wanted="A course design that employers trust, and ideas for making training affordable for adults "
                    "changing career.",
        days_ago=21,
        endorsed_by=("skills:freeport-east", "skills:celtic-freeport",
                     "skills:teesside-freeport-and-tees-valley-investment-zone"),
        offers=(
            OfferPlan(PostPlan("skills:freeport-east",
                               "Our Skills and Innovation Centre designed its courses from employers' job "
                               "descriptions. The case study and the centre's overview explain how.",
                               hours_ago=24 * 19),
                      case_study="Freeport East Skills and Innovation Centre",
                      document="Freeport East Skills and Innovation Centre: overview", helped=True),
        ),
        replies=(
            PostPlan("skills:humber-freeport",
                     "Thank you: the employer-first course design is what we will try. Marking this as the offer "
                     "that helped.", hours_ago=24 * 16),
        ),
        status="matched",
    ),
    ChallengePlan(
        title="Hydrogen production: electrolyser skills and supply chain",
        owner="net_zero:teesside-freeport-and-tees-valley-investment-zone",
        network="net-zero",
        theme="net_zero",
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING),
        problem="Hydrogen projects in the zone need electrolyser technicians and local suppliers that do not "
                "exist yet. Investors ask what the skills and supply chain offer will be before they commit.",
        tried="A survey of local engineering firms' interest in hydrogen work.",
        help_wanted="Zones that have mapped a hydrogen supply chain, and colleges that have started electrolyser "
                    "courses.",
        days_ago=9,
        endorsed_by=("net_zero:north-east-scotland-investment-zone", "net_zero:anglesey-freeport",
                     "net_zero:humber-freeport"),
        offers=(
            OfferPlan(PostPlan("net_zero:north-east-scotland-investment-zone",
                               "We ran the hydrogen skills survey for this network last year; the results may "
                               "save you a survey of your own.", hours_ago=24 * 7),
                      document="Net Zero Network hydrogen skills survey results"),
        ),
    ),
    ChallengePlan(
        title="Sharing port data between operators without one common platform",
        owner="innovation:solent-freeport",
        network="innovation-leads",
        theme="innovation",
        sectors=(DIGITAL, ADVANCED_MANUFACTURING),
        problem="Operators at our port sites each run their own systems. Customs, logistics and energy data "
                "cannot be combined for planning, and no operator wants to give up its system.",
        tried="A workshop with the operators on which data they would share, and on what terms.",
        help_wanted="Examples of data-sharing agreements between port operators, and of small pilots that "
                    "worked.",
        days_ago=5,
        endorsed_by=("innovation:thames-freeport", "innovation:liverpool-city-region-innovation-zone"),
        offers=(
            OfferPlan(PostPlan("innovation:thames-freeport",
                               "We have a data-sharing pilot between operators at London Gateway. Talk to me and "
                               "I will introduce you to the operators' lead.", hours_ago=24 * 3),
                      person="innovation:thames-freeport"),
        ),
    ),
    ChallengePlan(
        title="Getting small manufacturers to adopt machine monitoring",
        owner="innovation:west-midlands-investment-zone",
        network="innovation-leads",
        theme="innovation",
        sectors=(ADVANCED_MANUFACTURING, DIGITAL),
        problem="Small manufacturers in the zone see machine monitoring as costly and hard to set up, so few "
                "use it, though it would show them where they lose production time.",
        tried="Demonstrations at a manufacturing show.",
        help_wanted="A zone that has helped small firms take up monitoring technology, and what made the "
                    "difference.",
        days_ago=60,
        endorsed_by=("innovation:greater-manchester-investment-zone",
                     "innovation:wrexham-and-flintshire-investment-zone"),
        offers=(
            OfferPlan(PostPlan("innovation:south-yorkshire-investment-zone",
                               "Our grant to FourJaw helped a local firm whose machine monitoring is now used by "
                               "more than 140 manufacturers. Firms trusted it because other local firms used it.",
                               hours_ago=24 * 55),
                      case_study="FourJaw: grant funding for a growing manufacturing technology firm", helped=True),
        ),
        replies=(
            PostPlan("innovation:west-midlands-investment-zone",
                     "We funded peer visits to two South Yorkshire firms using it. Three of our firms have started "
                     "trials. Resolved: thank you.", hours_ago=24 * 20),
        ),
        status="resolved",
        write_up=True,
    ),
    ChallengePlan(
        title="Apprenticeships for small advanced manufacturing firms",
        owner="skills:wrexham-and-flintshire-investment-zone",
        network="skills-forum",
        theme="skills",
        sectors=(ADVANCED_MANUFACTURING,),
        problem="Small advanced manufacturing firms want apprentices but cannot offer the full range of work an "
                "apprenticeship needs, or supervise an apprentice on their own.",
        tried="Asking larger firms to take apprentices for part of their training.",
        help_wanted="Models for sharing apprentices between employers, and training centres that work with "
                    "small firms.",
        days_ago=3,
        endorsed_by=("skills:cardiff-and-newport-investment-zone", "skills:greater-manchester-investment-zone"),
        offers=(
            OfferPlan(PostPlan("skills:north-east-investment-zone",
                               "MADE NE trains for several employers at once, with Nissan. Worth a look for the "
                               "training centre side.", hours_ago=30),
                      case_study="MADE NE: training for electric vehicle and battery jobs"),
        ),
    ),
)
