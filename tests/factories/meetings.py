"""Factories of meetings and the protokoll."""

from __future__ import annotations

import datetime
import hashlib

import factory
from factory.django import DjangoModelFactory

from council.models import (
    ItemKind,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Attendance,
    CalendarToken,
    Justering,
    JusteringEvidence,
    Meeting,
    MeetingChange,
    Notice,
    NoticeDispatch,
    Paragraph,
    ParagraphComment,
    Protocol,
    SignatureRecord,
    SignedDocument,
    TimestampRenewal,
)
from tests.factories.common import (
    FIRST_MEETING,
    PDF_BYTES,
)
from tests.factories.council import (
    BodyFactory,
    PersonFactory,
    UserFactory,
)


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = "Sammanträde"
    starts_at = factory.Sequence(
        lambda n: FIRST_MEETING + datetime.timedelta(days=7 * n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    location = "Konferenslokal Lärken"
    address = "Eklundavägen 1, Örebro"
    state = Meeting.State.PLANNED


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Information om kompetensförsörjning"
    text = "Regionen informerar om läget i länet."
    kind = ItemKind.INFORMATION
    presenter = "Eva Sund, utvecklingsledare"


class AttachmentFactory(DjangoModelFactory[Attachment]):
    class Meta:
        model = Attachment

    meeting = factory.SubFactory(MeetingFactory)
    title = "Underlag till dagordningen"
    file = factory.django.FileField(filename="underlag.pdf", data=PDF_BYTES)
    original_name = "underlag.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    is_public = True


class AttendanceFactory(DjangoModelFactory[Attendance]):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    role = Attendance.Role.MEMBER
    present = True


class NoticeDispatchFactory(DjangoModelFactory[NoticeDispatch]):
    class Meta:
        model = NoticeDispatch

    meeting = factory.SubFactory(MeetingFactory, state=Meeting.State.CALLED)
    kind = NoticeDispatch.Kind.NOTICE
    sent_at = factory.LazyAttribute(
        lambda o: o.meeting.starts_at - datetime.timedelta(days=14)
    )
    recipients = factory.LazyFunction(
        lambda: [{"name": "Anna Andersson", "email": "anna@example.se"}]
    )


class MeetingChangeFactory(DjangoModelFactory[MeetingChange]):
    class Meta:
        model = MeetingChange

    meeting = factory.SubFactory(MeetingFactory, state=Meeting.State.CALLED)
    description = "Punkt 4 tillagd: Information om Örebro 2026"
    changed_at = factory.LazyAttribute(
        lambda o: o.meeting.starts_at - datetime.timedelta(days=7)
    )


class CalendarTokenFactory(DjangoModelFactory[CalendarToken]):
    class Meta:
        model = CalendarToken

    user = factory.SubFactory(UserFactory)


class ProtocolFactory(DjangoModelFactory[Protocol]):
    class Meta:
        model = Protocol

    meeting = factory.SubFactory(MeetingFactory, state=Meeting.State.HELD)
    version = 1
    corrects = None
    state = Protocol.State.DRAFT
    secretary = factory.SubFactory(PersonFactory, party="", title="sekreterare")
    chair = factory.SubFactory(PersonFactory, title="ordförande")
    justering_place = "Örebro"


class JusteringFactory(DjangoModelFactory[Justering]):
    class Meta:
        model = Justering

    protocol = factory.SubFactory(ProtocolFactory)
    person = factory.SubFactory(PersonFactory)
    role = Justering.Role.JUSTERARE
    method = Protocol.JusteringMethod.DIGITAL
    justerat_at = factory.LazyAttribute(
        lambda o: o.protocol.meeting.starts_at + datetime.timedelta(days=7)
    )


class JusteringEvidenceFactory(DjangoModelFactory[JusteringEvidence]):
    """Stand-in bytes: tests of real assertions use the software authenticator
    (tests/passkeys/authenticator.py) through the workflow."""

    class Meta:
        model = JusteringEvidence

    protocol = factory.SubFactory(ProtocolFactory)
    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    role = Justering.Role.JUSTERARE
    content_sha256 = "0" * 64
    nonce = b"n" * 32
    credential_id = factory.Sequence(lambda n: f"nyckel-{n}".encode())
    authenticator_data = b"a" * 37
    client_data_json = b"{}"
    signature = b"s"
    public_key = b"k"
    rp_id = "localhost"
    origin = "http://localhost:8000"


SIGNED_PDF_BYTES = b"%PDF-1.7\n% a stand-in for a signed protokoll\n%%EOF\n"


class SignedDocumentFactory(DjangoModelFactory[SignedDocument]):
    """A final record. Its bytes are a stand-in: tests of real signing use the
    workflow, which renders and signs the real PDF."""

    class Meta:
        model = SignedDocument

    protocol = factory.SubFactory(ProtocolFactory, state=Protocol.State.PUBLISHED)
    kind = SignedDocument.Kind.PROTOCOL
    data = SIGNED_PDF_BYTES
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.data).hexdigest())
    sha512 = factory.LazyAttribute(lambda o: hashlib.sha512(o.data).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.data))
    content_sha256 = "0" * 64
    is_final = False


class SignatureRecordFactory(DjangoModelFactory[SignatureRecord]):
    class Meta:
        model = SignatureRecord

    document = factory.SubFactory(SignedDocumentFactory)
    order = factory.Sequence(lambda n: n + 1)
    field_name = factory.Sequence(lambda n: f"signatur-justerare-{n}")
    person = factory.SubFactory(PersonFactory)
    signer_name = factory.LazyAttribute(lambda o: o.person.name)
    role = "Justerare"
    signed_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 11, 23, 13, 3, tzinfo=datetime.UTC)
    )
    certificate_serial = "1f"
    certificate_issuer = "Samverkansportalen TEST-CA"
    intact = True
    valid = True
    trusted = True


class TimestampRenewalFactory(DjangoModelFactory[TimestampRenewal]):
    class Meta:
        model = TimestampRenewal

    document = factory.SubFactory(SignedDocumentFactory)
    previous_sha256 = "0" * 64
    previous_size = 1000
    sha256 = "1" * 64
    size = 2000
    valid_until = factory.LazyFunction(
        lambda: datetime.datetime(2036, 11, 23, 13, 3, tzinfo=datetime.UTC)
    )
    authority = "Samverkansportalen tidsstämpeltjänst"


class ParagraphFactory(DjangoModelFactory[Paragraph]):
    class Meta:
        model = Paragraph

    protocol = factory.SubFactory(ProtocolFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.Sequence(lambda n: n + 1)
    heading = "Val av justerare"
    text = "Samverkansrådet utser justerare att jämte ordföranden justera protokollet."
    outcome = "Samverkansrådet beslutar enligt förslaget."


class ActionItemFactory(DjangoModelFactory[ActionItem]):
    class Meta:
        model = ActionItem

    paragraph = factory.SubFactory(ParagraphFactory)
    description = "Återkomma med en lägesrapport till nästa möte."
    assignee = factory.SubFactory(PersonFactory)
    due = datetime.date(2026, 6, 1)


class ParagraphCommentFactory(DjangoModelFactory[ParagraphComment]):
    class Meta:
        model = ParagraphComment

    paragraph = factory.SubFactory(ParagraphFactory)
    author = factory.SubFactory(PersonFactory)
    text = "Förslag: lägg till att beslutet gäller från och med hösten."


class NoticeFactory(DjangoModelFactory[Notice]):
    class Meta:
        model = Notice

    protocol = factory.SubFactory(ProtocolFactory, state=Protocol.State.JUSTERAT)
    posted_on = datetime.date(2026, 3, 2)
    removed_on = factory.LazyAttribute(
        lambda o: o.posted_on + datetime.timedelta(days=Notice.ANSLAG_DAYS)
    )
    kept_at = "Regional utveckling, Region Örebro län"
