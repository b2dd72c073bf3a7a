"""What a person's token page shows."""

from dataclasses import dataclass

from django.utils import timezone

from nearpeer.accounts.models import ApiToken
from nearpeer.accounts.services import second_step_facts
from nearpeer.tenancy import zones


@dataclass
class TokenRow:
    token: ApiToken
    state: str  # works, revoked, expired, unconfirmed, stale


def token_page_for(user) -> dict:
    """The person's own tokens, each with the state it is in, and the zone to show times in."""
    now = timezone.now()
    needs, enrolled_at = second_step_facts(user)
    rows = []
    for token in ApiToken.objects.filter(user=user):
        if not token.is_active:
            state = "revoked"
        elif token.is_expired(now):
            state = "expired"
        else:
            state = token.second_step_state(needs_second_step=needs, enrolled_at=enrolled_at)
            state = "works" if state == "ok" else state
        rows.append(TokenRow(token=token, state=state))
    return {
        "tokens": rows,
        "time_zone": zones.zone_name_for(user),
        "needs_second_step": needs,
        "has_authenticator": enrolled_at is not None,
    }
