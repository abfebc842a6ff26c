import pytest

from eval import gate


def test_gate_passes_at_pinned_floors():
    assert gate.main([]) == 0


def test_gate_fails_below_a_floor_and_update_never_lowers_silently():
    assert gate.check({"m": 0.5}, {"m": 0.6}) == ["m: 0.5000 < floor 0.6000"]
    assert gate.check({}, {"m": 0.6}) == ["m: pinned but no longer measured"]
    with pytest.raises(SystemExit):
        gate.update({"m": 0.5}, {"floors": {"m": 0.6}}, reason=None)
    doc = gate.update({"m": 0.5}, {"floors": {"m": 0.6}}, reason="new gold is harder")
    assert doc["floors"]["m"] == 0.5 and doc["history"][0]["reason"] == "new gold is harder"
