#!/usr/bin/python3
"""Generate QuantLib reference values for the scenario generator's quasi-random tools:
Sobol' points with Joe-Kuo direction numbers and the Brownian-bridge construction.
Writes test/reference/quantlib-sobol.json.

Run from the repository root with Debian's interpreter (QuantLib 1.29 from the Debian
package `quantlib-python`):

    /usr/bin/python3 test/reference/quantlib_sobol.py

Sobol'.  ql.SobolRsg(32, 0, ql.SobolRsg.JoeKuoD6) -- Joe & Kuo's new-joe-kuo-6 direction
numbers, Gray-code order.  QuantLib skips the origin: its k-th draw (k = 1, 2, ...) is point
n = k of the sequence.  Coordinates are stored as the 32-bit integers x * 2^32 (QuantLib's
doubles are exactly integer * 2^-32; the script asserts it).  Points 1..100 are stored, plus
points around powers of two reached with skipTo (skipTo(n) then a draw gives point n + 1).

Brownian bridge.  ql.BrownianBridge(n) on the unit grid t = 1..n: transform(z) maps n normals
in bridge order to the n increments W(t_i) - W(t_{i-1}) (divided by sqrt(dt) = 1).  Inputs are
Python's random.gauss with seed 2011, so the file is reproducible.
"""
import json
import random

import QuantLib as ql

assert ql.__version__ == "1.29", ql.__version__

DIM = 32
TWO32 = 2**32


def to_int(point):
    out = []
    for x in point:
        k = x * TWO32
        assert k == int(k) and 0 <= k < TWO32, x
        out.append(int(k))
    return out


rsg = ql.SobolRsg(DIM, 0, ql.SobolRsg.JoeKuoD6)
first = [to_int(rsg.nextSequence().value()) for _ in range(100)]

later = []
for n in [1023, 1024, 4095, 4096, 65535, 65536, 1000000]:
    g = ql.SobolRsg(DIM, 0, ql.SobolRsg.JoeKuoD6)
    g.skipTo(n - 1)  # the next draw is point n
    later.append({"n": n, "point": to_int(g.nextSequence().value())})
# consistency: skipTo agrees with drawing in sequence
g = ql.SobolRsg(DIM, 0, ql.SobolRsg.JoeKuoD6)
g.skipTo(99)
assert to_int(g.nextSequence().value()) == first[99], "skipTo(n - 1) then a draw must give point n"

rng = random.Random(2011)
bridges = []
for n in [1, 2, 3, 5, 12, 13, 360]:
    b = ql.BrownianBridge(n)
    z = [rng.gauss(0.0, 1.0) for _ in range(n)]
    bridges.append({"steps": n, "z": z, "increments": list(b.transform(z)), "bridgeIndex": list(b.bridgeIndex())})

out = {
    "source": "QuantLib %s: SobolRsg(32, 0, JoeKuoD6) and BrownianBridge(n); see quantlib_sobol.py" % ql.__version__,
    "sobol": {"dimension": DIM, "firstPoints": {"from": 1, "points": first}, "laterPoints": later},
    "brownianBridge": bridges,
}
with open("test/reference/quantlib-sobol.json", "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote test/reference/quantlib-sobol.json")
