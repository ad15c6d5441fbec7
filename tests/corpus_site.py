"""A small corpus for the repeats pass: one site's header and footer around different articles,
plus other outlets that print the same quote.

The template lines are the kind a local news site repeats on every page; the article
bodies are ordinary news prose, each different. The quote is printed by every outlet,
and by one article of the site itself.
"""

from __future__ import annotations

HEADER = [
    "Skip to main content",
    "The Riverside Gazette",
    "Home  News  Business  Sport  Opinion  Culture  Weather",
    "Sign in | Create account",
]
FOOTER = [
    "Most read this week",
    "The Riverside Gazette is published by Harbour Lane Media, 14 Quay Road, Riverside RV1 2AB.",
    "Contact us · Advertise with us · Terms of use · Cookie settings",
    "Follow the Gazette on Facebook, Instagram and YouTube",
]
QUOTE = (
    "“We will not hesitate to take further action to protect our people,” "
    "the defence secretary said in a statement on Tuesday."
)
ARTICLES = [
    [
        "Council approves plan to reopen the old swimming baths on Mill Street",
        "The town council voted seven to two on Monday evening to spend £2.4 million restoring "
        "the Victorian baths, which closed in 2011 after the roof began to leak.",
        "Councillors who opposed the plan said the money would be better spent on road repairs, "
        "but the leader of the council said the baths were used by three schools until they shut.",
    ],
    [
        "Flood defences finished two months ahead of schedule",
        "Work on the new embankment along the lower river was completed last week, the "
        "Environment Agency said, protecting around 400 homes that flooded in the winter of 2020.",
        "Residents of Wharf Lane said they would sleep more easily, although some complained that "
        "the wall now blocks their view of the water from the ground floor.",
    ],
    [
        "Riverside United sign goalkeeper from Northfield on a two-year deal",
        "The club confirmed on Friday that the 27-year-old had passed a medical and would join the "
        "squad for pre-season training, which begins on the first of July.",
        "The manager said he had been trying to sign the player for two seasons and that the "
        "transfer fee, which was not disclosed, was within the budget agreed with the owners.",
    ],
    [
        "Bakery on the high street closes after 63 years",
        "Customers queued around the corner on Saturday morning to buy a last loaf from Hartley's, "
        "which the family has run since 1961 and which is closing because of rising energy costs.",
        "The owner said the ovens alone now cost more to run each month than the shop's rent, and "
        "that none of her children wanted to take the business on.",
    ],
    [
        "Hospital car park charges to rise from April",
        "Visitors to Riverside General will pay £3.50 for up to two hours, up from £2.80, the "
        "hospital trust announced, saying the extra income would pay for new lighting.",
        "Patients' groups criticised the increase and asked the trust to extend free parking to "
        "relatives of people staying on the children's ward.",
    ],
    [
        "Primary school rated outstanding for the first time",
        "Inspectors praised the teaching of reading at St Anne's, where nearly every pupil "
        "reached the expected standard in last summer's tests, according to the report.",
        "The head teacher thanked parents and staff and said the school would use the result to "
        "argue for funding to replace its temporary classrooms.",
    ],
    [
        "Bus route 14 to be withdrawn after the summer",
        "The operator said passenger numbers on the route between the station and Eastfield had "
        "fallen by a third since 2019 and that it could not run the service without a subsidy.",
        "The county council said it was looking at whether a demand-responsive minibus could "
        "replace the route for the villages that would be left without a service.",
    ],
    [
        "Festival organisers expect record crowds at the riverside weekend",
        "More than 20,000 people are expected at the food and music festival, which returns to the "
        "meadows for its tenth year with three stages and over a hundred stalls.",
        "Police advised visitors to use the park-and-ride from the retail park because the roads "
        "around the meadows will be closed from Friday afternoon until Sunday night.",
    ],
    [
        "Defence secretary warns of further strikes after attack on base",
        QUOTE,
        "The statement came hours after a drone attack on a coalition base injured several "
        "service members, officials said, the latest in a series of attacks in the region.",
    ],
    [
        "Library extends opening hours on weekday evenings",
        "The central library will stay open until eight o'clock from Monday to Thursday after a "
        "survey found that most people who work full time could not reach it before it closed.",
        "The extra hours are being paid for by a grant from a local charity and will be reviewed "
        "after twelve months, the library's manager said.",
    ],
    [
        "Planning inquiry opens into the proposed housing estate at Hill Farm",
        "A government inspector began hearing evidence on Tuesday about the 350-home development, "
        "which the council rejected last year because of concerns about traffic and drainage.",
        "The developer argues that the town has not met its housing target for five years and "
        "that the scheme includes a new primary school and a doctors' surgery.",
    ],
    [
        "Volunteers plant 2,000 trees along the old railway path",
        "Around 150 volunteers, many of them from local schools and scout groups, spent Sunday "
        "planting oak, hazel and rowan saplings along the two-mile stretch of disused line.",
        "The trust that manages the path said the trees would provide shade for walkers and a "
        "corridor for wildlife between the two nature reserves at either end.",
    ],
]
OTHER_OUTLETS = {
    "northfield-courier": [
        "Strikes ordered after drone attack injures troops",
        "Officials confirmed that several service members were hurt in the attack, which was "
        "blamed on militias backed by a foreign government.",
        QUOTE,
        "Opposition politicians called for a debate in parliament before any further action.",
    ],
    "eastfield-herald": [
        "Government promises response to base attack",
        QUOTE,
        "Ministers met on Wednesday morning to discuss the response, a spokesman said, and "
        "allies were informed before the announcement was made.",
    ],
    "valley-times": [
        "What we know about the attack on the base",
        "The base, which houses several hundred troops, has been attacked more than a dozen "
        "times since October, according to figures released by the defence ministry.",
        QUOTE,
    ],
}


def site_page(article: list[str]) -> str:
    """One page of the site: header, the article, footer."""
    return "\n".join([*HEADER, "", *article, "", *FOOTER]) + "\n"


def outlet_page(article: list[str]) -> str:
    return "\n".join(article) + "\n"
