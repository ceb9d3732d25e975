"""bioneuro: what a neuron is, from the biological cell to the artificial neuron.

Subpackages
-----------
bio
    Biological neurons: point models (Hodgkin-Huxley, LIF) on scipy and Brian2.
ann
    The artificial neuron from scratch in numpy.
compare
    The mapping from one onto the other.

The subpackages are imported on first use (``bioneuro.bio`` loads Brian2, which
takes a second or two; ``bioneuro.ann`` needs numpy only).
"""

import importlib

__version__ = "0.1.0"
__all__ = ["__version__", "ann", "bio", "compare"]


def __getattr__(name):
    if name in ("bio", "ann", "compare"):
        return importlib.import_module(f"bioneuro.{name}")
    raise AttributeError(f"module 'bioneuro' has no attribute {name!r}")
