from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request: the database or a context processor may be what failed.
    html = get_template("500.html").render({"quick_exit_url": settings.QUICK_EXIT_URL})
    return HttpResponseServerError(html)


def bad_request(request, exception=None):
    from config.uploads import FilesRefused

    return render(request, "400.html", {"files_refused": isinstance(exception, FilesRefused)}, status=400)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "csrf_failure.html", status=403)
