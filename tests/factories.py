"""factory_boy factories for every model, with Swedish-looking defaults.

Each factory makes a valid object on its own: the check constraints of the models
(a meeting has a place and ends after it starts, protokoll version 1 corrects
nothing, an attendance names a person, …) hold for the defaults.
"""

from __future__ import annotations

import datetime
import hashlib
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from council.models import (
    AccessibilityFeedback,
    AgendaTemplateItem,
    Body,
    ItemKind,
    Membership,
    Organisation,
    Party,
    Person,
    User,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Attendance,
    CalendarToken,
    Justering,
    Meeting,
    MeetingChange,
    Notice,
    NoticeDispatch,
    Paragraph,
    ParagraphComment,
    Protocol,
    SignatureRecord,
    SignedDocument,
)
from networks.models import (
    Achievement,
    AgreementTopic,
    FocusArea,
    NetworkLink,
    NetworkProfile,
    SupportingNetwork,
)
from plans.models import (
    Activity,
    AnnualPlan,
    Assignment,
    StrategyArea,
    Styrdokument,
    VisionItem,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIRST_MEETING = datetime.datetime(2026, 2, 3, 9, 0, tzinfo=STOCKHOLM)

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson"]
PDF_BYTES = b"%PDF-1.4\n% Underlag till dagordningen\n"
PLACES = ["Örebro", "Karlskoga", "Lindesberg", "Kumla", "Hallsberg", "Askersund"]


def swedish_name(n: int) -> str:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


# Council -------------------------------------------------------------------------


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = factory.Sequence(lambda n: FIRST_NAMES[n % len(FIRST_NAMES)])
    last_name = factory.Sequence(lambda n: LAST_NAMES[n % len(LAST_NAMES)])
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.se")
    password = factory.django.Password("pw")


class SuperUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"kansli{n}")
    is_staff = True
    is_superuser = True


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"{PLACES[n % len(PLACES)]}s kommun {n}")
    short_name = factory.Sequence(lambda n: f"{PLACES[n % len(PLACES)]} {n}")
    kind = Organisation.Kind.MUNICIPALITY
    is_member = True
    website = "https://www.example.se/"


class AccessibilityFeedbackFactory(DjangoModelFactory[AccessibilityFeedback]):
    class Meta:
        model = AccessibilityFeedback

    message = "Knappen Skicka går inte att nå med tangentbordet."
    page = "/moten/"


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = factory.Sequence(swedish_name)
    party = Party.S
    title = "kommunalråd"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.se")


class BodyFactory(DjangoModelFactory[Body]):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Samverkansråd för skola och utbildning {n}")
    short_name = factory.Sequence(lambda n: f"SSR{n}")
    slug = factory.Sequence(lambda n: f"organ-{n}")
    kind = Body.Kind.COUNCIL
    description = "Politiskt samverkansråd för länets kommuner och regionen."
    numbering = Body.Numbering.PER_MEETING


class AgendaTemplateItemFactory(DjangoModelFactory[AgendaTemplateItem]):
    class Meta:
        model = AgendaTemplateItem

    body = factory.SubFactory(BodyFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Mötets öppnande"
    text = "Ordföranden öppnar mötet."
    kind = ItemKind.FORMALIA


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.MEMBER
    organisation = factory.SelfAttribute("person.organisation")
    party = factory.SelfAttribute("person.party")
    starts = datetime.date(2023, 1, 1)
    ends = None


# Meetings ------------------------------------------------------------------------


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


PDF_BYTES = b"%PDF-1.7\n% a stand-in for a signed protokoll\n%%EOF\n"


class SignedDocumentFactory(DjangoModelFactory[SignedDocument]):
    """A final record. Its bytes are a stand-in: tests of real signing use the
    workflow, which renders and signs the real PDF."""

    class Meta:
        model = SignedDocument

    protocol = factory.SubFactory(ProtocolFactory, state=Protocol.State.PUBLISHED)
    kind = SignedDocument.Kind.PROTOCOL
    data = PDF_BYTES
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


# Plans ---------------------------------------------------------------------------


class StyrdokumentFactory(DjangoModelFactory[Styrdokument]):
    class Meta:
        model = Styrdokument

    title = factory.Sequence(lambda n: f"Regional utvecklingsstrategi {n}")
    short_name = factory.Sequence(lambda n: f"RUS{n}")
    kind = Styrdokument.Kind.STRATEGY
    description = "Länets gemensamma strategi för hållbar regional utveckling."
    period_start = 2022
    period_end = 2030
    status = Styrdokument.Status.IN_FORCE


class StrategyAreaFactory(DjangoModelFactory[StrategyArea]):
    class Meta:
        model = StrategyArea

    styrdokument = factory.SubFactory(StyrdokumentFactory)
    code = factory.Sequence(lambda n: f"5:{n + 1}")
    title = "Stärkt kompetensförsörjning"


class AnnualPlanFactory(DjangoModelFactory[AnnualPlan]):
    class Meta:
        model = AnnualPlan

    body = factory.SubFactory(BodyFactory)
    year = factory.Sequence(lambda n: 2001 + n % 99)
    version = 1
    state = AnnualPlan.State.DRAFT
    introduction = "Verksamhetsplanen beskriver rådets arbete under året."


class AssignmentFactory(DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Följa upp samverkansdokumentet"
    text = "Rådet följer upp samverkansdokumentet och dess aktivitetsplan."


class VisionItemFactory(DjangoModelFactory[VisionItem]):
    class Meta:
        model = VisionItem

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Möta arbetskraftsefterfrågan i bristyrken"
    text = "Möt arbetskraftsefterfrågan i bristyrken och regionala styrkeområden."


class ActivityFactory(DjangoModelFactory[Activity]):
    class Meta:
        model = Activity

    plan = factory.SubFactory(AnnualPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Utveckla samverkan kring vuxenutbildningen"
    description = "Öka kunskapen om länets vuxenutbildning."
    owner = Activity.Owner.OFFICIALS
    status = Activity.Status.PLANNED


# Networks ------------------------------------------------------------------------


class NetworkProfileFactory(DjangoModelFactory[NetworkProfile]):
    class Meta:
        model = NetworkProfile

    body = factory.SubFactory(
        BodyFactory,
        kind=Body.Kind.NETWORK,
        name=factory.Sequence(lambda n: f"Nätverk för vuxnas lärande {n}"),
        short_name=factory.Sequence(lambda n: f"Vux{n}"),
    )
    full_name = "Regionalt kompetensforum för vuxnas lärande"
    purpose = "Stärka samverkan kring vuxenutbildningen i länet."
    size = 12
    meeting_frequency = "1 gång/månad"
    meetings_per_year = 10


class FocusAreaFactory(DjangoModelFactory[FocusArea]):
    class Meta:
        model = FocusArea

    profile = factory.SubFactory(NetworkProfileFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Validering"


class AgreementTopicFactory(DjangoModelFactory[AgreementTopic]):
    class Meta:
        model = AgreementTopic

    profile = factory.SubFactory(NetworkProfileFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Interkommunal ersättning"


class SupportingNetworkFactory(DjangoModelFactory[SupportingNetwork]):
    class Meta:
        model = SupportingNetwork

    profile = factory.SubFactory(NetworkProfileFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "GySär"
    description = "Nätverk för gymnasiesärskolan."


class AchievementFactory(DjangoModelFactory[Achievement]):
    class Meta:
        model = Achievement

    profile = factory.SubFactory(NetworkProfileFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Länsgemensam konferens om validering"
    description = "En heldag för rektorer och studie- och yrkesvägledare."
    date = datetime.date(2025, 10, 15)
    participants = 120


class NetworkLinkFactory(DjangoModelFactory[NetworkLink]):
    class Meta:
        model = NetworkLink

    profile = factory.SubFactory(NetworkProfileFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "VuxWebb"
    url = "https://www.example.se/vuxwebb"


# Every factory of a concrete model, for tests that run over all models.
MODEL_FACTORIES: dict[type, type[DjangoModelFactory]] = {
    factory_class._meta.model: factory_class
    for factory_class in [
        UserFactory,
        AccessibilityFeedbackFactory,
        OrganisationFactory,
        PersonFactory,
        BodyFactory,
        AgendaTemplateItemFactory,
        MembershipFactory,
        MeetingFactory,
        AgendaItemFactory,
        AttachmentFactory,
        AttendanceFactory,
        NoticeDispatchFactory,
        MeetingChangeFactory,
        CalendarTokenFactory,
        ProtocolFactory,
        JusteringFactory,
        ParagraphFactory,
        ActionItemFactory,
        ParagraphCommentFactory,
        NoticeFactory,
        SignedDocumentFactory,
        SignatureRecordFactory,
        StyrdokumentFactory,
        StrategyAreaFactory,
        AnnualPlanFactory,
        AssignmentFactory,
        VisionItemFactory,
        ActivityFactory,
        NetworkProfileFactory,
        FocusAreaFactory,
        AgreementTopicFactory,
        SupportingNetworkFactory,
        AchievementFactory,
        NetworkLinkFactory,
    ]
}
