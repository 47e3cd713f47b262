from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from articles.editors.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the Editors group and its permissions (safe to run again)."

    def handle(self, *args, **options):
        try:
            group = setup_roles()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Group '{group.name}' has {group.permissions.count()} permissions."))
