"""Factories of the networks' pages."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from council.models import (
    Body,
)
from networks.models import (
    Achievement,
    AgreementTopic,
    FocusArea,
    NetworkLink,
    NetworkProfile,
    SupportingNetwork,
)
from tests.factories.council import (
    BodyFactory,
)


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
