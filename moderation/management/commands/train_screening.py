import json

from django.core.management.base import BaseCommand, CommandError

from moderation.screening import model as learned
from moderation.screening import train


class Command(BaseCommand):
    help = ("Train the screening model from moderation/screening/corpus and write moderation/screening/model.json; "
            "print cross-validated figures. With --check, only say whether model.json is up to date.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="exit 1 if model.json differs from a fresh build")

    def handle(self, *args, check=False, **options):
        rows = train.load_corpus()
        data, chances, thresholds = train.build(rows, train.weights_of(rows))
        text = train.dumps(data)
        for line in train.report(rows, chances, thresholds):
            self.stdout.write(line)
        if check:
            difference = train.differs(json.loads(learned.MODEL_PATH.read_text(encoding="utf-8")), json.loads(text))
            if difference:
                raise CommandError(f"model.json is not what the corpus builds ({difference}): "
                                   "run `python manage.py train_screening`.")
            self.stdout.write("model.json is up to date.")
            return
        learned.MODEL_PATH.write_text(text, encoding="utf-8")
        learned.load.cache_clear()
        self.stdout.write(f"wrote {learned.MODEL_PATH} ({len(data['features'])} features from {len(rows)} messages)")
