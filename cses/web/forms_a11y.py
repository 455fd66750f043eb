"""Form widgets the U.S. Web Design System way, tied to their hints and error messages.

Every form rendered with the shared field template ``_field.html`` mixes in
``UswdsFormMixin``. Its bound fields give each widget, when it is rendered:

* its USWDS class (``usa-input``, ``usa-select``, ``usa-textarea``, ``usa-checkbox__input``,
  ``usa-radio__input``), with ``usa-input--error`` on an invalid text input, select or text area
  (the only error modifier USWDS defines);
* ``aria-describedby`` naming its hint (``{auto_id}_helptext``) and, when it has errors, its
  error message (``{auto_id}_error``), the ids Django itself uses and ``_field.html`` gives them;
  radio buttons and check-box groups carry it on their fieldset instead;
* ``aria-invalid="true"`` when it has errors.

All of it is worked out when the widget is rendered, from the errors the form has then, so it
holds whether the errors come from validation or from ``add_error`` after ``is_valid()`` (a
service's refusal put back on the form).
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField

HINT_SUFFIX = "_helptext"
ERROR_SUFFIX = "_error"
ERROR_CLASS = "usa-input--error"
# The classes whose widgets take the error modifier.
_MARKED_IN_ERROR = ("usa-input", "usa-select", "usa-textarea")


def uswds_class(widget: forms.Widget) -> str:
    """The USWDS class of a widget's input element."""
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "usa-checkbox__input"
    if isinstance(widget, forms.RadioSelect):
        return "usa-radio__input"
    if isinstance(widget, forms.Select):
        return "usa-select"
    if isinstance(widget, forms.Textarea):
        return "usa-textarea"
    return "usa-input"


def widget_classes(widget: forms.Widget, given: str = "", *, invalid: bool = False) -> str:
    """The classes ``given`` to a widget, led by its USWDS class, and the error modifier when
    it is invalid."""
    classes = given.split()
    base = uswds_class(widget)
    if base not in classes:
        classes.insert(0, base)
    if invalid and base in _MARKED_IN_ERROR and ERROR_CLASS not in classes:
        classes.append(ERROR_CLASS)
    return " ".join(classes)


class UswdsBoundField(BoundField):
    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}{HINT_SUFFIX}" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}{ERROR_SUFFIX}" if self.auto_id else ""

    @property
    def aria_describedby(self) -> str:
        """The ids of the hint and the error message ``_field.html`` renders for this field
        (empty when the form set its own ``aria-describedby`` on the widget)."""
        if self.field.widget.attrs.get("aria-describedby") or self.is_hidden:
            return ""
        ids = []
        if self.help_text and self.hint_id:
            ids.append(self.hint_id)
        if self.errors and self.error_id:
            ids.append(self.error_id)
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        # Django adds required, disabled, aria-invalid and (but on a fieldset's widgets)
        # aria-describedby from ``aria_describedby`` above.
        attrs = super().build_widget_attrs(attrs, widget)
        if widget.is_hidden:
            return attrs
        invalid = bool(self.errors)
        given = attrs.get("class") or widget.attrs.get("class") or ""
        attrs["class"] = widget_classes(widget, given, invalid=invalid)
        if invalid:
            attrs["aria-invalid"] = "true"
        return attrs


class UswdsFormMixin:
    """Gives a form's widgets their USWDS classes and ties them to their hints and errors
    (see the module's description). Put it before ``forms.Form`` in the bases."""

    bound_field_class = UswdsBoundField
