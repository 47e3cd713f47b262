import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")
# A web server's process: its database sessions get the web statement timeout (settings).
os.environ.setdefault("ARCHIVE_PROCESS", "web")
application = get_asgi_application()
