"""Authentication backends for the test settings."""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTestClient(AxesStandaloneBackend):
    """django-axes' lockout check, but for Django's test client's `login()`.

    `Client.login()` calls authenticate() without a request, which axes refuses.
    Such a call never comes from a browser, so it passes to the next backend; every
    real request (the login page, the admin's login, the step-ups) is checked as in
    production.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
