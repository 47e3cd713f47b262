from django.contrib import admin

from articles.editors.admin.base import NamedAdmin, count_of
from articles.editors.admin.merge import merge_action
from articles.editors.merging import merge_directives
from articles.models import Article, Directive, DirectiveAlias, Quote


class DirectiveAliasInline(admin.TabularInline):
    """Other names of the directive; extraction recognises them in the next articles loaded."""

    model = DirectiveAlias
    extra = 1


@admin.register(Directive)
class DirectiveAdmin(NamedAdmin):
    slug_fallback = "directive"
    list_display = ["name", "kind", "code", "issuer", "parent", "statements", "in_articles"]
    list_select_related = ["parent"]
    list_filter = ["kind", "issuer"]
    search_fields = ["name", "code", "issuer", "aliases__name"]
    fields = ["name", "kind", "code", "issuer", "description", "parent", "related", "slug", "version"]
    autocomplete_fields = ["parent", "related"]
    inlines = [DirectiveAliasInline]
    actions = [merge_action(merge_directives)]

    def get_readonly_fields(self, request, obj=None):
        return ["slug", "version"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_statements=count_of(Quote.directives.through.objects.all(), "directive"),
                n_articles=count_of(Article.directives.through.objects.all(), "directive"),
            )
        )
