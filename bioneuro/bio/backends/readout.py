"""Reading results out of Brian2 objects as arrays that own their memory.

Brian2 >= 2.10 keeps monitor and synapse arrays in C++ dynamic arrays, and reading one
(``monitor.t[:]``, ``monitor.i[:]``) gives a numpy *view* on that memory that does not
keep it alive. Once the network and its monitors are garbage-collected the memory is
freed and reused, and the view silently reads whatever comes next (on Python 3.12,
negative spike indices and time axes of 1e130 ms). Brian2 2.9 stored the same arrays in
numpy, so the views stayed valid — until the same monitor recorded again: a cell's
monitor is rewound (``Network.restore``) for its next run, which rewrites the array a
previous trace viewed. Every array a bioneuro function returns from a Brian2 object
therefore goes through :func:`owned`, which copies it.
"""

from __future__ import annotations


def owned(values):
    """A copy of ``values`` (an array or Quantity read from a Brian2 object) that owns its
    memory, so that nothing Brian2 does later (freeing a monitor, rewinding and reusing
    it) can change a result that was already returned."""
    return values.copy()
