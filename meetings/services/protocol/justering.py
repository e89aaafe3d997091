"""Justering: sending the draft for justering, ändringsförslag back to the
secretary, and each signer's justering.

Sending freezes the text, fixes the § numbers and signs the PDF "Vid
protokollet"; the chair and the justerare then each confirm the exact text
(by its SHA-256) and sign the same PDF. The last one makes it justerat and the
signed PDF final; an ändringsförslag sends it back to utkast instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import workflow
from council.history import attribute, save_attributed
from council.passkeys.ceremony import Assertion
from council.passkeys.services import passkey_used
from council.permissions import person_of
from meetings import permissions
from meetings.documents.content import content_sha256
from meetings.models import (
    Justering,
    JusteringEvidence,
    Meeting,
    Paragraph,
    ParagraphComment,
    Protocol,
)
from meetings.services.protocol import notifications, record
from meetings.services.protocol.base import (
    lock_protocol,
    move,
    present_people,
)
from meetings.services.protocol.numbering import assign_numbers


def sent_message() -> str:
    """What the secretary is told once the protokoll has gone out."""
    return _(
        "Protokollet är skickat för justering. Ordföranden och justerarna har "
        "fått e-post."
    )


def passkey_required_message() -> str:
    return _(
        "Det här organet kräver att du bekräftar med en nyckel (passkey), inte "
        "med lösenord. Registrera en nyckel på sidan Säkerhet."
    )


def _check_step_up(protocol: Protocol, assertion: Assertion | None, digest: str):
    """A body that requires passkeys gets one; a passkey approved this text."""
    if assertion is None:
        if protocol.meeting.body.justering_requires_passkey:
            raise ValidationError(passkey_required_message())
        return
    if assertion.content_sha256 != digest:
        raise ValidationError(
            _(
                "Protokollets text har ändrats sedan du bekräftade med nyckeln. "
                "Läs det igen och bekräfta på nytt."
            )
        )


def _keep_evidence(
    protocol: Protocol, assertion: Assertion, *, person, role: str, actor: Any
) -> None:
    """The assertion, stored with the justering (append-only)."""
    evidence = JusteringEvidence(
        protocol=protocol,
        user=actor,
        person=person,
        role=role,
        content_sha256=assertion.content_sha256,
        nonce=assertion.nonce,
        credential_id=assertion.credential_id,
        authenticator_data=assertion.authenticator_data,
        client_data_json=assertion.client_data_json,
        signature=assertion.signature,
        public_key=assertion.public_key,
        sign_count=assertion.sign_count,
        rp_id=assertion.rp_id,
        origin=assertion.origin,
    )
    save_attributed(
        evidence, user=actor, reason=_("Justeringsbevis: bekräftat med nyckel")
    )


def _passkey_used(assertion: Assertion | None, actor: Any, reason: str) -> None:
    if assertion is not None:
        passkey_used(
            passkey=assertion.passkey,
            sign_count=assertion.sign_count,
            actor=actor,
            reason=reason,
        )


def _as_sent(protocol_id: int, actor: Any, read: Callable[[Protocol], Any]) -> Any:
    """`read` of the protokoll as it will be once sent, as the sender signs it: §
    numbers fixed and the sender as secretary. Worked out by doing both in a
    transaction that is rolled back, so it is the same code that sending runs."""

    class RolledBack(Exception):
        pass

    found = None
    try:
        with transaction.atomic():
            protocol = lock_protocol(protocol_id)
            protocol.secretary = person_of(actor)
            assign_numbers(protocol, actor=actor)
            found = read(protocol)
            raise RolledBack
    except RolledBack:
        pass
    return found


def content_to_send(*, protocol_id: int, actor: Any) -> str:
    """The SHA-256 the text will have once sent (the passkey signs it); refused
    before the meeting has ended, as sending is."""

    def read(protocol: Protocol) -> str:
        protocol.meeting.check_ended()
        return content_sha256(protocol)

    return _as_sent(protocol_id, actor, read)


def send_refusals(
    protocol: Protocol, *, actor: Any, now: datetime.datetime | None = None
) -> list[str]:
    """Why the draft cannot be sent for justering now, or [] when it can: the
    meeting has ended, the justering date is not before it, the signers, a
    paragraph and the attendance are there, and the sender is a person (who signs
    it "Vid protokollet"). The send page shows them before asking to sign."""
    refusals: list[str] = []
    meeting = protocol.meeting
    for check in (
        lambda: meeting.check_ended(now),
        lambda: meeting.check_justering_date(protocol.justering_date),
    ):
        try:
            check()
        except ValidationError as error:
            refusals.extend(error.messages)
    missing = []
    if protocol.chair_id is None:
        missing.append(_("ordförande"))
    if not protocol.justerare.exists():
        missing.append(_("minst en justerare"))
    if not Paragraph.objects.filter(protocol=protocol).exists():
        missing.append(_("minst en paragraf"))
    if missing:
        refusals.append(
            _("Protokollet kan inte skickas för justering: ange %(what)s.")
            % {"what": ", ".join(missing)}
        )
    if not present_people(meeting):
        refusals.append(
            _("Registrera närvaron innan protokollet skickas för justering.")
        )
    if person_of(actor) is None:
        refusals.append(
            _(
                "Protokollet skickas för justering av sekreteraren, som undertecknar "
                "det vid protokollet. Ditt konto hör inte till någon person."
            )
        )
    return refusals


@transaction.atomic
def protocol_send_to_justering(
    *, protocol_id: int, actor: Any, assertion: Assertion | None = None
) -> Protocol:
    """Freeze the draft, fix § numbers and ask the chair and justerare to justera.

    The caller has checked the sender's step-up: a password, or a passkey whose
    `assertion` is kept as justeringsbevis when it approved the frozen text.
    """
    protocol = lock_protocol(protocol_id)
    if not permissions.can_send_protocol(actor, protocol):
        raise PermissionDenied
    move(protocol, Protocol.State.IN_JUSTERING)
    refusals = send_refusals(protocol, actor=actor)
    if refusals:
        raise ValidationError(refusals)
    secretary = person_of(actor)
    protocol.secretary = secretary
    assign_numbers(protocol, actor=actor)
    _check_step_up(protocol, assertion, content_sha256(protocol))
    now = timezone.now()
    for comment in ParagraphComment.objects.filter(
        paragraph__protocol=protocol, resolved_at__isnull=True
    ):
        comment.resolved_at = now
        attribute(comment, user=actor, reason=_("Hanterat i ny version för justering"))
        comment.save(update_fields=["resolved_at"])
    protocol.lock_version += 1
    save_attributed(protocol, user=actor, reason=_("Skickat för justering"))
    # A justering is a signature on one rendering of one exact text: each time
    # the protokoll goes out, everyone justerar (and signs) the new document.
    for old in Justering.objects.filter(protocol=protocol):
        attribute(old, user=actor, reason=_("Protokollet skickat för justering igen"))
        old.delete()
    if assertion is not None:
        _keep_evidence(
            protocol,
            assertion,
            person=secretary,
            role=Justering.Role.SECRETARY,
            actor=actor,
        )
        _passkey_used(assertion, actor, _("Skickat för justering med nyckel"))
    record.open_record(protocol, person=secretary, actor=actor)
    meeting = Meeting.objects.select_for_update().get(pk=protocol.meeting_id)
    if workflow.may_move(Meeting, meeting.state, Meeting.State.HELD):
        workflow.move(meeting, Meeting.State.HELD)
        save_attributed(
            meeting, user=actor, reason=_("Protokollet skickat för justering")
        )
    transaction.on_commit(
        lambda: notifications.justering_requested(protocol_id=protocol.pk)
    )
    return protocol


@transaction.atomic
def protocol_comment(
    *, protocol_id: int, actor: Any, comments: dict[int, str]
) -> list[ParagraphComment]:
    """Ändringsförslag from the chair or a justerare: back to the secretary."""
    protocol = lock_protocol(protocol_id)
    if not permissions.can_comment_protocol(actor, protocol):
        raise PermissionDenied
    if protocol.state != Protocol.State.IN_JUSTERING:
        raise ValidationError(
            _("Protokollet är %(state)s; ändringsförslag lämnas under justeringen.")
            % {"state": protocol.get_state_display().lower()}
        )
    texts = {pk: text.strip() for pk, text in comments.items() if text.strip()}
    if not texts:
        raise ValidationError(_("Skriv ett ändringsförslag till minst en paragraf."))
    for text in texts.values():
        # Forms refuse NUL characters; PostgreSQL cannot store them.
        ProhibitNullCharactersValidator()(text)
    paragraphs = Paragraph.objects.filter(protocol=protocol, pk__in=texts)
    if len(paragraphs) != len(texts):
        raise ValidationError(_("En paragraf finns inte i protokollet."))
    author = person_of(actor)
    created = []
    for paragraph in paragraphs:
        comment = ParagraphComment(
            paragraph=paragraph, author=author, text=texts[paragraph.pk]
        )
        save_attributed(comment, user=actor, reason=_("Ändringsförslag"))
        created.append(comment)
    move(protocol, Protocol.State.DRAFT)
    record.discard_unfinished(
        protocol,
        actor=actor,
        reason=_("Tillbaka till sekreteraren med ändringsförslag"),
    )
    protocol.lock_version += 1
    save_attributed(
        protocol,
        user=actor,
        reason=_("Tillbaka till sekreteraren med ändringsförslag"),
    )
    transaction.on_commit(
        lambda: notifications.comments_sent(protocol_id=protocol.pk, author=author.pk)
    )
    return created


@transaction.atomic
def protocol_justera(
    *, protocol_id: int, actor: Any, assertion: Assertion | None = None
) -> Protocol:
    """The signer confirms the exact text (by its SHA-256). The last one locks it.

    The caller has checked the signer's step-up: a password, or a passkey whose
    `assertion` approved this text and is kept as justeringsbevis. This records
    who, when and what.
    """
    protocol = lock_protocol(protocol_id)
    if not permissions.can_justera_protocol(actor, protocol):
        raise PermissionDenied
    if protocol.state != Protocol.State.IN_JUSTERING:
        raise ValidationError(
            _("Protokollet är %(state)s och kan inte justeras nu.")
            % {"state": protocol.get_state_display().lower()}
        )
    person = person_of(actor)
    digest = content_sha256(protocol)
    now = timezone.now()
    required = [(person.pk, role) for person, role in protocol.required_signers()]
    mine = [role for pk, role in required if pk == person.pk]
    done = set(
        Justering.objects.filter(protocol=protocol, content_sha256=digest).values_list(
            "person_id", "role"
        )
    )
    if all((person.pk, role) in done for role in mine):
        raise ValidationError(_("Du har redan justerat protokollet."))
    _check_step_up(protocol, assertion, digest)
    _passkey_used(assertion, actor, _("Justerat med nyckel"))
    for role in mine:
        if (person.pk, role) in done:
            continue
        justering = Justering(
            protocol=protocol,
            person=person,
            role=role,
            method=Protocol.JusteringMethod.DIGITAL,
            justerat_at=now,
            content_sha256=digest,
            user=actor,
        )
        save_attributed(
            justering,
            user=actor,
            reason=_("Justerat med nyckel")
            if assertion
            else _("Justerat med lösenord"),
        )
        if assertion is not None:
            _keep_evidence(protocol, assertion, person=person, role=role, actor=actor)
        done.add((person.pk, role))
        record.add_signature(
            protocol,
            person=person,
            role=role,
            digest=digest,
            actor=actor,
            final=all(signer in done for signer in required),
        )
    if all(signer in done for signer in required):
        move(protocol, Protocol.State.JUSTERAT)
        protocol.content_sha256 = digest
        protocol.justering_date = timezone.localdate(now)
        protocol.justering_method = Protocol.JusteringMethod.DIGITAL
        protocol.lock_version += 1
        save_attributed(protocol, user=actor, reason=_("Justerat av alla"))
        transaction.on_commit(
            lambda: notifications.protocol_justerat(protocol_id=protocol.pk)
        )
    return protocol
