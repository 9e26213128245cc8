"""``bvtui serve`` started as a user would, on a free port: the page is served on
127.0.0.1 to the address it printed (with its token), and refused without the token."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bvtui.cli.serve import app_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(store_dir: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``bvtui serve`` running on a free port; the address it printed."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bvtui", "serve", str(store_dir), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=store_dir.parent,
    )
    try:
        url = ""
        assert process.stdout is not None
        for line in process.stdout:  # blocks until the server says where it is
            if "open http" in line:
                url = line.split("open ", 1)[1].strip()
                break
        assert url, "the server ended without printing its address"
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url: str, cookie: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), response.headers["Set-Cookie"] or ""
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), ""


def test_the_page_is_served_with_the_token_and_refused_without(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    url, _process = served
    assert url.startswith("http://127.0.0.1:") and "/?token=" in url
    base, token = url.split("/?token=")
    assert len(token) >= 32
    status, page, cookie = fetch(url)
    assert status == 200
    assert "<html" in page.lower() and "/ws" in page and "bvtui" in page
    assert cookie.startswith(f"bvtui_token={token}") and "HttpOnly" in cookie
    for refused in (base + "/", f"{base}/?token=wrong", f"{base}/static/css/xterm.css"):
        status, text, _ = fetch(refused)
        assert status == 403 and "token" in text, refused
    status, _, _ = fetch(f"{base}/static/css/xterm.css", cookie=f"bvtui_token={token}")
    assert status == 200  # the page's own assets, with the cookie it was given


def listening_addresses(port: int) -> set[str]:
    """The local addresses listening on TCP ``port`` (IPv4 and IPv6), as the kernel lists them."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.add(address)
    return found


def test_it_listens_on_127_0_0_1_only(served: tuple[str, subprocess.Popen[str]]) -> None:
    url, _process = served
    port = int(url.split(":")[2].split("/")[0])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_the_browser_runs_the_app_read_only_unless_edit(store_dir: Path) -> None:
    viewing = app_command(store_dir, edit=False, as_of=None)
    assert viewing.endswith(f"-m bvtui {store_dir} --read-only")
    assert "--read-only" not in app_command(store_dir, edit=True, as_of="2017-09-29")
    odd = store_dir.parent / "plans; rm -rf x"
    assert "'" in app_command(odd, edit=True, as_of=None)  # a folder name is never run
