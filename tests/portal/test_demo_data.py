"""The demo command loads exactly the seeds' facts, and only once."""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from council.models import Body, Membership, Organisation, Person, User
from council.portal.demo.load import load_demo
from council.portal.demo.load.meetings import next_meeting_day
from meetings.models import AgendaItem, Attendance, Justering, Meeting, Protocol
from networks.models import NetworkProfile
from plans.models import Activity, AnnualPlan, Styrdokument

pytestmark = pytest.mark.django_db

LEDAMOTER = {
    # name: (party, organisation)
    "Ronny Larsson": ("S", "Askersunds kommun"),
    "Markus Sukuvaara": ("V", "Degerfors kommun"),
    "Siw Lunander": ("S", "Hallsbergs kommun"),
    "Christina Johansson": ("M", "Hällefors kommun"),
    "Yvonne Nilsson": ("S", "Karlskoga kommun"),
    "Oscar Svärd": ("M", "Kumla kommun"),
    "Arne Augustsson": ("C", "Laxå kommun"),
    "Håkan Söderman": ("M", "Lekebergs kommun"),
    "Linda Svahn": ("S", "Lindesbergs kommun"),
    "Ulla Kalandar Karlsson": ("S", "Ljusnarsbergs kommun"),
    "Ulla Bergström": ("S", "Nora kommun"),
    "Jessica Ekebring": ("S", "Örebro kommun"),
    "Irén Lejegren": ("S", "Region Örebro län"),
}


def seed(name: str) -> str:
    path = settings.SEEDS_DIR / name
    assert path.exists(), f"The seed {path} is missing; set SEEDS_DIR."
    return path.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def council(demo_data) -> Body:
    return Body.objects.get(slug="ssr")


@pytest.fixture
def meeting_2018(council) -> Meeting:
    return Meeting.objects.get(body=council, starts_at__date=datetime.date(2018, 9, 28))


def test_thirteen_member_organisations(demo_data):
    """The Region and the 12 municipalities are the member organisations."""
    members = Organisation.objects.filter(is_member=True)
    assert members.count() == 13
    assert members.filter(kind=Organisation.Kind.MUNICIPALITY).count() == 12
    assert members.get(kind=Organisation.Kind.REGION).name == "Region Örebro län"
    # The seed's spelling is kept as an alias of the official name.
    assert (
        "Lekeberg kommun" in Organisation.objects.get(name="Lekebergs kommun").aliases
    )


def test_thirteen_ledamoter_with_party_role_and_organisation(council):
    """The council's 13 ledamöter of 2018, each with the seed's party and organisation."""
    seats = Membership.objects.filter(
        body=council, role__in=Membership.VOTING_ROLES
    ).select_related("person", "organisation")
    assert seats.count() == 13
    found = {m.person.name: (m.party, m.organisation.name) for m in seats}
    assert found == LEDAMOTER
    roles = {m.person.name: m.role for m in seats}
    assert roles["Irén Lejegren"] == Membership.Role.CHAIR
    assert roles["Håkan Söderman"] == Membership.Role.VICE_CHAIR
    assert sum(role == Membership.Role.MEMBER for role in roles.values()) == 11
    secretary = Membership.objects.get(body=council, role=Membership.Role.SECRETARY)
    assert secretary.person.name == "Anna Elverskog"


def test_every_ledamot_appears_in_the_seed(council):
    """Names, parties and organisations are the seed's, not invented."""
    text = seed("protokoll-2018-09-28.txt")
    for name, (party, _organisation) in LEDAMOTER.items():
        person = Person.objects.get(name=name)
        assert any(
            f"{spelling} ({party})" in text for spelling in [name, *person.aliases]
        )


def test_spelling_variants_are_one_person_with_aliases(demo_data):
    """Lejgren/Lejegren, Ingemar/Ingmar and Oscar/Oskar are one person each."""
    for canonical, variant in [
        ("Irén Lejegren", "Irén Lejgren"),
        ("Ingemar Ångman", "Ingmar Ångman"),
        ("Oscar Svärd", "Oskar Svärd"),
    ]:
        person = Person.objects.get(name=canonical)
        assert person.matches(variant)
        assert not Person.objects.filter(name=variant).exists()


def test_meeting_2018_with_its_attendance(meeting_2018):
    """Tid and plats of 2018-09-28, 13 ledamöter and 4 övriga närvarande."""
    start = timezone.localtime(meeting_2018.starts_at)
    end = timezone.localtime(meeting_2018.ends_at)
    assert (start.hour, start.minute, end.hour) == (9, 0, 12)
    assert meeting_2018.location == "Konferenslokal Lärken"
    assert meeting_2018.address == "Eklundavägen 1, Örebro"
    members = meeting_2018.attendances.filter(role=Attendance.Role.MEMBER)
    assert members.count() == 13
    others = meeting_2018.attendances.filter(role=Attendance.Role.OTHER)
    assert sorted(a.display_name for a in others) == sorted(
        [
            "Ewa Lindberg",
            "Anita Thorsberg Ladinek",
            "Eva Sund",
            "Maria Svensson Hallberg",
        ]
    )
    assert all(a.organisation.name == "Region Örebro län" for a in others)
    vice = members.get(person__name="Håkan Söderman")
    assert vice.role_note == "vice ordförande"


def test_fourteen_items_whose_headings_match_the_seed(meeting_2018):
    """Items and paragraphs 1–14 carry the seed's headings, in order."""
    text = seed("protokoll-2018-09-28.txt")
    headings = {}
    for number, bold, plain in re.findall(
        r"^(\d+)\. (?:\*\*(.+?)\*\*|(.+))$", text, re.MULTILINE
    ):
        headings.setdefault(int(number), (bold or plain).strip())
    assert sorted(headings) == list(range(1, 15))

    items = list(meeting_2018.agenda_items.order_by("order"))
    assert [(i.order, i.title) for i in items] == sorted(headings.items())
    protocol = meeting_2018.protocols.get(version=1)
    paragraphs = list(protocol.paragraphs.order_by("order"))
    assert [(p.number, p.heading) for p in paragraphs] == sorted(headings.items())
    assert all(p.agenda_item.order == p.number for p in paragraphs)


def test_paragraph_texts_are_the_seed_text(meeting_2018):
    """Each paragraph's text and outcome are the seed's words, page breaks removed."""
    text = seed("protokoll-2018-09-28.txt")
    header = (
        "Specifikt samverkansråd för skola, utbildning och kompetensförsörjning "
        "Region Örebro län och länets kommuner Tjänsteställe Förv. Regional "
        "utveckling Sekreterare Anna Elverskog "
    )
    flat = normalise(text).replace("- " + header, "").replace(header, "")
    flat = flat.replace("[denna länk](#)", "denna länk")
    protocol = meeting_2018.protocols.get(version=1)
    for paragraph in protocol.paragraphs.all():
        assert normalise(paragraph.text) in flat, paragraph.heading
        assert normalise(paragraph.outcome) in flat, paragraph.heading
    komtek = protocol.paragraphs.get(number=5)
    assert "83% av eleverna" in komtek.text
    seven = protocol.paragraphs.get(number=7)
    assert "ställer sig bakom överenskommelsen" in seven.outcome
    thirteen = protocol.paragraphs.get(number=13)
    assert thirteen.action_items.get().assignee.name == "Ewa Lindberg"


def test_protocol_2018_is_justerat_on_paper(meeting_2018):
    """Justerat on paper 2018-10-12 by the chair and the justerare; no signature."""
    protocol = meeting_2018.protocols.get(version=1)
    assert protocol.state == Protocol.State.PUBLISHED
    assert protocol.is_locked
    assert protocol.justering_method == Protocol.JusteringMethod.PAPER
    assert protocol.justering_date == datetime.date(2018, 10, 12)
    assert protocol.chair.name == "Irén Lejegren"
    assert protocol.secretary.name == "Anna Elverskog"
    assert [p.name for p in protocol.justerare.all()] == ["Håkan Söderman"]
    signers = {(j.person.name, j.role, j.method) for j in protocol.justeringar.all()}
    assert signers == {
        ("Irén Lejegren", Justering.Role.CHAIR, Protocol.JusteringMethod.PAPER),
        ("Håkan Söderman", Justering.Role.JUSTERARE, Protocol.JusteringMethod.PAPER),
    }
    assert all(
        timezone.localtime(j.justerat_at).date() == datetime.date(2018, 10, 12)
        for j in protocol.justeringar.all()
    )


def test_three_networks_with_size_and_frequency(demo_data):
    """REKO (22, monthly), GySam (12, monthly) and Sakkunnigstödet, as presented."""
    networks = {p.body.slug: p for p in NetworkProfile.objects.select_related("body")}
    assert set(networks) == {"reko", "gysam", "sakkunnigstodet"}
    assert Body.objects.filter(kind=Body.Kind.NETWORK).count() == 3
    reko, gysam, sakkunniga = (
        networks["reko"],
        networks["gysam"],
        networks["sakkunnigstodet"],
    )
    assert (reko.size, reko.meetings_per_year) == (22, 12)
    assert (gysam.size, gysam.meetings_per_year) == (12, 12)
    assert sakkunniga.size is None
    assert [a.title for a in reko.focus_areas.all()] == [
        "Yrkesvux",
        "SFI",
        "Kombinationsutbildningar",
        "Validering",
    ]
    assert [t.title for t in reko.agreement_topics.all()] == [
        "Frisök",
        "Fördelning av statsbidrag",
        "Hemkommunens ansvar",
        "Anordnande kommuns ansvar",
    ]
    assert [s.title for s in gysam.supporting_networks.all()] == [
        "GySär",
        "IM-nätverket",
    ]
    vux_dagen = reko.achievements.get(title="Vux-dagen")
    assert vux_dagen.participants == 300
    assert gysam.achievements.get(title="Inspirationsdagen").participants == 160
    chefsgruppen = Body.objects.get(slug="chefsgruppen")
    assert chefsgruppen.parent.slug == "ssr"
    assert all(p.body.parent == chefsgruppen for p in networks.values())


def test_plan_2023_uppdrag_vision_and_activities(council):
    """The 2023 plan has the slides' 6 uppdrag, 7 vision items and 8 activities."""
    text = normalise(seed("verksamhetsplan-2023-presentation.txt"))
    plan = AnnualPlan.objects.get(body=council, year=2023)
    assert plan.state == AnnualPlan.State.PUBLISHED
    assignments = [a.title for a in plan.assignments.all()]
    assert len(assignments) == 6
    vision = [v.title for v in plan.vision_items.all()]
    assert len(vision) == 7
    for title in assignments[:2] + vision:
        assert title in text
    activities = list(plan.activities.all())
    assert len(activities) == 8
    assert activities[2].title == "Diskutera lärarförsörjningen"
    areas = {str(a) for v in plan.vision_items.all() for a in v.strategy_areas.all()}
    assert areas == {"RUS 5:3", "RUS 5:4"}
    assert {d.title for d in plan.styrdokument.all()} >= {
        "Regional handlingsplan för kompetensförsörjning 2020–2024",
        "Kunskapslyft barn och unga 2016–2022",
    }


def test_follow_up_of_2022(council):
    """The 2022 activities are followed up; unfinished ones continue in 2023."""
    plan_2022 = AnnualPlan.objects.get(body=council, year=2022)
    assert plan_2022.activities.count() == 7
    carried = Activity.objects.filter(plan__year=2023, carried_from__isnull=False)
    assert carried.count() == 5
    assert all(a.carried_from.status == Activity.Status.ONGOING for a in carried)


def test_styrdokument(demo_data):
    """Kunskapslyft 2016–2022 (not the slide's typo 2026) is extended, with a successor."""
    kunskapslyft = Styrdokument.objects.get(title__startswith="Kunskapslyft")
    assert kunskapslyft.period == "2016–2022"
    assert kunskapslyft.status == Styrdokument.Status.EXTENDED
    assert kunskapslyft.successor.title == "Kraftsamling barn och unga"
    assert kunskapslyft.parts.get().kind == Styrdokument.Kind.ACTIVITY_PLAN


def test_upcoming_meeting_from_the_agenda_template(council):
    """One upcoming council meeting, at least two weeks ahead, with standard items."""
    upcoming = Meeting.objects.filter(body=council, starts_at__gt=timezone.now())
    assert upcoming.count() == 1
    meeting = upcoming.get()
    assert meeting.state == Meeting.State.PLANNED
    assert meeting.local_start.date() >= timezone.localdate() + datetime.timedelta(14)
    titles = list(
        meeting.agenda_items.order_by("order").values_list("title", flat=True)
    )
    assert titles[0] == "Mötet öppnas"
    assert titles[-1] == "Mötet avslutas"
    assert "Val av justerare" in titles
    assert titles == [t.title for t in council.agenda_template_items.all()]


def test_next_meeting_day_is_a_friday_two_weeks_ahead():
    """The demo meeting falls on a Friday at least 14 days from today."""
    for offset in range(7):
        today = datetime.date(2026, 11, 23) + datetime.timedelta(days=offset)
        day = next_meeting_day(today)
        assert day.weekday() == 4
        assert 14 <= (day - today).days < 21


def test_demo_users_linked_to_people(demo_data):
    """The demo users exist, log in with the demo password and are linked."""
    expected = {
        "sekreterare": "Anna Elverskog",
        "ordforande": "Irén Lejegren",
        "justerare": "Håkan Söderman",
        "ledamot": "Linda Svahn",
    }
    for username, name in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.person.name == name
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    secretary = User.objects.get(username="sekreterare")
    assert secretary.is_staff and not secretary.is_superuser
    assert secretary.has_perm("meetings.change_protocol")
    assert not User.objects.get(username="ledamot").is_staff


def test_running_twice_changes_nothing(demo_data):
    """A second run creates, changes and records nothing."""

    def snapshot():
        counts = {}
        for model in apps.get_models():
            if model._meta.app_label in {"council", "meetings", "plans", "networks"}:
                counts[model._meta.label] = model.objects.count()
        counts["passwords"] = tuple(User.objects.order_by("pk").values_list("password"))
        return counts

    before = snapshot()
    call_command("load_demo", allow_production=True, verbosity=0)
    assert snapshot() == before


def test_demo_history_is_attributed(demo_data):
    """The loaded records carry history with a reason."""
    row = Protocol.history.earliest("history_date")
    assert row.history_change_reason == "Demodata från källdokumenten"
    assert AgendaItem.history.count() >= 14


def test_command_prints_the_users(db, capsys):
    """`load_demo` prints each demo user and the password."""
    call_command("load_demo", allow_production=True)
    out = capsys.readouterr().out
    for username in ["sekreterare", "ordforande", "justerare", "ledamot", "admin"]:
        assert username in out
    assert settings.DEMO_PASSWORD in out


def test_demo_users_absent_without_demo(db):
    """Demo users exist only where the demo command ran."""
    assert not User.objects.filter(username="sekreterare").exists()
    load_demo()
    assert User.objects.filter(username="sekreterare").exists()
