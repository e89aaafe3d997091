"""/verifiera/: anyone checks a file or a checksum against the documents the portal
issued, and downloads the portal's CA certificate to check signatures locally."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from council.forms import PageForm
from meetings.documents import verification


class ChecksumForm(PageForm):
    """A pasted SHA-256 or SHA-512; sent with GET so that a check can be linked.

    The parameter keeps its name `sha256` whichever it is: links use it.
    """

    id_prefix = "kontrollsumma"

    sha256 = forms.CharField(
        label=_("Filens kontrollsumma (SHA-256 eller SHA-512)"),
        max_length=200,
        strip=True,
        help_text=_(
            "64 tecken (SHA-256) eller 128 (SHA-512), 0–9 och a–f. Stora eller små "
            "bokstäver går bra."
        ),
        error_messages={
            "required": _("Ange filens kontrollsumma."),
            "max_length": _(
                "Det där är ingen kontrollsumma: en SHA-256 är 64 tecken lång och "
                "en SHA-512 128."
            ),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "size": "66"}
        ),
    )

    def clean_sha256(self) -> str:
        return verification.parse_checksum(self.cleaned_data["sha256"])


class UploadForm(PageForm):
    id_prefix = "fil"

    file = forms.FileField(
        label=_("PDF-fil"),
        error_messages={
            "required": _("Välj en PDF-fil att kontrollera."),
            "missing": _("Välj en PDF-fil att kontrollera."),
            "empty": _("Filen är tom."),
            "invalid": _("Filen kom inte fram. Välj den igen."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Filen kontrolleras och glöms sedan; den sparas inte. Högst %(max)s MB."
        ) % {"max": verification.max_bytes() // (1024 * 1024)}

    def clean_file(self) -> bytes:
        uploaded = self.cleaned_data["file"]
        try:
            return verification.read_upload(uploaded)
        except OSError as error:
            raise ValidationError(_("Filen kunde inte läsas. Försök igen.")) from error


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The forms, and the answer for a pasted checksum (GET) or an uploaded file."""
    checksum_form = ChecksumForm(request.GET if "sha256" in request.GET else None)
    upload_form = UploadForm()
    result = None
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            result = verification.verify_upload(upload_form.cleaned_data["file"])
    elif checksum_form.is_bound and checksum_form.is_valid():
        result = verification.verify_checksum(checksum_form.cleaned_data["sha256"])
    failed = bool(upload_form.errors or checksum_form.errors)
    return render(
        request,
        "meetings/verify.html",
        {
            "result": result,
            "checksum_form": checksum_form,
            "upload_form": upload_form,
            "failed": failed,
            "forms_with_errors": [f for f in (upload_form, checksum_form) if f.errors],
            "authority": verification.certificate_authority(),
        },
        status=400 if failed else 200,
    )


@require_GET
def ca_certificate(request: HttpRequest) -> HttpResponse:
    """The portal's CA certificate (PEM), to trust in Adobe Reader or pdfsig."""
    response = HttpResponse(
        verification.certificate_authority_pem(),
        content_type="application/x-pem-file",
    )
    response["Content-Disposition"] = 'attachment; filename="samverkansportalen-ca.pem"'
    return response
