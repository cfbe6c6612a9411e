#!/usr/bin/env python3
"""mystatus: how much of your AI coding subscriptions is left.

Reads the credentials that OpenCode and its plugins keep on disk, asks every
configured platform at once (OpenAI, Zhipu AI, Z.ai, Google Antigravity, GitHub
Copilot) and prints one report, in English or Chinese, or one JSON document.

Read it top to bottom: constants, data records, credentials, HTTP, platforms,
collection, rendering, command line.  Platforms turn credentials into plain
records and never make text; the renderers turn records into text and never do
I/O; only main() prints the report.  Standard library only, Python 3.8 and newer.
"""

import os
import re
import sys
import time

__version__ = "1.0.0"

# Constants ####################################################################

# Default endpoints, each replaceable by the environment variable that names it
# (tests, mirrors and proxies point them elsewhere).
DEFAULT_URLS = {
    "MYSTATUS_OPENAI_URL": "https://chatgpt.com/backend-api/wham/usage",
    "MYSTATUS_ZHIPU_URL": "https://bigmodel.cn/api/monitor/usage/quota/limit",
    "MYSTATUS_ZAI_URL": "https://api.z.ai/api/monitor/usage/quota/limit",
    "MYSTATUS_GOOGLE_TOKEN_URL": "https://oauth2.googleapis.com/token",
    "MYSTATUS_GOOGLE_QUOTA_URL": "https://cloudcode-pa.googleapis.com/v1internal:fetchAvailableModels",
    "MYSTATUS_GITHUB_API_URL": "https://api.github.com",
}

DEFAULT_TIMEOUT = 10.0  # seconds one request may take, connect to last byte
# The longest chain of dependent requests (Copilot: cached session, OAuth token,
# exchange, call again); the whole run waits no longer than this many timeouts.
MAX_CHAIN = 4
MAX_BODY = 1 << 20  # a quota answer is a few KiB; more than a MiB is not one
MAX_FILE = 1 << 20  # the same cap for credential files
ERROR_TEXT_LIMIT = 160  # characters of outside text (error bodies) we repeat

USER_AGENT = "mystatus/" + __version__

# Antigravity's public installed-application OAuth client, as published in the
# opencode-antigravity-auth plugin (an installed app's "secret" is public by design).
GOOGLE_CLIENT_ID = "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com"
GOOGLE_CLIENT_SECRET = "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"
ANTIGRAVITY_VERSION = "1.11.9"

# The models the reference plugin shows, under its short names; the second id
# stands in when the first is absent.  Every other model with a quota is shown
# too, under its displayName, so a new model never leaves the user blind.
GOOGLE_MODELS = (
    ("G3 Pro", "gemini-3-pro-high", "gemini-3-pro-low"),
    ("G3 Image", "gemini-3-pro-image", None),
    ("G3 Flash", "gemini-3-flash", None),
    ("Claude", "claude-opus-4-5-thinking", "claude-opus-4-5"),
)

# What VS Code's Copilot Chat sends; copilot_internal answers only editors.
COPILOT_HEADERS = {
    "User-Agent": "GitHubCopilotChat/0.35.0",
    "Editor-Version": "vscode/1.107.0",
    "Editor-Plugin-Version": "copilot-chat/0.35.0",
    "Copilot-Integration-Id": "vscode-chat",
    "Accept": "application/json",
}

# Monthly premium requests by Copilot plan (copilot-quota-token.json "tier").
# None: GitHub publishes no fixed allowance we know of; usage is shown alone.
COPILOT_TIERS = {
    "free": 50, "student": 300, "pro": 300, "pro+": 1500, "max": None,
    "business": 300, "enterprise": 1000,
}
PREMIUM_SKU = "copilot premium request"

# auth.json / opencode.db keys, and the provider each one feeds.
AUTH_KEYS = {
    "openai": "openai",
    "zhipuai-coding-plan": "zhipuai",
    "zai-coding-plan": "zai",
    "github-copilot": "copilot",
}

# Data #########################################################################


class Msg(tuple):
    """A message to translate: the English template (the catalog key) and its
    arguments.  Platforms return these; only the renderer turns them into text."""

    def __new__(cls, text, **args):
        return tuple.__new__(cls, (text, args))

    text = property(lambda self: self[0])
    args = property(lambda self: self[1])


M = Msg


class _Record:
    """A plain record with defaults, compared by value: a dataclass without the
    start-up cost of importing dataclasses."""

    FIELDS = {}

    def __init__(self, **values):
        unknown = set(values) - set(self.FIELDS)
        if unknown:
            raise TypeError("unknown field(s): " + ", ".join(sorted(unknown)))
        for name, default in self.FIELDS.items():
            value = values.get(name, default)
            setattr(self, name, list(value) if isinstance(value, list) else value)

    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % kv for kv in vars(self).items()))


class Quota(_Record):
    """One limit of one account.  Percentages are of the whole allowance; used
    and limit are in `unit`; resets_at is a Unix time (seconds)."""

    FIELDS = {
        "id": "", "label": None, "remaining_percent": None, "used": None, "limit": None,
        "unit": None, "window_seconds": None, "resets_at": None,
        "limit_reached": False, "unlimited": False, "overage": None, "estimate": False,
    }


class Result(_Record):
    """What one account of one platform answered, or why it could not."""

    FIELDS = {
        "provider": "", "account": None, "plan": None,
        "quotas": [], "notes": [], "error": None,
    }


class Report(_Record):
    """Everything one run found: results in report order, failures that belong
    to no platform (a broken credential file), and general notes."""

    FIELDS = {"results": [], "failures": [], "notes": []}


class MystatusError(Exception):
    """A failure to report as one line: carries a Msg, and an HTTP status if any."""

    def __init__(self, msg, status=None, notes=()):
        super().__init__(msg.text)
        self.msg = msg
        self.status = status
        self.notes = list(notes)


def _num(value):
    """A number from JSON, else None: bools, strings, NaN, infinities and
    magnitudes no quota has (which would overflow a float) are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not -1e15 <= value <= 1e15:  # False for NaN too
        return None
    return value


def _instant(seconds):
    """A plausible Unix time (year 1970 to 3000), else None."""
    seconds = _num(seconds)
    return seconds if seconds is not None and 0 <= seconds < 32503680000 else None


def _obj(value, what):
    """`value` when it is a JSON object, else an error naming what it should be."""
    if not isinstance(value, dict):
        raise MystatusError(M("unexpected answer: {what} is not an object", what=what))
    return value


def _str(value):
    return value if isinstance(value, str) and value.strip() else None


# Regular expressions stay text until first used (re caches what it compiles):
# compiling them at import would cost a millisecond of every start-up.
_ISO = r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$"


def parse_time(text):
    """Unix time of an ISO 8601 date or timestamp (naive ones are UTC), else None.
    Written by hand: fromisoformat takes neither 'Z' nor nanoseconds before 3.11."""
    import calendar

    match = re.match(_ISO, text.strip(), re.I) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        parts = [int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)]
        if not (1 <= parts[1] <= 12 and 1 <= parts[2] <= 31 and parts[3] < 24 and parts[4] < 60 and parts[5] < 61):
            return None
        seconds = calendar.timegm(tuple(parts))
    except (ValueError, OverflowError):
        return None
    if zone and zone.upper() != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        seconds -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return _instant(seconds)


def month_start(year, month):
    """Unix time of the first instant of a month (UTC); month 13 is next January."""
    import calendar

    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return calendar.timegm((year, month, 1, 0, 0, 0))


def mask_key(key):
    """An API key as it may be shown: four characters each side of '****' for
    long keys; nothing of a short one (it would be most of the key)."""
    return key[:4] + "****" + key[-4:] if len(key) >= 16 else "****"


# Tokens we may not have been told about: GitHub tokens, Google access tokens, JWTs.
_TOKEN_SHAPES = (r"\b(?:gh[opsu]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,}|ya29\.[\w.-]{8,}"
                 r"|eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*|GOCSPX-[\w-]{8,})|(?<=Bearer )\S+|(?<=token )\S{12,}")


def hide_secrets(text, secrets):
    """`text` with every secret of four characters or more replaced by ****,
    longest first (so a secret containing another is hidden whole)."""
    for secret in sorted((s for s in secrets if s and len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, "****")
    return text


def scrub(text, secrets=()):
    """Outside text made fit to print: every secret we hold, and anything shaped
    like a token, replaced by ****; white space folded; then, and only then (a
    secret cut in two would no longer be found), cut to a short line."""
    text = re.sub(_TOKEN_SHAPES, "****", hide_secrets(str(text), secrets), flags=re.I)
    text = " ".join(text.split())
    if len(text) > ERROR_TEXT_LIMIT:
        text = text[:ERROR_TEXT_LIMIT - 1].rstrip() + "…"
    return text


# Credentials ##################################################################


class Paths(_Record):
    """Where the credentials are, from the environment (HOME, XDG_*, APPDATA)."""

    FIELDS = {"home": "", "auth": "", "db": "", "antigravity": "", "copilot_token": ""}

    @classmethod
    def from_env(cls, env):
        home = env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")
        data = os.path.join(env.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share"), "opencode")
        config = os.path.join(env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config"), "opencode")
        # The antigravity plugin keeps its accounts under %APPDATA% on Windows.
        google = os.path.join(env["APPDATA"], "opencode") if os.name == "nt" and env.get("APPDATA") else config
        db = env.get("OPENCODE_DB")
        return cls(
            home=home,
            auth=os.path.join(data, "auth.json"),
            db=os.path.join(data, db) if db else _newest_db(data),
            antigravity=os.path.join(google, "antigravity-accounts.json"),
            copilot_token=os.path.join(config, "copilot-quota-token.json"),
        )

    def show(self, path):
        """A path as the user knows it: the home directory written as ~."""
        home = self.home.rstrip("/\\")
        if home and path.startswith(home + os.sep):
            return "~" + path[len(home):]
        return path


def _newest_db(data_dir):
    """opencode.db, else the newest release-channel database (opencode-<channel>.db)."""
    main = os.path.join(data_dir, "opencode.db")
    if os.path.exists(main):
        return main
    try:
        names = [n for n in os.listdir(data_dir) if n.startswith("opencode-") and n.endswith(".db")]
    except OSError:
        return main
    paths = [os.path.join(data_dir, n) for n in names]
    return max(paths, key=os.path.getmtime) if paths else main


def parse_json_object(raw, name):
    """The JSON object in the bytes of a credential file or variable (every
    credential source holds an object); errors name the source."""
    import json

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MystatusError(M("{file}: not UTF-8 text", file=name)) from None
    if not text.strip():
        raise MystatusError(M("{file}: empty", file=name))
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = M("line {line}, column {column}", line=exc.lineno, column=exc.colno) if hasattr(exc, "lineno") else ""
        raise MystatusError(M("{file}: not valid JSON ({where})", file=name, where=where)) from None
    if not isinstance(data, dict):
        raise MystatusError(M("{file}: not a JSON object", file=name))
    return data


def read_json_file(path, name):
    """The JSON object in a credential file, or None when there is no file.
    Only ever opened for reading, and read no further than MAX_FILE bytes."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise MystatusError(M("{file}: is a directory, not a file", file=name)) from None
    except PermissionError:
        raise MystatusError(M("{file}: no permission to read it", file=name)) from None
    except OSError as exc:
        raise MystatusError(M("{file}: cannot read it ({reason})", file=name, reason=exc.strerror or "?")) from None
    if len(raw) > MAX_FILE:
        raise MystatusError(M("{file}: larger than {size} MiB; not a credential file", file=name, size=MAX_FILE >> 20))
    return parse_json_object(raw, name)


def read_db_credentials(path, name):
    """auth.json-shaped entries from OpenCode 2's credential table, keyed by
    integration id; the active row, else the newest, of each.

    The database is only read and nothing is created beside it.  It is in WAL
    mode: while OpenCode runs, a -wal file exists and a read-only open shares
    it.  Without one, a read-only open would create -wal and -shm files, so the
    file is opened as immutable: nobody is writing and all of it is in the file."""
    import json
    import sqlite3
    from urllib.parse import quote

    live = os.path.exists(path + "-wal")
    uri = "file:%s?%s" % (quote(os.path.abspath(path).replace(os.sep, "/")), "mode=ro" if live else "immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise MystatusError(M("{file}: cannot open it ({reason})", file=name, reason=str(exc))) from None
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(credential)")}
        if not {"integration_id", "value"} <= columns:
            raise MystatusError(M("{file}: no credential table; not an OpenCode database?", file=name))
        order = [c + " DESC" for c in ("active", "time_updated", "time_created") if c in columns]
        rows = conn.execute(
            "SELECT integration_id, value FROM credential WHERE integration_id IS NOT NULL ORDER BY "
            + ", ".join(order + ["rowid DESC"])).fetchall()
    except sqlite3.Error as exc:
        raise MystatusError(M("{file}: cannot read it ({reason})", file=name, reason=str(exc))) from None
    finally:
        conn.close()
    entries = {}
    for integration, value in rows:
        if integration in entries or integration not in AUTH_KEYS:
            continue
        try:
            entry = json.loads(value) if isinstance(value, (str, bytes)) else None
        except ValueError:
            entry = None
        if isinstance(entry, dict):
            metadata = entry.get("metadata") if isinstance(entry.get("metadata"), dict) else {}
            for name in ("accountID", "accountId", "account_id"):
                entry.setdefault("accountId", metadata.get(name))
            entry.setdefault("enterpriseUrl", metadata.get("enterpriseUrl"))
            entries[integration] = entry
    return entries


def _field(entry, key, name, origin, kind, required=True):
    """One field of a credential entry, checked: a non-empty string or a number."""
    value = entry.get(name)
    if value is None or value == "":
        if required:
            raise MystatusError(M("{file}: {field} is missing", file=origin, field=key + "." + name))
        return None
    ok = _str(value) is not None if kind == "text" else _num(value) is not None
    if not ok:
        want = M("text") if kind == "text" else M("a number")
        raise MystatusError(M("{file}: {field} is not {kind}", file=origin, field=key + "." + name, kind=want))
    return value


def auth_credential(key, entry, origin):
    """The credential a provider needs, from one auth.json / database entry."""
    provider = AUTH_KEYS[key]
    if not isinstance(entry, dict):
        raise MystatusError(M("{file}: {field} is not an object", file=origin, field=key))
    if provider == "openai":
        access = _field(entry, key, "access", origin, "text")
        return {"provider": provider, "access": access,
                "expires": _field(entry, key, "expires", origin, "number", False),
                "account_id": _field(entry, key, "accountId", origin, "text", False),
                "account": jwt_claim(access, "https://api.openai.com/profile", "email")}
    if provider in ("zhipuai", "zai"):
        api_key = _field(entry, key, "key", origin, "text")
        return {"provider": provider, "key": api_key, "account": mask_key(api_key)}
    return {"provider": provider,  # copilot
            "refresh": _field(entry, key, "refresh", origin, "text"),
            "access": _field(entry, key, "access", origin, "text", False),
            "expires": _field(entry, key, "expires", origin, "number", False),
            "enterprise": _field(entry, key, "enterpriseUrl", origin, "text", False)}


def jwt_claim(token, *path):
    """A claim of a JWT's payload, decoded for display only (no signature check)."""
    import base64
    import json

    try:
        payload = token.split(".")[1]
        value = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        for name in path:
            value = value[name]
    except (IndexError, KeyError, TypeError, ValueError):
        return None
    return value if isinstance(value, str) else None


def google_accounts(data, origin):
    """One credential, or one error Result, per account of antigravity-accounts.json."""
    accounts = data.get("accounts")
    if not isinstance(accounts, list):
        raise MystatusError(M("{file}: no list of accounts", file=origin))
    items = []
    for number, account in enumerate(accounts, 1):
        label = M("account {n}", n=number)
        if not isinstance(account, dict):
            items.append(Result(provider="google", account=label,
                                error=M("{file}: account {n} is not an object", file=origin, n=number)))
            continue
        label = _str(account.get("email")) or label
        token = _str(account.get("refreshToken"))
        project = _str(account.get("projectId")) or _str(account.get("managedProjectId"))
        if not token:
            error = M("{file}: account has no refreshToken; sign in again with opencode-antigravity-auth", file=origin)
        elif not project:
            error = M("no project id (projectId or managedProjectId); sign in again with opencode-antigravity-auth")
        else:
            items.append({"provider": "google", "refresh": token, "project": project, "account": label})
            continue
        items.append(Result(provider="google", account=label, error=error))
    return items


def copilot_pat(data, origin):
    """The fine-grained token set-up of copilot-quota-token.json."""
    found = {name: _field(data, "", name, origin, "text") for name in ("token", "username", "tier")}
    tier = found["tier"].strip().lower()
    if tier not in COPILOT_TIERS:
        raise MystatusError(M("{file}: unknown tier {tier!r}; use one of {tiers}",
                              file=origin, tier=found["tier"], tiers=", ".join(COPILOT_TIERS)))
    return {"token": found["token"], "username": found["username"], "tier": tier}


def load_credentials(paths, env, wanted):
    """Read every credential source the wanted providers need.

    Returns ({provider: [credential dict or error Result, ...]}, failures, notes,
    secrets): failures are (source, Msg) pairs for files that could not be used;
    secrets are every credential value read, so no output ever repeats one.
    A missing file is not a failure: that platform is simply not configured."""
    creds = {p: [] for p in PROVIDERS}
    failures, notes = [], []

    def attempt(source, read):
        try:
            return read()
        except MystatusError as exc:
            failures.append((source, exc.msg))
            return None

    # 1. auth.json, or the whole of it in OPENCODE_AUTH_CONTENT; then the newer
    #    database, whose entries win for the platforms it has.
    entries, origins = {}, {}
    if wanted & {"openai", "zhipuai", "zai", "copilot"}:
        auth, origin = None, paths.show(paths.auth)
        if env.get("OPENCODE_AUTH_CONTENT"):
            auth = attempt("OPENCODE_AUTH_CONTENT", lambda: parse_json_object(
                env["OPENCODE_AUTH_CONTENT"].encode("utf-8", "surrogateescape"), "OPENCODE_AUTH_CONTENT"))
            origin = "OPENCODE_AUTH_CONTENT" if auth is not None else origin
        if auth is None:
            auth = attempt(origin, lambda: read_json_file(paths.auth, origin))
        if auth:
            entries.update({k: v for k, v in auth.items() if k in AUTH_KEYS})
            origins.update(dict.fromkeys(entries, origin))
        if os.path.isfile(paths.db):
            try:
                database = read_db_credentials(paths.db, paths.show(paths.db))
            except MystatusError as exc:
                notes.append(M("{reason}; using auth.json instead", reason=exc.msg))
            else:
                entries.update(database)
                origins.update(dict.fromkeys(database, paths.show(paths.db)))
    for key, entry in entries.items():
        provider = AUTH_KEYS[key]
        if provider in wanted:
            cred = attempt(origins[key], lambda key=key, entry=entry: auth_credential(key, entry, origins[key]))
            if cred is not None:
                creds[provider].append(cred)

    # 2. Google accounts, each one on its own.
    if "google" in wanted:
        origin = paths.show(paths.antigravity)
        data = attempt(origin, lambda: read_json_file(paths.antigravity, origin))
        if data is not None:
            creds["google"] = attempt(origin, lambda: google_accounts(data, origin)) or []

    # 3. Copilot: the fine-grained token route when its file is usable, else OAuth.
    if "copilot" in wanted:
        origin = paths.show(paths.copilot_token)
        data = attempt(origin, lambda: read_json_file(paths.copilot_token, origin))
        pat = attempt(origin, lambda: copilot_pat(data, origin)) if data is not None else None
        oauth = creds["copilot"][0] if creds["copilot"] else None
        creds["copilot"] = [{"provider": "copilot", "pat": pat, "oauth": oauth, "pat_file": origin,
                             "account": pat["username"] if pat else None}] if pat or oauth else []

    secrets = set()
    for items in creds.values():
        for item in items:
            if isinstance(item, dict):
                _gather_secrets(item, secrets)
    return creds, failures, notes, secrets


def _gather_secrets(cred, secrets):
    for name in ("access", "refresh", "key", "token"):
        if _str(cred.get(name)):
            secrets.add(cred[name])
    for name in ("pat", "oauth"):
        if isinstance(cred.get(name), dict):
            _gather_secrets(cred[name], secrets)


# HTTP #########################################################################


class Context(_Record):
    """What every platform call shares: endpoints, the per-request time limit,
    the time of the run, and the secrets no error text may repeat (platforms add
    the tokens they obtain)."""

    FIELDS = {"urls": {}, "overridden": (), "timeout": DEFAULT_TIMEOUT, "now": 0.0, "secrets": None}


class _Watchdog:
    """Shuts a request's sockets down at its deadline.  A socket timeout bounds
    each read, not the request: a server that drips a byte a second would never
    trip it.  Shutting the socket down ends any blocking read at once."""

    def __init__(self, seconds):
        import threading

        self.fired = False
        self._sockets = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock):
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                self._shut(sock)

    def _fire(self):
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock):
        import socket

        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def cancel(self):
        self._timer.cancel()


def _watched(base, watchdog):
    """An http.client connection class whose sockets the watchdog holds from
    the moment they exist, so a proxy tunnel or a TLS handshake is inside the
    deadline too.  http.client opens every socket through _create_connection."""

    class Watched(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            create = self._create_connection

            def create_watched(*args, **kwargs):
                sock = create(*args, **kwargs)
                watchdog.watch(sock)
                return sock

            self._create_connection = create_watched

    return Watched


def _opener(watchdog):
    """A urllib opener (proxies from the environment as usual) that follows no
    redirect, so no credential is ever sent on to another host, and whose
    connections the watchdog can cut."""
    import http.client
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # urllib then raises the 3xx as an HTTPError

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(_watched(http.client.HTTPConnection, watchdog), req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(_watched(http.client.HTTPSConnection, watchdog), req, context=self._context)

    return urllib.request.build_opener(NoRedirect, HTTP, HTTPS)


def _read_capped(response, watchdog):
    """The body, read in chunks and never past MAX_BODY."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise MystatusError(M("answer larger than {size} MiB; not read", size=MAX_BODY >> 20))
    read = getattr(response, "read1", response.read)
    chunks, size = [], 0
    while True:
        chunk = read(65536)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BODY:
            raise MystatusError(M("answer larger than {size} MiB; not read", size=MAX_BODY >> 20))
        chunks.append(chunk)
    if watchdog.fired:  # the cut socket reads as a clean end: it is not one
        raise TimeoutError
    return b"".join(chunks)


def _detail(body, content_type, secrets):
    """A short, scrubbed line saying what an error body says."""
    import json

    text = body.decode("utf-8", "replace").strip()
    if not text:
        return M("empty answer")
    if "html" in content_type or text.startswith("<"):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        return M("an HTML page ({title})", title=scrub(title.group(1), secrets)) if title else M("an HTML page")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return scrub(text, secrets)
    parts = []
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict):
            parts += [error.get("status"), error.get("message")]
        else:
            parts.append(error)
        parts += [data.get(k) for k in ("error_description", "message", "msg", "detail")]
    words = [str(p) for p in parts if isinstance(p, (str, int)) and not isinstance(p, bool) and str(p).strip()]
    return scrub(": ".join(dict.fromkeys(words)) if words else text, secrets)


def _network_error(exc, url):
    """One short message for a failure below HTTP."""
    import http.client
    import socket
    import ssl
    from urllib.parse import urlsplit

    reason = getattr(exc, "reason", exc)
    host = urlsplit(url).hostname or url
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return M("timed out")
    if isinstance(reason, ConnectionRefusedError):
        return M("connection refused by {host}", host=host)
    if isinstance(reason, socket.gaierror):
        return M("unknown host {host}", host=host)
    if isinstance(reason, ssl.SSLError):
        return M("TLS failure with {host} ({reason})", host=host, reason=getattr(reason, "reason", None) or "?")
    if isinstance(reason, (ConnectionResetError, BrokenPipeError)):
        return M("connection reset by {host}", host=host)
    if isinstance(reason, OSError):
        return M("network error ({reason})", reason=reason.strerror or type(reason).__name__)
    if isinstance(reason, (http.client.BadStatusLine, http.client.LineTooLong)):
        return M("{host} did not answer in HTTP", host=host)
    return M("connection closed before the answer was complete")


def http_json(url, ctx, headers, data=None):
    """Send one request (POST when `data` is given) and return its JSON answer.

    Every failure is a MystatusError with a one-line message and, for HTTP
    errors, the status; nothing from the server is repeated unscrubbed, and
    neither are the credentials we sent."""
    import http.client
    import urllib.error
    import urllib.request
    from urllib.parse import urlsplit

    sent = list(ctx.secrets or ()) + [headers.get("Authorization", "").split(" ")[-1]]
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.port == 0:
            raise ValueError  # credentials go over HTTP(S) only, never to ftp: or file:
        request = urllib.request.Request(url, data=data, headers=headers)
    except ValueError:  # also a port that is not a number
        raise MystatusError(M("invalid URL {url}", url=scrub(url, sent))) from None
    watchdog = _Watchdog(ctx.timeout)
    try:
        try:
            with _opener(watchdog).open(request, timeout=ctx.timeout) as response:
                body = _read_capped(response, watchdog)
                content_type = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            status = exc.code
            if 300 <= status < 400:
                target = urlsplit(exc.headers.get("Location", "")).hostname or "?"
                raise MystatusError(M("HTTP {status}: redirected to {host}; not followed",
                                      status=status, host=target), status) from None
            try:
                detail = _detail(_read_capped(exc, watchdog), exc.headers.get("Content-Type", ""), sent)
            except (MystatusError, OSError, http.client.HTTPException):
                detail = M("no readable answer")
            raise MystatusError(M("HTTP {status}: {detail}", status=status, detail=detail), status) from None
        except (OSError, http.client.HTTPException) as exc:  # URLError is an OSError
            if watchdog.fired:
                raise MystatusError(M("timed out after {seconds} s", seconds=_seconds(ctx.timeout))) from None
            raise MystatusError(_network_error(exc, url)) from None
    finally:
        watchdog.cancel()
    return _decode_json(body, content_type, sent)


def _decode_json(body, content_type, secrets):
    import json

    text = body.decode("utf-8", "replace").strip()
    if not text:
        raise MystatusError(M("empty answer"))
    if "html" in content_type or text.startswith("<"):
        raise MystatusError(M("answered {detail} instead of JSON", detail=_detail(body, content_type, secrets)))
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise MystatusError(M("answer is not valid JSON: {start}", start=scrub(text[:60], secrets))) from None


def _seconds(value):
    return int(value) if float(value).is_integer() else value


# Platforms ####################################################################
#
# Each fetch_* takes one credential and the Context and returns a Result, or
# raises MystatusError.  Each parse_* is pure: JSON in, Result out.


def window_label(seconds):
    """A limit named by the length of its window, never by its slot."""
    if seconds is None or seconds <= 0:
        return M("Usage limit")
    if seconds >= 86400:
        days = round(seconds / 86400)
        return M("Weekly limit") if days == 7 else M("{n}-day limit", n=days)
    if seconds >= 3600:
        return M("{n}-hour limit", n=round(seconds / 3600))
    return M("{n}-minute limit", n=max(1, round(seconds / 60)))


def _openai_windows(rate_limit, now, prefix, key, name=None):
    """Quotas of one OpenAI rate_limit object (primary and secondary windows);
    `prefix` goes before the quota ids, `name` (default: the prefix) before the labels."""
    name = name or prefix
    rate_limit = _obj(rate_limit, key)
    quotas = []
    for slot in ("primary_window", "secondary_window"):
        window = rate_limit.get(slot)
        if window is None:
            continue
        window = _obj(window, key + "." + slot)
        used = _num(window.get("used_percent"))
        seconds = _num(window.get("limit_window_seconds"))
        seconds = int(seconds) if seconds is not None and seconds > 0 else None
        reset = _instant(window.get("reset_at"))
        after = _num(window.get("reset_after_seconds"))
        if reset is None and after is not None:
            reset = _instant(now + after)
        label = window_label(seconds)
        quotas.append(Quota(
            id=(prefix + ":" if prefix else "") + slot.split("_")[0], window_seconds=seconds,
            label=M("{name}: {window}", name=name, window=label) if name else label,
            remaining_percent=None if used is None else 100 - used, unit="percent", resets_at=reset))
    if rate_limit.get("limit_reached") is True and quotas:
        # The flag covers the whole rate limit: pin it on the emptiest window.
        known = [q for q in quotas if q.remaining_percent is not None] or quotas
        min(known, key=lambda q: q.remaining_percent or 0).limit_reached = True
    return quotas


def parse_openai(payload, now):
    payload = _obj(payload, "usage")
    result = Result(provider="openai", plan=_str(payload.get("plan_type")))
    rate_limit = payload.get("rate_limit")
    if rate_limit is None:
        spend = payload.get("spend_control")
        limit = spend.get("individual_limit") if isinstance(spend, dict) else None
        result.notes.append(M("No usage windows for this plan; spend limit: {limit}", limit=limit)
                            if isinstance(limit, (str, int, float)) and not isinstance(limit, bool)
                            else M("No usage windows for this plan"))
    else:
        result.quotas += _openai_windows(rate_limit, now, None, "rate_limit")
    review = payload.get("code_review_rate_limit")
    if isinstance(review, dict):
        result.quotas += _openai_windows(review, now, "code_review", "code_review_rate_limit", M("Code review"))
    extra = payload.get("additional_rate_limits")
    for item in extra if isinstance(extra, list) else ():
        if isinstance(item, dict) and isinstance(item.get("rate_limit"), dict):
            name = _str(item.get("limit_name")) or _str(item.get("metered_feature")) or "?"
            result.quotas += _openai_windows(item["rate_limit"], now, name, "additional_rate_limits")
    credits = payload.get("credits")
    if isinstance(credits, dict):
        if credits.get("unlimited") is True:
            result.notes.append(M("Credits: unlimited"))
        elif credits.get("has_credits") is True or credits.get("balance") not in (None, "", "0"):
            balance = credits.get("balance")
            if isinstance(balance, (str, int, float)) and not isinstance(balance, bool):
                result.notes.append(M("Credits balance: {balance}", balance=str(balance)))
    return result


def fetch_openai(cred, ctx):
    expires = cred.get("expires")
    if expires is not None and expires / 1000 <= ctx.now:
        raise MystatusError(M("OAuth token expired; use an OpenAI model once in OpenCode to refresh it"))
    headers = {"Authorization": "Bearer " + cred["access"], "User-Agent": USER_AGENT}
    account_id = (cred.get("account_id")
                  or jwt_claim(cred["access"], "https://api.openai.com/auth", "chatgpt_account_id"))
    if account_id:
        headers["ChatGPT-Account-Id"] = account_id
    return parse_openai(http_json(ctx.urls["MYSTATUS_OPENAI_URL"], ctx, headers), ctx.now)


# Zhipu AI and Z.ai: the `unit` codes of a limit's window, in seconds.
ZHIPU_UNITS = {3: 3600, 6: 7 * 86400}


def _zhipu_quota(limit, index):
    kind = _str(limit.get("type")) or "?"
    unit, number = _num(limit.get("unit")), _num(limit.get("number"))
    number = number if number is not None and number > 0 else None
    seconds = ZHIPU_UNITS[unit] * number if unit in ZHIPU_UNITS and number is not None else None
    if kind == "TOKENS_LIMIT":
        if unit is None and number is None:
            seconds = 5 * 3600  # before 2026 the only token window was five hours
        if seconds and seconds % (7 * 86400) == 0:
            label = M("Weekly token limit") if seconds == 7 * 86400 else M("{n}-week token limit", n=seconds // 604800)
        elif seconds:
            label = M("{n}-hour token limit", n=_seconds(seconds / 3600))
        elif number is not None:
            label = M("Token limit ({number} of unknown unit {unit})", number=_seconds(number), unit=unit)
        else:
            label = M("Token limit")
        qid, unit_name = "tokens", "tokens"
    elif kind == "TIME_LIMIT":
        label, qid, unit_name = M("Monthly MCP quota"), "mcp", "calls"
    elif kind == "CREDIT_LIMIT":
        label, qid, unit_name = M("Credits"), "credits", "credits"
    else:
        label, qid, unit_name = M("{kind} limit", kind=kind), kind.lower(), None
    total, used = _num(limit.get("usage")), _num(limit.get("currentValue"))
    if kind == "CREDIT_LIMIT" and used is None and total is not None:
        left = _num(limit.get("remaining"))
        used = total - left if left is not None else None
    percent = _num(limit.get("percentage"))
    if percent is None and used is not None and total:
        percent = used / total * 100
    if total is None or used is None:
        total = used = None  # a percentage alone: never "0.0M / 0.0M"
    return Quota(id="%s:%d" % (qid, index) if seconds is None or qid != "tokens" else "tokens:%d" % seconds,
                 label=label, remaining_percent=None if percent is None else 100 - percent,
                 used=used, limit=total, unit=unit_name, window_seconds=seconds,
                 resets_at=_instant((_num(limit.get("nextResetTime")) or -1) / 1000))


def parse_zhipu(payload, provider):
    payload = _obj(payload, "quota")
    code = payload.get("code")
    if payload.get("success") is False or (code is not None and str(code) != "200"):
        message = _str(payload.get("msg")) or _str(payload.get("message")) or "?"
        # Left whole: _run_one scrubs it knowing the key, then cuts it short.
        raise MystatusError(M("API error {code}: {message}", code=code, message=message))
    data = _obj(payload.get("data"), "data")
    limits = data.get("limits")
    if not isinstance(limits, list):
        raise MystatusError(M("unexpected answer: {what} is not a list", what="data.limits"))
    result = Result(provider=provider, plan=_str(data.get("level")) or _str(data.get("planName")))
    result.quotas = [_zhipu_quota(item, i) for i, item in enumerate(limits) if isinstance(item, dict)]
    return result


def fetch_zhipu(cred, ctx):
    url = ctx.urls["MYSTATUS_ZHIPU_URL" if cred["provider"] == "zhipuai" else "MYSTATUS_ZAI_URL"]
    headers = {"Authorization": cred["key"], "Content-Type": "application/json", "User-Agent": USER_AGENT}
    return parse_zhipu(http_json(url, ctx, headers), cred["provider"])


def parse_google(payload):
    """Per-model quotas: the reference plugin's four first, then every other
    model with a quota (by display name); internal models are left out."""
    models = _obj(_obj(payload, "models answer").get("models"), "models")
    quotas, named = [], {}
    for model_id, model in models.items():
        if not isinstance(model, dict) or model.get("isInternal") is True:
            continue
        info = model.get("quotaInfo")
        if not isinstance(info, dict):
            continue
        # JSON from protobuf leaves out zero values: no remainingFraction is none left.
        fraction = _num(info.get("remainingFraction"))
        named[model_id] = Quota(id=model_id, label=_str(model.get("displayName")) or model_id,
                                remaining_percent=(fraction or 0) * 100, unit="percent",
                                resets_at=parse_time(info.get("resetTime")))
    for short, first, alternate in GOOGLE_MODELS:
        chosen = first if first in named else alternate if alternate in named else None
        if chosen:
            quota = named.pop(chosen)
            quota.label = short
            quotas.append(quota)
    quotas += sorted(named.values(), key=lambda q: (q.label.lower(), q.id))
    return Result(provider="google", quotas=quotas, notes=[] if quotas else [M("No model with a quota in the answer")])


def fetch_google(cred, ctx):
    import json
    import platform
    from urllib.parse import urlencode

    form = urlencode({"client_id": GOOGLE_CLIENT_ID, "client_secret": GOOGLE_CLIENT_SECRET,
                      "refresh_token": cred["refresh"], "grant_type": "refresh_token"}).encode()
    try:
        token = http_json(ctx.urls["MYSTATUS_GOOGLE_TOKEN_URL"], ctx,
                          {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT}, form)
    except MystatusError as exc:
        if exc.status in (400, 401):
            raise MystatusError(M("sign-in refused ({detail}); sign in again with opencode-antigravity-auth",
                                  detail=exc.msg), exc.status) from None
        raise
    access = _str(_obj(token, "token answer").get("access_token"))
    if not access:
        raise MystatusError(M("unexpected answer: {what} is missing", what="access_token"))
    ctx.secrets.add(access)
    system = {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux")
    machine = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine().lower(), platform.machine().lower())
    headers = {"Authorization": "Bearer " + access, "Content-Type": "application/json",
               "User-Agent": "antigravity/%s %s/%s" % (ANTIGRAVITY_VERSION, system, machine or "amd64")}
    body = json.dumps({"project": cred["project"]}).encode()
    return parse_google(http_json(ctx.urls["MYSTATUS_GOOGLE_QUOTA_URL"], ctx, headers, body))


COPILOT_SNAPSHOTS = {"premium_interactions": M("Premium requests"), "chat": M("Chat"), "completions": M("Completions")}


def _copilot_snapshot(name, snap, reset):
    entitlement = _num(snap.get("entitlement"))
    remaining = _num(snap.get("remaining"))
    if remaining is None:
        remaining = _num(snap.get("quota_remaining"))
    label = COPILOT_SNAPSHOTS.get(name) or name
    if snap.get("unlimited") is True or entitlement == -1 or remaining == -1:
        return Quota(id=name, label=label, unlimited=True, unit="requests", resets_at=reset)
    percent = _num(snap.get("percent_remaining"))
    overage = _num(snap.get("overage_count")) or None
    if remaining is not None and remaining < 0:
        overage, percent = overage or -remaining, 0
    elif percent is None and remaining is not None and entitlement:
        percent = remaining / entitlement * 100
    used = entitlement - max(remaining, 0) if entitlement is not None and remaining is not None else None
    return Quota(id=name, label=label, remaining_percent=percent, used=used, limit=entitlement,
                 unit="requests", resets_at=reset, overage=overage)


def parse_copilot_user(payload):
    payload = _obj(payload, "copilot user")
    result = Result(provider="copilot", plan=_str(payload.get("copilot_plan")))
    reset = parse_time(payload.get("quota_reset_date"))
    snapshots = payload.get("quota_snapshots")
    snapshots = snapshots if isinstance(snapshots, dict) else {}
    token_billing = payload.get("token_based_billing") is True
    known = list(COPILOT_SNAPSHOTS)  # premium requests first, then chat, completions, the rest by name
    for name in sorted(snapshots, key=lambda k: (known.index(k) if k in known else len(known), k)):
        snap = snapshots[name]
        if not isinstance(snap, dict):
            continue
        if token_billing and not _num(snap.get("entitlement")) and snap.get("unlimited") is not True:
            continue  # a zero-entitlement placeholder on token-billed seats: never "0/0"
        result.quotas.append(_copilot_snapshot(name, snap, reset))
    used = _num(payload.get("credits_used"))
    if token_billing and used is not None:
        result.quotas.append(Quota(id="credits", label=M("AI credits used"), used=used, unit="credits",
                                   resets_at=reset))
    if not result.quotas:
        result.notes.append(M("GitHub reported no quota for this account"))
    return result


def _usage_items(payload, what):
    items = _obj(payload, what).get("usageItems")
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _period(payload):
    """(label, Unix time the period ends) of a billing answer's timePeriod."""
    period = payload.get("timePeriod") if isinstance(payload, dict) else None
    year = _num(period.get("year")) if isinstance(period, dict) else None
    month = _num(period.get("month")) if isinstance(period, dict) else None
    if year is None or not 1970 <= year <= 9999:
        return None, None
    if month is None or not 1 <= month <= 12:
        return "%d" % year, month_start(int(year) + 1, 1)
    return "%d-%02d" % (year, month), month_start(int(year), int(month) + 1)


def parse_copilot_premium(payload, tier):
    """Premium requests from the billing API, or None when it reports none.
    The allowance is GitHub's when an item carries it, else the tier table's."""
    items = [i for i in _usage_items(payload, "billing usage")
             if PREMIUM_SKU in str(i.get("sku", "")).lower()]
    if not items:
        return None
    used = sum(_num(i.get("grossQuantity")) or 0 for i in items)
    limits = [_num(i.get("limit")) for i in items if _num(i.get("limit"))]
    limit = max(limits) if limits else COPILOT_TIERS.get(tier)
    label, end = _period(payload)
    result = Result(provider="copilot", plan=tier)
    result.quotas.append(Quota(
        id="premium_requests", label=M("Premium requests"), used=used, limit=limit, unit="requests",
        remaining_percent=(limit - used) / limit * 100 if limit else None,
        resets_at=end, estimate=bool(limit) and not limits))
    if not limit:
        result.notes.append(M("No known monthly allowance for tier {tier}", tier=tier))
    by_model = {}
    for item in items:
        model = _str(item.get("model")) or "?"
        by_model[model] = by_model.get(model, 0) + (_num(item.get("grossQuantity")) or 0)
    top = sorted(by_model.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    if top:
        result.notes.append(M("Top models: {models}", models=", ".join(
            "%s %s" % (m, _seconds(n)) for m, n in top)))
    if label:
        result.notes.append(M("Period: {period}", period=label))
    return result


def parse_copilot_credits(payload, tier):
    """AI credits (billed since 2026-06): GitHub reports usage, not what is left."""
    items = _usage_items(payload, "credit usage")
    used = sum(_num(i.get("grossQuantity")) or 0 for i in items)
    label, end = _period(payload)
    result = Result(provider="copilot", plan=tier)
    result.quotas.append(Quota(id="ai_credits", label=M("AI credits used"), used=used, unit="credits",
                               resets_at=end))
    if label:
        result.notes.append(M("Period: {period}", period=label))
    return result


def _github_base(ctx, enterprise):
    """The API base: the override if set, else api.<domain> for GitHub Enterprise."""
    if enterprise and "MYSTATUS_GITHUB_API_URL" not in ctx.overridden:
        domain = re.sub(r"^[a-z]+://", "", enterprise.strip(), flags=re.I).split("/")[0]
        return "https://api." + domain
    return ctx.urls["MYSTATUS_GITHUB_API_URL"].rstrip("/")


def _copilot_billing(pat, ctx):
    from urllib.parse import quote

    base = "%s/users/%s/settings/billing/" % (_github_base(ctx, None), quote(pat["username"], safe=""))
    headers = {"Accept": "application/vnd.github+json", "Authorization": "Bearer " + pat["token"],
               "X-GitHub-Api-Version": "2022-11-28", "User-Agent": USER_AGENT}

    def ask(path, version):
        try:
            return http_json(base + path, ctx, dict(headers, **{"X-GitHub-Api-Version": version}))
        except MystatusError as exc:
            if exc.status == 404:
                return None
            if exc.status in (401, 403):
                raise MystatusError(M("{error}; the token needs the account permission \"Plan: Read-only\"",
                                      error=exc.msg), exc.status) from None
            raise

    premium = ask("premium_request/usage", "2022-11-28")
    result = parse_copilot_premium(premium, pat["tier"]) if premium is not None else None
    if result is None:  # 404, or no premium requests: the plan may bill AI credits
        credits = ask("ai_credit/usage", "2026-03-10")
        if credits is not None and _usage_items(credits, "credit usage"):
            result = parse_copilot_credits(credits, pat["tier"])
        elif premium is not None:
            result = parse_copilot_premium({"timePeriod": premium.get("timePeriod") if isinstance(premium, dict)
                                            else None, "usageItems": [{"sku": PREMIUM_SKU, "grossQuantity": 0}]},
                                           pat["tier"])
        elif credits is not None:
            result = parse_copilot_credits(credits, pat["tier"])
        else:
            raise MystatusError(M("billing API: HTTP 404 for user {user}", user=pat["username"]), 404)
    result.account = pat["username"]
    return result


def _copilot_oauth(oauth, ctx):
    """copilot_internal/user with OpenCode's GitHub sign-in, tried three ways:
    the cached Copilot session, the OAuth token itself, a fresh session."""
    base = _github_base(ctx, oauth.get("enterprise"))
    refresh, access, expires = oauth["refresh"], oauth.get("access"), oauth.get("expires")
    tries = []
    if access and access != refresh and expires is not None and expires / 1000 > ctx.now:
        tries.append("Bearer " + access)
    tries += ["token " + refresh, None]
    refused = None
    for authorization in tries:
        try:
            if authorization is None:  # exchange the OAuth token for a session
                session = _obj(http_json(base + "/copilot_internal/v2/token", ctx,
                                         dict(COPILOT_HEADERS, Authorization="Bearer " + refresh)), "token answer")
                token = _str(session.get("token"))
                if not token:
                    raise MystatusError(M("unexpected answer: {what} is missing", what="token"))
                ctx.secrets.add(token)
                authorization = "Bearer " + token
            user = http_json(base + "/copilot_internal/user", ctx, dict(COPILOT_HEADERS, Authorization=authorization))
            return parse_copilot_user(user)
        except MystatusError as exc:
            if exc.status not in (401, 403, 404):
                raise
            refused = exc
    raise MystatusError(M("OpenCode's GitHub sign-in has no access to the Copilot quota ({error})",
                          error=refused.msg), refused.status, notes=pat_steps(oauth["pat_file"]))


def pat_steps(path):
    """How to set up the fine-grained token route, `tier` included."""
    return [
        M("To see the Copilot quota, set up a fine-grained token:"),
        M("1. Create one at https://github.com/settings/tokens?type=beta with the account permission "
          "\"Plan: Read-only\"."),
        M("2. Save it in {file} as {example}", file=path,
          example='{"token": "github_pat_...", "username": "<login>", "tier": "pro"}'),
        M("3. tier is your plan: {tiers}.", tiers=", ".join(COPILOT_TIERS)),
    ]


def fetch_copilot(cred, ctx):
    if cred["pat"]:
        return _copilot_billing(cred["pat"], ctx)
    return _copilot_oauth(dict(cred["oauth"], pat_file=cred["pat_file"]), ctx)


# Collection ###################################################################


class Platform(_Record):
    FIELDS = {"id": "", "title": "", "fetch": None, "sources": ()}


# The one table of platforms: id, name in the report, how to query one account,
# and which credential files it reads (for the "nothing configured" message).
PLATFORMS = (
    Platform(id="openai", title="OpenAI", fetch=fetch_openai, sources=("auth",)),
    Platform(id="zhipuai", title="Zhipu AI", fetch=fetch_zhipu, sources=("auth",)),
    Platform(id="zai", title="Z.ai", fetch=fetch_zhipu, sources=("auth",)),
    Platform(id="google", title="Google Antigravity", fetch=fetch_google, sources=("antigravity",)),
    Platform(id="copilot", title="GitHub Copilot", fetch=fetch_copilot, sources=("auth", "copilot_token")),
)
PLATFORM = {p.id: p for p in PLATFORMS}
PROVIDERS = tuple(PLATFORM)  # report order, and the ids of --only and of the JSON output


def _scrubbed(msg, secrets):
    """A Msg whose text arguments repeat none of the secrets (nor token shapes)."""
    if not isinstance(msg, Msg):
        return scrub(msg, secrets) if isinstance(msg, str) else msg
    return M(msg.text, **{k: _scrubbed(v, secrets) for k, v in msg.args.items()})


def _run_one(cred, ctx):
    """One account's Result; every failure becomes that account's error line,
    scrubbed here of every credential the run holds, whichever parser made it."""
    platform = PLATFORM[cred["provider"]]
    try:
        result = platform.fetch(cred, ctx)
    except MystatusError as exc:
        result = Result(provider=platform.id, error=_scrubbed(exc.msg, list(ctx.secrets)), notes=exc.notes)
    except Exception as exc:  # a bug of ours: one line, no traceback, others still shown
        result = Result(provider=platform.id, error=M("internal error ({kind})", kind=type(exc).__name__))
    result.provider = platform.id
    result.account = result.account or cred.get("account")
    return result


def collect(creds, ctx):
    """Query every account at once; results in report order, whatever finishes first.
    Requests end by their own deadline; the wait here is only a backstop."""
    jobs = [item for provider in PROVIDERS for item in creds.get(provider, ())]
    pending = [i for i, item in enumerate(jobs) if isinstance(item, dict)]
    results = list(jobs)
    if pending:
        from concurrent.futures import ThreadPoolExecutor, wait

        pool = ThreadPoolExecutor(max_workers=min(64, len(pending)))
        futures = {pool.submit(_run_one, jobs[i], ctx): i for i in pending}
        _done, late = wait(futures, timeout=MAX_CHAIN * ctx.timeout + 2)
        pool.shutdown(wait=not late)  # never wait on a worker that overran
        for future, i in futures.items():
            if future.done():
                results[i] = future.result()
            else:
                results[i] = Result(provider=jobs[i]["provider"], account=jobs[i].get("account"),
                                    error=M("no answer within {seconds} s", seconds=_seconds(MAX_CHAIN * ctx.timeout)))
    return results


def build_report(paths, env, wanted, timeout, now):
    """Read the credentials, ask the platforms, return (Report, secrets)."""
    creds, failures, notes, secrets = load_credentials(paths, env, wanted)
    overridden = tuple(name for name in DEFAULT_URLS if env.get(name))
    urls = {name: env.get(name) or url for name, url in DEFAULT_URLS.items()}
    ctx = Context(urls=urls, overridden=overridden, timeout=timeout, now=now, secrets=secrets)
    return Report(results=collect(creds, ctx), failures=failures, notes=notes), secrets


# Rendering ####################################################################


def translate(msg, catalog):
    """A Msg (or plain value) as text in the catalog's language; English when
    the catalog lacks it.  Arguments that are Msgs are translated too."""
    if not isinstance(msg, Msg):
        return "" if msg is None else str(msg)
    args = {k: translate(v, catalog) if isinstance(v, Msg) else v for k, v in msg.args.items()}
    for template in (catalog.get(msg.text, msg.text), msg.text):
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            continue
    return msg.text


def duration(seconds):
    """A countdown as a Msg: '2d 9h', '2h 30m', '4h', '45m'."""
    minutes = max(0, int(seconds // 60))
    days, hours, mins = minutes // 1440, minutes // 60 % 24, minutes % 60
    if days:
        return M("{d}d {h}h", d=days, h=hours)
    if hours and mins:
        return M("{h}h {m}m", h=hours, m=mins)
    if hours:
        return M("{h}h", h=hours)
    return M("{m}m", m=mins)


def percent(value):
    """85 -> '85', 99.56 -> '99.6'; the number kept honest even past 0..100."""
    return "%d" % round(value) if abs(value - round(value)) < 0.05 else "%.1f" % value


def bar(remaining, width, ascii_only):
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    filled = round(min(max(remaining, 0), 100) / 100 * width)
    return full * filled + empty * (width - filled)


def amount(value, unit):
    if unit == "tokens":
        return "%.1fM" % (value / 1e6)
    return "%d" % value if float(value).is_integer() else "%.2f" % value


def is_reached(quota):
    return quota.limit_reached or (quota.remaining_percent is not None and quota.remaining_percent <= 0)


def is_high(quota, threshold):
    """Used at or above the threshold (percent used)."""
    return quota.remaining_percent is not None and 100 - quota.remaining_percent >= threshold


def needs_attention(report, threshold):
    """True when any answered quota is at or above the threshold, or reached."""
    return any(is_reached(q) or is_high(q, threshold)
               for r in report.results if r.error is None for q in r.quotas)


def _warning(quota, threshold, ascii_only):
    if is_reached(quota):
        return M("{mark} Limit reached", mark="x" if ascii_only else "✖")
    if is_high(quota, threshold):
        return M("{mark} High usage: {used}% used", mark="!" if ascii_only else "⚠",
                 used=percent(100 - quota.remaining_percent))
    return None


def _quota_lines(quota, now, threshold, ascii_only, width):
    """The lines of one quota: label, bar with remaining %, used/limit, reset."""
    lines = [quota.label]
    if quota.unlimited:
        lines.append(M("Unlimited"))
    elif quota.remaining_percent is not None:
        lines.append(M("{bar} {percent}% remaining", bar=bar(quota.remaining_percent, width, ascii_only),
                       percent=percent(quota.remaining_percent)))
    if quota.used is not None and quota.limit is not None:
        used, limit = amount(quota.used, quota.unit), amount(quota.limit, quota.unit)
        lines.append(M("Used: {used} / {limit} (estimate)", used=used, limit=limit) if quota.estimate
                     else M("Used: {used} / {limit}", used=used, limit=limit))
    elif quota.used is not None:
        lines.append(M("Used: {used}", used=amount(quota.used, quota.unit)))
    if quota.overage:
        lines.append(M("Over the allowance by {count}", count=amount(quota.overage, None)))
    if quota.resets_at is not None:
        lines.append(_reset(quota.resets_at, now))
    warning = _warning(quota, threshold, ascii_only)
    if warning:
        lines.append(warning)
    return lines


def _reset(at, now):
    left = at - now
    if left <= 0:
        return M("Resets: now")
    if left >= 86400:
        return M("Resets in: {time} ({date})", time=duration(left), date=time.strftime("%Y-%m-%d", time.gmtime(at)))
    return M("Resets in: {time}", time=duration(left))


def _compact_lines(result, now, threshold, ascii_only, tr):
    """Google: one line a model, name, time to reset, bar and remaining %."""
    names = [tr(q.label) for q in result.quotas]
    lefts = [tr(duration(q.resets_at - now)) if q.resets_at is not None else "-" for q in result.quotas]
    name_width = max([_width(n) for n in names] + [8])
    left_width = max(_width(left) for left in lefts) if lefts else 0
    lines = []
    for name, left, quota in zip(names, lefts, result.quotas):
        remaining = quota.remaining_percent
        line = "%s%s %s%s %s %4s%%" % (name, " " * (name_width - _width(name)), " " * (left_width - _width(left)),
                                       left, bar(remaining or 0, 20, ascii_only),
                                       "-" if remaining is None else percent(remaining))
        warning = _warning(quota, threshold, ascii_only)
        lines.append(line + ("  " + tr(warning) if warning else ""))
    return lines


def _width(text):
    """Terminal columns of a text: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_text(report, *, now, catalog=None, threshold=80.0, ascii_only=False, paths=None):
    """The report as text: a section per platform in fixed order, then the failures."""
    catalog = catalog or {}

    def tr(msg):
        return translate(msg, catalog)

    notes = [tr(M("Note: {note}", note=note)) for note in report.notes]
    if not report.results and not report.failures:
        return _nothing_configured(tr, paths) + "".join(line + "\n" for line in notes)
    out = []
    for platform in PLATFORMS:
        answered = [r for r in report.results if r.provider == platform.id and r.error is None]
        if not answered:
            continue
        out += ["## " + tr(M("{platform} account quota", platform=platform.title)), ""]
        for result in answered:
            who = tr(result.account) if result.account else platform.title
            if platform.id == "google":
                out.append("### " + who)
                out += _compact_lines(result, now, threshold, ascii_only, tr)
            else:
                plan = " (%s)" % result.plan if result.plan else ""
                out.append(tr(M("Account: {account}", account=who + plan)))
                for quota in result.quotas:
                    out += [""] + [tr(line) for line in _quota_lines(quota, now, threshold, ascii_only, 30)]
            out += [""] + [tr(note) for note in result.notes] + ([""] if result.notes else [])
        if out[-1] != "":
            out.append("")
    failed = [r for r in report.results if r.error is not None]
    if failed or report.failures:
        out.append(tr(M("Failed to query accounts:")))
        for result in failed:
            name = PLATFORM[result.provider].title
            if result.account:
                name += " (%s)" % tr(result.account)
            out.append("- %s: %s" % (name, tr(result.error)))
            out += ["  " + tr(note) for note in result.notes]
        for source, error in report.failures:
            text = tr(error)
            out.append("- " + (text if text.startswith(source) else "%s: %s" % (source, text)))
        out.append("")
    out += notes
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _nothing_configured(tr, paths):
    show = paths.show if paths else (lambda p: p)
    where = {"auth": show(paths.auth) + " / opencode.db" if paths else "auth.json",
             "antigravity": show(paths.antigravity) if paths else "antigravity-accounts.json",
             "copilot_token": show(paths.copilot_token) if paths else "copilot-quota-token.json"}
    lines = [tr(M("No AI coding subscription is configured. mystatus reads:"))]
    for platform in PLATFORMS:
        lines.append("  %-19s %s" % (platform.title, ", ".join(where[s] for s in platform.sources)))
    lines.append(tr(M("Sign in to a platform in OpenCode (or its plugin), then run mystatus again.")))
    return "\n".join(lines) + "\n"


def _iso(at):
    return None if at is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def render_json(report, *, now, ascii_only=False):
    """The report as one JSON document (schema 1), the same in every language."""
    import json

    def tr(msg):
        return translate(msg, {})

    providers = []
    for result in report.results:
        providers.append({
            "provider": result.provider,
            "account": tr(result.account) if result.account else None,
            "plan": result.plan,
            "ok": result.error is None,
            "error": tr(result.error) if result.error is not None else None,
            "quotas": [{
                "id": q.id, "label": tr(q.label), "remaining_percent": q.remaining_percent,
                "used": q.used, "limit": q.limit, "unit": q.unit, "window_seconds": q.window_seconds,
                "resets_at": _iso(q.resets_at), "limit_reached": is_reached(q), "unlimited": q.unlimited,
                "estimate": q.estimate, "overage": q.overage,
            } for q in result.quotas],
            "notes": [tr(n) for n in result.notes],
        })
    document = {
        "schema": 1,
        "generated_at": _iso(now),
        "providers": providers,
        "errors": [{"source": source, "error": tr(error)} for source, error in report.failures],
        "notes": [tr(n) for n in report.notes],
    }
    return json.dumps(document, ensure_ascii=ascii_only, indent=2) + "\n"


# Command line #################################################################

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_THRESHOLD = 0, 1, 2, 3
LANGUAGES = ("auto", "en", "zh", "zh-Hans", "zh-Hant")


def locale_setting(env):
    """The first locale the environment names, in the order gettext reads them."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return value.split(":")[0]
    return ""


def load_catalog(lang, env):
    """(language, catalog) for --lang and the locale; ("en", {}) when English is
    chosen or i18n.py is not beside this file.  The catalog is loaded from the
    file next to this one by path, so another module named i18n never stands in.
    Inside mystatus.pyz the path is built from the zip importer's own archive
    path: __file__ there may be relative ("./mystatus.pyz/mystatus.py"), and
    the importer knows its members only under the archive path it was given."""
    import zipimport  # already loaded: part of the import system

    wanted = locale_setting(env) if lang == "auto" else lang
    if not wanted.lower().startswith("zh"):
        return "en", {}
    loader = globals().get("__loader__")
    if isinstance(loader, zipimport.zipimporter):
        path = os.path.join(loader.archive, loader.prefix + "i18n.py")
    else:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "i18n.py")
    try:
        source = loader.get_data(path)  # a plain file, or a member of mystatus.pyz
    except (OSError, AttributeError):
        return "en", {}
    namespace = {"__name__": "mystatus_i18n", "__file__": path}
    exec(compile(source, path, "exec"), namespace)
    return namespace["choose"](wanted)


def _parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="mystatus",
        description="Show how much of your AI coding subscriptions is left: OpenAI, Zhipu AI, Z.ai, "
                    "Google Antigravity and GitHub Copilot, from the credentials OpenCode keeps.",
        epilog="exit status: 0 every configured platform answered and no quota is at or above the "
               "threshold; 1 a platform or credential file failed; 2 usage error; 3 every platform "
               "answered but some quota is at or above the threshold.")
    parser.add_argument("--lang", choices=LANGUAGES, default="auto",
                        help="language of the report (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)")
    parser.add_argument("--timeout", type=_number(0, 3600, False), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="longest any one request may take, connect to last byte (default: 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the report")
    parser.add_argument("--threshold", type=_number(0, 100, True), default=80.0, metavar="PERCENT",
                        help="percent used at which a quota counts as high (default: 80)")
    parser.add_argument("--alert-only", action="store_true",
                        help="print nothing when everything answered and nothing is at or above the threshold")
    parser.add_argument("--only", type=_providers, metavar="LIST",
                        help="comma-separated platforms to query: " + ",".join(PROVIDERS))
    parser.add_argument("--ascii", action="store_true", help="plain ASCII bars and marks")
    parser.add_argument("--version", action="version", version="mystatus " + __version__)
    return parser


def _number(low, high, zero_ok):
    """An argparse type: a number from `low` (excluded unless zero_ok) to `high`."""
    import argparse

    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError("not a number: %r" % text) from None
        if not (low <= value if zero_ok else low < value) or not value <= high:  # NaN fails both
            raise argparse.ArgumentTypeError(("must be from %g to %g" if zero_ok else
                                              "must be more than %g and at most %g") % (low, high))
        return value

    return parse


def _providers(text):
    import argparse

    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PROVIDERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError("unknown platform(s) %s; choose from %s"
                                         % (",".join(unknown) or "(none)", ",".join(PROVIDERS)))
    return set(names)


def _can_encode(stream, text):
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def main(argv=None):
    """Run mystatus; return the exit status.  Writes the report or the JSON to
    stdout: the only function that prints it (run() has a line for stderr)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # answered without argparse: scripts ask this, and start-up counts
        sys.stdout.write("mystatus %s\n" % __version__)
        return EXIT_OK
    args = _parser().parse_args(argv)
    env = os.environ
    now = time.time()
    out = sys.stdout
    ascii_only = args.ascii or not _can_encode(out, "█░✖⚠")
    catalog = load_catalog(args.lang, env)[1]
    if catalog and not _can_encode(out, "".join(catalog.values())):
        catalog = {}  # a terminal that cannot show Chinese gets English
    paths = Paths.from_env(env)
    report, secrets = build_report(paths, env, args.only or set(PROVIDERS), args.timeout, now)

    failed = bool(report.failures) or any(r.error is not None for r in report.results)
    high = needs_attention(report, args.threshold)
    status = EXIT_FAILED if failed else EXIT_THRESHOLD if high else EXIT_OK
    if args.alert_only and status == EXIT_OK:
        return status
    if args.json:
        text = render_json(report, now=now, ascii_only=not _can_encode(out, "é中"))
    else:
        text = render_text(report, now=now, catalog=catalog, threshold=args.threshold,
                           ascii_only=ascii_only, paths=paths)
    # Last line of defence: no credential leaves the process, not even one a
    # server echoed into an answer we show (a plan name, a model name).
    text = hide_secrets(text, secrets)
    if not _can_encode(out, text):  # an e-mail or a server's words the terminal cannot show
        encoding = getattr(out, "encoding", None) or "ascii"
        text = text.encode(encoding, "replace").decode(encoding)
    out.write(text)
    out.flush()
    return status


def run():
    """Entry point of the command, `python -m mystatus` and mystatus.pyz: main()
    with Unix manners, and it exits (zipapp's __main__ ignores a return value).
    A closed pipe ends quietly; Ctrl-C ends with 130; neither shows a traceback.
    A worker thread still blocked (a name lookup is the one wait no deadline
    reaches) must not hold the exit: the process then leaves with os._exit once
    its output is flushed."""
    import threading

    try:
        status = main()
    except KeyboardInterrupt:
        sys.stderr.write("mystatus: interrupted\n")
        status = 130
    except BrokenPipeError:
        status = 141
        try:  # Python would complain again when it flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    except Exception as exc:  # a bug of ours outside any platform: one line, never a traceback
        sys.stderr.write("mystatus: internal error (%s); please report it\n" % type(exc).__name__)
        status = EXIT_FAILED
    if any(t.is_alive() for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon) \
            or status in (130, 141):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    run()
