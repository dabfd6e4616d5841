"""The build cache: what earlier builds of a site learnt, kept outside the repository and signed.

A cache makes a second build fast, and must never change what a build makes nor
let anyone but sitegen on this machine choose what is loaded.  So:

- it lives in the user's cache folder (``$SITEGEN_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/sitegen``, else ``~/.cache/sitegen``), one sub-folder per site
  path, never in the site: nothing a pull request commits can be read as a cache;
- every entry is signed with HMAC-SHA256 under a random key created in that folder
  (readable by its owner only), and an entry whose signature does not match is
  ignored without being unpickled;
- every entry records the versions of sitegen, Python and each library whose
  behaviour shapes the output; any difference makes it ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import platform
import secrets
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

from sitegen import __version__
from sitegen.claims import hold, remove_abandoned_files
from sitegen.memory import collector_paused

T = TypeVar("T")
KEY_FILE = "key"
MAGIC = b"sitegen-cache-1\n"
LIBRARIES = (
    "click", "jinja2", "pyyaml", "markdown-it-py", "pydantic", "pydantic-core", "email-validator", "phonenumbers",
    "langcodes", "language-data", "pycountry", "anyascii", "pillow", "tzdata", "whoosh3", "markupsafe",
    "pystemmer", "breame", "opencc",
)  # fmt: skip


def environment_key() -> str:
    """sitegen's version and code, Python's and the output-shaping libraries' versions, as one string.

    sitegen's own code is included by digest, so a changed checkout (same version
    number, different code) never reuses what an older one made.
    """
    package = Path(__file__).parent
    code = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".css", ".html", ".svg"):
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    versions = [f"code={code.hexdigest()[:16]}"]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return ";".join([f"sitegen={__version__}", f"python={platform.python_version()}", *versions])


def default_root() -> Path:
    """The folder holding every site's cache."""
    explicit = os.environ.get("SITEGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sitegen"


class Store:
    """Signed pickles for one site, in the cache root's folder for that site's path."""

    def __init__(self, site_root: Path, root: Path | None = None) -> None:
        base = root or default_root()
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.key = _key(base)
        name = hashlib.sha256(str(site_root.resolve()).encode("utf-8")).hexdigest()[:20]
        self.folder = base / name
        self.folder.mkdir(exist_ok=True, mode=0o700)
        self.environment = environment_key()
        # Entries being written when their process was killed (hundreds of MB at 100,000 experts).
        remove_abandoned_files(self.folder.glob(".*-*"), time.time())

    def load(self, name: str, kind: type[T]) -> T | None:
        """The value of type ``kind`` last saved under ``name`` by this sitegen with these libraries, or None."""
        try:
            data = (self.folder / f"{name}.pickle").read_bytes()
        except OSError:
            return None
        if not data.startswith(MAGIC):
            return None
        # A view, not a copy: the profiles' entry is tens of MB at 10,000 experts.
        signature, body = data[len(MAGIC) : len(MAGIC) + SIGNATURE], memoryview(data)[len(MAGIC) + SIGNATURE :]
        if not hmac.compare_digest(signature, hmac.digest(self.key, body, "sha256")):
            return None
        with collector_paused():  # tens of thousands of long-lived objects: the collector would walk them in vain
            environment, value = pickle.loads(body)  # noqa: S301 - signed by this machine's key, checked above
        return value if environment == self.environment and isinstance(value, kind) else None

    def save(self, name: str, value: object) -> bool:
        """Keep ``value`` under ``name``, replacing the old entry in one rename; False if it could
        not be written (a full disk, a folder gone): a cache that cannot be written costs speed only,
        never the command."""
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=self.folder)
        except OSError:
            return False
        try:
            hold(handle)  # held while written: a later run removes it only if this process was killed
            with os.fdopen(handle, "w+b") as file:
                # Pickled straight into the file, signed as it goes, the signature written last in
                # its place: the pickle is never held whole (hundreds of MB at 100,000 experts,
                # twice over with the signature put in front).
                file.write(MAGIC + bytes(SIGNATURE))
                signing = _Signing(file, self.key)
                # Pickling makes a short-lived object per record: at the end of a 100,000-expert build
                # the collector would walk the whole heap for them (its memory: 3.6 s, 1.0 s paused).
                with collector_paused():
                    pickle.dump((self.environment, value), signing, protocol=pickle.HIGHEST_PROTOCOL)
                file.seek(len(MAGIC))
                file.write(signing.mac.digest())
            os.replace(temporary, self.folder / f"{name}.pickle")
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return False
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True


SIGNATURE = 32
"""The bytes of an entry's HMAC-SHA256, after the magic."""


class _Signing:
    """A file that signs what is written to it."""

    def __init__(self, file: BinaryIO, key: bytes) -> None:
        self.file = file
        self.mac = hmac.new(key, digestmod="sha256")

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return self.file.write(data)


def _key(base: Path) -> bytes:
    path = base / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) == 32:
            return key
        path.unlink()  # a damaged key: start again with a new one (every entry becomes invalid)
        return _key(base)
    key = secrets.token_bytes(32)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
    return key
