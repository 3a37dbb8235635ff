"""Lean rubric: gazetteer across scripts, name discovery and short forms, the non-actor filter, Chinese
mentions, tone toward each mention, voice, user gazetteers, and the seeds' editorial lean."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rubrics.lean.gazetteer import GazetteerError, read_gazetteer
from rubrics.lean.resolve import find_mentions, neighbours
from rubrics.lean.rubric import LeanRubric
from scoring.core.document import Document
from scoring.engine.profile import ProfileError, parse_profile
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def score(text: str, **params):
    return LeanRubric(**params).score(Segmented(Document(id="t", text=text, source="t")))


def actors(result) -> dict[str, dict]:
    return {a["actor"]: a for a in result.details["actors"]}


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return score(path.read_text(encoding="utf-8"))


def test_aliases_across_languages_and_scripts() -> None:
    text = ("The U.S. and Washington met. 美国和華盛頓也在。The White House agreed. 美國宣布。"
            "China and Beijing replied; 中国、中國、北京都表示反对。Nvidia, 英伟达 and 英偉達; Huawei, 华为, 華為.")
    table = actors(score(text))
    assert table["United States"]["mentions"] == 6
    assert table["China"]["mentions"] == 5
    assert table["NVIDIA"]["mentions"] == 3 and table["Huawei"]["mentions"] == 3
    assert table["United States"]["type"] == "country" and table["Huawei"]["type"] == "company"
    assert "us" not in {a.lower() for a in table} - {"united states"}  # the pronoun "us" is not an actor


def test_voice_is_counted_for_sources_only() -> None:
    text = ("Huang said the rules hurt. According to Huawei, sales rose. 华为表示将继续投入。"
            "Analysts criticised Huawei. 美国打压华为。")
    table = actors(score(text))
    assert table["Jensen Huang"]["voice"] == 1
    assert table["Huawei"]["voice"] == 2 and table["Huawei"]["mentions"] == 4


def mentions(text: str) -> list[tuple[str, str | None]]:
    """(surface text, actor) of every mention discovery finds, pronouns included."""
    seg = Segmented(Document(id="t", text=text))
    return [(seg.text[m.start:m.end], m.actor) for m in find_mentions(seg)]


def test_short_forms_resolve_to_the_full_name_seen_in_the_document() -> None:
    text = ("David Cameron met Louis van Gaal in London. Mr Cameron said the talks went well. "
            "Van Gaal disagreed, and Cameron left. Later, Van Gaal's team spoke.")
    table = actors(score(text))
    assert table["David Cameron"]["mentions"] == 3 and table["David Cameron"]["type"] == "person"
    assert table["Louis van Gaal"]["mentions"] == 3
    assert set(table["David Cameron"]["aliases"]) == {"David Cameron", "Mr Cameron", "Cameron"}
    assert "Cameron" not in table and "Van Gaal" not in table


def test_titles_split_a_run_and_mark_a_person() -> None:
    found = dict(mentions("Senate Democratic Leader Chuck Schumer met Goldman Sachs CEO Lloyd Blankfein on Friday."))
    assert found["Leader Chuck Schumer"] == "Chuck Schumer"
    assert found["CEO Lloyd Blankfein"] == "Lloyd Blankfein" and found["Goldman Sachs"] == "Goldman Sachs"
    assert not any("Friday" in surface for surface in found)


def test_a_title_with_its_complement_and_an_acronym_stay_out_of_the_name() -> None:
    text = ("Chancellor of the Exchequer Gordon Brown spoke first. A party source told the BBC Michael Howard "
            "would resign. Gordon Brown and Michael Howard met on Monday.")
    table = actors(score(text))
    assert table["Gordon Brown"]["mentions"] == 2 and table["Michael Howard"]["mentions"] == 2
    assert "BBC" in table and not any(name.startswith(("Exchequer", "BBC ")) for name in table)
    found = dict(mentions("Senior Transport Safety Investigator Neil Campbell said the wing had failed."))
    assert "Neil Campbell" in found.values() and not any("Investigator" in actor for actor in found.values())


def test_pronouns_resolve_to_the_person_before_them() -> None:
    found = mentions("Theresa May met Mr Corbyn. He said she had lied. She denied it.")
    pronouns = [(s, a) for s, a in found if s.lower() in ("he", "she")]
    assert pronouns == [("He", "Corbyn"), ("she", "Theresa May"), ("She", "Theresa May")]


@pytest.mark.parametrize("text", [
    "The band played on Boxing Day and on Christmas Eve in December.",
    "Fans watched the reality show Big Brother all week.",
    "The sailors boarded HMS Victory at dawn.",
    "American voters and British officials disagreed on Monday.",
])
def test_things_that_are_not_actors_are_not_found(text: str) -> None:
    assert actors(score(text)) == {}


def test_a_name_marked_as_a_work_is_dropped_everywhere_in_the_document() -> None:
    text = "Viewers loved the show Big Brother. Big Brother returns in May, and Sarah Jones hosts it."
    assert set(actors(score(text))) == {"Sarah Jones"}


def test_sentence_initial_ordinary_words_are_not_names() -> None:
    table = actors(score("Meanwhile Obama spoke. However, the vote failed. Looking ahead, nothing changed."))
    assert set(table) == {"Obama"}


def test_sentence_initial_adverbs_and_words_after_a_number_are_not_names() -> None:
    # From BBC business articles: an -ly adverb of ordinary vocabulary opens the sentence, and a
    # sentence after "in 2003." starts with an ordinary word (it was read as inside the sentence).
    text = ("Separately, the IMF warned about the deficit. Typically it takes three years. "
            "Ericsson lost 10.8bn kronor in 2003. Sales climbed to 131.9bn kronor in 2004. Experts agreed.")
    assert set(actors(score(text))) == {"IMF", "Ericsson"}
    assert set(actors(score("Kelly said the plan worked. Riley agreed with Kelly."))) == {"Kelly", "Riley"}



@pytest.mark.parametrize(("text", "expected"), [
    ("Mayor of London Boris Johnson said the plan was good.", {"Boris Johnson"}),
    ("Archbishop of Canterbury Rowan Williams preached.", {"Rowan Williams"}),
    ("Mayor of New York Bill de Blasio spoke.", {"Bill de Blasio"}),
    ("Secretary of State Pompeo spoke.", {"Pompeo"}),
    ("Chancellor of the Exchequer Gordon Brown spoke.", {"Gordon Brown"}),
])
def test_a_title_with_its_place_is_not_part_of_the_name(text: str, expected: set[str]) -> None:
    # "London Boris Johnson" and "Canterbury Rowan Williams" were the names read before.
    assert set(actors(score(text))) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Minister of Foreign Affairs Sergei Lavrov said no.", {"Sergei Lavrov"}),
    ("Director of National Intelligence Dan Coats said so.", {"Dan Coats"}),
    ("They briefed the Director of National Intelligence on it.", {"Director of National Intelligence"}),
    ("Secretary of State Rice spoke.", {"Rice"}),  # "State" ends a title
    ("He is now U.S. Attorney for the Southern District of New York.",
     {"United States", "Attorney for the Southern District of New York"}),  # not a person called "New York"
    ("In 2003 he became Assistant Attorney General for the Civil Rights Division of the U.S. Department of Justice.",
     {"Assistant Attorney General for the Civil Rights Division of the U.S", "Department of Justice"}),
])
def test_a_title_field_after_of_is_the_titles_and_a_person_follows_it(text: str, expected: set[str]) -> None:
    # "Affairs Sergei Lavrov", "Intelligence Dan Coats", a person "Intelligence" and one called "the U.S" before.
    assert {a for _, a in mentions(text) if a} == expected


def test_the_state_an_office_holder_represents_is_no_actor_of_the_sentence() -> None:
    # "Kentucky" took the tone of what Rep. Yarmuth told Vox, and the audit compared sources on it.
    found = {a for _, a in mentions("“It is time,” Kentucky Rep. John Yarmuth told Vox. Former Maryland Gov. Martin "
                                    "O'Malley agreed. Goldman Sachs CEO Lloyd Blankfein did not.") if a}
    assert found == {"John Yarmuth", "Vox", "Martin O'Malley", "Goldman Sachs", "Lloyd Blankfein"}
    assert "Kentucky" in {a for _, a in mentions("Donald Trump is popular in Kentucky.")}


def test_a_name_joined_by_of_owns_no_short_form() -> None:
    text = ("Ariana Orshan spoke as U.S. Attorney for the Southern District of Florida. "
            "The Southern District of Florida filed charges.")
    found = mentions(text)
    assert ("Southern District of Florida", "Southern District of Florida") in found
    # the title's field holds "of", and the person follows it
    assert any(actor == "Ariana Orshan" for _, actor in mentions(
        "U.S. Attorney for the Southern District of Florida Ariana Orshan spoke."))


def test_an_organisation_joined_by_of_is_one_organisation_also_opening_a_sentence() -> None:
    table = actors(score("Church of England bishops met. The Nation is a magazine. A report from the Office of the Director of National "
                         "Intelligence came. The Bank of England raised rates. Manchester City said no."))
    assert {name: a["type"] for name, a in table.items()} == {
        "Nation": "organisation", "Church of England": "organisation", "Office of the Director of National Intelligence": "organisation",
        "Bank of England": "organisation", "Manchester City": "organisation"}


@pytest.mark.parametrize("text", [
    "Election Day is November 6th.",
    "The CDC has a plan for Day 12 of the outbreak and for Section 230.",
    "CNN announced the “Breaking News” that day.",
])
def test_holidays_opening_a_sentence_numbered_labels_and_lone_head_words_are_no_actors(text: str) -> None:
    assert {a for _, a in mentions(text) if a} <= {"CDC", "CNN"}


def test_a_title_word_before_an_organisations_head_word_names_the_organisation() -> None:
    # "Justice" and "General" are titles before a name ("Justice Kennedy", "General Petraeus"), but the
    # Justice Department was an organisation called "Department", General Motors one called "Motors".
    found = {a for _, a in mentions("Justice Kennedy wrote. The Justice Department objected, General Motors "
                                    "said, and the General Assembly voted.") if a}
    assert found == {"Kennedy", "Justice Department", "General Motors", "General Assembly"}


def test_a_legislators_party_and_state_is_no_actor() -> None:
    # "D-Calif", "R-Texas" and "I-Vt" were actors of their own in the political articles.
    found = {a for _, a in mentions("Sen. Dianne Feinstein (D-Calif.) objected. Rep. Kevin Brady, R-Texas, and "
                                    "Sen. Bernie Sanders (I-Vt.) did not.") if a}
    assert found == {"Dianne Feinstein", "Kevin Brady", "Bernie Sanders"}


def test_share_buttons_before_a_caption_are_no_part_of_a_name() -> None:
    # Scraped captions read "Facebook Twitter Pinterest Paul Manafort arrives ...": a person of that name,
    # which the audit then took for Paul Manafort's full name; nor is the "Facebook" button a mention of Meta.
    assert mentions("Facebook Twitter Pinterest Paul Manafort arrives at court. Facebook Twitter Pinterest "
                    "The courthouse.") == [("Paul Manafort", "Paul Manafort")]
    assert {a for _, a in mentions("Twitter banned him. Facebook and Twitter agreed.") if a} == {"Twitter", "Meta"}


def test_a_widgets_words_left_in_scraped_text_are_no_actor() -> None:
    # "Read" (of "Read more") and "Copy" (of a video's "Copy this code to your website") were actors.
    text = ("Trump accuses Obama of orchestrating protest Read more The official said so. Watch 1:59 autoplay "
            "Copy this code to your website or blog. The photo is by Chip Somodevilla, and Read said no.")
    assert {a for _, a in mentions(text) if a} == {"Donald Trump", "Obama", "Chip Somodevilla", "Read"}


def test_known_actors_joined_by_a_hyphen_are_each_a_mention() -> None:
    # "Trump-Russia" and "US-China" were actors of their own; a hyphenated surname stays one person.
    assert [a for _, a in mentions("The Trump-Russia inquiry and US-China talks went on.") if a] == [
        "Donald Trump", "Russia", "United States", "China"]
    assert {a for _, a in mentions("Alexandria Ocasio-Cortez spoke. Ocasio-Cortez won.") if a} == {
        "Alexandria Ocasio-Cortez"}
    # a part the gazetteer does not know is a name of its own, and resolves like one
    assert [a for _, a in mentions("Elizabeth Warren spoke. The Biden-Warren meeting went well.") if a] == [
        "Elizabeth Warren", "Joe Biden", "Elizabeth Warren"]


def test_a_title_and_its_place_alone_name_the_person_not_the_place() -> None:
    # "The Prince of Wales" had made "Wales" a person, so Wales the team was him too.
    table = actors(score("The Prince of Wales spoke. Wales beat England at Cardiff."))
    assert table["Prince of Wales"]["type"] == "person" and table["Wales"]["type"] != "person"


def test_a_compound_adjective_is_no_part_of_a_name() -> None:
    # "Utah-based Church of Jesus Christ", "Canada-based" alone, "X-ray" were actors.
    table = actors(score("The Utah-based Church of Jesus Christ grew. The X-ray showed it. Canada-based firms rose."))
    assert set(table) == {"Church of Jesus Christ", "Utah"}  # "Canada-based" opens its sentence
    assert set(actors(score("British-born Smith won. Bashar al-Assad and Coca-Cola too."))) == {
        "Smith", "Bashar al-Assad", "Coca-Cola"}
    # the capitalised part is still a mention: "a Corbyn-led government" is about Corbyn
    assert set(actors(score("She backed a Corbyn-led interim administration. Self-research grew."))) == {"Corbyn"}


def test_a_stray_sentence_initial_word_before_a_full_name_is_dropped() -> None:
    # Daily Mail line-ups and captions: "Subtitute Robin van Persie" (sic), "Intrepid Tomasz Furmanek".
    table = actors(score("Subtitute Robin van Persie came on. The fans cheered Robin van Persie."))
    assert set(table) == {"Robin van Persie"} and table["Robin van Persie"]["mentions"] == 2
    # Without the full name elsewhere, or when the first word is a title, the run stays whole.
    assert set(actors(score("Intrepid Tomasz Furmanek rowed on."))) == {"Intrepid Tomasz Furmanek"}
    assert "Tony Blair" in actors(score("Tony Blair spoke. Later Blair left."))


def test_words_before_a_known_full_name_are_no_part_of_it() -> None:
    # A caption's share buttons, a sentence-initial participle, a party or people before a name.
    names = {actor for _, actor in mentions("Facebook Twitter Pinterest Donald Trump at a rally in Ohio.")}
    assert "Donald Trump" in names and not any("Pinterest" in (n or "") for n in names)
    assert set(actors(score("Debating Bill Clinton was hard. Bill Clinton smiled."))) == {"Bill Clinton"}
    assert set(actors(score("He praised Republican Mitt Romney. Jewish Bernie Sanders supporters cheered. "
                            "Romney thanked Bernie Sanders."))) == {"Mitt Romney", "Bernie Sanders"}
    # ... only where the document writes the name without it: these stay whole.
    assert set(actors(score("The Chinese Communist Party met. The Christian Science Monitor and Black Lives "
                            "Matter reported it."))) >= {"Chinese Communist Party", "Christian Science Monitor"}
    assert {a for _, a in mentions("Claudia Yanira Hernandez Soriano was found. Hernandez Soriano had left.")} == {
        "Claudia Yanira Hernandez Soriano"}
    # A name before a gazetteer alias is a name of its own: the Obama White House is Obama and the White House.
    assert mentions("It was illegal for the Obama White House to do it.") == [
        ("Obama", "Obama"), ("White House", "United States")]


def test_a_given_name_that_is_an_ordinary_word_is_kept_when_it_opens_a_sentence() -> None:
    assert mentions("Mark Zuckerberg spoke first.") == [("Mark Zuckerberg", "Mark Zuckerberg")]
    assert mentions("Bill Clinton said no.")[0] == ("Bill Clinton", "Bill Clinton")
    assert mentions("Yesterday Obama said no.")[0] == ("Obama", "Obama")  # an ordinary word before a name
    assert mentions("Bill passed the vote.") == []


def test_titles_held_before_or_about_to_be_are_titles() -> None:
    for text, name in (("He met then-Secretary of State Hillary Rodham Clinton.", "Hillary Rodham Clinton"),
                       ("The ex-President Jimmy Carter spoke.", "Jimmy Carter"),
                       ("Vice President-elect Mike Pence arrived.", "Mike Pence"),
                       ("He spoke to Special Counsel Robert Mueller.", "Robert Mueller")):
        assert [actor for _, actor in mentions(text) if actor] == [name], text  # "He": no one before it


def test_shouted_headlines_negated_auxiliaries_and_offices_are_no_names() -> None:
    assert mentions("THE VERY COMPLICATED STEPS INVOLVED IN IMPEACHING Nancy Pelosi announcing it.") == [
        ("Nancy Pelosi", "Nancy Pelosi")]
    assert mentions("Don’t go. Don't Look Back.") == []
    assert [actor for _, actor in mentions("Obama's Presidency ended.")] == ["Obama"]
    assert ("NATO", "NATO") in mentions("NATO Secretary General Jens Stoltenberg said so.")  # an acronym stays


def test_a_name_made_like_no_persons_is_no_person_even_when_it_speaks() -> None:
    def types(text: str) -> dict[str, str]:
        seg = Segmented(Document(id="t", text=text))
        return {m.actor: m.type for m in find_mentions(seg) if m.actor and m.via != "pronoun"}

    # an ordinary first word, "of", a head word: a club, a firm, a bank speaking; its short form is no person
    found = types("On Monday Real Madrid said the deal was done, and Standard Chartered said it would pay. Madrid won.")
    assert found["Real Madrid"] == "organisation" and found["Standard Chartered"] == "organisation"
    assert types("He said The Aviator won. Later Madrid won and The Aviator lost.").get("The Aviator") != "person"
    # people, with a given name that is an ordinary word, a party word before them, or a function word
    found = types("Then Bill Clinton said no, Conservative Graham Brady said yes and Will Smith said maybe. Brady left.")
    assert {found["Bill Clinton"], found["Graham Brady"], found["Will Smith"]} == {"person"}
    # an event's head word is a surname too
    assert types("RNC co-chair Sharon Day said it was fine.")["Sharon Day"] == "person"


def test_a_place_before_a_comma_does_not_speak_and_a_titled_person_is_no_place() -> None:
    seg = Segmented(Document(id="t", text="His brother, who lives in Brisbane, told the ABC he was worried."))
    assert [m.type for m in find_mentions(seg) if m.actor == "Brisbane"] == ["place"]
    table = actors(score("The rally drew in Barack Obama. Later President Barack Obama said he was pleased."))
    assert table["Barack Obama"]["type"] == "person"
    # a day name after "on" is no part of the name; a newspaper's is
    found = {a for _, a in mentions("On Monday Tony Blair said no. The Sunday Mirror agreed.") if a}
    assert "Tony Blair" in found and any(a.endswith("Sunday Mirror") for a in found)


def test_a_newspaper_that_says_something_is_no_person() -> None:
    # "China Daily said": a speech verb made it a person, and a later "he" could resolve to it.
    table = actors(score("China Daily said the market grew. The Philadelphia Inquirer reported it. Smith said so."))
    assert table["China Daily"]["type"] == "organisation" and table["Philadelphia Inquirer"]["type"] == "organisation"
    assert table["Smith"]["type"] == "person"


def test_people_in_pasted_link_farm_headlines_are_not_the_articles_actors() -> None:
    # Seed 003: game-guide headlines above the article and a glued block of celebrity headlines below
    # it named people (王曉晨, 黃昭穎) and Donald Trump, whom the article never mentions.
    from tests.conftest import seed_text

    table = actors(score(seed_text("003")))
    assert {"China", "United States", "Huawei", "Financial Times"} <= set(table)
    assert not {"王曉晨", "黃昭穎", "魯公神", "Donald Trump"} & set(table)


# A scraped page: a menu, the article's headline and byline, the article, other stories' headlines,
# a reader's comment, a share widget and a footer.
SCRAPED_PAGE = """Home
News
Sport
Politics
Business
Mills steps aside as Jane Hartley takes the party
By Tom Ellis, political correspondent
3 May 2024
Jane Hartley was elected leader of the party on Tuesday after a contest that lasted six weeks. She won by a \
wide margin among the members who voted.
Robert Mills, who led the party for four years, said he would support her. Hartley thanked him in a short \
speech and promised a review of the party's finances.
The result was expected. Mills had announced in March that he would not stand again, citing his health.
Related stories
Boris Johnson quits as Liverpool chairman
Madonna announces new world tour dates
Kevin Spacey cleared in London court
Comments
Sarah Jenkins says:
Margaret Thatcher would have been proud of this one.
Share this article
Copyright 2024 Example Media. All rights reserved.
"""


def test_names_on_the_page_around_a_scraped_article_are_not_its_actors() -> None:
    from rubrics.boilerplate import LINK_FARM

    seg = Segmented(Document(id="t", text=SCRAPED_PAGE))
    found = {m.actor for m in find_mentions(seg) if m.actor}
    assert found == {"Jane Hartley", "Robert Mills"}
    # The article's own headline, outside the main block, is still read.
    headline = SCRAPED_PAGE.index("Mills steps aside")
    assert any(headline <= m.start < headline + 50 for m in find_mentions(seg) if m.actor)
    # What lean 2.3 read (link farms skipped only): the menu, byline, comments and footer too.
    before = {m.actor for m in find_mentions(seg, page_labels=frozenset({LINK_FARM})) if m.actor}
    assert {"Tom Ellis", "Sarah Jenkins", "Margaret Thatcher"} <= before


# Lines of a scraped page, drawn at random: menu entries, headlines, bylines, comments, prose naming people.
_PAGE_PIECES = [line for line in SCRAPED_PAGE.splitlines() if line] + [
    "Angela Merkel met Emmanuel Macron in Paris on Monday, and the two leaders said the talks went well.",
    "Home | World | Business | Contact us", "Posted by Jane Doe at 9:14 pm", "Reply", "", "Tweet this",
    "Obama praises new climate plan", "“I think he is right,” said Senator Bernie Sanders.",
]


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_PAGE_PIECES), min_size=1, max_size=25), st.sampled_from(["", "A title"]))
def test_no_mention_on_a_page_line_whatever_the_page(pieces: list[str], title: str) -> None:
    from rubrics.boilerplate import LINK_FARM, shared_labels, title_line
    from rubrics.boilerplate.classify import headline_above_article
    from rubrics.lean.resolve import PAGE_LABELS

    text = "\n".join(pieces)
    seg = Segmented(Document(id="t", text=text, title=title or None))
    found = find_mentions(seg)
    assert found == find_mentions(Segmented(Document(id="t", text=text, title=title or None)))  # deterministic
    if len(seg.lines) < 3:
        return
    labels = shared_labels(seg)
    kept = {i for i in (headline_above_article(labels),) if i is not None}
    if (first := title_line(seg, labels)) is not None:
        kept.add(first.index)
    for m in found:
        line = next(ln for ln in seg.lines if ln.start <= m.start < ln.end)
        label = labels.labels[line.index]
        assert label not in PAGE_LABELS or (line.index in kept and label != LINK_FARM), (line.text, label)


def test_the_title_line_of_a_clean_article_is_read() -> None:
    text = ("Clarke faces rebellion over ID cards\n\nHome Secretary Charles Clarke faces a rebellion by Labour "
            "MPs over plans for identity cards. Clarke said the cards would help fight crime and terrorism.\n\n"
            "Critics said the scheme would cost far more than the government admits.\n")
    seg = Segmented(Document(id="t", text=text))
    assert any(m.start < text.index("\n") and m.actor == "Charles Clarke" for m in find_mentions(seg))


def test_a_speech_verb_after_the_and_a_name_is_an_institution_speaking() -> None:
    def types(text: str) -> dict[str, str]:
        seg = Segmented(Document(id="t", text=text))
        return {m.actor: m.type for m in find_mentions(seg) if m.actor}

    assert types("The Vatican said the visit would go ahead.")["Vatican"] == "organisation"
    assert types("Earlier the Countryside Alliance told members to wait.")["Countryside Alliance"] == "organisation"
    # No pronoun resolves to it: "he" is not the Bundesbank.
    seg = Segmented(Document(id="t", text="The Bundesbank said growth would slow. He added that prices would rise."))
    assert [m.actor for m in find_mentions(seg) if m.via == "pronoun"] == [None]
    # A person with a title, or without an article, still is one.
    assert types("The Prime Minister Tony Blair said he was confident.")["Tony Blair"] == "person"
    assert types("Smith said the plan worked.")["Smith"] == "person"


def test_a_plural_noun_of_people_is_no_name_before_a_speech_verb() -> None:
    assert set(actors(score("Analysts said the merger would go ahead. Officials told reporters it was done."))) == set()
    # A surname that is also a plural word still is a name.
    assert set(actors(score("Banks said the plan worked."))) == {"Banks"}


def test_a_role_naming_a_known_actor_is_that_actor() -> None:
    assert set(actors(score("Jensen Huang, CEO of NVIDIA, said so."))) == {"Jensen Huang", "NVIDIA"}


def test_an_organisation_name_with_and_is_one_name() -> None:
    assert set(actors(score("The Securities and Exchange Commission fined the bank."))) == {
        "Securities and Exchange Commission"}
    # Two names of their own stay two: the left one is an organisation or place already.
    assert set(actors(score("The State Department and British Foreign Office issued warnings."))) == {
        "State Department", "British Foreign Office"}
    assert set(actors(score("Smith and Jones said the plan worked."))) == {"Smith", "Jones"}
    assert not any(" and " in name for name in actors(score("He read The Independent and The Times.")))



def test_chinese_mentions_from_part_of_speech_tags_and_gazetteer() -> None:
    table = actors(score("美国总统特朗普周二表示，王毅将访问华盛顿。清華大學的研究人员称赞了这项成果。"))
    assert {"United States", "Donald Trump"} <= set(table)
    assert table["United States"]["mentions"] == 2  # 美国 and 华盛顿 fold to one actor
    assert any(name.startswith("王") for name in table)  # a person name jieba tags
    assert all(len(name) >= 2 for name in table)


def test_tone_depends_on_the_mention_not_only_the_sentence() -> None:
    # One sentence, two people: the praised one and the accused one.
    result = score("Senator Alice Brown praised the brave rescuers, while prosecutors accused Mark Green "
                   "of fraud and corruption.")
    by_actor = {m["actor"]: m for m in result.details["mentions"]}
    assert by_actor["Alice Brown"]["tone"] > by_actor["Mark Green"]["tone"]
    assert by_actor["Mark Green"]["label"] == "negative"
    text = result.details["mentions"][0]
    assert all(0 <= a < b for a, b, _ in text["words"])


def test_context_lexicon_reads_the_words_it_was_fitted_on() -> None:
    # Training builds the lexicon's columns from context_positions; the rubric sums the weights in
    # mention_vector. Both must read the same words, places and distances, or the weights mean nothing.
    from rubrics.lean import tone
    from rubrics.lean.tone import FEATURES, PLACES, context_positions, mention_vector, sentence_table

    seg = Segmented(Document(id="c", text="Critics said the plan by Mark Green and Alice Brown failed badly – "
                                          "not Alice Brown's."))
    mentions = find_mentions(seg)
    table = sentence_table(seg, 0)
    lexicon = tone.tone_model().context
    at = [FEATURES.index(f"context_{c}") for c in ("negative", "neutral", "positive")]
    assert len(mentions) >= 3
    read: set[str] = set()
    for m in mentions:
        beside = neighbours(mentions, m.start, m.end)
        expected = [0.0, 0.0, 0.0]
        positions = context_positions(table, m.start, m.end, beside.others, beside.same)
        assert positions and {place for _, place, _ in positions} <= set(PLACES)
        for word, place, weight in positions:
            read.add(word)
            weights = lexicon.get(word, (None,) * len(PLACES))[PLACES.index(place)]
            for k in range(3):
                expected[k] += weights[k] * weight if weights else 0.0
        values, _ = mention_vector(table, m.start, m.end, beside.others, beside.same)
        assert [values[k] for k in at] == pytest.approx(expected)
        assert any(expected)
    # Another actor two tokens from a mention and the dash next to one are read, from their own entries.
    assert {tone.OTHER_ACTOR, tone.NO_WORD} <= read and tone.OTHER_ACTOR in lexicon and tone.NO_WORD in lexicon
    # The weights a word shares across both sides (near, far) are read beside its side's own.
    for place in ("near", "far"):
        assert any(lexicon[word][PLACES.index(place)] for word in read if word in lexicon), place


def test_another_actors_name_carries_no_tone_to_the_mention() -> None:
    # VADER rates "joy" +2.8 and "justice" +2.4; as words of a name beside the mention they say nothing of it.
    from rubrics.lean.tone import FEATURES, mention_vector, sentence_table

    def features(name: str) -> tuple[list[float], list[str]]:
        seg = Segmented(Document(id="n", text=f"Critics say Alice Brown met {name} in Ohio on Monday."))
        mentions = find_mentions(seg)
        (target,) = (m for m in mentions if m.actor == "Alice Brown")
        beside = neighbours(mentions, target.start, target.end)
        assert beside.others, [m.actor for m in mentions]
        table = sentence_table(seg, 0)
        values, carried = mention_vector(table, target.start, target.end, beside.others, beside.same)
        return values, [table.low[i] for i, _ in carried]

    for charged, plain in (("Joy Smith", "Mark Smith"), ("the Justice Department", "the Commerce Department")):
        charged_values, charged_words = features(charged)
        plain_values, _ = features(plain)
        # the sentence's compound reads the name (it is the sentence's tone, not the mention's); nothing else may
        at = FEATURES.index("compound")
        assert charged_values[:at] + charged_values[at + 1:] == pytest.approx(plain_values[:at] + plain_values[at + 1:])
        assert not {"joy", "justice"} & set(charged_words)


def test_a_names_own_words_carry_no_tone_but_a_roles_do() -> None:
    # "Joy" is +2.8 in VADER: the name Joy Smith says nothing of how the text treats her, while "the brave
    # volunteers" is praise in the target's own words. The mention's kind is read as well.
    from rubrics.lean.tone import mention_features, sentence_table

    def features(text: str, target: str) -> dict[str, float]:
        seg = Segmented(Document(id="k", text=text))
        table = sentence_table(seg, 0)
        start = seg.text.index(target)
        return mention_features(table, start, start + len(target), [])[0]

    name = features("On Monday Joy Smith met reporters in Ohio.", "Joy Smith")
    plain = features("On Monday Mark Smith met reporters in Ohio.", "Mark Smith")
    assert name["own_pos"] == plain["own_pos"] == 0.0
    assert (name["pronoun"], name["role"]) == (0.0, 0.0)
    role = features("On Monday the brave volunteers met reporters in Ohio.", "the brave volunteers")
    assert role["own_pos"] > 0 and (role["pronoun"], role["role"]) == (0.0, 1.0)
    pronoun = features("On Monday she met reporters in Ohio.", "she")
    assert (pronoun["pronoun"], pronoun["role"]) == (1.0, 0.0)
    # a Chinese mention is a name (or 他 / 她): its own words are not read either
    chinese = features("华为公司的负责人昨天在北京会见了来自各地的记者和投资者。", "华为")
    assert (chinese["pronoun"], chinese["role"], chinese["own_pos"], chinese["own_neg"]) == (0.0, 0.0, 0.0, 0.0)


def test_places_next_to_a_mention_are_its_own_neighbours() -> None:
    from rubrics.lean.tone import NO_WORD, OTHER_ACTOR, SAME_ACTOR, context_positions, sentence_table

    seg = Segmented(Document(id="n", text="Critics slammed Mark Green - and Alice Brown praised him."))
    table = sentence_table(seg, 0, context={})
    green = seg.text.index("Mark Green")
    brown = seg.text.index("Alice Brown")
    places = {place: word for word, place, weight in
              context_positions(table, green, green + len("Mark Green"), [(brown, brown + len("Alice Brown"))])
              if place[-1].isdigit() and weight == 1.0}
    assert places == {"left_1": "slammed", "left_2": "critics", "right_1": NO_WORD, "right_2": "and"}
    places = {place: word for word, place, _ in
              context_positions(table, brown, brown + len("Alice Brown"), [(green, green + len("Mark Green"))])
              if place[-1].isdigit()}
    assert places == {"left_1": "and", "left_2": NO_WORD, "right_1": "praised", "right_2": "him"}
    # Another actor's tokens are never read as context words, but next to the mention they are a place.
    seg = Segmented(Document(id="m", text="Mark Green Alice Brown"))
    table = sentence_table(seg, 0, context={})
    positions = context_positions(table, 0, len("Mark Green"), [(11, len(seg.text))])
    assert positions == [(OTHER_ACTOR, "right_1", 1.0), (OTHER_ACTOR, "right_2", 1.0)]
    # The same actor named again is masked too, with a place of its own: no name is a tone cue.
    positions = context_positions(table, 0, len("Mark Green"), [], [(11, len(seg.text))])
    assert positions == [(SAME_ACTOR, "right_1", 1.0), (SAME_ACTOR, "right_2", 1.0)]


def test_mentions_point_into_the_original_text_with_the_words_behind_the_tone() -> None:
    text = "Ｍｒ Smith wins. Jane Smith was arrested for fraud."  # full-width letters normalise
    result = score(text)
    for m in result.details["mentions"]:
        assert text[m["start"]:m["end"]].strip() and m["actor"] in {a["actor"] for a in result.details["actors"]}
        assert m["sentence"][0] <= m["start"] < m["end"] <= m["sentence"][1]
        assert all(text[a:b].strip() for a, b, _ in m["words"])
    labels = {e.label for e in result.evidence}
    assert labels <= {f"actor:{a['actor']}" for a in result.details["actors"]}

def test_the_words_behind_a_tone_push_that_way_and_are_words_a_reader_can_weigh() -> None:
    from rubrics.common.data import function_words

    text = ('Prosecutors accused Mark Green of fraud, and the judge said the "corrupt" scheme was a disgrace. '
            "The brave rescuers praised Alice Brown for her courage and her great kindness.")
    result = score(text)
    function = function_words().en
    shown = 0
    for m in result.details["mentions"]:
        for a, b, weight in m["words"]:
            word = text[a:b]
            shown += 1
            assert word == word.strip("\"'“”.,;:!?()") and word  # the word, not its quotes or comma
            assert word.lower() not in function
            if m["label"] == "negative":
                assert weight < 0
            elif m["label"] == "positive":
                assert weight > 0
    assert shown
    labels = {m["actor"]: m["label"] for m in result.details["mentions"]}
    assert labels["Mark Green"] == "negative" and labels["Alice Brown"] == "positive"



def test_actor_tone_has_an_interval() -> None:
    table = actors(score("Acme Widgets won praise. Acme Widgets was accused of fraud. Acme Widgets grew."))
    row = table["Acme Widgets"]
    assert row["ci_low"] <= row["tone"] <= row["ci_high"] and row["ci_low"] < row["ci_high"]


def test_tone_follows_the_sentences() -> None:
    text = ("Acme Widgets delivered a wonderful, brilliant success. Acme Widgets was praised. "
            "Globex Corp caused a horrible disaster. Globex Corp faces terrible losses.")
    result = score(text)
    table = actors(result)
    assert table["Acme Widgets"]["type"] == "other"  # a name outside the gazetteer
    assert table["Acme Widgets"]["tone"] > 0 > table["Globex Corp"]["tone"]
    assert result.features["tone_gap"] > 0.8 and "one_sided_tone" in result.flag_names
    ordered = [a["mentions"] for a in result.details["actors"]]
    assert ordered == sorted(ordered, reverse=True)


def test_user_gazetteer_extends(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("actor,type,aliases\nMoore Threads,company,Moore Threads|摩尔线程\n", encoding="utf-8")
    table = actors(score("摩尔线程发布新芯片。Moore Threads said so.", gazetteer=str(extra)))
    assert table["Moore Threads"]["mentions"] == 2 and table["Moore Threads"]["voice"] == 1


def test_a_missing_or_malformed_user_gazetteer_fails_when_the_profile_loads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\nAcme,company\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="missing column"):
        read_gazetteer(bad)
    for value in ("missing.csv", "bad.csv"):
        profile = {"rubrics": {"lean": 1.0}, "params": {"lean": {"gazetteer": value}}}
        with pytest.raises(ProfileError, match="params.lean.gazetteer"):
            parse_profile(profile, str(tmp_path / "profile.toml"), base=tmp_path)
    good = tmp_path / "good.csv"
    good.write_text("actor,type,aliases\nAcme,company,Acme|ACME Corp\n", encoding="utf-8")
    loaded = parse_profile({"rubrics": {"lean": 1.0}, "params": {"lean": {"gazetteer": "good.csv"}}},
                           str(tmp_path / "profile.toml"), base=tmp_path)
    assert Path(loaded.params["lean"]["gazetteer"]).resolve() == good.resolve()  # relative to the profile


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_favour_huawei_over_the_us_government(prefix: str) -> None:
    table = actors(seed(prefix))
    us, huawei = (table[n]["tone"] for n in ("United States", "Huawei"))
    assert us < 0, f"seed {prefix}: US tone {us}"
    assert huawei > us


def test_seed_001_favours_china_over_the_us_government() -> None:
    table = actors(seed("001"))
    assert table["China"]["tone"] > table["United States"]["tone"]


def test_seed_002_is_closer_to_balanced_than_001() -> None:
    # 003's gap is set by the Financial Times (cited twice) against Trump, both mildly rated: it moves with
    # the model and is no statement about balance, so only 001 (Huawei against the US government) is compared.
    gaps = {p: seed(p).features["tone_gap"] for p in ("001", "002")}
    assert gaps["002"] < gaps["001"]


def mention_actors(text: str) -> list[tuple[str, str]]:
    return [(text[m["start"]:m["end"]], m["actor"]) for m in score(text).details["mentions"]]


def test_a_pronoun_does_not_resolve_to_a_place_named_after_in() -> None:
    text = "Jamie Foxx accepted his award in Los Angeles on Saturday. He also praised the director."
    assert ("He", "Jamie Foxx") in mention_actors(text)
    assert actors(score(text))["Los Angeles"]["type"] == "place"


def test_letters_and_ampersand_pieces_are_not_actors() -> None:
    table = actors(score("R&B singer Usher won the award. Plan B failed, and AT&T shares fell."))
    assert set(table) == {"Usher"}


def test_a_full_name_that_ends_in_an_alias_is_kept_when_it_comes_back() -> None:
    # Sentence-initial "Denzel Washington" could be "Amidst DeepSeek" (an unknown word before an
    # alias); the same run later in the text says it is a name.
    text = "Denzel Washington arrived. Officials in Washington said Denzel Washington would act."
    found = mention_actors(text)
    assert found.count(("Denzel Washington", "Denzel Washington")) == 2
    assert ("Washington", "United States") in found
    assert mention_actors("Amidst DeepSeek's rise, shares fell.") == [("DeepSeek", "DeepSeek")]


def test_a_name_after_the_is_no_full_name_for_a_short_form() -> None:
    text = 'Will Highlight become "The Next Twitter"? You can connect to Twitter and Facebook.'
    assert ("Twitter", "Twitter") in mention_actors(text)
    assert ("Cameron", "David Cameron") in mention_actors("David Cameron spoke. Cameron said no.")


def test_the_pronoun_i_does_not_continue_a_name() -> None:
    found = mention_actors("The fans love Liverpool I think, and Liverpool won. Mr I. Smith spoke.")
    assert found[:2] == [("Liverpool", "Liverpool"), ("Liverpool", "Liverpool")]
    assert ("Mr I. Smith", "I Smith") in found  # an initial with its full stop is part of the name


# Words that open, end or cut names: parties and peoples, gazetteer aliases, given names that are ordinary words,
# titles held before or after, shouted words, share buttons, connectors and punctuation.
_NAME_WORDS = ["Republican", "Jewish", "Black", "Donald", "Trump", "White", "House", "Obama", "Bill", "Clinton",
               "Mark", "then-Secretary", "of", "State", "President-elect", "ex-President", "Special", "Counsel",
               "THE", "VERY", "STEPS", "Facebook", "Twitter", "Pinterest", "Mitt", "Romney", "Don't", "said",
               "the", "and", ".", ",", "\n", "Claudia", "Yanira", "Hernandez", "Soriano", "Party", "Presidency",
               # whole phrases, so that every cut is drawn often
               "the Obama White House", "Facebook Twitter Pinterest Donald Trump", "Republican Mitt Romney",
               "Debating Bill Clinton", "Mitt Romney", "Bill Clinton", "Claudia Yanira Hernandez Soriano"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=40))
@example(["ex-President", "of", "THE"])  # a title's "of the" ending the text: an index error before
def test_cut_names_stay_inside_their_words_whatever_the_words(words: list[str]) -> None:
    text = " ".join(words)
    seg = Segmented(Document(id="t", text=text))
    found = find_mentions(seg)
    assert found == find_mentions(Segmented(Document(id="t", text=text)))  # deterministic
    spans = sorted((m.start, m.end) for m in found)
    for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
        assert end <= next_start  # no two mentions overlap
    for m in found:
        assert 0 <= m.start < m.end <= len(seg.text)
        surface = seg.text[m.start:m.end]
        assert surface == surface.strip() and (surface[0].isalnum() or surface[0] in "“\"'"), surface
        if m.tokens:  # a name's last word ends its span
            assert surface.rstrip("'’s").endswith(m.tokens[-1].rstrip("'’s")), (surface, m.tokens)


def test_a_second_mention_of_the_same_actor_is_no_other_actor() -> None:
    # The tone model reads words next to "another actor" as being about somebody else: the target's own
    # pronoun or its name repeated must not count as one, while every other actor still does. The name
    # again is masked (`same`), its pronoun is read as a word (in neither list).
    text = ("Mr. Obama, then a senator, said that he should have credited Mr. Patrick "
            "but that Obama did not consider it plagiarism.")
    mentions = find_mentions(Segmented(Document(id="t", text=text)))
    spans = {text[m.start:m.end]: (m.start, m.end) for m in mentions}
    assert set(spans) == {"Mr. Obama", "he", "Mr. Patrick", "Obama"}

    def beside(name: str) -> tuple[set[str], set[str]]:
        found = neighbours(mentions, *spans[name])
        return {text[a:b] for a, b in found.others}, {text[a:b] for a, b in found.same}

    assert beside("Mr. Obama") == ({"Mr. Patrick"}, {"Obama"})
    assert beside("Obama") == ({"Mr. Patrick"}, {"Mr. Obama"})
    assert beside("Mr. Patrick") == ({"Mr. Obama", "he", "Obama"}, set())
    # A mention no actor was resolved to stays another actor to everyone.
    unresolved = find_mentions(Segmented(Document(id="t", text="He said Ms. Smith lied.")))
    assert [m.actor for m in unresolved if m.via == "pronoun"] == [None]
    assert len(neighbours(unresolved, unresolved[-1].start, unresolved[-1].end).others) == 1


def test_a_pronoun_agrees_with_its_antecedents_given_name_and_skips_things_that_are_no_person() -> None:
    # "her" is Hillary Clinton's, not the nearer Tim Kaine's (given names: 1990 US Census lists); "she"
    # skips "Uranium One", a capitalised pair with no given name, for the person before it.
    def resolved(text: str) -> list[tuple[str, str | None]]:
        return [(text[m.start:m.end], m.actor) for m in find_mentions(Segmented(Document(id="t", text=text)))
                if m.via == "pronoun"]

    assert resolved("Hillary Clinton and her running mate, Tim Kaine, released their tax returns, "
                    "putting pressure on her opponent.") == [("her", "Hillary Clinton"), ("her", "Hillary Clinton")]
    assert resolved("Hillary Clinton defended the sale of Uranium One after she left the State Department.") == [
        ("she", "Hillary Clinton")]
    # A name used by both sexes says nothing; a title still decides ("Ms.").
    assert resolved("Jordan Smith arrived, and then she spoke.") == [("she", "Jordan Smith")]
    assert resolved("Ms. Tim Kaine arrived, and then she spoke.") == [("she", "Tim Kaine")]


@pytest.mark.parametrize(("filler", "times"), [("Obama's ", 5_000), ("Aa Bb ", 15_000), ("Mr. ", 15_000),
                                               ("习近平", 15_000), ("U.S. ", 15_000)])
def test_a_sentence_of_thousands_of_names_takes_linear_time(filler: str, times: int) -> None:
    # One unpunctuated "sentence" of thousands of mentions (a list, a table, a keyword-stuffed page):
    # every mention's tone reads the sentence, so 5,000 of them took 31 s; one capitalised run of 30,000
    # words took 20 s in the short-form resolution, "Mr. " 15,000 times 12 s; 15,000 Chinese names 17 s and
    # "U.S. " 8 s, each new mention checked against every span taken before it. Now 1.2, 0.1, 0.7, 2.1 and
    # under 1 s: bounds far above the linear time, not benchmarks.
    import time

    from rubrics.lean.rubric import MAX_MENTIONS_PER_SENTENCE

    body = "The council approved the budget on Monday, officials said.\n"
    text = body + filler * times + "\n" + body
    started = time.perf_counter()
    result = LeanRubric().score(Segmented(Document(id="t", text=text)))
    assert time.perf_counter() - started < 8.0
    per_sentence: dict[tuple[int, int], int] = {}
    for m in result.details["mentions"]:
        key = tuple(m["sentence"])
        per_sentence[key] = per_sentence.get(key, 0) + 1
    assert max(per_sentence.values(), default=0) <= MAX_MENTIONS_PER_SENTENCE


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=30),
       st.integers(0, 70), st.integers(0, 12))
def test_taken_spans_answer_overlaps_as_a_scan_of_all_of_them(spans: list[tuple[int, int]], start: int,
                                                              length: int) -> None:
    from rubrics.lean.resolve import _overlaps, _Taken

    taken = _Taken()
    pairs = [(a, a + n) for a, n in spans]
    for a, b in pairs:
        taken.add(a, b)
    assert taken.overlaps(start, start + length) == _overlaps(start, start + length, pairs)
