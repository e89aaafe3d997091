"""The kallelse PDF is rendered once per version of its content and then read from
the storage (council/pdf_store.py); a change renders a new one, and the
permission check still comes first."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from meetings.models import SignedDocument
from meetings.services.notice import notice_send
from meetings.services.planning import agenda_item_create
from meetings.services.protocol import extract as protocol_extract
from tests.conftest import at_once

pytestmark = pytest.mark.django_db


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def stored(kind: str) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "rendered" / kind).glob("*/*.pdf"))


@pytest.fixture
def called(cast, meeting):
    agenda_item_create(
        meeting_id=meeting.pk, actor=cast.secretary, title="Öppen punkt om GyWebb"
    )
    agenda_item_create(
        meeting_id=meeting.pk,
        actor=cast.secretary,
        title="Sluten punkt om avtal",
        is_public=False,
    )
    notice_send(meeting_id=meeting.pk, actor=cast.secretary)
    return meeting


def test_second_request_reads_the_stored_file(client, called, renders):
    url = f"/moten/{called.pk}/kallelse.pdf"
    first = client.get(url)
    assert first.status_code == 200
    assert len(renders) == 1
    (path,) = stored("kallelse")
    assert path.parent.name == f"{called.pk}-public"
    assert path.read_bytes() == first.content
    modified = path.stat().st_mtime_ns

    second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert len(renders) == 1
    assert stored("kallelse") == [path]
    assert path.stat().st_mtime_ns == modified
    assert second["ETag"] == first["ETag"] == f'"{path.stem}"'
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["Cache-Control"] == "public, max-age=60"


def test_a_reader_with_this_version_gets_304(client, called, renders):
    url = f"/moten/{called.pk}/kallelse.pdf"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert len(renders) == 1


def test_a_change_gives_a_new_pdf_and_drops_the_old(client, cast, called, renders):
    url = f"/moten/{called.pk}/kallelse.pdf"
    before = client.get(url)
    assert "Kompetensförsörjning i länet" not in pdftotext(before.content)
    agenda_item_create(
        meeting_id=called.pk,
        actor=cast.secretary,
        title="Kompetensförsörjning i länet",
    )
    after = client.get(url)
    assert after.status_code == 200
    assert "Kompetensförsörjning i länet" in pdftotext(after.content)
    assert after["ETag"] != before["ETag"]
    assert len(renders) == 2
    (path,) = stored("kallelse")  # the old version is gone
    assert f'"{path.stem}"' == after["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_members_version_is_kept_apart_and_never_served_to_the_public(
    client, cast, called, renders
):
    url = f"/moten/{called.pk}/kallelse.pdf"
    member = Client()
    member.force_login(cast.member)
    complete = member.get(url)
    assert "Sluten punkt om avtal" in pdftotext(complete.content)
    assert complete["Cache-Control"] == "private, no-store"

    public = client.get(url)
    assert public.status_code == 200
    assert "Sluten punkt om avtal" not in pdftotext(public.content)
    assert "Öppen punkt om GyWebb" in pdftotext(public.content)
    assert public["ETag"] != complete["ETag"]
    # Asking with the members' version does not hand it out either.
    probe = client.get(url, HTTP_IF_NONE_MATCH=complete["ETag"])
    assert probe.status_code == 200
    assert "Sluten punkt om avtal" not in pdftotext(probe.content)
    assert sorted(p.parent.name for p in stored("kallelse")) == [
        f"{called.pk}-complete",
        f"{called.pk}-public",
    ]
    assert len(renders) == 2


def test_a_kallelse_not_yet_sent_is_refused_even_when_stored(
    client, cast, meeting, renders
):
    """The secretary's download stores the complete version; anonymous still
    gets a 404 while the kallelse is not sent."""
    agenda_item_create(meeting_id=meeting.pk, actor=cast.secretary, title="Punkt")
    secretary = Client()
    secretary.force_login(cast.secretary)
    assert secretary.get(f"/moten/{meeting.pk}/kallelse.pdf").status_code == 200
    assert stored("kallelse")
    assert client.get(f"/moten/{meeting.pk}/kallelse.pdf").status_code == 404


def test_a_failed_rendering_stores_nothing(client, called, renders):
    url = f"/moten/{called.pk}/kallelse.pdf"
    with override_settings(STATICFILES_DIRS=[]):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert stored("kallelse") == []
    assert renders == []
    assert client.get(url).status_code == 200
    assert len(renders) == 1


def test_a_half_written_file_is_not_served(client, called, renders):
    """A file without the closing %%EOF (a worker stopped while writing) is
    rendered again and replaced."""
    url = f"/moten/{called.pk}/kallelse.pdf"
    whole = client.get(url).content
    (path,) = stored("kallelse")
    path.write_bytes(whole[: len(whole) // 2])
    again = client.get(url)
    assert again.status_code == 200
    assert pdftotext(again.content) == pdftotext(whole)
    assert stored("kallelse") == [path]
    assert path.read_bytes().rstrip().endswith(b"%%EOF")
    assert len(renders) == 2


@pytest.mark.django_db(transaction=True)
def test_many_first_requests_at_once_render_once(cast, called, renders):
    """Eight readers ask for a kallelse nobody has asked for yet, at the same
    moment: one renders, the others wait and read its file (on PostgreSQL the
    lock is the database's, held across connections)."""
    url = f"/moten/{called.pk}/kallelse.pdf"
    responses = at_once(8, lambda: Client().get(url))
    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.content for r in responses}) == 1
    assert len(renders) == 1
    public = [p for p in stored("kallelse") if p.parent.name.endswith("-public")]
    assert len(public) == 1


@pytest.mark.django_db(transaction=True)
def test_many_first_requests_for_an_extract_sign_once(cast, published, renders):
    """The extract is rendered and signed by one request; the others get it."""
    number = published.paragraphs.order_by("order")[0].number
    url = f"/protokoll/{published.pk}/utdrag/{number}.pdf"
    responses = at_once(6, lambda: Client().get(url))
    assert [r.status_code for r in responses] == [200] * 6
    assert len({r.content for r in responses}) == 1
    assert len(renders) == 1
    assert SignedDocument.objects.filter(kind=SignedDocument.Kind.EXTRACT).count() == 1
    assert responses[0]["Cache-Control"] == "public, max-age=60"
    again = Client().get(url, HTTP_IF_NONE_MATCH=responses[0]["ETag"])
    assert again.status_code == 304
    assert protocol_extract.extract_issue(protocol_id=published.pk, number=number)
    assert len(renders) == 1


def test_a_storage_that_cannot_write_still_serves_the_pdf(
    client, called, renders, settings, tmp_path
):
    """The reader gets the document; nothing is kept, so the next one renders."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    url = f"/moten/{called.pk}/kallelse.pdf"
    first = client.get(url)
    assert first.status_code == 200
    assert "Öppen punkt om GyWebb" in pdftotext(first.content)
    assert client.get(url).status_code == 200
    assert len(renders) == 2
