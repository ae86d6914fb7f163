"""What the demo case studies say: the real examples named in the Industrial Strategy Zones Action Plan.

Each example in ../shared/reference/zones.yaml (`examples:`) becomes one
published case study. The facts (who, where, what, and the one figure each
example has) are the Action Plan's; the rest (how the challenge is framed,
the lessons) is written for the demo, stays general and invents no numbers.
Figures are stored only where the Action Plan gives them and where they are
what the column means: `investment_gbp` is *private* investment, so public
funding packages and public loans (the Gigapark's £23 million, Ardersier's
£100 million credit facility, the £18 million Skills and Innovation Centre,
MADE NE's £9.7 million) are told in the text, not added to the private
investment totals. Two drafts show the draft state.
"""

from __future__ import annotations

from zone_networks.casestudies.demo_plan import (
    ADVANCED_MANUFACTURING,
    CLEAN_ENERGY,
    DEFENCE,
    DEMO_NOTE,
    DIGITAL,
    FORUM_HELD,
    INNOVATION_HELD,
    NET_ZERO_HELD,
    SOURCE_NOTE,
    CaseStudyPlan,
    note,
)

__all__ = ["CASE_STUDIES", "SOURCE_NOTE"]


CASE_STUDIES: tuple[CaseStudyPlan, ...] = (
    CaseStudyPlan(
        title="Siemens Gamesa wind turbine factory in the Humber",
        summary="Siemens Gamesa's £186 million wind turbine factory is located in the Humber Freeport. " + DEMO_NOTE,
        theme="investment",
        zones=("humber-freeport",),
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING),
        author="innovation",
        contact="net_zero",
        challenge=(
            "The Humber needed to turn its position on the North Sea into lasting manufacturing jobs in offshore "
            "wind, rather than only servicing turbines built elsewhere."
        ),
        approach=(
            "The freeport worked with Siemens Gamesa on its investment in a wind turbine factory on a freeport "
            "site.\n\n"
            "The Action Plan names the factory as one of the private investments that freeports and investment "
            "zones have already attracted."
        ),
        partners="- Siemens Gamesa\n- Humber Freeport",
        lessons=(
            "- Large manufacturers compare sites across countries: a clear offer on land, customs and skills "
            "helps.\n"
            "- Plan the skills pipeline with the investor before the factory opens."
        ),
        figures={"investment_gbp": (186_000_000, note("£186 million wind turbine factory"))},
        days_ago=120,
        documents=("Offshore wind ports: briefing for the Net Zero Network",),
    ),
    CaseStudyPlan(
        title="Sumitomo subsea cable factory in the Cromarty Firth",
        summary="Sumitomo decided to invest £350 million in a subsea cable factory in the Inverness and Cromarty "
                "Firth Green Freeport. " + DEMO_NOTE,
        theme="investment",
        zones=("inverness-and-cromarty-firth-green-freeport",),
        sectors=(CLEAN_ENERGY,),
        author="net_zero",
        challenge=(
            "Offshore wind needs high-voltage subsea cables, and the supply chain for them was largely outside "
            "the UK."
        ),
        approach=(
            "The green freeport supported Sumitomo's decision to build a subsea cable factory in the Inverness "
            "and Cromarty Firth area."
        ),
        partners="- Sumitomo\n- Inverness and Cromarty Firth Green Freeport",
        lessons=(
            "- Anchor investments in the supply chain make a port more attractive to the next investor.\n"
            "- Early contact with the planning authority shortens the path from decision to construction."
        ),
        figures={"investment_gbp": (350_000_000, note("£350 million subsea cable factory"))},
        days_ago=110,
        documents=("Offshore wind ports: briefing for the Net Zero Network",),
    ),
    CaseStudyPlan(
        title="Nissan's investment in Sunderland's automotive cluster",
        summary="Nissan's direct investment of up to £1.12 billion in the North East Investment Zone. " + DEMO_NOTE,
        theme="investment",
        zones=("north-east-investment-zone",),
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY),
        author="innovation",
        contact="skills",
        challenge=(
            "Sunderland's car industry needed to move to electric vehicles and batteries to keep its "
            "manufacturing base."
        ),
        approach=(
            "The investment zone supported Nissan's direct investment of up to £1.12 billion. Further supply "
            "chain and infrastructure investments take the overall investment in Sunderland's automotive cluster "
            "to £2 billion, according to the Action Plan."
        ),
        partners="- Nissan\n- North East Investment Zone",
        lessons=(
            "- One anchor investment brings supply chain investment with it: count both, separately.\n"
            "- Link the investment to local training from the start (see the MADE NE case study)."
        ),
        figures={"investment_gbp": (1_120_000_000, note("Direct investment of up to £1.12 billion; supply chain "
                                                         "and infrastructure investment are not included"))},
        days_ago=100,
    ),
    CaseStudyPlan(
        title="MADE NE: training for electric vehicle and battery jobs",
        summary="The North East Investment Zone is investing £9.7 million, in partnership with Nissan, in MADE NE, "
                "a new training facility. " + DEMO_NOTE,
        theme="skills",
        zones=("north-east-investment-zone",),
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY),
        author="skills",
        challenge=(
            "Employers in the electric vehicle and battery technology sectors need people with skills that few "
            "local courses taught."
        ),
        approach=(
            "The investment zone put £9.7 million of its funding, in partnership with Nissan, into developing "
            "MADE NE, a new training facility focused on the electric vehicle and battery technology sectors.\n\n"
            "This is public funding, so it is not counted as private investment."
        ),
        partners="- Nissan\n- North East Investment Zone",
        lessons=(
            "- Design courses with the employers who will hire the learners.\n"
            "- Share the facility's courses with other zones building battery supply chains."
        ),
        days_ago=90,
        documents=("MADE NE training facility: course outline",),
        meetings=(FORUM_HELD,),
    ),
    CaseStudyPlan(
        title="A dedicated energy supply for the Coventry and Warwick Gigapark",
        summary="A £23 million funding package from the West Midlands Investment Zone powers up the Coventry and "
                "Warwick Gigapark. " + DEMO_NOTE,
        theme="investment",
        zones=("west-midlands-investment-zone",),
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY),
        author="innovation",
        challenge=(
            "Large-scale battery production needs a great deal of electricity, and the site had no supply "
            "big enough to attract a manufacturer."
        ),
        approach=(
            "The investment zone provided a £23 million funding package to install a dedicated energy supply "
            "capable of supporting large-scale battery production at the Gigapark.\n\n"
            "This is public funding that makes the site investible, so it is not counted as private investment."
        ),
        partners="- West Midlands Investment Zone\n- Coventry and Warwick Gigapark",
        lessons=(
            "- Grid connections can take years: secure the power before marketing the site.\n"
            "- Public funding for enabling works can unlock a site that private investors would not take on "
            "alone."
        ),
        days_ago=80,
        documents=("Grid connections: what the zones have learned (slides)",),
        meetings=(NET_ZERO_HELD,),
    ),
    CaseStudyPlan(
        title="Redeveloping Ardersier port for offshore wind",
        summary="A joint £100 million credit facility from the Scottish National Investment Bank and the National "
                "Wealth Fund supports Haventus' redevelopment of Ardersier port. " + DEMO_NOTE,
        theme="investment",
        zones=("inverness-and-cromarty-firth-green-freeport",),
        sectors=(CLEAN_ENERGY,),
        author="innovation",
        contact="net_zero",
        challenge=(
            "Offshore wind projects need large port facilities to assemble and deploy turbines, and financing a "
            "port redevelopment in the near term is hard."
        ),
        approach=(
            "The Scottish National Investment Bank and the National Wealth Fund jointly provided a £100 million "
            "credit facility to support Haventus' redevelopment of Ardersier port in the green freeport.\n\n"
            "This is a loan from public finance institutions, so it is not counted as private investment."
        ),
        partners="- Haventus\n- Scottish National Investment Bank\n- National Wealth Fund",
        lessons=(
            "- Public finance institutions can share the risk of transformative projects that are hard to finance "
            "in the near term.\n"
            "- The National Wealth Fund offers seminars and advice to every zone: ask early."
        ),
        is_public=False,
        days_ago=70,
        documents=("Offshore wind ports: briefing for the Net Zero Network",),
    ),
    CaseStudyPlan(
        title="Freeport East Skills and Innovation Centre",
        summary="Freeport East is investing in an £18 million Skills and Innovation Centre to prepare local people "
                "for the industries of the future. " + DEMO_NOTE,
        theme="skills",
        zones=("freeport-east",),
        sectors=(ADVANCED_MANUFACTURING, CLEAN_ENERGY),
        author="skills",
        challenge=(
            "Employers at the ports and on freeport sites need technical skills that local people had few places "
            "to learn."
        ),
        approach=(
            "The freeport is investing £18 million in a Skills and Innovation Centre, one of the examples the "
            "Action Plan gives of zones investing in their local labour markets."
        ),
        partners="- Freeport East",
        lessons=(
            "- Put training and innovation in one place so that businesses and learners meet.\n"
            "- Agree with employers which skills the centre teaches first."
        ),
        days_ago=60,
        documents=("Freeport East Skills and Innovation Centre: overview",),
        meetings=(FORUM_HELD,),
    ),
    CaseStudyPlan(
        title="Babcock and Supacat: a social value plan that created jobs",
        summary="The Babcock and Supacat partnership's social value plan in the Plymouth and South Devon Freeport "
                "has created over 100 jobs. " + DEMO_NOTE,
        theme="skills",
        zones=("plymouth-and-south-devon-freeport",),
        sectors=(DEFENCE,),
        author="skills",
        challenge="Defence manufacturers needed more skilled workers, and local people needed routes into good jobs.",
        approach=(
            "Babcock and Supacat worked in partnership under a social value plan that has already created over "
            "100 jobs. The partnership continues to focus on skills development and workforce capability, helping "
            "people build transferable skills."
        ),
        partners="- Babcock\n- Supacat\n- Plymouth and South Devon Freeport",
        lessons=(
            "- A social value plan turns an employer's commitments into jobs that can be counted.\n"
            "- The Department for Work and Pensions plans closer links between Jobcentre Plus, the zones and "
            "employers to encourage more partnerships like this one."
        ),
        figures={"jobs_created": (100, note("Over 100 jobs created by the social value plan"))},
        days_ago=50,
    ),
    CaseStudyPlan(
        title="FourJaw: grant funding for a growing manufacturing technology firm",
        summary="South Yorkshire grant funding helped FourJaw, whose machine monitoring technology is used by over "
                "140 manufacturers, to move to larger offices and fund its hardware. " + DEMO_NOTE,
        theme="innovation",
        zones=("south-yorkshire-investment-zone",),
        sectors=(ADVANCED_MANUFACTURING, DIGITAL),
        author="innovation",
        challenge=(
            "High-growth firms outside the 'golden triangle' find early-stage funding harder to get. FourJaw, "
            "which makes plug-and-play machine monitoring technology, needed room and hardware to grow."
        ),
        approach=(
            "Investment zone grant funding supported FourJaw to relocate to a larger office for its expanding team "
            "and funded the hardware that underpins its platform. Manufacturers use the platform to assess and "
            "improve productivity, energy efficiency and profitability."
        ),
        partners="- FourJaw\n- South Yorkshire Investment Zone",
        lessons=(
            "- Small grants at the right moment can keep a growing firm in the region.\n"
            "- Technology that helps manufacturers save energy serves growth and net zero at once."
        ),
        days_ago=40,
    ),
    CaseStudyPlan(
        title="Suiso: demonstrating pyrolysis to industry with the University of Sheffield",
        summary="South Yorkshire funding let Suiso give industry a three-month demonstration of its pyrolysis "
                "technology with the University of Sheffield. " + DEMO_NOTE,
        theme="net_zero",
        zones=("south-yorkshire-investment-zone",),
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING),
        author="innovation",
        challenge=(
            "Industry burns natural gas, liquefied petroleum gas, propane and biogas, releasing carbon dioxide. "
            "New technology that removes the carbon first needs to be shown working before businesses adopt it."
        ),
        approach=(
            "The investment zone funded Suiso, a company developing pyrolysis technology that removes carbon from "
            "these fuels before they are burned, to run a three-month demonstration for industry in collaboration "
            "with the University of Sheffield."
        ),
        partners="- Suiso\n- The University of Sheffield\n- South Yorkshire Investment Zone",
        lessons=(
            "- A demonstration in front of potential customers does more than a report.\n"
            "- University partners add credibility and testing facilities."
        ),
        days_ago=35,
    ),
    CaseStudyPlan(
        title="East Midlands Zero Carbon Innovation Centre",
        summary="East Midlands Freeport launched the East Midlands Zero Carbon Innovation Centre with the "
                "Universities of Nottingham and Loughborough. " + DEMO_NOTE,
        theme="innovation",
        zones=("east-midlands-freeport-and-investment-zone",),
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING),
        author="innovation",
        contact="net_zero",
        challenge="Firms working on zero carbon technology needed a place to collaborate with researchers.",
        approach=(
            "The freeport, in partnership with the Universities of Nottingham and Loughborough, launched the East "
            "Midlands Zero Carbon Innovation Centre."
        ),
        partners="- East Midlands Freeport\n- University of Nottingham\n- Loughborough University",
        lessons=(
            "- Universities are natural partners for an innovation centre: agree early who runs what.\n"
            "- An innovation centre gives firms a reason to locate nearby."
        ),
        days_ago=25,
        documents=("East Midlands Zero Carbon Innovation Centre: partnership note",),
    ),
    CaseStudyPlan(
        title="High-performance computing and AI research at the Hartree Centre",
        summary="Liverpool City Region Innovation Zone has funded a high-performance computing, data analytics and "
                "artificial intelligence research facility at the Hartree Centre. " + DEMO_NOTE,
        theme="innovation",
        zones=("liverpool-city-region-innovation-zone",),
        sectors=(DIGITAL,),
        author="innovation",
        challenge=(
            "Businesses in the city region's growth sectors need access to computing power and AI expertise that "
            "few can afford on their own."
        ),
        approach=(
            "The innovation zone funded a nationally significant high-performance computing, data analytics and "
            "artificial intelligence research facility at the Hartree Centre, which the Action Plan describes as "
            "part of the University of Liverpool."
        ),
        partners="- The Hartree Centre\n- University of Liverpool\n- Liverpool City Region Innovation Zone",
        lessons=(
            "- Shared research facilities support the government's ambition for AI.\n"
            "- Make it easy for local firms to book time on the facility."
        ),
        is_public=False,
        days_ago=20,
        meetings=(INNOVATION_HELD,),
    ),
    CaseStudyPlan(
        title="A Local Development Order at London Gateway Logistics Park",
        summary="Thames Freeport's Local Development Order means new builds at London Gateway Logistics Park "
                "receive final approval within 28 days. " + DEMO_NOTE,
        theme="planning",
        zones=("thames-freeport",),
        sectors=(),
        author="innovation",
        challenge="Lengthy planning processes can delay development on zone sites and put investors off.",
        approach=(
            "The local authority issued a Local Development Order (LDO) for London Gateway Logistics Park, so new "
            "builds that meet its terms receive final approval within 28 days."
        ),
        partners="- Thames Freeport\n- The local planning authority",
        lessons=(
            "- A Local Development Order gives investors certainty about timing.\n"
            "- Agree the order's conditions with the planning authority and statutory consultees up front."
        ),
        is_public=False,
        days_ago=15,
    ),
    CaseStudyPlan(
        title="Shared apprenticeships across port employers",
        summary="Draft: how port employers could share apprentices so that small firms can take part. " + DEMO_NOTE,
        theme="skills",
        zones=("forth-green-freeport",),
        sectors=(CLEAN_ENERGY, ADVANCED_MANUFACTURING),
        author="skills",
        challenge="Small employers at the port cannot always take on an apprentice for the whole programme.",
        approach="To be written once the pilot has run.",
        partners="",
        lessons="",
        status="draft",
        is_public=False,
        days_ago=5,
    ),
    CaseStudyPlan(
        title="Grid connection queue: lessons from the Net Zero Network",
        summary="Draft: what zones have learned about getting connected to the grid. " + DEMO_NOTE,
        theme="net_zero",
        zones=("teesside-freeport-and-tees-valley-investment-zone",),
        sectors=(CLEAN_ENERGY,),
        author="net_zero",
        challenge="Some projects face long waits for a grid connection.",
        approach="To be completed after the next Net Zero Network meeting.",
        partners="",
        lessons="",
        status="draft",
        is_public=False,
        days_ago=3,
        documents=("Grid connections: what the zones have learned (slides)",),
    ),
)
