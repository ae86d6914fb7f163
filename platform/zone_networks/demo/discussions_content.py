"""What the demo discussions say: threads in each network, written by the planned demo people.

People are named by key: "skills:<zone slug>", "innovation:<zone slug>",
"net_zero:<zone slug>" (that zone's lead), "official:<government body slug>",
"secretariat". In a post, `{@key}` becomes that person's @handle (a mention).
Facts are the Action Plan's (as in the demo case studies) or general; no
figures are invented. Times are hours before the demo run.
"""

from __future__ import annotations

from dataclasses import dataclass

THUMBS, HEART, PARTY, IDEA, EYES = "👍", "❤️", "🎉", "💡", "👀"


@dataclass(frozen=True)
class PostPlan:
    """One post: who, what, when, who reacted, and the texts it had before its edits (oldest first)."""

    author: str
    body: str
    hours_ago: float
    reactions: tuple[tuple[str, str], ...] = ()
    earlier: tuple[str, ...] = ()
    quotes: int | None = None  # the index of an earlier post in the thread that this one quotes


@dataclass(frozen=True)
class ThreadPlan:
    """A thread: its network, title and posts (the first post's author started it)."""

    network: str
    title: str
    posts: tuple[PostPlan, ...]
    pinned: bool = False
    locked: bool = False


HUMBER_SKILLS = "skills:humber-freeport"
EAST_SKILLS = "skills:freeport-east"
CELTIC_SKILLS = "skills:celtic-freeport"
GLASGOW_SKILLS = "skills:glasgow-city-region-investment-zone"
NORTH_EAST_SKILLS = "skills:north-east-investment-zone"
TEESSIDE_SKILLS = "skills:teesside-freeport-and-tees-valley-investment-zone"
WEST_MIDS_INNOVATION = "innovation:west-midlands-investment-zone"
SOLENT_INNOVATION = "innovation:solent-freeport"
THAMES_INNOVATION = "innovation:thames-freeport"
SOUTH_YORKS_INNOVATION = "innovation:south-yorkshire-investment-zone"
EAST_MIDS_INNOVATION = "innovation:east-midlands-freeport-and-investment-zone"
LIVERPOOL_INNOVATION = "innovation:liverpool-city-region-innovation-zone"
ANGLESEY_NET_ZERO = "net_zero:anglesey-freeport"
INVERNESS_NET_ZERO = "net_zero:inverness-and-cromarty-firth-green-freeport"
ABERDEEN_NET_ZERO = "net_zero:north-east-scotland-investment-zone"
HUMBER_NET_ZERO = "net_zero:humber-freeport"
TEESSIDE_NET_ZERO = "net_zero:teesside-freeport-and-tees-valley-investment-zone"
UK_OFFICIAL = "official:uk-government"
WELSH_OFFICIAL = "official:welsh-government"

THREADS: tuple[ThreadPlan, ...] = (
    ThreadPlan(
        network="skills-forum",
        title="How to use Skills Forum discussions",
        pinned=True,
        posts=(
            PostPlan("secretariat",
                     "Welcome to the Skills Forum's discussions. Use them between forums to ask other zones how "
                     "they approach a skills problem, share what worked and follow up on forum actions.\n\n"
                     "- Start a thread for each topic, with a clear title.\n"
                     "- Mention someone with @ and their name to make sure they see it.\n"
                     "- Anything you write is seen by the forum's members and the secretariat.",
                     hours_ago=24 * 40, reactions=((HUMBER_SKILLS, THUMBS), (GLASGOW_SKILLS, THUMBS))),
        ),
    ),
    ThreadPlan(
        network="skills-forum",
        title="Offshore wind technicians: who is training them?",
        posts=(
            PostPlan(HUMBER_SKILLS,
                     "Employers on the Humber tell us they cannot find enough wind turbine technicians, and the "
                     "Siemens Gamesa factory is competing for the same people.\n\n"
                     "How are other zones building the pipeline? We are looking at a shared pre-employment course "
                     "with our colleges.",
                     hours_ago=24 * 12, reactions=((EAST_SKILLS, EYES), (CELTIC_SKILLS, THUMBS))),
            PostPlan(EAST_SKILLS,
                     "Freeport East's Skills and Innovation Centre was set up partly for this. The course design "
                     "started from the employers' job descriptions, not from existing qualifications. "
                     "{@skills:humber-freeport} happy to share our course outline.",
                     hours_ago=24 * 11, reactions=((HUMBER_SKILLS, HEART), (GLASGOW_SKILLS, IDEA)),
                     earlier=("Freeport East's Skills and Innovation Centre was set up partly for this. Happy to "
                              "share what we did.",)),
            PostPlan(CELTIC_SKILLS,
                     "Same problem in Port Talbot and Milford Haven, with floating offshore wind coming. We have "
                     "found that adults changing career need paid training, otherwise they cannot afford to "
                     "take it up.",
                     hours_ago=24 * 10, reactions=((HUMBER_SKILLS, THUMBS), (WELSH_OFFICIAL, EYES))),
            PostPlan(HUMBER_SKILLS,
                     "Thank you both. Paid training is the point our employers keep raising too. I will bring a "
                     "short note on this to the next forum.",
                     hours_ago=24 * 9, quotes=2, reactions=((CELTIC_SKILLS, THUMBS),)),
            PostPlan(UK_OFFICIAL,
                     "Useful thread. If zones can send examples of employer-led course design, we can collect "
                     "them for the forum papers.",
                     hours_ago=24 * 2),
        ),
    ),
    ThreadPlan(
        network="skills-forum",
        title="Employer-led skills boards: how often do yours meet?",
        posts=(
            PostPlan(GLASGOW_SKILLS,
                     "Following the forum action on skills boards: ours meets every quarter, with a smaller group "
                     "working between meetings. How often do yours meet, and who chairs them?",
                     hours_ago=24 * 20, reactions=((NORTH_EAST_SKILLS, THUMBS),)),
            PostPlan(NORTH_EAST_SKILLS,
                     "Every two months, chaired by an employer. The MADE NE partnership with Nissan means our "
                     "board talks mostly about electric vehicle and battery skills.",
                     hours_ago=24 * 19),
            PostPlan(TEESSIDE_SKILLS,
                     "Quarterly, chaired by the combined authority. We are thinking of asking an employer to chair "
                     "instead: did that change who turned up?",
                     hours_ago=24 * 18),
            PostPlan(NORTH_EAST_SKILLS,
                     "It did: more employers came, and they sent people who make hiring decisions.",
                     hours_ago=24 * 17, reactions=((TEESSIDE_SKILLS, IDEA), (GLASGOW_SKILLS, THUMBS))),
        ),
    ),
    ThreadPlan(
        network="innovation-leads",
        title="How we use this space: challenges and show-and-tell",
        pinned=True,
        posts=(
            PostPlan(WEST_MIDS_INNOVATION,
                     "As convenor, a short note on how we use discussions:\n\n"
                     "1. Post a **challenge** when you want help from other zones (the challenge board keeps "
                     "track of offers and of who has the same problem).\n"
                     "2. Use threads for show-and-tell and quick questions.\n"
                     "3. Bring anything that needs a decision to the monthly call.",
                     hours_ago=24 * 45, reactions=((SOLENT_INNOVATION, THUMBS), (SOUTH_YORKS_INNOVATION, THUMBS))),
        ),
    ),
    ThreadPlan(
        network="innovation-leads",
        title="University partnerships: agreeing IP terms quickly",
        posts=(
            PostPlan(SOUTH_YORKS_INNOVATION,
                     "Our demonstration with Suiso and the University of Sheffield took longer to agree than to "
                     "run. Has anyone got a template for intellectual property terms that universities and small "
                     "firms both accept?",
                     hours_ago=24 * 8, reactions=((EAST_MIDS_INNOVATION, EYES),)),
            PostPlan(EAST_MIDS_INNOVATION,
                     "The Zero Carbon Innovation Centre uses one agreement for Nottingham and Loughborough, "
                     "negotiated once. {@innovation:south-yorkshire-investment-zone} I can ask our partners "
                     "whether we can share it.",
                     hours_ago=24 * 7, reactions=((SOUTH_YORKS_INNOVATION, PARTY),)),
            PostPlan(LIVERPOOL_INNOVATION,
                     "The Hartree Centre has standard terms for companies using its computing and AI facilities. "
                     "Not the same case, but the structure may help.",
                     hours_ago=24 * 6),
        ),
    ),
    ThreadPlan(
        network="innovation-leads",
        title="Port digitalisation: who is testing what?",
        posts=(
            PostPlan(SOLENT_INNOVATION,
                     "We are mapping port digitalisation pilots across the zones: customs data, digital twins "
                     "of the port estate, automated gate systems. What is running in yours?",
                     hours_ago=30, reactions=((THAMES_INNOVATION, THUMBS),)),
            PostPlan(THAMES_INNOVATION,
                     "Automated gates and a data-sharing pilot between operators at London Gateway. Happy to "
                     "show it on the next call.",
                     hours_ago=20),
        ),
    ),
    ThreadPlan(
        network="net-zero",
        title="Grid connection queue: what has worked for you?",
        pinned=True,
        posts=(
            PostPlan(ANGLESEY_NET_ZERO,
                     "Grid connections are the most common blocker raised in this network. Please share what has "
                     "helped: early talks with the network operator, shared connections between sites, or "
                     "private wire.",
                     hours_ago=24 * 30, reactions=((INVERNESS_NET_ZERO, THUMBS), (HUMBER_NET_ZERO, THUMBS))),
            PostPlan(INVERNESS_NET_ZERO,
                     "Early talks, always. For Ardersier the port's plans were shared with the network operator "
                     "before the investors were confirmed.",
                     hours_ago=24 * 29, reactions=((ANGLESEY_NET_ZERO, IDEA),)),
            PostPlan(HUMBER_NET_ZERO,
                     "We grouped several sites into one connection request. It took longer to agree between the "
                     "landowners than with the operator.",
                     hours_ago=24 * 28),
        ),
    ),
    ThreadPlan(
        network="net-zero",
        title="Hydrogen: sharing electrolyser supplier lists",
        posts=(
            PostPlan(ABERDEEN_NET_ZERO,
                     "Several zones are scoping hydrogen production. Would it help to keep one list of "
                     "electrolyser suppliers that zones have spoken to, with notes?",
                     hours_ago=24 * 5, reactions=((TEESSIDE_NET_ZERO, THUMBS), (ANGLESEY_NET_ZERO, THUMBS))),
            PostPlan(TEESSIDE_NET_ZERO,
                     "Yes please. {@net_zero:north-east-scotland-investment-zone} we can add the suppliers Teesside "
                     "has met this year.",
                     hours_ago=24 * 4),
        ),
    ),
)

# Posts in the room of the next Skills Forum (found by the demo series' UID).
FORUM_ROOM_POSTS: tuple[PostPlan, ...] = (
    PostPlan("secretariat",
             "This is the room for the next forum. Papers will be linked here two weeks before; use it for "
             "questions about the agenda.",
             hours_ago=24 * 3, reactions=((HUMBER_SKILLS, THUMBS),)),
    PostPlan(CELTIC_SKILLS,
             "Could we have ten minutes on paid training for adults changing career? The offshore wind thread "
             "has some examples.",
             hours_ago=24 * 2),
)
