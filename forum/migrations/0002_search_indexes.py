from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE forum_post_fts USING fts5(body, content='forum_post', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER forum_post_fts_insert AFTER INSERT ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER forum_post_fts_delete AFTER DELETE ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER forum_post_fts_update AFTER UPDATE OF body ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO forum_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE VIRTUAL TABLE forum_thread_fts USING fts5(title, content='forum_thread', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER forum_thread_fts_insert AFTER INSERT ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER forum_thread_fts_delete AFTER DELETE ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER forum_thread_fts_update AFTER UPDATE OF title ON forum_thread BEGIN "
    "INSERT INTO forum_thread_fts(forum_thread_fts, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO forum_thread_fts(rowid, title) VALUES (new.id, new.title); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS forum_post_fts_insert", "DROP TRIGGER IF EXISTS forum_post_fts_delete",
    "DROP TRIGGER IF EXISTS forum_post_fts_update", "DROP TABLE IF EXISTS forum_post_fts",
    "DROP TRIGGER IF EXISTS forum_thread_fts_insert", "DROP TRIGGER IF EXISTS forum_thread_fts_delete",
    "DROP TRIGGER IF EXISTS forum_thread_fts_update", "DROP TABLE IF EXISTS forum_thread_fts",
]
POSTGRES_UP = [
    "CREATE INDEX forum_post_body_fts ON forum_post USING gin (to_tsvector('english', body))",
    "CREATE INDEX forum_thread_title_fts ON forum_thread USING gin (to_tsvector('english', title))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS forum_post_body_fts", "DROP INDEX IF EXISTS forum_thread_title_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
