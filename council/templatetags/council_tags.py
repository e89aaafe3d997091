from django import template
from django.utils.safestring import SafeString, mark_safe

from council.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render typed Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3
