"""Reads of the meetings app: querysets with their joins applied, never writes.

- `meeting`: meetings, their dagordning, attachments, attendance and calendars;
- `protocol`: the protokoll, by page (see its package).
"""
