"""The simulators: one model description, two backends.

======================  =====================================================
module                  what lives there
======================  =====================================================
``equations``           what both need from a model's equations (unit
                        strings, parameter declarations, the spike rule)
``brian``               Brian2: one explicit Network, fixed names; the C++
                        standalone device
``ode``                 scipy: the same strings as one numpy function
======================  =====================================================
"""
