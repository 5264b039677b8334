"""Date extraction: table-driven cases (tests/cases/dates*.yaml) and the rules around them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from newsarchive.dates import Anchor, DateLexicon, _interpret, find_dates, parse_date, scan, settle
from newsarchive.langdata import DATA_DIR, load_yaml

# dates.yaml, and dates_<topic>.yaml for groups of languages
CASES = [case for path in sorted((Path(__file__).parent / "cases").glob("dates*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['text'][:30]}" for c in CASES])
def test_date_cases(case):
    found = find_dates(case["text"], case["lang"], case.get("anchor"))
    assert [[d.surface, d.iso, d.inferred] for d in found] == case["expect"]
    for d in found:
        assert case["text"][d.start : d.end] == d.surface


def test_precision_follows_the_text():
    found = find_dates("2025年3月5日、2025年3月、2025年", "ja")
    assert [d.precision for d in found] == ["day", "month", "year"]


def test_invalid_calendar_dates_are_rejected():
    assert [d.iso for d in find_dates("Am 31.02.2025 nicht.", "de")] == []
    isos = [d.iso for d in find_dates("2025年2月30日", "ja", "2025-03-01")]
    assert not any(iso and iso.startswith("2025-02") for iso in isos)


def test_yearless_month_takes_the_nearest_year_and_last_goes_back():
    anchor = "2025-01-10"
    assert [d.iso for d in find_dates("in December", "en", anchor)] == ["2024-12"]
    assert [d.iso for d in find_dates("last January", "en", anchor)] == ["2024-01"]
    assert [d.iso for d in find_dates("next January", "en", anchor)] == ["2026-01"]


def test_year_only_anchor_resolves_relative_years_but_not_months():
    assert [d.iso for d in find_dates("昨年と3月5日", "ja", "2025")] == ["2024", None]


def test_scan_is_independent_of_the_anchor():
    lex = DateLexicon.load("ja")
    raws = scan("前年の11月と2023年", lex)
    assert [(r.year, r.month, r.year_offset) for r in raws] == [(None, 11, -1), (2023, None, None)]
    assert Anchor.parse("2025-03-06") == Anchor(2025, 3, 6)
    assert Anchor.parse("not a date") is None


def test_parse_date_still_reads_datelines():
    assert parse_date("Last Updated on 2024-06-16 10:09") == ("2024-06-16", "day")
    assert parse_date("Published on March 12, 2025") == ("2025-03-12", "day")


@pytest.mark.parametrize(("line", "iso"), [
    ("Publicado el 5 de marzo de 2025", "2025-03-05"),
    ("Publicado em 5 de março de 2025 às 10h", "2025-03-05"),
    ("2025년 3월 5일 10:00", "2025-03-05"),
    ("2025. 09. 16 15:20", "2025-09-16"),
    ("Updated 5th March 2025", "2025-03-05"),
    ("Publié le 1er mars 2025", "2025-03-01"),
])
def test_parse_date_reads_datelines_of_other_languages(line, iso):
    assert parse_date(line) == (iso, "day")


def test_parse_date_refuses_an_ambiguous_slashed_date():
    assert parse_date("05/03/2025 10h00") is None


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("dates_*/*.txt")), ids=lambda p: p.name)
def test_scanning_cue_windows_finds_what_the_whole_text_gives(path):
    """The patterns run only around cues; that must lose nothing."""
    lang = path.stem.split("_")[0]
    lex = DateLexicon.load(lang)
    text = path.read_text(encoding="utf-8")
    found = {(r.start, r.end) for r in scan(text, lex)}
    every = [raw for p in lex.patterns for m in p.finditer(text) if (raw := _interpret(m, lex, text))]
    assert found == {(r.start, r.end) for r in settle(every)} and found


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Строительство началось в июне 2024 года.", [("июне 2024 года", "2024-06")]),
    ("ru", "Работы завершились в мае 2024 года и в июле.", [("мае 2024 года", "2024-05"), ("июле", "2024-07")]),
    ("pl", "Umowę podpisano w maju 2024 r.", [("maju 2024 r.", "2024-05")]),
    ("zh", "计划于7月10日至12日在西安举办，截至17日，", [("7月10日", "2025-07-10"), ("12日", "2025-07-12"), ("17日", "2025-01-17")]),  # 计划 (planned): the coming July
    ("de", "Im März und April fiel weniger Regen.", [("März", "2025-03"), ("April", "2025-04")]),
    ("es", "Llovió poco en marzo y abril.", [("marzo", "2025-03"), ("abril", "2025-04")]),
    ("tr", "Yakıt ağustos ayında geldi, kasım ayı ise zor geçti.", [("ağustos ayında", "2024-08"), ("kasım ayı", "2024-11")]),
    ("en", "Sept 5 is no date; Sept. 5, 2024 is one.", [("Sept. 5, 2024", "2024-09-05")]),
    ("en", "The fires broke out on Jan. 7, and hearings run from Feb. 26 to March 2", [
        ("Jan. 7", "2025-01-07"), ("Feb. 26", "2025-02-26"), ("March 2", "2025-03-02")]),
])
def test_case_forms_of_months_are_full_names_and_abbreviations_need_a_dot(lang, text, expected):
    assert [(d.surface, d.iso) for d in find_dates(text, lang, "2025-01-20")] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Schon im Frühjahr hatte sich die Lage angedeutet.", [("Frühjahr", "2025")]),
    ("en", "Reed is expected to publish a paper in the autumn.", [("the autumn", "2025")]),
    ("es", "Podría recuperar rutas la próxima primavera.", [("la próxima primavera", "2026")]),
    ("en", "in spring 2024, by the hot spring", [("spring 2024", "2024")]),
])
def test_a_season_without_its_year_is_the_anchors_year_unless_next_or_last(lang, text, expected):
    found = find_dates(text, lang, "2025-10-20")
    assert [(d.surface, d.iso) for d in found] == expected and all(d.precision == "year" for d in found)


@pytest.mark.parametrize("lang, text, expected", [
    # 2025-03-12 is a Wednesday: the last Monday is 03-10, the next Friday 03-14
    ("en", "The authority said on Monday that it will vote on Friday.", ["2025-03-10", "2025-03-14"]),
    ("en", "He is also scheduled to testify on Friday.", ["2025-03-14"]),
    ("en", "On Friday, delegates are expected to sign a deal.", ["2025-03-14"]),
    ("en", "About 70 pickers were at work on Friday. The vote will be held in June.", ["2025-03-07", "2025-06"]),
    ("de", "Der Pegel dürfte bis Freitag weiter sinken.", ["2025-03-14"]),
    ("de", "Der Konzern teilte am Freitag mit, er werde Stellen streichen.", ["2025-03-07"]),
    ("tr", "Bakanın cuma günü Ankara'da yöneticilerle bir araya gelmesi bekleniyor.", ["2025-03-14"]),
    ("pl", "Rada Miasta zbierze się w piątek na sesji.", ["2025-03-14"]),
    ("pl", "Farma będzie liczyć 76 turbin – poinformowała w piątek rzeczniczka.", ["2025-03-07"]),
])
def test_a_weekday_looks_ahead_when_the_nearest_tense_word_does(lang, text, expected):
    assert [d.iso for d in find_dates(text, lang, "2025-03-12")] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("es", "La alerta rige hasta la madrugada del viernes.", ["2025-03-14"]),  # 5 days back: the coming one
    ("es", "La alerta rige desde el domingo.", ["2025-03-09"]),  # 3 days back
    ("de", "Die Sperre gilt seit Samstag.", ["2025-03-08"]),  # 4 days back
    ("de", "Die Sperre gilt bis Freitag.", ["2025-03-14"]),
])
def test_a_weekday_without_a_tense_word_is_the_nearer_one_counting_four_days_back(lang, text, expected):
    """Wednesday's paper: Monday to Saturday before are the last ones, Thursday
    and Friday the coming ones."""
    assert [d.iso for d in find_dates(text, lang, "2025-03-12")] == expected


# -- integrity of the language data --------------------------------------------

LANG_FILES = sorted((DATA_DIR / "dates").glob("*.yaml"))
KNOWN_KEYS = {
    "month_extra", "months_capitalized", "slash_order", "connectors", "triggers", "modifiers",
    "modifiers_after", "conjunctions", "not_after_year", "relative_years", "relative_month_before",
    "relative_month_after", "relative_year_link", "relative_year_not_before", "eras", "search_forms",
    "weekday_extra", "weekday_not_after", "weekday_not_before", "weekday_triggers", "day_of_month_before", "day_of_this_month", "year_after",
    "year_mark", "month_mark", "day_mark", "year_count_after", "fiscal_month_after", "relative_month_offsets",
    "day_count_after", "day_alone", "relative_year_not_after", "relative_week_before", "relative_days",
    "relative_month_day", "tense_ahead", "tense_past", "month_abbreviations",
    "month_after", "range_connectors", "seasons", "seasons_alone", "holidays", "holidays_after_trigger", "holiday_triggers", "day_month_triggers", "months_alone", "season_articles", "year_first",
}


@pytest.mark.parametrize("path", LANG_FILES, ids=[p.stem for p in LANG_FILES])
def test_language_data_is_well_formed(path):
    data = load_yaml(f"dates/{path.name}") or {}
    assert set(data) <= KNOWN_KEYS, set(data) - KNOWN_KEYS
    assert all(1 <= n <= 12 for n in (data.get("month_extra") or {}).values())
    assert all(isinstance(v, int) and -5 <= v <= 5 for v in (data.get("relative_years") or {}).values())
    assert all(isinstance(v, int) and -2 <= v <= 2 for v in (data.get("relative_month_offsets") or {}).values())
    assert all(1800 <= y <= 2100 for y in (data.get("eras") or {}).values())
    assert all(0 <= n <= 6 for n in (data.get("weekday_extra") or {}).values()), "0 is Monday, as in CLDR"
    for day in {**(data.get("holidays") or {}), **(data.get("holidays_after_trigger") or {})}.values():
        assert dt.date.fromisoformat(f"2024-{day}"), day  # "MM-DD" (2024: 02-29 is a day too)
    assert all(isinstance(w, str) for w in data.get("holiday_triggers") or ()), "quote YAML's no/yes/on"
    lex = DateLexicon.load(path.stem)
    assert sorted(set(lex.weekdays.values())) == list(range(7)), "CLDR gives all seven weekdays"
    if path.stem not in ("ja", "zh", "ko"):
        assert sorted(set(lex.months.values())) == list(range(1, 13)), "CLDR gives all twelve months"


def test_the_languages_have_data():
    assert {p.stem for p in LANG_FILES} >= {"ja", "zh", "de", "en", "fr", "es", "it", "pt", "nl", "ko", "ru", "pl"}


def test_traditional_chinese_dates_read_as_simplified_and_keep_their_spelling():
    found = [(d.surface, d.iso) for d in find_dates("上個月，台積電於週三宣布，下個月將開工。", "zh", "2025-03-05")]
    assert found == [("上個月", "2025-02"), ("週三", "2025-03-05"), ("下個月", "2025-04")]


@pytest.mark.parametrize("lang, text, expected", [
    ("pt", "O Copom se reúne na terça-feira (24).", [("terça-feira (24)", "2025-06-24")]),
    ("id", "Pada Minggu (6/4) jumlah penumpang naik.", [("Minggu (6/4)", "2025-04-06")]),
])
def test_a_weekday_with_its_day_in_brackets_is_that_day(lang, text, expected):
    assert [(d.surface, d.iso) for d in find_dates(text, lang, "2025-06-20")] == expected
