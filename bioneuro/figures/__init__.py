"""The figure tooling: scripts to files, the gallery pages, the comparison drawings.

======================  =====================================================
module                  what lives there
======================  =====================================================
``scripts``             what a ``simulations/plot_*.py`` says about itself;
                        rendering one headless, styled and seeded
``gallery``             the README gallery and ``docs/gallery.md``, generated
``drawings``            the two-neuron diagram: a cell above the artificial
                        neuron with the same weights, parts paired by arrows
======================  =====================================================

The style (colours, fonts, panel letters) is :mod:`bioneuro.style`, shared with the
bio and ann drawings. This package sits on top: it may import bio, ann and compare;
nothing in them imports it.
"""
