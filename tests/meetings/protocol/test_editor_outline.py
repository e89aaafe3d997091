"""The editor fits a long protokoll: an outline of the §§ with their state, the
optional fields folded until used, Spara as the form's default button, the
numbers as they will be, the justerare's names written, the chair chosen, and a
truthful "Senast sparat av"."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from council.models import Body
from meetings.models import Paragraph, Protocol
from meetings.services.planning import meeting_create
from meetings.services.protocol import drafting
from meetings.services.protocol.justering import (
    protocol_comment,
    protocol_send_to_justering,
)
from tests.meetings.helpers import draft_for, editor_post, editor_values

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def editor(client, protocol: Protocol) -> str:
    return client.get(f"/protokoll/{protocol.pk}/utkast/").content.decode()


def outline_of(page: str) -> str:
    start = page.index('class="protocol-outline"')
    return page[start : page.index("</nav>", start)]


def section(page: str, paragraph: Paragraph) -> str:
    start = page.index(f'id="stycke-{paragraph.pk}"')
    return page[start : page.index("</section>", start)]


def test_the_outline_links_every_paragraph_with_its_state(client, cast, draft):
    """One jump link per §, in order, saying whether it is empty or written, who
    commented, and jäv."""
    paragraphs = list(draft.paragraphs.order_by("order"))
    empty = paragraphs[-1]
    empty.text = ""
    empty.save()
    client.force_login(cast.secretary)
    page = editor(client, draft)
    outline = outline_of(page)
    links = re.findall(r'href="#stycke-(\d+)"', outline)
    assert links == [str(p.pk) for p in paragraphs]
    assert f"§ {paragraphs[0].order} {paragraphs[0].heading}</a> " in outline
    assert "(har text)" in outline
    assert f'{empty.heading}</a> <span class="outline-state">(tom)' in outline


def test_the_outline_names_who_commented(client, cast, in_justering):
    """A justerare's ändringsförslag shows in the outline with the author's name,
    and "Senast sparat av" still names the secretary, not the justerare."""
    target = in_justering.paragraphs.order_by("order")[1]
    protocol_comment(
        protocol_id=in_justering.pk,
        actor=cast.member,
        comments={target.pk: "Skriv vem som deltog."},
    )
    client.force_login(cast.secretary)
    page = editor(client, in_justering)
    outline = outline_of(page)
    assert f"ändringsförslag från {cast.member.person.name}" in outline
    last = re.search(r'id="last-change">([^<]*)<', page).group(1)
    assert cast.member.username not in last
    secretary = cast.secretary.get_full_name() or cast.secretary.username
    assert last.endswith(f"av {secretary}.")


def test_optional_fields_are_folded_until_used(client, cast, draft):
    """Heading, text and outcome show; the rest sits in closed <details>, open
    when a field in it holds something."""
    first, second = draft.paragraphs.order_by("order")[:2]
    second.dnr = "RS 2026/12"
    second.save()
    client.force_login(cast.secretary)
    page = editor(client, draft)
    folded = section(page, first)
    assert f'name="p{first.pk}-text"' in folded
    assert re.search(
        r'<details class="paragraph-more">\s*<summary>Fler uppgifter', folded
    )
    assert '<details class="paragraph-more" open>' not in folded
    used = section(page, second)
    assert re.search(
        r'<details class="paragraph-more" open>\s*<summary>Fler uppgifter', used
    )


def test_a_folded_field_with_an_error_is_open(client, cast, draft):
    """An error inside a folded part opens it, so the message is seen."""
    target = draft.paragraphs.order_by("order").first()
    client.force_login(cast.secretary)
    data = editor_post(draft)
    data[f"p{target.pk}-attachment_title"] = "Titel utan fil"
    response = client.post(f"/protokoll/{draft.pk}/utkast/", data)
    assert response.status_code == 400
    part = section(response.content.decode(), target)
    bilagor = part[part.index("<summary>Bilagor") - 40 :]
    assert bilagor.lstrip().startswith('<details class="paragraph-more" open>') or (
        "open>\n      <summary>Bilagor" in part
    )
    assert "Välj en fil till bilagan" in part


def test_spara_is_the_forms_first_button_and_comes_before_the_paragraphs(
    client, cast, draft
):
    """Enter in any field submits with the form's first submit button: that is
    Spara, placed before the outline and the paragraphs."""
    client.force_login(cast.secretary)
    page = editor(client, draft)
    buttons = re.findall(r"<button[^>]*type=\"submit\"[^>]*>", page)
    editor_buttons = [
        b for b in buttons if 'form="protocol-form"' in b or 'name="op"' in b
    ]
    assert 'value="save"' in editor_buttons[0]
    assert page.index('value="save"') < page.index('class="protocol-outline"')
    assert page.index('value="save"') < page.index('class="paragraph-edit"')


def test_enter_posts_save_and_never_changes_the_paragraphs(client, cast, draft):
    """A form submitted without a button (as Enter may) only saves."""
    client.force_login(cast.secretary)
    before = list(draft.paragraphs.order_by("order").values_list("pk", flat=True))
    data = editor_post(draft, **{"Övriga frågor": "Enter sparar."})
    del data["op"]
    response = client.post(f"/protokoll/{draft.pk}/utkast/", data)
    assert response.status_code == 302
    after = list(draft.paragraphs.order_by("order").values_list("pk", flat=True))
    assert after == before
    assert draft.paragraphs.get(heading="Övriga frågor").text == "Enter sparar."


def test_htmx_gets_the_editor_back_with_the_focus_on_the_new_paragraph(
    client, cast, draft
):
    """With htmx the button's POST answers with the page (no redirect), the new
    paragraph saved, the focus and an announcement marked for the script."""
    client.force_login(cast.secretary)
    first = draft.paragraphs.order_by("order").first()
    data = editor_post(draft, **{first.heading: "Sparas med knappen."})
    data["op"] = f"add:{first.pk}"
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    added = draft.paragraphs.get(order=2)
    assert added.heading == "Ny paragraf"
    page = response.content.decode()
    assert f'data-focus="stycke-{added.pk}-rubrik"' in page
    assert "en paragraf tillagd" in page
    assert Paragraph.objects.get(pk=first.pk).text == "Sparas med knappen."

    # A refused save answers with the editor and its errors, not a redirect.
    data = editor_post(Protocol.objects.get(pk=draft.pk))
    data[f"p{first.pk}-heading"] = ""
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-focus="editor-announce"' in page
    assert "Protokollet kunde inte sparas" in page


def meeting_on(cast, day: datetime.date):
    start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=TZ)
    return meeting_create(
        body_id=cast.body.pk,
        actor=cast.secretary,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Konferenslokal Lärken",
    )


def test_per_year_numbers_are_shown_as_they_will_be(client, cast):
    """With per-year numbering the second protokoll of the year shows § 6 …, and
    "Bara vid §§" at the attendance takes those numbers."""
    body = Body.objects.get(pk=cast.body.pk)
    body.numbering = Body.Numbering.PER_YEAR
    body.save()
    earlier = draft_for(cast, meeting_on(cast, datetime.date(2026, 2, 6)))
    protocol_send_to_justering(protocol_id=earlier.pk, actor=cast.secretary)
    later = draft_for(cast, meeting_on(cast, datetime.date(2026, 4, 17)))
    client.force_login(cast.secretary)
    page = editor(client, later)
    first = later.paragraphs.order_by("order").first()
    assert f"§ 6 {first.heading}</h2>" in page
    outline = outline_of(page)
    assert f"§ 6 {first.heading}</a>" in outline
    assert "§ 1 " not in outline
    # The preview, as the page shows it and as it follows the typing, too.
    for preview in (
        client.get(f"/protokoll/{later.pk}/forhandsvisning/"),
        client.post(f"/protokoll/{later.pk}/forhandsvisning/", {}),
    ):
        assert f'<span class="paragraph-number">§ 6</span> {first.heading}' in (
            preview.content.decode()
        )

    from meetings.services.protocol.attendance import protocol_attendance_save
    from tests.meetings.helpers import member_rows

    rows = member_rows(cast)
    rows[1]["paragraphs"] = [6, 7]
    later = Protocol.objects.get(pk=later.pk)
    protocol_attendance_save(
        protocol_id=later.pk,
        actor=cast.secretary,
        base_version=later.lock_version,
        members=rows,
        others=[],
    )
    page = client.get(f"/protokoll/{later.pk}/narvaro/").content.decode()
    assert 'value="6–7"' in page


def test_the_justerare_are_named_in_the_standard_wording(cast, meeting):
    """ "väljs till justerare." (the agenda's standard text, without names) gets the
    chosen justerare's names when they are chosen, and new names when they change."""
    protocol = drafting.protocol_create(meeting_id=meeting.pk, actor=cast.secretary)
    paragraph = protocol.paragraphs.get(heading__icontains="justerare")
    paragraph.text = "väljs till justerare."
    paragraph.save()
    draft = draft_for_existing(cast, protocol)
    assert draft.paragraphs.get(pk=paragraph.pk).text == (
        f"{cast.member.person.name} väljs till justerare."
    )
    drafting.protocol_save_draft(
        protocol_id=draft.pk,
        actor=cast.secretary,
        base_version=draft.lock_version,
        chair_id=cast.member.person.pk,
        justerare_ids=[cast.chair.person.pk],
        justering_date=None,
        justering_place="",
        paragraphs=editor_values(draft),
    )
    assert draft.paragraphs.get(pk=paragraph.pk).text == (
        f"{cast.chair.person.name} väljs till justerare."
    )


def draft_for_existing(cast, protocol: Protocol) -> Protocol:
    from meetings.services.protocol.attendance import protocol_attendance_save
    from tests.meetings.helpers import member_rows, save_draft

    protocol = protocol_attendance_save(
        protocol_id=protocol.pk,
        actor=cast.secretary,
        base_version=protocol.lock_version,
        members=member_rows(cast),
        others=[],
    )
    return save_draft(cast, protocol)


def test_the_chair_is_preselected(client, cast, draft):
    """With no chair recorded, the editor offers the body's ordförande on the
    meeting's day, present at the meeting."""
    draft.chair = None
    draft.save()
    client.force_login(cast.secretary)
    page = editor(client, draft)
    chosen = re.search(r'<option value="(\d+)" selected>', page)
    assert chosen is not None
    assert int(chosen.group(1)) == cast.chair.person.pk


def test_htmx_is_sent_to_the_login_with_the_whole_page(client, cast, draft):
    """A button pressed after the session ran out keeps the text and tells htmx
    to go to the login page itself, not to look for the editor in it."""
    data = editor_post(draft, **{"Övriga frågor": "Kvar efter inloggningen."})
    response = client.post(
        f"/protokoll/{draft.pk}/utkast/", data, HTTP_HX_REQUEST="true"
    )
    url = f"/protokoll/{draft.pk}/utkast/"
    assert response["HX-Redirect"] == f"/logga-in/?next={url}"
    client.force_login(cast.secretary)
    assert "Kvar efter inloggningen." in client.get(url).content.decode()
