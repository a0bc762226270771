import datetime
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile

from peerwork.accounts.models import Role
from peerwork.engagements.models import Document, Engagement, Session, TeamMember
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.peers.factories import PeerFactory


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    council = factory.SubFactory(CouncilFactory)
    offer = factory.LazyFunction(lambda: Offer.objects.get(slug="corporate-peer-challenge"))
    description = "Help with our medium-term financial plan"
    contact_name = "Chris Contact"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    requested_by = factory.SubFactory(UserFactory, role=Role.PROGRAMME_STAFF)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    engagement = factory.SubFactory(EngagementFactory)
    place = 1
    role = "Lead member peer"
    peer = factory.SubFactory(PeerFactory)
    days = 4
    invited_by = factory.SubFactory(UserFactory, role=Role.PROGRAMME_STAFF)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    engagement = factory.SubFactory(EngagementFactory)
    kind = "on_site"
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2027, 3, 9, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    )
    ends_at = factory.LazyFunction(
        lambda: datetime.datetime(2027, 3, 9, 17, 0, tzinfo=ZoneInfo("Europe/London"))
    )
    venue = "Council offices"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF; set MEDIA_ROOT to a temporary folder in tests that make one."""

    class Meta:
        model = Document

    engagement = factory.SubFactory(EngagementFactory)
    kind = Document.Kind.POSITION_STATEMENT
    title = "Position statement"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="statement.pdf"))
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda d: d.file.size)
    uploaded_by = factory.SubFactory(UserFactory, role=Role.PROGRAMME_STAFF)
