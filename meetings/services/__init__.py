"""Every write of the meetings app, one function per use case.

- `planning`: meetings and their dagordning;
- `agenda_template`: the bodies' agenda templates;
- `attachments`: uploading (checked by content) and removing documents;
- `notice`: kallelse and tillägg by e-mail, with .ics and PDF;
- `attendance`: anmälan av förhinder;
- `calendar`: personal calendar links.
"""
