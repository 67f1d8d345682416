"""The classroom exercises in exercises/: `exercises/build.py` makes, with otter-grader, a student notebook without
solutions or hidden tests and an autograder from each instructor notebook; every solution passes every test; a
released notebook fails its checks without crashing; wrong answers are caught; the autograder grades offline; and a
student needs nothing but exercises/requirements-student.txt.

The exercises are built once per session into a temporary folder. The fresh virtual environment is created in the
background while they build; its test skips only when the package registry cannot be reached."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import paths

EXERCISES_DIR = paths.PROJECT_ROOT / "exercises"
NAMES = sorted(p.stem for p in EXERCISES_DIR.glob("*.ipynb"))
STUDENT_REQUIREMENTS = EXERCISES_DIR / "requirements-student.txt"
FRESH_VENV_EXERCISE = "03_un_vote_blocs"  # the one needing most (scipy, scikit-learn, matplotlib)
UNREACHABLE = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ConnectTimeout",
    "ProxyError",
)
# Loaded by every Python process of the grading run, the kernel included: no connection leaves the machine.
OFFLINE_GUARD = """
import ipaddress, socket
_connect = socket.socket.connect
def _local_only(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = host == "localhost"
        if not local:
            raise OSError(f"offline grading: connection to {address} refused")
    return _connect(self, address)
socket.socket.connect = _local_only
"""
GRADE_SCRIPT = """
import json, socket, sys
from otter.api import grade_submission
try:  # the guard must be active before anything is graded
    socket.create_connection(("192.0.2.1", 80), timeout=1)
except OSError as error:
    assert "offline grading" in str(error), error
else:
    raise AssertionError("the offline guard is not active")
results = {}
for submission, autograder in json.loads(sys.argv[1]):
    graded = grade_submission(submission, autograder, quiet=True)
    results[submission] = {name: [graded.get_score(name), graded.get_result(name).possible]
                           for name in graded.results}
print("RESULTS=" + json.dumps(results))
"""


# ---------------------------------------------------------------------------------------------------- helpers


def cells(notebook: Path) -> list:
    return nbformat.read(notebook, as_version=4).cells


def config_of(notebook: Path) -> dict:
    raw = next(c.source for c in cells(notebook) if c.cell_type == "raw" and "# ASSIGNMENT CONFIG" in c.source)
    return yaml.safe_load(raw)


def questions_of(notebook: Path) -> dict[str, dict]:
    """Each question's config, plus its solution cells and its public and hidden test cells."""
    found, current, block = {}, None, None
    for cell in cells(notebook):
        source = cell.source.strip()
        if cell.cell_type == "raw" and source.startswith("# BEGIN QUESTION"):
            current = yaml.safe_load(source.split("\n", 1)[1])
            current.update(solutions=[], public=[], hidden=[])
            found[current["name"]] = current
        elif cell.cell_type == "raw" and source in ("# BEGIN SOLUTION", "# BEGIN TESTS"):
            block = source.split()[-1]
        elif cell.cell_type == "raw" and source.startswith("# END"):
            block = None
        elif block == "SOLUTION":
            current["solutions"].append(cell)
        elif block == "TESTS":
            current["hidden" if "hidden: true" in source else "public"].append(source)
    return found


def autograded(notebook: Path) -> dict[str, dict]:
    return {name: q for name, q in questions_of(notebook).items() if not q.get("manual")}


def solution_lines(question: dict) -> list[str]:
    """The code a student must not see: lines marked `# SOLUTION` and lines inside `# BEGIN SOLUTION` blocks."""
    lines, inside = [], False
    for cell in question["solutions"]:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            marker = line.strip()
            if marker.startswith("# BEGIN SOLUTION"):
                inside = True
            elif marker.startswith("# END SOLUTION"):
                inside = False
            elif line.rstrip().endswith("# SOLUTION"):
                lines.append(line.rsplit("# SOLUTION", 1)[0].strip())
            elif inside and marker and not marker.startswith("#"):
                lines.append(marker)
    return lines


def statements_of_test(source: str) -> list[str]:
    """A test cell's function name and its assertions, normalised (otter stores tests as re-printed source)."""
    function = next(node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))
    return [function.name, *(ast.unparse(node) for node in ast.walk(function) if isinstance(node, ast.Assert))]


def student_text(notebook: Path) -> str:
    """Everything a student receives in the notebook: its cells and the tests stored in its metadata, re-printed."""
    node = nbformat.read(notebook, as_version=4)
    tests = node.metadata.get("otter", {}).get("tests", {})
    stored = [ast.unparse(ast.parse(test)) for test in tests.values()]
    return "\n".join([*(cell.source for cell in node.cells), *stored, json.dumps(node.metadata)])


def filled_in(built: Path, name: str) -> nbformat.NotebookNode:
    """The released student notebook with every answer cell filled in from the solutions, as a student would."""
    student = nbformat.read(built / name / "student" / f"{name}.ipynb", as_version=4)
    solutions = [
        cell
        for cell in nbformat.read(built / name / "autograder" / f"{name}.ipynb", as_version=4).cells
        if "otter_assign_solution_cell" in cell.metadata.get("tags", [])
    ]
    code_solutions = iter(cell for cell in solutions if cell.cell_type == "code")
    for cell in student.cells:
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            cell.source = next(code_solutions).source if cell.cell_type == "code" else "My interpretation: …"
    assert next(code_solutions, None) is None, f"{name}: answer cells and solution cells do not pair up"
    return student


def check_cell(questions: list[str]) -> nbformat.NotebookNode:
    """A last cell reporting, for each question, the share of its tests that pass in the notebook's own checks."""
    return nbformat.v4.new_code_cell(
        "import json, sys\n"
        f"print('CHECKS=' + json.dumps({{'python': sys.executable, "
        f"'grades': {{q: grader.check(q).grade for q in {questions!r}}}}}))"
    )


def reported(notebook: nbformat.NotebookNode, key: str) -> dict:
    text = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    return json.loads(text.split(f"{key}=", 1)[1].splitlines()[0])


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    NotebookClient(
        notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(folder)}}
    ).execute()
    return notebook


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return env | {"MPLBACKEND": "Agg"} | extra


# ---------------------------------------------------------------------------------------------------- fixtures


def _make_student_venv(folder: Path) -> tuple[Path | None, str]:
    """python -m venv + pip install -r requirements-student.txt, nothing else. (python, log); python is None on
    failure."""
    venv = folder / "student-venv"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", str(STUDENT_REQUIREMENTS)],
    ]
    log = ""
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, env=clean_env(), cwd=folder)
        log += result.stdout + result.stderr
        if result.returncode != 0:
            return None, log
    return venv / "bin" / "python", log


@pytest.fixture(scope="session")
def student_venv(tmp_path_factory) -> Future:
    """Started first and left to run in the background while the exercises build."""
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(_make_student_venv, tmp_path_factory.mktemp("venv"))
    yield future
    pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def built(student_venv, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("exercises")
    result = subprocess.run(
        [sys.executable, str(EXERCISES_DIR / "build.py"), "--output", str(output)],
        capture_output=True,
        text=True,
        cwd=paths.PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def grades(built, tmp_path_factory) -> dict[str, dict[str, list[float]]]:
    """Grade, with each exercise's autograder zip and no network, every filled-in submission and two wrong ones."""
    folder = tmp_path_factory.mktemp("submissions")
    jobs = {}
    for name in NAMES:
        notebook = filled_in(built, name)
        wrong = {
            # counts states instead of messages: passes the public check, fails the hidden one
            "01_founding_day_2024": ("n_messages_2024 = len(in_2024)", "n_messages_2024 = len(senders_2024)"),
            # forgets that a same-day message is an answer: 0.25 instead of 0.75 for 2024
            "02_silence_and_reciprocity": ("(dprk_to_china.date >= day)", "(dprk_to_china.date > day)"),
        }.get(name)
        submissions = {name: notebook}
        if wrong:
            mistaken = nbformat.from_dict(json.loads(json.dumps(notebook)))
            changed = [cell for cell in mistaken.cells if wrong[0] in cell.source]
            assert len(changed) == 1, f"{name}: the solution no longer contains {wrong[0]!r}"
            changed[0].source = changed[0].source.replace(*wrong)
            submissions[f"{name}-wrong"] = mistaken
        autograder = next((built / name / "autograder").glob("*-autograder_*.zip"))
        for label, submission in submissions.items():
            path = folder / f"{label}.ipynb"
            nbformat.write(submission, path)
            jobs[label] = (str(path), str(autograder))
    guard = folder / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(OFFLINE_GUARD)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}  # no way out through a proxy either
    env |= {"PYTHONPATH": str(guard), "MPLBACKEND": "Agg"}
    halves = [list(jobs.values())[::2], list(jobs.values())[1::2]]  # two graders side by side
    graders = [
        subprocess.Popen(
            [sys.executable, "-c", GRADE_SCRIPT, json.dumps(half)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=folder,
            env=env,
        )
        for half in halves
    ]
    by_path = {}
    for grader in graders:
        out, err = grader.communicate()
        assert grader.returncode == 0 and "RESULTS=" in out, out[-3000:] + err[-3000:]
        by_path |= json.loads(out.split("RESULTS=", 1)[1])
    return {label: by_path[path] for label, (path, _) in jobs.items()}


# ---------------------------------------------------------------------------------------------------- tests


def test_student_requirements_are_pinned_to_the_lock():
    lock = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (paths.PROJECT_ROOT / "requirements.txt").read_text(), re.M))
    pins = [line.split("#")[0].strip() for line in STUDENT_REQUIREMENTS.read_text().splitlines()]
    pins = [pin for pin in pins if pin]
    assert pins, "requirements-student.txt is empty"
    for pin in pins:
        name, _, version = pin.partition("==")
        assert version, f"{pin}: pin an exact version"
        assert lock.get(name) == version, f"{pin}: requirements.txt pins {name}=={lock.get(name)}"
    assert {"otter-grader", "pandas"} <= {pin.partition("==")[0] for pin in pins}


def test_exercises_have_questions_public_and_hidden_tests_and_a_written_answer():
    assert len(NAMES) >= 5
    manual = 0
    for name in NAMES:
        notebook = EXERCISES_DIR / f"{name}.ipynb"
        questions = questions_of(notebook)
        assert 2 <= len(autograded(notebook)) <= 5, name
        for question in autograded(notebook).values():
            assert question["public"] and question["hidden"], f"{name} {question['name']}: public and hidden tests"
            assert solution_lines(question), f"{name} {question['name']}: no solution lines"
        manual += sum(bool(q.get("manual")) for q in questions.values())
        assert config_of(notebook)["tests"]["ok_format"] is False, name
    assert manual >= 1


def test_build_writes_student_and_autograder_folders_with_the_data(built):
    for name in NAMES:
        files = config_of(EXERCISES_DIR / f"{name}.ipynb")["files"]
        for part in ("student", "autograder"):
            folder = built / name / part
            assert (folder / f"{name}.ipynb").is_file(), f"{name}/{part}"
            missing = [file for file in files if not (folder / file).is_file()]
            assert missing == [], f"{name}/{part}: {missing}"
        assert len(list((built / name / "autograder").glob(f"{name}-autograder_*.zip"))) == 1


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_holds_no_solution_and_no_hidden_test(built, name):
    text = student_text(built / name / "student" / f"{name}.ipynb")
    for marker in ("# BEGIN SOLUTION", "# SOLUTION", "BEGIN TEST CONFIG", "hidden: true", "Model answer"):
        assert marker not in text, f"{name}: {marker!r} reached the student's copy"
    for question in questions_of(EXERCISES_DIR / f"{name}.ipynb").values():
        for line in solution_lines(question):
            assert line not in text, f"{name} {question['name']}: solution line {line!r} in the student's copy"
        for test in question["hidden"]:
            for statement in statements_of_test(test):
                assert statement not in text, f"{name} {question['name']}: hidden test {statement!r} leaked"
        for test in question["public"]:
            assert statements_of_test(test)[0] in text, f"{name} {question['name']}: public test missing"


@pytest.mark.parametrize("name", NAMES)
def test_released_notebook_runs_to_the_end_and_fails_its_checks(built, name, tmp_path):
    folder = tmp_path / name
    shutil.copytree(built / name / "student", folder)
    notebook = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    questions = sorted(autograded(EXERCISES_DIR / f"{name}.ipynb"))
    notebook.cells.append(check_cell(questions))
    grades = reported(execute(notebook, folder), "CHECKS")["grades"]  # execute() raises if any cell fails
    assert set(grades) == set(questions)
    assert all(grade < 1 for grade in grades.values()), grades


@pytest.mark.parametrize("name", NAMES)
def test_autograder_gives_a_filled_in_submission_full_marks_offline(grades, name):
    scores = grades[name]
    assert set(scores) == set(autograded(EXERCISES_DIR / f"{name}.ipynb"))
    assert all(score == possible > 0 for score, possible in scores.values()), scores


def test_autograder_catches_wrong_answers_that_pass_the_public_checks(grades):
    founding, silence = grades["01_founding_day_2024-wrong"], grades["02_silence_and_reciprocity-wrong"]
    assert founding["q1"][0] < founding["q1"][1] and silence["q3"][0] < silence["q3"][1]
    for scores, wrong in ((founding, "q1"), (silence, "q3")):
        others = {q: s for q, s in scores.items() if q != wrong}
        assert all(score == possible for score, possible in others.values()), others


def test_a_student_needs_only_the_student_requirements(student_venv, built, tmp_path):
    """A fresh virtual environment with only requirements-student.txt runs a filled-in exercise; its checks pass."""
    python, log = student_venv.result()
    if python is None:
        if any(sign in log for sign in UNREACHABLE):
            pytest.skip("the package registry cannot be reached: " + log.strip().splitlines()[-1][:200])
        pytest.fail("pip install -r exercises/requirements-student.txt failed:\n" + log[-3000:])
    name = FRESH_VENV_EXERCISE
    folder = tmp_path / name
    shutil.copytree(built / name / "student", folder)
    notebook = filled_in(built, name)
    notebook.cells.append(check_cell(sorted(autograded(EXERCISES_DIR / f"{name}.ipynb"))))
    nbformat.write(notebook, folder / f"{name}.ipynb")
    runner = textwrap.dedent(f"""
        import nbformat
        from nbclient import NotebookClient
        notebook = nbformat.read({name!r} + ".ipynb", as_version=4)
        client = NotebookClient(notebook, kernel_name="python3", timeout=300, resources={{"metadata": {{"path": "."}}}})
        client.execute()
        nbformat.write(notebook, "executed.ipynb")
    """)
    result = subprocess.run([str(python), "-c", runner], capture_output=True, text=True, cwd=folder, env=clean_env())
    assert result.returncode == 0, result.stderr[-3000:]
    checks = reported(nbformat.read(folder / "executed.ipynb", as_version=4), "CHECKS")
    assert Path(checks["python"]).parent == python.parent, "the kernel must be the fresh environment's Python"
    assert checks["grades"] and all(grade == 1 for grade in checks["grades"].values()), checks["grades"]
    imported = subprocess.run([str(python), "-c", "import helpers"], capture_output=True, text=True, cwd=folder)
    assert imported.returncode != 0, "the fresh environment must not have the project's package"


def _build_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("exercise_build", EXERCISES_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_expected_values_are_computed_by_the_model_solution(tmp_path):
    import numpy as np

    build = _build_module()
    assert build.literal({"b", "a"}) == "{'a', 'b'}" and build.literal(set()) == "set()"
    assert build.literal({2024: np.int64(252), 2025: 0.25}) == "{2024: 252, 2025: 0.25}"
    assert build.literal(("VNM", np.int64(2020))) == "('VNM', 2020)" and build.literal((1,)) == "(1,)"
    with pytest.raises(ValueError, match="cannot write"):
        build.literal(object())
    (tmp_path / "counts.csv").write_text("state,n\nCHN,3\nRUS,5\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import pandas as pd\ncounts = pd.read_csv('counts.csv')\ntotal = counts.n.sum()"),
        nbformat.v4.new_code_cell(
            '""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\ndef test_q1(total, counts):\n'
            "    assert int(total) == {{ int(total) }}\n    assert set(counts.state) == {{ set(counts.state) }}"
        ),
    ]
    path = tmp_path / "exercise.ipynb"
    nbformat.write(notebook, path)
    assert build.fill_expected(path) == 2
    test_cell = nbformat.read(path, as_version=4).cells[1].source
    assert "assert int(total) == 8\n" in test_cell and "assert set(counts.state) == {'CHN', 'RUS'}" in test_cell
    assert "{{" not in test_cell


def test_built_autograders_hold_no_unfilled_expression(built):
    for name in NAMES:
        text = (built / name / "autograder" / f"{name}.ipynb").read_text()
        assert "{{" not in text, name
