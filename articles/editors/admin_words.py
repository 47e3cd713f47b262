"""Words the admin shows editors that come from Django, django-simple-history and
django-axes, whose own Vietnamese catalogs leave them in English (or, for "History", say
"memo"). Marked here so that makemessages puts them in the archive's catalog, which Django
reads before any app's (LOCALE_PATHS come first). Nothing imports this module."""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = [
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("History"),
    gettext_noop("Logout"),
]

SIMPLE_HISTORY = [
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Change reason"),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Revert %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Change History"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("You may edit it again below"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
]

AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
]
