from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search")]

    operations = [
        migrations.CreateModel(
            name="ShingleFrequency",
            fields=[
                ("hash", models.BigIntegerField(primary_key=True, serialize=False)),
                ("statements", models.IntegerField(default=0)),
            ],
        ),
    ]
