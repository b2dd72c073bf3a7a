"""Plain words for the access log: what each kind of entry means to the well-being office.

The log stores short technical names (``support_request_messages``, ``read``); people read
"Read a support conversation". An entry whose kind is not listed here still reads sensibly.
"""

from nearpeer.audit.models import AccessLog

# Each kind of record, as a noun for a sentence ("Read a support conversation") and as a name for
# the filter ("Support conversations").
KINDS: dict[str, tuple[str, str]] = {
    "membership": ("a role", "Roles"),
    "invitation": ("an invitation", "Invitations"),
    "roster": ("a roster", "Rosters"),
    "support_line": ("a support line", "Support lines"),
    "support_request": ("a support request", "Support requests"),
    "support_request_messages": ("a support conversation", "Support conversations"),
    "support_contact_notes": ("a contact record", "Contact records"),
    "support_referral": ("a referral", "Referrals"),
    "support_risk_change": ("a risk change", "Risk changes"),
    "support_purge": ("old support-line records", "Removal of old support-line records"),
    "access_log": ("the access log", "The access log"),
}

VERBS = {
    AccessLog.Action.READ: "Read",
    AccessLog.Action.CREATE: "Created",
    AccessLog.Action.CHANGE: "Changed",
    AccessLog.Action.END: "Ended",
    AccessLog.Action.IMPORT: "Imported",
    AccessLog.Action.EXPORT: "Exported",
}

# Where "verb + noun" would read oddly.
SENTENCES = {
    ("membership", AccessLog.Action.CREATE): "Gave a role",
    ("access_log", AccessLog.Action.READ): "Viewed the access log",
    ("support_purge", AccessLog.Action.CHANGE): "Removed old support-line records",
    ("invitation", AccessLog.Action.CREATE): "Sent an invitation",
    ("invitation", AccessLog.Action.END): "Withdrew an invitation",
}


def entry_label(record_type: str, action: str) -> str:
    """What happened, in a short sentence: "Read a support conversation"."""
    if (record_type, action) in SENTENCES:
        return SENTENCES[(record_type, action)]
    noun = KINDS[record_type][0] if record_type in KINDS else _words(record_type)
    verb = VERBS.get(action, _words(action).capitalize())
    return f"{verb} {noun}"


def kind_choices() -> list[tuple[str, str]]:
    """Kinds of record to filter the log by, by name."""
    return sorted(((kind, name) for kind, (_, name) in KINDS.items()), key=lambda c: c[1])


def _words(name: str) -> str:
    return name.replace("_", " ").strip() or "a record"
