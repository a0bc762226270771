import re

from django.urls import path, register_converter

from peerwork.programmes import views
from peerwork.programmes.kinds import KINDS, Kind


class KindConverter:
    """A kind's slug in the URL; an unknown slug is simply not found."""

    regex = "|".join(re.escape(slug) for slug in KINDS)

    def to_python(self, value: str) -> Kind:
        return KINDS[value]

    def to_url(self, value) -> str:
        return value.slug if isinstance(value, Kind) else str(value)


register_converter(KindConverter, "programme_kind")

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.index, name="index"),
    path("programmes/polling/trend/", views.polling_trend, name="polling-trend"),
    path("programmes/<programme_kind:kind>/", views.record_list, name="list"),
    path("programmes/<programme_kind:kind>/add/", views.record_add, name="add"),
    path("programmes/<programme_kind:kind>/import/", views.record_import, name="import"),
    path(
        "programmes/<programme_kind:kind>/import/template.csv",
        views.import_template,
        name="import-template",
    ),
    path("programmes/<programme_kind:kind>/<int:pk>/", views.record_edit, name="edit"),
]
