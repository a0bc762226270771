from django.db import migrations

# Follows the offers' themes and the corporate peer challenge's five core components.
SKILLS = [
    ("finance", "Finance"),
    ("governance", "Governance"),
    ("leadership", "Leadership"),
    ("transformation", "Transformation"),
    ("economic-growth", "Economic growth"),
    ("housing", "Housing"),
    ("planning", "Planning"),
    ("childrens-services", "Children's services"),
    ("adult-social-care", "Adult social care"),
    ("climate", "Climate"),
    ("equalities", "Equalities"),
    ("communications", "Communications"),
    ("digital", "Digital"),
    ("performance", "Performance and productivity"),
    ("scrutiny", "Scrutiny"),
    ("workforce", "Workforce and organisational development"),
    ("devolution", "Devolution and partnerships"),
    ("commissioning", "Commissioning"),
]


def add_skills(apps, schema_editor):
    Skill = apps.get_model("peers", "Skill")
    for slug, name in SKILLS:
        Skill.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("peers", "0001_initial")]
    operations = [migrations.RunPython(add_skills, migrations.RunPython.noop)]
