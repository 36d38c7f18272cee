from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_GET

from moderation.models import HelpResource


@require_GET
def help_page(request):
    resources = HelpResource.objects.filter(is_active=True)
    emergency = [r for r in resources if r.is_emergency]
    regular = sorted((r for r in resources if not r.is_emergency), key=lambda r: (r.region, r.position, r.name))
    regions = [(region, list(items)) for region, items in groupby(regular, key=lambda r: r.region)]
    return render(request, "moderation/help.html", {"emergency": emergency, "regions": regions})
