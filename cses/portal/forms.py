"""The parent's request for a review of their support order."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cses.portal.services import REASON_MAX_LENGTH
from cses.web.forms_a11y import UswdsFormMixin


class ReviewRequestForm(UswdsFormMixin, forms.Form):
    """One per order on the portal page: the prefix (``order-<id>``) keeps the ids apart."""

    confirm = forms.BooleanField(
        label=_("Yes, I want this order reviewed."),
        error_messages={"required": _("Check the box to confirm that you want a review.")},
    )
    reason = forms.CharField(
        label=_("Why do you want a review? (optional)"),
        help_text=_(
            "For example: a parent's income went up or down, a parent lost a job, or the "
            "children's needs or health insurance changed."
        ),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @staticmethod
    def prefix_for(order_id: int) -> str:
        return f"order-{order_id}"
