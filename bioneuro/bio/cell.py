"""Compartmental cells on Brian2's ``SpatialNeuron``: a morphology with a membrane.

One set of equations serves every compartment of every cell (so Brian2 compiles it
once); where a region has Hodgkin-Huxley channels and where it is passive is decided by
per-compartment parameters, set from the region of each section::

    Im = -(I_Na + I_K + I_L)                              (inward positive, per area)
    I_Na = g_Na m³ h (v - E_Na),  I_K = g_K n⁴ (v - E_K),  I_L = g_L (v - E_L)
    dx/dt = phi (alpha_x(v) (1 - x) - beta_x(v) x),  x = m, h, n;  phi = 3 ** ((celsius - 6.3)/10)
    I_inj = I_amp [I_start <= t < I_stop]                                (point current)

with the rate strings and current densities of :mod:`bioneuro.bio.models.channels`
(``I_inj`` is computed at the start of every time step: :data:`INJECTION_CODE`). In the
regions named by ``hh_regions`` (default soma, axon initial segment, axon, nodes)
g_Na = 120, g_K = 36, g_L = 0.3 mS/cm², E_L = -54.387 mV (HH 1952, rest -65 mV);
elsewhere g_Na = g_K = 0 and the leak is the passive ``g_pas``/``E_pas``; internodes
(myelin) have ``myelin_Cm`` and ``myelin_g``. The cable equation itself
(C_m dv/dt = Im + axial currents, axial resistivity ``Ra``) is Brian2's.

**Synapses**, one system: every synapse is a receptor type (a
:class:`~bioneuro.bio.Synapse`: AMPA, NMDA with its magnesium block, GABA_A, an alpha
conductance, ...) whose equations, written once in :mod:`bioneuro.bio.models.synapses`,
join the cell's as a point current ``I_<name>``. Spikes reach each synapse through a
``b2.Synapses`` with its own weight and delay, from given spike times or from another
group's spikes (:meth:`Cell.attach`). :meth:`Cell.add_synapse` is the classic shortcut:
one alpha conductance peaking at ``g_max`` a time ``tau`` after ``onset``.

Why it does not recompile: every Brian2 object has a fixed name (``bioneuro_cell``,
``bioneuro_cell_injection``, ``bioneuro_cell_v``, ``bioneuro_cell_network``, ...) and
every parameter (conductances, reversal potentials, temperature factor, stimulus
amplitude and timing, C_m, R_a) is a group variable. Changing any of them, or the
morphology, produces the same generated code, so Brian2's code cache serves it; a second
:meth:`Cell.run` on the same cell even reuses the built network. A new *receptor type*
adds equations, so declare the types a cell uses when you build it (``receptors=``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import brian2 as b2
import numpy as np
from brian2 import Hz, amp, cm, mS, ms, mV, ohm, second, siemens, uF, volt
from brian2.spatialneuron.spatialneuron import FlatMorphology
from scipy.special import exprel

from bioneuro.bio.backends.brian import fixed_clock, release_name
from bioneuro.bio.backends.equations import unit_string
from bioneuro.bio.backends.readout import owned
from bioneuro.bio.inputs import spike_input, spike_source
from bioneuro.bio.models import channels
from bioneuro.bio.models.morphology import REGIONS, Compartments, Geometry
from bioneuro.bio.models.synapses import Synapse
from bioneuro.checks import (
    check_budget,
    check_choice,
    check_indices,
    check_number,
    check_quantity,
    check_steps,
    progress,
)

_channel_set = channels.channel_set  # Cell(channels=...) shadows the module's name

_PARAMETERS = """
g_Na : siemens/meter**2 (constant)
g_K : siemens/meter**2 (constant)
g_L : siemens/meter**2 (constant)
E_L : volt (constant)
E_Na : volt (constant, shared)
E_K : volt (constant, shared)
phi : 1 (constant, shared)
I_inj : amp (point current)
I_amp : amp (constant)
I_start : second (constant)
I_stop : second (constant)
"""
EQUATIONS = (
    "Im = -(I_Na + I_K + I_L) : amp/meter**2\n"
    + channels.HH_CURRENTS
    + channels.hh_gate_equations("phi")
    + _PARAMETERS
)


def cell_equations(channel_set) -> str:
    """The cell's equations with the channels of ``channel_set`` (a
    :class:`~bioneuro.bio.models.channels.ChannelSet`; for HH, :data:`EQUATIONS`): its
    currents and gates from :mod:`~bioneuro.bio.models.channels`, written once there."""
    if channel_set.name == "hh":
        return EQUATIONS
    extra = "".join(
        f"{k} : {unit_string(unit)} (constant{', shared' if where == 'shared' else ''})\n"
        for k, (where, unit) in channel_set.extra_parameters.items()
    )
    return (
        f"Im = -({' + '.join(channel_set.current_names)}) : amp/meter**2\n"
        + channel_set.currents
        + channel_set.gate_equations("phi")
        + _PARAMETERS
        + extra
    )


#: The injected current's time course, computed at the start of every time step (kept
#: out of ``Im``: Brian2 simplifies ``Im`` symbolically when it builds a cell, and an
#: input kernel inside it doubles that time). It runs only while the cell has an injection.
INJECTION_CODE = "I_inj = I_amp * int(t >= I_start) * int(t < I_stop)"

#: Per-compartment parameters and their units (set with :meth:`Cell.set`).
PER_COMPARTMENT = {
    "g_Na": siemens / b2.meter**2,
    "g_K": siemens / b2.meter**2,
    "g_L": siemens / b2.meter**2,
    "E_L": volt,
    "Cm": b2.farad / b2.meter**2,
}
#: Cell-wide parameters (set with :meth:`Cell.set`): unit, example, lowest allowed value.
SHARED = {"E_Na": (mV, "50*mV"), "E_K": (mV, "-77*mV"), "Ra": (ohm * cm, "35.4*ohm*cm")}
_INJECTION = {"I_amp": amp, "I_start": second, "I_stop": second}
_NAME = "bioneuro_cell"
_CELSIUS_RANGE = (-5, 45)


def gate_steady_state(v) -> dict:
    """m, h, n at their steady state x_inf = alpha/(alpha + beta) at voltage ``v``.

    Evaluates the rate strings of :data:`bioneuro.bio.models.channels.HH_RATES` (once, here).
    """
    env = {"v": v, "mV": mV, "ms": ms, "exp": np.exp, "exprel": exprel}
    rates = {k: eval(expr, {"__builtins__": {}}, env) for k, expr in channels.HH_RATES.items()}
    return {
        x: float(rates[f"alpha_{x}"] / (rates[f"alpha_{x}"] + rates[f"beta_{x}"])) for x in "mhn"
    }


#: Bytes per compartment: the SpatialNeuron's variables and cable-solver arrays, the
#: boundaries of the cut geometry and the Compartments tables (an estimate, generous).
COMPARTMENT_BYTES = 1000


def _check_celsius(celsius):
    check_number("celsius", celsius, example="6.3")
    lo, hi = _CELSIUS_RANGE
    if not lo <= celsius <= hi:
        raise ValueError(f"celsius must be between {lo} and {hi} °C, e.g. 6.3; got {celsius!r}")
    return float(celsius)


@dataclass
class CellTrace:
    """Voltage of a cell over time (the result of :meth:`Cell.run`).

    Attributes
    ----------
    t : Quantity, shape (n_t,)
    v : Quantity, shape (n_recorded, n_t)
    indices : ndarray of int
        The compartment each row of ``v`` belongs to.
    cell : Cell
    """

    t: b2.Quantity
    v: b2.Quantity
    indices: np.ndarray
    cell: Cell

    def at(self, section, position=0.5):
        """Voltage trace of the compartment at ``position`` (0-1) along ``section``."""
        i = self.cell.compartment(section, position)
        rows = np.flatnonzero(self.indices == i)
        if not rows.size:
            raise ValueError(f"compartment {i} ({section} at {position}) was not recorded")
        return self.v[rows[0]]

    def snapshot(self, time):
        """Voltage of every recorded compartment at the sample nearest ``time``."""
        check_quantity("time", time, ms, example="5*ms", nonnegative=True)
        k = int(np.argmin(np.abs(np.asarray(self.t / second) - float(time / second))))
        return self.v[:, k]


@dataclass
class SynapseSite:
    """One synapse on a cell: its receptor type, compartment, weight, delay and drive.

    ``steps`` (spike times in steps of the cell's dt) or ``source`` and ``indices`` (a
    group whose neurons' spikes drive it) say where its spikes come from.
    """

    receptor: Synapse
    compartment: int
    weight: b2.Quantity
    delay: b2.Quantity
    steps: np.ndarray | None = None
    source: object = None
    indices: np.ndarray = field(default_factory=lambda: np.zeros(0, int))

    def key(self):
        """What the cell's built network depends on (a new key rebuilds the inputs); the
        weight and the delay are set at every run, so changing them rebuilds nothing."""
        drive = (
            tuple(self.steps) if self.source is None else (id(self.source), tuple(self.indices))
        )
        return (self.receptor.name, self.compartment, drive)


class Cell:
    """A neuron with a shape: a :class:`~bioneuro.bio.models.morphology.Geometry` simulated
    as compartments on Brian2's ``SpatialNeuron`` (equations in the module docstring).

    Parameters
    ----------
    morphology : Geometry
        From :mod:`bioneuro.bio.models.morphology` (``ball_and_stick``, ``branched_cell``,
        ``axon_geometry``, ``load_swc``).
    Ra : Quantity
        Axial resistivity (default 100 ohm*cm).
    Cm : Quantity
        Specific membrane capacitance (default 1 uF/cm**2).
    channels : {"hh", "cortical"} or ChannelSet
        The ion channels of the active regions (:mod:`bioneuro.bio.models.channels`):
        the squid axon's (default) or the cortical pyramidal cell's (Pospischil et al.
        2008: Na, K and the slow M-current; ``g_M``, the threshold shift ``V_T`` and
        the inactivation shift ``shift_h`` are per-compartment parameters changed with
        :meth:`set`). The defaults marked "the channels'" below follow it
        (:attr:`~bioneuro.bio.models.channels.ChannelSet.cell_defaults`).
    celsius : float
        Temperature in °C; the rates scale by 3 ** ((celsius - T_ref)/10) (T_ref 6.3 °C
        for HH, 36 °C for cortical). Default the channels': 6.3 (HH), 37 (cortical).
    hh_regions : tuple of str
        Regions given the active channels (default soma, ais, axon, node).
    g_Na, g_K, g_L, E_Na, E_K, E_L : Quantity
        Channel parameters in those regions (default the channels': classic squid values,
        or Pospischil's RS cell with Destexhe & Paré's (1999) g_K 10 mS/cm² and in-vivo
        leak 0.1025 mS/cm²).
    g_pas, E_pas : Quantity
        Passive leak elsewhere (default the channels': HH 0.05 mS/cm² i.e. R_m = 20
        kohm cm², -65 mV; cortical 0.1025 mS/cm², -70.7 mV, the active membrane's rest).
    myelin_Cm, myelin_g : Quantity
        Capacitance and leak of internodes (default 0.01 uF/cm², 0.001 mS/cm²).
    node_g_Na, node_g_K : Quantity or None
        Channel densities at nodes of Ranvier (default: 10x g_Na and g_K, as nodes pack
        channels densely).
    v_init : Quantity
        Initial voltage everywhere, gates at their steady state (default the channels':
        -65 mV for HH, -70.7 mV for cortical).
    dt : Quantity
        Time step (default 0.01 ms; exponential Euler for the gates, Brian2's implicit
        cable solver for v).
    d_lambda, frequency, n_compartments :
        Discretisation: compartments at most ``d_lambda`` * lambda_f(``frequency``)
        long, unless ``n_compartments`` (int per section, or {section: int}) is given.
    receptors : sequence of Synapse
        Receptor types the cell carries from the start (e.g. ``[AMPA(), NMDA()]``).
        Attaching a synapse of a new type later rebuilds the cell (its equations change:
        a new compiled model, once), so declare the ones you use here.
    """

    def __init__(
        self,
        morphology,
        *,
        Ra=100 * ohm * cm,
        Cm=1 * uF / cm**2,
        channels="hh",
        celsius=None,
        hh_regions=("soma", "ais", "axon", "node"),
        g_Na=None,
        g_K=None,
        g_L=None,
        E_Na=None,
        E_K=None,
        E_L=None,
        g_pas=None,
        E_pas=None,
        myelin_Cm=0.01 * uF / cm**2,
        myelin_g=0.001 * mS / cm**2,
        node_g_Na=None,
        node_g_K=None,
        v_init=None,
        dt=0.01 * ms,
        d_lambda=0.1,
        frequency=100 * Hz,
        n_compartments=None,
        receptors=(),
    ):
        if not isinstance(morphology, Geometry):
            raise TypeError(
                "morphology must be a bioneuro.bio.morphology.Geometry (e.g. "
                "morphology.ball_and_stick()); got "
                f"{type(morphology).__name__}"
            )
        check_quantity("Ra", Ra, ohm * cm, example="100*ohm*cm", positive=True)
        check_quantity("Cm", Cm, uF / cm**2, example="1*uF/cm**2", positive=True)
        chan = _channel_set(channels)
        own = {**chan.defaults, **chan.cell_defaults}  # what None stands for
        celsius = own["celsius"] if celsius is None else celsius
        g_Na = own["g_Na"] if g_Na is None else g_Na
        g_K = own["g_K"] if g_K is None else g_K
        g_L = own["g_L"] if g_L is None else g_L
        E_Na = own["E_Na"] if E_Na is None else E_Na
        E_K = own["E_K"] if E_K is None else E_K
        E_L = own["E_L"] if E_L is None else E_L
        g_pas = own["g_pas"] if g_pas is None else g_pas
        E_pas = own["E_pas"] if E_pas is None else E_pas
        v_init = own["v_init"] if v_init is None else v_init
        celsius = _check_celsius(celsius)
        if isinstance(hh_regions, str):
            hh_regions = (hh_regions,)
        for r in hh_regions:
            check_choice("hh_regions entry", r, REGIONS)
        gd = mS / cm**2
        for name, value, unit, ex in (
            ("g_Na", g_Na, gd, "120*mS/cm**2"),
            ("g_K", g_K, gd, "36*mS/cm**2"),
            ("g_L", g_L, gd, "0.3*mS/cm**2"),
            ("g_pas", g_pas, gd, "0.05*mS/cm**2"),
            ("myelin_g", myelin_g, gd, "0.001*mS/cm**2"),
            ("myelin_Cm", myelin_Cm, uF / cm**2, "0.01*uF/cm**2"),
            ("E_Na", E_Na, mV, "50*mV"),
            ("E_K", E_K, mV, "-77*mV"),
            ("E_L", E_L, mV, "-54.387*mV"),
            ("E_pas", E_pas, mV, "-65*mV"),
            ("v_init", v_init, mV, "-65*mV"),
        ):
            check_quantity(name, value, unit, example=ex, nonnegative=name.startswith(("g", "m")))
        node_g_Na = 10 * g_Na if node_g_Na is None else node_g_Na
        node_g_K = 10 * g_K if node_g_K is None else node_g_K
        check_quantity("node_g_Na", node_g_Na, gd, example="1200*mS/cm**2", nonnegative=True)
        check_quantity("node_g_K", node_g_K, gd, example="360*mS/cm**2", nonnegative=True)
        check_quantity("dt", dt, ms, example="0.025*ms", positive=True)
        if dt > 0.1 * ms:
            raise ValueError(
                f"dt must be <= 0.1 ms for HH on cells (exponential Euler), "
                f"e.g. 0.025*ms; got {dt!r}"
            )

        self.geometry = morphology
        self.channels = chan
        self._equations = cell_equations(chan)
        extra = chan.extra_parameters.items()
        self._per_compartment = {
            **PER_COMPARTMENT,
            **{k: unit for k, (where, unit) in extra if where == "per compartment"},
        }
        self.celsius = celsius
        self.dt = dt
        self.hh_regions = tuple(hh_regions)
        n_estimated = morphology.count_compartments(
            Ra=Ra,
            Cm=Cm,
            d_lambda=d_lambda,
            frequency=frequency,
            n_compartments=n_compartments,
            Cm_regions={"internode": myelin_Cm},
        )
        check_budget(
            "morphology" if n_compartments is None else "n_compartments",
            morphology if n_compartments is None else n_compartments,
            nbytes=n_estimated * COMPARTMENT_BYTES,
            what=f"{n_estimated:.3g} compartments (d_lambda={d_lambda}) x "
            f"{COMPARTMENT_BYTES} bytes",
            hint="Use a shorter geometry, a larger d_lambda or fewer n_compartments",
        )
        root, self._b2_sections, self.cuts = morphology.to_brian2(
            Ra=Ra,
            Cm=Cm,
            d_lambda=d_lambda,
            frequency=frequency,
            n_compartments=n_compartments,
            Cm_regions={"internode": myelin_Cm},
        )
        self.morphology = root
        self._Cm, self._Ra = Cm, Ra
        self.receptors = {}
        for r in receptors:
            self._check_receptor(r)
            if r.name in self.receptors:
                raise ValueError(f"two receptors named {r.name!r}; give each a distinct name=")
            self.receptors[r.name] = r
        self._build()
        self.compartments = Compartments.from_brian2(
            morphology, self._b2_sections, self.cuts, FlatMorphology(root)
        )
        n = self.n_compartments = len(self.compartments)

        # passive membrane everywhere, HH where it belongs, myelin on internodes
        self.values = {k: np.zeros(n) for k in self._per_compartment}
        self.values["g_L"][:] = float(g_pas / (siemens / b2.meter**2))
        self.values["E_L"][:] = float(E_pas / volt)
        self.values["Cm"][:] = float(Cm / (b2.farad / b2.meter**2))
        self.set("Cm", myelin_Cm, regions="internode")
        self.set("g_L", myelin_g, regions="internode")
        hh = list(self.hh_regions)
        self.set("g_Na", g_Na, regions=[r for r in hh if r != "node"])
        self.set("g_K", g_K, regions=[r for r in hh if r != "node"])
        self.set("g_Na", node_g_Na, regions=[r for r in hh if r == "node"])
        self.set("g_K", node_g_K, regions=[r for r in hh if r == "node"])
        self.set("g_L", g_L, regions=hh)
        self.set("E_L", E_L, regions=hh)
        for k in set(self._per_compartment) - set(PER_COMPARTMENT):  # e.g. g_M, V_T
            self.set(k, own[k], regions=hh if k.startswith("g_") else None)
        self.shared = {"E_Na": E_Na, "E_K": E_K, "Ra": Ra}
        self.v_init = v_init
        self.clear_inputs()

    def _build(self):
        """Forget the SpatialNeuron: the next simulation builds one (:attr:`neuron`) with
        the cell's equations and its receptors' as they are then."""
        self._neuron = self._net = self.monitor = self._injection = None
        self._net_key = None
        self._extra = []
        self._weighted = []

    @property
    def neuron(self):
        """The cell's Brian2 ``SpatialNeuron``, built when first needed (a simulation):
        receptors added before the first run make one neuron, not one each, and a cell
        that is only drawn makes none (so Brian2 never warns of a neuron deleted unused)."""
        if self._neuron is None:
            self._neuron = self._make_neuron()
        return self._neuron

    def _make_neuron(self):
        """The SpatialNeuron: the cell's equations plus each receptor's (point currents)."""
        equations = self._equations + "".join(
            r.neuron_equations(point_current=True) for r in self.receptors.values()
        )
        # fixed names in the generated code, so no recompiles: let the collector take
        # unreachable older cells, give the clock its name
        release_name(f"{_NAME}_spatialstateupdater")
        neuron = b2.SpatialNeuron(
            self.morphology,
            equations,
            Cm=self._Cm,
            Ri=self._Ra,
            method="exponential_euler",
            clock=fixed_clock(_NAME, self.dt),
            namespace={},
            name=_NAME,
        )
        self._injection = neuron.run_regularly(
            INJECTION_CODE, when="start", name=f"{_NAME}_injection"
        )
        return neuron

    _RESERVED = set(
        re.findall(
            r"\b([A-Za-z_]\w*)\b",
            "".join(cell_equations(c) for c in channels.CHANNEL_SETS.values()),
        )
    ) | {
        "v",
        "t",
        "dt",
        "Cm",
        "Ri",
        "area",
        "diameter",
        "distance",
        "length",
        "x",
        "y",
        "z",
        "r_length_1",
        "r_length_2",
        "i",
        "N",
        "w",
    }

    def _check_receptor(self, synapse):
        if not isinstance(synapse, Synapse):
            raise TypeError(f"receptors must be Synapse objects, e.g. AMPA(); got {synapse!r}")
        names = set(
            re.findall(
                r"^\s*d?([A-Za-z_]\w*)(?:/dt)?\s*[:=]", synapse.neuron_equations(), flags=re.M
            )
        )
        clash = sorted(names & self._RESERVED)
        if clash:
            raise ValueError(
                f"a receptor named {synapse.name!r} would define {', '.join(clash)}, which the "
                f"cell already uses; give it another name=, e.g. name='exc'"
            )
        known = getattr(self, "receptors", {}).get(synapse.name)
        if known is not None and _kinetics(known) != _kinetics(synapse):
            raise ValueError(
                f"the cell's receptor {synapse.name!r} has other kinetics ({known!r}); give "
                f"this synapse a distinct name= to add it as a second type"
            )
        return synapse

    def __repr__(self) -> str:
        return (
            f"Cell({self.geometry.name!r}, {len(self.geometry.sections)} sections, "
            f"{self.n_compartments} compartments, {self.celsius} °C, {self.channels.name} "
            f"channels in "
            f"{', '.join(self.hh_regions) or 'no region'})"
        )

    # ------------------------------------------------------------ where things are
    # (the compartments' positions: :class:`~bioneuro.bio.models.morphology.Compartments`)

    @property
    def section_of(self):
        return self.compartments.section_of

    @property
    def region_of(self):
        return self.compartments.region_of

    @property
    def start(self):
        return self.compartments.start

    @property
    def end(self):
        return self.compartments.end

    @property
    def diameter_um(self):
        return self.compartments.diameter_um

    @property
    def distance_um(self):
        return self.compartments.distance_um

    def indices(self, regions=None, sections=None) -> np.ndarray:
        """Compartment indices of the given regions and/or sections (all if neither)."""
        return self.compartments.indices(regions, sections)

    def compartment(self, section, position=0.5) -> int:
        """Index of the compartment at ``position`` (0 = start, 1 = end) along ``section``."""
        return self.compartments.index(section, position)

    def midpoints(self) -> np.ndarray:
        """(n, 3) compartment centres in µm."""
        return self.compartments.midpoints()

    @property
    def synapse_sites(self) -> list:
        """The compartment of every synapse, in the order they were attached."""
        return [s.compartment for s in self.synapses]

    # ------------------------------------------------------------------ parameters

    def set(self, name, value, *, regions=None, sections=None):
        """Set a per-compartment parameter (g_Na, g_K, g_L, E_L, Cm) in regions/sections,
        or a cell-wide one (E_Na, E_K, Ra, celsius). No recompilation: these are
        group variables. The same checks as the constructor's apply."""
        check_choice("name", name, (*self._per_compartment, "celsius", *SHARED))
        if name == "celsius":
            self.celsius = _check_celsius(value)
            return self
        if name in SHARED:
            unit, example = SHARED[name]
            check_quantity(name, value, unit, example=example, positive=name == "Ra")
            self.shared[name] = value
            return self
        unit = self._per_compartment[name]
        check_quantity(
            name,
            value,
            unit,
            example="1*" + str(unit),
            allow_array=True,
            nonnegative=name.startswith("g_"),
            positive=name == "Cm",
        )
        if regions is not None and not regions:
            return self
        idx = self.indices(regions, sections)
        if np.ndim(value) and np.shape(value) != np.shape(idx):
            raise ValueError(
                f"{name} must be one value or one per chosen compartment ({len(idx)}); got "
                f"shape {np.shape(value)}"
            )
        self.values[name][idx] = np.asarray(b2.Quantity(value), dtype=float)  # SI units
        return self

    # ------------------------------------------------------------------ inputs

    def clear_inputs(self):
        """Remove every current injection and synapse (receptor types stay declared)."""
        self.inputs = {k: np.zeros(self.n_compartments) for k in _INJECTION}
        self.injection_sites = []
        self.synapses = []
        return self

    def inject(self, section, position, amplitude, *, start=0 * ms, stop=None):
        """Inject ``amplitude`` into one compartment from ``start`` to ``stop`` (a step)."""
        check_quantity("amplitude", amplitude, amp, example="0.1*nA")
        check_quantity("start", start, ms, example="1*ms", nonnegative=True)
        stop = 1e9 * second if stop is None else stop
        check_quantity("stop", stop, ms, example="10*ms", positive=True)
        if stop <= start:
            raise ValueError(f"stop must be after start ({start!r}); got {stop!r}")
        i = self.compartment(section, position)
        self.inputs["I_amp"][i] = float(amplitude / amp)
        self.inputs["I_start"][i] = float(start / second)
        self.inputs["I_stop"][i] = float(stop / second)
        self.injection_sites.append(i)
        return i

    def add_synapse(
        self,
        section,
        position=0.5,
        g_max=None,
        *,
        onset=1 * ms,
        tau=1 * ms,
        E=0 * mV,
        **receptor_options,
    ):
        """A synapse at one compartment; two forms of one call.

        * ``add_synapse(section, position, g_max, onset=, tau=, E=)``: an alpha
          conductance g(t) = g_max (t'/tau) exp(1 - t'/tau), t' = t - onset, peaking at
          ``g_max`` a time ``tau`` after ``onset``, reversal ``E`` (0 mV: excitatory).
          It is :meth:`attach` with ``Synapse("alpha", kinetics="alpha", tau_decay=tau,
          E_rev=E)`` and one presynaptic spike at ``onset`` (rounded to the cell's dt).
          Returns the compartment index.
        * ``add_synapse(AMPA(weight=...), section, position, times=..., ...)``: the same
          as :meth:`attach`.
        """
        if isinstance(section, Synapse):
            if g_max is not None:  # add_synapse(AMPA(), "dend0", 0.5, ...)
                return self.attach(section, position, g_max, **receptor_options)
            return self.attach(section, position, **receptor_options)
        if receptor_options:
            raise TypeError(
                f"add_synapse(section, position, g_max) got unexpected keyword(s) "
                f"{', '.join(sorted(receptor_options))}; times=, source=, weight=, delay= "
                f"need a Synapse first: add_synapse(AMPA(), 'dend0', 0.5, times=[5]*ms)"
            )
        if g_max is None:
            raise TypeError("add_synapse needs g_max, e.g. add_synapse('dend0', 0.5, 1*nS)")
        check_quantity("g_max", g_max, siemens, example="1*nS", nonnegative=True)
        check_quantity("onset", onset, ms, example="1*ms", nonnegative=True)
        check_quantity("tau", tau, ms, example="1*ms", positive=True)
        check_quantity("E", E, mV, example="0*mV")
        receptor = self._alpha_receptor(tau, E)
        return self.attach(receptor, section, position, times=b2.Quantity([onset]), weight=g_max)

    def _alpha_receptor(self, tau, E):
        """The cell's alpha-conductance receptor type with time to peak ``tau`` and
        reversal ``E``: an existing one, else a new one named alpha, alpha1, ..."""
        wanted = Synapse("alpha", kinetics="alpha", mode="conductance", tau_decay=tau, E_rev=E)
        alphas = [r for name, r in self.receptors.items() if re.fullmatch(r"alpha\d*", name)]
        for r in alphas:
            if _kinetics(r) == _kinetics(wanted):
                return r
        return wanted.replace(name="alpha" if not alphas else f"alpha{len(alphas)}")

    def attach(
        self,
        synapse,
        section="soma",
        position=0.5,
        *,
        distance=None,
        times=None,
        source=None,
        indices=None,
        weight=None,
        delay=None,
    ):
        """Put a synapse of type ``synapse`` (AMPA, NMDA, GABA_A, any :class:`Synapse`) on
        one compartment, driven by spike ``times`` or by the spikes of ``source``.

        The receptor's variables and current (``s_<name>``, ``I_<name>``, its Mg block)
        come from :meth:`Synapse.neuron_equations`, added to the cell once per receptor
        type as a point current; each spike increments them at the chosen compartment
        through a ``b2.Synapses`` with per-synapse weight ``w`` and ``delay``.

        Parameters
        ----------
        synapse : Synapse
        section : str
            A section of the cell's geometry (e.g. ``"soma"``, ``"dend0"``).
        position : float
            Fraction (0-1) along the section.
        distance : Quantity, optional
            Instead of ``position``: path distance from the soma along ``section``
            (Brian2's ``distance``: 0 where the dendrite leaves the soma); the compartment
            whose centre is nearest is used.
        times : Quantity array, optional
            Presynaptic spike times (before the delay), rounded to the cell's ``dt``.
        source : Population or Brian2 group with spikes, optional
            Instead of ``times``: every spike of its neurons ``indices`` (default all)
            reaches this synapse. Its ``dt`` must equal the cell's; :meth:`run`
            simulates it in the cell's network.
        weight, delay : Quantity, optional
            Default ``synapse.weight`` and ``synapse.delay``.

        Returns
        -------
        int, the compartment index.
        """
        self._check_receptor(synapse)
        if distance is not None:
            i = self.compartments.at_distance(section, distance)
        else:
            i = self.compartment(section, position)
        weight = synapse.weight if weight is None else synapse.check_weight(weight)
        if np.ndim(weight):
            raise ValueError(f"weight must be one value for one synapse; got {weight!r}")
        delay = (
            synapse.delay
            if delay is None
            else check_quantity("delay", delay, ms, example="1*ms", nonnegative=True)
        )
        if (times is None) == (source is None):
            raise ValueError(
                "attach needs exactly one of times= (spike times, e.g. "
                "[5, 20]*ms) or source= (a group whose spikes drive it)"
            )
        site = SynapseSite(receptor=synapse, compartment=i, weight=weight, delay=delay)
        if times is not None:
            check_quantity(
                "times", times, ms, example="[5, 20]*ms", allow_array=True, nonnegative=True
            )
            steps = np.unique(np.round(np.atleast_1d(np.asarray(times / self.dt, float))))
            site.steps = steps.astype(int)
        else:
            group = spike_source(source, "source")
            if not hasattr(group, "_spikespace"):
                raise TypeError(
                    f"source must emit spikes (a Population, PoissonGroup, "
                    f"SpikeGeneratorGroup...); got {source!r}"
                )
            if abs(float(group.clock.dt / self.dt) - 1) > 1e-9:
                raise ValueError(
                    f"source dt ({group.clock.dt}) must equal the cell's dt "
                    f"({self.dt}); build the source with dt={self.dt!r}"
                )
            idx = (
                np.arange(len(group))
                if indices is None
                else np.atleast_1d(np.asarray(indices, dtype=int))
            )
            if idx.size == 0 or idx.min() < 0 or idx.max() >= len(group):
                raise ValueError(
                    f"indices must be neuron indices of source in "
                    f"0..{len(group) - 1}; got {indices!r}"
                )
            site.source, site.indices = group, idx
        if synapse.name not in self.receptors:
            self.receptors[synapse.name] = synapse
            self._build()  # new equations: a new SpatialNeuron (and compiled model)
        site.receptor = self.receptors[synapse.name]
        self.synapses.append(site)
        return i

    def _input_objects(self):
        """Brian2 objects delivering the synaptic spikes (fixed names: no recompiles).

        They run on Brian2's numpy target: a few spikes per run cost microseconds per
        step there, while a cython build of each would cost 5-15 s cold.
        """
        from brian2.codegen.runtime.numpy_rt import NumpyCodeObject

        objects = []
        self._weighted = []  # (Synapses, the sites of its synapses): weights set per run
        for name, synapse in self.receptors.items():
            mine = [s for s in self.synapses if s.receptor.name == name]
            timed = [s for s in mine if s.source is None]
            driven = [s for s in mine if s.source is not None]
            pieces = []
            if timed:
                idx = np.concatenate([np.full(len(s.steps), k) for k, s in enumerate(timed)])
                steps = np.concatenate([s.steps for s in timed])
                gen = spike_input(
                    idx,
                    steps * self.dt,
                    len(timed),
                    name=f"cell_{name}_input",
                    dt=self.dt,
                    target="numpy",
                )
                objects.append(gen)
                pieces.append(
                    (
                        gen,
                        f"{_NAME}_{name}_timed",
                        timed,
                        np.arange(len(timed)),
                        [s.compartment for s in timed],
                    )
                )
            for k, s in enumerate(driven):
                if not any(o is s.source for o in objects):
                    objects.append(s.source)
                n = len(s.indices)
                pieces.append(
                    (
                        s.source,
                        f"{_NAME}_{name}_driven{k}",
                        [s] * n,
                        s.indices,
                        [s.compartment] * n,
                    )
                )
            unit = unit_string(synapse.weight_unit)
            for group, bname, sites, i, j in pieces:
                syn = b2.Synapses(
                    group,
                    self.neuron,
                    model=f"w : {unit} (constant)",
                    on_pre=synapse.on_pre("w"),
                    dt=self.dt,
                    name=bname,
                    namespace={},
                    codeobj_class=NumpyCodeObject,
                )
                syn.connect(i=np.asarray(i), j=np.asarray(j))
                self._weighted.append((syn, sites))
                objects.append(syn)
        return objects

    # ------------------------------------------------------------------------ run

    def _network(self, record, record_dt):
        """The cell's one network; a new recording swaps the monitor, nothing else.

        A simulated Brian2 group cannot join a second network, so the network is kept
        and rewound to t = 0 (``restore``) before its monitor is replaced.
        """
        key = (
            None if record is None else tuple(record),
            record_dt,
            tuple(s.key() for s in self.synapses),
        )
        if self._net is not None and self._net_key == key:
            return self._net
        if self._net is None:
            self._net = b2.Network(self.neuron, name=f"{_NAME}_network")
        else:
            self._net.restore("bioneuro_start")
            if self.monitor is not None:
                self._net.remove(self.monitor)
            for obj in self._extra:
                self._net.remove(obj)
        self._extra = self._input_objects()
        if self._extra:
            self._net.add(*self._extra)
        self.monitor = None
        if record is not None:
            self.monitor = b2.StateMonitor(
                self.neuron,
                "v",
                record=np.asarray(record),
                clock=None if record_dt is None else fixed_clock(f"{_NAME}_v", record_dt),
                name=f"{_NAME}_v",
            )
            self._net.add(self.monitor)
        self._net.store("bioneuro_start")
        self._net_key = key
        return self._net

    def _apply(self):
        nrn = self.neuron
        for name in self._per_compartment:
            setattr(nrn, name + "_", self.values[name])
        for name in _INJECTION:
            setattr(nrn, name + "_", self.inputs[name])
        nrn.E_Na_ = float(self.shared["E_Na"] / volt)
        nrn.E_K_ = float(self.shared["E_K"] / volt)
        nrn.Ri_ = float(self.shared["Ra"] / (ohm * b2.meter))
        nrn.phi_ = self.channels.phi(self.celsius)
        for key, (where, _) in self.channels.extra_parameters.items():
            if where == "shared":  # e.g. the cortical V_T and tau_max
                setattr(nrn, key, self.channels.defaults[key])
        nrn.I_inj_ = 0.0
        # the injection kernel runs only if the cell has an injection (same code either way)
        self._injection.active = bool(self.injection_sites)
        for syn, sites in self._weighted:  # the weights and delays as they are now
            syn.w = b2.Quantity([s.weight for s in sites])
            syn.delay = b2.Quantity([s.delay for s in sites])
        for synapse in self.receptors.values():
            for key, value in synapse.neuron_parameters().items():
                setattr(nrn, key, value)
            for var in b2.Equations(synapse.neuron_equations()).diff_eq_names:
                setattr(nrn, var + "_", 0.0)
        nrn.v_ = float(self.v_init / volt)
        per_compartment = {  # e.g. each compartment's V_T
            k: self.values[k] * unit
            for k, unit in self._per_compartment.items()
            if k in self.channels.extra_parameters
        }
        gates = (
            gate_steady_state(self.v_init)
            if self.channels.name == "hh"
            else self.channels.steady_state(self.v_init, **per_compartment)
        )
        for x, value in gates.items():
            setattr(nrn, x + "_", value)

    def run(self, duration, *, record="all", record_dt=None) -> CellTrace | None:
        """Simulate for ``duration`` from rest, with the current parameters and inputs.

        Parameters
        ----------
        duration : Quantity
        record : "all", None or sequence of int
            Compartments whose voltage is recorded (None: nothing, fastest).
        record_dt : Quantity or None
            Sampling step of the recording (default: every time step).

        Returns
        -------
        CellTrace or None (when nothing is recorded)
        """
        check_quantity("duration", duration, ms, example="20*ms", positive=True)
        steps = check_steps(duration, self.dt, n=self.n_compartments)
        samples = steps
        if record_dt is not None:
            check_quantity("record_dt", record_dt, ms, example="0.1*ms", positive=True)
            if record_dt < self.dt * (1 - 1e-9):
                raise ValueError(
                    f"record_dt must be at least the cell's dt ({self.dt}); got {record_dt}"
                )
            samples = check_steps(duration, record_dt, dt_name="record_dt")
        if isinstance(record, str):
            check_choice("record", record, ("all",))
            record = range(self.n_compartments)
        if record is not None:
            if not isinstance(record, np.ndarray):
                record = list(record)
            record = check_indices("record", record, self.n_compartments, owner="compartment")
            check_budget(
                "duration",
                duration,
                nbytes=8.0 * record.size * samples * 3,
                what=f"v of {record.size} compartments x {samples} samples",
            )
        net = self._network(record, record_dt)
        net.restore("bioneuro_start")
        self._apply()
        net.run(duration, namespace={}, **progress(steps, steps * self.n_compartments))
        if record is None:
            return None
        return CellTrace(
            t=owned(self.monitor.t[:]), v=owned(self.monitor.v[:]), indices=record, cell=self
        )


def _kinetics(synapse):
    """What a receptor type fixes in the cell's equations (weight and delay excluded)."""
    return (
        synapse.kinetics,
        synapse.mode,
        synapse.tau_decay,
        synapse.tau_rise,
        synapse.E_rev,
        synapse.mg,
    )


def axon(
    diameter,
    length,
    *,
    celsius=None,
    Ra=35.4 * ohm * cm,
    n_compartments=None,
    myelinated=False,
    **cell_options,
) -> Cell:
    """A plain axon with a Hodgkin-Huxley membrane (classic squid parameters, 6.3 °C by
    default), or any other channel set through ``channels=`` (e.g. ``"cortical"``, 37 °C).

    Unmyelinated: HH channels all along. Myelinated: HH channels (at 10x density) on
    1 µm nodes of Ranvier every 100 diameters; the internodes between them carry
    myelin (C_m 0.01 µF/cm², leak 0.001 mS/cm²). See
    :func:`bioneuro.bio.models.morphology.axon_geometry` and :class:`Cell`.

    >>> squid = axon(476 * um, 5 * cm, celsius=18.5)  # doctest: +SKIP
    """
    from bioneuro.bio.models.morphology import axon_geometry

    geometry = axon_geometry(diameter, length, myelinated=myelinated)
    return Cell(
        geometry,
        Ra=Ra,
        celsius=celsius,
        hh_regions=("axon", "node"),
        n_compartments=n_compartments,
        **cell_options,
    )
