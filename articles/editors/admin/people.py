from django.contrib import admin

from articles.editors.admin.base import NamedAdmin, count_of
from articles.editors.admin.merge import merge_action
from articles.editors.merging import merge_speakers
from articles.models import Article, Quote, Speaker, SpeakerAlias, SpeakerTitle


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


class SpeakerTitleInline(admin.TabularInline):
    """Titles as articles gave them; the loader rewrites them, so they are shown, not edited."""

    model = SpeakerTitle
    fields = readonly_fields = ["title", "seen_on", "article"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Speaker)
class SpeakerAdmin(NamedAdmin):
    slug_fallback = "speaker"
    list_display = ["name", "kind", "statements", "in_articles"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    fields = ["name", "kind", "description", "slug", "version"]
    inlines = [SpeakerAliasInline, SpeakerTitleInline]
    actions = [merge_action(merge_speakers)]

    def get_readonly_fields(self, request, obj=None):
        # A slug is a public address: it changes only by a merge, which leaves a redirect.
        return ["slug", "version"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_statements=count_of(Quote.objects.all(), "speaker"),
                n_articles=count_of(Article.people.through.objects.all(), "speaker"),
            )
        )
