"""What the signatures of one signed file add up to, in words anyone can read.

/verifiera/ and the protokoll page show the same report: a verdict for the whole
file, then each person's signature and each document timestamp on its own.
A broken signature is judged no further, so nothing beside it ever reads as
valid; a signature that holds but has no proven time says so as a remark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from council.signing import Passkey, SignatureCheck


@dataclass(frozen=True)
class Entry:
    """One signature or document timestamp as the page shows it."""

    check: SignatureCheck

    @property
    def label(self) -> str:
        """Whose signature, or which timestamp, as said within a sentence."""
        check = self.check
        if check.is_document_timestamp:
            return _("dokumenttidsstämpeln från %(authority)s") % {
                "authority": check.timestamp_authority or check.signer or _("okänd")
            }
        if check.role:
            return _("underskriften av %(name)s (%(role)s)") % {
                "name": check.signer or _("okänd"),
                "role": check.role.lower(),
            }
        return _("underskriften av %(name)s") % {"name": check.signer or _("okänd")}

    @property
    def stamped_at(self):
        """The time a document timestamp proves."""
        return self.check.timestamp_at or self.check.signed_at

    @property
    def passkey_valid(self) -> bool:
        return self.check.passkey == Passkey.VALID

    @property
    def passkey_invalid(self) -> bool:
        return self.check.passkey == Passkey.INVALID

    @property
    def remarks(self) -> list[str]:
        """What is wrong or missing: the reasons it fails, or, when it holds,
        what still weakens it (no proven time, no embedded validation data)."""
        check = self.check
        if check.is_document_timestamp:
            if not check.intact:
                return [_("filen har ändrats efter tidsstämpeln (den är bruten)")]
            found = []
            if not check.valid:
                found.append(_("tidsstämpeln går inte att bekräfta"))
            if not check.trusted:
                found.append(_("tidsstämpelns utfärdare är inte betrodd"))
            return found
        found = list(check.problems)
        if check.intact and check.validation_data_embedded is False:
            found.append(
                _(
                    "valideringsdata (certifikatkedja och spärrinformation) är "
                    "inte inbäddad i filen"
                )
            )
        return found


@dataclass(frozen=True)
class SignatureReport:
    """Every signature and document timestamp of one file, in file order.

    `checked_now`: validated just now from the file's bytes (an upload);
    otherwise as kept when each signature was made (the stored record).
    """

    entries: tuple[Entry, ...]
    checked_now: bool = True

    @classmethod
    def of(
        cls, checks: Iterable[SignatureCheck], *, checked_now: bool = True
    ) -> SignatureReport:
        return cls(tuple(Entry(c) for c in checks), checked_now=checked_now)

    @property
    def signatures(self) -> list[Entry]:
        return [e for e in self.entries if not e.check.is_document_timestamp]

    @property
    def document_timestamps(self) -> list[Entry]:
        return [e for e in self.entries if e.check.is_document_timestamp]

    @property
    def broken(self) -> bool:
        return any(not e.check.intact for e in self.entries)

    @property
    def covers_file(self) -> bool | None:
        """Whether the newest signature or timestamp covers the file to its end;
        None when not known (a kept record: the file is the one stored)."""
        return self.entries[-1].check.covers_whole_file if self.entries else None

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and not self.problems

    @property
    def problems(self) -> list[str]:
        """Why the file does not hold, most telling first; empty when it does."""
        if not self.signatures:
            return [_("Filen har inga digitala underskrifter.")]
        found = []
        if any(not e.check.intact for e in self.signatures):
            found.append(
                _(
                    "Minst en underskrift är bruten: filen har ändrats efter att den "
                    "undertecknades. Lita inte på innehållet."
                )
            )
        if any(not e.check.intact for e in self.document_timestamps):
            found.append(
                _(
                    "En dokumenttidsstämpel är bruten: filen har ändrats efter "
                    "tidsstämpeln."
                )
            )
        for entry in self.entries:
            if entry.check.intact and not entry.check.ok:
                found.append(f"{capfirst(entry.label)} – {'; '.join(entry.remarks)}.")
        if self.covers_file is False and not self.broken:
            found.append(
                _(
                    "Den sista underskriften omfattar inte hela filen: något har "
                    "lagts till i filen efter den."
                )
            )
        return found

    @property
    def warnings(self) -> list[str]:
        """What weakens signatures that hold, each remark once with whom it
        concerns."""
        holding = [e for e in self.entries if e.check.ok]
        by_remark: dict[str, list[Entry]] = {}
        for entry in holding:
            for remark in entry.remarks:
                by_remark.setdefault(remark, []).append(entry)
        found = []
        for remark, entries in by_remark.items():
            if len(self.signatures) > 1 and entries == self.signatures:
                whom = _("gäller alla %(count)s underskrifter") % {
                    "count": len(entries)
                }
            else:
                whom = _("gäller %(whom)s") % {
                    "whom": ", ".join(e.label for e in entries)
                }
            found.append(f"{capfirst(remark)} ({whom}).")
        return found
