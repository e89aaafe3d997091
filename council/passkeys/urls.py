from django.urls import path

from council.passkeys import views

app_name = "passkeys"

urlpatterns = [
    path("konto/sakerhet/", views.security, name="security"),
    path("konto/sakerhet/ny-nyckel/", views.register, name="register"),
    path(
        "konto/sakerhet/ny-nyckel/alternativ/",
        views.register_options,
        name="register_options",
    ),
    path("konto/sakerhet/nyckel/<int:pk>/ta-bort/", views.delete, name="delete"),
    path("logga-in/nyckel/", views.passkey_login, name="login"),
    path("logga-in/nyckel/alternativ/", views.login_options, name="login_options"),
]
