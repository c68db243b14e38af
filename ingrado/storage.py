"""The private file storage (attachments, certificates, reports), looked up at each use.

Model fields keep a storage object for life; this one forwards to
`storages["private"]`, so settings (S3 in production, a temporary folder in tests) decide
where files go. Private files are never served by URL: views check permissions first.
"""

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible


@deconstructible(path="ingrado.storage.PrivateStorage")
class PrivateStorage(Storage):
    @property
    def _target(self):
        return storages["private"]

    def _open(self, name, mode="rb"):
        return self._target.open(name, mode)

    def _save(self, name, content):
        return self._target.save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._target.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self._target.generate_filename(filename)

    def delete(self, name):
        return self._target.delete(name)

    def exists(self, name):
        return self._target.exists(name)

    def listdir(self, path):
        return self._target.listdir(path)

    def size(self, name):
        return self._target.size(name)

    def url(self, name):
        raise NotImplementedError("Private files are served through permission-checked views.")

    def path(self, name):
        return self._target.path(name)


private_storage = PrivateStorage()
