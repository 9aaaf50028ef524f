"""The declared trigger patterns: every pattern fires on its own example sentence, the file is well formed,
and the generated lexicon section is what scripts/build_patterns.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from spacy.language import Language

from warwatch.coding.events import CATEGORIES, find_mentions
from warwatch.coding.patterns import Pattern, load_patterns

PATTERNS = load_patterns().patterns
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _fires(nlp: Language, pattern: Pattern) -> bool:
    patterns = load_patterns()
    doc = nlp(pattern.example)
    for token in doc:
        if pattern.section in {"frame", "lexicon-frame"}:
            if any(m.pattern.id == pattern.id for m in patterns.frames_for(token)):
                return True
        else:
            match = patterns.table_match(token)
            if match is not None and match.pattern.id == pattern.id:
                return True
    return False


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_pattern_fires_on_its_example(nlp: Language, pattern: Pattern) -> None:
    assert pattern.example, f"{pattern.id} has no example sentence"
    assert _fires(nlp, pattern), f"{pattern.id} does not fire on {pattern.example!r}"


def test_patterns_are_well_formed() -> None:
    ids = [p.id for p in PATTERNS]
    assert len(ids) == len(set(ids)), "duplicate pattern ids"
    assert len(PATTERNS) > 200
    for p in PATTERNS:
        assert p.category in CATEGORIES or p.category == "NONE", p.id
        assert p.source, p.id
        assert p.lemmas, p.id


def test_a_lexicon_verb_codes_an_event(nlp: Language) -> None:
    # a verb that is only in the generated lexicon (not in the hand-written table) is coded end to end
    assert load_patterns().table("verb", "castigate") is not None
    doc = nlp("The opposition leader castigated the cabinet over the failed evacuation.")
    found = {m.category for s in doc.sents for m in find_mentions(s) if m.happened}
    assert found == {"ACCUSE"}


def test_a_veto_frame_stops_the_table(nlp: Language) -> None:
    doc = nlp("The villagers were grateful for the assistance.")
    assert [m for s in doc.sents for m in find_mentions(s)] == []
    doc = nlp("The assistance reached the camps after the floods.")
    assert {m.category for s in doc.sents for m in find_mentions(s)} == {"AID"}


@pytest.mark.skipif(not (SHARED / "data" / "lexicons").is_dir(), reason="the public lexicons are not here")
def test_generated_lexicon_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("build_patterns", ROOT / "scripts" / "build_patterns.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    committed = (ROOT / "src" / "warwatch" / "data" / "patterns" / "triggers.jsonl").read_text(encoding="utf-8")
    assert build.render(committed, build.generate(SHARED)) == committed


@pytest.mark.parametrize(
    ("sentence", "rule", "fires"),
    [
        # verbal and policy constructions (issue 12): each fires in its own frame ...
        ("The general warned the neighbours against interfering in the vote.", "verb:warn of own act", True),
        ("The cabinet issued a final ultimatum to the striking pilots.", "verb:issue ultimatum", True),
        ("The navy sent two frigates to the strait on Sunday.", "verb:send frigate", True),
        ("Hundreds of marchers blocked the ring road.", "verb:protesters block", True),
        ("The coastal state cut all funding to the agency.", "verb:cut ties", True),
        ("The envoy urged calm and pressed both parties to resume talks.", "verb:press X to", True),
        ("The council said it would take firm measures against the smugglers.", "verb:will take measure", True),
        ("The bloc agreed a new sanctions package on the junta.", "noun:sanctions package", True),
        ("The mediator told both militias to leave the port.", "verb:tell X to", True),
        ("The flooded province sought emergency assistance from the capital.", "verb:seek assistance", True),
        ("The truce plan was endorsed by Brazil on Monday.", "verb:endorse by X", True),
        ("“These raids undermine every effort to reach a truce,” the envoy said.", "verb:said X violates or undermines",
         True),
        ("The governor called the missile launch a grave threat to the island.", "verb:call it condemning", True),
        ("The senator described the blockade as collective punishment.", "verb:describe it condemning", True),
        ("The mayor labeled the eviction order anti-Semitic.", "verb:label it condemning", True),
        ("The fishermen's union assailed the harbour board over the quota.", "verb:assail X for", True),
        ("The senator blasted Ottawa over the closure of the border crossing.", "verb:blast X for", True),
        ("The opposition slammed the curfew decision.", "verb:slam decision", True),
        ("The navy warned that the raiders would pay a heavy price.", "verb:said X would face consequences", True),
        ("“Our answer will be swift and crushing,” the general wrote.", "verb:said its response would be severe",
         True),
        ("The guerrillas said fuel convoys would be legitimate targets.", "verb:said X would be legitimate targets",
         True),
        ("The coast guard said it reserved the right to act against the trawlers.", "verb:reserve the right to respond",
         True),
        ("The mining company defied the court ruling.", "verb:defy ruling", True),
        ("The junta ignored the ultimatum of the regional bloc.", "verb:ignore ultimatum", True),
        ("“There will be no negotiation with the kidnappers,” the governor said.", "verb:there will be no talks",
         True),
        # lifting a restriction is a retreat (CAMEO 085, 0813), not a concession
        ("The port authority eased the blockade of the northern harbour.", "verb:ease blockade", True),
        ("The lifting of the curfew in the hill towns was welcomed by traders.", "noun:lifting of restrictions",
         True),
        # ... and not where the same words say something else
        ("The general ordered his troops to hold the bridge.", "verb:order X to", False),
        ("The new bridge eased traffic in the northern harbour.", "verb:ease blockade", False),
        ("The admiral ordered a carrier group to the gulf to deter raids.", "verb:order X to", False),
        ("The three navies wrapped up a trilateral naval exercise with the allies.", "noun:naval exercise", False),
        ("Militias backed by Zambia seized the mine.", "verb:back by X", False),
        ("The ministry will take measures to repair the roads.", "verb:will take measure", False),
        ("The minister ordered the troops to withdraw from the town.", "verb:order troop", False),
        ("The two navies held joint naval drills in the bay.", "noun:naval drill", False),
        ("An air raid alert was declared in the capital at dawn.", "noun:high alert", False),
        ("The island republic will be recognised by three states next month.", "verb:recognise state", False),
        ("Spain will recognise the island republic next month.", "verb:recognise state", False),
        ("The rebel column was supported by artillery.", "verb:support X", False),
        ("The army pushed to take the bridge before dark.", "verb:push X to", False),
        ("The scientists warned that the drought could last a decade.", "verb:warn of own act", False),
        ("Two patrol boats blasted water cannon at the trawlers for an hour.", "verb:blast X for", False),
        ("The bakers said shoppers would face higher prices.", "verb:said X would face consequences", False),
        ("Traders said the market response would be strong.", "verb:said its response would be severe", False),
        ("There will be no ferry on Sunday, the harbour office said.", "verb:there will be no talks", False),
        ("The governor called the harbour pilot to the bridge.", "verb:call it condemning", False),
        ("The envoy said the new tariff would undermine the talks.", "verb:said X violates or undermines", False),
        ("The mayor said we had breached no rule of the port.", "verb:said X violates or undermines", False),
        # recall of statements (issue 12, session 8): findings of crimes, blame laid, calls repeated, announced raids
        ("The panel concluded that the garrison had committed war crimes in the valley.",
         "verb:said X committed crimes or provocations", True),
        ("The regulator said the ferry operator had committed no offence.",
         "verb:said X committed crimes or provocations", False),
        ("The monitors said the convoy might have committed abuses.",
         "verb:said X committed crimes or provocations", False),
        ("The fishing council said the trawlers were in breach of the quota treaty.", "verb:said X was in violation",
         True),
        ("The mayor said the bakers were not in breach of the rules.", "verb:said X was in violation", False),
        ("“The blame for the blackout rests with the grid company,” the governor said.",
         "verb:said the responsibility lies with", True),
        ("The governor said the key to the crisis lies with the grid company.",
         "verb:said the responsibility lies with", False),
        ("The dockers' union laid the blame on the harbour board for the delays.", "verb:lay the blame on", True),
        ("The union laid the cables on the harbour floor.", "verb:lay the blame on", False),
        ("The two militias traded accusations over the broken truce.", "verb:trade accusation", True),
        ("The two ports traded grain over the winter.", "verb:trade accusation", False),
        ("The council repeated its call on both militias to leave the port.", "noun:call for/on", True),
        ("The militia said its fighters would continue their raids on the convoys.", "verb:will continue attacks",
         True),
        ("The ministry said the talks will continue in the capital next week.", "verb:will continue attacks", False),
        ("The navy warned that the raiders could face severe consequences.", "verb:said X would face consequences",
         True),
        ("The coast guard reserves the right to reciprocal measures against the trawlers.",
         "verb:reserve the right to respond", True),
        ("The junta warned Marovia over the drills on the border.", "verb:warn of own act", True),
        ("The weather office warned residents about the coming storm.", "verb:warn of own act", False),
        ("The coastal state said the patrol boats had staged a provocation near the reef.",
         "verb:said X committed crimes or provocations", True),
        ("The coach said the team had staged a comeback in the second half.",
         "verb:said X committed crimes or provocations", False),
        ("The ombudsman said the eviction amounted to collective punishment.", "verb:said it amounts to a crime", True),
        ("The auditor said the repairs amounted to a large sum.", "verb:said it amounts to a crime", False),
        ("The harbour master warned that the foreign trawlers undermine the fishing accord.",
         "verb:said X violates or undermines", True),
        ("The harbour master warned that it would close the port to the trawlers.", "verb:warn of own act", True),
        ("The governor pleaded with the two militias to open the road.", "verb:plead with/for", True),
        ("The smuggler pleaded guilty to the charges.", "verb:plead with/for", False),
        ("The flooded province asked for more rescue boats.", "verb:ask for", True),
        ("Asked for comment, the harbour office said nothing.", "verb:ask for", False),
        ("The island sought warships and ammunition from its neighbour.", "verb:seek warship", False),
        ("The island sought ammunition and jets from its neighbour.", "verb:seek ammunition", True),
    ],
)
def test_verbal_frames(nlp: Language, sentence: str, rule: str, fires: bool) -> None:
    doc = nlp(sentence)
    rules = {m.rule for s in doc.sents for m in find_mentions(s)}
    assert (rule in rules) is fires, rules
