"""Reading the councils register."""

from django.db.models import Count, Q, QuerySet

from peerwork.accounts import permissions
from peerwork.councils.models import Council, Party, PoliticalControl, Region


def council_list_current_principal() -> QuerySet[Council]:
    return Council.objects.current().principal()


def council_name_q(q: str, prefix: str = "") -> Q:
    """Councils whose short or official name holds ``q``, or whose code is ``q``;
    ``prefix`` (e.g. ``"council__"``) makes it a filter on a record's council."""
    return (
        Q(**{f"{prefix}short_name__icontains": q})
        | Q(**{f"{prefix}official_name__icontains": q})
        | Q(**{f"{prefix}code__iexact": q})
    )


def council_search(
    *,
    q: str = "",
    nation: str = "",
    region: str = "",
    council_type: str = "",
    control: str = "",
    include_former: bool = False,
) -> QuerySet[Council]:
    councils = Council.objects.select_related("region", "county")
    if not include_former:
        councils = councils.current()
    if q:
        councils = councils.filter(council_name_q(q))
    if nation:
        councils = councils.filter(nation=nation)
    if region:
        councils = councils.filter(region__slug=region)
    if council_type:
        councils = councils.filter(council_type=council_type)
    if control:
        current = PoliticalControl.objects.filter(valid_to__isnull=True)
        if control == "noc":
            current = current.filter(party_in_control__isnull=True)
        else:
            current = current.filter(party_in_control__short_name=control)
        councils = councils.filter(pk__in=current.values("council_id"))
    return councils.order_by("short_name")


def council_current_control(council: Council) -> PoliticalControl | None:
    return (
        council.control_history.filter(valid_to__isnull=True)
        .select_related("party_in_control", "leader_party")
        .first()
    )


def council_neighbours(council: Council) -> QuerySet[Council]:
    """Councils sharing this council's county or combined authority, and its districts."""
    links = Q(pk__in=[])
    if council.county_id:
        links |= Q(county_id=council.county_id) | Q(pk=council.county_id)
    if council.combined_authority_id:
        links |= Q(combined_authority_id=council.combined_authority_id)
    links |= Q(county_id=council.pk) | Q(combined_authority_id=council.pk)
    return Council.objects.current().filter(links).exclude(pk=council.pk).order_by("short_name")


def region_list() -> QuerySet[Region]:
    today_councils = Council.objects.current().principal().values("pk")
    return Region.objects.prefetch_related("principal_advisers").annotate(
        council_count=Count("councils", filter=Q(councils__pk__in=today_councils))
    )


def region_list_for_adviser(user) -> QuerySet[Region]:
    return Region.objects.filter(principal_advisers=user)


def region_councils(region: Region) -> QuerySet[Council]:
    return region.councils.current().principal().order_by("short_name")


def councils_visible_to(user) -> QuerySet[Council]:
    """The register, current and former councils, for the association's staff; none for
    anyone else (a council's page shows its advisers and support history)."""
    if not permissions.is_staff(user):
        return Council.objects.none()
    return Council.objects.select_related("region", "county", "combined_authority")


def regions_visible_to(user) -> QuerySet[Region]:
    """Every region, for the association's staff; none for anyone else."""
    if not permissions.is_staff(user):
        return Region.objects.none()
    return Region.objects.all()


def council_by_pk(pk) -> Council | None:
    """Any council, current or former, or None: council names are public, and an
    applicant names their home council."""
    return Council.objects.filter(pk=pk).first()


def party_by_pk(pk) -> Party | None:
    """Any party or political group, or None: the list is public."""
    return Party.objects.filter(pk=pk).first()
