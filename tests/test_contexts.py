"""Contexts: evidence text -> PLOVER contexts (a table), and the category defaults."""

from __future__ import annotations

import pytest

from warwatch.coding.contexts import CONTEXTS, find_contexts


@pytest.mark.parametrize(
    ("category", "text", "expected"),
    [
        ("ASSAULT", "Shells hit a market in the town.", {"military"}),
        ("SANCTION", "The bloc imposed sanctions on the central bank and froze its assets.", {"economic"}),
        ("ACCUSE", "The ministry accused the rebels of war crimes.", {"human_rights"}),
        ("COERCE", "Police arrested three men over a suicide bombing plot.", {"terrorism"}),
        ("ACCUSE", "The agency blamed a foreign state for the cyber attack on its servers.", {"cyber"}),
        ("REQUEST", "Inspectors asked for access to the nuclear reactor.", {"cbrn"}),
        ("PROTEST", "Opposition supporters rallied against the election results.", {"election", "pro_democracy"}),
        ("AID", "The convoy delivered humanitarian aid to displaced families.", {"humanitarian", "migration"}),
        ("CONSULT", "The two ministers met in the capital.", set()),
        ("SANCTION", "The court issued an arrest warrant for the general.", {"legal"}),
        ("REJECT", "The government rejected claims that the pipeline deal involved bribes.",
         {"resources", "corruption"}),
        ("MOBILIZE", "Reservists were called up.", {"military"}),
    ],
)
def test_contexts(category: str, text: str, expected: set[str]) -> None:
    found = find_contexts(category, [text])
    assert set(found) == expected
    assert list(found) == [c for c in CONTEXTS if c in found]  # a fixed order
