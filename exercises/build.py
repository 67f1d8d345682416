"""Build the classroom exercises: a data extract for each, then `otter assign`.

    .venv/bin/python exercises/build.py                 # every exercise, into build/exercises/
    .venv/bin/python exercises/build.py 02_silence_and_reciprocity --output /tmp/exercises

For every instructor notebook `exercises/<name>.ipynb` this writes

    <output>/<name>/source/       the instructor notebook and the small CSV files it reads
    <output>/<name>/student/      the notebook to hand out (no solutions, no hidden tests) with its data
    <output>/<name>/autograder/   the solutions notebook and <name>-autograder_<time>.zip (for `otter run`)

The extracts are made through the public API of `helpers` only, so students need neither the package nor the raw
sources. They are derived copies and stay in build/ (never committed). `otter assign` runs every solution against
every test and fails the build when one does not pass.

Values that follow from the data are not typed into the hidden tests: a test writes `{{ expression }}` and the build
runs the model solution on the fresh extracts, evaluates the expression in its namespace and writes the value in
(`fill_expected`). A curation change that moves a number therefore updates the autograder with it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

import helpers

EXERCISES_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = EXERCISES_DIR.parent
DEFAULT_OUTPUT = PROJECT_ROOT / "build" / "exercises"
STUDENT_REQUIREMENTS = EXERCISES_DIR / "requirements-student.txt"

MESSAGE_COLUMNS = (
    "date sender_country sender_name sender_role recipient_country recipient_name kind occasion anniversary_number "
    "warmth_terms date_kind provenance source_url"
).split()
UN_YEARS = range(2010, 2020)  # sessions 65-74: the last ten sessions in the votes
# the DPRK, its partners in the messages, and states from every region and bloc
UN_COUNTRIES = (
    "PRK CHN RUS CUB SYR IRN VEN NIC BLR VNM LAO KHM MNG IDN IND PAK EGY DZA ZAF NGA BRA MEX TUR SAU "
    "USA GBR FRA DEU JPN KOR CAN AUS ISR UKR"
).split()


@cache
def messages() -> pd.DataFrame:
    return helpers.load_messages()


def _between(sender: pd.Series, recipient: pd.Series, focal: str, partners: list[str]) -> pd.Series:
    """Rows sent by `focal` to one of `partners` or by one of them to `focal`."""
    return (sender.isin(partners) & (recipient == focal)) | ((sender == focal) & recipient.isin(partners))


def _message_table(rows: pd.DataFrame) -> pd.DataFrame:
    table = rows[MESSAGE_COLUMNS].sort_values(["date", "sender_country", "recipient_country"], kind="stable")
    return table.assign(date=table["date"].dt.strftime("%Y-%m-%d")).reset_index(drop=True)


def founding_day() -> dict[str, pd.DataFrame]:
    """01: the curated messages to the DPRK (2015-2025) and the search log of its founding-day cells."""
    m = messages()
    to_dprk = m[(m.recipient_country == "PRK") & (m.provenance == "curated")]
    coverage = helpers.load_curated("message_coverage")
    coverage = coverage[(coverage.recipient_country == "PRK") & (coverage.occasion == "dprk_founding")]
    coverage = coverage[["sender_country", "recipient_country", "occasion", "year", "status", "note"]]
    return {"messages_to_dprk.csv": _message_table(to_dprk), "founding_day_searches.csv": coverage}


def silence_and_reciprocity() -> dict[str, pd.DataFrame]:
    """02: every China-DPRK message in both directions, and the project's dyad-year indicators for the pair."""
    m = messages()
    pair = m[_between(m.sender_country, m.recipient_country, "PRK", ["CHN"])]
    table = helpers.load_dyad_year_indicators()
    table = table[_between(table.sender, table.recipient, "PRK", ["CHN"])]
    columns = [
        "sender",
        "recipient",
        "year",
        "source",
        "n_messages",
        "n_answered",
        "reciprocity",
        "longest_silence_days",
        "silence_into_year_days",
    ]
    return {
        "china_dprk_messages.csv": _message_table(pair),
        "china_dprk_indicators.csv": table[columns].sort_values(["sender", "year"]).reset_index(drop=True),
    }


def un_vote_blocs() -> dict[str, pd.DataFrame]:
    """03: the votes of 34 states on the contested roll calls of 2010-2019 (unanimous ones left out, as in
    helpers.vote_similarity)."""
    votes = helpers.load_un_votes()
    votes = votes[(votes.session + 1945).isin(UN_YEARS)]
    contested = votes.groupby("rcid")["vote"].nunique() > 1  # judged over the whole Assembly
    votes = votes[votes.rcid.isin(contested[contested].index) & votes.country_iso3.isin(UN_COUNTRIES)]
    votes = votes.drop_duplicates(["rcid", "country_iso3"])
    extract = pd.DataFrame(
        {
            "rcid": votes.rcid,
            "year": votes.session + 1945,
            "country": votes.country_iso3,
            "vote": votes.vote.astype(str),
        }
    )
    return {"un_votes_2010_2019.csv": extract.sort_values(["rcid", "country"]).reset_index(drop=True)}


def figure_claim() -> dict[str, pd.DataFrame]:
    """04: every message between the DPRK and China or Russia, 1997-2025 (the data of figure 04)."""
    m = messages()
    rows = m[_between(m.sender_country, m.recipient_country, "PRK", ["CHN", "RUS"])]
    return {"dprk_china_russia_messages.csv": _message_table(rows)}


def model_surprises() -> dict[str, pd.DataFrame]:
    """05: the expected-message backtest for 2015-2025 (known outcomes), the messages it names, the search log
    and the sourced absences."""
    expected = helpers.load_expected_messages()
    expected = expected[expected.known & (expected.year >= 2015)].drop(columns="known")
    ids = {i for value in expected.message_ids.dropna() for i in str(value).split(";") if i}
    m = messages()
    named = m[m.message_id.isin(ids)]
    sources = named[["message_id", *MESSAGE_COLUMNS]].assign(date=named["date"].dt.strftime("%Y-%m-%d"))
    coverage = helpers.load_curated("message_coverage")
    coverage = coverage[["sender_country", "recipient_country", "occasion", "year", "status", "note"]]
    absences = helpers.load_curated("absences")
    absences = absences.assign(expected_date=absences.expected_date.dt.strftime("%Y-%m-%d"))
    return {
        "expected_messages_2015_2025.csv": expected.reset_index(drop=True),
        "message_sources.csv": sources.sort_values("message_id").reset_index(drop=True),
        "searches.csv": coverage.reset_index(drop=True),
        "absences.csv": absences[
            [
                "expected_date",
                "sender_country",
                "recipient_country",
                "occasion",
                "absence_type",
                "statement",
                "source_url",
            ]
        ],
    }


# exercise name -> the function writing its data (file name -> table); the notebook is exercises/<name>.ipynb
EXERCISES: dict[str, Callable[[], dict[str, pd.DataFrame]]] = {
    "01_founding_day_2024": founding_day,
    "02_silence_and_reciprocity": silence_and_reciprocity,
    "03_un_vote_blocs": un_vote_blocs,
    "04_testing_a_figure": figure_claim,
    "05_model_surprises": model_surprises,
}


def assignment_config(notebook: Path) -> dict:
    """The YAML of the notebook's `# ASSIGNMENT CONFIG` raw cell."""
    for cell in json.loads(notebook.read_text())["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "raw" and source.lstrip().startswith("# ASSIGNMENT CONFIG"):
            return yaml.safe_load(source) or {}
    raise ValueError(f"{notebook.name} has no '# ASSIGNMENT CONFIG' raw cell")


def write_source(name: str, output: Path) -> Path:
    """Copy the instructor notebook and write its data into <output>/<name>/source/; return the notebook's copy."""
    notebook = EXERCISES_DIR / f"{name}.ipynb"
    source = output / name / "source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    written = []
    for file_name, table in EXERCISES[name]().items():
        table.to_csv(source / file_name, index=False, float_format="%.10g")
        written.append(file_name)
    shutil.copy(STUDENT_REQUIREMENTS, source / "requirements.txt")  # the grading environment of the zip
    listed = assignment_config(notebook).get("files", [])
    if sorted(listed) != sorted(written):
        raise ValueError(f"{notebook.name}: the config's files {sorted(listed)} are not the files written {written}")
    shutil.copy(notebook, source / notebook.name)
    return source / notebook.name


EXPECTED = re.compile(r"\{\{(.+?)\}\}")


def literal(value) -> str:
    """Python source for `value` that reads the same on every run (sets sorted, numpy scalars as Python)."""
    if hasattr(value, "item") and not hasattr(value, "__len__"):
        value = value.item()
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(literal(v) for v in value)) + "}" if value else "set()"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        items = ", ".join(literal(v) for v in value)
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' if len(value) == 1 else ''})"
    if isinstance(value, (bool, int, float, str)) or value is None:
        return repr(value)
    raise ValueError(f"cannot write {type(value).__name__} {value!r} into a test")


def _is_test_cell(source: str) -> bool:
    return "# BEGIN TEST CONFIG" in source or source.lstrip().startswith("def test_")


def fill_expected(notebook: Path) -> int:
    """Replace every `{{ expression }}` in the hidden tests of `notebook` (a copy beside its data) by the value the
    model solution gives it; return how many were filled. The solution's code cells run in one namespace, in the
    notebook's folder."""
    content = json.loads(notebook.read_text())
    cells = [c for c in content["cells"] if c["cell_type"] == "code"]
    tokens = [t for c in cells if _is_test_cell(src := "".join(c["source"])) for t in EXPECTED.findall(src)]
    if not tokens:
        return 0
    namespace: dict = {}
    os.environ["MPLBACKEND"] = "Agg"  # this runs in a worker process: no window, no effect on the caller
    cwd = Path.cwd()
    os.chdir(notebook.parent)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in cells:
                source = "".join(cell["source"])
                if not _is_test_cell(source) and not source.lstrip().startswith("%"):
                    exec(compile(source, f"{notebook.name} cell {cell.get('id')}", "exec"), namespace)
    finally:
        os.chdir(cwd)
    values = {}
    for token in tokens:
        try:
            values[token] = literal(eval(token, namespace))
        except Exception as error:
            raise ValueError(f"{notebook.name}: cannot fill {{{{{token}}}}}: {type(error).__name__}: {error}") from None
    for cell in cells:
        source = "".join(cell["source"])
        if _is_test_cell(source):
            cell["source"] = EXPECTED.sub(lambda m: values[m.group(1)], source).splitlines(keepends=True)
    notebook.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n")
    return len(tokens)


def _assign(job: tuple[str, Path, Path]) -> tuple[str, str | None]:
    """Run otter assign on one notebook (in a worker process); return the exercise and the error, if any."""
    import otter.assign

    name, notebook, result = job
    # Everything this worker and the kernels it starts print goes to a log, shown only when the build fails.
    with tempfile.TemporaryFile("w+") as log:
        sys.stdout.flush(), sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(log.fileno(), 1), os.dup2(log.fileno(), 2)
        try:
            fill_expected(notebook)
            otter.assign.main(str(notebook), str(result), no_pdfs=True)
            error = None
        except Exception as raised:  # otter raises RuntimeError when a solution fails a test, others on bad config
            error = f"{type(raised).__name__}: {raised}"
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
        log.seek(0)
        return name, None if error is None else f"{error}\n{log.read()[-5000:]}"


def build(names: list[str], output: Path = DEFAULT_OUTPUT, jobs: int = 2) -> list[Path]:
    """Write the sources of `names`, then run otter assign on them (`jobs` at a time); raise on any failure."""
    import otter.assign  # noqa: F401  (imported once here; the forked workers inherit it)

    jobs_list = [(name, write_source(name, output), output / name) for name in names]
    with multiprocessing.get_context("fork").Pool(min(jobs, len(names))) as pool:
        errors = dict(pool.map(_assign, jobs_list, chunksize=1))
    failed = {name: error for name, error in errors.items() if error}
    if failed:
        raise RuntimeError("otter assign failed:\n" + "\n\n".join(f"== {n}\n{log}" for n, log in failed.items()))
    return [output / name for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"exercises (default: all of {', '.join(EXERCISES)})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(EXERCISES))
    if unknown:
        parser.error(f"unknown exercise(s) {', '.join(unknown)}; known: {', '.join(EXERCISES)}")
    start = time.perf_counter()
    try:
        built = build(args.names or list(EXERCISES), args.output.resolve(), args.jobs)
    except (RuntimeError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for path in built:
        print(f"built {path.name}: {path / 'student'} and {path / 'autograder'}")
    print(f"{len(built)} exercises in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
