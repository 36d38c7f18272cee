from django.db import migrations

MENS_DOOR_TITLE = "A space for men and boys"
MENS_DOOR_TEXT = """Trafficking and sexual exploitation happen to men and boys too. Many of us did not believe it could happen to us, or did not have a word for it, or were told that a man cannot be a victim. That is not true.

Being exploited is not weakness. Needing help is not weakness. Whatever was done to you, and whatever you had to do to get through it, you are welcome here.

This space is for men and boys who have lived through trafficking or sexual exploitation, at any age. Only members who join it can see what is written here. You can leave it at any time, and leaving tells no one."""

SPACES = [
    ("welcome", "Welcome & Newcomers", "open", 10, "Start here. Say hello, ask how Lantern works, take your time.",
     [("introductions", "Introduce yourself", "Only share what you want to. A pseudonym and a hello is plenty."),
      ("questions", "Questions about Lantern", "How things work here, safety, privacy.")]),
    ("commons", "Commons", "open", 20, "Everyday life after leaving: the good days and the hard ones.",
     [("check-in", "Daily check-in", "How are you today?"),
      ("small-wins", "Small wins", "A job interview, a quiet evening, a first week out. Every step counts.")]),
    ("mens-space", "Men's Space", "opt_in", 30, "For men and boys who have lived through trafficking or exploitation.",
     [("mens-talk", "Men's talk", "Talk with other men who understand."),
      ("being-believed", "Being believed", "When people say it can't happen to men.")]),
    ("healing", "Healing & Health", "open", 40, "Trauma, recovery, body and mind.",
     [("trauma-recovery", "Trauma and recovery", "Nightmares, triggers, therapy, what helps."),
      ("body-health", "Body and health", "Health care, sleep, substance use, looking after yourself.")]),
    ("practical", "Practical Help", "open", 50, "Housing, work, money and legal questions.",
     [("housing", "Housing", "Shelters, renting, staying safe where you live."),
      ("work-money", "Work and money", "Jobs, gaps in a resume, debts, budgeting."),
      ("legal", "Legal questions", "Records, immigration, compensation. Not legal advice; find a lawyer for that.")]),
    ("mentor-lounge", "Mentor Lounge", "staff", 90, "For peer mentors and staff: support each other, plan rooms.",
     [("mentor-notes", "Mentor notes", "Debriefs and self-care."),
      ("room-planning", "Room planning", "Topics and schedules for live rooms.")]),
]


def seed(apps, schema_editor):
    Space = apps.get_model("forum", "Space")
    Board = apps.get_model("forum", "Board")
    for slug, name, audience, position, description, boards in SPACES:
        door = (MENS_DOOR_TITLE, MENS_DOOR_TEXT) if slug == "mens-space" else ("", "")
        space, _ = Space.objects.get_or_create(
            slug=slug,
            defaults=dict(name=name, audience=audience, position=position, description=description,
                          door_title=door[0], door_text=door[1]),
        )
        for index, (board_slug, board_name, board_description) in enumerate(boards):
            Board.objects.get_or_create(
                space=space, slug=board_slug,
                defaults=dict(name=board_name, description=board_description, position=(index + 1) * 10),
            )


def unseed(apps, schema_editor):
    apps.get_model("forum", "Space").objects.filter(slug__in=[space[0] for space in SPACES]).delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_search_indexes")]
    operations = [migrations.RunPython(seed, unseed)]
