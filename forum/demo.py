"""Demo threads for `seed_demo`: a glimpse of what Lantern is for, nothing real."""
from forum import actions
from forum.models import Board, Thread
from moderation.api import screen_write

DEMO_THREADS = [
    ("welcome", "introductions", "demo_member", "Hello from someone new",
     "I found this place last week and mostly read. Today I wanted to say hello.\n\nIt helps to know I'm not the only one.",
     [("demo_mentor", "Welcome. Take all the time you need; reading is plenty. *We're glad you're here.*")]),
    ("commons", "small-wins", "demo_member", "I opened a bank account in my own name",
     "Small thing for most people. Huge for me. Nobody else has the card.",
     [("demo_mentor", "That is not small at all. That's yours."),
      ("demo_newcomer", "This gives me hope. I'm not there yet.")]),
    ("mens-space", "being-believed", "demo_member", "It took me years to call it what it was",
     "I kept telling myself it was a job, that I chose it. A counselor was the first person who said the word.",
     [("demo_mentor", "Same here. It happens to men too, and saying it out loud is strength.")]),
    ("practical", "work-money", "demo_newcomer", "Explaining a gap in my resume",
     "Job interviews scare me. How do you explain the missing years?\n\n- I don't want to lie\n- I don't want to tell everything",
     [("demo_mentor", "Many people say *personal and family matters* and move on. You owe no one the details.")]),
]


def seed_demo_threads(members):
    """Create the demo threads once; `members` maps demo pseudonym to Member."""
    created = 0
    for space_slug, board_slug, author, title, body, replies in DEMO_THREADS:
        board = Board.objects.get(space__slug=space_slug, slug=board_slug)
        if Thread.objects.filter(board=board, title=title).exists():
            continue
        if board.space.audience == "opt_in":
            for pseudonym in {author, *(who for who, _ in replies)}:
                actions.do_join_space(members[pseudonym], board.space)
        thread = actions.do_create_thread(
            members[author], board, title=title, body=body, content_warning="", decision=screen_write(title + "\n" + body)
        ).thread
        for who, text in replies:
            actions.do_reply(members[who], thread, body=text, content_warning="", decision=screen_write(text))
        created += 1
    return created
