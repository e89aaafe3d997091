"""Admin registrations for meetings and protokoll."""

from meetings.admin import meeting, protocol  # noqa: F401
