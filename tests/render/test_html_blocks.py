"""The briefing's blocks read as HTML trees: header, key figures, sections, numbering, closing.

One small province is prepared once per language. What it holds, by hand (H1 2020, unit P):

- ``trained`` (jobs, flow): 100 a month, 600; last year 80 a month, 480 (+25,0%); plan
  1.000 -> 60,0%, expected 6/12 = 50 % -> on track. Its component ``trained.short``: 40 a
  month, 240, no plan.
- ``members`` (insurance, stock): 850 in June; 800 in June and December 2019; plan 1.000 ->
  85,0%; expected 800 + (1.000 - 800) x 6/12 = 900 -> 90 %, and 85 >= 0,9 x 90 = 81 -> at risk.
- ``poverty`` (social, rate): 3,5 in June; no plan, no last year: a table but no chart.
- ``accidents`` (safety, flow, down): 2 a month, 12; last year 3 a month, 18; ceiling 30 ->
  40,0%, within the expected 50 % -> on track.
- three dossiers resolved in January and February: the admin section has a chart.

So: key figures for trained, members, accidents; sections I key figures, II-V the four sectors,
VI administrative procedures, VII notes; tables 1-4; charts 1 (jobs), 2 (insurance), 3 (safety),
4 (administrative procedures).
"""

import re

import pytest
from html_tree import by_class, child_tags, classes, one, parse_html, text

import briefing
from briefing.render.tables import STATUS_MARKS
from conftest import INDICATORS, ORG_UNITS, dossiers_csv, months_rows, targets_csv, values_csv, write_tables

SECTORS = """\
sector,name_vi,name_en
jobs,Việc làm,Jobs
insurance,Bảo hiểm xã hội,Social insurance
social,Giảm nghèo,Poverty reduction
safety,An toàn lao động,Work safety
"""
SECTOR_NAMES = {"vi": ["Việc làm", "Bảo hiểm xã hội", "Giảm nghèo", "An toàn lao động"],
                "en": ["Jobs", "Social insurance", "Poverty reduction", "Work safety"]}
VALUES = (months_rows("trained", "P", 2020, [100] * 6) + months_rows("trained", "P", 2019, [80] * 6)
          + months_rows("trained.short", "P", 2020, [40] * 6)
          + [("members", "P", "2020-06", 850), ("members", "P", "2019-06", 800),
             ("members", "P", "2019-12", 800), ("poverty", "P", "2020-06", 3.5)]
          + months_rows("accidents", "P", 2020, [2] * 6) + months_rows("accidents", "P", 2019, [3] * 6))
TARGETS = [("trained", "P", 2020, 1000), ("members", "P", 2020, 1000), ("accidents", "P", 2020, 30)]
DOSSIERS = [("h1", "D1", "Cấp phép", "2020-01-03", "2020-01-20", "2020-01-10"),
            ("h2", "D1", "Cấp phép", "2020-01-06", "2020-01-20", "2020-01-25"),
            ("h3", "D2", "Trợ cấp", "2020-02-03", "2020-02-20", "2020-02-14")]
DOCUMENT = briefing.DocumentInfo(
    issuer="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", parent_body="UBND TỈNH P", place="Bạc Liêu",
    report_date="2020-07-24", doc_number="123/BC-SLĐTBXH", signer="Nguyễn Văn A",
    signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", recipients=("Bộ LĐTBXH", "Lưu: VT"))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = write_tables(tmp_path_factory.mktemp("blocks"), indicators=INDICATORS,
                          org_units=ORG_UNITS, sectors=SECTORS, values=values_csv(VALUES),
                          targets=targets_csv(TARGETS), dossiers=dossiers_csv(DOSSIERS))
    return briefing.load_dataset(folder)


BLOCKS = ("header", "key_figures", "changes_since_last", "sector_sections", "admin_procedures",
          "quality_notes", "closing", "annex")


@pytest.fixture(scope="module")
def blocks(dataset):
    """The blocks of the H1 2020 briefing of P in each language, rendered once (charts are the
    slow part), plus the labelled ``metrics``."""
    found = {}
    for lang in ("vi", "en"):
        report = briefing.prepare_report(dataset, "2020S1", "P", lang, document_info=DOCUMENT)
        found[lang] = {name: str(getattr(report, name)()) for name in BLOCKS}
        found[lang]["metrics"] = report.metrics
    return found


LANGS = pytest.mark.parametrize("lang", ["vi", "en"])


# --- header ------------------------------------------------------------------------------------

@LANGS
def test_the_header_is_issuer_and_number_left_motto_and_dateline_right(blocks, lang):
    root = parse_html(blocks[lang]["header"])
    assert child_tags(root) == ["header.doc-header", "div.doc-title", "p.intro"]
    left, right = root[0]
    assert child_tags(root[0]) == ["div.left", "div.right"]
    assert child_tags(left) == ["p.parent-body", "p.issuer", "span.rule", "p.number"]
    assert [text(p) for p in left.iter("p")][:2] == ["UBND TỈNH P",
                                                     "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
    assert "123/BC-SLĐTBXH" in text(one(left, "number"))
    assert child_tags(right) == ["p.motto", "p.motto", "span.rule.long", "p.dateline"]
    assert all(text(p) for p in by_class(right, "motto"))


@pytest.mark.parametrize("lang, dateline", [("vi", "Bạc Liêu, ngày 24 tháng 7 năm 2020"),
                                            ("en", "Bạc Liêu, 24 July 2020")])
def test_the_dateline_is_place_then_date_in_the_language(blocks, lang, dateline):
    assert text(one(parse_html(blocks[lang]["header"]), "dateline")) == dateline


@pytest.mark.parametrize("lang, period", [("vi", "6 tháng đầu năm 2020"), ("en", "H1 2020")])
def test_the_title_is_a_heading_then_a_subject_naming_the_period(blocks, lang, period):
    title = one(parse_html(blocks[lang]["header"]), "doc-title")
    assert child_tags(title) == ["h1", "p.subject"]
    assert text(title[0])
    assert period in text(title[1])


@LANGS
def test_without_document_fields_the_unit_issues_it_and_nothing_is_empty(dataset, lang):
    report = briefing.prepare_report(dataset, "2020S1", "P", lang)
    left = one(parse_html(report.header()), "left")
    assert child_tags(left) == ["p.issuer", "span.rule", "p.number"]
    assert text(one(left, "issuer")) == {"vi": "Tỉnh P", "en": "Province P"}[lang]
    assert text(one(left, "number"))


def test_header_fields_from_the_params_file_stay_text(dataset):
    hostile = briefing.DocumentInfo(issuer="<script>x()</script>", place="<b>P</b>",
                                    report_date="2020-07-24")
    root = parse_html(briefing.prepare_report(dataset, "2020S1", "P", "vi",
                                              document_info=hostile).header())
    assert not list(root.iter("script")) and not list(root.iter("b"))
    assert text(one(root, "issuer")) == "<script>x()</script>"
    assert text(one(root, "dateline")).startswith("<b>P</b>, ")


# --- key figures -------------------------------------------------------------------------------

#: (status, value, % of plan, shape) per card, in the catalogue's order; see the module's notes.
CARDS = {"vi": [("on_track", "600 người", "60,0%"), ("at_risk", "850 người", "85,0%"),
                ("on_track", "12 vụ", "40,0%")],
         "en": [("on_track", "600 people", "60.0%"), ("at_risk", "850 people", "85.0%"),
                ("on_track", "12 accidents", "40.0%")]}


@LANGS
def test_one_card_per_key_indicator_with_value_name_plan_and_status(blocks, lang):
    root = parse_html(blocks[lang]["key_figures"])
    assert child_tags(root) == ["h2", "div.key-figures"]
    cards = list(root[1])
    assert len(cards) == len(CARDS[lang])
    for card, (status, value, pct) in zip(cards, CARDS[lang]):
        assert classes(card) == ["key-figure", f"status-{status}"]
        assert child_tags(card) == ["div.figure-value", "div.figure-name", "div.figure-plan"]
        assert text(card[0]) == value
        assert text(card[1])
        assert pct in text(card[2]) and STATUS_MARKS[status] in text(card[2])


@LANGS
def test_components_and_indicators_without_a_plan_get_no_card(blocks, lang):
    names = [text(e) for e in by_class(parse_html(blocks[lang]["key_figures"]), "figure-name")]
    labels = blocks[lang]["metrics"].set_index("indicator_id")["name"]
    assert names == [labels["trained"], labels["members"], labels["accidents"]]


@pytest.mark.parametrize("lang, month_value", [("vi", "100 người"), ("en", "100 people")])
def test_a_month_card_leads_with_the_year_to_date_and_shows_the_month_below(dataset, lang,
                                                                             month_value):
    # June 2020: 100 trained in the month, 600 since January; the plan's 60,0 % is of the 600.
    report = briefing.prepare_report(dataset, "2020-06", "P", lang)
    card = by_class(parse_html(report.key_figures()), "key-figure")[0]
    assert child_tags(card) == ["div.figure-value", "div.figure-name", "div.figure-detail",
                                "div.figure-plan"]
    assert text(card[0]) == month_value.replace("100", "600")
    assert month_value in text(card[2])


# --- sections, tables and charts ---------------------------------------------------------------

def body(blocks):
    return parse_html("".join(blocks[name] for name in (
        "key_figures", "sector_sections", "admin_procedures", "quality_notes")))


def numbers(captions) -> list[int]:
    return [int(re.search(r"\d+", text(c)).group()) for c in captions]


@LANGS
def test_sections_are_numbered_i_ii_iii_in_order(blocks, lang):
    headings = [text(h) for h in body(blocks[lang]).iter("h2")]
    assert [h.split(". ", 1)[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert [h.split(". ", 1)[1] for h in headings[1:5]] == SECTOR_NAMES[lang]


@LANGS
def test_each_sector_has_sentences_a_numbered_table_with_a_row_per_indicator(blocks, lang):
    root = parse_html(blocks[lang]["sector_sections"])
    captions = by_class(root, "table-caption")
    assert numbers(captions) == [1, 2, 3, 4]
    assert all(name in text(c) for c, name in zip(captions, SECTOR_NAMES[lang]))
    rows = [table.findall("tbody/tr") for table in root.iter("table")]
    assert [len(r) for r in rows] == [2, 1, 1, 1]        # jobs: the total and its component
    assert [tr.get("class") for tr in rows[0]] == [None, "component"]
    assert [child.tag for child in root].count("p") >= 4 + 4    # a sentence and a caption each


@LANGS
def test_charts_are_numbered_in_sequence_and_only_where_there_is_something_to_draw(blocks, lang):
    root = body(blocks[lang])
    sections, current = {}, None
    for element in root:
        if element.tag == "h2":
            current = text(element).split(". ", 1)[0]
        elif element.tag == "figure":
            sections.setdefault(current, []).append(element)
    assert list(sections) == ["II", "III", "V", "VI"]       # not the poverty rate's section IV
    figures = [f for found in sections.values() for f in found]
    assert numbers(f.find("figcaption") for f in figures) == [1, 2, 3, 4]


@LANGS
def test_a_chart_is_an_inline_svg_image_described_by_its_caption(blocks, lang):
    for figure in parse_html(blocks[lang]["sector_sections"]).iter("figure"):
        assert classes(figure) == ["chart"]
        assert child_tags(figure) == ["img", "figcaption"]
        image, caption = figure
        assert image.get("src").startswith("data:image/svg+xml;base64,")
        assert image.get("alt") == text(caption) != ""


@LANGS
def test_quality_notes_are_a_heading_and_one_paragraph_per_note(blocks, lang):
    root = parse_html(blocks[lang]["quality_notes"])
    assert root[0].tag == "h2"
    notes = list(root)[1:]
    assert notes and all(classes(p) == ["note"] and text(p).startswith("- ") for p in notes)


# --- closing and annex -------------------------------------------------------------------------

@pytest.mark.parametrize("lang, heading", [("vi", "Nơi nhận:"), ("en", "Recipients:")])
def test_the_closing_lists_recipients_left_and_signs_right(blocks, lang, heading):
    root = parse_html(blocks[lang]["closing"])
    closing = one(root, "closing", "section")
    assert child_tags(closing) == ["div.recipients", "div.signature"]
    recipients, signature = closing
    assert [text(p) for p in recipients] == [heading, "- Bộ LĐTBXH", "- Lưu: VT"]
    assert classes(recipients[0]) == ["heading"]
    assert child_tags(signature) == ["p.title", "p.title", "div.space", "p.name"]
    assert [text(p) for p in signature.iter("p")] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                      "Nguyễn Văn A"]


def test_without_recipients_or_signer_the_closing_is_empty(dataset):
    closing = one(parse_html(briefing.prepare_report(dataset, "2020S1", "P", "vi").closing()),
                  "closing")
    assert [len(part) for part in closing] == [0, 0]


@LANGS
def test_the_annex_lists_each_input_table_with_its_rows_and_checksum(blocks, lang):
    annex = one(parse_html(blocks[lang]["annex"]), "annex", "section")
    assert child_tags(annex) == ["h2", "p.note", "div.table-wrap"]
    rows = {text(tr[0]): tr for tr in annex.findall(".//table/tbody/tr")}
    assert {"values.csv", "indicators.csv", "targets.csv", "dossiers.csv"} <= set(rows)
    assert text(rows["values.csv"][2]) == str(len(VALUES))      # 49 rows: fewer than 1.000
    for tr in rows.values():
        assert re.fullmatch(r"[0-9a-f]{64}", text(one(tr, "hash", "span")))


@LANGS
def test_the_whole_document_is_well_nested(blocks, lang):
    parse_html("".join(blocks[lang][name] for name in BLOCKS))
