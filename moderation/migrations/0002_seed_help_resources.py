from django.db import migrations

RESOURCES = [
    dict(
        region="Everywhere",
        name="Emergency services (911)",
        phone="911",
        hours="24/7",
        is_emergency=True,
        position=0,
        what_it_does="For immediate danger to you or someone else: police, ambulance, fire. 911 works in the US and "
        "Canada; elsewhere, use your local emergency number.",
        limits="Police will be sent. If that is not safe for you, the hotlines below can help you plan first.",
    ),
    dict(
        region="United States",
        name="National Human Trafficking Hotline",
        phone="1-888-373-7888",
        text="233733",
        hours="24/7, in more than 200 languages",
        position=10,
        what_it_does="Confidential help for survivors of any gender: safety planning, shelter, legal and other "
        "services near you, or just someone to talk to.",
        limits="Confidential, not anonymous: they may ask some questions. They only involve police with your consent, "
        "except where a child is at risk or by law.",
    ),
    dict(
        region="United States and Canada",
        name="988 Suicide and Crisis Lifeline",
        phone="988",
        text="988",
        hours="24/7",
        position=20,
        what_it_does="Call or text 988 if you are thinking about suicide, are in emotional distress, or are worried "
        "about someone. A trained counsellor listens and helps you through the moment.",
        limits="Confidential, not anonymous. In rare cases of imminent risk to life, they may send emergency help.",
    ),
    dict(
        region="Canada",
        name="Canadian Human Trafficking Hotline",
        phone="1-833-900-1010",
        hours="24/7, in more than 200 languages",
        position=10,
        what_it_does="Confidential, multilingual help for victims and survivors: referrals to emergency shelter, "
        "counselling, legal help and other local services.",
        limits="Confidential; they contact police only with your consent, unless someone is in immediate danger.",
    ),
]


def seed(apps, schema_editor):
    HelpResource = apps.get_model("moderation", "HelpResource")
    for resource in RESOURCES:
        HelpResource.objects.get_or_create(name=resource["name"], defaults=resource)


def unseed(apps, schema_editor):
    HelpResource = apps.get_model("moderation", "HelpResource")
    HelpResource.objects.filter(name__in=[r["name"] for r in RESOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
