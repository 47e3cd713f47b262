from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.ArticleDetail.as_view(), name="article_detail"),
    path("speakers/<slug:slug>/", views.SpeakerDetail.as_view(), name="speaker_detail"),
    path("directives/<slug:slug>/", views.DirectiveDetail.as_view(), name="directive_detail"),
    path("statements/<int:pk>/", views.QuoteDetail.as_view(), name="quote_detail"),
]
