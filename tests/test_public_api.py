"""The package's front door: the public API, the notebooks' use of it, the declared layers and the code style."""

import ast
import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import helpers
from helpers import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
BIN = Path(sys.executable).parent
# What notebooks may not do: read project files themselves or reach around the public API.
FORBIDDEN_CALLS = {"read_csv", "read_parquet", "read_excel", "read_json", "read_table", "open", "__import__", "Path"}
FORBIDDEN_IMPORTS = {"pathlib", "os", "helpers.paths"}


def notebook_code(notebook: Path) -> str:
    cells = nbformat.read(notebook, as_version=4).cells
    return "\n".join(cell.source for cell in cells if cell.cell_type == "code")


def api_violations(code: str) -> list[str]:
    """What a notebook's code does that the notebooks' rule forbids (an empty list when it keeps to it)."""
    problems = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in FORBIDDEN_CALLS:
                problems.append(f"line {node.lineno}: calls {name}()")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in FORBIDDEN_IMPORTS or (alias.name.startswith("helpers.")):
                    problems.append(f"line {node.lineno}: imports {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module in FORBIDDEN_IMPORTS or module.startswith("helpers"):
                problems.append(f"line {node.lineno}: imports from {module}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "helpers":
            if node.attr not in helpers.PUBLIC_API:
                problems.append(f"line {node.lineno}: helpers.{node.attr} is not in helpers.PUBLIC_API")
    return problems


def test_public_api_resolves_and_every_function_has_an_example():
    missing = [name for name in helpers.PUBLIC_API if ">>>" not in (inspect.getdoc(getattr(helpers, name)) or "")]
    assert missing == []
    assert set(helpers.PUBLIC_API) <= set(dir(helpers))


def test_unknown_public_name_is_a_clear_error():
    with pytest.raises(AttributeError, match="load_mesages"):
        helpers.load_mesages  # noqa: B018


@pytest.mark.parametrize(
    "code, expected",
    [
        ("import pandas as pd\npd.read_csv('../data/processed/kcna_messages.csv')", ["line 2: calls read_csv()"]),
        ("import helpers\nhelpers.paths.PROCESSED_DIR", ["line 2: helpers.paths is not in helpers.PUBLIC_API"]),
        ("x = __import__('helpers').paths", ["line 1: calls __import__()"]),
        ("from helpers.messages import load_messages", ["line 1: imports from helpers.messages"]),
        ("import helpers\nmessages = helpers.load_messages()", []),
    ],
)
def test_notebook_rule_checker_catches_each_way_around_the_api(code, expected):
    assert api_violations(code) == expected


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_use_only_the_public_api(notebook):
    assert api_violations(notebook_code(notebook)) == []


def run_tool(*args: str) -> subprocess.CompletedProcess:
    tool = BIN / args[0]
    if not tool.exists():
        found = shutil.which(args[0])
        assert found, f"{args[0]} is not installed (make setup)"
        tool = Path(found)
    return subprocess.run([str(tool), *args[1:]], cwd=paths.PROJECT_ROOT, capture_output=True, text=True)


def test_declared_layers_hold():
    result = run_tool("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    # Copy the package, add one import from a low layer (countries) to a high one (messages): the contract must fail.
    copy = tmp_path / "src"
    shutil.copytree(paths.PROJECT_ROOT / "src" / "helpers", copy / "helpers")
    shutil.copy(paths.PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    countries = copy / "helpers" / "countries.py"
    countries.write_text(countries.read_text() + "\n\ndef _upward():\n    from . import messages  # noqa\n")
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--config", str(tmp_path / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(copy), "PATH": str(BIN)},
    )
    assert result.returncode != 0
    assert "helpers.countries -> helpers.messages" in result.stdout


def test_code_style():
    targets = ["src", "tests", "benchmarks"]
    check = run_tool("ruff", "check", *targets)
    assert check.returncode == 0, check.stdout
    formatted = run_tool("ruff", "format", "--check", *targets)
    assert formatted.returncode == 0, formatted.stdout


def test_no_module_over_500_lines():
    sizes = {
        p.relative_to(paths.PROJECT_ROOT).as_posix(): len(p.read_text().splitlines())
        for p in (paths.PROJECT_ROOT / "src" / "helpers").rglob("*.py")
    }
    assert max(sizes.values()) <= 500, {k: v for k, v in sizes.items() if v > 500}


AUDIT_CELL = """
import sys, json, pathlib
_opened = []
def _audit(event, args):
    if event == "open" and isinstance(args[0], (str, pathlib.Path)):
        _opened.append((str(args[0]), str(args[1])))
sys.addaudithook(_audit)
"""
REPORT_CELL = "print('OPENED=' + json.dumps(_opened))"


def test_manifest_lists_exactly_the_data_files_a_notebook_read(tmp_path, monkeypatch):
    """Run notebook 02 with an audit hook on every file open; each figure's manifest inputs must be the data files
    opened before that figure was saved, no more and no fewer."""
    from nbclient import NotebookClient

    from helpers import provenance

    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path))
    notebook = nbformat.read(paths.NOTEBOOKS_DIR / "02_extracting_messages.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(AUDIT_CELL))
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT_CELL))
    NotebookClient(
        notebook, kernel_name="python3", resources={"metadata": {"path": str(paths.NOTEBOOKS_DIR)}}
    ).execute()
    output = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    opened = json.loads(output.split("OPENED=", 1)[1])

    manifest_file = (tmp_path / "manifest.json").resolve()
    data_roots = [
        paths.PROJECT_ROOT / "data",
        paths.TEST_DATA_DIR,
        paths.PROJECT_ROOT / "src" / "helpers",
        paths.mirror_dir(),
    ]
    data_roots = [Path(root).resolve() for root in data_roots if root is not None]
    manifest_writes = 0
    expected_per_figure = []
    read_so_far: set[str] = set()
    for name, mode in opened:
        path = Path(name).resolve() if Path(name).is_absolute() else (paths.NOTEBOOKS_DIR / name).resolve()
        if path == manifest_file and "w" in mode:
            manifest_writes += 1
            expected_per_figure.append(set(read_so_far))
        elif path.suffix in {".csv", ".toml", ".rda", ".rds"} and any(path.is_relative_to(r) for r in data_roots):
            if "r" in mode:
                read_so_far.add(provenance.label(path))
    manifest = json.loads(manifest_file.read_text())
    assert manifest_writes == len(manifest) >= 2
    # Inputs accumulate as the notebook reads more, so ordering both lists by size pairs each figure with its save.
    recorded_sets = sorted((set(manifest[n]["inputs"]) for n in manifest), key=len)
    assert recorded_sets == sorted(expected_per_figure, key=len)
    assert all(entry["notebook"] == "notebooks/02_extracting_messages.ipynb" for entry in manifest.values())
    assert "data/processed/kcna_messages.csv" in set().union(*recorded_sets)
