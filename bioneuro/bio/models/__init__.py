"""Descriptions of biological neurons, written once and run by every backend.

======================  =====================================================
module                  what lives there
======================  =====================================================
``channels``            Hodgkin-Huxley rate functions (Brian2 strings); Q10
``point``               point neurons: HodgkinHuxley, LIF, AdEx
``synapses``            synapse kinetics and receptor presets (AMPA, NMDA, ...)
``plasticity``          the STDP rule
``morphology``          neuron shapes (soma, dendrites, axon) and their
                        compartments
======================  =====================================================
"""
