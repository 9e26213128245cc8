"""``bvtui serve``: the app in a browser through textual-serve, behind a token.

Each browser connection runs the app (``python -m bvtui STORE``) in a process of its
own, which textual-serve speaks to over a websocket; read-only unless ``--edit``.
textual-serve has no hook for authentication, so an aiohttp middleware is put in
front of its routes: every request must carry the random token, in the URL printed at
start (``?token=...``) or in the cookie the page gets from that URL, else 403.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import secrets
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

TOKEN_COOKIE = "bvtui_token"


def app_command(root: Path, *, edit: bool, as_of: str | None) -> str:
    """The shell command textual-serve runs for each browser: this Python, this store."""
    words = [sys.executable, "-m", "bvtui", str(root)]
    if not edit:
        words.append("--read-only")
    if as_of:
        words += ["--as-of", as_of]
    return " ".join(shlex.quote(word) for word in words)


def token_check(token: str) -> Callable[..., Awaitable[Any]]:
    """An aiohttp middleware refusing (403) any request without ``token``; the page
    opened with it in the URL gets it as a cookie, for its assets and its websocket."""
    from aiohttp import web

    @web.middleware
    async def check(request: web.Request, handler: Callable[..., Awaitable[Any]]) -> Any:
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise web.HTTPForbidden(
                text="bvtui serve: open the address printed when the server started "
                "(it holds the token)\n"
            )
        response = await handler(request)
        if request.query.get("token") and isinstance(response, web.Response):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
        return response

    return check


def serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl+C (or SIGTERM), after printing the address to open."""
    from bvtui.cli.commands import fail
    from bvtui.store import locate_store

    root = locate_store(args.store_option or args.store).resolve()
    if not root.is_dir():
        return fail(f"{root}: no such store folder (bvtui init {root})")
    try:
        from textual_serve.server import Server
    except ImportError:
        return fail("bvtui serve needs textual-serve: pip install textual-serve")
    token = secrets.token_urlsafe(24)
    as_of = args.as_of.isoformat() if args.as_of else None
    command = app_command(root, edit=args.edit, as_of=as_of)
    mode = "editing allowed" if args.edit else "read-only"

    class TokenServer(Server):
        """textual-serve's server with the token check in front of every route."""

        async def _make_app(self) -> Any:
            app = await super()._make_app()
            app.middlewares.append(token_check(token))
            return app

        async def on_startup(self, app: Any) -> None:
            self.announcing = asyncio.get_running_loop().create_task(self.announce())

        async def announce(self) -> None:
            """Print the address once the port takes connections (aiohttp starts
            listening after its startup hooks), so that it opens at once."""
            while True:
                try:
                    _reader, writer = await asyncio.open_connection(self.host, self.port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                break
            print(f"bvtui: serving {root} ({mode}); open {self.public_url}/?token={token}")
            print("bvtui: add &fontsize=24 for a projector; Ctrl+C stops", flush=True)

    server = TokenServer(command, host=args.host, port=args.port, title=f"bvtui {root.name}")
    server.serve()
    return 0
