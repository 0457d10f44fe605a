"""PLOVER typing by the codebook's definitions (rules alone, no model): concessions (CONCEDE), material
yielding (RETREAT), aid, reduced relations and diplomatic ties, each on sentences written for newsift."""

from __future__ import annotations

import pytest

from newsift.extract.events.classify import classify_article, rules_reading
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, PloverType, Position
from newsift.nlp import annotate_articles

CONCEDE, RETREAT, AID = PloverType.CONCEDE, PloverType.RETREAT, PloverType.AID
SANCTION, SUPPORT = PloverType.SANCTION, PloverType.SUPPORT

# (id, sentence, the type its main event must have)
CODEBOOK_CASES = [
    ("policy-repealed", "The new government repealed the tax on bread that had set off the riots.", CONCEDE),
    ("bill-withdrawn", "The cabinet withdrew the media bill after a week of demonstrations.", CONCEDE),
    ("ban-struck-down", "The constitutional court struck down the ban on the teachers' union.", CONCEDE),
    ("martial-law-ended", "The generals ended martial law in the eastern provinces.", CONCEDE),
    ("amnesty-granted", "The president granted an amnesty to soldiers who took part in the mutiny.", CONCEDE),
    ("walkout-called-off", "Dockers called off their walkout after the port raised wages.", CONCEDE),
    (
        "promise-while-yielding",
        "Bowing to the farmers, the ministry agreed to lower the price of diesel.",
        CONCEDE,
    ),
    (
        "called-a-concession",
        "In a concession to the students, the rector dismissed the head of campus security.",
        CONCEDE,
    ),
    ("regret-expressed", "The army expressed regret for the deaths of two fishermen shot at sea.", CONCEDE),
    ("set-free", "The kidnappers set the two nurses free on Sunday.", RETREAT),
    ("inspectors-let-in", "The government allowed UN inspectors to visit the missile plant.", RETREAT),
    ("aid-let-in", "The army let relief convoys drive into the besieged town.", RETREAT),
    ("truce-observed", "Both militias respected the truce over the holiday.", RETREAT),
    ("loan-approved", "The bank approved a loan of two billion dollars for the flooded province.", AID),
    ("relief-airlifted", "The kingdom airlifted food and medicine to the stranded villagers.", AID),
    ("funding-stopped", "The donors stopped funding the electoral commission after the coup.", SANCTION),
    ("talks-left", "The rebels walked out of the peace talks in protest.", SANCTION),
    (
        "ambassador-ordered-out",
        "The junta ordered the Swedish ambassador to leave within three days.",
        SANCTION,
    ),
    ("ties-restored", "Qatar and Bahrain restored diplomatic relations after six years.", SUPPORT),
    ("reservists-called-up", "The government called up fifty thousand reservists.", PloverType.MOBILIZE),
    ("called-on-to-stop", "The envoy called on the two armies to stop fighting at once.", PloverType.REQUEST),
]

# (id, sentence, the type its main event must NOT have)
LOOK_ALIKES = [
    (
        "gave-not-gave-in",
        "The United States gave the coast guard patrol boats and training in the spring.",
        CONCEDE,
    ),
    (
        "cancelled-plan-not-a-concession",
        "The ministry suspended the plan to build a joint pipeline.",
        CONCEDE,
    ),
]


def _annotated(text: str) -> AnnotatedArticle:
    article = Article(
        id="codebook-1", page_id="codebook", position=Position.MAIN, index=0, title="", body=text
    )
    return next(iter(annotate_articles([article])))


def _rules_type(text: str) -> PloverType | None:
    main, _ = rules_reading(Parse.build(_annotated(text)), 0)
    return main.type if main is not None else None


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CODEBOOK_CASES])
def test_codebook_class_types_the_sentence(text: str, expected: PloverType) -> None:
    assert _rules_type(text) == expected


@pytest.mark.parametrize(("text", "wrong"), [pytest.param(t, e, id=i) for i, t, e in LOOK_ALIKES])
def test_codebook_look_alikes_are_not_the_class(text: str, wrong: PloverType) -> None:
    event = classify_article(_annotated(text))
    assert event is None or event.type != wrong


def test_codebook_naming_is_not_asking() -> None:
    assert _rules_type("The critics called the minister a liar.") != PloverType.REQUEST
