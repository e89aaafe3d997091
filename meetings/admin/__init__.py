"""Admin registrations for meetings and protokoll."""

from meetings.admin import agenda, meeting, notice, protocol, record  # noqa: F401
