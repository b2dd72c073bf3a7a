"""The sessions part of /api/v1/: series, meetings and staffing (`meetings`), attendance,
check-in, feedback summaries and calendar links (`attendance`). Mounted by `nearpeer.api.api`."""

from nearpeer.meetings.api.attendance import router as attendance_router
from nearpeer.meetings.api.meetings import router

__all__ = ["attendance_router", "router"]
