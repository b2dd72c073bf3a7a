"""Writes for the curriculum, one workflow per thing a person does, each checking the policy itself
so a page, the API and a task get the same answer: core plans (`session_plans`), programs' own
copies (`program_plans`) and proposals (`proposals`), all sharing what a plan's content is
(`content`)."""

from nearpeer.curriculum.services.content import (
    CONTENT_FIELDS,
    plan_content,
    plan_validate_outline,
)
from nearpeer.curriculum.services.program_plans import (
    program_plan_customize,
    program_plan_take_newer_core,
    program_plan_update,
)
from nearpeer.curriculum.services.proposals import (
    proposal_resubmit,
    proposal_review,
    proposal_submit,
)
from nearpeer.curriculum.services.session_plans import (
    core_curriculum_install,
    latest_core_version,
    session_plan_publish,
)

__all__ = [
    "CONTENT_FIELDS",
    "core_curriculum_install",
    "latest_core_version",
    "plan_content",
    "plan_validate_outline",
    "program_plan_customize",
    "program_plan_take_newer_core",
    "program_plan_update",
    "proposal_resubmit",
    "proposal_review",
    "proposal_submit",
    "session_plan_publish",
]
