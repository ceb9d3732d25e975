"""The garbage collector's frozen heap (``bio.backends.brian.frozen_heap``).

Brian2 collects garbage at the start of every ``Network.run``; inside a frozen heap that
collection walks only the objects made since the last freeze. Each test and each figure
of ``bioneuro figures -j 1`` re-freezes what survived the one before
(``freeze_survivors``). What must hold: garbage is still collected, survivors leave the
collector's sight, and a Brian2 name held by an object that was frozen while alive and
became garbage afterwards is still released when a new object needs it (else the new
object is numbered, ``_1``, and its generated code is new code to compile).
"""

import gc
import weakref

import brian2 as b2

from bioneuro.bio.backends.brian import freeze_survivors, frozen_heap, release_name


class _Node:
    """A plain object that can sit in a reference cycle and be weakly referenced."""


def _tracked(obj):
    return any(o is obj for o in gc.get_objects())  # frozen objects are not listed


def test_freeze_survivors_collects_garbage_and_freezes_the_rest():
    with frozen_heap(collect=True):
        garbage, survivor = _Node(), _Node()
        garbage.me = garbage  # a cycle: only the collector frees it
        gone = weakref.ref(garbage)
        del garbage
        assert gone() is not None and _tracked(survivor)
        freeze_survivors()
        assert gone() is None, "the garbage made since the last freeze was not collected"
        assert not _tracked(survivor), "a survivor was not frozen"


def test_a_name_held_by_frozen_garbage_is_released():
    with frozen_heap(collect=True):
        group = b2.NeuronGroup(1, "v : 1", name="bioneuro_test_frozen*")
        assert group.name == "bioneuro_test_frozen"
        holder = [group]
        holder.append(holder)  # the group lives in a cycle, as Brian2's objects do
        del group
        freeze_survivors()  # frozen while alive (a fixture, an earlier figure's cache)
        del holder  # now garbage, but frozen
        gc.collect()
        # `is not None`, not truth (len() of a leftover standalone group raises), and no
        # list of the objects themselves (it would keep the group alive)
        instances = (ref() for ref in b2.core.names.Nameable.__instances__())
        names = [obj.name for obj in instances if obj is not None]
        assert "bioneuro_test_frozen" in names, "a plain collection frees frozen garbage"
        release_name("bioneuro_test_frozen")
        again = b2.NeuronGroup(1, "v : 1", name="bioneuro_test_frozen*")
        assert again.name == "bioneuro_test_frozen", "the name stayed taken: numbered"
