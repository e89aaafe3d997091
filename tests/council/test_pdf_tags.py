"""What council/pdf_tags.py adds to WeasyPrint's tagged PDF, and that the
validator run on every PDF fails, naming the rules, without it."""

from __future__ import annotations

import re
import subprocess

import pytest
import weasyprint

from council.pdf import PdfResourceError, render_html
from council.signing import SignerIdentity, Slot, sign_pdf
from tests.meetings.protocol.pdf_structure import structure, widgets
from tests.meetings.protocol.pdfa_validator import assert_archival_and_accessible

HTML = """<!DOCTYPE html><html lang="sv-SE"><head><meta charset="utf-8">
<title>Prov</title></head><body><main><h1>Prov</h1>
<ol><li><h2>Första punkten</h2><p>Text om den.</p></li></ol>
<p>Här skriver <span>ordföranden</span> under:</p>
<a id="falt" href="#falt" style="display:block;width:200px;height:60px"></a>
</main></body></html>"""


def test_without_its_additions_the_check_names_the_rules_broken():
    """WeasyPrint's PDF/A-3a alone lacks the PDF/UA identification and puts a
    list item's blocks directly in LI: the check fails with those rule ids."""
    plain = weasyprint.HTML(string=HTML).write_pdf(pdf_variant="pdf/a-3a")
    with pytest.raises(AssertionError) as failure:
        assert_archival_and_accessible(plain)
    assert "PDFUA1-ID-SCHEMA-001" in str(failure.value)
    assert "PDFUA1-LI-KIDS-001" in str(failure.value)


def test_the_portal_rendering_passes_and_its_field_is_a_tagged_form():
    rendered = render_html(
        HTML, title="Prov", signature_fields={"falt": "Underskrift av Eva, ordförande"}
    )
    assert_archival_and_accessible(rendered.data)
    [field] = widgets(rendered.data)
    assert (field.name, field.tooltip) == ("falt", "Underskrift av Eva, ordförande")
    assert field.tagged_as == "/Form"
    [item] = [e for e in structure(rendered.data).walk() if e.kind == "LI"]
    assert [kid.kind for kid in item.kids] == ["Lbl", "LBody"]
    assert [kid.kind for kid in item.kids[1].kids] == ["H2", "P"]
    assert "falt" in rendered.anchors


def test_a_signature_field_without_its_place_stops_the_document():
    with pytest.raises(PdfResourceError, match="signature field"):
        render_html(HTML, title="Prov", signature_fields={"saknas": "Underskrift"})


def test_the_stamp_font_maps_each_glyph_to_text_one_by_one(tmp_path):
    """The visible signature's font has a ToUnicode CMap of `bfchar` entries
    only (no `bfrange` with arrays, which validators read as malformed), and
    the signed file stays PDF/UA-1 and PDF/A-3a."""
    rendered = render_html(
        HTML, title="Prov", signature_fields={"falt": "Underskrift av Eva, ordförande"}
    )
    anchor = rendered.anchors["falt"]
    signed = sign_pdf(
        rendered.data,
        identity=SignerIdentity("Eva Åström", "Ordförande"),
        slot=Slot("falt", anchor.page, anchor.box),
        stamp_text="Justerat digitalt av Eva Åström,\nordförande, 2026-12-02 10:00",
        reason="Justering av protokollet",
    )
    assert_archival_and_accessible(signed)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    expanded = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("latin-1")
    cmaps = re.findall(r"begincmap.*?endcmap", expanded, re.S)
    stamp = [cmap for cmap in cmaps if "Adobe-Identity-UCS" in cmap]
    assert stamp
    assert all("beginbfrange" not in cmap for cmap in cmaps)
    # Å is U+00C5: the stamp's font maps a glyph to it.
    assert any(re.search(r"<[0-9a-f]{4}> <00c5>", cmap) for cmap in stamp)


def test_a_link_typed_to_the_field_stays_a_link():
    """Text may link to the slot's id (a paragraph typed `[se](#falt)`, or an
    empty link): only the link where the slot stands becomes the field."""
    typed = HTML.replace(
        "<p>Här skriver",
        '<p><a href="#falt"></a>Se <a href="#falt">underskriften</a>.</p><p>Här skriver',
    )
    rendered = render_html(
        typed, title="Prov", signature_fields={"falt": "Underskrift av Eva, ordförande"}
    )
    assert_archival_and_accessible(rendered.data)
    [field] = widgets(rendered.data)
    x1, y1, x2, y2 = field.rect
    ax1, ay1, ax2, ay2 = rendered.anchors["falt"].box
    assert abs(x1 - ax1) < 1 and abs(y2 - ay2) < 1 and abs(x2 - ax2) < 1
    links = [e for e in structure(rendered.data).walk() if e.kind == "Link"]
    assert [" ".join(link.words()) for link in links] == ["", "underskriften"]
