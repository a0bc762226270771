import factory

from peerwork.councils.models import Council, CouncilType, Nation, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "South East"
    slug = factory.LazyAttribute(lambda r: r.name.lower().replace(" ", "-"))
    nation = Nation.ENGLAND


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    code = factory.Sequence(lambda n: f"T{n:03d}")
    official_name = factory.LazyAttribute(lambda c: f"{c.short_name} Borough Council")
    short_name = factory.Sequence(lambda n: f"Testborough {n}")
    nation = Nation.ENGLAND
    region = factory.SubFactory(RegionFactory)
    council_type = CouncilType.DISTRICT
