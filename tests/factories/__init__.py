"""factory_boy factories for every model, with Swedish-looking defaults.

Each factory makes a valid object on its own: the check constraints of the models
(a meeting has a place and ends after it starts, protokoll version 1 corrects
nothing, an attendance names a person, …) hold for the defaults.

One module per app; every factory is named here, so tests write
`factories.MeetingFactory`.
"""

from factory.django import DjangoModelFactory

from tests.factories.council import (
    AccessibilityFeedbackFactory,
    AgendaTemplateItemFactory,
    ArchiveExportFactory,
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PasskeyFactory,
    PersonFactory,
    RevocationListFactory,
    RevokedCertificateFactory,
    SuperUserFactory,
    UserFactory,
)
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    AttachmentFactory,
    AttendanceFactory,
    CalendarTokenFactory,
    JusteringEvidenceFactory,
    JusteringFactory,
    MeetingChangeFactory,
    MeetingFactory,
    NoticeDispatchFactory,
    NoticeFactory,
    ParagraphCommentFactory,
    ParagraphFactory,
    ProtocolFactory,
    SignatureRecordFactory,
    SignedDocumentFactory,
    TimestampRenewalFactory,
)
from tests.factories.networks import (
    AchievementFactory,
    AgreementTopicFactory,
    FocusAreaFactory,
    NetworkLinkFactory,
    NetworkProfileFactory,
    SupportingNetworkFactory,
)
from tests.factories.plans import (
    ActivityFactory,
    AnnualPlanFactory,
    AssignmentFactory,
    StrategyAreaFactory,
    StyrdokumentFactory,
    VisionItemFactory,
)

# Every factory of a concrete model, for tests that run over all models.
MODEL_FACTORIES: dict[type, type[DjangoModelFactory]] = {
    factory_class._meta.model: factory_class
    for factory_class in [
        UserFactory,
        PasskeyFactory,
        AccessibilityFeedbackFactory,
        OrganisationFactory,
        PersonFactory,
        BodyFactory,
        AgendaTemplateItemFactory,
        MembershipFactory,
        RevokedCertificateFactory,
        RevocationListFactory,
        ArchiveExportFactory,
        MeetingFactory,
        AgendaItemFactory,
        AttachmentFactory,
        AttendanceFactory,
        NoticeDispatchFactory,
        MeetingChangeFactory,
        CalendarTokenFactory,
        ProtocolFactory,
        JusteringFactory,
        JusteringEvidenceFactory,
        ParagraphFactory,
        ActionItemFactory,
        ParagraphCommentFactory,
        NoticeFactory,
        SignedDocumentFactory,
        SignatureRecordFactory,
        TimestampRenewalFactory,
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

__all__ = [
    "MODEL_FACTORIES",
    "UserFactory",
    "RevokedCertificateFactory",
    "RevocationListFactory",
    "ArchiveExportFactory",
    "SuperUserFactory",
    "OrganisationFactory",
    "AccessibilityFeedbackFactory",
    "PersonFactory",
    "BodyFactory",
    "AgendaTemplateItemFactory",
    "MembershipFactory",
    "MeetingFactory",
    "AgendaItemFactory",
    "AttachmentFactory",
    "AttendanceFactory",
    "NoticeDispatchFactory",
    "MeetingChangeFactory",
    "CalendarTokenFactory",
    "ProtocolFactory",
    "JusteringFactory",
    "JusteringEvidenceFactory",
    "PasskeyFactory",
    "SignedDocumentFactory",
    "SignatureRecordFactory",
    "TimestampRenewalFactory",
    "ParagraphFactory",
    "ActionItemFactory",
    "ParagraphCommentFactory",
    "NoticeFactory",
    "StyrdokumentFactory",
    "StrategyAreaFactory",
    "AnnualPlanFactory",
    "AssignmentFactory",
    "VisionItemFactory",
    "ActivityFactory",
    "NetworkProfileFactory",
    "FocusAreaFactory",
    "AgreementTopicFactory",
    "SupportingNetworkFactory",
    "AchievementFactory",
    "NetworkLinkFactory",
]
