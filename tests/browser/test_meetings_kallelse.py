"""The journey before a meeting, in a real browser (Chromium).

The secretary plans a meeting with three items and two attachments (one of them
non-public) and sends the kallelse; the e-mails carry a valid .ics to the right
people; a ledamot reads both attachments and reports absence; the secretary sees
it; an anonymous visitor sees only the public item and attachment.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from council.models import Membership
from meetings.models import Attachment, Meeting
from tests.upload_files import pdf_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = pdf_document(note="Rapport fran REKO")
DOCX_NAME = "Personal: underlag <konfidentiellt>.pdf"


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", allow_production=True, verbosity=0)
    return live_server


def log_in(page, site, username):
    page.goto(site.url + "/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(site.url + "/")


def log_out(page):
    page.get_by_role("button", name=re.compile(r"^Logga ut")).click()


def add_item(page, title, *, presenter="", public=True):
    form = page.locator(
        "form", has=page.get_by_role("button", name="Lägg till punkten")
    )
    form.get_by_label("Rubrik").fill(title)
    form.get_by_label("Föredragande").fill(presenter)
    box = form.get_by_label("Offentlig punkt")
    if box.is_checked() != public:
        box.click()
    form.get_by_role("button", name="Lägg till punkten").click()
    page.locator(".messages").get_by_text("Punkten är tillagd.").wait_for()


def upload(page, title, name, data, *, item_label=None, public=False):
    form = page.locator("form", has=page.get_by_role("button", name="Ladda upp"))
    form.get_by_label("Titel").fill(title)
    form.get_by_label("Fil").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": data}
    )
    if item_label:
        form.get_by_label("Hör till").select_option(label=item_label)
    if public:
        form.get_by_label("Offentlig bilaga").check()
    form.get_by_role("button", name="Ladda upp").click()
    page.locator(".messages").get_by_text(f"Bilagan ”{title}” är uppladdad.").wait_for()


def test_secretary_plans_and_sends_member_reports_absence_public_sees_public(
    page, demo_site, mailoutbox, tmp_path
):
    site = demo_site
    day = timezone.localdate() + datetime.timedelta(days=30)

    # The secretary plans a meeting.
    log_in(page, site, "sekreterare")
    page.get_by_role("link", name="Mina möten").click()
    page.get_by_role("link", name="Planera nytt möte för SSR").click()
    assert page.locator("h1").inner_text().startswith("Planera möte")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Börjar").fill("09:00")
    page.get_by_label("Slutar").fill("12:00")
    page.get_by_label("Lokal").fill("Konferenslokal Lärken")
    page.get_by_label("Adress").fill("Eklundavägen 1, Örebro")
    page.get_by_label("Länk till digitalt möte").fill(
        "https://moten.example.se/ssr-rum"
    )
    page.get_by_role("button", name="Skapa mötet").click()
    page.locator(".messages").get_by_text("Mötet är planerat.").wait_for()
    meeting = Meeting.objects.get(starts_at__date=day)
    template_count = meeting.agenda_items.count()
    assert template_count >= 5

    add_item(page, "Rapport från REKO", presenter="Eva Sund, utvecklingsledare")
    add_item(page, "Kompetensförsörjning i länet")
    add_item(page, "Personalärende på kansliet", public=False)
    assert meeting.agenda_items.count() == template_count + 3

    # Reorder with the keyboard: focus "Flytta upp" and press Enter.
    move_up = page.get_by_role("button", name="Flytta upp Personalärende på kansliet")
    move_up.focus()
    page.keyboard.press("Enter")
    page.locator(".messages").get_by_text(
        "Punkten ”Personalärende på kansliet” är flyttad upp."
    ).wait_for()
    titles = list(
        meeting.agenda_items.order_by("order").values_list("title", flat=True)
    )
    assert titles.index("Personalärende på kansliet") < titles.index(
        "Kompetensförsörjning i länet"
    )
    reko = meeting.agenda_items.get(title="Rapport från REKO")

    upload(
        page,
        "Verksamhetsrapport REKO",
        "reko-rapport.pdf",
        PDF,
        item_label=f"{reko.order}. Rapport från REKO",
        public=True,
    )
    upload(page, "Underlag om personalen", DOCX_NAME, pdf_document(note="intern"))
    public_file = Attachment.objects.get(title="Verksamhetsrapport REKO")
    secret_file = Attachment.objects.get(title="Underlag om personalen")
    assert secret_file.original_name == "Personal_ underlag _konfidentiellt.pdf"
    assert not secret_file.is_public

    page.get_by_role("button", name="Skicka kallelse").click()
    # The second step lists the recipients before anything is sent.
    page.get_by_role("heading", name="Mottagare").wait_for()
    assert not mailoutbox
    page.get_by_role("button", name="Skicka kallelsen till").click()
    page.locator(".messages").get_by_text("Kallelsen är skickad.").wait_for()

    # The e-mails: right recipients, a valid .ics each.
    called = Membership.objects.current().filter(
        body=meeting.body,
        role__in=["ordforande", "vice_ordforande", "ledamot", "ersattare"],
    )
    expected = sorted(
        {
            m.person.email or (m.person.user.email if m.person.user else "")
            for m in called.select_related("person__user")
        }
        - {""}
    )
    assert expected  # the demo users have addresses
    assert sorted(m.to[0] for m in mailoutbox) == expected
    for message in mailoutbox:
        assert "Rapport från REKO" in message.body
        [ics] = [a for a in message.attachments if a[0].endswith(".ics")]
        calendar = Calendar.from_ical(ics[1])
        [event] = calendar.walk("VEVENT")
        assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
        assert event.decoded("dtstart") == meeting.starts_at
        assert "Konferenslokal Lärken" in str(event["location"])
    log_out(page)

    # A ledamot sees both attachments and reports absence.
    log_in(page, site, "ledamot")
    page.get_by_role("link", name="Mina möten").click()
    page.locator(f"a[href='/moten/{meeting.pk}/']").click()
    assert page.get_by_role("link", name="Verksamhetsrapport REKO").is_visible()
    assert page.get_by_role("link", name="Underlag om personalen").is_visible()
    assert page.get_by_role("heading", name="Personalärende på kansliet").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Underlag om personalen").click()
    assert download.value.suggested_filename == "Personal_ underlag _konfidentiellt.pdf"
    page.get_by_label("Meddelande till sekreteraren (frivilligt)").fill(
        "Krockar med kommunstyrelsen"
    )
    page.get_by_role("button", name="Anmäl förhinder").click()
    page.locator(".messages").get_by_text("Ditt förhinder är anmält.").wait_for()
    log_out(page)

    # The secretary sees who does not come.
    log_in(page, site, "sekreterare")
    page.goto(f"{site.url}/moten/{meeting.pk}/")
    absent = page.locator("#narvaro ul").first
    assert "Linda Svahn" in absent.inner_text()
    assert "Krockar med kommunstyrelsen" in absent.inner_text()
    page.screenshot(path=str(tmp_path / "secretary-attendance.png"), full_page=True)
    log_out(page)

    # An anonymous visitor: the public item and attachment only.
    page.goto(f"{site.url}/moten/{meeting.pk}/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Rapport från REKO").is_visible()
    assert page.get_by_role("link", name="Verksamhetsrapport REKO").is_visible()
    content = page.content()
    assert "Personalärende på kansliet" not in content
    assert "Underlag om personalen" not in content
    assert "ssr-rum" not in content
    public = page.request.get(
        f"{site.url}/moten/{meeting.pk}/bilagor/{public_file.pk}/"
    )
    assert public.status == 200
    assert public.body() == PDF
    secret = page.request.get(
        f"{site.url}/moten/{meeting.pk}/bilagor/{secret_file.pk}/"
    )
    assert secret.status in {403, 404}
    assert b"intern" not in secret.body()
