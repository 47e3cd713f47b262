from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from articles.site import feeds, views
from articles.site.api import annotations
from articles.site.api import views as api
from articles.site.sitemaps import SITEMAPS

app_name = "articles"

# Alerts answer one reader each: a namespace of their own, which the page cache never caches.
alert_patterns = [
    path("follow/", views.alert_follow, name="follow"),
    path("confirm/<str:token>/", views.alert_confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.alert_unsubscribe, name="unsubscribe"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/compare/", views.speaker_compare, name="speaker_compare"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("directives/", views.directive_list, name="directive_list"),
    path("directives/<slug:slug>/", views.directive_detail, name="directive_detail"),
    path("statements/", views.quote_list, name="quote_list"),
    path("statements.csv", views.quote_csv, name="quote_csv"),
    path("statements/<int:pk>/", views.quote_detail, name="quote_detail"),
    path("alerts/", include((alert_patterns, "alerts"))),
    path("feeds/articles/", feeds.LatestArticles(), name="feed_articles"),
    path("feeds/speakers/<slug:slug>/", feeds.SpeakerStatements(), name="feed_speaker"),
    path("feeds/directives/<slug:slug>/", feeds.DirectiveStatements(), name="feed_directive"),
    path("api/", api.Index.as_view(), name="api_index"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="articles:api_schema", template_name="articles/api_docs.html"),
        name="api_docs",
    ),
    path("api/articles/", api.ArticleList.as_view(), name="api_articles"),
    path("api/articles/<slug:slug>/", api.ArticleDetail.as_view(), name="api_article"),
    path("api/articles/<slug:slug>/annotations/", annotations.ArticleAnnotations.as_view(), name="api_annotations"),
    path("api/quotes/", api.QuoteList.as_view(), name="api_quotes"),
    path("api/quotes/<int:pk>/", api.QuoteDetail.as_view(), name="api_quote"),
    path("api/speakers/", api.SpeakerList.as_view(), name="api_speakers"),
    path("api/speakers/<slug:slug>/", api.SpeakerDetail.as_view(), name="api_speaker"),
    path("api/directives/", api.DirectiveList.as_view(), name="api_directives"),
    path("api/directives/<slug:slug>/", api.DirectiveDetail.as_view(), name="api_directive"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
