"""Removing a lost passkey in the back office goes through the service: attributed,
and only for those who may."""

import pytest
from django.core.exceptions import ValidationError

from council.passkeys.models import Passkey
from council.passkeys.services import passkey_delete
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_administrator_removes_a_lost_passkey_in_the_admin(client):
    admin = factories.SuperUserFactory()
    passkey = factories.PasskeyFactory()
    client.force_login(admin)
    url = f"/admin/passkeys/passkey/{passkey.pk}/delete/"
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Passkey.objects.filter(pk=passkey.pk).exists()
    removed = Passkey.history.filter(id=passkey.pk, history_type="-").get()
    assert removed.history_user == admin
    assert removed.history_change_reason == "Borttagen i administrationen"


def test_nobody_else_removes_someone_elses_passkey():
    passkey = factories.PasskeyFactory()
    other = factories.UserFactory()
    with pytest.raises(ValidationError, match="finns inte bland dina nycklar"):
        passkey_delete(passkey_id=passkey.pk, actor=other)
    assert Passkey.objects.filter(pk=passkey.pk).exists()
    passkey_delete(passkey_id=passkey.pk, actor=passkey.user)
    assert not Passkey.objects.exists()
