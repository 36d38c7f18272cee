"""Lantern takes no files: a request with a file part is refused whole (docs/architecture.md).

Installed as the only upload handler, so Django's form parser calls it for
the first file part it meets, before any of the file is kept, and the
refusal reaches `config.errors.bad_request` as a 400 that says why.
"""
from django.core.exceptions import BadRequest
from django.core.files.uploadhandler import FileUploadHandler

MESSAGE = "Lantern doesn't take files or pictures, so nothing you sent was saved. Please send the words alone."


class FilesRefused(BadRequest):
    pass


class RefuseFiles(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        raise FilesRefused(MESSAGE)

    def receive_data_chunk(self, raw_data, start):  # never reached: new_file refuses first
        raise FilesRefused(MESSAGE)

    def file_complete(self, file_size):
        return None
