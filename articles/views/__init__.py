"""The public reading site. Thin function views; each list is a FilterSet (articles.filters)."""

from .articles import article_detail, article_list
from .directives import directive_detail, directive_list
from .pages import healthz, home, search
from .people import speaker_detail, speaker_list
from .statements import quote_csv, quote_detail, quote_list

__all__ = ["article_detail", "article_list", "directive_detail", "directive_list", "healthz", "home", "quote_csv",
           "quote_detail", "quote_list", "search", "speaker_detail", "speaker_list"]
