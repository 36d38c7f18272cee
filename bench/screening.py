"""Time `moderation.screening.screen()` on generated messages.

Run from the repository root:  .venv/bin/python bench/screening.py
Prints a Markdown table of median, p90 and p99 latency per message and the
throughput, for 200- and 2,000-character messages built (seeded) from
ordinary and alarming sentences. Each sentence is alarming with probability
`--alarming` (default 0.1: two or three alarming sentences in a 2,000-
character message, far more than real posts hold); a second set of rows
uses `--stress` (default 0.3). Copy the table into docs/benchmarks.md.

On a shared machine whose load moves timings by half or more, compare two
versions interleaved instead, text by text in one process:

    git archive OLD moderation/screening | tar -x -C /tmp/old
    .venv/bin/python bench/screening.py --against /tmp/old/moderation/screening

prints, for 2,000-character texts, each version's median of its best time
per text and the median ratio of this checkout's time to the other's.
"""

import argparse
import importlib.util
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from moderation.screening import screen  # noqa: E402

ORDINARY = [
    "Had a long day at work but I made dinner for the kids and we watched a movie.",
    "Does anyone know if the clinic on Main Street takes walk-ins on Saturdays?",
    "My counselor suggested journaling before bed and it actually helps a bit.",
    "I finally opened a bank account in my own name, which felt huge.",
    "The weather has been awful all week, I just want some sunshine.",
    "Thank you all for the kind words on my last post, it meant a lot to me.",
    "Honestly I'm slaying it at the bakery, my supervisor says I pick things up fast.",
    "We went to the park and my son fed the ducks for an hour.",
    "Has anyone applied for the housing program? How long did it take?",
    "This week has been dead busy, but in a good way for once.",
    "I keep thinking about going back to school for nursing.",
    "The men's group on Thursday talked about shame and it really landed for me.",
    "Legal aid called me back about my case and things look hopeful.",
    "I tried a new recipe tonight, lentil soup, and nobody complained.",
    "It took me years to say the word victim out loud, and now I say survivor.",
    "My daughter lost her first tooth and insisted we leave it out for the fairy.",
    "Court got postponed again, which is frustrating but my advocate says it's normal.",
    "Does the bus pass program still exist? I heard they changed the rules.",
    "I started running in the mornings, only ten minutes, but it clears my head.",
    "Sometimes I still flinch when someone raises their voice, even my friends.",
    "My sister and I talked on the phone for two hours last night, it felt so good.",
    "I got my learner's permit! Driving is terrifying but exciting.",
    "Anyone have tips for sleeping when your brain won't shut off?",
    "The library has free computer classes and I signed up for the spreadsheet one.",
    "I painted my room yellow this weekend and it makes me smile every morning.",
    "My therapist says healing isn't a straight line, and I'm starting to believe her.",
    "Grocery prices are unreal right now, any cheap meal ideas?",
    "I'm nervous about my first day volunteering at the food bank tomorrow.",
    "We had a potluck at the shelter and someone made the best tamales.",
    "My old friends from before don't understand, but this group does.",
    "I read the resources page twice and finally called about the counseling program.",
    "The kids and I planted sunflowers along the fence.",
    "I don't trust easily but the peer mentors here have been patient with me.",
    "Just wanted to share that I passed my food handler certificate exam.",
    "My hands shake when I fill out forms, does that happen to anyone else?",
    "I'm learning to cook rice properly, third try was the charm.",
    "Today I said no to something I didn't want to do and the world didn't end.",
    "Our caseworker retired and I'm anxious about meeting the new one.",
    "I love hearing everyone's small wins in here, it keeps me going.",
    "I fixed the leaky faucet myself with a video tutorial, so proud.",
]
ALARMING = [
    "I can't do this anymore, I have the pills right in front of me tonight.",
    "Some days I just want to disappear forever and not wake up.",
    "He found my new address and says he's coming tonight, I'm scared.",
    "They took my phone and I'm hiding in the bathroom, please help.",
    "He says I still owe him money and he knows people.",
    "Send a text to 555-318-2207 so we can keep this between us.",
    "Add me on snap, my handle is sunny.days22, I have work that pays cash daily.",
    "if you'd rather talk somewhere else my address is rosa.m at yahoo dot com",
    "I've been thinking about killing myself again since the trial.",
    "I cut again last night and I feel so ashamed.",
    "Ring me on 647 555 0199 whenever, I can drive over and get you.",
    "Everyone would be better off without me, I keep thinking that.",
    "I bought a rope and I know where I'll do it.",
    "He's parked outside my building and keeps texting me that he sees me.",
    "They threatened to hurt my little brother if I talk to the police.",
    "I'm hiring girls for a modeling job, flights paid, DM me on insta.",
    "My trafficker is in the waiting room at the clinic right now.",
    "I took a whole bottle of tylenol an hour ago.",
    "what's your number? I can send you bus money",
    "I wish I was never born, there's no reason to live.",
]


def make_text(rng, size, alarming):
    parts, length = [], 0
    while length < size:
        sentence = rng.choice(ALARMING if rng.random() < alarming else ORDINARY)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)[:size]


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def measure(texts, rounds):
    for text in texts[:50]:
        screen(text)  # warm caches the way a running server would have them
    timings = []
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            begin = time.perf_counter_ns()
            screen(text)
            timings.append((time.perf_counter_ns() - begin) / 1000)
    elapsed = time.perf_counter() - started
    timings.sort()
    return statistics.median(timings), percentile(timings, 0.90), percentile(timings, 0.99), len(timings) / elapsed


def load_other(folder):
    """The screening package in `folder` (another version's moderation/screening), as its own module."""
    folder = Path(folder).resolve()
    spec = importlib.util.spec_from_file_location("other_screening", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_screening"] = module
    spec.loader.exec_module(module)
    return module.screen


def compare(other, texts, rounds):
    """(this median, other median, median ratio this/other) of each text's best time over `rounds`, interleaved."""
    for text in texts:
        screen(text)
        other(text)
    mine, theirs = [float("inf")] * len(texts), [float("inf")] * len(texts)
    for _ in range(rounds):
        for i, text in enumerate(texts):
            begin = time.perf_counter_ns()
            screen(text)
            middle = time.perf_counter_ns()
            other(text)
            mine[i], theirs[i] = min(mine[i], middle - begin), min(theirs[i], time.perf_counter_ns() - middle)
    ratio = statistics.median(a / b for a, b in zip(mine, theirs))
    return statistics.median(mine) / 1000, statistics.median(theirs) / 1000, ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=500, help="distinct texts per row")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts")
    parser.add_argument("--seed", type=int, default=20251128)
    parser.add_argument("--alarming", type=float, default=0.1, help="share of alarming sentences")
    parser.add_argument("--stress", type=float, default=0.3, help="share for the stress rows; 0 to skip")
    parser.add_argument("--against", help="another version's moderation/screening folder: compare interleaved")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.against:
        texts = [make_text(rng, 2000, args.alarming) for _ in range(args.texts)]
        mine, theirs, ratio = compare(load_other(args.against), texts, max(args.rounds, 5))
        print(f"2,000 chars, best of {max(args.rounds, 5)} per text: this {mine:,.0f} µs, other {theirs:,.0f} µs, "
              f"median ratio this/other {ratio:.2f}")
        return
    print(f"Python {platform.python_version()} on {platform.machine()}, {args.texts} texts x {args.rounds} rounds\n")
    print("| size (chars) | alarming sentences | median (µs) | p90 (µs) | p99 (µs) | throughput (texts/s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for alarming in (args.alarming, args.stress) if args.stress else (args.alarming,):
        for size in (200, 2000):
            texts = [make_text(rng, size, alarming) for _ in range(args.texts)]
            median, p90, p99, rate = measure(texts, args.rounds)
            print(f"| {size:,} | {alarming:.0%} | {median:,.0f} | {p90:,.0f} | {p99:,.0f} | {rate:,.0f} |")


if __name__ == "__main__":
    main()
