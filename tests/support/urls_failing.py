"""The project's URLs plus one view that fails, to see the 500 page a reader would get."""

from django.urls import path

from policy_archive.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("secret-detail-from-the-traceback")


urlpatterns = [path("broken/", broken), *project_urlpatterns]
