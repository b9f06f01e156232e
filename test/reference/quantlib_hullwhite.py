#!/usr/bin/python3
"""Generate QuantLib reference values for the Hull-White one-factor closed forms
(zero-coupon bond options, European swaptions by Jamshidian's decomposition) and a
calibration cross-check.  Writes test/reference/quantlib-hullwhite.json.

Run from the repository root with Debian's interpreter (QuantLib 1.29 bindings from
the Debian package `quantlib-python`):

    /usr/bin/python3 test/reference/quantlib_hullwhite.py

Times.  The reference date is 31 Dec 2011 and the day counter is SimpleDayCounter:
between dates a whole number of months apart it returns years + months/12, so every
node, expiry and payment time below is the exact fraction the TypeScript side uses
(1, 0.5, 0.25, ...).  The times QuantLib used are recorded in the JSON.

Curves (both LOGLINEAR in the TypeScript tests):
  FLAT_3PCT  ql.FlatForward at ln(1.03) continuous = 3% annually compounded
             (TypeScript: terms {1}, rates {0.03}, LOGLINEAR: the same flat forward);
  USD_2011   USD swap zero curve of 31/12/2011 (seed 003, Table 10;
             examples/curves/swap-zero-2011-12-31.csv): ql.DiscountCurve over
             DF(0) = 1 and DF(t_i) = (1 + r_i)^-t_i with ql.LogLinear(),
             extrapolated beyond 30y with the last forward (our LOGLINEAR contract).

What QuantLib's Python bindings expose:
  * ql.HullWhite has no discountBondOption in Python.  Zero-coupon bond options
    therefore come from ql.AnalyticCapFloorEngine(hw) on a one-period cap/floor: it
    computes temp * discountBondOption(Put/Call, 1/temp, T, S) with
    temp = 1 + capRate * tau, so ZBP(T, S, X) = cap / temp with X = 1/temp
    (the JSON records the X QuantLib used).
  * Swaptions: ql.JamshidianSwaptionEngine(hw) on a physically settled European
    swaption of a ql.VanillaSwap whose fixed leg pays strike/freq at expiry + k/freq.
    That engine solves for r* with Brent to 1e-8 only, so the script ALSO recomputes
    each price with r* to full precision (bisection to the last bit), using
    model.discountBond for the coupon bond and the cap engine for the bond options:
    `price` is that tight value, `engine` QuantLib's own.  Both are recorded.

Calibration cross-check: the seed's Table 12 (USD ATM swaption Black vols, 10y tenor,
expiries 1-10y, 31/12/2011) on USD_2011, annual fixed leg; objective = sum of squared
relative price errors (model / market - 1), model prices by the Jamshidian engine,
market prices by Black's formula (ql.blackFormula) on QuantLib's annuity and forward;
minimised with ql.Simplex in (ln a, ln sigma) through ql.Optimizer.

Textbook checks (published answers, also priced by QuantLib here):
  * Hull, Options, Futures and Other Derivatives, end-of-chapter problem on the
    Hull-White model: a = 0.08, sigma = 0.01, flat 10% continuously compounded, 1-year
    European call on a 5-year zero-coupon bond, principal 100, strike 68.  Published
    solution: sigma_P = 0.0329, call price 0.439.
  * Hull, same chapter, worked example "options on coupon-bearing bonds" (Jamshidian):
    a = 0.1, sigma = 0.015, zero rates (continuous) 9.5% (3m), 10.5% (9m), 11.5% (15m);
    3-month European put, strike 100, on a 15-month bond paying a 12% coupon
    semiannually (6 at 9m, 106 at 15m).  Published: R_K = 10.675% (the 6-month rate),
    zero-bond strikes 5.68814 and 94.31186, put prices 0.01 and 0.43, total 0.44.
    This is a payer swaption: expiry 0.25, tenor 1, strike 12%, freq 2 (x 100).
"""
import json
import math
import os
import sys

import QuantLib as ql

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "quantlib-hullwhite.json")
ROOT = os.path.dirname(os.path.dirname(HERE))

REF = ql.Date(31, 12, 2011)
ql.Settings.instance().evaluationDate = REF
DC = ql.SimpleDayCounter()
CAL = ql.NullCalendar()
SOURCE_VERSION = "QuantLib %s (Debian package quantlib-python, Python %s)" % (
    ql.__version__, sys.version.split()[0])


def months_date(months):
    return REF + ql.Period(months, ql.Months)


def t_of(months):
    t = DC.yearFraction(REF, months_date(months))
    return t


def read_usd():
    path = os.path.join(ROOT, "examples", "curves", "swap-zero-2011-12-31.csv")
    with open(path) as f:
        lines = [l.strip().split(",") for l in f if l.strip()]
    head = lines[0]
    col = head.index("USD")
    terms = [float(l[0]) for l in lines[1:]]
    rates = [float(l[col]) for l in lines[1:]]
    return terms, rates


def flat_curve(rate):
    ts = ql.FlatForward(REF, math.log1p(rate), DC, ql.Continuous, ql.NoFrequency)
    ts.enableExtrapolation()
    return ts


def loglinear_curve(terms, rates):
    dates = [REF] + [months_date(int(round(12 * t))) for t in terms]
    for d, t in zip(dates[1:], terms):
        assert DC.yearFraction(REF, d) == t
    dfs = [1.0] + [(1.0 + r) ** (-t) for t, r in zip(terms, rates)]
    ts = ql.DiscountCurve(dates, dfs, DC, CAL, ql.LogLinear())
    ts.enableExtrapolation()
    return ts


# ---------------------------------------------------------------------------
# Zero-coupon bond options through the analytic cap/floor engine
# ---------------------------------------------------------------------------
def bond_option(model, handle, t_months, s_months, strike, call):
    """Time-0 value of a European call/put expiring at T on the zero bond maturing at S."""
    start, end = months_date(t_months), months_date(s_months)
    tau = DC.yearFraction(start, end)
    cap_rate = (1.0 / strike - 1.0) / tau
    index = ql.IborIndex("HWREF", ql.Period(s_months - t_months, ql.Months), 0, ql.USDCurrency(),
                         CAL, ql.Unadjusted, False, DC, handle)
    coupon = ql.IborCoupon(end, 1.0, start, end, 0, index, 1.0, 0.0, ql.Date(), ql.Date(), DC)
    coupon.setPricer(ql.BlackIborCouponPricer())
    leg = [coupon]
    inst = ql.Floor(leg, [cap_rate]) if call else ql.Cap(leg, [cap_rate])
    inst.setPricingEngine(ql.AnalyticCapFloorEngine(model, handle))
    temp = 1.0 + cap_rate * tau
    return inst.NPV() / temp, 1.0 / temp


# ---------------------------------------------------------------------------
# Swaptions: Jamshidian engine, and the same decomposition with a tight r*
# ---------------------------------------------------------------------------
def swap_dates(expiry_months, tenor_months, freq):
    step = 12 // freq
    n = tenor_months // step
    assert n * step == tenor_months
    return [months_date(expiry_months + k * step) for k in range(0, n + 1)]


def make_swaption(handle, expiry_months, tenor_months, freq, strike, payer):
    dates = swap_dates(expiry_months, tenor_months, freq)
    fixed = ql.Schedule(dates, CAL, ql.Unadjusted)
    index = ql.IborIndex("HWFLT", ql.Period(12 // freq, ql.Months), 0, ql.USDCurrency(),
                         CAL, ql.Unadjusted, False, DC, handle)
    swap = ql.VanillaSwap(ql.VanillaSwap.Payer if payer else ql.VanillaSwap.Receiver, 1.0,
                          fixed, strike, DC, fixed, index, 0.0, DC)
    return ql.Swaption(swap, ql.EuropeanExercise(dates[0])), dates


def tight_swaption(model, handle, expiry_months, tenor_months, freq, strike, payer):
    """Sum of bond options with r* solved to the last bit (QuantLib's engine stops at 1e-8)."""
    dates = swap_dates(expiry_months, tenor_months, freq)
    T = DC.yearFraction(REF, dates[0])
    times = [DC.yearFraction(REF, d) for d in dates[1:]]
    amounts = [strike * DC.yearFraction(a, b) for a, b in zip(dates[:-1], dates[1:])]
    amounts[-1] += 1.0

    def g(r):
        return sum(c * model.discountBond(T, t, r) for c, t in zip(amounts, times)) - 1.0

    lo, hi = -10.0, 10.0
    assert g(lo) > 0 > g(hi)
    for _ in range(400):
        mid = 0.5 * (lo + hi)
        if mid == lo or mid == hi:
            break
        if g(mid) > 0:
            lo = mid
        else:
            hi = mid
    r_star = lo if abs(g(lo)) < abs(g(hi)) else hi
    total = 0.0
    strikes = []
    for k, (c, t) in enumerate(zip(amounts, times)):
        x = model.discountBond(T, t, r_star)
        strikes.append(x)
        # bond option on the zero maturing at dates[k+1], through the cap engine
        s_months = expiry_months + (k + 1) * (12 // freq)
        value, used = bond_option(model, handle, expiry_months, s_months, x, call=not payer)
        # the cap engine's strike 1/(1 + capRate*tau) is x up to rounding
        assert abs(used / x - 1) < 1e-14, (used, x)
        total += c * value
    return total, r_star, T, times, amounts, strikes


def atm_forward(ts, expiry_months, tenor_months, freq):
    dates = swap_dates(expiry_months, tenor_months, freq)
    annuity = sum(DC.yearFraction(a, b) * ts.discount(b) for a, b in zip(dates[:-1], dates[1:]))
    return (ts.discount(dates[0]) - ts.discount(dates[-1])) / annuity, annuity


PARAMS = [(0.03, 0.01), (0.1, 0.005), (0.5, 0.02)]
BOND_CASES = [(12, 60), (6, 18), (60, 120), (120, 360)]          # months (T, S)
SWAPTION_CASES = [(12, 60, 1), (60, 120, 1), (120, 120, 2), (24, 12, 4), (12, 360, 1)]  # months, freq


def curve_cases(name, description, ts, ts_terms, ts_rates):
    handle = ql.YieldTermStructureHandle(ts)
    out = {"name": name, "description": description, "terms": ts_terms, "rates": ts_rates,
           "method": "LOGLINEAR", "bondOptions": [], "swaptions": []}
    max_engine_gap = 0.0
    for a, sigma in PARAMS:
        model = ql.HullWhite(handle, a, sigma)
        for tm, sm in BOND_CASES:
            T, S = t_of(tm), t_of(sm)
            fwd = ts.discount(S) / ts.discount(T)
            for m in (0.95, 1.0, 1.05):
                for call in (True, False):
                    value, used = bond_option(model, handle, tm, sm, fwd * m, call)
                    out["bondOptions"].append({"a": a, "sigma": sigma, "T": T, "S": S, "K": used,
                                               "type": "CALL" if call else "PUT", "price": value})
        for em, lm, freq in SWAPTION_CASES:
            atm, annuity = atm_forward(ts, em, lm, freq)
            for shift in (-0.01, 0.0, 0.01):
                strike = atm + shift
                for payer in (True, False):
                    swaption, dates = make_swaption(handle, em, lm, freq, strike, payer)
                    swaption.setPricingEngine(ql.JamshidianSwaptionEngine(model, handle))
                    engine = swaption.NPV()
                    price, r_star, T, times, amounts, strikes = tight_swaption(model, handle, em, lm, freq, strike, payer)
                    expected_times = [T + (k + 1) / freq for k in range(len(times))]
                    assert max(abs(x - y) for x, y in zip(times, expected_times)) < 1e-14
                    gap = abs(engine / price - 1)
                    max_engine_gap = max(max_engine_gap, gap)
                    assert gap < 1e-6, (name, a, sigma, em, lm, strike, engine, price)
                    out["swaptions"].append({"a": a, "sigma": sigma, "expiry": T, "tenor": lm / 12.0,
                                             "freq": freq, "strike": strike, "payer": payer,
                                             "price": price, "engine": engine, "rStar": r_star,
                                             "atmForward": atm, "annuity": annuity,
                                             "paymentTimes": times})
    out["maxRelativeGapEngineVsTightRoot"] = max_engine_gap
    return out


# ---------------------------------------------------------------------------
# Calibration cross-check on Table 12
# ---------------------------------------------------------------------------
TABLE12_EXPIRIES = [1, 2, 3, 4, 5, 7, 10]
TABLE12_VOLS = [0.451, 0.411, 0.377, 0.357, 0.346, 0.329, 0.311]


def calibrate_table12(ts):
    handle = ql.YieldTermStructureHandle(ts)
    insts = []
    for e, v in zip(TABLE12_EXPIRIES, TABLE12_VOLS):
        em, lm = 12 * e, 120
        fwd, annuity = atm_forward(ts, em, lm, 1)
        T = t_of(em)
        market = annuity * ql.blackFormula(ql.Option.Call, fwd, fwd, v * math.sqrt(T), 1.0)
        insts.append((em, lm, fwd, annuity, market))

    model = ql.HullWhite(handle, 0.05, 0.01)
    engine = ql.JamshidianSwaptionEngine(model, handle)
    swaptions = []
    for em, lm, fwd, annuity, market in insts:
        sw, _ = make_swaption(handle, em, lm, 1, fwd, True)
        sw.setPricingEngine(engine)
        swaptions.append(sw)

    def objective_at(a, sigma):
        model.setParams(ql.Array([a, sigma]))
        return [sw.NPV() / ins[4] - 1.0 for sw, ins in zip(swaptions, insts)]

    def cost(*x):   # ql.Optimizer passes the parameters as separate arguments
        a, sigma = math.exp(x[0]), math.exp(x[1])
        return sum(e * e for e in objective_at(a, sigma))

    best = None
    for a0, s0 in [(0.05, 0.01), (0.01, 0.008), (0.2, 0.015)]:
        x = ql.Array([math.log(a0), math.log(s0)])
        for _ in range(4):   # restarts of the simplex from its own optimum
            x = ql.Optimizer().solve(cost, ql.NoConstraint(), ql.Simplex(0.05),
                                     ql.EndCriteria(5000, 500, 1e-12, 1e-12, 1e-12), x)
        c = cost(*x)
        if best is None or c < best[0]:
            best = (c, math.exp(x[0]), math.exp(x[1]))
    c, a, sigma = best
    errs = objective_at(a, sigma)
    rows = []
    for (em, lm, fwd, annuity, market), e, v in zip(insts, errs, TABLE12_VOLS):
        rows.append({"expiry": em / 12.0, "tenor": lm / 12.0, "marketVol": v, "forward": fwd,
                     "annuity": annuity, "marketPrice": market, "modelPrice": market * (1 + e)})
    return {"voltype": "LOGNORMAL", "freq": 1, "objective": "sum of squared relative price errors",
            "optimizer": "ql.Simplex(0.05) in (ln a, ln sigma), 3 starts, 4 restarts each",
            "a": a, "sigma": sigma, "cost": c, "instruments": rows}


# ---------------------------------------------------------------------------
# Textbook checks
# ---------------------------------------------------------------------------
def textbook():
    out = []
    # Hull problem: 1y call on a 5y zero, flat 10% continuous, a = 0.08, sigma = 0.01, K = 68
    ts = flat_curve(math.expm1(0.10))
    handle = ql.YieldTermStructureHandle(ts)
    model = ql.HullWhite(handle, 0.08, 0.01)
    call, used = bond_option(model, handle, 12, 60, 0.68, True)
    put, used_put = bond_option(model, handle, 12, 60, 0.68, False)
    sigma_p = 0.01 / 0.08 * (1 - math.exp(-4 * 0.08)) * math.sqrt((1 - math.exp(-2 * 0.08)) / (2 * 0.08))
    out.append({"name": "HULL_ZCB_CALL", "source": "Hull, Options, Futures and Other Derivatives, end-of-chapter problem on the Hull-White model (solutions manual): sigma_P = 0.0329, call = 0.439 per 100",
                "a": 0.08, "sigma": 0.01, "ccRate": 0.10, "terms": [1.0], "rates": [math.expm1(0.10)],
                "T": 1.0, "S": 5.0, "K": 0.68, "principal": 100,
                "published": {"sigmaP": 0.0329, "call": 0.439},
                "quantlib": {"call": call, "put": put, "strikeUsed": used, "sigmaP": sigma_p}})
    assert abs(100 * call - 0.439) < 0.0005 and abs(sigma_p - 0.0329) < 0.00005
    # Hull worked example: put on a coupon bond by Jamshidian's decomposition
    zero = [(3, 0.095), (9, 0.105), (15, 0.115)]
    dates = [REF] + [months_date(m) for m, _ in zero]
    dfs = [1.0] + [math.exp(-r * m / 12.0) for m, r in zero]
    ts = ql.DiscountCurve(dates, dfs, DC, CAL, ql.LogLinear())
    handle = ql.YieldTermStructureHandle(ts)
    model = ql.HullWhite(handle, 0.1, 0.015)
    sw, _ = make_swaption(handle, 3, 12, 2, 0.12, True)
    sw.setPricingEngine(ql.JamshidianSwaptionEngine(model, handle))
    engine = sw.NPV()
    price, r_star, T, times, amounts, strikes = tight_swaption(model, handle, 3, 12, 2, 0.12, True)
    six_month_rate = -math.log(strikes[0]) / 0.5
    out.append({"name": "HULL_COUPON_BOND_PUT", "source": "Hull, Options, Futures and Other Derivatives, Hull-White chapter, worked example 'options on coupon-bearing bonds' (Jamshidian's decomposition)",
                "a": 0.1, "sigma": 0.015, "terms": [0.25, 0.75, 1.25],
                "rates": [math.expm1(r) for _, r in zero], "ccRates": [r for _, r in zero],
                "expiry": 0.25, "tenor": 1.0, "freq": 2, "strike": 0.12, "principal": 100,
                "published": {"sixMonthRateAtStrike": 0.10675, "zeroStrikes": [5.68814, 94.31186],
                              "zeroPuts": [0.01, 0.43], "put": 0.44},
                "quantlib": {"put": price, "engine": engine, "zeroStrikes": [100 * c * x for c, x in zip(amounts, strikes)],
                             "sixMonthRateAtStrike": six_month_rate}})
    assert abs(100 * price - 0.44) < 0.005
    # Hull works with intermediate values rounded to 4 digits (B = 0.4877, 0.9516, B-hat = 0.9756,
    # A-hat = 0.9874): his R_K and zero-bond strikes are reproduced to about 1e-5 (R_K 10.6741% vs
    # 10.675%, strike 5.68817 vs 5.68814), the size of that rounding.
    assert abs(100 * amounts[0] * strikes[0] - 5.68814) < 5e-5, 100 * amounts[0] * strikes[0]
    assert abs(six_month_rate - 0.10675) < 2e-5, six_month_rate
    return out


def main():
    usd_terms, usd_rates = read_usd()
    curves = [
        curve_cases("FLAT_3PCT", "flat 3% annually compounded (ln 1.03 continuous)", flat_curve(0.03), [1.0], [0.03]),
        curve_cases("USD_20111231", "USD swap zero curve 31/12/2011, seed 003 Table 10, LOGLINEAR discount", loglinear_curve(usd_terms, usd_rates), usd_terms, usd_rates),
    ]
    data = {
        "generator": "test/reference/quantlib_hullwhite.py",
        "quantlibVersion": ql.__version__,
        "source": SOURCE_VERSION,
        "referenceDate": "2011-12-31",
        "dayCounter": "SimpleDayCounter: whole months apart = years + months/12 exactly",
        "conventions": "prices per unit notional / unit bond face value; payer swaption = put on the coupon bond (strike/freq coupons + 1) struck at 1; `price` uses r* solved to the last bit, `engine` is ql.JamshidianSwaptionEngine (Brent to 1e-8)",
        "curves": curves,
        "calibrationTable12": calibrate_table12(loglinear_curve(usd_terms, usd_rates)),
        "textbook": textbook(),
    }
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", OUT)
    for c in curves:
        print(c["name"], len(c["bondOptions"]), "bond options", len(c["swaptions"]), "swaptions; engine vs tight root max rel gap", c["maxRelativeGapEngineVsTightRoot"])
    cal = data["calibrationTable12"]
    print("Table 12 calibration (QuantLib simplex): a = %.10g sigma = %.10g cost = %.6g" % (cal["a"], cal["sigma"], cal["cost"]))


if __name__ == "__main__":
    main()
