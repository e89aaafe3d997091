"""Admin registrations for meetings and protokoll."""

from meetings.admin import meeting, notice, protocol, record  # noqa: F401
