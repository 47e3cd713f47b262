from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView

from .models import Article, Directive, Quote, Speaker


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not: for load balancers and probes."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def home(request):
    articles = Article.objects.published().order_by("-published_on", "title")[:20]
    return render(request, "articles/home.html", {"articles": articles})


class ArticleDetail(DetailView):
    queryset = Article.objects.published()

    def get_context_data(self, **kwargs):
        quotes = Quote.objects.public().filter(article=self.object).with_people()
        return super().get_context_data(quotes=quotes, **kwargs)


class SpeakerDetail(DetailView):
    model = Speaker

    def get_context_data(self, **kwargs):
        quotes = Quote.objects.public().filter(speaker=self.object).with_people().order_by("-article__published_on")
        return super().get_context_data(quotes=quotes, **kwargs)


class DirectiveDetail(DetailView):
    model = Directive

    def get_context_data(self, **kwargs):
        quotes = Quote.objects.public().for_directive(self.object).with_people().order_by("-article__published_on")
        return super().get_context_data(quotes=quotes, **kwargs)


class QuoteDetail(DetailView):
    queryset = Quote.objects.public().with_people()
