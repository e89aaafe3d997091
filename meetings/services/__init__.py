"""Every write of the meetings app, one function per use case.

Before and during the meeting:
- `planning`: meetings and their dagordning;
- `agenda_template`: the bodies' agenda templates;
- `attachments`: uploading (checked by content) and removing documents;
- `notice`: kallelse and tillägg by e-mail, with .ics and PDF;
- `attendance`: anmälan av förhinder;
- `calendar`: personal calendar links;
- `changes`: what changed after the kallelse went out.

After it, the protokoll: `protocol`, one module per step from utkast to a
published, signed record (its docstring draws the states).
"""
