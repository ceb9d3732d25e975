"""Neuron shapes: a soma, dendrites and an axon, as a tree of sections.

A :class:`Geometry` is a tree of named sections. The soma is a sphere; every other
section is a polyline of 3-D points, each with a diameter (µm): a cylinder when the two
end diameters agree, a truncated cone otherwise. Each section carries a *region*
(``"soma"``, ``"dendrite"``, ``"ais"``, ``"axon"``, ``"node"``, ``"internode"``), which is
what :class:`bioneuro.bio.Cell` uses to place ion channels.

A geometry is a description, not yet cut into compartments. :meth:`Geometry.to_brian2`
turns it into a Brian2 ``Morphology`` (``Soma`` and ``Section`` objects), choosing the
number of compartments by NEURON's d_lambda rule: every compartment is at most
``d_lambda`` (0.1) times the AC length constant at ``frequency`` (100 Hz)::

    lambda_f = 0.5 * sqrt(d / (pi * f * R_a * C_m))     (theory.cable.ac_length_constant)

:class:`Compartments` says where each compartment of the cut geometry lies (section,
region, end points, diameter, path distance from the soma) and finds compartments by
section and position or by distance.

Builders: :func:`ball_and_stick`, :func:`branched_cell` (soma, branched dendrites,
axon initial segment, axon, optionally myelinated), :func:`axon_geometry` (a plain
axon) and :func:`load_swc` (a reconstruction from an SWC file). Every geometry error
(zero or negative length or diameter, unknown parent, missing file, broken SWC line)
raises a ``ValueError`` naming the section or the line at fault.

Brian2 ships one reconstruction, read by :func:`brian2_swc_path`: a dentate gyrus
granule cell of the rat, ``mp_ma_40984_gc2.CNG.swc``, from NeuroMorpho.Org
(NMO_00001-series, Amaral archive), distributed under CC BY 4.0. Ascoli GA, Donohue DE,
Halavi M (2007) NeuroMorpho.Org: a central resource for neuronal morphologies.
J Neurosci 27:9247-9251.
"""

from __future__ import annotations

import keyword
import math
from dataclasses import dataclass, field
from pathlib import Path

import brian2 as b2
import numpy as np
from brian2 import Hz, cm, ohm, uF, um

from bioneuro.checks import check_choice, check_number, check_quantity
from bioneuro.theory.cable import ac_length_constant

#: Regions a section may belong to.
REGIONS = ("soma", "dendrite", "ais", "axon", "node", "internode")
#: Most internodes of one myelinated axon (Brian2 walks the section tree recursively).
MAX_INTERNODES = 40
#: SWC structure identifiers (Cannon et al. 1998) -> region.
SWC_TYPES = {1: "soma", 2: "axon", 3: "dendrite", 4: "dendrite"}


class _Section(b2.Section):
    """Brian2's ``Section``, with the path distance of its end computed once.

    Brian2 (2.9 to 2.11) derives ``end_distance`` (distance of the section's end from
    the root) from the parent's at every call, so building a ``SpatialNeuron`` on a
    chain of n sections walks the chain n²/2 times: for conduction_velocity's eight
    myelinated fibres (51 sections each) that was 1.1 s of the 1.8 s spent building
    them. Here the first call stores the value. A section's distance from the root
    depends only on its ancestors' lengths, fixed once :meth:`Geometry.to_brian2` has
    attached it (Brian2 sections have no length setter, and nothing here re-parents a
    section).
    """

    @property
    def end_distance(self):
        memo = self.__dict__.get("_end_distance_memo")
        if memo is None:
            memo = self.__dict__["_end_distance_memo"] = super().end_distance
        return memo


@dataclass
class SectionGeometry:
    """One section: ``points`` is an (n, 4) array of x, y, z, diameter in µm.

    For the soma, ``points`` holds a single row: the centre and the diameter. For any
    other section the first row is where it leaves its parent.
    """

    name: str
    region: str
    parent: str | None
    points: np.ndarray
    children: list = field(default_factory=list)

    @property
    def length_um(self) -> float:
        if self.region == "soma":
            return float(self.points[0, 3])
        return float(np.sum(np.linalg.norm(np.diff(self.points[:, :3], axis=0), axis=1)))


class Geometry:
    """A tree of named sections (see the module docstring).

    Build one with :meth:`add_soma` and :meth:`add`, or with the builders of this module.
    Sections are kept in the order they were added; the first is the root.
    """

    def __init__(self, name="cell"):
        self.name = name
        self.sections: dict[str, SectionGeometry] = {}
        self.source = None  # where the geometry came from (e.g. an SWC path)

    def __repr__(self) -> str:
        counts = {}
        for s in self.sections.values():
            counts[s.region] = counts.get(s.region, 0) + 1
        inner = ", ".join(f"{k}: {v}" for k, v in counts.items())
        return f"Geometry({self.name!r}, {len(self.sections)} sections; {inner})"

    @property
    def root(self) -> SectionGeometry:
        return next(iter(self.sections.values()))

    def _check_new(self, name, region, parent):
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise ValueError(
                f"section name must be a Python identifier, e.g. 'dend0'; got {name!r}"
            )
        if name in self.sections:
            raise ValueError(f"section {name!r} already exists in {self.name!r}")
        if region not in REGIONS:
            raise ValueError(
                f"section {name!r}: region must be one of {', '.join(REGIONS)}; got {region!r}"
            )
        if parent is None and self.sections:
            raise ValueError(
                f"section {name!r}: parent must name an existing section "
                f"(only the first section is the root); got None"
            )
        if parent is not None and parent not in self.sections:
            known = ", ".join(self.sections) or "none yet"
            raise ValueError(
                f"section {name!r}: parent {parent!r} does not exist (sections: {known})"
            )

    def add_soma(self, name="soma", diameter=20 * um, center=(0.0, 0.0, 0.0)):
        """Add the spherical soma (must be the first section)."""
        self._check_new(name, "soma", None)
        d = _length_um(f"section {name!r}: diameter", diameter)
        self.sections[name] = SectionGeometry(
            name, "soma", None, np.array([[*map(float, center), d]])
        )
        return self

    def add(self, name, region, parent, points):
        """Add a section from its points (rows x, y, z, diameter in µm; first row = start).

        If ``parent`` is given and the first point is omitted (a single row), the section
        starts at the parent's end (for the soma: at its surface along the direction of
        the first point).
        """
        self._check_new(name, region, parent)
        pts = np.array(points, dtype=float)
        if pts.ndim != 2 or pts.shape[1] != 4 or len(pts) < 2:
            raise ValueError(
                f"section {name!r}: points must be at least two rows of "
                f"(x, y, z, diameter) in µm; got shape {pts.shape}"
            )
        if not np.all(np.isfinite(pts)):
            raise ValueError(f"section {name!r}: points must be finite numbers")
        bad = np.flatnonzero(pts[:, 3] <= 0)
        if bad.size:
            raise ValueError(
                f"section {name!r}: diameter must be > 0 at every point; "
                f"got {pts[bad[0], 3]} µm at point {bad[0]}"
            )
        seg = np.linalg.norm(np.diff(pts[:, :3], axis=0), axis=1)
        bad = np.flatnonzero(seg <= 0)
        if bad.size:
            raise ValueError(
                f"section {name!r}: every segment must have a length > 0; "
                f"points {bad[0]} and {bad[0] + 1} coincide"
            )
        section = SectionGeometry(name, region, parent, pts)
        self.sections[name] = section
        if parent is not None:
            self.sections[parent].children.append(name)
        return self

    def add_cylinder(self, name, region, parent, length, diameter, direction):
        """Add a straight cylinder of ``length`` and ``diameter`` leaving its parent.

        It starts at the parent's end (the soma's surface) and points along
        ``direction`` (a 2-D or 3-D vector).
        """
        self._check_new(name, region, parent)
        length = _length_um(f"section {name!r}: length", length)
        diameter = _length_um(f"section {name!r}: diameter", diameter)
        u = np.zeros(3)
        u[: len(direction)] = direction
        u = u / np.linalg.norm(u)
        start = self.end_point(parent, u) if parent is not None else np.zeros(3)
        end = start + length * u
        return self.add(name, region, parent, [[*start, diameter], [*end, diameter]])

    def end_point(self, name, direction=None):
        """Where a child of section ``name`` starts (soma: surface along ``direction``)."""
        if name not in self.sections:
            raise ValueError(f"parent {name!r} does not exist")
        s = self.sections[name]
        if s.region == "soma":
            u = np.zeros(3) if direction is None else np.asarray(direction, dtype=float)
            return s.points[0, :3] + 0.5 * s.points[0, 3] * u
        return s.points[-1, :3].copy()

    def rotated(self, degrees):
        """A copy of this geometry rotated by ``degrees`` about the z axis (anticlockwise).

        A geometry has no orientation in its physics; the diagrams turn
        :func:`branched_cell` (dendrites up, axon down) by 90° so that the signal flows
        left to right, as in the artificial neuron.
        """
        if isinstance(degrees, bool) or not isinstance(degrees, (int, float)):
            raise TypeError(f"degrees must be a number, e.g. 90; got {degrees!r}")
        a = np.radians(float(degrees))
        rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
        out = Geometry(self.name)
        out.source = self.source
        for s in self.sections.values():
            pts = s.points.copy()
            pts[:, :2] = pts[:, :2] @ rot.T
            if s.region == "soma":
                out.add_soma(s.name, pts[0, 3] * um, tuple(pts[0, :3]))
            else:
                out.add(s.name, s.region, s.parent, pts)
        return out

    # ----------------------------------------------------------------- to Brian2

    def discretise(
        self,
        *,
        Ra=100 * ohm * cm,
        Cm=1 * uF / cm**2,
        d_lambda=0.1,
        frequency=100 * Hz,
        n_compartments=None,
        Cm_regions=None,
    ):
        """Compartment boundaries of every section: {name: (k+1, 4) points}.

        Each segment between two given points is cut into
        ``ceil(length / (d_lambda * lambda_f))`` equal pieces, lambda_f taken at the
        smaller end diameter and at the section's own ``C_m`` (``Cm_regions`` may give a
        region its own, e.g. myelin). ``n_compartments`` (int, or {section: int})
        instead cuts a section into that many equal pieces along its length.
        """
        cuts = {}
        counts = self._cut_counts(Ra, Cm, d_lambda, frequency, n_compartments, Cm_regions)
        for s in self.sections.values():
            k = counts[s.name]
            if s.region == "soma":
                cuts[s.name] = s.points
            elif np.ndim(k) == 0:
                cuts[s.name] = _resample(s.points, int(k))
            else:
                rows = [s.points[:1]]
                for a, b, pieces in zip(s.points[:-1], s.points[1:], k, strict=True):
                    frac = np.linspace(0, 1, int(pieces) + 1)[1:, None]
                    rows.append(a + frac * (b - a))
                cuts[s.name] = np.vstack(rows)
        return cuts

    def count_compartments(
        self,
        *,
        Ra=100 * ohm * cm,
        Cm=1 * uF / cm**2,
        d_lambda=0.1,
        frequency=100 * Hz,
        n_compartments=None,
        Cm_regions=None,
    ) -> int:
        """How many compartments :meth:`discretise` cuts this geometry into (the same
        rule, without cutting anything: for the size guard of a cell)."""
        counts = self._cut_counts(Ra, Cm, d_lambda, frequency, n_compartments, Cm_regions)
        return int(sum(np.sum(k) for k in counts.values()))

    def _cut_counts(self, Ra, Cm, d_lambda, frequency, n_compartments, Cm_regions):
        """{section: pieces}: 1 for the soma, an int for a section cut into equal pieces
        (``n_compartments``), else one count per segment by the d_lambda rule."""
        check_number("d_lambda", d_lambda, example="0.1", positive=True)
        check_quantity("frequency", frequency, Hz, example="100*Hz", positive=True)
        check_quantity("Ra", Ra, ohm * cm, example="100*ohm*cm", positive=True)
        check_quantity("Cm", Cm, uF / cm**2, example="1*uF/cm**2", positive=True)
        counts = {}
        for s in self.sections.values():
            fixed = (
                n_compartments.get(s.name)
                if isinstance(n_compartments, dict)
                else (n_compartments)
            )
            if s.region == "soma":
                counts[s.name] = 1
            elif fixed is not None:
                check_number("n_compartments", fixed, example="100", positive=True, integer=True)
                counts[s.name] = int(fixed)
            else:
                cm_here = (Cm_regions or {}).get(s.region, Cm)
                seg = np.linalg.norm(np.diff(s.points[:, :3], axis=0), axis=1)
                d = np.minimum(s.points[:-1, 3], s.points[1:, 3]) * um
                lam = np.asarray(ac_length_constant(d, frequency, Ra, cm_here) / um)
                counts[s.name] = np.maximum(1, np.ceil(seg / (d_lambda * lam) - 1e-9)).astype(int)
        return counts

    def to_brian2(self, **discretisation):
        """A Brian2 ``Morphology`` of this geometry, cut by :meth:`discretise`.

        Returns
        -------
        morpho : brian2 Morphology (the root)
        sections : dict
            {name: the Brian2 section object}, to find compartment indices after the
            ``SpatialNeuron`` is built (``section.indices[:]``).
        cuts : dict
            {name: (k+1, 4) compartment boundary points in µm}.
        """
        cuts = self.discretise(**discretisation)
        built = {}
        for s in self.sections.values():
            pts = cuts[s.name]
            if s.region == "soma":
                obj = b2.Soma(
                    diameter=pts[0, 3] * um,
                    x=[pts[0, 0]] * um,
                    y=[pts[0, 1]] * um,
                    z=[pts[0, 2]] * um,
                )
            else:
                origin = self.end_point(s.parent) if s.parent is not None else np.zeros(3)
                if s.parent is not None and self.sections[s.parent].region == "soma":
                    origin = self.sections[s.parent].points[0, :3]
                rel = pts[:, :3] - origin
                obj = _Section(
                    n=len(pts) - 1,
                    diameter=pts[:, 3] * um,
                    x=rel[:, 0] * um,
                    y=rel[:, 1] * um,
                    z=rel[:, 2] * um,
                )
            if s.parent is not None:
                setattr(built[s.parent], s.name, obj)
            built[s.name] = obj
        return built[self.root.name], built, cuts


@dataclass
class Compartments:
    """Where each compartment of a cut geometry lies, and how to find one.

    Built by :meth:`from_brian2` from the Brian2 morphology a ``SpatialNeuron`` is built
    from (Brian2 numbers the compartments). Positions are in µm.

    Attributes
    ----------
    geometry : Geometry
    section_of, region_of : ndarray of str, shape (n,)
        The section and the region each compartment belongs to.
    start, end : ndarray, shape (n, 3)
        End points of each compartment (a soma's are its centre).
    diameter_um, distance_um : ndarray, shape (n,)
        Diameter, and path distance from the soma along the tree (Brian2's ``distance``).
    position : ndarray, shape (n,)
        Where the compartment's middle lies along its section (0 = start, 1 = end).
    """

    geometry: Geometry
    section_of: np.ndarray
    region_of: np.ndarray
    start: np.ndarray
    end: np.ndarray
    diameter_um: np.ndarray
    distance_um: np.ndarray
    position: np.ndarray

    @classmethod
    def from_brian2(cls, geometry, sections, cuts, flat):
        """The compartments of a cell cut by :meth:`Geometry.to_brian2` (which returned
        ``sections`` and ``cuts``); ``flat`` is Brian2's ``FlatMorphology`` of its root,
        the per-compartment geometry (in metres) a ``SpatialNeuron`` of it is given, in
        the same order."""
        n = len(flat.diameter)
        section_of = np.empty(n, dtype=object)
        region_of = np.empty(n, dtype=object)
        start, end, position = np.zeros((n, 3)), np.zeros((n, 3)), np.zeros(n)
        for name, section in sections.items():
            idx = np.asarray(section.indices[:])
            geom = geometry.sections[name]
            section_of[idx], region_of[idx] = name, geom.region
            pts = cuts[name]
            if geom.region == "soma":
                start[idx] = end[idx] = pts[0, :3]
                position[idx] = 0.5
            else:
                start[idx], end[idx] = pts[:-1, :3], pts[1:, :3]
                position[idx] = (np.arange(len(idx)) + 0.5) / len(idx)
        return cls(
            geometry,
            section_of,
            region_of,
            start,
            end,
            np.asarray(flat.diameter) / float(um),
            np.asarray(flat.distance) / float(um),
            position,
        )

    def __len__(self) -> int:
        return len(self.section_of)

    def indices(self, regions=None, sections=None) -> np.ndarray:
        """Indices of the compartments in the given regions and/or sections (all if neither)."""
        mask = np.ones(len(self), dtype=bool)
        if regions is not None:
            regions = [regions] if isinstance(regions, str) else list(regions)
            for r in regions:
                check_choice("region", r, REGIONS)
            mask &= np.isin(self.region_of.astype(str), regions)
        if sections is not None:
            sections = [sections] if isinstance(sections, str) else list(sections)
            for s in sections:
                check_choice("section", s, tuple(self.geometry.sections))
            mask &= np.isin(self.section_of.astype(str), sections)
        return np.flatnonzero(mask)

    def index(self, section, position=0.5) -> int:
        """Index of the compartment at ``position`` (0 = start, 1 = end) along ``section``."""
        check_choice("section", section, tuple(self.geometry.sections))
        check_number("position", position, example="0.5", nonnegative=True)
        if position > 1:
            raise ValueError(f"position must be between 0 and 1, e.g. 0.5; got {position!r}")
        idx = self.indices(sections=section)
        return int(idx[min(int(position * len(idx)), len(idx) - 1)])

    def at_distance(self, section, distance) -> int:
        """Index of the compartment of ``section`` whose centre lies nearest the path
        distance ``distance`` from the soma."""
        check_quantity("distance", distance, um, example="100*um", nonnegative=True)
        idx = self.indices(sections=section)
        d = self.distance_um[idx]
        target = float(distance / um)
        half = (d.max() - d.min()) / max(len(idx) - 1, 1) / 2 + 1e-9
        if not d.min() - half <= target <= d.max() + half:
            raise ValueError(
                f"distance {distance!r} is not on section {section!r}, which spans "
                f"{d.min():.1f}-{d.max():.1f} um from the soma (compartment centres)"
            )
        return int(idx[int(np.argmin(np.abs(d - target)))])

    def midpoints(self) -> np.ndarray:
        """(n, 3) compartment centres in µm."""
        return 0.5 * (self.start + self.end)


def _length_um(what, value) -> float:
    check_quantity(what, value, um, example="10*um", positive=True)
    return float(value / um)


def _resample(points, n):
    """``n`` equal pieces along the polyline ``points`` (diameter interpolated)."""
    seg = np.linalg.norm(np.diff(points[:, :3], axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    targets = np.linspace(0, s[-1], n + 1)
    return np.column_stack([np.interp(targets, s, points[:, j]) for j in range(4)])


# --------------------------------------------------------------------- builders


def ball_and_stick(
    *, soma_diameter=20 * um, dendrite_length=600 * um, dendrite_diameter=2 * um, dendrites=1
) -> Geometry:
    """A spherical soma with ``dendrites`` straight unbranched dendrites (named dend0...).

    Parameters
    ----------
    soma_diameter, dendrite_length, dendrite_diameter : Quantity (lengths)
    dendrites : int
        How many dendrites leave the soma, spread over the upper half plane.
    """
    check_number("dendrites", dendrites, example="1", positive=True, integer=True)
    for name, value in (
        ("soma_diameter", soma_diameter),
        ("dendrite_length", dendrite_length),
        ("dendrite_diameter", dendrite_diameter),
    ):
        check_quantity(name, value, um, example="10*um", positive=True)
    g = Geometry("ball_and_stick").add_soma("soma", soma_diameter)
    angles = np.linspace(90, 90, 1) if dendrites == 1 else np.linspace(30, 150, dendrites)
    for k, a in enumerate(angles):
        g.add_cylinder(
            f"dend{k}",
            "dendrite",
            "soma",
            dendrite_length,
            dendrite_diameter,
            (np.cos(np.radians(a)), np.sin(np.radians(a))),
        )
    return g


def branched_cell(
    *,
    soma_diameter=20 * um,
    n_dendrites=3,
    dendrite_length=200 * um,
    dendrite_diameter=2 * um,
    branch_length=150 * um,
    ais_length=40 * um,
    ais_diameter=1.5 * um,
    axon_length=1000 * um,
    axon_diameter=1 * um,
    myelinated=False,
    internode_length=100 * um,
    node_length=1 * um,
) -> Geometry:
    """A soma, branched dendrites and an axon with an initial segment.

    Each of the ``n_dendrites`` primary dendrites (``dend0``...) splits in two daughters
    (``dend0a``, ``dend0b``) of diameter ``d / 2**(2/3)`` (Rall's 3/2 power rule, so the
    tree is electrically one equivalent cylinder). The axon leaves the soma downwards:
    the initial segment ``ais``, then ``axon`` (unmyelinated) or alternating
    ``internode0, node1, internode1, node2 ...`` ending on a node (myelinated).
    """
    for name, value in (
        ("dendrite_length", dendrite_length),
        ("branch_length", branch_length),
        ("internode_length", internode_length),
        ("node_length", node_length),
        ("axon_length", axon_length),
    ):
        check_quantity(name, value, um, example="100*um", positive=True)
    check_number("n_dendrites", n_dendrites, example="3", nonnegative=True, integer=True)
    g = Geometry("branched_cell").add_soma("soma", soma_diameter)
    d_child = dendrite_diameter / 2 ** (2 / 3)
    angles = [90.0] if n_dendrites == 1 else np.linspace(25, 155, n_dendrites)
    for k, a in enumerate(angles[:n_dendrites]):
        u = np.array([np.cos(np.radians(a)), np.sin(np.radians(a))])
        g.add_cylinder(f"dend{k}", "dendrite", "soma", dendrite_length, dendrite_diameter, u)
        for tag, turn in (("a", 25), ("b", -25)):
            t = np.radians(a + turn)
            g.add_cylinder(
                f"dend{k}{tag}",
                "dendrite",
                f"dend{k}",
                branch_length,
                d_child,
                (np.cos(t), np.sin(t)),
            )
    down = (0.0, -1.0)
    g.add_cylinder("ais", "ais", "soma", ais_length, ais_diameter, down)
    _add_axon(
        g, "ais", axon_length, axon_diameter, myelinated, internode_length, node_length, down
    )
    return g


def _add_axon(g, parent, length, diameter, myelinated, internode_length, node_length, direction):
    if not myelinated:
        g.add_cylinder("axon", "axon", parent, length, diameter, direction)
        return g
    period = internode_length + node_length
    n = max(1, int(round(float(length / period))))
    if n > MAX_INTERNODES:
        raise ValueError(
            f"a myelinated axon of {length!r} with {period!r} per node holds {n} internodes; "
            f"at most {MAX_INTERNODES} are supported (Brian2 nests each section in its "
            "parent, and its recursion limit is reached near 50): shorten the axon or "
            "lengthen internode_length"
        )
    for k in range(n):
        g.add_cylinder(f"internode{k}", "internode", parent, internode_length, diameter, direction)
        g.add_cylinder(f"node{k + 1}", "node", f"internode{k}", node_length, diameter, direction)
        parent = f"node{k + 1}"
    return g


def axon_geometry(
    diameter, length, *, myelinated=False, internode_length=None, node_length=1 * um
) -> Geometry:
    """A plain axon along x, starting at 0.

    Unmyelinated: one section ``axon``. Myelinated: ``node0`` then alternating
    ``internode0, node1, internode1, node2 ...`` (internode length 100 diameters unless
    given; nodes ``node_length`` long), as many periods as fit in ``length``.
    """
    check_quantity("diameter", diameter, um, example="1*um", positive=True)
    check_quantity("length", length, um, example="1*cm", positive=True)
    g = Geometry("axon")
    d = float(diameter / um)
    if not myelinated:
        return g.add("axon", "axon", None, [[0, 0, 0, d], [float(length / um), 0, 0, d]])
    internode_length = 100 * diameter if internode_length is None else internode_length
    check_quantity("internode_length", internode_length, um, example="100*um", positive=True)
    check_quantity("node_length", node_length, um, example="1*um", positive=True)
    nl = float(node_length / um)
    g.add("node0", "node", None, [[0, 0, 0, d], [nl, 0, 0, d]])
    _add_axon(
        g, "node0", length - node_length, diameter, True, internode_length, node_length, (1.0, 0.0)
    )
    return g


# ---------------------------------------------------------------------- SWC


def brian2_swc_path() -> Path:
    """Path of the SWC reconstruction shipped inside the installed Brian2 package.

    A rat dentate gyrus granule cell (dendrites only), ``mp_ma_40984_gc2.CNG.swc``,
    NeuroMorpho.Org, CC BY 4.0 (see the module docstring for the citation).
    """
    return Path(b2.__file__).parent / "spatialneuron" / "mp_ma_40984_gc2.CNG.swc"


_SWC_FIELDS = ("id", "type", "x", "y", "z", "radius", "parent")


def load_swc(path) -> Geometry:
    """Read a reconstruction in the SWC format (Cannon et al. 1998).

    Each non-comment line is ``id type x y z radius parent`` (µm; parent -1 for the
    root). The root must be a soma point (type 1); further soma points are merged into
    the soma. Unbranched runs of points become one section: ``dend0, dend1, ...`` (types
    3 and 4) or ``axon0, ...`` (type 2), numbered in file order. A section leaving the
    soma starts at the soma centre (as in Brian2's own reader).

    Every line is checked before anything is built: a missing file, a non-numeric or
    missing field, a radius <= 0, an id defined twice, a parent not defined earlier in
    the file, a second root, or a point on top of its parent raises a ``ValueError``
    (``FileNotFoundError`` for the file) naming the line.
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a file path (str or Path); got {path!r}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"SWC file not found: {path}")
    rows, line_of = {}, {}
    root = None
    for lineno, raw in enumerate(
        path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1
    ):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        where = f"{path.name}, line {lineno}"
        fields = text.split()
        if len(fields) < 7:
            raise ValueError(
                f"{where}: expected 7 fields (id type x y z radius parent); got "
                f"{len(fields)}: {raw.strip()!r}"
            )
        values = []
        for name, f in zip(_SWC_FIELDS, fields[:7], strict=True):
            try:
                values.append(float(f))
            except ValueError:
                raise ValueError(f"{where}: field {name!r} must be a number; got {f!r}") from None
        if not all(math.isfinite(v) for v in values):
            raise ValueError(f"{where}: every field must be finite; got {raw.strip()!r}")
        pid, ptype, x, y, z, r, parent = values
        if pid != int(pid) or parent != int(parent) or ptype != int(ptype):
            raise ValueError(
                f"{where}: id, type and parent must be whole numbers; got {raw.strip()!r}"
            )
        pid, parent, ptype = int(pid), int(parent), int(ptype)
        if pid in rows:
            raise ValueError(f"{where}: id {pid} already defined on line {line_of[pid]}")
        if r <= 0:
            raise ValueError(f"{where}: radius must be > 0 µm; got {r} (point {pid})")
        if parent == -1:
            if root is not None:
                raise ValueError(
                    f"{where}: second root (parent -1); the root is point "
                    f"{root} on line {line_of[root]}"
                )
            if ptype != 1:
                raise ValueError(
                    f"{where}: the root point must be a soma point (type 1); got type {ptype}"
                )
            root = pid
        elif parent not in rows:
            raise ValueError(
                f"{where}: parent id {parent} of point {pid} is not defined on an earlier line"
            )
        else:
            px, py, pz = rows[parent][1:4]
            if (x, y, z) == (px, py, pz) and not (ptype == 1 and rows[parent][0] == 1):
                raise ValueError(
                    f"{where}: point {pid} coincides with its parent {parent} (zero length)"
                )
        rows[pid] = (ptype, x, y, z, r, parent)
        line_of[pid] = lineno
    if root is None:
        raise ValueError(f"{path.name}: no root point (a soma point with parent -1)")

    soma_ids = {root}
    children = {pid: [] for pid in rows}
    for pid, (ptype, *_, parent) in rows.items():
        if parent == -1:
            continue
        if ptype == 1 and parent in soma_ids:
            soma_ids.add(pid)
        else:
            children[parent].append(pid)
    g = Geometry(path.stem)
    g.source = path
    sx, sy, sz, sr = rows[root][1:5]
    g.add_soma("soma", 2 * sr * um, (sx, sy, sz))
    counters = {}
    # a stack of (first point id, parent section name, start point row)
    stack = []
    for s in sorted(soma_ids):
        for c in children[s]:
            stack.append((c, "soma", (sx, sy, sz, rows[c][4] * 2)))
    stack.reverse()
    while stack:
        first, parent_name, start = stack.pop()
        region = SWC_TYPES.get(rows[first][0], "dendrite")
        prefix = "axon" if region == "axon" else "dend"
        k = counters.get(prefix, 0)
        counters[prefix] = k + 1
        name = f"{prefix}{k}"
        pts, pid = [start], first
        while True:
            _, x, y, z, r, _ = rows[pid]
            pts.append((x, y, z, 2 * r))
            if len(children[pid]) != 1:
                break
            pid = children[pid][0]
        try:
            g.add(name, region, parent_name, pts)
        except ValueError as exc:
            raise ValueError(f"{path.name}, line {line_of[first]}: {exc}") from None
        for c in reversed(children[pid]):
            stack.append((c, name, (*rows[pid][1:4], 2 * rows[pid][4])))
    return g
