from programmes.typesetting import pieces, typeset


def test_a_text_with_markup_is_escaped_and_only_the_portals_own_markup_added():
    written = typeset('<script>x</script> 2025-2030, "From absence to attendance" & 24 september')
    assert "<script>" not in written and "&lt;script&gt;" in written
    assert '<i class="nowrap">2025\u20132030</i>' in written
    assert '<span lang="en">From absence to attendance</span>' in written
    assert "&amp; 24\u00a0september" in written and "&quot;" in written


def test_a_plain_text_stays_plain_for_the_template_to_escape():
    assert typeset("Kennis & <delen>") == "Kennis & <delen>"
    assert not hasattr(typeset("Kennis & <delen>"), "__html__")


def test_pieces_keep_the_text_in_order():
    parts = pieces("In 2025 voor 23-27 jaar, Multi-tiered System of Support.")
    assert parts == [
        ("", "In 2025 voor "),
        ("range", "23\u201327"),
        ("", " jaar, "),
        ("en", "Multi-tiered System of Support"),
        ("", "."),
    ]
