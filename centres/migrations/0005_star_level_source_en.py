"""The star level's source in English too, and the demo's internal labels replaced.

The demo content used to store our notes' internal labels as the source
("seed document (news report of the recognition)"); the storefront showed them
as they were. Rows still holding one of those exact labels get the human label
in both languages; anything an editor wrote is left as it is.
"""

from django.db import migrations, models

HUMAN_LABELS = {
    "seed document (news report of the recognition)": (
        "Bài báo đưa tin về quyết định công nhận",
        "A news report of the recognition",
    ),
    "baomoi.com report of the certificate hand-over": (
        "Bài đưa tin của baomoi.com về buổi trao giấy chứng nhận",
        "baomoi.com's report of the certificate hand-over",
    ),
}


def name_the_sources(apps, schema_editor):
    DesignCentre = apps.get_model("centres", "DesignCentre")
    for internal, (vietnamese, english) in HUMAN_LABELS.items():
        DesignCentre.objects.filter(star_level_source=internal).update(
            star_level_source=vietnamese, star_level_source_en=english
        )


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0004_maker_moderation"),
    ]

    operations = [
        migrations.AddField(
            model_name="designcentre",
            name="star_level_source_en",
            field=models.CharField(
                blank=True,
                max_length=300,
                verbose_name="source of the star level (English)",
            ),
        ),
        migrations.RunPython(name_the_sources, migrations.RunPython.noop),
    ]
