"""A saved guidelines worksheet as a PDF laid out by form CCSG-1's line numbers (fpdf2).

The PDF uses fpdf2's core Helvetica font, which covers Latin-1 only: dashes and quotes outside it
are replaced (``latin1``). A worksheet computed with an illustrative schedule carries the marking
"Illustrative schedule - not for court use" at the top of every page.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from cses.orders.models import Worksheet
from cses.orders.worksheet_layout import (
    ILLUSTRATIVE_MARKING,
    flag_labels,
    is_illustrative,
    money,
    worksheet_sections,
)

_REPLACEMENTS = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u203a": ">",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
FONT = "Helvetica"
COLUMNS = (14, 98, 38, 38)  # line, description, custodial, noncustodial (mm, 188 on Letter)


def latin1(text: object) -> str:
    """``text`` made printable with the core fonts: common typographic characters become their
    ASCII look-alikes and anything else outside Latin-1 becomes "?"."""
    return str(text).translate(_REPLACEMENTS).encode("latin-1", errors="replace").decode("latin-1")


class _WorksheetDocument(FPDF):
    def __init__(self, *, title: str, marking: str | None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="Letter")
        self.title_text = latin1(title)
        self.marking = latin1(marking) if marking else None
        self.set_margins(14, 12, 14)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(self.title_text)
        self.set_creator("CSES")

    def header(self) -> None:
        self.set_font(FONT, "B", 12)
        self.cell(0, 7, self.title_text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.marking:
            self.set_fill_color(255, 228, 228)
            self.set_draw_color(181, 9, 9)
            self.set_text_color(181, 9, 9)
            self.set_font(FONT, "B", 11)
            self.cell(0, 8, self.marking, border=1, fill=True, align="C")
            self.ln(10)
            self.set_text_color(0, 0, 0)
            self.set_draw_color(0, 0, 0)
        self.ln(1)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            5,
            latin1(
                _(
                    "Form CCSG-1 line numbers (Conn. Agencies Regs. 46b-215a-6). Page %(page)s of %(pages)s"
                )
                % {"page": self.page_no(), "pages": "{nb}"}
            ),
            align="C",
        )
        self.set_text_color(0, 0, 0)


def _facts(worksheet: Worksheet, result: dict) -> list[tuple[str, str]]:
    schedule = result.get("schedule") or {}
    prepared_by = worksheet.prepared_by
    who = (prepared_by.get_full_name() or prepared_by.get_username()) if prepared_by else ""
    return [
        (_("Case"), worksheet.case.case_number),
        (_("Worksheet"), str(worksheet.pk)),
        (_("Purpose"), worksheet.get_purpose_display()),
        (
            _("Prepared"),
            f"{timezone.localtime(worksheet.prepared_at):%Y-%m-%d %H:%M}"
            + (f", {who}" if who else ""),
        ),
        (_("Number of children"), str(worksheet.children)),
        (
            _("Schedule"),
            _("%(name)s, effective %(date)s")
            % {
                "name": schedule.get("name", worksheet.schedule.name),
                "date": schedule.get("effective", ""),
            },
        ),
    ]


def worksheet_pdf(worksheet: Worksheet) -> bytes:
    """The PDF of a saved worksheet: its facts, the CCSG-1 lines by section (custodial and
    noncustodial columns), the high-income range, the flags, the deviation criteria flagged and
    the notes."""
    result = worksheet.result
    illustrative = worksheet.illustrative or is_illustrative(result)
    pdf = _WorksheetDocument(
        title=_("Child Support Guidelines Worksheet (CCSG-1)"),
        marking=str(ILLUSTRATIVE_MARKING) if illustrative else None,
    )
    pdf.add_page()
    pdf.set_font(FONT, "", 9)
    for label, value in _facts(worksheet, result):
        pdf.set_font(FONT, "B", 9)
        pdf.cell(40, 5, latin1(label))
        pdf.set_font(FONT, "", 9)
        pdf.cell(0, 5, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    for section in worksheet_sections(result):
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 7, latin1(section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 9)
        with pdf.table(
            col_widths=COLUMNS,
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
            headings_style=heading,
            line_height=5,
        ) as table:
            table.row(
                [
                    latin1(_("Line")),
                    latin1(_("Description")),
                    latin1(_("Custodial")),
                    latin1(_("Noncustodial")),
                ]
            )
            for line in section.lines:
                row = table.row()
                row.cell(line.number)
                row.cell(latin1(line.label))
                if line.per_parent:
                    row.cell(latin1(line.custodial_shown))
                    row.cell(latin1(line.noncustodial_shown))
                else:
                    row.cell(latin1(line.value_shown), colspan=2)
        pdf.ln(2)

    high = result.get("high_income")
    if high:
        _paragraphs(
            pdf,
            _("High income (46b-215a-2c(a)(2))"),
            [
                _("Minimum %(minimum)s, maximum %(maximum)s; line 16 uses the %(choice)s.")
                % {
                    "minimum": money(high.get("minimum")),
                    "maximum": money(high.get("maximum")),
                    "choice": _("minimum") if high.get("choice") == "minimum" else _("maximum"),
                }
            ],
        )
    _paragraphs(pdf, _("Flags"), flag_labels(result) or [_("None")])
    criteria = result.get("deviation_criteria_flagged") or []
    if criteria:
        _paragraphs(
            pdf,
            _("Deviation criteria flagged"),
            [f"{c.get('citation', c.get('code', ''))}: {c.get('label', '')}" for c in criteria],
        )
    notes = list(result.get("notes") or [])
    if worksheet.notes:
        notes.append(worksheet.notes)
    if notes:
        _paragraphs(pdf, _("Notes"), notes)
    return bytes(pdf.output())


def _paragraphs(pdf: FPDF, title: str, texts: list[str]) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 7, latin1(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    for text in texts:
        pdf.multi_cell(0, 5, latin1(f"- {text}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
