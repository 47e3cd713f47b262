from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from articles.site import api, feeds, views
from articles.site.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("directives/", views.directive_list, name="directive_list"),
    path("directives/<slug:slug>/", views.directive_detail, name="directive_detail"),
    path("statements/", views.quote_list, name="quote_list"),
    path("statements.csv", views.quote_csv, name="quote_csv"),
    path("statements/<int:pk>/", views.quote_detail, name="quote_detail"),
    path("feeds/articles/", feeds.LatestArticles(), name="feed_articles"),
    path("feeds/speakers/<slug:slug>/", feeds.SpeakerStatements(), name="feed_speaker"),
    path("feeds/directives/<slug:slug>/", feeds.DirectiveStatements(), name="feed_directive"),
    path("api/articles/", api.articles, name="api_articles"),
    path("api/quotes/", api.quotes, name="api_quotes"),
    path("api/speakers/", api.speakers, name="api_speakers"),
    path("api/directives/", api.directives, name="api_directives"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
