"""The back office of the core: `base` holds the admin classes every app builds on,
`register` the registrations of the core's own models, `pki` the signing CA's
revocations and revocation lists."""

from django.contrib import admin

from council.admin import earkiv, pki, register  # noqa: F401 (the registrations)
from council.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm
