"""nearpeer: peer-led well-being sessions, a peer-support line and reflection groups."""
