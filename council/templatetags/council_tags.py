from django import template
from django.utils.safestring import SafeString, mark_safe

from council.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render typed Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (None or '' removes)."""
    params = context["request"].GET.copy()
    params.pop("sida", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def get(mapping, key):
    """mapping[key], or None: for dictionaries a view computed."""
    return mapping.get(key) if mapping else None
