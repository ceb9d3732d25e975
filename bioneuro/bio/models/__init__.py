"""Descriptions of biological neurons, written once and run by every backend.

======================  =====================================================
module                  what lives there
======================  =====================================================
``channels``            ion channels as Brian2 strings: the squid axon (HH)
                        and the cortical pyramidal cell; Q10
``point``               point neurons: HodgkinHuxley, LIF, AdEx,
                        CorticalPyramidal
``synapses``            synapse kinetics and receptor presets (AMPA, NMDA, ...)
``plasticity``          the STDP rule
``morphology``          neuron shapes (soma, dendrites, axon) and their
                        compartments
======================  =====================================================
"""
