"""The tick formatter of :func:`bioneuro.style.log_axis`, in a module of its own.

It subclasses matplotlib's ``LogFormatter``, so defining it imports matplotlib, which
:mod:`bioneuro.style` does only when a function of it draws (``bioneuro.ann`` imports
the style without matplotlib). At module level, not inside ``log_axis``, so that a
figure using it can be pickled (:mod:`bioneuro.figures.figure_cache`).
"""

from matplotlib import ticker


class PlainLog(ticker.LogFormatter):
    """The ticks ``LogFormatter`` labels, written as plain numbers (0.01, 0.1, 1, 10)."""

    def __call__(self, x, pos=None):  # "" where LogFormatter leaves the tick bare
        return f"{x:g}" if super().__call__(x, pos) else ""
