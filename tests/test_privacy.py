"""Small-cell suppression: hidden counts stay hidden, even when totals are shown."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearpeer.privacy import mean_if_enough, suppress, suppress_table

COUNTS = st.integers(min_value=0, max_value=40)
TABLES = st.dictionaries(
    st.sampled_from(["cohort 1", "cohort 2", "cohort 3", "cohort 4", "residents"]),
    st.dictionaries(st.sampled_from(["yes", "no", "unsure", "skipped"]), COUNTS, min_size=1),
    min_size=1,
)
THRESHOLDS = st.integers(min_value=1, max_value=11)


def _lines(table):
    """Every row and column of the shown table with its total: (entries, total)."""
    rows = [(list(cells.values()), table.row_totals[r]) for r, cells in table.cells.items()]
    columns = [
        ([cells[c] for cells in table.cells.values()], total)
        for c, total in table.column_totals.items()
    ]
    margins = [
        (list(table.row_totals.values()), table.total),
        (list(table.column_totals.values()), table.total),
    ]
    return rows + columns + margins


def test_counts_under_the_threshold_are_hidden_and_zero_is_shown():
    assert suppress({"a": 0, "b": 1, "c": 4, "d": 5, "e": 30}) == {
        "a": 0,
        "b": None,
        "c": None,
        "d": 5,
        "e": 30,
    }


def test_a_lone_hidden_cell_gets_a_partner_so_the_total_cannot_give_it_away():
    # given: 3 people answered "no" in cohort 1; row and column totals are shown
    table = suppress_table({"cohort 1": {"yes": 12, "no": 3}, "cohort 2": {"yes": 20, "no": 9}})
    # then: the 3 is hidden, and so is one more cell in its row and its column
    assert table.cells["cohort 1"]["no"] is None
    assert table.cells["cohort 1"]["yes"] is None
    assert table.cells["cohort 2"]["no"] is None
    assert table.row_totals == {"cohort 1": 15, "cohort 2": 29}


def test_small_totals_are_hidden_too():
    table = suppress_table({"cohort 1": {"yes": 2, "no": 1}, "cohort 2": {"yes": 30, "no": 40}})
    assert table.row_totals["cohort 1"] is None


def test_without_totals_only_small_cells_are_hidden():
    table = suppress_table({"a": {"x": 3, "y": 10}, "b": {"x": 8, "y": 9}}, with_totals=False)
    assert table.cells == {"a": {"x": None, "y": 10}, "b": {"x": 8, "y": 9}}
    assert table.total is None


def test_a_missing_column_counts_as_zero():
    table = suppress_table({"a": {"x": 10}, "b": {"y": 10}})
    assert table.cells == {"a": {"x": 10, "y": 0}, "b": {"x": 0, "y": 10}}


@pytest.mark.parametrize("bad", [-1, 2.5, "3", True])
def test_a_count_that_is_not_a_whole_number_is_refused(bad):
    with pytest.raises(ValueError, match="must be a whole number of 0 or more"):
        suppress({"a": bad})


def test_a_threshold_under_one_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        suppress({"a": 3}, threshold=0)


def test_mean_is_shown_only_from_the_threshold_on():
    assert mean_if_enough([4, 5, 3, 4], threshold=5) is None
    assert mean_if_enough([4, 5, 3, 4, 4], threshold=5) == 4.0
    assert mean_if_enough([]) is None


@given(st.dictionaries(st.text(max_size=3), COUNTS), THRESHOLDS)
def test_suppress_hides_exactly_the_small_counts(cells, threshold):
    shown = suppress(cells, threshold=threshold)
    assert shown.keys() == cells.keys()
    for key, value in cells.items():
        assert shown[key] == (None if 0 < value < threshold else value)


@given(TABLES, THRESHOLDS)
def test_no_visible_cell_or_total_is_small(rows, threshold):
    table = suppress_table(rows, threshold=threshold)
    visible = [v for entries, total in _lines(table) for v in [*entries, total] if v is not None]
    assert all(v == 0 or v >= threshold for v in visible)


@given(TABLES, THRESHOLDS)
def test_no_row_or_column_has_exactly_one_hidden_entry_when_totals_are_shown(rows, threshold):
    table = suppress_table(rows, threshold=threshold)
    for entries, total in _lines(table):
        assert [*entries, total].count(None) != 1


@given(TABLES, THRESHOLDS, st.booleans())
def test_visible_values_are_the_true_values(rows, threshold, with_totals):
    table = suppress_table(rows, threshold=threshold, with_totals=with_totals)
    for r, cells in table.cells.items():
        for c, value in cells.items():
            assert value is None or value == rows[r].get(c, 0)
    if with_totals:
        for r, total in table.row_totals.items():
            assert total is None or total == sum(rows[r].values())
        grand = sum(sum(cells.values()) for cells in rows.values())
        assert table.total is None or table.total == grand


@given(TABLES, THRESHOLDS)
def test_suppression_is_deterministic(rows, threshold):
    assert suppress_table(rows, threshold=threshold) == suppress_table(rows, threshold=threshold)


@given(st.lists(st.floats(min_value=1, max_value=5), max_size=12), THRESHOLDS)
def test_mean_if_enough_is_none_or_the_mean(values, threshold):
    mean = mean_if_enough(values, threshold=threshold)
    if len(values) < threshold:
        assert mean is None
    else:
        assert mean == pytest.approx(sum(values) / len(values))
