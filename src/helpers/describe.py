"""Small descriptive tables used by the notebooks: coverage per year with the gaps left visible."""

from __future__ import annotations

import pandas as pd


def counts_per_year(
    frame: pd.DataFrame, date_column: str = "date", by: str | None = None, years: range | None = None
) -> pd.DataFrame:
    """Rows per calendar year (and per `by`), with every year in range present, zero where there are no rows.

    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2001-05-01", "2003-01-01", "2003-02-01"])})
    >>> counts_per_year(frame)["rows"].to_dict()
    {2001: 1, 2002: 0, 2003: 2}
    """
    year = frame[date_column].dt.year.rename("year")
    if years is None:
        years = range(int(year.min()), int(year.max()) + 1)
    if by is None:
        counts = year.value_counts().reindex(years, fill_value=0).rename("rows")
        return counts.rename_axis("year").to_frame()
    table = pd.crosstab(year, frame[by]).reindex(years, fill_value=0)
    table.columns = table.columns.astype(str)
    return table.rename_axis("year").rename_axis(None, axis=1)


def thin_years(counts: pd.Series, share_of_median: float = 0.5) -> list[int]:
    """Years whose count is below `share_of_median` times the median year: the visible gaps in a corpus.

    >>> thin_years(pd.Series({2000: 10, 2001: 2, 2002: 12}))
    [2001]
    """
    threshold = counts.median() * share_of_median
    return [int(year) for year, value in counts.items() if value < threshold]
