"""Real-traffic personas: per-key API traffic built from the real prompt data in a traffic folder.

    from stillroom.detector.realtraffic import build_suite, replay
    suite = build_suite("../shared/traffic", "val", seed=0)     # or "tune"
    outcomes, timing, detector = replay(suite)

`suite.PERSONAS` lists every persona with its parameters; `records.to_event` turns a request into
the `TrafficEvent` the detector (or the guard) sees. The traffic folder is an argument: nothing here
needs it to exist until a suite is built from it. bench/detector_real.py is the benchmark.
"""

from stillroom.detector.realtraffic.records import Client, KeyTraffic, Request, to_event
from stillroom.detector.realtraffic.replay import Outcome, replay
from stillroom.detector.realtraffic.suite import PERSONAS, Suite, build_suite, simulated_suite

__all__ = [
    "PERSONAS",
    "Client",
    "KeyTraffic",
    "Outcome",
    "Request",
    "Suite",
    "build_suite",
    "replay",
    "simulated_suite",
    "to_event",
]
