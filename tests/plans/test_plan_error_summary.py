"""A plan form that comes back with field errors shows an error summary with links
to the fields, which the focus can move to."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_field_error_on_a_plan_form_is_summarised(client, secretary, draft):
    client.force_login(secretary)
    response = client.post(
        f"/planer/{draft.body.slug}/2025/redigera/aktiviteter/ny/",
        {
            "aktiviteter-title": "",
            "aktiviteter-owner": "extern",
            "aktiviteter-status": "planerad",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    start = html.index('<div class="error-summary" role="alert" tabindex="-1">')
    summary = html[start : html.index("</div>", start)]
    assert (
        '<a href="#id_aktiviteter-title">Rubrik: Detta fält måste fyllas i.</a>'
        in summary
    )
