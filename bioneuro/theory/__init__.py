"""Closed forms: what a textbook derivation gives, one function each.

======================  =====================================================
module                  closed forms
======================  =====================================================
``lif``                 the LIF neuron's firing rate under constant drive
``cable``               length constants, input resistances, the sealed-cable
                        profile, conduction-velocity scaling laws
``psp``                 synaptic kernels and postsynaptic potentials on a
                        passive membrane; the PSP's time to threshold
``stdp``                the pair-based STDP window and its integral
======================  =====================================================

Shared by :mod:`bioneuro.bio` (models and tests check themselves against these),
:mod:`bioneuro.ann` (the LIF-rate activation is :func:`lif.rate_of_excess`) and
:mod:`bioneuro.compare`. Plain numbers in, plain numbers out where a function says so;
Brian2 quantities in and out otherwise (Brian2 is imported only by those functions).
"""
