"""Thread titles and post texts for generated demo discussions (the `--posts N` scale data).

Posts read like replies between zone leads: a greeting or reaction, one to
three sentences about the thread's topic in the words the generated documents
use (demo/document_texts.py), sometimes a question. Common words ("skills",
"zone", "employers") are in thousands of posts, the rare words of the
documents in a few, so searches behave as on real discussions. Everything is
drawn from a seeded random generator: post number N always reads the same.
"""

from __future__ import annotations

import random

from zone_networks.demo.document_texts import PARTNERS, RARE_WORDS, SENTENCES, TOPICS

THREAD_TITLES = (
    "{topic}: what is working in your zone?",
    "Question on {topic_lower}",
    "{topic}: notes from {zone}",
    "Has anyone tried {topic_lower}?",
    "{topic} in {sector}",
    "Sharing: {topic_lower} in {zone}",
)

OPENERS = (
    "Thanks for starting this.", "Good question.", "Same here.", "Useful thread.", "Agree with the points above.",
    "A quick update from {zone}.", "Adding to this from {zone}.", "We looked at this last year.", "", "", "",
)

REPLIES = (
    "We tried something similar in {zone} with {partner}, and it took longer than we planned.",
    "Our employers in {sector} say the same about {topic_lower}.",
    "Happy to share our notes on {topic_lower} if that helps.",
    "We found that talking to {partner} early saved us months.",
    "The main lesson for us was to agree who owns the work before starting.",
    "Could this go on the agenda for the next meeting?",
    "I will bring this to our skills board and report back.",
    "We have a short paper on this: I will upload it to the library.",
    "Our investors keep asking about {topic_lower}, so this is timely.",
    "It would help to compare figures across zones before the next forum.",
)

QUESTIONS = (
    "How did you fund it?", "Who led it in your zone?", "Did employers pay for any of it?",
    "How long did it take to set up?", "Would you do it the same way again?", "Is there a contact we could speak to?",
)

RARE_SHARE = 0.02
RARE_SENTENCE = "We also looked at {rare} as an option."


def _fill(pattern: str, rng: random.Random, *, zone: str, sector: str, topic: str) -> str:
    return pattern.format(zone=zone, sector=sector, topic=topic, topic_lower=topic.lower(),
                          partner=rng.choice(PARTNERS), year=rng.choice((2025, 2026)), number=rng.randint(20, 900),
                          percent=rng.randint(12, 78))


def thread_title(rng: random.Random, theme: str, zone: str, sector: str) -> tuple[str, str]:
    """A thread's title and its topic (which its posts talk about)."""
    topic = rng.choice(TOPICS[theme])
    return _fill(rng.choice(THREAD_TITLES), rng, zone=zone, sector=sector, topic=topic)[:200], topic


def write_post(rng: random.Random, theme: str, topic: str, zone: str, sector: str) -> str:
    """One post in a thread about `topic`, written from `zone`: one or two short paragraphs of Markdown."""
    parts = [_fill(rng.choice(OPENERS), rng, zone=zone, sector=sector, topic=topic)]
    pool = REPLIES + SENTENCES[theme]
    parts += [_fill(rng.choice(pool), rng, zone=zone, sector=sector, topic=topic) for _n in range(rng.randint(1, 3))]
    if rng.random() < RARE_SHARE:
        parts.append(RARE_SENTENCE.format(rare=rng.choice(RARE_WORDS)))
    first = " ".join(part for part in parts if part)
    if rng.random() < 0.3:
        return f"{first}\n\n{rng.choice(QUESTIONS)}"
    return first
