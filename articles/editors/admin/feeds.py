"""Feeds, for the archive's operators: what is followed, and how its last poll went."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.ingest import tasks
from articles.models import Feed


@admin.action(description=_("Poll the selected feeds now"))
def poll_now(modeladmin, request, queryset):
    # Through the queue when there is one, so the page answers at once; in process otherwise.
    for feed in queryset:
        tasks.poll_feed.delay(feed.pk)
    n = queryset.count()
    modeladmin.message_user(
        request, ngettext("%(n)d feed polled or queued.", "%(n)d feeds polled or queued.", n) % {"n": n}
    )


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "last_polled", "last_result", "has_error"]
    list_filter = ["active"]
    search_fields = ["url", "outlet"]
    fields = ["url", "outlet", "active", "last_polled", "last_result", "last_error", "etag", "modified"]
    readonly_fields = ["last_polled", "last_result", "last_error", "etag", "modified"]
    actions = [poll_now]

    @admin.display(boolean=True, description=_("error"))
    def has_error(self, obj):
        return bool(obj.last_error)
