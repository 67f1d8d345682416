"""The collection as readers meet it. Every notebook is executed once, fresh, in its fast setting; the figures it
writes must equal the committed ones byte for byte (so what readers see is never stale), the manifest must trace
every figure, every notebook must state a computed answer, a second focal country must change the figures, and the
HTML edition built from this run must load in a headless browser with every image and no error."""

import json
import os
import re
import shutil

import nbformat
import pytest

from helpers import paths
from helpers.notebooks import FAST_PARAMETERS, run_collection, run_notebook
from helpers.provenance import sha256_of as sha256
from helpers.site import build_site

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
FIGURE_SUFFIXES = {".png", ".pdf", ".svg"}


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    root = tmp_path_factory.mktemp("collection")
    times = run_collection(NOTEBOOKS, root / "executed", FAST_PARAMETERS, figures_dir=root / "figures")
    return {"root": root, "figures": root / "figures", "executed": root / "executed", "times": times}


def figure_files(folder):
    return {path.name: path for path in folder.iterdir() if path.suffix in FIGURE_SUFFIXES}


def test_fresh_figures_equal_the_committed_ones_byte_for_byte(collection):
    fresh, committed = figure_files(collection["figures"]), figure_files(paths.FIGURES_DIR)
    assert sorted(fresh) == sorted(committed), "run `make figures` and commit figures/"
    stale = [name for name in fresh if fresh[name].read_bytes() != committed[name].read_bytes()]
    assert not stale, f"committed figures differ from a fresh run: {stale}; run `make figures`"
    assert {path.suffix for path in fresh.values()} == FIGURE_SUFFIXES


def test_manifest_traces_every_figure_to_its_notebook_inputs_and_files(collection):
    manifest = json.loads((collection["figures"] / "manifest.json").read_text())
    figures = figure_files(collection["figures"])
    assert sorted(manifest) == sorted({name.rsplit(".", 1)[0] for name in figures})
    for name, entry in manifest.items():
        assert (paths.PROJECT_ROOT / entry["notebook"]).is_file()
        assert set(entry["files"]) == {f"{name}{suffix}" for suffix in FIGURE_SUFFIXES}
        assert all(sha256(figures[file]) == digest for file, digest in entry["files"].items())
        assert entry["inputs"], f"{name}: no data file recorded"
        for label, digest in entry["inputs"].items():
            local = paths.PROJECT_ROOT / label
            if local.is_file():  # raw sources are recorded by their registry path and checked by helpers.sources
                assert sha256(local) == digest, f"{name}: {label} changed since the figure was drawn"
    committed = json.loads((paths.FIGURES_DIR / "manifest.json").read_text())
    strip = {name: {k: v for k, v in entry.items() if k != "code"} for name, entry in manifest.items()}
    assert strip == {name: {k: v for k, v in entry.items() if k != "code"} for name, entry in committed.items()}


def answer_text(notebook):
    cells = notebook.cells
    heading = [i for i, cell in enumerate(cells) if cell.cell_type == "markdown" and cell.source.strip() == "## Answer"]
    assert len(heading) == 1, "one Answer section"
    outputs = cells[heading[0] + 1].get("outputs", [])
    return "".join(output.get("data", {}).get("text/markdown", "") for output in outputs)


@pytest.mark.parametrize("notebook", [path.name for path in NOTEBOOKS])
def test_every_notebook_states_a_computed_answer_and_no_error(collection, notebook):
    executed = nbformat.read(collection["executed"] / notebook, as_version=4)
    text = answer_text(executed)
    assert text.count("* **") >= 3, "the Answer lists its findings"
    assert len(re.findall(r"\d", text)) >= 10, "the Answer states numbers"
    assert "{" not in text and "nan" not in text.lower().split(), "every placeholder was filled"
    assert "range(" not in text and not re.search(r"\b\d+\.0\b", text), "counts print as integers"
    source = nbformat.read(paths.NOTEBOOKS_DIR / notebook, as_version=4)
    answer_code = source.cells[[c.source.strip() for c in source.cells].index("## Answer") + 1].source
    assert "Markdown(f" in answer_code, "the Answer is formatted from computed values, not typed"
    errors = [c for c in executed.cells if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert not errors


def test_each_notebook_has_a_data_section_with_licences_and_citations(collection):
    for path in NOTEBOOKS:
        source = nbformat.read(path, as_version=4)
        assert any("helpers.data_citations(" in cell.source for cell in source.cells), path.name


def test_a_second_focal_country_changes_the_figures(collection, tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path / "figures"))
    notebook = paths.NOTEBOOKS_DIR / "05_indicators.ipynb"
    run_notebook(notebook, tmp_path, {"FOCAL": "CHN", "PARTNERS": ["PRK"], "PARTNER": "PRK"})
    china = figure_files(tmp_path / "figures")
    focal_figures = ["05_partners_volume_and_silence.png", "05_partner_silences.png"]
    for name in focal_figures:
        assert china[name].read_bytes() != (collection["figures"] / name).read_bytes(), name
    # The model's backtest does not depend on the focal country.
    assert (
        china["05_expected_backtest.png"].read_bytes()
        == (collection["figures"] / "05_expected_backtest.png").read_bytes()
    )
    text = answer_text(nbformat.read(tmp_path / notebook.name, as_version=4))
    assert "Who greets CHN most" in text and "PRK's longest silence towards CHN" in text


def chromium():
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (binary and driver):
        message = (
            "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


IMAGES_LOADED = (
    "return Array.from(document.images).map(i => [i.currentSrc.slice(0, 60), i.complete && i.naturalWidth > 0])"
)


def test_html_edition_loads_in_a_browser_with_every_figure_and_no_error(collection):
    site = collection["root"] / "site"
    pages = build_site(collection["executed"], site, collection["figures"])
    manifest = json.loads((collection["figures"] / "manifest.json").read_text())
    figures_per_page = {}
    for entry in manifest.values():
        page = entry["notebook"].split("/")[-1].replace(".ipynb", ".html")
        figures_per_page[page] = figures_per_page.get(page, 0) + 1
    browser = chromium()
    try:
        for page in pages:
            browser.get(page.as_uri())
            images = browser.execute_script(IMAGES_LOADED)
            broken = [src for src, loaded in images if not loaded]
            assert not broken, f"{page.name}: images that do not load: {broken}"
            expected = len(manifest) if page.name == "index.html" else figures_per_page.get(page.name, 0)
            assert len(images) >= expected, f"{page.name}: {len(images)} images, {expected} figures"
            text = browser.find_element("tag name", "body").text
            assert "Traceback (most recent call last)" not in text and "Error" not in text.split(), page.name
            if page.name == "index.html":
                assert all(f'href="{path.stem}.html"' in browser.page_source for path in NOTEBOOKS)
                screenshot = paths.PROJECT_ROOT / "build" / "site-screenshot.png"
                screenshot.parent.mkdir(exist_ok=True)
                browser.save_screenshot(str(screenshot))
                assert screenshot.stat().st_size > 10_000
    finally:
        browser.quit()
