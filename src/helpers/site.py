"""The HTML edition: every executed notebook as a page, a contents page, and the figures.

    python -m helpers.site                # from build/notebooks/ (run `make figures` first) into build/site/

Pages are rendered with nbconvert from the notebooks executed in this run, never from a cache; a notebook with an
error output is refused, so a broken notebook cannot reach readers.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

from . import paths

SITE_DIR = paths.PROJECT_ROOT / "build" / "site"
EXECUTED_DIR = paths.PROJECT_ROOT / "build" / "notebooks"
TITLE = "Leaders' messages as signals of relations between states"

_STYLE = """
body.contents { font-family: system-ui, sans-serif; max-width: 58rem; margin: 2rem auto; padding: 0 1rem;
                line-height: 1.5; color: #222; }
.contents h1 { font-size: 1.6rem; } .contents li { margin: 0.6rem 0; } .contents .question { color: #444; }
.contents figure { display: inline-block; width: 30%; margin: 0.5rem 1%; vertical-align: top; font-size: 0.8rem; }
.contents figure img { width: 100%; border: 1px solid #ddd; }
nav.edition { font-family: system-ui, sans-serif; font-size: 0.9rem; padding: 0.5rem 1rem;
              border-bottom: 1px solid #ddd; background: #f7f7f7; }
nav.edition a { margin-right: 1.2rem; }
"""


class BrokenNotebook(RuntimeError):
    """An executed notebook holds an error output."""


def notebook_summary(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """Title (the first heading) and question (the paragraph starting **Question.**) of a notebook.

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> notebook_summary(new_notebook(cells=[new_markdown_cell("# 09 · Title\\n\\n**Question.** Why?\\n\\nMore.")]))
    ('09 · Title', 'Why?')
    """
    text = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    title = re.search(r"^# (.+)$", text, flags=re.M)
    question = re.search(r"\*\*Question\.\*\*\s*(.+?)(?:\n\n|$)", text, flags=re.S)
    return (title.group(1).strip() if title else ""), (" ".join(question.group(1).split()) if question else "")


def error_outputs(notebook: nbformat.NotebookNode) -> list[int]:
    """Indices of code cells with an error output.

    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> cell = new_code_cell("1/0", outputs=[new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])])
    >>> error_outputs(new_notebook(cells=[new_code_cell("1"), cell]))
    [1]
    """
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and any(output.output_type == "error" for output in cell.get("outputs", []))
    ]


def _navigation(pages: list[str], index: int) -> str:
    links = ['<a href="index.html">Contents</a>']
    if index > 0:
        links.append(f'<a href="{pages[index - 1]}">← {html.escape(Path(pages[index - 1]).stem)}</a>')
    if index < len(pages) - 1:
        links.append(f'<a href="{pages[index + 1]}">{html.escape(Path(pages[index + 1]).stem)} →</a>')
    return f'<nav class="edition">{"".join(links)}</nav>'


def build_site(
    executed_dir: Path = EXECUTED_DIR, site_dir: Path = SITE_DIR, figures_dir: Path | None = None
) -> list[Path]:
    """Render every executed notebook of `executed_dir` to `site_dir`, with a contents page and the PNG figures;
    returns the pages written (contents first)."""
    from nbconvert import HTMLExporter

    notebooks = sorted(executed_dir.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no executed notebooks in {executed_dir}: run `make figures` first")
    figures_dir = Path(figures_dir or paths.figures_dir())
    if site_dir.exists():
        shutil.rmtree(site_dir)
    (site_dir / "figures").mkdir(parents=True)
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    pages = [f"{path.stem}.html" for path in notebooks]
    entries, written = [], []
    for index, path in enumerate(notebooks):
        notebook = nbformat.read(path, as_version=4)
        broken = error_outputs(notebook)
        if broken:
            raise BrokenNotebook(f"{path}: error output in code cell(s) {broken}; the edition is not built")
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        body = body.replace("<body", f"<style>{_STYLE}</style><body", 1)
        opening = re.search(r"<body[^>]*>", body)
        body = body[: opening.end()] + _navigation(pages, index) + body[opening.end() :]
        target = site_dir / pages[index]
        target.write_text(body, encoding="utf-8")
        written.append(target)
        title, question = notebook_summary(notebook)
        entries.append(
            f'<li><a href="{pages[index]}">{html.escape(title or path.stem)}</a>'
            f'<div class="question">{html.escape(question)}</div></li>'
        )
    gallery = []
    for figure in sorted(figures_dir.glob("*.png")):
        shutil.copyfile(figure, site_dir / "figures" / figure.name)
        gallery.append(
            f'<figure><a href="figures/{figure.name}"><img src="figures/{figure.name}" alt="{figure.stem}"></a>'
            f"<figcaption>{figure.stem} (also as PDF and SVG in figures/)</figcaption></figure>"
        )
    contents = site_dir / "index.html"
    contents.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>'
        f'<style>{_STYLE}</style></head><body class="contents"><h1>{html.escape(TITLE)}</h1>'
        "<p>The notebooks of the collection, executed from the committed data, in reading order. Every number in "
        "them is computed; each ends with an Answer and its caveats.</p>"
        f"<ol>{''.join(entries)}</ol><h2>Figures</h2>{''.join(gallery)}</body></html>\n",
        encoding="utf-8",
    )
    return [contents, *written]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.site", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--executed-dir", type=Path, default=EXECUTED_DIR)
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    args = parser.parse_args(argv)
    pages = build_site(args.executed_dir, args.site_dir)
    print(f"wrote {len(pages)} pages to {args.site_dir} (open {pages[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
