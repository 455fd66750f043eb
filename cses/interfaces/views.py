"""Pages for partner files: upload a referral file, the files loaded and each one's report."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from cses.accounts.access import requires
from cses.accounts.roles import Cap
from cses.interfaces.iv_a_referrals import LoadReport, load_referral_file
from cses.interfaces.models import InboundFile

FILES_SHOWN = 50


class ReferralUploadForm(forms.Form):
    file = forms.FileField(label=_("Referral file"))


@requires(Cap.INTAKE_IMPORT)
def referral_import(request: HttpRequest) -> HttpResponse:
    form = ReferralUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # A large upload is already on disk: stream it from there rather than into memory.
        source = (
            upload.temporary_file_path()
            if hasattr(upload, "temporary_file_path")
            else upload.read()
        )
        report = load_referral_file(source, name=upload.name, by=request.user)
        return redirect("referral-report", pk=report.file_id)
    files = InboundFile.objects.filter(kind=InboundFile.Kind.IV_A_REFERRALS).select_related(
        "received_by"
    )[:FILES_SHOWN]
    return render(request, "interfaces/referral_import.html", {"form": form, "files": files})


@requires(Cap.INTAKE_IMPORT)
def referral_report(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = get_object_or_404(InboundFile, pk=pk, kind=InboundFile.Kind.IV_A_REFERRALS)
    return render(
        request,
        "interfaces/referral_report.html",
        {"file": inbound, "report": LoadReport.of(inbound)},
    )
