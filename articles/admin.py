from django.contrib import admin

from .models import Article, Directive, DirectiveAlias, Quote, QuoteLink, Speaker, SpeakerAlias


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


class DirectiveAliasInline(admin.TabularInline):
    model = DirectiveAlias
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "status", "source_file"]
    list_filter = ["status", "published_on"]
    search_fields = ["title", "source_file"]
    readonly_fields = ["source_file", "content_hash", "body", "created_at", "updated_at"]
    exclude = ["people", "directives", "version"]

    def save_model(self, request, obj, form, change):
        if "title" in form.changed_data:
            obj.title_is_custom = True
        super().save_model(request, obj, form, change)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    search_fields = ["name", "aliases__name"]
    inlines = [SpeakerAliasInline]
    exclude = ["version"]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "issuer"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "aliases__name"]
    inlines = [DirectiveAliasInline]
    exclude = ["version"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["text", "speaker", "kind", "status", "article"]
    list_filter = ["status", "kind", "origin"]
    search_fields = ["text", "speaker__name"]
    raw_id_fields = ["article", "speaker"]
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.edited = True
        super().save_model(request, obj, form, change)


admin.site.register(QuoteLink)
