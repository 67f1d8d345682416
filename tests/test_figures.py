import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import figures  # noqa: E402
from helpers.describe import counts_per_year, thin_years  # noqa: E402


def draw():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="synthetic")
    ax.set_title("synthetic test figure")
    ax.legend()
    return fig


def test_saved_figures_are_byte_identical_and_record_what_was_read(tmp_path):
    from helpers import paths, provenance
    from helpers.curated import load_curated

    provenance.forget()
    load_curated("leaders")
    figures.use_house_style()
    formats = ("png", "svg", "pdf")
    first = [
        p.read_bytes() for p in figures.save_figure(draw(), "t", notebook="nb", formats=formats, directory=tmp_path)
    ]
    second = [
        p.read_bytes() for p in figures.save_figure(draw(), "t", notebook="nb", formats=formats, directory=tmp_path)
    ]
    assert first == second
    assert b"CreationDate" not in first[2]
    assert b"<dc:date>" not in first[1]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    entry = manifest["t"]
    assert entry["notebook"] == "notebooks/nb.ipynb"
    # loading leaders.csv also reads source_outlets.csv, which its source check needs
    assert list(entry["inputs"]) == ["data/curated/leaders.csv", "data/curated/source_outlets.csv"]
    assert entry["inputs"]["data/curated/leaders.csv"] == provenance.sha256_of(paths.CURATED_DIR / "leaders.csv")
    assert set(entry["files"]) == {"t.png", "t.svg", "t.pdf"}
    assert set(entry["code"]) == {"commit", "uncommitted_changes"}
    plt.close("all")


def test_counts_per_year_keeps_empty_years():
    import pandas as pd

    frame = pd.DataFrame({"date": pd.to_datetime(["2001-05-01", "2001-06-01", "2003-01-01"]), "k": ["a", "b", "a"]})
    assert counts_per_year(frame)["rows"].to_dict() == {2001: 2, 2002: 0, 2003: 1}
    assert counts_per_year(frame, by="k").loc[2002].tolist() == [0, 0]
    assert thin_years(pd.Series({2001: 10, 2002: 1, 2003: 12})) == [2002]
