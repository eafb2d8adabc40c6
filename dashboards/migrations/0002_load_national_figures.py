from django.db import migrations


def load_england(apps, schema_editor):
    from dashboards.national import load

    load(apps.get_model("dashboards", "NationalFigure"))


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]

    operations = [migrations.RunPython(load_england, migrations.RunPython.noop)]
