"""The review page reads like the protokoll: the text first, "Föreslå ändring"
under each §, and Justera after the text with who has justerat and who not.
The ändringsförslag that wait show with whose, and the secretary sees who last
changed the text. The breadcrumb links the overview only for those who may see
it.
"""

from __future__ import annotations

import re

import pytest

from meetings.models import Protocol
from meetings.services.protocol.justering import protocol_comment, protocol_justera

pytestmark = pytest.mark.django_db


def review(client, user, protocol: Protocol) -> str:
    client.force_login(user)
    response = client.get(f"/protokoll/{protocol.pk}/granska/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_text_comes_before_the_justera_form(client, cast, in_justering):
    page = review(client, cast.member, in_justering)
    last = in_justering.paragraphs.order_by("order").last()
    justera = page.index(f'action="/protokoll/{in_justering.pk}/justera/"')
    assert page.index("paragraphs-heading") < justera
    assert page.index(f"</span> {last.heading}</h3>") < justera
    assert page.index('name="password"') > justera


def test_a_suggestion_field_sits_under_each_paragraph(client, cast, in_justering):
    page = review(client, cast.member, in_justering)
    sections = re.split(r'<section class="paragraph" ', page)[1:]
    paragraphs = list(in_justering.paragraphs.order_by("order"))
    assert len(sections) == len(paragraphs)
    for section, paragraph in zip(sections, paragraphs, strict=True):
        own = section.split("</section>")[0]
        assert '<details class="paragraph-suggest">' in own
        assert (
            f'Föreslå ändring<span class="visually-hidden"> i § {paragraph.number}'
            in own
        )
        assert f'<textarea name="comment_{paragraph.pk}"' in own
        assert own.count('type="submit"') == 1
    # All of them post to the one comment form, which works without JavaScript.
    form = page.split('id="comment-form"')[1].split("</form>")[0]
    assert form.count("<textarea") == len(paragraphs)


def test_a_suggestion_posted_from_under_its_paragraph_goes_back(
    client, cast, in_justering
):
    paragraph = in_justering.paragraphs.get(number=3)
    client.force_login(cast.member)
    response = client.post(
        f"/protokoll/{in_justering.pk}/andringsforslag/",
        {f"comment_{paragraph.pk}": "Lägg till Nora.", "comment_999999": ""},
    )
    assert response.status_code == 302
    assert Protocol.objects.get(pk=in_justering.pk).state == Protocol.State.DRAFT


def test_signing_progress_says_who_has_justerat_and_who_remains(
    client, cast, in_justering
):
    protocol_justera(protocol_id=in_justering.pk, actor=cast.chair)
    page = review(client, cast.member, in_justering)
    progress = page.split('class="signing-progress"')[1].split("</ul>")[0]
    chair, member = cast.chair.person.name, cast.member.person.name
    assert re.search(rf'class="done">Ordförande: {chair}, justerade \d', progress)
    assert f'class="waiting">Justerare: {member}, har inte justerat än' in progress
    assert page.index("signing-progress") > page.index("paragraphs-heading")


def test_a_justerat_protokoll_shows_everyone_done(client, cast, justerat):
    page = review(client, cast.secretary, justerat)
    progress = page.split('class="signing-progress"')[1].split("</ul>")[0]
    assert progress.count('class="done"') == 2
    assert "har inte justerat" not in progress
    assert f"<code>{justerat.content_sha256}</code>" in page


def test_a_refused_justering_opens_with_the_error_summary(client, cast, in_justering):
    client.force_login(cast.chair)
    response = client.post(f"/protokoll/{in_justering.pk}/justera/", {"password": ""})
    assert response.status_code == 400
    page = response.content.decode()
    main = page.split('<main id="main" tabindex="-1">')[1]
    assert (
        main.split('<div class="wrap">')[1]
        .lstrip()
        .startswith('<div class="error-summary" role="alert" tabindex="-1"')
    )
    summary = main.split("</div>")[0]
    assert 'href="#justera_password"' in summary
    assert 'href="#justera_confirm"' in summary
    assert (
        'aria-invalid="true"'
        in page.split('id="justera_password"')[0][-300:]
        + (page.split('id="justera_password"')[1][:300])
    )


def test_waiting_suggestions_show_with_whose_and_who_last_edited(
    client, cast, in_justering
):
    paragraph = in_justering.paragraphs.get(number=4)
    protocol_comment(
        protocol_id=in_justering.pk,
        actor=cast.member,
        comments={paragraph.pk: "Skriv att alla deltog."},
    )
    page = review(client, cast.secretary, in_justering)
    waiting = page.split('id="waiting-heading"')[1].split("</section>")[0]
    assert f"Från {cast.member.person.name}" in waiting
    assert "§ 4" in waiting
    # The suggestion under its own paragraph, marked as waiting.
    own = page.split(f"</span> {paragraph.heading}</h3>")[1].split("</section>")[0]
    assert "Skriv att alla deltog." in own and "(väntar)" in own
    # Who last changed the text: the secretary, not the justerare who commented.
    edited = page.split("Texten senast ändrad")[1].split("</p>")[0]
    secretary = cast.secretary.get_full_name() or cast.secretary.username
    assert f"av {secretary}" in edited
    member = cast.member.get_full_name() or cast.member.username
    assert member not in edited


def test_the_breadcrumb_links_the_overview_only_for_those_who_see_it(
    client, cast, in_justering
):
    overview = 'href="/protokoll/oversikt/"'
    signer = review(client, cast.member, in_justering)
    breadcrumb = signer.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert overview not in breadcrumb
    assert f'href="/moten/{in_justering.meeting_id}/"' in breadcrumb
    assert client.get("/protokoll/oversikt/").status_code == 403
    secretary = review(client, cast.secretary, in_justering)
    assert overview in secretary.split('class="breadcrumbs"')[1].split("</nav>")[0]
    history = client.get(f"/protokoll/{in_justering.pk}/historik/").content.decode()
    assert overview in history.split('class="breadcrumbs"')[1]
    client.force_login(cast.member)
    history = client.get(f"/protokoll/{in_justering.pk}/historik/").content.decode()
    assert overview not in history.split('class="breadcrumbs"')[1].split("</nav>")[0]


def test_the_page_keeps_long_words_on_a_narrow_screen(client, cast, justerat):
    """Hashes and addresses wrap (the browser test measures it at 375 px)."""
    page = review(client, cast.secretary, justerat)
    assert '<div class="review-page">' in page
    assert "css/justering.css" in page
