import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.editors.roles import EDITORS, make_editor


class Command(BaseCommand):
    help = "Create the local editor account once (staff in the Editors group) and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        # Only for the message: where the operator will find the admin (make run passes its address).
        parser.add_argument("--site", default="http://127.0.0.1:8000", help="the site's address, for the message")

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user:
            make_editor(user)
            self.stdout.write(
                f"Editor account '{username}' exists (staff, group {EDITORS}); its password was "
                f"printed when it was created (change it: manage.py changepassword {username})."
            )
            return
        password = secrets.token_urlsafe(12)
        make_editor(User.objects.create_user(username=username, password=password))
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor login for {options['site'].rstrip('/')}/admin/: {username} / {password} (group {EDITORS})"
            )
        )
