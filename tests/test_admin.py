"""The secretary's back office, every model: each has a working admin with history
and a factory, its pages answer and search, and its lists do not grow in queries.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.admin.base import ReasonedHistoryAdmin
from council.models import User
from tests import factories
from tests.admin_helpers import (
    ISSUED_BY_THE_PORTAL,
    PROJECT_APPS,
    REGISTERED_MODELS,
    STARTED_IN_THE_PORTAL,
    admin_url,
    has_history,
)


def test_every_model_has_an_admin_and_a_factory():
    """Every concrete model of the project's apps is in the admin and has a factory;
    all but the user model are edited through the reason-asking history admin."""
    models = [
        model
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # django-simple-history's own models
    ]
    assert set(models) == set(REGISTERED_MODELS)
    assert set(models) == set(factories.MODEL_FACTORIES)
    for model in models:
        if model is not User:
            assert has_history(model), model
            assert isinstance(admin.site._registry[model], ReasonedHistoryAdmin), model


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_answer(staff_client, model):
    """The changelist, the add page, the change page and the history page of every
    model answer 200 for a superuser; what only the portal issues or starts has no
    add page."""
    obj = factories.MODEL_FACTORIES[model]()
    issued = model in ISSUED_BY_THE_PORTAL

    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    add = staff_client.get(admin_url(model, "add"))
    assert add.status_code == (403 if issued or model in STARTED_IN_THE_PORTAL else 200)
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    history = staff_client.get(admin_url(model, "history", obj.pk))
    assert history.status_code == 200
    if issued:
        # Shown, never edited: no form to save, nothing to delete.
        assert 'name="_save"' not in change.content.decode()
    elif has_history(model):
        assert "Skäl till ändringen" in change.content.decode()
        assert "simple_history/object_history.html" in [
            template.name for template in history.templates
        ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED_MODELS if has_history(m)],
    ids=lambda m: m._meta.label,
)
def test_admin_changelist_search_works(staff_client, model):
    """Searching a changelist (as the autocomplete widgets do) answers 200."""
    factories.MODEL_FACTORIES[model]()
    response = staff_client.get(admin_url(model, "changelist"), {"q": "Örebro 2026"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class",
    [factories.PersonFactory, factories.MeetingFactory, factories.ProtocolFactory],
    ids=lambda f: f._meta.model.__name__,
)
def test_admin_changelist_queries_do_not_grow_with_rows(staff_client, factory_class):
    """The changelist makes as many queries for ten rows as for one."""
    url = admin_url(factory_class._meta.model, "changelist")
    factory_class()
    staff_client.get(url)  # warm caches such as the content types

    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    factory_class.create_batch(9)
    with CaptureQueriesContext(connection) as ten:
        response = staff_client.get(url)
        assert response.status_code == 200

    assert response.context["cl"].result_count == 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]


@pytest.mark.django_db
def test_history_page_is_in_swedish(admin_client):
    """The history view speaks Swedish, with who changed what and why."""
    organisation = factories.OrganisationFactory()
    url = reverse("admin:council_organisation_history", args=[organisation.pk])
    html = admin_client.get(url).content.decode()
    assert "Ändrad av" in html
    assert "Skäl" in html
    assert "Changed by" not in html
