"""Sliders that rerun a model: the controls of the notebooks in this folder.

Each notebook draws its figure once, then gives :class:`Controls` an
``update(**values)`` function, which reruns the model and updates the figure, and the
sliders' ranges (:class:`Slider`). Moving a slider calls ``update`` with the value of
every slider, shows the figure again and records how long that took
(:attr:`Controls.timings`, seconds) and how many compiled Brian2 code modules it had to
load or build (:attr:`Controls.compiled`; 0: the compiled code was reused).

Without ipywidgets, or in a headless Run All, :meth:`Controls.show` draws once with the
starting values, and :meth:`Controls.set` reruns the model through the same callback a
slider calls. This file lives beside the notebooks (not in the package): the package
runs on its core dependencies alone.
"""

from __future__ import annotations

import gc
import io
import math
import os
import sys
import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Slider:
    """One slider: its label, range, step and starting value.

    Parameters
    ----------
    label : str
        What the slider sets, with its unit, e.g. ``"current I (nA)"``.
    min, max : float
        The range (``min < max``).
    step : float
        The slider's step (> 0); integers everywhere make an integer slider.
    value : float
        The starting value, within the range.
    """

    label: str
    min: float
    max: float
    step: float
    value: float

    def __post_init__(self):
        for name in ("min", "max", "step", "value"):
            number = getattr(self, name)
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise TypeError(f"Slider {name} must be a number; got {number!r}")
            if not math.isfinite(number):
                raise ValueError(f"Slider {name} must be finite; got {number!r}")
        if not self.min < self.max:
            raise ValueError(f"Slider min must be < max; got min={self.min}, max={self.max}")
        if self.step <= 0:
            raise ValueError(f"Slider step must be > 0; got {self.step}")
        self.check(self.value, "value")

    @property
    def integer(self) -> bool:
        """True if every number of the slider is an integer (an ``IntSlider``)."""
        return all(isinstance(n, int) for n in (self.min, self.max, self.step, self.value))

    def check(self, value, name=None):
        """Return ``value`` if it is a number within the range, else raise a clear error."""
        name = name or self.label
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number; got {value!r}")
        if not self.min <= value <= self.max:
            raise ValueError(f"{name} must be within [{self.min}, {self.max}]; got {value}")
        return int(value) if self.integer else float(value)


def compiled_modules() -> int:
    """How many compiled Brian2 (Cython) code modules this process has loaded or built.

    0 if Brian2 is not imported. A slider move that leaves it unchanged reused the
    compiled code: nothing was compiled, or even loaded from the disk cache.
    """
    if "brian2" not in sys.modules:
        return 0
    from brian2.codegen.runtime.cython_rt.extension_manager import cython_extension_manager

    return len(cython_extension_manager._code_cache)


def png_bytes(figure):
    """The figure as PNG bytes: one Agg draw and a fast PNG encoding.

    ``savefig`` (and the inline backend, whose ``bbox_inches="tight"`` draws twice) spend
    about twice as long; the PNG is a little larger.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):  # e.g. closed by pyplot: a plain canvas
        canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    out = io.BytesIO()
    Image.fromarray(pixels, "RGBA").save(out, format="png", compress_level=1)
    return out.getvalue()


def _widgets():
    """ipywidgets, or None if it is missing or ``BIONEURO_NO_WIDGETS=1`` asks to do without."""
    if os.environ.get("BIONEURO_NO_WIDGETS") == "1":
        return None
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets


class Controls:
    """Sliders bound to ``update``: each move reruns the model and redraws its figure.

    Parameters
    ----------
    update : callable
        ``update(**values)`` with one keyword per slider; reruns the model, updates the
        figure and returns it (a matplotlib Figure). The layout of the first draw
        (``layout="constrained"``, say) is kept for later draws, which skip its cost.
    sliders : dict of str to Slider
        The keyword of ``update`` each slider sets, and the slider.
    widgets : bool
        Use ipywidgets sliders when ipywidgets is installed (default); False draws the
        figure only, and :meth:`set` is the way to change a value.

    Attributes
    ----------
    values : dict
        The current value of every slider.
    timings : list of float
        Seconds each update took, rerun and redraw included.
    model_timings : list of float
        The part of each of those spent in ``update`` (the model's rerun, the figure's
        artists updated); the rest is drawing the figure and showing it.
    cpu_timings : list of float
        The processor time of each update (this process only): what an update costs
        whatever else the machine is doing; ``timings`` grow when the cores are shared.
    compiled : list of int
        Compiled Brian2 code modules each update loaded or built (0: all reused).
    sliders : dict
        The ipywidgets sliders by keyword (empty without ipywidgets).
    """

    def __init__(self, update, sliders, *, widgets=True):
        if not callable(update):
            raise TypeError(f"update must be a function; got {update!r}")
        if not isinstance(sliders, dict) or not sliders:
            raise TypeError("sliders must be a non-empty dict of keyword -> Slider")
        for key, slider in sliders.items():
            if not isinstance(slider, Slider):
                raise TypeError(f"sliders[{key!r}] must be a Slider; got {slider!r}")
        self.update = update
        self.spec = dict(sliders)
        self.values = {key: slider.value for key, slider in sliders.items()}
        self.timings = []
        self.model_timings = []
        self.cpu_timings = []
        self.compiled = []
        self.figure = None
        self.sliders = {}
        self._output = None
        self._holding = False
        ipywidgets = _widgets() if widgets else None
        if ipywidgets is not None:
            self._output = ipywidgets.Output()
            for key, spec in self.spec.items():
                kind = ipywidgets.IntSlider if spec.integer else ipywidgets.FloatSlider
                slider = kind(
                    value=spec.value,
                    min=spec.min,
                    max=spec.max,
                    step=spec.step,
                    description=spec.label,
                    continuous_update=False,
                    style={"description_width": "initial"},
                    layout={"width": "480px"},
                )
                slider.observe(self._moved, names="value")
                self.sliders[key] = slider

    def _moved(self, change):
        key = next(k for k, s in self.sliders.items() if s is change["owner"])
        self.values[key] = self.spec[key].check(change["new"], key)
        if not self._holding:
            self._draw()

    def _draw(self):
        from IPython.display import Image, display

        start, cpu, before = time.perf_counter(), time.process_time(), compiled_modules()
        # Free the previous run's Brian2 objects first: a group's implicit clock is named
        # after the group, with a suffix (_clock_1, ...) while an older one is still alive,
        # and a new name in the generated code would mean code not compiled yet.
        gc.collect()
        figure = self.update(**self.values)
        ran = time.perf_counter()
        if not hasattr(figure, "savefig"):
            raise TypeError(f"update must return the matplotlib figure it drew; got {figure!r}")
        image = Image(data=png_bytes(figure), format="png")
        if self._output is not None:
            with self._output:
                self._output.clear_output(wait=True)
                display(image)
        else:
            display(image)
        if self.figure is None:
            import matplotlib.pyplot as plt

            plt.close(figure)  # shown by us from now on, not again by the inline backend
            # keep the layout the first draw computed: later draws skip its cost
            figure.set_layout_engine("none")
        self.figure = figure
        self.timings.append(time.perf_counter() - start)
        self.cpu_timings.append(time.process_time() - cpu)
        self.model_timings.append(ran - start)
        self.compiled.append(compiled_modules() - before)

    def show(self):
        """Draw with the current values and show the sliders (if any) above the figure.

        Also freezes the objects alive after that first draw out of the garbage collector's
        scans (:func:`gc.freeze`), which Brian2 runs before every simulation.
        """
        from IPython.display import display

        if self.sliders:
            ipywidgets = _widgets()
            display(ipywidgets.VBox([*self.sliders.values(), self._output]))
        self._draw()
        # Brian2 collects garbage before every run (to warn about objects left out of a
        # network); with numpy, Brian2, matplotlib and IPython loaded, that full scan is most
        # of a small model's update. Objects alive now are moved out of the collector's
        # sight (gc.freeze); what updates create is still collected.
        gc.collect()
        gc.freeze()
        return self

    def set(self, **values):
        """Set sliders (as if moved by hand), rerun once; return the seconds it took."""
        unknown = sorted(set(values) - set(self.spec))
        if unknown:
            raise TypeError(f"no slider named {unknown}; the sliders are {sorted(self.spec)}")
        if not values:
            raise TypeError(f"set needs at least one of {sorted(self.spec)}")
        checked = {key: self.spec[key].check(v, key) for key, v in values.items()}
        if self.sliders:
            self._holding = True
            try:
                for key, value in checked.items():
                    self.sliders[key].value = value  # the slider's own callback runs
            finally:
                self._holding = False
        self.values.update(checked)
        self._draw()
        return self.timings[-1]

    def report(self, warm_from=1):
        """One line: updates so far, their median and worst time, compiled modules.

        ``warm_from`` updates at the start (the first draw, which may compile) are left
        out of the times.
        """
        warm = sorted(self.timings[warm_from:])
        if not warm:
            return f"{len(self.timings)} update(s); move a slider to time a warm one"
        median = warm[len(warm) // 2]
        return (
            f"{len(warm)} warm update(s): median {median:.3f} s, worst {warm[-1]:.3f} s; "
            f"compiled modules loaded or built: {sum(self.compiled[warm_from:])}"
        )
