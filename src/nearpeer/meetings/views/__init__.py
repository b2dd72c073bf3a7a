"""Pages of sessions: `season` (program staff), `meetings` (one session, facilitators, RSVPs,
availability) and `attendance` (attendance, check-in, feedback and calendar links)."""
