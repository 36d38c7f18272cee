"""Build model.json from the team's corpus, reproducibly (docs/screening.md).

    python manage.py train_screening            # write model.json, print cross-validated figures
    python manage.py train_screening --check    # fail if model.json is not what the corpus gives

The corpus is `corpus/*.jsonl`, written by the team for training, labelled
by the same policy as the measuring sets. The measuring sets
(`screening-dev*.jsonl`) are never read here.

Each head is a logistic regression (scikit-learn, L2, fixed solver and seed)
over features.py's counted features, each row scaled by the square root of
its number of features; a feature seen in fewer than `MIN_DOCUMENTS`
messages is left out. Thresholds are chosen on
cross-validated predictions so that recall comes first (`BETAS`).
"""

import json
from pathlib import Path

import numpy as np

from . import model as learned
from .context import Context
from .contact import find_contact
from .crisis import rule_marks
from .features import message_features, read
from .normalise import normalise

CORPUS = Path(__file__).with_name("corpus")
MIN_DOCUMENTS = 2
FOLDS = 5
SEED = 7
# Inverse regularisation strength, chosen by cross-validation on the corpus.
C = 2.0
# F-beta weights recall beta times as much as precision: a missed crisis is the worst failure, and
# an unsure first-person message should rather be a concern than nothing (docs/screening.md).
BETAS = {"any": 3.0, "imminent": 2.0, "contact": 1.0}
# A weight this small changes no decision; leaving it out keeps model.json readable.
_SMALLEST_WEIGHT = 0.002
_DECIMALS = 4


# The corpus is mostly crises and near misses, written to teach the line between them; real traffic is
# mostly ordinary talk. Ordinary messages count this many times over, in training and in choosing
# thresholds, so a threshold that flags plain chatter pays for it as it would in production.
TRAFFIC_WEIGHT = {"ordinary_en.jsonl": 8, "ordinary_es.jsonl": 8, "short_everyday.jsonl": 8}


def load_corpus(folder=CORPUS):
    """The corpus rows, each with `weight` (TRAFFIC_WEIGHT of the file it came from)."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            weight = float(TRAFFIC_WEIGHT.get(path.name, 1))
            rows += [{**json.loads(line), "weight": weight} for line in f if line.strip()]
    return rows


def weights_of(rows):
    return np.array([row.get("weight", 1.0) for row in rows])


def labels(row):
    """(self-harm level, danger level, contact 0/1) of a corpus row."""
    level = learned.LEVELS.index(row["risk"])
    categories = row["categories"]
    return (level if "self_harm" in categories else 0, level if "danger" in categories else 0,
            int("contact" in categories))


def _words_and_marks(text):
    words = normalise(text).words
    return words, rule_marks(Context(words))


def _matrix(feature_lists, columns):
    from scipy.sparse import csr_matrix

    data, indices, pointers = [], [], [0]
    for found in feature_lists:
        counts = {}
        for feature in found:
            column = columns.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        # Each row is scaled by the square root of its number of features (model.py does the same), so
        # a long text does not pile up evidence that each of its sentences only hints at.
        scale = 1 / np.sqrt(max(len(found), 1))
        indices += sorted(counts)
        data += [counts[column] * scale for column in sorted(counts)]
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(feature_lists), len(columns)), dtype=np.float64)


def _columns(feature_lists):
    seen = {}
    for found in feature_lists:
        for feature in set(found):
            seen[feature] = seen.get(feature, 0) + 1
    kept = sorted(feature for feature, count in seen.items() if count >= MIN_DOCUMENTS)
    return {feature: i for i, feature in enumerate(kept)}


def _fit_heads(matrix, targets, row_weights):
    from sklearn.linear_model import LogisticRegression

    weights, bias = [], []
    for head in range(3):
        y = targets[:, head]
        # No class balancing: the corpus already over-represents crises; thresholds set recall (BETAS).
        fitted = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
        fitted.fit(matrix, y, sample_weight=row_weights)
        if head < 2:
            coef, intercept = _three_levels(fitted, y)
        else:
            coef, intercept = fitted.coef_, fitted.intercept_
        weights.append(coef.T)
        bias.append(intercept)
    return np.hstack(weights), np.concatenate(bias)


def _three_levels(fitted, y):
    """Rows for none, concern, imminent even when a fold lacks one of them."""
    coef, intercept = np.zeros((3, fitted.coef_.shape[1])), np.full(3, -50.0)
    for row, level in enumerate(fitted.classes_):
        coef[level], intercept[level] = fitted.coef_[row], fitted.intercept_[row]
    return coef, intercept


def fit(rows, row_weights, thresholds=None):
    """A Model trained on `rows`; thresholds default to ones that never fire, for cross-validation."""
    feature_lists = [message_features(*_words_and_marks(row["text"])) for row in rows]
    columns = _columns(feature_lists)
    targets = np.array([labels(row) for row in rows])
    weights, bias = _fit_heads(_matrix(feature_lists, columns), targets, row_weights)
    names = sorted(columns, key=columns.get)
    keep = [i for i in range(len(names)) if np.abs(weights[i]).max() >= _SMALLEST_WEIGHT]
    names = [names[i] for i in keep]
    weights = np.round(weights[keep], _DECIMALS)
    return learned.Model(names, weights, np.round(bias, _DECIMALS), thresholds or _NEVER)


_NEVER = {"self_harm": {"any": 2.0, "imminent": 2.0}, "danger": {"any": 2.0, "imminent": 2.0}, "contact": {"yes": 2.0}}


def _chances(fitted, text):
    """Per head: (chance of concern or worse, chance of imminent) or (chance of contact,) for the strongest run."""
    sentences, bridges = read(*_words_and_marks(text))
    if not sentences:
        return {"self_harm": (0.0, 0.0), "danger": (0.0, 0.0), "contact": (0.0,)}
    return fitted.chances(sentences, bridges)


def folds(rows):
    """Fold number per row, stratified on the label triple and fixed by SEED."""
    rng = np.random.default_rng(SEED)
    assigned = np.zeros(len(rows), dtype=int)
    by_label = {}
    for i, row in enumerate(rows):
        by_label.setdefault(labels(row), []).append(i)
    for members in by_label.values():
        members = np.array(members)
        rng.shuffle(members)
        assigned[members] = np.arange(len(members)) % FOLDS
    return assigned


def cross_validate(rows, row_weights):
    """Out-of-fold chances for every row: {head: array}."""
    assigned = folds(rows)
    out = {"self_harm": np.zeros((len(rows), 2)), "danger": np.zeros((len(rows), 2)), "contact": np.zeros((len(rows), 1))}
    for fold in range(FOLDS):
        keep = assigned != fold
        fitted = fit([row for row, kept in zip(rows, keep) if kept], row_weights[keep])
        for i in np.flatnonzero(assigned == fold):
            for head, values in _chances(fitted, rows[i]["text"]).items():
                out[head][i] = values
    return out


def choose_thresholds(rows, chances, row_weights):
    """Per decision, the threshold with the best F-beta on cross-validated chances (BETAS: recall first).

    Contact adds to the contact rules (contact.py), so its threshold is chosen
    for the rules and the model together.
    """
    truth = np.array([labels(row) for row in rows])
    chosen = {}
    for head, column in (("self_harm", 0), ("danger", 1)):
        chosen[head] = {"any": _threshold(chances[head][:, 0], truth[:, column] >= 1, BETAS["any"], row_weights),
                        "imminent": _threshold(chances[head][:, 1], truth[:, column] == 2, BETAS["imminent"],
                                               row_weights)}
    by_rules = np.array([_rules_see_contact(row["text"]) for row in rows])
    chosen["contact"] = {"yes": _threshold(chances["contact"][:, 0], truth[:, 2] == 1, BETAS["contact"], row_weights,
                                           by_rules)}
    return chosen


def _rules_see_contact(text):
    norm = normalise(text)
    return bool(find_contact(Context(norm.plain)))


def _threshold(chance, positive, beta, row_weights, already=None):
    """The threshold in (0, 1) with the best weighted F-beta for `chance >= threshold` (or `already`)."""
    already = np.zeros(len(chance), dtype=bool) if already is None else already
    best, best_score = 0.5, -1.0
    for threshold in np.unique(np.round(chance, 4)):
        said = already | (chance >= threshold)
        hits = row_weights[said & positive].sum()
        if not hits:
            continue
        precision, recall = hits / row_weights[said].sum(), hits / row_weights[positive].sum()
        score = (1 + beta ** 2) * precision * recall / (beta ** 2 * precision + recall)
        if score > best_score:
            best, best_score = float(threshold), score
    return round(min(max(best, 0.0001), 0.9999), 4)


def artefact(fitted):
    names = sorted(fitted.rows, key=fitted.rows.get)
    rows = [[name, *[float(value) for value in fitted.weights[fitted.rows[name]]]] for name in names]
    return {"about": "Built by `python manage.py train_screening` from moderation/screening/corpus; see docs/screening.md.",
            "heads": {head: [str(level) for level in learned.LEVELS] if head != "contact" else ["contact"]
                      for head in learned.HEADS},
            "thresholds": fitted.thresholds, "bias": [float(value) for value in fitted.bias], "features": rows}


def build(rows, row_weights):
    """(artefact dict, cross-validated chances, thresholds) for `rows`."""
    chances = cross_validate(rows, row_weights)
    thresholds = choose_thresholds(rows, chances, row_weights)
    return artefact(fit(rows, row_weights, thresholds)), chances, thresholds


def dumps(data):
    """JSON with one feature row per line, so a retrain's diff shows which weights moved."""
    head = {key: value for key, value in data.items() if key != "features"}
    rows = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in data["features"])
    return json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "features": [\n' + rows + "\n]}\n"


def report(rows, chances, thresholds):
    """Lines of cross-validated recall and precision per head at the chosen thresholds."""
    truth = np.array([labels(row) for row in rows])
    lines = [f"{len(rows)} messages, {FOLDS}-fold cross-validation, thresholds {json.dumps(thresholds)}"]
    by_rules = np.array([_rules_see_contact(row["text"]) for row in rows])
    checks = (("self_harm any", chances["self_harm"][:, 0] >= thresholds["self_harm"]["any"], truth[:, 0] >= 1),
              ("self_harm imminent", chances["self_harm"][:, 1] >= thresholds["self_harm"]["imminent"], truth[:, 0] == 2),
              ("danger any", chances["danger"][:, 0] >= thresholds["danger"]["any"], truth[:, 1] >= 1),
              ("danger imminent", chances["danger"][:, 1] >= thresholds["danger"]["imminent"], truth[:, 1] == 2),
              ("contact", by_rules | (chances["contact"][:, 0] >= thresholds["contact"]["yes"]), truth[:, 2] == 1))
    for name, said, true in checks:
        hits = int((said & true).sum())
        lines.append(f"  {name:20s} recall {hits / max(true.sum(), 1):.3f}  precision {hits / max(said.sum(), 1):.3f}")
    return lines


# Another BLAS may round the last digit differently; a change in the corpus or the code moves far more.
_TOLERANCE = 0.002


def differs(shipped, built):
    """Why `shipped` is not what the corpus builds, or "" when it is (within _TOLERANCE)."""
    if set(shipped["thresholds"]) != set(built["thresholds"]):
        return "other heads"
    for head, limits in built["thresholds"].items():
        if any(abs(shipped["thresholds"][head].get(name, -1) - value) > _TOLERANCE for name, value in limits.items()):
            return f"thresholds of {head}"
    if np.abs(np.array(shipped["bias"]) - np.array(built["bias"])).max() > _TOLERANCE:
        return "biases"
    shipped_rows = {row[0]: row[1:] for row in shipped["features"]}
    built_rows = {row[0]: row[1:] for row in built["features"]}
    nothing = [0.0] * 7  # a row left out for being near zero
    drifted = [name for name, row in built_rows.items()
               if np.abs(np.array(row) - shipped_rows.get(name, nothing)).max() > _TOLERANCE]
    missing = [name for name, row in shipped_rows.items()
               if name not in built_rows and np.abs(np.array(row)).max() > _TOLERANCE]
    if drifted or missing:
        return f"{len(drifted)} features differ, {len(missing)} are no longer built"
    return ""
