"""Who may do what: every role set and every rule about people, in one place.

Views ask these predicates before showing a page or a button, templates ask them
through the `may` template tag, and services ask them again before changing anything
(`require`), so a command, a background task or the API that calls a service cannot
skip a rule. Nothing outside this module compares roles.

An account may hold several roles (ADR 0003): each predicate is true when any of the
person's roles allows the act, so a member peer who sits on the board sees both what a
peer sees and what a board member sees, and nothing more.

This module sits at the bottom of the layers with `accounts.models`: it reads the
records it is given (an engagement's council, a report's status, a region's advisers)
through their attributes and never imports another app.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied

from peerwork.accounts.models import Role

# The association's own people: they run the programme and see council records.
STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER})
# Those who manage accounts, the catalogue of offers, the pool and programme records.
MANAGER_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_STAFF})
# Those who follow an engagement as a case: the association's staff and the council.
CASE_ROLES = STAFF_ROLES | {Role.COUNCIL_CONTACT}
# Those who open an engagement's documents and calendar files: the case, and its team.
TEAM_ROLES = CASE_ROLES | {Role.PEER}
# Those who read the programme's figures: the annual report and the quarterly return.
FIGURE_READERS = STAFF_ROLES | {Role.BOARD_MEMBER}
# Political party and diversity are special-category data (UK GDPR): only those who
# assemble teams and report on the pool's make-up see them. Principal advisers do not.
SPECIAL_CATEGORY_ROLES = MANAGER_ROLES

# The accounts that may be named a region's principal adviser.
ADVISER_CHOICES = {"role_grants__role": Role.PRINCIPAL_ADVISER}

# Report statuses and team-place statuses as the records hold them. They are read
# here as values so that this module needs no import from the apps above it.
_DRAFT = "draft"
_ACCEPTED = "accepted"


class Denied(PermissionDenied):
    """The person may not do this. A subclass of Django's, so views answer 403."""


class _Operator:
    """Whoever runs a management command on the server (the demo loader, a bulk import):
    they reach the database anyway, so the rules treat them as an administrator. It is
    never a signed-in person and is never stored as the author of a record."""

    is_authenticated = True
    is_active = True
    pk = None
    council_id = None
    roles = frozenset({Role.ADMINISTRATOR})

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def __str__(self) -> str:
        return "the operator"


OPERATOR = _Operator()


def require(allowed: bool) -> None:
    """Refuse, changing nothing, unless `allowed`."""
    if not allowed:
        raise Denied


def _holds(user, roles) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*roles)


# Who someone is -----------------------------------------------------------------------


def is_staff(user) -> bool:
    return _holds(user, STAFF_ROLES)


def is_manager(user) -> bool:
    return _holds(user, MANAGER_ROLES)


def is_administrator(user) -> bool:
    return _holds(user, {Role.ADMINISTRATOR})


def is_principal_adviser(user) -> bool:
    return _holds(user, {Role.PRINCIPAL_ADVISER})


def is_peer(user) -> bool:
    return _holds(user, {Role.PEER})


def is_board_member(user) -> bool:
    return _holds(user, {Role.BOARD_MEMBER})


def is_case_worker(user) -> bool:
    """Staff, or a council's contact: those who follow engagements."""
    return _holds(user, CASE_ROLES)


def own_council_id(user) -> int | None:
    """The council a council contact speaks for, or None."""
    if _holds(user, {Role.COUNCIL_CONTACT}):
        return user.council_id
    return None


def speaks_for(user, council_id) -> bool:
    return council_id is not None and own_council_id(user) == council_id


def may_see_special_category(user) -> bool:
    """Party and diversity data, on pages and in downloads."""
    return _holds(user, SPECIAL_CATEGORY_ROLES)


def may_read_figures(user) -> bool:
    return _holds(user, FIGURE_READERS)


def may_see_figure_records(user, *, special_category: bool) -> bool:
    """Following an annual-report figure to the records behind it: staff only, and the
    answers behind the diversity shares only for those who see special-category data."""
    if special_category:
        return may_see_special_category(user)
    return is_staff(user)


def may_read_audit_log(user) -> bool:
    """The audit log names who did and saw what: administrators only."""
    return is_administrator(user)


def may_trace_survey_answers(user) -> bool:
    """Who wrote a survey response: administrators alone."""
    return is_administrator(user)


# Accounts -----------------------------------------------------------------------------


def grantable_roles(actor) -> list[str]:
    """The roles `actor` may give: only an administrator makes administrators."""
    if not is_manager(actor):
        return []
    return [r for r in Role.values if r != Role.ADMINISTRATOR or is_administrator(actor)]


def may_edit_account(actor, account) -> bool:
    if not is_manager(actor):
        return False
    return is_administrator(actor) or Role.ADMINISTRATOR not in account.roles


def may_hold(roles, *, council, regions) -> dict[str, str]:
    """What is missing for an account to hold `roles`: a council contact names a
    council, a principal adviser at least one region. Keys are the fields."""
    missing = {}
    if Role.COUNCIL_CONTACT in roles and council is None:
        missing["council"] = "council"
    if Role.PRINCIPAL_ADVISER in roles and not regions:
        missing["regions"] = "regions"
    return missing


def keeps_council(roles) -> bool:
    return Role.COUNCIL_CONTACT in roles


def keeps_regions(roles) -> bool:
    return Role.PRINCIPAL_ADVISER in roles


# Signing in --------------------------------------------------------------------------


def may_lift_lockout(actor, account) -> bool:
    """Lifting the lock on someone's sign-in after too many failed attempts."""
    return is_administrator(actor)


def may_reset_two_factor(actor, account) -> bool:
    """Removing someone's two-factor sign-in (a lost phone): they set it up again."""
    return is_administrator(actor)


def two_factor_required(user) -> bool:
    """Whether this person must sign in with a second factor: the roles the setting
    PEERWORK_TWO_FACTOR_REQUIRED_FOR names (administrators and programme staff in
    production; none locally)."""
    roles = settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR
    return bool(roles) and _holds(user, roles)


def is_two_factor_verified(user) -> bool:
    """Signed in, in this session, with a code as well as a password (django-otp's
    middleware gives the request's user `is_verified`)."""
    verified = getattr(user, "is_verified", None)
    return bool(user is not None and user.is_authenticated and verified and verified())


def must_set_up_two_factor(user) -> bool:
    """Signed in with a password alone by someone who must use two factors: they reach
    nothing but the set-up page until they have signed in with a code
    (peerwork.accounts.middleware holds them there)."""
    return two_factor_required(user) and not is_two_factor_verified(user)


def may_change_own_two_factor(user, has_device: bool) -> bool:
    """Setting up two-factor sign-in, or making new recovery codes: the person
    themselves, and once it is set up only in a session signed in with a code."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return not has_device or is_two_factor_verified(user)


# Engagements --------------------------------------------------------------------------


def sees_every_engagement(user) -> bool:
    return is_staff(user)


def may_see_engagement(user, engagement) -> bool:
    return sees_every_engagement(user) or speaks_for(user, engagement.council_id)


def may_request_support(user, council=None) -> bool:
    """Staff ask on any council's behalf; a council contact for their own council."""
    if is_staff(user):
        return True
    return own_council_id(user) is not None and (council is None or speaks_for(user, council.pk))


def asks_for_own_council(user) -> bool:
    """A council contact's request form names their council; staff choose one."""
    return not is_staff(user) and own_council_id(user) is not None


def may_triage(user, engagement) -> bool:
    """Answering a request. A principal adviser answers requests from their own
    regions; programme staff and administrators may answer any (for example when an
    adviser is away)."""
    if is_manager(user):
        return True
    if not is_principal_adviser(user):
        return False
    region = engagement.council.region
    return region is not None and region.principal_advisers.filter(pk=user.pk).exists()


def sees_adviser_queue(user) -> bool:
    return is_principal_adviser(user)


def may_move_engagement(user, engagement, target, *, withdraw: str, requested: str) -> bool:
    """A move of the engagement's status, once the table allows it: staff move it on
    (and cancel), the council may only withdraw its own request; answering a request
    is triage. `withdraw` and `requested` name those statuses (they live above here)."""
    if engagement.status == requested and target != withdraw and not may_triage(user, engagement):
        return False
    if target == withdraw:
        return speaks_for(user, engagement.council_id)
    return is_staff(user)


def may_note(user, engagement) -> bool:
    return may_see_engagement(user, engagement)


def sees_internal_notes(user) -> bool:
    """Staff notes stay within the association; the council sees questions and answers."""
    return is_staff(user)


def may_manage_engagement(user, engagement=None) -> bool:
    """Scoping, the team, sessions, the reading pack, proposals: the association's staff."""
    return is_staff(user)


def may_answer_invitation(user, member) -> bool:
    """Only the invited peer answers their invitation."""
    return is_peer(user) and member.peer.user_id == user.pk


def is_on_team(user, engagement) -> bool:
    """Has this person accepted a place on the engagement's team?"""
    return is_peer(user) and engagement.team.filter(peer__user=user, status=_ACCEPTED).exists()


def may_choose_panel(user, engagement) -> bool:
    """The host council chooses its panel from the shortlist (staff may, on its behalf)."""
    return may_see_engagement(user, engagement)


# Documents ----------------------------------------------------------------------------


def may_upload_document(user, engagement) -> bool:
    return not engagement.is_finished and (
        is_staff(user) or speaks_for(user, engagement.council_id)
    )


def uploads_every_kind(user) -> bool:
    """Staff upload every kind of document; the council its own kinds."""
    return is_staff(user)


def sees_unsent_documents(user, engagement) -> bool:
    """Staff and the council see every document; the team only what was sent to it."""
    return may_see_engagement(user, engagement)


def is_case_or_team(user, engagement) -> bool:
    """The case (staff and the council) or the accepted team: who opens the engagement's
    calendar files and its report pages."""
    return may_see_engagement(user, engagement) or is_on_team(user, engagement)


# Reports ------------------------------------------------------------------------------


def may_open_report(user, engagement, report) -> bool:
    """Staff and the team see a report as it is written; the council once it is sent."""
    if is_staff(user) or is_on_team(user, engagement):
        return True
    return speaks_for(user, engagement.council_id) and report.status != _DRAFT


def may_start_report(user) -> bool:
    return is_staff(user)


def may_write_report(user, report) -> bool:
    """Staff and the accepted team write a report until it is published."""
    if report.is_published:
        return False
    return is_staff(user) or is_on_team(user, report.engagement)


def may_change_sent_report(user) -> bool:
    """Once a report is with the council, only staff change its text."""
    return is_staff(user)


def may_change_report_status(user, report=None) -> bool:
    """Sending to the council, publishing, resolving comments: staff."""
    return is_staff(user)


def may_comment_on_report(user, report) -> bool:
    """The council comments on its own report (during the factual-accuracy check,
    which the report service checks and explains)."""
    return speaks_for(user, report.engagement.council_id)


def sees_draft_reports(user, engagement) -> bool:
    """The council sees a report once it is sent; staff and the team as it is written."""
    return is_staff(user) or is_on_team(user, engagement)


def may_act_on_plan(user, engagement) -> bool:
    """The council writes its action plan; staff may write it on its behalf."""
    return may_see_engagement(user, engagement)


# The peer pool ------------------------------------------------------------------------


def may_see_pool(user) -> bool:
    return is_staff(user)


def may_manage_pool(user) -> bool:
    """Editing peers, importing the pool, deciding applications."""
    return is_manager(user)


def may_keep_own_record(user, peer) -> bool:
    """A peer keeps their own profile, skills, availability and interests; managers
    may change them on the peer's behalf."""
    return is_manager(user) or (is_peer(user) and peer.user_id == user.pk)


def may_become_peer(user) -> bool:
    """Whether an approved application may be joined to this existing account: one
    that is already a peer's (or holds no role). An account holding only other roles
    is given the peer role on the users pages first, by someone who knows its owner."""
    return user is None or not user.roles or Role.PEER in user.roles


def peer_roles() -> list[str]:
    """The roles an approved applicant's new account holds."""
    return [Role.PEER]


def may_withdraw_diversity_consent(user, peer) -> bool:
    """Only the peer who gave the diversity answers withdraws the consent behind them."""
    return is_peer(user) and peer.user_id is not None and peer.user_id == user.pk


# Personal data (the privacy notice's rights) -------------------------------------------


def may_download_own_data(user) -> bool:
    """Anyone signed in may have a copy of what peerwork holds about them."""
    return user is not None and user.is_authenticated and user.is_active


def may_erase_person(user) -> bool:
    """Erasing or anonymising a person's account and peer record: administrators only."""
    return is_administrator(user)


# Programmes, figures and surveys ------------------------------------------------------


def may_see_programmes(user) -> bool:
    return is_staff(user)


def may_manage_records(user) -> bool:
    """Programme records, targets, survey questions, offers."""
    return is_manager(user)


def may_see_surveys(user) -> bool:
    return is_staff(user)


# Views --------------------------------------------------------------------------------


def allowing(predicate):
    """A view decorator: 403 unless `predicate(request.user)`. Sign-in itself is
    required everywhere by middleware."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise Denied
            return view(request, *args, **kwargs)

        wrapped.predicate = predicate
        return wrapped

    return decorator


staff_required = allowing(is_staff)
manager_required = allowing(is_manager)
administrator_required = allowing(is_administrator)
case_required = allowing(is_case_worker)
peer_required = allowing(is_peer)
council_required = allowing(lambda user: own_council_id(user) is not None)
team_required = allowing(lambda user: _holds(user, TEAM_ROLES))
figures_required = allowing(may_read_figures)
signed_in_required = allowing(lambda user: user.is_authenticated)


# The predicates templates may ask through `{% may "name" obj as flag %}`.
FOR_TEMPLATES = {
    name: globals()[name]
    for name in (
        "may_erase_person",
        "is_staff",
        "is_manager",
        "is_administrator",
        "is_peer",
        "is_case_worker",
        "may_see_special_category",
        "may_see_surveys",
        "may_edit_account",
        "may_lift_lockout",
        "may_reset_two_factor",
        "may_manage_engagement",
        "asks_for_own_council",
        "may_request_support",
    )
}
