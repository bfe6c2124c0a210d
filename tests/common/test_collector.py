"""The collector pause restores the collector as it found it, whatever happens inside."""

import gc

import pytest

from spoc_xblocks.common.collector import collector_paused


def test_a_failure_inside_restores_the_collector_and_a_paused_one_stays_paused(collector_state):
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the computation failed")
    assert gc.isenabled()
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
