from django.contrib import admin
from django.db.models import Q
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.editors import locking
from articles.editors.admin import annotate
from articles.editors.admin.base import VersionedAdmin, count_of
from articles.editors.admin.search import found
from articles.models import Article, Quote, Status


class StatementInline(admin.TabularInline):
    """An article's statements at a glance; they are edited in the annotate view or their own page."""

    model = Quote
    fields = ["text", "speaker", "kind", "status", "origin", "anchored"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


def set_publication(modeladmin, request, queryset, status):
    changed = locking.update_all(queryset, request.user, status=status)
    modeladmin.message_user(
        request, ngettext("%(n)d article changed.", "%(n)d articles changed.", changed) % {"n": changed}
    )


@admin.action(description=_("Publish the selected articles"), permissions=["change"])
def publish(modeladmin, request, queryset):
    set_publication(modeladmin, request, queryset, Article.PublicationStatus.PUBLISHED)


@admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    set_publication(modeladmin, request, queryset, Article.PublicationStatus.DRAFT)


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    # Fits 1280 px beside the filters: the source file is on the article's page and searchable.
    list_display = ["title", "published", "status", "statements", "to_review", "annotate"]
    list_filter = ["status", "published_on", "directives"]
    date_hierarchy = "published_on"
    # Searched by full text (full_text below): the title and body's words, or the file name.
    search_fields = ["title"]
    full_text_search = True
    show_full_result_count = False
    fields = [
        "title",
        "status",
        "published_on",
        "source_file",
        "source_url",
        "outlet",
        "authors",
        "published_at",
        "fetched_at",
        "slug",
        "title_is_custom",
        "version",
        "body",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "published_on",
        "source_file",
        "source_url",
        "outlet",
        "authors",
        "published_at",
        "fetched_at",
        "slug",
        "title_is_custom",
        "version",
        "body",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    locked_fields = ["title_is_custom"]
    inlines = [StatementInline]
    actions = [publish, unpublish]

    def full_text(self, queryset, term):
        return queryset.filter(Q(pk__in=found(term, "articles", Article)) | Q(source_file__contains=term.strip()))

    def has_add_permission(self, request):
        # An article is its source file: the loader creates it, so a reload can find it again.
        return False

    def get_queryset(self, request):
        quotes = Quote.objects.all()
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_statements=count_of(quotes, "article"),
                n_to_review=count_of(quotes.filter(Q(status=Status.SUGGESTED)), "article"),
            )
        )

    @admin.display(description=_("published on"), ordering="published_on")
    def published(self, obj):
        return date_format(obj.published_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("statements"), ordering="n_statements")
    def statements(self, obj):
        return obj.n_statements

    @admin.display(description=_("to review"), ordering="n_to_review")
    def to_review(self, obj):
        return obj.n_to_review

    @admin.display(description=_("annotate"))
    def annotate(self, obj):
        url = reverse("admin:articles_article_annotate", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Annotate"))

    def save_model(self, request, obj, form, change):
        if "title" in form.changed_data:
            obj.title_is_custom = True
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:article_id>/annotate/", view(annotate.page), name="articles_article_annotate"),
            path(
                "<int:article_id>/annotate/statements/", view(annotate.create), name="articles_article_annotate_create"
            ),
            path(
                "<int:article_id>/annotate/statements/<int:quote_id>/",
                view(annotate.update),
                name="articles_article_annotate_update",
            ),
            path(
                "<int:article_id>/annotate/statements/<int:quote_id>/status/",
                view(annotate.decide),
                name="articles_article_annotate_decide",
            ),
            path(
                "<int:article_id>/annotate/statements/<int:quote_id>/attach/",
                view(annotate.attach),
                name="articles_article_annotate_attach",
            ),
        ] + super().get_urls()
