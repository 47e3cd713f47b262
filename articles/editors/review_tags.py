"""``{% review_counts as counts %}``: what waits in the review queue, for the admin index."""

from django import template

from articles.editors import review

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context):
    request = context.get("request")
    if request is None or not request.user.has_perm("articles.change_quote"):
        return None
    return review.counts()
