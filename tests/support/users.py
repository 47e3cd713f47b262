"""Editor accounts for the admin tests: real members of the Editors group, never superusers.

The ``editor`` and ``editor_client`` fixtures live in tests/conftest.py; the permissions
under test are the ones ``setup_roles`` grants.
"""

from django.contrib.auth import get_user_model

from articles.editors.roles import make_editor

PASSWORD = "a-long-test-password"


def make_user(username: str, *, editor: bool = True, staff: bool = False):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=staff)
    if editor:
        make_editor(user)
    return user


def form_data(response, **changes) -> dict:
    """What a browser would post back from an admin form page as rendered, with ``changes``."""
    context = response.context
    adminform = context["adminform"]
    # The main form's fields as laid out in its fieldsets: a field left out of them is not
    # in the page, so it is not posted either.
    shown = [f.field for fieldset in adminform for line in fieldset for f in line if not f.is_readonly]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        shown += [management[n] for n in management.fields]
        shown += [form[name] for form in formset.forms for name in form.fields]
    data = {}
    for bound in shown:
        value = bound.value()
        if value is not None and value is not False:
            data[bound.html_name] = value
    data.update(changes)
    return data
