import pytest

from ingrado.downloads import csv_response, spreadsheet_safe


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x")',
        "+31 6 1234",
        "-1+1",
        "@SUM(A1)",
        '\uff1dHYPERLINK("http://x")',  # full-width equals sign
        "\uff0b1",
        "\uff0d1",
        "\uff20SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_cells_a_spreadsheet_would_read_as_a_formula_are_neutralised(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Gemeente Amersfoort", "2025-01-01", "", None, 12, "a=b"])
def test_ordinary_cells_are_left_alone(value):
    assert spreadsheet_safe(value) == ("" if value is None else str(value))


def test_a_csv_download_neutralises_a_full_width_formula():
    response = csv_response("x.csv", ["Naam"], [["\uff1dcmd|' /C calc'!A0"]])
    assert "'\uff1dcmd" in response.content.decode()
