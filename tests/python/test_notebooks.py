"""Every notebook in notebooks/ runs top to bottom (so none can rot), and they are stored without outputs."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def execute(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def outputs(nb):
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def test_there_are_notebooks():
    assert {p.stem for p in NOTEBOOKS} >= {"quickstart", "barometer", "custom-lexicon", "indices"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path):
    nb = execute(path)  # raises CellExecutionError naming the failing cell
    assert not [o for o in outputs(nb) if o.output_type == "error"]
    if path.stem == "barometer":
        html = [o["data"]["text/html"] for o in outputs(nb) if "text/html" in o.get("data", {})]
        assert any('<mark class="stimmung-cue' in h and "stimmung-bar" in h for h in html)
        assert any("image/png" in o.get("data", {}) for o in outputs(nb))
    if path.stem == "indices":
        # Two plots (index over documents per point), and the printed top months are the injected episodes.
        assert sum("image/png" in o.get("data", {}) for o in outputs(nb)) == 2
        text = "".join(o.get("text", "") for o in outputs(nb) if o.output_type == "stream")
        assert "bubble: top months 2024-03, 2024-04, 2024-05; injected 2024-03, 2024-04, 2024-05" in text
        assert "nervousness: top months 2025-02, 2025-03; injected 2025-02, 2025-03" in text
