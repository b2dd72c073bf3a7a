"""Pages for the core curriculum, programs' own plans and proposals of new plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.curriculum import access, forms, selectors, services
from nearpeer.curriculum.models import Proposal, Technique
from nearpeer.forms import form_submit
from nearpeer.once import submit_once
from nearpeer.tenancy import policy
from nearpeer.tenancy import selectors as tenancy_selectors
from nearpeer.tenancy.models import Program


def _content(form) -> dict:
    return {k: form.cleaned_data[k] for k in services.CONTENT_FIELDS}


# --- Core curriculum ---------------------------------------------------------------------------


@login_required
def core_plan_list(request):
    technique = request.GET.get("technique") if request.GET.get("technique") in Technique else None
    audience = request.GET.get("audience") if request.GET.get("audience") in Program.Kind else None
    context = {
        "plans": selectors.core_plans_visible(request.user, technique=technique, audience=audience),
        "programs": selectors.programs_for_plans(request.user),
        "can_publish": policy.administered_institutions(request.user).exists(),
        "techniques": Technique.choices,
        "kinds": Program.Kind.choices,
        "technique": technique,
        "audience": audience,
    }
    return render(request, "curriculum/core_plan_list.html", context)


@login_required
def core_plan_detail(request, plan_id: int):
    plan = selectors.core_plan_for_user(request.user, plan_id)
    history = list(selectors.core_plan_history(request.user, plan))
    context = {
        "plan": plan,
        "history": history,
        "is_latest": history[0].pk == plan.pk,
        "can_publish": policy.can_administer_institution(request.user, plan.institution),
        "can_customize": policy.programs_managed(request.user)
        .filter(institution_id=plan.institution_id)
        .exists(),
    }
    return render(request, "curriculum/core_plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def core_plan_new(request):
    institutions = policy.administered_institutions(request.user)
    if not institutions.exists():
        raise PermissionDenied("Only the well-being office can add core plans.")
    form = forms.PublishForm(request.POST or None, institutions=institutions)
    if saved := form_submit(
        request,
        form,
        lambda data: services.session_plan_publish(
            by=request.user, institution=data["institution"], **_content(form)
        ),
    ):
        messages.success(request, f"“{saved.value.title}” was added to the core curriculum.")
        return redirect("curriculum:core_plan_detail", saved.value.pk)
    context = {"form": form, "title": "Add a core plan"}
    return render(request, "curriculum/plan_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def core_plan_publish(request, plan_id: int):
    plan = selectors.core_plan_for_user(request.user, plan_id)
    if not policy.can_administer_institution(request.user, plan.institution):
        raise PermissionDenied("Only the well-being office can publish new versions.")
    initial = forms.PlanContentForm.initial_from(services.latest_core_version(plan))
    form = forms.PlanContentForm(request.POST or None, initial=initial)
    if saved := form_submit(
        request,
        form,
        lambda _: services.session_plan_publish(
            by=request.user, institution=plan.institution, key=plan.key, **_content(form)
        ),
    ):
        messages.success(
            request,
            f"Version {saved.value.version} was published. Programs' own copies stay as they are "
            "until their staff choose to take it.",
        )
        return redirect("curriculum:core_plan_detail", saved.value.pk)
    context = {"form": form, "title": f"Publish a new version of “{plan.title}”", "plan": plan}
    return render(request, "curriculum/plan_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def core_plan_customize(request, plan_id: int):
    plan = selectors.core_plan_for_user(request.user, plan_id)
    programs = policy.programs_managed(request.user).filter(institution_id=plan.institution_id)
    if not programs.exists():
        raise PermissionDenied("Only program staff can make a program's own copy of a plan.")
    form = forms.ProgramChoiceForm(request.POST or None, programs=programs.order_by("name"))
    if saved := form_submit(
        request,
        form,
        lambda data: services.program_plan_customize(
            by=request.user, program=data["program"], session_plan=plan
        ),
    ):
        copy = saved.value
        messages.success(request, f"{copy.program.name} now has its own copy. Make it yours.")
        return redirect("curriculum:program_plan_edit", copy.pk)
    return render(request, "curriculum/customize.html", {"form": form, "plan": plan})


# --- Programs' own plans -----------------------------------------------------------------------


@login_required
def program_plan_list(request, program_id: int):
    program = tenancy_selectors.program_for_user(request.user, program_id)
    context = {
        "program": program,
        "plans": selectors.program_plans_visible(request.user, program=program),
        "can_manage": policy.can_manage_program(request.user, program),
    }
    return render(request, "curriculum/program_plan_list.html", context)


@login_required
def program_plan_detail(request, plan_id: int):
    plan = selectors.program_plan_for_user(request.user, plan_id)
    context = {
        "plan": plan,
        "can_manage": policy.can_manage_program(request.user, plan.program),
    }
    return render(request, "curriculum/program_plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_plan_edit(request, plan_id: int):
    plan = selectors.program_plan_managed_by_user(request.user, plan_id)
    form = forms.PlanContentForm(
        request.POST or None, initial=forms.PlanContentForm.initial_from(plan)
    )
    if form_submit(
        request,
        form,
        lambda _: services.program_plan_update(by=request.user, plan=plan, **_content(form)),
    ):
        messages.success(request, "Your changes were saved.")
        return redirect("curriculum:program_plan_detail", plan.pk)
    context = {"form": form, "title": f"Edit {plan.program.name}'s “{plan.title}”", "plan": plan}
    return render(request, "curriculum/plan_form.html", context)


@login_required
def program_plan_diff(request, plan_id: int):
    plan = selectors.program_plan_for_user(request.user, plan_id)
    context = {"plan": plan, **selectors.program_plan_diffs(plan)}
    return render(request, "curriculum/program_plan_diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_plan_take_newer(request, plan_id: int):
    plan = selectors.program_plan_managed_by_user(request.user, plan_id)
    if request.method == "POST":
        try:
            services.program_plan_take_newer_core(by=request.user, plan=plan)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"“{plan.title}” now follows core version {plan.based_on.version}."
            )
        return redirect("curriculum:program_plan_detail", plan.pk)
    context = {"plan": plan, **selectors.program_plan_diffs(plan)}
    return render(request, "curriculum/take_newer.html", context)


# --- Proposals ---------------------------------------------------------------------------------


@login_required
def proposal_list(request):
    status = request.GET.get("status") if request.GET.get("status") in Proposal.Status else None
    context = {
        "proposals": selectors.proposals_visible(request.user, status=status),
        "can_propose": access.programs_proposing(request.user).exists(),
        "statuses": Proposal.Status.choices,
        "status": status,
    }
    return render(request, "curriculum/proposal_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def proposal_new(request):
    programs = access.programs_proposing(request.user).order_by("name")
    if not programs.exists():
        raise PermissionDenied(
            "Peer facilitators, wellness advisors and program staff can propose plans."
        )
    form = forms.ProposalForm(request.POST or None, programs=programs)
    if saved := form_submit(
        request,
        form,
        lambda data: services.proposal_submit(
            by=request.user, program=data["program"], **_content(form)
        ),
    ):
        messages.success(request, "Thank you. The well-being office will review your proposal.")
        return redirect("curriculum:proposal_detail", saved.value.pk)
    return render(
        request, "curriculum/plan_form.html", {"form": form, "title": "Propose a session plan"}
    )


@login_required
def proposal_detail(request, proposal_id: int):
    proposal = selectors.proposal_for_user(request.user, proposal_id)
    can_review = policy.can_administer_institution(request.user, proposal.institution)
    context = {
        "proposal": proposal,
        "reviews": proposal.reviews.select_related("reviewer"),
        "form": forms.ReviewForm()
        if can_review and proposal.status == Proposal.Status.SUBMITTED
        else None,
        "can_resubmit": proposal.proposed_by_id == request.user.pk
        and proposal.status == Proposal.Status.CHANGES_REQUESTED,
    }
    return render(request, "curriculum/proposal_detail.html", context)


@login_required
@require_POST
def proposal_review(request, proposal_id: int):
    proposal = selectors.proposal_for_user(request.user, proposal_id)
    form = forms.ReviewForm(request.POST)
    if saved := form_submit(
        request,
        form,
        lambda data: services.proposal_review(by=request.user, proposal=proposal, **data),
    ):
        proposal = saved.value
        messages.success(request, f"Your review was saved: {proposal.get_status_display()}.")
        return redirect("curriculum:proposal_detail", proposal.pk)
    context = {
        "proposal": proposal,
        "reviews": proposal.reviews.select_related("reviewer"),
        "form": form,
        "can_resubmit": False,
    }
    return render(request, "curriculum/proposal_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def proposal_resubmit(request, proposal_id: int):
    proposal = selectors.proposal_for_user(request.user, proposal_id)
    if proposal.proposed_by_id != request.user.pk:
        raise PermissionDenied("Only the person who proposed this plan can change it.")
    form = forms.PlanContentForm(
        request.POST or None, initial=forms.PlanContentForm.initial_from(proposal)
    )
    if form_submit(
        request,
        form,
        lambda _: services.proposal_resubmit(by=request.user, proposal=proposal, **_content(form)),
    ):
        messages.success(request, "Your proposal was sent for review again.")
        return redirect("curriculum:proposal_detail", proposal.pk)

    context = {"form": form, "title": f"Change and resend “{proposal.title}”", "proposal": proposal}
    return render(request, "curriculum/plan_form.html", context)
