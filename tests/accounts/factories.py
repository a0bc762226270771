import factory

from peerwork.accounts.models import Role, User
from tests.councils.factories import CouncilFactory


class UserFactory(factory.django.DjangoModelFactory):
    """An account holding `role`, or every role in `roles`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        role = Role.PROGRAMME_STAFF

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    roles = factory.LazyAttribute(lambda u: (u.role,))
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")
    council = factory.Maybe(
        factory.LazyAttribute(lambda u: Role.COUNCIL_CONTACT in u.roles),
        yes_declaration=factory.SubFactory(CouncilFactory),
        no_declaration=None,
    )

    @classmethod
    def _build(cls, model_class, *args, roles=(), **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, roles=(), **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user.grant(*roles)
        return user

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
