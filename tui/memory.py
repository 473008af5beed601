"""Memory given back once a closed screen is behind the user.

A full screen that closes leaves three things behind, measured at ~12 MiB after every entry of
Hôm nay's menu had been opened once (bench/RESULTS.md):

- its widgets, tied in reference cycles (parent ↔ child, the app), which only Python's full
  collection frees — and that runs by itself only after many more objects have piled up,
  so the next screen is built in fresh memory instead of the freed one;
- Textual's and Rich's module-wide caches (``functools.lru_cache``: cell widths, styles,
  colours, ANSI codes, geometry), filled by the screen's rendering: up to 16 384 entries
  each, and nothing on the closed screen will ask for them again;
- memory freed to the C allocator but kept by it.

``give_back()`` empties those caches, runs the full collection and asks glibc to return its
free pages (``malloc_trim``; nothing elsewhere). It costs a full collection (~0.1 s on a slow
PC with a tour's worth of screens loaded), so ``GiveBack`` — the app's ``give_back`` — runs it
only once the keyboard has been still for ``after`` seconds since a screen closed
(``VanphongApp.screen_closed``). The caches refill as the next screens are drawn; what was
emptied was only ever a shortcut.
"""
from __future__ import annotations

import functools
import gc
import sys
import time

_LRU = functools._lru_cache_wrapper       # the type of every lru_cache'd function
_TOOLKITS = ("textual", "rich")
_trim = None                             # glibc's malloc_trim, once looked up (False: none)


def toolkit_caches() -> list:
    """Every ``lru_cache`` of the loaded Textual and Rich modules: module functions, and
    methods, class methods and static methods of their classes."""
    found: dict[int, object] = {}
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] not in _TOOLKITS or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, _LRU):
                found[id(value)] = value
            elif isinstance(value, type) and value.__module__ == name:
                for attr in vars(value).values():
                    fn = attr.__func__ if isinstance(attr, (classmethod, staticmethod)) else attr
                    if isinstance(fn, _LRU):
                        found[id(fn)] = fn
    return list(found.values())


def _malloc_trim():
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes
                _trim = ctypes.CDLL(None).malloc_trim     # glibc; musl has none
            except (OSError, AttributeError):
                pass
    return _trim


def give_back() -> int:
    """Empty the toolkit's caches, collect every generation, return free pages to the
    system. Returns how many cache entries were dropped."""
    dropped = 0
    for cache in toolkit_caches():
        dropped += cache.cache_info().currsize
        cache.cache_clear()
    gc.collect()
    trim = _malloc_trim()
    if trim:
        trim(0)
    return dropped


class GiveBack:
    """When to give a closed screen's memory back: ``after`` seconds of a still keyboard once a
    screen has closed; a key pressed meanwhile puts it off (not under a typist's fingers).
    It runs in the app's own message loop: run from the timer's task, the loop's last message
    could be the closed screen's own and keep it alive through the collection."""

    def __init__(self, app, after: float = 1.0):
        self.app = app
        self.after = after
        self.times = 0              # how many times memory was given back: tests wait on it
        self.dropped = 0            # cache entries dropped the last time
        self.timer = None           # pending
        self._last_key = 0.0

    def key_pressed(self) -> None:
        self._last_key = time.monotonic()

    def screen_closed(self) -> None:
        if self.timer is None:
            self.timer = self.app.set_timer(self.after, self.due)

    def due(self) -> None:
        still = time.monotonic() - self._last_key
        if still < self.after:
            self.timer = self.app.set_timer(self.after - still, self.due)
            return
        self.timer = None
        self.app.call_later(self.now)

    def now(self) -> None:
        self.dropped = give_back()
        self.times += 1
