"""Template tags of the editors' pages: what waits for review, and history people can read."""

from django import template

from articles.editors import history, review

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context):
    """``{% review_counts as counts %}``: what waits in the review queue, for the admin index."""
    request = context.get("request")
    if request is None or not request.user.has_perm("articles.change_quote"):
        return None
    return review.counts()


@register.simple_tag
def record_changes(record):
    """The changes a history record made, as list items."""
    return history.changes_html(record)


@register.simple_tag
def revert_is_safe(record):
    return history.revert_is_safe(record)
