"""Experiments: functions that build a simulation, run it and return what it measured.

======================  =====================================================
module                  experiments
======================  =====================================================
``psp``                 postsynaptic potentials of given spikes
                        (:func:`spike_responses`), the NMDA magnesium block
                        under voltage clamp (:func:`nmda_clamp`)
``stdp``                the STDP window measured one spike pair at a time
``cable``               conduction velocity, length constant, input resistance
``chains``              a relay chain of point neurons, a chain of cells
``brette2007``          the CUBA and COBA benchmark networks
======================  =====================================================

Each returns a dataclass (or a :class:`~bioneuro.curves.ResponseCurve`, or a quantity).
"""
