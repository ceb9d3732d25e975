"""The mapping: the biological neuron onto the artificial one.

======================  =====================================================
module                  what lives there
======================  =====================================================
``transfer``            :func:`fit_activation`: ReLU, softplus, sigmoid or step
                        fitted to an f-I curve (or any ResponseCurve) -> :class:`Fit`
``siegert``             the noisy LIF: Siegert closed form for its rate, and a
                        seeded simulation to check it
``ratecode``            integrate-and-fire rate coding (reset by subtraction vs to
                        zero), the IF neuron on Brian2, same weights / two neurons
``conversion``          :func:`to_spiking`: a trained MLP run as a spiking
                        network on Brian2 (Diehl et al. 2015 normalisation)
``mapping``             a cell and an artificial neuron with the same weights
``leftout``             what the artificial neuron leaves out: dendritic
                        subunits
======================  =====================================================

The drawings of the pair live in :mod:`bioneuro.figures.drawings`.

>>> from bioneuro import bio, compare
>>> from bioneuro.units import nA
>>> lif = bio.LIF()
>>> fit = compare.fit_activation(bio.fi_curve(lif, [0, 0.2, 0.3, 0.4, 0.5] * nA), "relu")
"""

from bioneuro.compare import conversion, leftout, mapping, ratecode, siegert, transfer
from bioneuro.compare.conversion import SpikingNetwork, SpikingRun, to_spiking
from bioneuro.compare.ratecode import (
    SameWeights,
    if_counts,
    if_counts_brian2,
    if_group,
    if_rate,
    if_rate_predicted,
    same_weights,
)
from bioneuro.compare.siegert import noisy_lif_rates, siegert_curve, siegert_rate
from bioneuro.compare.transfer import Fit, fit_activation

#: Former module name, kept as an alias.
diagrams = mapping

__all__ = [
    "Fit",
    "SameWeights",
    "SpikingNetwork",
    "SpikingRun",
    "conversion",
    "diagrams",
    "fit_activation",
    "if_counts",
    "if_counts_brian2",
    "if_group",
    "if_rate",
    "if_rate_predicted",
    "leftout",
    "mapping",
    "noisy_lif_rates",
    "ratecode",
    "same_weights",
    "siegert",
    "siegert_curve",
    "siegert_rate",
    "to_spiking",
    "transfer",
]
