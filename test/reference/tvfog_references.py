#!/usr/bin/python3
"""Reference values for the TVFOG tests (test/core/tvfog/*.test.ts).  Writes
test/reference/tvfog-references.json.

Run from the repository root with Debian's interpreter (QuantLib from the Debian
package `quantlib-python`, NumPy from `python3-numpy`):

    /usr/bin/python3 test/reference/tvfog_references.py

Set-up shared by the cases: a flat curve at the continuous rate r (Hull-White
sigma -> 0, so the deflator is exp(-r t)), an equity fund with lognormal returns
of volatility sigma_S (monthly log-returns X ~ N((r - sigma_S^2/2)/12, sigma_S^2/12)),
a single premium of 100 invested at t = 0 without load, and the account-value
engine's conventions (src/core/savings/projection.ts):
  AV_inv(t) = (AV(t) + premium)(1 - f/12),  AV(t+1) = AV_inv(t) e^{X_t},
  AV_mid(t) = AV_inv(t) (1 + (e^{X_t} - 1)/2),  values at the start of month t.

1. GMAB (maturity guarantee K at T = 10 years, no decrements): the guarantee
   cost max(K - AV(120), 0) is a European put on AV(120), lognormal with forward
   100 (1 - f/12)^120 e^{rT} = 100 e^{(r - q)T}, q = -12 ln(1 - f/12) (the fee as
   a dividend yield).  Black-Scholes put = QuantLib blackFormula(Put, K, F,
   sigma_S sqrt(T), e^{-rT}).  The certainty-equivalent (CE) value is the
   intrinsic value (K - F)^+ e^{-rT}.  TVFOG = -(put - intrinsic).

2. GMDB return of premium (death guarantee 100) with a constant annual q of 1%
   (monthly qm = 1 - 0.99^(1/12)), no lapses, 10 years: deaths in month t are
   N (1 - qm)^t qm and the cost is
       sum_t deaths(t) e^{-r t/12} E[(100 - AV_mid(t))^+]
   with AV_mid(t) = A_t (1 + e^X)/2, A_t = 100 (1 - f/12)^{t+1} e^{Y_t},
   Y_t ~ N(t m, t v) independent of X ~ N(m, v).  Conditioning on X:
       E[(K - A c)^+] = E_X[ c E[(K/c - A)^+] ],  c = (1 + e^X)/2,
   the inner expectation an undiscounted Black put (QuantLib blackFormula) on
   A_t (forward 100 (1 - f/12)^{t+1} e^{r t/12}, total vol sqrt(t v)), the outer
   one by 96-point Gauss-Hermite quadrature (NumPy).  The CE cost puts X = r/12.
"""
import json
import math
import os
import sys

import numpy as np
import QuantLib as ql

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tvfog-references.json")
SOURCE = "QuantLib %s blackFormula, NumPy %s Gauss-Hermite (Python %s)" % (ql.__version__, np.__version__, sys.version.split()[0])

R = 0.03
SIGMA_S = 0.20
T = 10.0
NODES, WEIGHTS = np.polynomial.hermite.hermgauss(96)


def put(strike, forward, stdev, discount):
    if stdev == 0.0:
        return discount * max(strike - forward, 0.0)
    return ql.blackFormula(ql.Option.Put, strike, forward, stdev, discount)


def gmab_case(fee, strike):
    q = -12.0 * math.log(1.0 - fee / 12.0) + 0.0  # no -0.0 in the JSON
    forward = 100.0 * (1.0 - fee / 12.0) ** 120 * math.exp(R * T)
    df = math.exp(-R * T)
    value = put(strike, forward, SIGMA_S * math.sqrt(T), df)
    intrinsic = df * max(strike - forward, 0.0)
    return {"fee": fee, "dividend_yield": q, "strike": strike, "forward": forward, "put": value, "ce_cost": intrinsic, "tvfog": -(value - intrinsic)}


def gmdb_case(fee, count):
    qm = 1.0 - 0.99 ** (1.0 / 12.0)
    m = (R - 0.5 * SIGMA_S ** 2) / 12.0
    v = SIGMA_S ** 2 / 12.0
    cost = 0.0
    ce = 0.0
    for t in range(120):
        deaths = count * (1.0 - qm) ** t * qm
        df = math.exp(-R * t / 12.0)
        forward = 100.0 * (1.0 - fee / 12.0) ** (t + 1) * math.exp(R * t / 12.0)
        stdev = math.sqrt(t * v)
        expected = 0.0
        for z, w in zip(NODES, WEIGHTS):
            x = m + math.sqrt(2.0 * v) * z
            c = 0.5 * (1.0 + math.exp(x))
            expected += w / math.sqrt(math.pi) * c * put(100.0 / c, forward, stdev, 1.0)
        cost += deaths * df * expected
        c_ce = 0.5 * (1.0 + math.exp(R / 12.0))
        ce += deaths * df * max(100.0 - forward * c_ce, 0.0)
    return {"fee": fee, "count": count, "annual_q": 0.01, "gmdb_cost": cost, "ce_cost": ce, "tvfog": -(cost - ce)}


def main():
    out = {
        "source": SOURCE,
        "r": R,
        "sigma_s": SIGMA_S,
        "maturity": T,
        "gmab": [gmab_case(0.0, 100.0), gmab_case(0.01, 100.0 * 1.04 ** 10)],
        "gmdb": [gmdb_case(0.0, 1.0), gmdb_case(0.015, 1.0)],
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
