import functools
import hashlib
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import paths, sources
from helpers.sources import SourceError

PAYLOAD = b"synthetic test payload: not real data\n" * 100
PAYLOAD_SHA = hashlib.sha256(PAYLOAD).hexdigest()


def write_registry(tmp_path: Path, url: str, sha: str) -> Path:
    registry = tmp_path / "sources.toml"
    registry.write_text(
        f'[sources.sample]\npath = "sample/file.bin"\nurl = "{url}"\nsha256 = "{sha}"\n'
        'licence = "CC0"\ndescription = "synthetic"\ncitation = "none"\n'
    )
    return registry


def test_registry_lists_every_source_with_pinned_url_and_checksum():
    registry = sources.registry()
    assert set(registry) == {
        "kcna_headlines",
        "kcna_stories_2011",
        "kcna_stories_2012",
        "un_votes",
        "un_roll_calls",
        "un_roll_call_issues",
        "qss_unvoting",
        "un_ideal_points",
    }
    for source in registry.values():
        assert len(source.sha256) == 64 and int(source.sha256, 16) >= 0
        assert source.url.startswith("https://github.com/")
        assert "/raw/" in source.url and len(source.url.split("/raw/")[1].split("/")[0]) == 40  # a commit, not a branch
        assert source.licence and source.citation


def test_mirror_copy_is_verified(tmp_path, monkeypatch):
    (tmp_path / "mirror" / "sample").mkdir(parents=True)
    (tmp_path / "mirror" / "sample" / "file.bin").write_bytes(PAYLOAD)
    monkeypatch.setenv("HELPERS_DATA_MIRROR", str(tmp_path / "mirror"))
    registry = write_registry(tmp_path, "https://example.invalid/file.bin", PAYLOAD_SHA)
    assert sources.fetch("sample", sources_file=registry) == tmp_path / "mirror" / "sample" / "file.bin"


def test_corrupt_mirror_copy_names_file_and_both_checksums(tmp_path, monkeypatch):
    corrupt = bytearray(PAYLOAD)
    corrupt[10] ^= 0xFF
    (tmp_path / "mirror" / "sample").mkdir(parents=True)
    (tmp_path / "mirror" / "sample" / "file.bin").write_bytes(bytes(corrupt))
    monkeypatch.setenv("HELPERS_DATA_MIRROR", str(tmp_path / "mirror"))
    registry = write_registry(tmp_path, "https://example.invalid/file.bin", PAYLOAD_SHA)
    with pytest.raises(SourceError) as error:
        sources.fetch("sample", sources_file=registry)
    message = str(error.value)
    assert "sample/file.bin" in message
    assert PAYLOAD_SHA in message
    assert hashlib.sha256(bytes(corrupt)).hexdigest() in message


def test_missing_mirror_file_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_DATA_MIRROR", str(tmp_path))
    registry = write_registry(tmp_path, "https://example.invalid/file.bin", PAYLOAD_SHA)
    with pytest.raises(SourceError, match=r"sample/file.bin is missing from the mirror folder"):
        sources.fetch("sample", sources_file=registry)


def test_unknown_source_is_named():
    with pytest.raises(SourceError, match="unknown source 'nope'"):
        sources.fetch("nope")


def test_relative_mirror_path_counts_from_project_root(monkeypatch):
    monkeypatch.setenv("HELPERS_DATA_MIRROR", "some/folder")
    assert paths.mirror_dir() == paths.PROJECT_ROOT / "some" / "folder"


@pytest.fixture
def loopback_server(tmp_path):
    """Serves tmp_path/www on 127.0.0.1 for download tests."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_verifies_and_caches(tmp_path, monkeypatch, loopback_server):
    root, base = loopback_server
    (root / "file.bin").write_bytes(PAYLOAD)
    monkeypatch.delenv("HELPERS_DATA_MIRROR", raising=False)
    monkeypatch.setenv("HELPERS_DATA_CACHE", str(tmp_path / "cache"))
    registry = write_registry(tmp_path, f"{base}/file.bin", PAYLOAD_SHA)
    path = sources.fetch("sample", sources_file=registry)
    assert path == tmp_path / "cache" / "sample" / "file.bin"
    assert path.read_bytes() == PAYLOAD
    (root / "file.bin").unlink()  # a second fetch must use the verified cache
    assert sources.fetch("sample", sources_file=registry) == path


def test_download_with_wrong_checksum_leaves_no_file(tmp_path, monkeypatch, loopback_server):
    root, base = loopback_server
    (root / "file.bin").write_bytes(PAYLOAD[:-100])  # a truncated file
    monkeypatch.delenv("HELPERS_DATA_MIRROR", raising=False)
    monkeypatch.setenv("HELPERS_DATA_CACHE", str(tmp_path / "cache"))
    registry = write_registry(tmp_path, f"{base}/file.bin", PAYLOAD_SHA)
    with pytest.raises(SourceError, match="does not match the pinned checksum"):
        sources.fetch("sample", sources_file=registry)
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] if (tmp_path / "cache").exists() else []
    assert leftovers == []


def test_fetch_command_exits_nonzero_on_corrupt_mirror(tmp_path):
    mirror = tmp_path / "mirror"
    shared = paths.mirror_dir()
    assert shared is not None, "the tests read the raw sources from HELPERS_DATA_MIRROR"
    shutil.copytree(shared / "qss", mirror / "qss")
    target = mirror / "qss" / "unvoting.csv"
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[100] = (data[100] + 1) % 256
    target.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-m", "helpers.sources", "fetch", "qss_unvoting"],
        capture_output=True,
        text=True,
        env={**_env(), "HELPERS_DATA_MIRROR": str(mirror)},
    )
    assert result.returncode == 1
    assert "qss/unvoting.csv" in result.stderr
    assert sources.registry()["qss_unvoting"].sha256 in result.stderr
    assert hashlib.sha256(bytes(data)).hexdigest() in result.stderr


def _env():
    import os

    return dict(os.environ)
