"""Factories of the core: users, organisations, people, bodies, memberships, and
the signing CA's revocations and revocation lists."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from council.models import (
    AccessibilityFeedback,
    AgendaTemplateItem,
    ArchiveExport,
    Body,
    ItemKind,
    Membership,
    Organisation,
    Party,
    Person,
    RevocationList,
    RevokedCertificate,
    User,
)
from council.passkeys.models import Passkey
from council.signing.revocation import issue_crl
from tests.factories.common import (
    FIRST_NAMES,
    LAST_NAMES,
    PLACES,
    swedish_name,
)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = factory.Sequence(lambda n: FIRST_NAMES[n % len(FIRST_NAMES)])
    last_name = factory.Sequence(lambda n: LAST_NAMES[n % len(LAST_NAMES)])
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.se")
    password = factory.django.Password("pw")


class PasskeyFactory(DjangoModelFactory[Passkey]):
    class Meta:
        model = Passkey

    user = factory.SubFactory(UserFactory)
    name = "Telefonen"
    credential_id = factory.Sequence(lambda n: f"nyckel-{n}".encode())
    public_key = b"k"


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


class RevokedCertificateFactory(DjangoModelFactory[RevokedCertificate]):
    """A revocation row as such; `revocation.revoke` is what also issues a CRL."""

    class Meta:
        model = RevokedCertificate

    serial_number = factory.Sequence(lambda n: str(0x5A17_0000_0000_0000 + n))
    reason = RevokedCertificate.Reason.SUPERSEDED
    note = "Ersatt efter byte av roll."


class RevocationListFactory(DjangoModelFactory[RevocationList]):
    """A CRL issued by the current CA (the test CA), listing every revocation."""

    class Meta:
        model = RevocationList

    @classmethod
    def _create(cls, model_class, *args, now=None, **kwargs) -> RevocationList:
        return issue_crl(now=now)


class ArchiveExportFactory(DjangoModelFactory[ArchiveExport]):
    """An export as recorded (the package itself is made by council.earkiv)."""

    class Meta:
        model = ArchiveExport

    kind = ArchiveExport.Kind.PROTOCOL
    channel = ArchiveExport.Channel.COMMAND
    body = factory.SubFactory(BodyFactory)
    year = 2018
    label = "Protokoll 2018-09-28"
    package_id = factory.Sequence(lambda n: f"uuid-00000000-0000-4000-8000-{n:012d}")
    sha256 = "0" * 64
    size = 1024
