"""Admin registrations for meetings and protokoll."""

from meetings.admin import meeting, protocol, record  # noqa: F401
