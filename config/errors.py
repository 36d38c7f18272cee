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
