"""Resetting a kernel between reports so that a reused kernel renders exactly like a fresh one.

Imported once in a warm kernel, before any report; it records the state a
fresh kernel starts with (warnings filters, matplotlib settings, pandas
options, working folder) and :func:`reset_session` puts it back.
"""

from __future__ import annotations

import os
import sys
import warnings

_INITIAL_FILTERS = list(warnings.filters)
_INITIAL_CWD = os.getcwd()


def _matplotlib_defaults():
    import matplotlib

    return dict(matplotlib.rcParams)


_INITIAL_RC = _matplotlib_defaults()


def reset_namespace() -> None:
    """Delete every name a notebook defined, as ``%reset -f`` does, without its full collection.

    ``%reset`` ends with ``gc.collect()`` over a heap full of pandas and
    matplotlib objects (0.2 s); Python's own collector frees the same garbage
    as the next report runs.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    hidden = shell.user_ns_hidden
    for name in [n for n in shell.user_ns if n not in hidden and not n.startswith("__")]:
        del shell.user_ns[name]
    shell.user_ns.get("Out", {}).clear()
    for name in ("_", "__", "___"):
        shell.user_ns[name] = ""


def reset_session(cwd: str | None = None) -> None:
    """Forget everything one report did to the process, short of its imported modules.

    The IPython namespace is cleared separately (:func:`reset_namespace`);
    this undoes the rest: warnings already shown (so they show again), warning filters,
    matplotlib settings and open pyplot figures, pandas options, the
    working folder.
    """
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    warnings.filters[:] = _INITIAL_FILTERS
    mutated = getattr(warnings, "_filters_mutated", None)  # invalidates the module's caches
    if mutated is not None:
        mutated()
    import matplotlib

    matplotlib.rcParams.update(_INITIAL_RC)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "pandas" in sys.modules:
        with warnings.catch_warnings():   # resetting deprecated options warns about them
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.chdir(cwd or _INITIAL_CWD)
