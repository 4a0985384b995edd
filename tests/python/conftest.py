import importlib.util
import signal
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly in a user's clone."""
    if not (SHARED / "gold" / "seed_sentences.tsv").exists():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def peers_dir() -> Path:
    """../shared/peers (SentiWS, BPW); tests that need it skip cleanly when it is absent."""
    if not (SHARED / "peers" / "sentiws").is_dir() or not (SHARED / "peers" / "bpw").is_dir():
        pytest.skip("../shared/peers is not present (a user's clone has none)")
    return SHARED / "peers"


def load_script(relative: str) -> ModuleType:
    """A script of the checkout (scripts/..., not a package module) imported as a module, for its tests."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True, scope="session")
def _sigint_raises_keyboardinterrupt():
    """Python raises KeyboardInterrupt on SIGINT only when SIGINT was not ignored at its start; a shell that
    runs the test command in the background without job control (`./scripts/test.sh &` in a script, some CI
    runners) starts it ignored. The interrupt tests send SIGINT to this process and need the usual handler;
    the previous disposition is restored afterwards."""
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, previous)
