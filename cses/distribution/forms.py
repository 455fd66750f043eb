from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_DAYS = 92


class CheckbookForm(forms.Form):
    start = forms.DateField(
        label=_("Received from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Received through"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day must not be before the first."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Show at most %(n)s days at a time.") % {"n": MAX_DAYS})
        return data
