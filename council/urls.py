"""The portal's URLs, composed from the core, the portal and each app. Public paths
are Swedish: people bookmark them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from council import pki_views, views
from council.forms import LoginForm
from council.portal import sitemaps as portal_sitemaps
from council.portal import views as portal_views
from meetings import sitemaps as meetings_sitemaps
from plans import sitemaps as plans_sitemaps

admin.site.site_header = _("Samverkansportalen – administration")
admin.site.site_title = _("Samverkansportalen")
admin.site.index_title = _("Kansliets administration")

# sitemap.xml, its sections in this order: every public page, and nothing that is
# not public.
SITEMAPS = {
    "sidor": portal_sitemaps.StaticPages,
    "organ": portal_sitemaps.Bodies,
    "personer": portal_sitemaps.People,
    "moten": meetings_sitemaps.Meetings,
    "protokoll": meetings_sitemaps.Protocols,
    "planer": plans_sitemaps.Plans,
}

council_patterns = (
    [
        path("", portal_views.home, name="home"),
        path("organ/<slug:slug>/", portal_views.body_detail, name="body_detail"),
        path("tillganglighet/", views.accessibility, name="accessibility"),
        path("sok/", portal_views.search, name="search"),
        path("personer/<int:pk>/", portal_views.person_detail, name="person_detail"),
        # The signing CA's certificate and revocation list, at addresses written
        # into every signer certificate: never move them.
        path("pki/ca.crt", pki_views.certificate, name="pki_certificate"),
        path("pki/ca.crl", pki_views.revocation_list, name="pki_crl"),
    ],
    "council",
)

urlpatterns = [
    path("api/oparl/v1.1/", include("council.portal.oparl.urls")),
    path("", include(council_patterns)),
    path("", include("meetings.urls")),
    path("", include("plans.urls")),
    path("", include("networks.urls")),
    path("", include("council.passkeys.urls")),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="council/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("halsa/", views.health, name="health"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
]
