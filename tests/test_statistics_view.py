"""The statistics page as prepared once per process: what each chart sends the browser is what the chart shows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from core.content.text import load_strings
from core.domain.statistics import load_statistics
from core.views.statistics import build_statistics_view, markdown_table

ROOT = Path(__file__).resolve().parent.parent
STATS = load_statistics(ROOT)
VIEWS = {lang: build_statistics_view(STATS, lang, load_strings(ROOT, lang)) for lang in ("en", "es")}


@pytest.mark.parametrize("lang", VIEWS)
def test_each_chart_sends_its_rows_as_arrow_and_keeps_the_plain_spec(lang: str) -> None:
    charts = VIEWS[lang].charts
    assert charts
    for chart in charts.values():
        plain, drawn = chart.spec["datasets"], chart.drawn_spec["datasets"]
        assert plain.keys() == drawn.keys()
        assert {k: v for k, v in chart.drawn_spec.items() if k != "datasets"} == {
            k: v for k, v in chart.spec.items() if k != "datasets"
        }
        for name, rows in plain.items():
            assert isinstance(rows, list)  # the deck PDF's converter reads the plain rows
            assert pa.ipc.open_stream(drawn[name]).read_all().to_pylist() == rows


def test_a_table_is_one_markdown_table_with_a_row_per_point_and_no_stray_cell() -> None:
    rows = [{"Period": "2020", "Value": "65&#37;"}, {"Period": "2021", "Value": "a | b"}]
    assert markdown_table(rows).splitlines() == [
        "| Period | Value |",
        "|---|---|",
        "| 2020 | 65&#37; |",
        "| 2021 | a &#124; b |",
    ]
    assert markdown_table([]) == ""
    for chart in VIEWS["en"].charts.values():
        lines = chart.table.splitlines()
        points = len(STATS.data.points(chart.series_id))
        assert len(lines) == points + 2
        assert {line.count(" | ") for line in lines if not line.startswith("|-")} == {lines[0].count(" | ")}
