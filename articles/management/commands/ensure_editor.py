import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local editor account once and print its login (local development)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Editor account '{username}' exists; its password was printed when it "
                              f"was created (change it: manage.py changepassword {username}).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(
            f"Editor login for http://127.0.0.1:8000/admin/: {username} / {password}"))
