from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, link


def council_table(councils, caption) -> Table:
    table = Table(caption, [_("Council"), _("Type"), _("Region"), _("County")])
    for council in councils:
        table.add(
            link(council.short_name, "councils:detail", council.code),
            council.get_council_type_display(),
            council.region.name if council.region_id else "",
            council.county.short_name if council.county_id else "",
        )
    return table


def council_summary_rows(council, advisers, successors, predecessors) -> list[tuple]:
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    def links(councils):
        return format_html_join(
            ", ", "{}", ((link(c.short_name, "councils:detail", c.code),) for c in councils)
        )

    if council.start_date:
        existence = _("From %(date)s") % {"date": council.start_date.strftime("%-d %B %Y")}
    else:
        existence = _("From before the register's records")
    if council.end_date:
        existence += _(", until %(date)s") % {"date": council.end_date.strftime("%-d %B %Y")}
    rows = [
        (_("Official name"), council.official_name),
        (_("Local-authority code"), council.code),
        (_("GSS code"), council.gss_code),
        (_("Nation"), council.get_nation_display()),
        (
            _("Region"),
            link(council.region.name, "councils:region", council.region.slug)
            if council.region_id
            else _("None"),
        ),
        (
            _("Principal adviser"),
            format_html_join(
                mark_safe("<br>"),  # noqa: S308 - a constant
                '{} (<a class="govuk-link" href="mailto:{}">{}</a>)',
                ((a.full_name, a.email, a.email) for a in advisers),
            )
            or _("None assigned"),
        ),
    ]
    if council.county_id:
        rows.append((_("County council"), links([council.county])))
    if council.combined_authority_id:
        rows.append((_("Combined authority"), links([council.combined_authority])))
    rows.append(
        (_("Population (2020)"), intcomma(council.population) if council.population else "")
    )
    rows.append((_("In existence"), existence))
    if successors:
        rows.append((_("Replaced by"), links(successors)))
    if predecessors:
        rows.append((_("Replaced"), links(predecessors)))
    return rows


def control_table(history) -> Table:
    table = Table(
        _("Political control, newest first"),
        [_("From"), _("To"), _("Control"), _("Leader's party")],
    )
    for record in history:
        table.add(
            record.valid_from.strftime("%-d %b %Y"),
            record.valid_to.strftime("%-d %b %Y") if record.valid_to else _("Now"),
            record.control_label,
            record.leader_party.name if record.leader_party_id else _("Not recorded"),
        )
    return table


def region_table(regions) -> Table:
    table = Table(
        _("Regions, their principal advisers and current principal councils"),
        [_("Region"), _("Principal advisers"), _("Councils")],
        numeric={2},
    )
    for region in regions:
        advisers = ", ".join(a.full_name for a in region.principal_advisers.all())
        table.add(
            link(region.name, "councils:region", region.slug),
            advisers or _("None assigned"),
            region.council_count,
        )
    return table
