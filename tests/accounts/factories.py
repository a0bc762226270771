import factory

from peerwork.accounts.models import Role, User
from tests.councils.factories import CouncilFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.PROGRAMME_STAFF
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
    council = factory.Maybe(
        factory.LazyAttribute(lambda u: u.role == Role.COUNCIL_CONTACT),
        yes_declaration=factory.SubFactory(CouncilFactory),
        no_declaration=None,
    )

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
