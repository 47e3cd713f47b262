"""The public reading site. Thin function views; each list is a FilterSet (articles.site.filters)."""

from articles.site.views.alerts import alert_confirm, alert_follow, alert_unsubscribe
from articles.site.views.articles import article_detail, article_list
from articles.site.views.compare import speaker_compare
from articles.site.views.directives import directive_detail, directive_list
from articles.site.views.pages import healthz, home, search
from articles.site.views.people import speaker_detail, speaker_list
from articles.site.views.statements import quote_csv, quote_detail, quote_list

__all__ = [
    "alert_confirm",
    "alert_follow",
    "alert_unsubscribe",
    "article_detail",
    "article_list",
    "directive_detail",
    "directive_list",
    "healthz",
    "home",
    "quote_csv",
    "quote_detail",
    "quote_list",
    "search",
    "speaker_compare",
    "speaker_detail",
    "speaker_list",
]
