"""The learned crisis and contact model: weights per feature, read from model.json.

Three heads share one table of weights: self-harm and danger (each none,
concern or imminent) and contact (yes or no). A text is scored whole and
one to three sentences at a time (features.py keeps features additive, so
a run costs a subtraction of running sums); the strongest reading wins. How the weights are made: train.py; docs/screening.md.

Plain numpy at run time: the table is a dict from feature to row, and a
score is a sum of rows. A text's rows are summed in one numpy pass as
running totals, so every run of sentences costs a subtraction; each word's
own rows (the word and its letter groups) are summed once per process.
"""

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from . import features as reading
from .result import Risk

MODEL_PATH = Path(__file__).with_name("model.json")
HEADS = {"self_harm": slice(0, 3), "danger": slice(3, 6), "contact": slice(6, 7)}
LEVELS = (Risk.NONE, Risk.CONCERN, Risk.IMMINENT)
# A text is read whole, and when it has several sentences also one to three sentences at a time, so
# one alarming sentence in a long, ordinary post is judged on its own words. Every run is another
# chance for an ordinary sentence to look alarming, so train.py chooses thresholds on this same
# reading, with ordinary messages weighted as real traffic has them. Past the length of the longest
# training posts, the whole is read in overlapping parts of that length.
WINDOW = 3
_PART = 20
_STEP = 10
_WORD_CACHE = 100_000


@dataclass(frozen=True, slots=True)
class Reading:
    """What one head made of one run of sentences."""

    level: int  # index into LEVELS; contact uses 0 and 1
    strength: float
    first: int  # sentence indices, `last` exclusive
    last: int


class Model:
    def __init__(self, names, weights, bias, thresholds):
        self.rows = {name: i for i, name in enumerate(names)}
        # One more row of zeros, `_NOWHERE`, for features the model does not have: look-ups need no filter.
        self.weights = np.vstack([np.asarray(weights, dtype=np.float64).reshape(len(names), 7), np.zeros((1, 7))])
        self._nowhere = len(names)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.thresholds = thresholds
        # Each word's own features (the word and its letter groups) summed once per process: row
        # `_words[word]` of `_word_table`, with the number of those features in its last column.
        self._words = {}
        self._word_table = np.zeros((1024, 8))
        self._adding = threading.Lock()

    def _word(self, word):
        """Row of `_word_table` holding a word's summed feature rows and, last, its number of features."""
        found = self._words.get(word)
        if found is None:
            features = reading.word_features(word)
            rows = [row for row in map(self.rows.get, features) if row is not None]
            with self._adding:  # two threads must not fill the same row
                found = len(self._words)
                if found == len(self._word_table):
                    self._word_table = np.vstack([self._word_table, np.zeros_like(self._word_table)])
                self._word_table[found, :7] = self.weights[rows].sum(axis=0) if rows else 0.0
                self._word_table[found, 7] = len(features)
                self._words[word] = found
        return found

    def weight(self, feature, head, level):
        row = self.rows.get(feature)
        return 0.0 if row is None else float(self.weights[row, HEADS[head]][level if head != "contact" else 0])

    def _totals(self, groups):
        """Running sums over `groups` (lists of features): row i is the sum of the groups before i."""
        groups = list(groups)
        rows = list(map(self.rows.get, chain.from_iterable(groups), repeat(self._nowhere)))
        running = np.zeros((len(rows) + 1, 7))
        np.cumsum(self.weights[rows], axis=0, out=running[1:])
        return running[np.cumsum([0, *map(len, groups)])]

    def _sentence_totals(self, sentences):
        """(running sums of the sentences' rows, running sums of their feature counts): one numpy pass."""
        if len(self._words) >= _WORD_CACHE:  # full: start again rather than grow
            with self._adding:
                self._words = {}
        said = list(chain.from_iterable(sentence.words for sentence in sentences))
        indices = list(map(self._words.get, said))
        if None in indices:
            indices = list(map(self._word, said))
        running = np.zeros((len(indices) + 1, 8))
        np.cumsum(self._word_table[indices], axis=0, out=running[1:])
        words = running[np.cumsum([0, *(len(sentence.words) for sentence in sentences)])]
        counts = np.cumsum([0, *(len(sentence.features) for sentence in sentences)])
        return words[:, :7] + self._totals(sentence.features for sentence in sentences), words[:, 7] + counts

    def _runs(self, sentences, bridges):
        """(firsts, lasts, logits) for the whole text (or its parts) and each run of one to three sentences."""
        count = len(sentences)
        spans = [(0, count)] if count <= _PART else [(i, min(i + _PART, count)) for i in range(0, count - _STEP, _STEP)]
        if count > 1 and WINDOW:
            spans += [(i, i + size) for size in range(1, WINDOW + 1) for i in range(count - size + 1)]
        firsts = np.array([span[0] for span in spans], dtype=int)
        lasts = np.array([span[1] for span in spans], dtype=int)
        inner = np.maximum(lasts - 1, firsts)
        sentence_totals, sizes = self._sentence_totals(sentences)
        link_totals = self._totals(bridges)
        link_sizes = np.concatenate([[0], np.cumsum([len(bridge) for bridge in bridges], dtype=int)])
        run_sizes = sizes[lasts] - sizes[firsts] + link_sizes[inner] - link_sizes[firsts]
        # Scaled as in training (train.py): a run is judged by how its words lean, not by how many there are.
        scale = 1 / np.sqrt(np.maximum(run_sizes, 1))[:, None]
        logits = self.bias + scale * (sentence_totals[lasts] - sentence_totals[firsts]
                                      + link_totals[inner] - link_totals[firsts])
        return firsts, lasts, logits

    @staticmethod
    def _head_chances(logits, head):
        """Per run: (chance of concern or worse, chance of imminent), or (chance of contact,)."""
        values = logits[:, HEADS[head]]
        if head == "contact":
            return (1 / (1 + np.exp(-values[:, 0])),)
        chances = np.exp(values - values.max(axis=1, keepdims=True))
        chances /= chances.sum(axis=1, keepdims=True)
        return chances[:, 1] + chances[:, 2], chances[:, 2]

    def chances(self, sentences, bridges):
        """{head: the largest chances over every run}, for choosing thresholds (train.py)."""
        _firsts, _lasts, logits = self._runs(sentences, bridges)
        return {head: tuple(float(values.max()) for values in self._head_chances(logits, head)) for head in HEADS}

    def _levels(self, chances, head):
        """Per run: (level, strength) arrays."""
        limits = self.thresholds[head]
        if head == "contact":
            return (chances[0] >= limits["yes"]).astype(int), chances[0]
        imminent, concern = chances[1] >= limits["imminent"], chances[0] >= limits["any"]
        levels = np.where(imminent, 2, np.where(concern, 1, 0))
        return levels, np.where(imminent, chances[1], chances[0])

    def read(self, sentences, bridges):
        """{head: Reading} for the strongest reading of any run of sentences."""
        firsts, lasts, logits = self._runs(sentences, bridges)
        best = {}
        for head in HEADS:
            levels, strengths = self._levels(self._head_chances(logits, head), head)
            run = int(np.lexsort((strengths, levels))[-1])
            best[head] = Reading(int(levels[run]), float(strengths[run]), int(firsts[run]), int(lasts[run]))
        return best


def from_artefact(data):
    names = [row[0] for row in data["features"]]
    weights = [row[1:] for row in data["features"]]
    return Model(names, weights, data["bias"], data["thresholds"])


@lru_cache(maxsize=1)
def load():
    """The model shipped in model.json, loaded once per process."""
    with MODEL_PATH.open(encoding="utf-8") as f:
        return from_artefact(json.load(f))


def score(words_text):
    """(sentences, {head: Reading}) for a `words` text."""
    sentences, bridges = reading.read(words_text)
    if not sentences:
        return sentences, {}
    return sentences, load().read(sentences, bridges)
