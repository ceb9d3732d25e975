"""Reading results out of Brian2 objects as arrays that own their memory.

Brian2 >= 2.10 keeps monitor and synapse arrays in C++ dynamic arrays, and reading one
(``monitor.t[:]``, ``monitor.i[:]``) gives a numpy *view* on that memory that does not
keep it alive. Once the network and its monitors are garbage-collected the memory is
freed and reused, and the view silently reads whatever comes next (on Python 3.12,
negative spike indices and time axes of 1e130 ms). Brian2 2.9 stored the same arrays in
numpy, so the views stayed valid. Every array a bioneuro function returns from a Brian2
object therefore goes through :func:`owned`.
"""

from __future__ import annotations

import numpy as np


def owned(values):
    """``values`` (an array or Quantity read from a Brian2 object) as memory it owns.

    Follows the chain of ``.base`` arrays: if it ends in an array that owns its data,
    ``values`` is returned unchanged (no copy: Brian2 already returned a copy, as for
    ``StateMonitor.v[:]``); if it ends in a bare view (no base, or a base that is not a
    numpy array), a copy is returned.
    """
    base = values
    while isinstance(base, np.ndarray) and not base.flags.owndata:
        if not isinstance(base.base, np.ndarray):
            return values.copy()
        base = base.base
    return values
