"""The shared field template and form mixin: USWDS classes, and each widget tied to the hint and
error message that are on the page."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from django.template.loader import render_to_string

from cses.web.forms_a11y import UswdsFormMixin


class Elements(HTMLParser):
    """Every element's attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def ids(self) -> set[str]:
        return {a["id"] for _tag, a in self.elements if a.get("id")}

    def first(self, tag: str, **attrs) -> dict[str, str | None]:
        return next(
            a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())
        )


class SampleForm(UswdsFormMixin, forms.Form):
    amount = forms.DecimalField(label="Amount", help_text="Weekly, in dollars.")
    frequency = forms.ChoiceField(
        label="How often",
        choices=[("w", "Weekly"), ("m", "Monthly")],
        widget=forms.RadioSelect,
        help_text="As the order says.",
    )
    agree = forms.BooleanField(label="I agree", help_text="Required to go on.")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)


def render(field: forms.BoundField) -> Elements:
    return Elements(render_to_string("_field.html", {"field": field}))


def test_an_invalid_input_names_its_hint_and_its_error_and_is_marked_invalid():
    form = SampleForm({"amount": "12.50", "frequency": "w", "agree": "on"})
    assert form.is_valid()
    # An error added after validation (a service's refusal) is marked all the same.
    form.add_error("amount", "More than the income.")

    page = render(form["amount"])
    widget = page.first("input", name="amount")
    described_by = widget["aria-describedby"].split()
    assert described_by == ["id_amount_helptext", "id_amount_error"]
    assert set(described_by) <= page.ids()
    assert widget["aria-invalid"] == "true"
    assert widget["class"].split() == ["usa-input", "usa-input--error"]
    assert "usa-label--error" in page.first("label", **{"for": "id_amount"})["class"]
    assert page.first("span", id="id_amount_error")["role"] == "alert"


def test_a_valid_input_names_only_its_hint():
    form = SampleForm({"amount": "12.50", "frequency": "w", "agree": "on"})
    assert form.is_valid()

    page = render(form["amount"])
    widget = page.first("input", name="amount")
    assert widget["aria-describedby"] == "id_amount_helptext"
    assert "aria-invalid" not in widget
    assert widget["class"] == "usa-input"
    assert "id_amount_error" not in page.ids()


def test_radio_buttons_are_described_on_their_fieldset_and_a_check_box_on_itself():
    form = SampleForm({"amount": "1"})
    assert not form.is_valid()

    radios = render(form["frequency"])
    fieldset = radios.first("fieldset")
    assert fieldset["aria-describedby"].split() == ["id_frequency_helptext", "id_frequency_error"]
    assert set(fieldset["aria-describedby"].split()) <= radios.ids()
    assert radios.first("input", value="w")["class"] == "usa-radio__input"
    assert "aria-describedby" not in radios.first("input", value="w")

    checkbox = render(form["agree"])
    widget = checkbox.first("input", name="agree")
    assert widget["aria-describedby"].split() == ["id_agree_helptext", "id_agree_error"]
    assert set(widget["aria-describedby"].split()) <= checkbox.ids()
    assert widget["aria-invalid"] == "true"
    assert widget["class"] == "usa-checkbox__input"

    note = render(form["note"]).first("textarea", name="note")
    assert note["class"] == "usa-textarea"
    assert "aria-describedby" not in note
