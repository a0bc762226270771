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
