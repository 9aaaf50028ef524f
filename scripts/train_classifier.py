"""Train the PLOVER sentence classifier (``warwatch.coding.classifier``) and write its packaged artifact.

Training data:
  * ../shared/data/ngec_synthetic/synthetic_events.csv (4,500 synthetic stories, MIT, read in place, never
    copied): for every story the full text (weight 1), its filled-in headline (weight 0.5: the headlines
    are templates repeated 12-24 times), its first sentence (weight 1) and its second sentence (weight 0.5).
    The sentence-level examples bridge the shift from multi-sentence stories to the single sentences the
    coder classifies.
  * HAND, below: short fictional sentences written for this script, weighted 3, mostly war reporting and
    following the warwatch dev-set conventions where the synthetic labels differ (ceasefires and prisoner
    exchanges are RETREAT, calls for a ceasefire REQUEST, arrest warrants against leaders SANCTION), plus a
    ``NONE`` class of sentences that report no codable event.
  The PLOVER GSR and the dev set are NOT used here: they are for evaluation only (bench/classifier_eval.py).

Validation: 10% of the stories, stratified by label (seeded), held out; the script prints accuracy and
macro-F1 on the held-out stories (full text) and on their first sentences, then refits on everything
and writes ``src/warwatch/data/classifier.json`` plus ``classifier_meta.json`` (sha256, figures).
Training is deterministic: fixed seed, fixed iteration budget, pure numpy.

Usage:
    .venv/bin/python scripts/train_classifier.py [--shared ../shared]          # train and write
    .venv/bin/python scripts/train_classifier.py --check                        # retrain, compare to committed
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from warwatch.coding.classifier import ARTIFACT, CLASSES, NONE, CategoryClassifier, encode_array, ngrams

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "src" / "warwatch" / "data"
META = "classifier_meta.json"
SEED = 20240917

# ---- hyper-parameters (chosen on the synthetic validation split only) -------------------------------------
MIN_DF = 5  # an n-gram must occur in at least this many training examples
L2 = 3e-5  # penalty on the weights (not the bias), per unit of total example weight
MAX_ITER = 100  # L-BFGS iterations (a fixed budget keeps the artifact reproducible)
W_STORY, W_HEADLINE, W_LEAD1, W_LEAD2, W_HAND = 1.0, 0.5, 1.0, 0.5, 3.0
CLASS_BALANCE = 1.0  # class weight = (mean count / class count) ** CLASS_BALANCE

# ---- hand-written training sentences (fictional) ----------------------------------------------------------
HAND: dict[str, list[str]] = {
    "ASSAULT": [
        "Russian drones struck an electrical substation in the Sumy region overnight, cutting power to 20,000 homes.",
        "Ukrainian forces shelled the outskirts of the occupied city, killing two civilians.",
        "Air defences intercepted 37 of the 42 drones launched at the capital, the air force said.",
        "A ballistic missile hit a grain terminal in the port, wounding four workers.",
        "Artillery fire pounded the frontline village for a third straight day.",
        "An Israeli air strike on a building in southern Lebanon killed a senior commander.",
        "Houthi rebels fired a salvo of rockets at a commercial vessel in the Red Sea.",
        "A Shahed drone crashed into a nine-storey apartment block, setting it on fire.",
        "Debris from a downed missile damaged a school and several cars.",
        "Pakistani troops opened fire across the Line of Control, and Indian forces returned fire.",
        "A glide bomb dropped on the city centre killed five people and injured 23.",
        "Warplanes bombed militant positions in the mountains, the defence ministry said.",
        "A sea drone attack damaged a landing ship docked in Sevastopol.",
        "Gunmen stormed a police checkpoint and killed three officers.",
        "The refinery was set ablaze after a drone attack early on Saturday.",
        "Explosions rocked the airbase as cruise missiles slammed into hangars.",
        "Russia launched a massive combined strike on the energy grid with missiles and drones.",
    ],
    "CONSULT": [
        "The foreign ministers of Ukraine and Poland met in Warsaw to discuss air defence.",
        "Zelensky held talks with the German chancellor in Berlin on Friday.",
        "The two presidents spoke by phone about the prisoner exchange.",
        "The defence minister visited troops near the front line.",
        "Delegations from both sides began a new round of negotiations in Istanbul.",
        "The summit in Alaska brought the two leaders together for three hours.",
        "Qatar hosted indirect talks between the warring parties.",
        "The envoy travelled to Tehran for consultations with Iranian officials.",
        "NATO defence ministers gathered in Brussels for a two-day meeting.",
        "The prime minister received the visiting UN secretary-general in his office.",
        "Military commanders from both countries discussed de-escalation in a video call.",
        "Mediators shuttled between the delegations throughout the night.",
    ],
    "AGREE": [
        "Russia and Ukraine agreed to a grain corridor deal brokered by Turkey.",
        "The two governments signed a ten-year security agreement in Kyiv.",
        "The parties reached an agreement on the exchange of prisoners at the talks.",
        "Leaders signed the peace accord after months of negotiations.",
        "The warring sides agreed to open humanitarian corridors from the besieged city.",
        "Both countries agreed to hold another round of talks next month.",
        "The government promised to hold elections once the fighting ends.",
        "Ministers struck a deal on the joint production of artillery shells.",
        "The rebels offered to hand over the captured soldiers in return for safe passage.",
        "The council ratified the defence pact signed last year.",
        "The sides agreed on a framework for a future ceasefire.",
    ],
    "REQUEST": [
        "The UN secretary-general called for an immediate ceasefire in Gaza.",
        "Kyiv urged its allies to send more Patriot air defence systems.",
        "The Red Cross appealed for access to prisoners of war held by both sides.",
        "Poland asked NATO to consult under Article 4 after the drone incursion.",
        "The foreign minister demanded the immediate withdrawal of foreign troops.",
        "Relatives of the hostages called on the government to secure their release.",
        "The IAEA chief urged both sides to stop shelling around the nuclear plant.",
        "Aid agencies called for a humanitarian pause to evacuate the wounded.",
        "The governor asked residents for help in finding the missing children.",
        "Ukraine requested long-range missiles from its Western partners.",
        "The Pope appealed for an end to the bombing of civilians.",
        "European leaders called on Iran to stop supplying drones to Russia.",
    ],
    "ACCUSE": [
        "Moscow accused Kyiv of staging a terrorist attack on the bridge.",
        "The foreign ministry condemned the strike on the children's hospital as a war crime.",
        "Ukraine blamed Russian forces for the destruction of the dam.",
        "Washington accused Tehran of supplying the drones used in the attack.",
        "The European Union denounced the shelling of residential areas.",
        "Human rights groups criticised the army for the deaths of civilians.",
        "Warsaw accused Minsk of orchestrating the border crisis.",
        "The UN human rights office said it was investigating reports of executions of prisoners.",
        "Prosecutors opened an investigation into the killing of the journalists.",
        "The minister said the drone incursion was a deliberate provocation by Moscow.",
        "Germany summoned the ambassador to protest against the cyber attack.",
        "Israel blamed Hezbollah for the rocket that hit the football pitch.",
    ],
    "REJECT": [
        "Russia vetoed the draft Security Council resolution on the ceasefire.",
        "Kyiv denied any involvement in the explosions at the airfield.",
        "The Kremlin rejected the peace proposal as unrealistic.",
        "Hamas refused to accept the terms of the truce offer.",
        "The government ruled out any talks with the rebels while the fighting continues.",
        "Tehran dismissed the accusations that it had supplied missiles.",
        "The president declined an invitation to attend the peace summit.",
        "Moscow denied targeting civilians, saying the strikes hit military facilities.",
        "The militia rejected calls to lay down its weapons.",
        "The parliament voted down the agreement with the neighbouring country.",
        "Beijing rebuffed the request to condemn the invasion.",
    ],
    "THREATEN": [
        "Medvedev threatened to use nuclear weapons if Ukraine attacked Crimea.",
        "Iran warned that it would retaliate against any Israeli strike on its territory.",
        "The Houthis threatened to target every ship bound for Israeli ports.",
        "The general vowed to avenge the death of the commander.",
        "North Korea warned of a merciless response to the joint military drills.",
        "The ministry threatened to expel the ambassador if the provocations continued.",
        "Moscow warned that Western instructors in Ukraine would be legitimate targets.",
        "The militia gave the government an ultimatum to release its fighters within 48 hours.",
        "The president threatened to cut off gas supplies to the neighbouring country.",
        "Hezbollah vowed to strike deeper into Israel if the bombing continues.",
        "The defence minister warned that any incursion would be met with force.",
    ],
    "PROTEST": [
        "Thousands of protesters rallied in Tbilisi against the foreign agents law.",
        "Demonstrators blocked the highway to demand the return of prisoners of war.",
        "Families of the hostages marched to the prime minister's office.",
        "Hundreds of students staged a sit-in outside the embassy.",
        "Riots broke out in the city after the police shot a teenager.",
        "Farmers blocked the border crossing with tractors in protest against grain imports.",
        "Crowds took to the streets chanting slogans against the war.",
        "Dockworkers went on strike, refusing to load arms shipments.",
        "Activists held a vigil and protest outside the parliament.",
        "Opposition supporters clashed with police during the demonstration.",
        "The jailed activist began a hunger strike in protest at his detention.",
    ],
    "SANCTION": [
        "The European Union adopted its sixteenth package of sanctions against Russia.",
        "The United States imposed sanctions on Iranian drone manufacturers.",
        "The International Criminal Court issued an arrest warrant for the president.",
        "Britain froze the assets of five oligarchs linked to the Kremlin.",
        "Poland expelled a Russian diplomat over the sabotage plot.",
        "The government suspended diplomatic relations with its neighbour.",
        "Washington banned exports of chips to the defence companies.",
        "Australia and New Zealand announced new sanctions on Russian officials.",
        "The country recalled its ambassador and downgraded ties after the attack.",
        "The court convicted the former commander of war crimes.",
        "Lithuania closed its border crossings with Belarus in retaliation.",
        "The EU added the shipping firms to its sanctions list for breaching the oil embargo.",
    ],
    "RETREAT": [
        "Russia and Ukraine exchanged 230 prisoners of war in a swap mediated by the UAE.",
        "Hamas released four hostages under the ceasefire deal.",
        "The ceasefire took effect at midnight and the guns fell silent along the front.",
        "Russian troops withdrew from the west bank of the Dnipro river.",
        "The army pulled its forces back from the demilitarised zone.",
        "The rebels freed the kidnapped aid workers after two months.",
        "Both sides observed a truce over the Orthodox Christmas holiday.",
        "The bodies of 500 fallen soldiers were repatriated in an exchange.",
        "The militia handed over its heavy weapons to the peacekeepers.",
        "The authorities released the detained fishermen and their boat.",
        "The occupying forces evacuated the island after weeks of strikes.",
        "The government lifted the blockade of the port to allow grain ships to leave.",
    ],
    "SUPPORT": [
        "The NATO summit communique reaffirmed support for Ukraine's sovereignty and territorial integrity.",
        "The president praised the courage of the soldiers defending the city.",
        "The United States welcomed the agreement between the two sides.",
        "Leaders expressed solidarity with the victims of the attack.",
        "Germany backed Ukraine's bid to join the European Union.",
        "The ministers endorsed the peace plan put forward by the mediators.",
        "The two countries restored full diplomatic relations after a decade.",
        "The chancellor said Berlin would stand by Kyiv for as long as it takes.",
        "The assembly voted overwhelmingly in favour of the resolution supporting the ceasefire.",
        "The foreign minister commended Turkey for its role in the grain deal.",
        "The government recognised the opposition council as the legitimate representative.",
    ],
    "AID": [
        "The United States announced a new $400 million military aid package for Ukraine.",
        "Germany delivered two more IRIS-T air defence systems to Kyiv.",
        "The UN sent convoys of food and medicine to the besieged city.",
        "Japan pledged $1 billion in humanitarian assistance for reconstruction.",
        "Britain supplied Storm Shadow cruise missiles to the Ukrainian armed forces.",
        "The World Food Programme distributed flour to 50,000 displaced families.",
        "Norway donated generators to restore power to hospitals hit by the strikes.",
        "The EU approved a 50 billion euro loan to keep the government running.",
        "Poland granted temporary asylum to refugees fleeing the fighting.",
        "Doctors Without Borders provided medical care to the wounded in the shelter.",
        "Denmark transferred F-16 fighter jets to Ukraine.",
    ],
    "MOBILIZE": [
        "Poland scrambled fighter jets after Russian missiles struck western Ukraine.",
        "The Kremlin announced a partial mobilisation of 300,000 reservists.",
        "Thousands of troops were deployed to the border amid rising tensions.",
        "The army put its air defence units on high alert.",
        "Israel called up reservists ahead of a possible ground operation.",
        "The government sent riot police to the capital ahead of the rally.",
        "Moscow moved tactical nuclear weapons to Belarus.",
        "The navy dispatched two frigates to escort merchant ships.",
        "The militia began recruiting volunteers in the northern villages.",
        "NATO reinforced its battlegroups on the eastern flank.",
        "Air raid sirens sounded as the air force raised its readiness.",
    ],
    "COERCE": [
        "Security forces arrested 40 people suspected of spying for the enemy.",
        "The occupation authorities deported Ukrainian children to Russia.",
        "Police detained dozens of anti-war protesters in Moscow.",
        "The military government imposed a curfew and shut down the internet.",
        "The court jailed the journalist for 15 years on treason charges.",
        "Troops confiscated the harvest and seized the farmers' trucks.",
        "The authorities banned the opposition newspaper.",
        "Hackers disabled the ministry's website in a cyber attack.",
        "Gunmen abducted the mayor of the occupied town.",
        "Bulldozers demolished the homes of the attackers' families.",
        "Martial law was extended for another 90 days.",
        "Border guards prevented the men from leaving the country.",
    ],
    "COOPERATE": [
        "Ukraine and Poland launched joint production of ammunition.",
        "The two navies held joint exercises in the Black Sea.",
        "Intelligence services of the allies shared information on the drone launches.",
        "Kazakhstan extradited the suspect to Kyrgyzstan.",
        "Engineers from both countries worked together to repair the damaged power line.",
        "The countries agreed to expand military cooperation and joint patrols.",
        "Investigators from the two states are cooperating on the case.",
        "The armies coordinated their air defences along the shared border.",
        "The two ministries exchanged data on missing persons.",
        "The companies formed a joint venture to build drones.",
    ],
    "CONCEDE": [
        "The government apologised for the strike that killed aid workers.",
        "The rebels conceded defeat and surrendered the town.",
        "The authorities eased the curfew after the protests ended.",
        "The ministry lifted restrictions on journalists visiting the front.",
        "The garrison surrendered after a week-long siege.",
        "The president gave in to the protesters' demands and dismissed the minister.",
        "The government agreed to compensate the families of the victims.",
        "The army admitted responsibility for the deadly strike on the convoy.",
        "The regime relaxed the blockade and allowed fuel into the enclave.",
        "The commander acknowledged mistakes and offered condolences.",
    ],
    NONE: [
        "Sign up for our newsletter to get the latest news.",
        "Read also: How the war changed daily life in the city.",
        "The drone light show lit up the sky over the harbour on New Year's Eve.",
        "Farmers are increasingly using agricultural drones to spray their fields.",
        "The delivery drone dropped the parcel in the back garden.",
        "The home side won 2-1 with a late goal in the second half.",
        "Weather forecasters expect heavy rain over the weekend.",
        "The city was founded in the 18th century and is famous for its architecture.",
        "Analysts say the conflict is unlikely to end soon.",
        "In my view, the West has no coherent strategy.",
        "Photo: smoke rises over the skyline.",
        "The population of the region was about two million before the war.",
        "Flights resumed at the airport after drone sightings were investigated.",
        "We use cookies to improve your experience on our website.",
        "The museum reopened to visitors after renovation.",
        "The drone racing championship attracted pilots from 30 countries.",
        "Prices of bread and fuel have risen sharply this year.",
        "The report is based on interviews with more than 100 residents.",
        "Follow our live coverage for updates.",
        "He was born in Odesa and studied law in Kyiv.",
        "The river is the longest in Europe after the Volga.",
        "Comments are closed for this article.",
        "Experts disagree about how long the reserves will last.",
        "The company reported record profits in the third quarter.",
        "The festival will take place in the old town in August.",
        "Copyright 2024 All rights reserved.",
        "The school year begins in September.",
        "Many residents have lived in the village all their lives.",
    ],
}

_SENT_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“'(]?[A-Z0-9])|\n+")


def sentences(text: str) -> list[str]:
    out = [s.strip() for s in _SENT_SPLIT.split(text)]
    return [s for s in out if len(s.split()) >= 4]


def load_stories(shared: Path) -> list[dict[str, str]]:
    path = shared / "data" / "ngec_synthetic" / "synthetic_events.csv"
    if not path.exists():
        sys.exit(f"missing {path}: pass --shared")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["label"] not in CLASSES:
            raise ValueError(f"unknown label {row['label']!r}")
    return rows


def stratified_split(labels: list[str], frac: float, seed: int) -> tuple[list[int], list[int]]:
    rng = np.random.default_rng(seed)
    train, held = [], []
    for label in sorted(set(labels)):
        idx = [i for i, lab in enumerate(labels) if lab == label]
        perm = rng.permutation(len(idx))
        n_held = round(len(idx) * frac)
        held += [idx[k] for k in perm[:n_held]]
        train += [idx[k] for k in perm[n_held:]]
    return sorted(train), sorted(held)


def examples_of(stories: list[dict[str, str]]) -> list[tuple[str, str, float]]:
    out: list[tuple[str, str, float]] = []
    for row in stories:
        label, text = row["label"], row["text"]
        headline = row["prompt"].split("\n")[0].strip()
        out.append((text, label, W_STORY))
        if headline:
            out.append((headline, label, W_HEADLINE))
        sents = sentences(text)
        if sents:
            out.append((sents[0], label, W_LEAD1))
        if len(sents) > 1:
            out.append((sents[1], label, W_LEAD2))
    return out


def hand_examples() -> list[tuple[str, str, float]]:
    return [(s, label, W_HAND) for label in CLASSES for s in HAND.get(label, [])]


# ---- features and model -------------------------------------------------------------------------------------
def build_vocabulary(texts: list[str]) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(ngrams(text)))
    vocab = sorted(g for g, n in df.items() if n >= MIN_DF)
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab], dtype=np.float32)
    return vocab, idf


def empty_model(vocab: list[str], idf: np.ndarray) -> CategoryClassifier:
    k = len(CLASSES)
    return CategoryClassifier(vocab, idf, np.zeros((len(vocab), k), np.float32), np.zeros(k, np.float32))


class Design:
    """A CSR matrix with the two products logistic regression needs (X @ W and X.T @ G) in numpy."""

    def __init__(self, indptr: np.ndarray, ids: np.ndarray, vals: np.ndarray, n_features: int) -> None:
        self.n_rows = len(indptr) - 1
        self.n_features = n_features
        self.indptr, self.ids, self.vals = indptr, ids, vals.astype(np.float64)
        self.rows = np.repeat(np.arange(self.n_rows), np.diff(indptr))
        self.order = np.argsort(ids, kind="stable")
        sorted_ids = ids[self.order]
        self.seg_starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
        self.seg_ids = sorted_ids[self.seg_starts]

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.add.reduceat(w[self.ids] * self.vals[:, None], self.indptr[:-1], axis=0)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        contrib = (g[self.rows] * self.vals[:, None])[self.order]
        out = np.zeros((self.n_features, g.shape[1]))
        out[self.seg_ids] = np.add.reduceat(contrib, self.seg_starts, axis=0)
        return out


def lbfgs(fun, x0: np.ndarray, max_iter: int, m: int = 10, tol: float = 1e-9) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Plain L-BFGS with Armijo backtracking; deterministic for a fixed ``max_iter``."""
    x = x0.copy()
    f, g = fun(x)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for it in range(max_iter):
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = (s @ q) / (y @ s)
            q -= a * y
            alphas.append(a)
        if s_hist:
            q *= (s_hist[-1] @ y_hist[-1]) / (y_hist[-1] @ y_hist[-1])
        else:
            q /= max(np.linalg.norm(g), 1e-12)
        for (s, y), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            b = (y @ q) / (y @ s)
            q += s * (a - b)
        d = -q
        slope = g @ d
        if slope >= 0:  # not a descent direction: restart from the gradient
            s_hist.clear()
            y_hist.clear()
            d = -g / max(np.linalg.norm(g), 1e-12)
            slope = g @ d
        step = 1.0
        while True:
            x_new = x + step * d
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = x_new - x, g_new - g
        if s @ y > 1e-12:
            s_hist.append(s)
            y_hist.append(y)
            if len(s_hist) > m:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(f - f_new) <= tol * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if it % 25 == 0:
            print(f"  iter {it:3d}  loss {f:.5f}", file=sys.stderr)
        if converged:
            break
    return x


def train(examples: list[tuple[str, str, float]]) -> CategoryClassifier:
    texts = [t for t, _, _ in examples]
    vocab, idf = build_vocabulary(texts)
    model = empty_model(vocab, idf)
    indptr, ids, vals = model._rows(texts)
    keep = np.flatnonzero(np.diff(indptr) > 0)
    if len(keep) < len(texts):  # drop examples with no known n-gram (none expected)
        texts = [texts[i] for i in keep]
        examples = [examples[i] for i in keep]
        indptr, ids, vals = model._rows(texts)
    n_feat, k = len(vocab), len(CLASSES)
    X = Design(indptr, ids, vals, n_feat)
    y = np.array([CLASSES.index(lab) for _, lab, _ in examples])
    counts = np.bincount(y, weights=[w for _, _, w in examples], minlength=k)
    class_w = np.where(counts > 0, (counts[counts > 0].mean() / np.maximum(counts, 1e-9)) ** CLASS_BALANCE, 0.0)
    sw = np.array([w for _, _, w in examples]) * class_w[y]
    sw /= sw.sum()
    onehot = np.zeros((len(y), k))
    onehot[np.arange(len(y)), y] = 1.0

    def fun(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: n_feat * k].reshape(n_feat, k)
        b = theta[n_feat * k:]
        z = X.dot(w) + b
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -(sw * (onehot * logp).sum(axis=1)).sum() + 0.5 * L2 * (w * w).sum()
        gz = (np.exp(logp) - onehot) * sw[:, None]
        gw = X.tdot(gz) + L2 * w
        gb = gz.sum(axis=0)
        return float(loss), np.concatenate([gw.ravel(), gb])

    theta = lbfgs(fun, np.zeros(n_feat * k + k), MAX_ITER)
    weights = theta[: n_feat * k].reshape(n_feat, k).astype(np.float16).astype(np.float32)
    bias = theta[n_feat * k:].astype(np.float32)
    return CategoryClassifier(vocab, idf, weights, bias)


# ---- evaluation ----------------------------------------------------------------------------------------------
def scores(gold: list[str], pred: list[str]) -> tuple[float, float]:
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    f1s = []
    for c in sorted(set(gold)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return acc, sum(f1s) / len(f1s)


def predict_labels(model: CategoryClassifier, texts: list[str], exclude_none: bool = False) -> list[str]:
    probs = model.proba_matrix(texts)
    if exclude_none:
        probs = probs.copy()
        probs[:, CLASSES.index(NONE)] = -1.0
    return [CLASSES[i] for i in probs.argmax(axis=1)]


# ---- artifact ------------------------------------------------------------------------------------------------
def serialise(model: CategoryClassifier, meta: dict[str, object]) -> str:
    vocab = sorted(model.index, key=model.index.__getitem__)
    obj = {
        "format": "warwatch-classifier/1",
        "classes": list(model.classes),
        "vocabulary": vocab,
        "idf": encode_array(model.idf.astype(np.float32)),
        "weights": encode_array(model.weights.astype(np.float16)),
        "bias": encode_array(model.bias.astype(np.float32)),
        "meta": meta,
    }
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true", help="retrain and compare with the committed artifact")
    ap.add_argument("--no-validate", action="store_true", help="skip the held-out run (faster)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    stories = load_stories(args.shared)
    labels = [r["label"] for r in stories]
    train_idx, held_idx = stratified_split(labels, 0.10, SEED)
    figures: dict[str, float] = {}
    if not args.no_validate:
        model = train(examples_of([stories[i] for i in train_idx]) + hand_examples())
        held = [stories[i] for i in held_idx]
        gold = [r["label"] for r in held]
        acc, mf1 = scores(gold, predict_labels(model, [r["text"] for r in held], exclude_none=True))
        leads = [(sentences(r["text"]) or [r["text"]])[0] for r in held]
        acc1, mf11 = scores(gold, predict_labels(model, leads, exclude_none=True))
        print(f"validation ({len(held)} held-out stories): story accuracy {acc:.3f} macro-F1 {mf1:.3f}; "
              f"first sentence accuracy {acc1:.3f} macro-F1 {mf11:.3f}")
        figures = {"val_story_accuracy": round(acc, 4), "val_story_macro_f1": round(mf1, 4),
                   "val_lead_accuracy": round(acc1, 4), "val_lead_macro_f1": round(mf11, 4)}

    model = train(examples_of(stories) + hand_examples())  # the artifact: refit on every story
    meta = {"seed": SEED, "min_df": MIN_DF, "l2": L2, "max_iter": MAX_ITER, "n_stories": len(stories),
            "n_hand": sum(len(v) for v in HAND.values()), "n_features": len(model.index)}
    payload = serialise(model, meta)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    artifact, sidecar = DATA_DIR / ARTIFACT, DATA_DIR / META
    print(f"trained in {time.perf_counter() - t0:.1f}s: {len(model.index)} features, "
          f"{len(payload) / 1e6:.2f} MB, sha256 {digest[:16]}")

    if args.check:
        committed = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        on_disk = hashlib.sha256(artifact.read_bytes()).hexdigest() if artifact.exists() else None
        ok = digest == committed.get("sha256") == on_disk
        if not ok and artifact.exists():  # a different numpy/libm may flip float16 roundings: compare outputs
            old = CategoryClassifier.from_json(artifact.read_text(encoding="utf-8"))
            same_vocab = old.index == model.index
            close = same_vocab and np.allclose(old.weights, model.weights, atol=2e-3) and np.allclose(
                old.bias, model.bias, atol=2e-3)
            print(f"sha256 differs (fresh {digest[:16]}, sidecar {str(committed.get('sha256'))[:16]}, "
                  f"file {str(on_disk)[:16]}); same vocabulary: {same_vocab}; weights within 2e-3: {close}")
            ok = bool(close)
        print("check: OK" if ok else "check: FAILED - rerun scripts/train_classifier.py and commit the artifact")
        return 0 if ok else 1

    artifact.write_text(payload, encoding="utf-8")
    sidecar.write_text(json.dumps({"artifact": ARTIFACT, "sha256": digest, "bytes": len(payload.encode()),
                                   **meta, **figures}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {artifact.relative_to(ROOT)} and {sidecar.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
