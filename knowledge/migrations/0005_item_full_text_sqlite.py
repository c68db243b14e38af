"""The kennisbank's full-text index on SQLite: an FTS5 virtual table holding each item's
stemmed Dutch text (knowledge.dutch), ranked by bm25 with the weights PostgreSQL gives its
A, B and C parts (1.0, 0.4, 0.2). Filled here for the items that exist; from then on
knowledge.services.update_search_index keeps it. PostgreSQL needs none of this: it has
Item.search_vector with its GIN index (0002)."""

import django.db.models.deletion
from django.db import migrations, models

import knowledge.models

TABLE = "knowledge_item_fts"


def create_full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from knowledge.dutch import document

    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
        "USING fts5(title, question, answer, tokenize='unicode61')"
    )
    schema_editor.execute(f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('rank', 'bm25(5.0, 2.0, 1.0)')")
    Item = apps.get_model("knowledge", "Item")
    rows = [
        (pk, document(title), document(question), document(answer))
        for pk, title, question, answer in Item.objects.values_list(
            "pk", "title", "question_text", "answer_text"
        ).iterator()
    ]
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE}(rowid, title, question, answer) VALUES (%s, %s, %s, %s)", rows
        )


def drop_full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0004_question_event_action_choices'),
    ]

    operations = [
        migrations.CreateModel(
            name='ItemSearchText',
            fields=[
                ('item', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='search_text', serialize=False, to='knowledge.item')),
                ('title', models.TextField()),
                ('question', models.TextField()),
                ('answer', models.TextField()),
                ('document', knowledge.models.FullTextField(db_column='knowledge_item_fts')),
                ('rank', models.FloatField(db_column='rank')),
            ],
            options={
                'db_table': 'knowledge_item_fts',
                'managed': False,
            },
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index),
    ]
