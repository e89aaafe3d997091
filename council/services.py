"""Writes of the council app that are not made in the admin."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from council.history import save_attributed
from council.models import AccessibilityFeedback

logger = logging.getLogger(__name__)


@transaction.atomic
def accessibility_feedback_submit(
    *, message: str, page: str = "", name: str = "", email: str = ""
) -> AccessibilityFeedback:
    """Store a visitor's report and e-mail it to the secretariat.

    The report is kept even if the mail cannot be sent: nothing typed is lost.
    """
    feedback = AccessibilityFeedback(message=message, page=page, name=name, email=email)
    save_attributed(
        feedback, user=None, reason="Synpunkt på tillgänglighet från webbplatsen"
    )
    transaction.on_commit(lambda: _send_feedback(feedback.pk))
    return feedback


def _send_feedback(feedback_id: int) -> None:
    recipient = settings.FEEDBACK_EMAIL
    if not recipient:
        logger.warning(
            "FEEDBACK_EMAIL is not set; feedback %s is only stored.", feedback_id
        )
        return
    feedback = AccessibilityFeedback.objects.get(pk=feedback_id)
    try:
        send_mail(
            subject=f"Synpunkt på tillgänglighet ({settings.SITE_NAME})",
            message=render_to_string(
                "council/email/accessibility_feedback.txt", {"feedback": feedback}
            ),
            from_email=None,
            recipient_list=[recipient],
            fail_silently=False,
        )
    except OSError:
        logger.exception("Could not e-mail accessibility feedback %s", feedback_id)
