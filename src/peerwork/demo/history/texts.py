"""What the demo's engagements say. All of it is invented for the demo.

Each report section's heading is matched to a family of findings and recommendations
by the words in it (see `writing.family`).
"""

DESCRIPTIONS = {
    "corporate-peer-challenge": [
        "We would like an external view of how well the council is placed to deliver the new "
        "council plan, and how our leadership works with partners across {name}.",
        "It is five years since our last corporate peer challenge. We want to test our "
        "progress since then and our readiness for the next medium-term financial plan.",
    ],
    "finance-peer-challenge": [
        "Our reserves have fallen for three years running. We want peers to test our "
        "medium-term financial strategy and how members are involved in budget decisions.",
        "We want assurance on financial controls after a change of section 151 officer, and "
        "advice on closing the budget gap in the next two years.",
    ],
    "governance-peer-challenge": [
        "Relationships between members and officers have been strained since the election. "
        "We would like help with roles, scrutiny and the constitution.",
        "Our external auditor raised concerns about decision-making. We want a peer view of "
        "our governance before the auditor's follow-up.",
    ],
    "recovery-and-renewal-panel": [
        "A short panel to test our recovery plan after the closure of the area's largest "
        "employer, and where our leadership capacity is stretched.",
        "We would value a panel's view of our resilience and governance as we bring services "
        "back in house.",
    ],
    "bespoke-remote-peer-support": [
        "Remote support for our new cabinet on {focus}, over two or three days.",
        "We would like two officer and member peers to work with us remotely on {focus}.",
    ],
    "communications-peer-challenge": [
        "A review of how we talk to residents and staff, ahead of a new communications "
        "strategy next year.",
    ],
    "equalities-peer-challenge": [
        "We are working towards the Achieving level of the Equality Framework and would like "
        "the peer challenge in the spring.",
        "We hold Achieving and want to be assessed for Excellent.",
    ],
    "planning-peer-challenge": [
        "Our planning service has lost experienced officers and speed of decisions has "
        "fallen. We want help with the local plan timetable and service to applicants.",
    ],
    "progress-review": [
        "A progress review of the recommendations of our peer challenge, with the original "
        "team if possible.",
    ],
    "mentoring": [
        "Mentoring for our new leader, who took office after a change of control in May.",
        "Mentoring for a cabinet member new to their portfolio after the reshuffle.",
    ],
}
DEFAULT_DESCRIPTION = "We would like peer support on {focus} from experienced members and officers."

LOCAL_FOCUS = [
    "Housing delivery",
    "Town centre regeneration",
    "Children's services improvement",
    "Climate and net zero",
    "Customer contact and digital services",
    "Adult social care market",
    "Waste and recycling contract",
]

SCOPING_NOTES = (
    "Scoped with the leader and chief executive on {day}. Agreed focus: {themes}. "
    "The position statement is due three weeks before the team arrives; interviews with "
    "the cabinet, group leaders, senior officers, partners and front-line staff."
)

DECLINE_REASONS = [
    "Full council budget meeting at home that week.",
    "Annual leave already booked for those dates.",
    "Our own Ofsted inspection is due that month.",
    "I am on another peer challenge the week before and cannot take two in a row.",
    "Family commitments that week, sorry.",
    "Too close to our own local elections.",
]

EXIT_REASONS = {
    "declined": [
        "The council had the same peer challenge two years ago; the adviser suggested a "
        "progress review instead.",
        "What the council needs is one-to-one support for the leader: mentoring suggested.",
        "Not this year: the council is under intervention and the commissioners advised "
        "waiting until it ends.",
    ],
    "withdrawn": [
        "The chief executive is leaving in the spring; the council will ask again once a "
        "successor is in post.",
        "The council has decided to commission an independent review instead.",
        "After the by-election the new administration wants to set its priorities first.",
    ],
    "cancelled": [
        "Cancelled after the leader resigned; the council will ask again after the "
        "leadership election.",
        "Cancelled because of the council's response to the flooding that week.",
        "Cancelled at the council's request: the chief executive left suddenly and the "
        "council will wait for a successor.",
    ],
}

# Each family: findings, strengths, notable practice, and (recommendation, action, owner).
FAMILIES = {
    "priorities": {
        "findings": [
            "{name} has a clear council plan with five priorities that staff, partners and "
            "members could describe to the peer team without prompting.",
            "The council plan is not yet matched by a performance framework: few of its "
            "ambitions have measures, targets or named owners.",
            "Residents' priorities in the annual survey (roads, anti-social behaviour and "
            "the cost of living) are reflected only partly in the plan.",
        ],
        "strengths": [
            "Data on the area is good and widely used, including ward profiles that members value.",
            "The council knows its communities well and targets its work where need is greatest.",
        ],
        "notable": [
            "The quarterly 'plan on a page' report to cabinet is short, readable and "
            "published, and residents are starting to use it.",
        ],
        "recommendations": [
            (
                "Build a performance framework that links each council plan priority to "
                "measures, targets and named owners, reported to cabinet each quarter.",
                "Draft the framework with service directors and take it to cabinet, with "
                "the first quarterly report after that.",
                "Chief executive",
            ),
            (
                "Refresh the council plan with residents' priorities from the annual "
                "survey in mind, and say openly what the council will stop doing.",
                "Run a refresh through the overview and scrutiny committee and a residents' "
                "panel before budget setting.",
                "Leader of the council",
            ),
        ],
    },
    "leadership": {
        "findings": [
            "The leader and chief executive work well together and are respected by "
            "partners, who describe the council as a reliable partner.",
            "Place leadership is strong on regeneration but less visible on health and "
            "community safety, where partners want the council to lead more.",
            "The senior leadership team is new and stretched: two directors are interim "
            "and several heads of service act up.",
        ],
        "strengths": [
            "Members and officers speak well of one another and of the leader's openness.",
            "The council is well regarded in the county and in the combined authority.",
        ],
        "notable": [
            "Cabinet members and their directors meet monthly with a shared agenda, which "
            "staff said makes decisions quicker and clearer.",
        ],
        "recommendations": [
            (
                "Make the senior leadership team permanent and give it time to work as a "
                "team, with a development programme for the next year.",
                "Recruit to the two interim director posts and commission a senior "
                "leadership development programme.",
                "Chief executive",
            ),
            (
                "Take a more visible lead in the health and wellbeing partnership, with a "
                "small number of shared priorities.",
                "Agree three shared priorities with health partners at the next partnership "
                "board and report progress to cabinet.",
                "Cabinet member for health and wellbeing",
            ),
        ],
    },
    "governance": {
        "findings": [
            "Roles of members and officers are not always understood: some members give "
            "instructions to officers directly and officers feel exposed.",
            "The constitution is out of date in places and delegations are unclear, which "
            "slows decisions.",
            "Group leaders meet regularly and relations across the chamber are better than "
            "the council's history would suggest.",
        ],
        "strengths": [
            "The statutory officers work closely together and are listened to.",
            "Members take their training seriously: attendance at induction was high.",
        ],
        "notable": [
            "A member-officer protocol written jointly by group leaders and directors, and "
            "signed by every member at induction.",
        ],
        "recommendations": [
            (
                "Review the constitution and scheme of delegation so that who decides what "
                "is clear to members, officers and the public.",
                "Set up a cross-party constitution working group led by the monitoring "
                "officer, reporting to full council.",
                "Monitoring officer",
            ),
            (
                "Agree a member-officer protocol and make training on it part of every "
                "member's induction.",
                "Draft the protocol with group leaders and add a session to the member "
                "development programme.",
                "Head of democratic services",
            ),
        ],
    },
    "scrutiny": {
        "findings": [
            "Scrutiny is active but mostly receives reports for noting; it rarely shapes "
            "decisions before they are made.",
            "The audit committee is well chaired and has an independent member, but risk "
            "reports reach it late and are hard to follow.",
            "Decision-making is lawful and recorded, though the forward plan is often "
            "incomplete and key decisions appear at short notice.",
        ],
        "strengths": [
            "The audit committee chair is experienced and respected across parties.",
            "Internal audit is well resourced and its recommendations are followed up.",
        ],
        "notable": [
            "Scrutiny's task-and-finish review of temporary accommodation changed the "
            "council's policy and saved money.",
        ],
        "recommendations": [
            (
                "Give scrutiny a work programme that looks ahead at decisions, with time for "
                "pre-decision scrutiny of the budget and major contracts.",
                "Agree the work programme with scrutiny chairs and cabinet each spring.",
                "Chair of overview and scrutiny",
            ),
            (
                "Refresh the risk register so the audit committee sees the council's main "
                "risks, their owners and what is being done, every quarter.",
                "Rewrite the corporate risk register and bring it to each audit committee.",
                "Director of resources",
            ),
        ],
    },
    "finance": {
        "findings": [
            "The council has balanced its budget each year but relies on one-off savings "
            "and reserves; the gap over the medium term is not yet closed.",
            "Financial reporting to members is regular but long, and cabinet members said "
            "they struggle to see the risks.",
            "Budget monitoring is sound; overspends in children's and adult social care are "
            "forecast early but not yet brought under control.",
        ],
        "strengths": [
            "The section 151 officer is experienced and trusted by members of all parties.",
            "The council's accounts have been signed off on time with no qualifications.",
        ],
        "notable": [
            "A one-page budget summary for residents that shows where each pound goes.",
        ],
        "recommendations": [
            (
                "Close the medium-term budget gap with a savings and income programme that "
                "does not rely on reserves, agreed before next year's budget.",
                "Set up a cross-directorate savings programme board with a monthly report to "
                "cabinet.",
                "Director of finance (section 151 officer)",
            ),
            (
                "Make financial reports to members shorter and clearer, with risks and the "
                "position on reserves on the first page.",
                "Redesign the quarterly finance report with cabinet and the audit committee.",
                "Director of finance (section 151 officer)",
            ),
            (
                "Bring the demand-led overspends in social care under control with a plan "
                "owned jointly by finance and the service directors.",
                "Agree a joint demand management plan for children's and adults' social care.",
                "Director of children's services",
            ),
        ],
    },
    "culture": {
        "findings": [
            "Staff are proud to work for the council and want it to do well; many have "
            "long service and deep local knowledge.",
            "The staff survey shows low confidence that senior leaders listen, and several "
            "teams told the peers that change is done to them.",
            "The workforce does not yet reflect the area's communities at senior levels.",
        ],
        "strengths": [
            "A committed workforce that went above and beyond during recent emergencies.",
            "Staff networks are active and have the chief executive's backing.",
        ],
        "notable": [
            "Monthly open sessions where any member of staff can question the chief "
            "executive, with answers published on the intranet.",
        ],
        "recommendations": [
            (
                "Act on the staff survey with a visible plan, and tell staff what changed "
                "as a result.",
                "Publish a 'you said, we did' plan after each staff survey, led by the "
                "corporate leadership team.",
                "Director of people",
            ),
            (
                "Set out a workforce strategy that grows leaders from within and reflects "
                "the communities the council serves.",
                "Write the workforce strategy with the staff networks and trade unions.",
                "Director of people",
            ),
        ],
    },
    "communications": {
        "findings": [
            "The communications team is small and reacts well to events, but there is no "
            "plan linking its work to the council's priorities.",
            "Residents mostly hear from the council through social media; older residents "
            "and those without internet access are harder to reach.",
            "Internal communications rely on email, and front-line staff said they hear "
            "news from the local paper first.",
        ],
        "strengths": [
            "Press relations are good and the council's handling of recent stories was "
            "praised by partners.",
            "The council's social media channels are lively and well followed.",
        ],
        "notable": [
            "A residents' newsletter written with community groups and delivered to every "
            "household twice a year.",
        ],
        "recommendations": [
            (
                "Write a communications strategy that follows the council plan's priorities "
                "and says how each audience will be reached.",
                "Draft the strategy with cabinet and service heads, with a yearly campaign plan.",
                "Head of communications",
            ),
            (
                "Improve internal communications so that front-line staff hear news from "
                "the council first.",
                "Start a weekly staff bulletin and team briefings cascaded by managers.",
                "Head of communications",
            ),
        ],
    },
    "communities": {
        "findings": [
            "The council works closely with voluntary and community groups, who describe it "
            "as a good partner that listens.",
            "Customer services answer most calls quickly, but online forms are hard to use "
            "and many residents give up and phone.",
            "Engagement with communities is strong in some wards and patchy in others, "
            "depending on the ward members.",
        ],
        "strengths": [
            "Strong links with faith and community groups built during the pandemic.",
            "Complaints are handled on time and lessons are shared with services.",
        ],
        "notable": [
            "Community hubs in libraries that bring council, health and advice services "
            "under one roof.",
        ],
        "recommendations": [
            (
                "Build on the community hubs with a plan to reach the wards where engagement "
                "is weakest.",
                "Map engagement by ward and agree a plan with ward members and community groups.",
                "Director of communities",
            ),
            (
                "Redesign the most used online forms with residents so more of them can "
                "finish what they start online.",
                "Test and rebuild the ten most used forms with residents' panels.",
                "Head of customer services",
            ),
        ],
    },
    "planning": {
        "findings": [
            "The local plan timetable has slipped twice and members are divided on housing "
            "numbers and sites.",
            "Speed of decisions on minor applications is below the national average, and "
            "agents report poor communication.",
            "Planning officers are committed, but vacancies and agency staff make continuity hard.",
        ],
        "strengths": [
            "Pre-application advice is valued by developers and has improved schemes.",
            "The planning committee is well run and its decisions rarely overturned on appeal.",
        ],
        "notable": [
            "A design review panel shared with neighbouring councils that raises the "
            "quality of major schemes.",
        ],
        "recommendations": [
            (
                "Agree and publish a realistic local plan timetable with cross-party "
                "support, and keep to it.",
                "Take a revised local development scheme to cabinet with a member working group.",
                "Cabinet member for planning",
            ),
            (
                "Improve the speed and communication of decisions on minor applications, "
                "with a plan to fill vacancies.",
                "Introduce case officer updates to agents and a recruitment and retention "
                "plan for planners.",
                "Head of planning",
            ),
        ],
    },
    "partnership": {
        "findings": [
            "Partners value the council's willingness to try new things, including shared "
            "services with neighbouring councils.",
            "The council has many partnerships but few with shared outcomes, and partners "
            "are unsure which ones matter most to it.",
        ],
        "strengths": [
            "A shared service for revenues and benefits that has saved money and kept "
            "performance high.",
            "Strong relationships with the local enterprise board and colleges.",
        ],
        "notable": [
            "A joint innovation fund with the county council for small tests of new ways "
            "of working.",
        ],
        "recommendations": [
            (
                "Review the council's partnerships and focus time on the few that deliver "
                "its priorities.",
                "Map partnerships and agree with partners which to strengthen, merge or end.",
                "Deputy chief executive",
            ),
            (
                "Learn from the shared revenues service to look for further sharing with "
                "neighbouring councils.",
                "Commission an options appraisal for sharing two further services.",
                "Director of resources",
            ),
        ],
    },
    "improvement": {
        "findings": [
            "The council has a good record of delivering change, but its transformation "
            "programme has too many projects for the people available.",
            "Capacity is thin in corporate services: HR, IT and finance support are "
            "stretched by the transformation work.",
        ],
        "strengths": [
            "Members and officers are open to challenge and welcomed the peer team.",
            "A track record of acting on external reviews.",
        ],
        "notable": [
            "A small in-house improvement team that coaches services to redesign their own "
            "processes.",
        ],
        "recommendations": [
            (
                "Prioritise the transformation programme so that capacity goes to the "
                "projects that matter most.",
                "Review the programme with cabinet and stop or pause the lowest-value projects.",
                "Chief executive",
            ),
            (
                "Strengthen corporate services so they can support change as well as run "
                "the council.",
                "Set out a business case for additional capacity in HR, IT and finance.",
                "Director of resources",
            ),
        ],
    },
    "recovery": {
        "findings": [
            "The council's recovery plan is clear and its response to the closure was "
            "quick, but it has not yet agreed priorities for the next three years.",
            "Resilience is good in emergencies, but business continuity plans have not "
            "been tested since the restructure.",
        ],
        "strengths": [
            "Fast, joined-up support for the businesses and workers affected.",
            "Strong relationships with the local resilience forum.",
        ],
        "notable": [
            "A jobs and skills fair run with the college within a month of the closure.",
        ],
        "recommendations": [
            (
                "Agree three-year recovery priorities with partners and the funding to match.",
                "Hold a partners' summit and take a recovery plan to cabinet.",
                "Director of place",
            ),
            (
                "Test business continuity plans against the new structure.",
                "Run a continuity exercise for each directorate this year.",
                "Head of emergency planning",
            ),
        ],
    },
    "progress": {
        "findings": [
            "The council has acted on most of the peer challenge's recommendations and can "
            "show what has changed as a result.",
        ],
        "strengths": [
            "Progress is reported openly to cabinet and scrutiny.",
        ],
        "notable": [],
        "recommendations": [
            (
                "Finish the recommendations still in progress and report on them to scrutiny.",
                "Add the outstanding actions to the quarterly performance report.",
                "Chief executive",
            ),
        ],
    },
    "general": {
        "findings": [
            "The council is clear about what it wants to achieve on {topic}, and the staff "
            "the peers met could describe it.",
            "Work on {topic} has made progress, but it is not yet tied to the council's "
            "budget or to measures of success.",
            "Partners would like to be involved earlier in the council's plans for {topic}.",
        ],
        "strengths": [
            "Committed officers with good local knowledge of {topic}.",
            "Cabinet members who are open about what is not yet working.",
        ],
        "notable": [],
        "recommendations": [
            (
                "Set clear outcomes and measures for {topic}, reported to cabinet.",
                "Agree outcomes and measures with the service and add them to the "
                "performance report.",
                "Service director",
            ),
            (
                "Involve partners in the next stage of the council's work on {topic}.",
                "Hold a partners' workshop and agree a shared plan.",
                "Cabinet member for the portfolio",
            ),
        ],
    },
}

# The words that decide which family a heading belongs to, tried in this order.
FAMILY_WORDS = [
    ("recovery", ("recovery", "resilience")),
    ("progress", ("progress",)),
    ("finance", ("financ", "budget")),
    ("scrutiny", ("scrutiny", "audit", "risk", "decision-making", "governance essentials")),
    ("governance", ("governance", "roles")),
    ("leadership", ("leadership", "relationships")),
    ("culture", ("culture", "workforce", "staff engagement")),
    ("communications", ("communications", "resident engagement")),
    ("communities", ("communit", "customer", "service to users", "responsive")),
    ("planning", ("planning",)),
    ("partnership", ("partnership", "innovation")),
    ("priorities", ("priorit", "outcomes")),
    ("improvement", ("capacity", "improvement")),
]

SUMMARIES = [
    "{name} is a council that knows its place well and has a good record of delivery. To "
    "keep it, it needs a firmer grip on its medium-term finances and a performance framework "
    "that shows whether its plans are working.",
    "The peer team found a council with ambition, committed staff and good partners. The "
    "recommendations below are about focus: fewer priorities, clearer roles, and the "
    "capacity to deliver them.",
    "{name} has come a long way in the last three years. Relationships are better, decisions "
    "are quicker and partners trust the council more. The next step is to make that progress "
    "last, with stronger governance and a stable senior team.",
]
LETTER_SUMMARY = (
    "Thank you for hosting the panel. This letter sets out what the peers heard and the "
    "suggestions they made, for the council to take forward as it sees fit."
)
REVIEW_SUMMARY = (
    "The original peer team returned to {name} to review progress against the peer "
    "challenge's recommendations. Progress has been good and is well evidenced."
)
REVIEW_FINDINGS = [
    "Good progress on {topic}: the council has done what it said it would and can show the "
    "difference it has made.",
    "Progress on {topic} has started but is slower than planned, mostly because of "
    "vacancies in the teams leading it.",
    "The council has gone further than the original recommendations on {topic}, and the "
    "peers heard about it from partners as well as officers.",
]
REVIEW_RECOMMENDATIONS = [
    "Keep reporting progress on the action plan to scrutiny every six months.",
    "Finish the actions still in progress before next year's budget.",
    "Share what has worked with other councils through the regional network.",
]

OPEN_COMMENTS = [
    "The paragraph on reserves uses the figure at 31 March; the figure at 30 September is "
    "lower and more up to date. Please use that one.",
    "The council plan was adopted in July, not September as the draft says.",
    "The section says there are two interim directors; one of those posts was filled "
    "permanently last month.",
]
RESOLVED_COMMENTS = [
    (
        "The report says the audit committee has no independent member; it has had one since "
        "last year.",
        "Corrected: the sentence now says the committee has an independent member.",
    ),
    (
        "Please name the partnership as the Health and Wellbeing Board, its formal name.",
        "Changed throughout the section.",
    ),
    (
        "We would like the finding on the local plan to mention the government's change to "
        "housing numbers.",
        "Not changed: the team's finding stands, but the context is now in a footnote.",
    ),
]
PROGRESS_NOTES = [
    "Started on time; first report to cabinet done.",
    "Delayed by the restructure; new timetable agreed with the cabinet member.",
    "Working group set up and meeting monthly.",
    "Waiting for the new director to start before going further.",
]
PROGRESS_STATEMENTS = [
    "Done: approved by cabinet and in use since the spring.",
    "Mostly done; the last part goes to full council next month.",
    "In progress: behind the original date but a new one is agreed.",
]
