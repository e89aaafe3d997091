"""The document of record: the signed PDF/A of a protokoll, and extracts of it.

A protokoll's PDF is rendered once, when the secretary sends it for justering,
and each signer adds a signature as an incremental revision. When the last one
has signed, the bytes are final: stored once with their SHA-256 and SHA-512 and
never rendered again. Beside them is one record per signature, as it was validated at
the moment of signing.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Person
from council.signing.common import Passkey
from meetings.models.protocol import Paragraph, Protocol


class SignedDocumentQuerySet(models.QuerySet):
    def final(self) -> SignedDocumentQuerySet:
        return self.filter(is_final=True)

    def without_data(self) -> SignedDocumentQuerySet:
        return self.defer("data")


class SignedDocument(models.Model):
    """A signed PDF issued by the portal: a protokoll, or an extract of one paragraph."""

    class Kind(models.TextChoices):
        PROTOCOL = "protokoll", _("Protokoll")
        EXTRACT = "utdrag", _("Protokollsutdrag")

    protocol = models.ForeignKey(
        Protocol,
        verbose_name=_("protokoll"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraf"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extracts",
        help_text=_("För ett protokollsutdrag: den paragraf det gäller."),
    )
    kind = models.CharField(
        _("slag"), max_length=10, choices=Kind.choices, default=Kind.PROTOCOL
    )
    data = models.BinaryField(_("fil"))
    sha256 = models.CharField(_("filens SHA-256"), max_length=64, db_index=True)
    # OParl 1.1 gives a file's checksum as SHA-512 (sha512Checksum).
    sha512 = models.CharField(_("filens SHA-512"), max_length=128)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    content_sha256 = models.CharField(
        _("innehållets SHA-256"),
        max_length=64,
        help_text=_("Fingeravtryck av den text som dokumentet återger."),
    )
    is_final = models.BooleanField(
        _("slutlig"),
        default=False,
        help_text=_("Alla har signerat; filen ändras aldrig mer."),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    finalised_at = models.DateTimeField(_("slutförd"), null=True, blank=True)

    # The bytes are kept once, in this row; the history records every other field.
    history = HistoricalRecords(excluded_fields=["data"])
    objects = SignedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("signerat dokument")
        verbose_name_plural = _("signerade dokument")
        ordering = ["protocol", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol"],
                condition=Q(kind="protokoll"),
                name="signeddocument_one_record_per_protocol",
            ),
            models.UniqueConstraint(
                fields=["paragraph"],
                condition=Q(kind="utdrag"),
                name="signeddocument_one_extract_per_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(kind="protokoll", paragraph__isnull=True)
                | Q(kind="utdrag", paragraph__isnull=False),
                name="signeddocument_extract_has_paragraph",
                violation_error_message=_("Ett utdrag gäller en paragraf."),
            ),
            models.CheckConstraint(
                condition=Q(is_final=False) | Q(finalised_at__isnull=False),
                name="signeddocument_final_has_time",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.EXTRACT and self.paragraph_id:
            return f"Utdrag ur {self.protocol}, § {self.paragraph.number}"
        return f"PDF: {self.protocol}"

    def set_data(self, data: bytes) -> None:
        """The file's bytes, with their size and checksums."""
        self.data = data
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.sha512 = hashlib.sha512(data).hexdigest()
        self.size = len(data)

    @property
    def filename(self) -> str:
        meeting = self.protocol.meeting
        stem = f"protokoll-{meeting.body.slug}-{meeting.local_start:%Y-%m-%d}"
        if self.protocol.version > 1:
            stem += f"-version-{self.protocol.version}"
        if self.kind == self.Kind.EXTRACT:
            stem += f"-utdrag-paragraf-{self.paragraph.number}"
        return f"{stem}.pdf"


# What a justeringsbevis (a passkey assertion over the justerat text) showed.
PASSKEY_CHOICES = [
    (Passkey.NONE, _("inget")),
    (Passkey.VALID, _("giltigt")),
    (Passkey.INVALID, _("ogiltigt")),
]


class SignatureRecord(models.Model):
    """One signature in a signed document, as the portal validated it when it was made."""

    document = models.ForeignKey(
        SignedDocument,
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    field_name = models.CharField(_("signaturfält"), max_length=100)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_name = models.CharField(_("undertecknare"), max_length=200)
    role = models.CharField(_("roll"), max_length=100)
    signed_at = models.DateTimeField(_("signerat"))
    certificate_serial = models.CharField(_("certifikatets serienummer"), max_length=80)
    certificate_issuer = models.CharField(_("utfärdare"), max_length=300)
    intact = models.BooleanField(_("oförändrad"))
    valid = models.BooleanField(_("giltig"))
    trusted = models.BooleanField(_("betrodd"))
    summary = models.CharField(_("kontrollresultat"), max_length=500, blank=True)
    timestamp_at = models.DateTimeField(
        _("tidsstämpelns tid"),
        null=True,
        blank=True,
        help_text=_(
            "Tiden som underskriftens tidsstämpel (RFC 3161) bevisar. Tom: ingen "
            "tidsstämpel, tiden är bara undertecknarens egen uppgift."
        ),
    )
    timestamp_authority = models.CharField(
        _("tidsstämpelns utfärdare"), max_length=300, blank=True
    )
    timestamp_trusted = models.BooleanField(
        _("tidsstämpeln betrodd"),
        default=False,
        help_text=_("Tidsstämpeln är oförändrad och dess utfärdare betrodd."),
    )
    validation_data_embedded = models.BooleanField(
        _("valideringsdata inbäddad"),
        null=True,
        blank=True,
        help_text=_(
            "Filen bär själv certifikatkedja och spärrinformation för underskriften. "
            "Tom: okänt (underskrifter gjorda innan detta kontrollerades)."
        ),
    )
    is_document_timestamp = models.BooleanField(
        _("dokumenttidsstämpel"),
        default=False,
        help_text=_("En tidsstämpel över hela filen, inte en persons underskrift."),
    )
    passkey = models.CharField(
        _("justeringsbevis"),
        max_length=10,
        choices=PASSKEY_CHOICES,
        blank=True,
        default=Passkey.NONE,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatur")
        verbose_name_plural = _("signaturer")
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "order"], name="signaturerecord_order_unique"
            ),
            models.UniqueConstraint(
                fields=["document", "field_name"], name="signaturerecord_field_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.signer_name}"

    @classmethod
    def from_check(
        cls,
        check,
        *,
        document: SignedDocument,
        role: str,
        person: Person | None = None,
        passkey: str = Passkey.NONE,
    ) -> SignatureRecord:
        """The record of what a validator found (a council.signing.SignatureCheck)
        when the signature was made; unsaved."""
        return cls(
            document=document,
            order=document.signatures.count() + 1,
            field_name=check.field_name,
            person=person,
            signer_name=(person.name if person else check.signer)[:200],
            role=role,
            signed_at=check.signed_at or check.timestamp_at,
            certificate_serial=check.serial,
            certificate_issuer=check.issuer[:300],
            intact=check.intact,
            valid=check.valid,
            trusted=check.trusted,
            summary=check.summary[:500],
            timestamp_at=check.timestamp_at,
            timestamp_authority=check.timestamp_authority[:300],
            timestamp_trusted=check.timestamp_trusted,
            validation_data_embedded=check.validation_data_embedded,
            is_document_timestamp=check.is_document_timestamp,
            passkey=passkey,
        )

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.timestamp_at is not None
            and self.timestamp_trusted
            and self.passkey != Passkey.INVALID
        )


class TimestampRenewal(models.Model):
    """One renewal of a final document's document timestamp (PAdES B-LTA): fresh
    validation data and a new timestamp appended as incremental revisions, before
    the newest timestamp's certificate ends. The bytes before it stay as they were
    (`previous_sha256` is the SHA-256 of that prefix)."""

    document = models.ForeignKey(
        SignedDocument,
        verbose_name=_("dokument"),
        on_delete=models.PROTECT,
        related_name="timestamp_renewals",
    )
    renewed_at = models.DateTimeField(_("förnyad"), auto_now_add=True)
    previous_sha256 = models.CharField(_("tidigare SHA-256"), max_length=64)
    previous_size = models.PositiveIntegerField(_("tidigare storlek (byte)"))
    sha256 = models.CharField(_("ny SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ny storlek (byte)"))
    previous_valid_until = models.DateTimeField(
        _("tidigare tidsstämpel giltig till"), null=True, blank=True
    )
    valid_until = models.DateTimeField(_("ny tidsstämpel giltig till"))
    authority = models.CharField(_("tidsstämpelns utfärdare"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förnyad tidsstämpel")
        verbose_name_plural = _("förnyade tidsstämplar")
        ordering = ["document", "renewed_at"]

    def __str__(self) -> str:
        return f"{self.document}: {self.renewed_at:%Y-%m-%d}"
