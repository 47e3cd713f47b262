"""Statement cards in a list, from their template (``_statement.html``) through the
fragment cache (``articles.site.fragments``): one read of the cache for a whole list."""

from django import template

from articles.models import Quote
from articles.site import fragments

register = template.Library()


@register.simple_tag
def statement_cards(*statements, with_directives=False, hide_article=False):
    """The cards of the statements given, each one a statement or a list of them, in order:
    ``{% statement_cards page.object_list with_directives=True as cards %}``."""
    quotes = []
    for given in statements:
        if isinstance(given, Quote):
            quotes.append(given)
        else:
            quotes.extend(given)
    return fragments.statement_cards(quotes, with_directives, hide_article)
