#!/usr/bin/python3
"""Recompute the published reserving reference numbers in published.json.

Pure standard-library Python (no numpy/scipy).  Run from the repository root:

    /usr/bin/python3 test/reference/reserving/verify_reserving.py

It re-implements, independently of the TypeScript code:
  * volume-weighted chain ladder (age-to-age factors, ultimates, IBNR);
  * R ChainLadder::MackChainLadder (version 0.2.x source, R/MackChainLadderFunctions.R
    and R/ChainLadder.R, see published.json notes.rMackChainLadder): est.sigma
    "Mack" / "log-linear" (with R's p-value fallback) / numeric, weights matrix,
    numeric tail with given or log-linearly estimated tail.se / tail.sigma,
    tail=TRUE via tailfactor(), mse.method "Mack" / "Independence";
  * the over-dispersed Poisson GLM analytic prediction error of
    ChainLadder::glmReserve (England & Verrall 1999 formula), both as R prints it
    (R's glm stops after 4 IRLS iterations) and fully converged;
  * Bornhuetter-Ferguson, Benktander and (generalised) Cape Cod as implemented in
    chainladder-python.
Every published number in published.json is compared at the precision it was
published with (|recomputed - published| <= 0.5 unit of the last printed digit,
plus a tiny slack); 'fullPrecision' blocks are compared at 1e-9 relative.
The script exits with status 1 if anything disagrees.
"""
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------- data

def read_triangle(name):
    rows = []
    with open(os.path.join(HERE, name)) as fh:
        for rec in csv.reader(fh):
            rows.append([float(x) if x.strip() != "" else None for x in rec])
    n = max(len(r) for r in rows)
    return [r + [None] * (n - len(r)) for r in rows]


def latest(C):
    return [[v for v in row if v is not None][-1] for row in C]


# ----------------------------------------------------------------- small linear algebra / stats

def solve(A, b):
    """Gaussian elimination with partial pivoting (A square, list of lists)."""
    n = len(A)
    M = [list(A[i]) + [b[i]] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            if f:
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (M[r][n] - sum(M[r][k] * x[k] for k in range(r + 1, n))) / M[r][r]
    return x


def inverse(A):
    n = len(A)
    cols = [solve(A, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
    return [[cols[j][i] for j in range(n)] for i in range(n)]


def linreg(x, y):
    """OLS y = a + b x; returns a, b, two-sided p-value of b (Student t, n-2 df)."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((xi - mx) ** 2 for xi in x)
    b = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y)) / sxx
    a = my - b * mx
    p = float("nan")
    if n > 2:
        rss = sum((yi - a - b * xi) ** 2 for xi, yi in zip(x, y))
        se = math.sqrt(rss / (n - 2) / sxx)
        t = b / se
        df = n - 2
        p = betainc(df / 2.0, 0.5, df / (df + t * t))
    return a, b, p


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a,b) (Numerical Recipes continued fraction)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1 - x) / b


def _betacf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        de = d * c
        h *= de
        if abs(de - 1) < 1e-15:
            break
    return h


# ----------------------------------------------------------------- chain ladder

def chain_ladder(C, W=None):
    """Volume-weighted (alpha=1) link ratios f_k = sum w C_{i,k+1} / sum w C_{ik} over
    rows with C_{i,k+1} observed; sigma_k^2 = sum w C_ik (F_ik - f_k)^2 / (n_k - 1),
    n_k = number of rows with w>0 (R lm with weights w/C_ik). Returns f, sigma (None
    where n_k<=1), f.se = sigma/sqrt(sum w C_ik), full (squared) triangle."""
    m, n = len(C), len(C[0])
    if W is None:
        W = [[1.0] * n for _ in range(m)]
    f, sig, fse = [], [], []
    for k in range(n - 1):
        rows = [i for i in range(m) if C[i][k + 1] is not None]
        sx = sum(W[i][k] * C[i][k] for i in rows)
        fk = sum(W[i][k] * C[i][k + 1] for i in rows) / sx
        ne = sum(1 for i in rows if W[i][k] > 0)
        if ne > 1:
            s2 = sum(W[i][k] * C[i][k] * (C[i][k + 1] / C[i][k] - fk) ** 2 for i in rows) / (ne - 1)
            sig.append(math.sqrt(s2))
            fse.append(math.sqrt(s2) / math.sqrt(sx))
        else:
            sig.append(None)
            fse.append(None)
        f.append(fk)
    FT = [list(r) for r in C]
    for k in range(n - 1):
        for i in range(m):
            if FT[i][k + 1] is None:
                FT[i][k + 1] = FT[i][k] * f[k]
    return f, sig, fse, FT


def tailfactor(f):
    """ChainLadder:::tailfactor (current source): fit log(f-1) ~ position over the
    factors > 1, extrapolate positions (n+1):(n+100) with n = number of factors > 1,
    product of (1 + exp(...)); reset to 1 if > 2; 1 if f[n-2]*f[n-1] <= 1.0001."""
    if f[-2] * f[-1] <= 1.0001:
        return 1.0
    pos = [k + 1 for k, v in enumerate(f) if v > 1]
    vals = [math.log(v - 1) for v in f if v > 1]
    a, b, _ = linreg(pos, vals)
    nn = len(vals)
    t = 1.0
    for j in range(nn + 1, nn + 101):
        t *= 1 + math.exp(a + b * j)
    return 1.0 if t > 2 else t


def mack(C, est_sigma="log-linear", tail=False, tail_se=None, tail_sigma=None,
         mse_method="Mack", W=None):
    m, n = len(C), len(C[0])
    f, sig, fse, FT = chain_ladder(C, W)
    if W is None:
        W = [[1.0] * n for _ in range(m)]
    isna = [s is None for s in sig]
    rule = est_sigma
    if est_sigma == "log-linear":
        obs = [k for k in range(n - 1) if not isna[k] and sig[k] > 0]
        if len(obs) == 1:
            rule = "Mack"
        else:
            a, b, p = linreg([k + 1 for k in obs], [math.log(sig[k]) for k in obs])
            for k in range(n - 1):
                if isna[k]:
                    sig[k] = math.exp(a + b * (k + 1))
            if p > 0.05:
                rule = "Mack"  # R warns and switches to Mack's rule
            else:
                for k in range(n - 1):
                    if isna[k]:
                        fse[k] = sig[k] / math.sqrt(W[0][k] * FT[0][k])
    if rule == "Mack":
        for k in range(n - 1):
            if isna[k]:
                s1, s2 = sig[k - 1], sig[k - 2]
                sig[k] = math.sqrt(abs(min(s1 ** 4 / s2 ** 2, min(s2 ** 2, s1 ** 2))))
                fse[k] = sig[k] / math.sqrt(W[0][k] * FT[0][k])
    if isinstance(est_sigma, (int, float)):
        k = n - 2
        sig[k] = float(est_sigma)
        fse[k] = sig[k] / math.sqrt(W[0][k] * FT[0][k])
    # F.se_{ik} = sigma_k / sqrt(w_ik C_ik) for the squared triangle (NA weights -> 1)
    Fse = [[sig[k] / math.sqrt((W[i][k] if W[i][k] is not None else 1.0) * FT[i][k])
            if ((W[i][k] if W[i][k] is not None else 1.0) * FT[i][k]) > 0 else float("inf")
            for k in range(n - 1)] for i in range(m)]
    # tail
    if tail is True:
        tf = tailfactor(f)
    elif tail is False:
        tf = 1.0
    else:
        tf = float(tail)
    fall = f + [tf]
    N = n
    if tf > 1:
        for i in range(m):
            FT[i].append(FT[i][n - 1] * tf)
        dev = list(range(1, n))
        a, b, _ = linreg(dev, [math.log(v - 1) for v in f])
        tail_pos = (math.log(tf - 1) - a) / b
        if tail_se is None:
            a2, b2, _ = linreg(dev, [math.log(v) for v in fse])
            tail_se = math.exp(a2 + b2 * tail_pos)
        if tail_sigma is None:
            a3, b3, _ = linreg(dev, [math.log(v) for v in sig])
            tail_sigma = math.exp(a3 + b3 * tail_pos)
        fse = fse + [tail_se]
        sig = sig + [tail_sigma]
        for i in range(m):
            Fse[i].append(tail_sigma / math.sqrt(FT[i][n - 1]))
        N = n + 1
    indep = 1.0 if mse_method == "Independence" else 0.0
    proc = [[0.0] * N for _ in range(m)]
    par = [[0.0] * N for _ in range(m)]
    tpar = 0.0
    for k in range(N - 1):
        for i in range(max(0, m - k - 1), m):
            proc[i][k + 1] = math.sqrt(FT[i][k] ** 2 * Fse[i][k] ** 2 + proc[i][k] ** 2 * fall[k] ** 2)
            par[i][k + 1] = math.sqrt(FT[i][k] ** 2 * fse[k] ** 2 + par[i][k] ** 2 * fall[k] ** 2
                                      + indep * par[i][k] ** 2 * fse[k] ** 2)
        Mk = sum(FT[i][k] for i in range(max(0, m - k - 1), m))
        tpar = math.sqrt(Mk ** 2 * fse[k] ** 2 + tpar ** 2 * fall[k] ** 2 + indep * tpar ** 2 * fse[k] ** 2)
    tproc = math.sqrt(sum(proc[i][N - 1] ** 2 for i in range(m)))
    lat = latest(C)
    ult = [FT[i][N - 1] for i in range(m)]
    se = [math.sqrt(proc[i][N - 1] ** 2 + par[i][N - 1] ** 2) for i in range(m)]
    return dict(f=fall, sigma=sig, fse=fse, Fse=Fse, ult=ult, latest=lat,
                ibnr=[u - l for u, l in zip(ult, lat)], se=se,
                total_se=math.sqrt(tproc ** 2 + tpar ** 2), total_process=tproc,
                total_parameter=tpar, sigma_rule=rule, tail=tf)


# ----------------------------------------------------------------- ODP GLM (glmReserve)

def odp_glm(C, scale=1.0, r_emulation=True):
    """Data are divided by `scale` first and all results are in those units.
    Poisson GLM log(mu_ij) = c + a_i + b_j on incrementals (first levels = 0),
    phi = sum(w * r_working^2)/(N-p), MSEP = phi*sum(mu) + d' Cov d (delta method).
    r_emulation=True copies R glm.fit: mustart=y, stop when |dev-devold|/(|dev|+0.1)<1e-8,
    and the final weights are those of the last iteration (R then reports phi from them)."""
    m, n = len(C), len(C[0])
    I = [[None] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            if C[i][j] is not None:
                I[i][j] = (C[i][j] - (C[i][j - 1] if j else 0.0)) / scale
    p = 1 + (m - 1) + (n - 1)

    def xrow(i, j):
        x = [0.0] * p
        x[0] = 1.0
        if i:
            x[i] = 1.0
        if j:
            x[m - 1 + j] = 1.0
        return x
    obs = [(i, j) for i in range(m) for j in range(n) if I[i][j] is not None]
    fut = [(i, j) for i in range(m) for j in range(n) if I[i][j] is None]
    X = [xrow(i, j) for i, j in obs]
    y = [I[i][j] for i, j in obs]

    def dev(mu):
        return sum(2 * ((yi * math.log(yi / mi) if yi > 0 else 0.0) - (yi - mi)) for yi, mi in zip(y, mu))
    mu = list(y)
    eta = [math.log(v) for v in mu]
    devold = dev(mu)
    for it in range(1, 101):
        w = list(mu)
        z = [e + (yi - mi) / mi for e, yi, mi in zip(eta, y, mu)]
        A = [[sum(w[r] * X[r][a] * X[r][b] for r in range(len(y))) for b in range(p)] for a in range(p)]
        rhs = [sum(w[r] * X[r][a] * z[r] for r in range(len(y))) for a in range(p)]
        beta = solve(A, rhs)
        eta = [sum(xa * ba for xa, ba in zip(x, beta)) for x in X]
        mu_new = [math.exp(e) for e in eta]
        d = dev(mu_new)
        mu_w, mu = w, mu_new
        if r_emulation and abs(d - devold) / (abs(d) + 0.1) < 1e-8:
            break
        if not r_emulation and it > 30:
            break
        devold = d
    if not r_emulation:
        mu_w = mu
    phi = sum(wi * ((yi - mi) / mi) ** 2 for wi, yi, mi in zip(mu_w, y, mu)) / (len(y) - p)
    A = [[sum(mu_w[r] * X[r][a] * X[r][b] for r in range(len(y))) for b in range(p)] for a in range(p)]
    cov = [[phi * v for v in row] for row in inverse(A)]
    muf = {}
    for i, j in fut:
        muf[(i, j)] = math.exp(sum(xa * ba for xa, ba in zip(xrow(i, j), beta)))

    def msep(cells):
        g = [sum(muf[c] * xrow(*c)[a] for c in cells) for a in range(p)]
        est = sum(g[a] * cov[a][b] * g[b] for a in range(p) for b in range(p))
        return phi * sum(muf[c] for c in cells) + est, sum(muf[c] for c in cells)
    by_origin = []
    for i in range(1, m):
        v, r = msep([c for c in fut if c[0] == i])
        by_origin.append((r, math.sqrt(v)))
    v, r = msep(fut)
    # results are in the units of C/scale (glmReserve example: GenIns/1000)
    return dict(phi=phi, iterations=it, reserve=[b[0] for b in by_origin],
                se=[b[1] for b in by_origin], total_reserve=r, total_se=math.sqrt(v))


# ----------------------------------------------------------------- BF / Benktander / Cape Cod

def cdf_by_origin(f, tail=1.0):
    """CDF to ultimate for each origin (origin i is at age n-i)."""
    n = len(f) + 1
    cdf = [1.0] * n
    cdf[n - 1] = tail
    for k in range(n - 2, -1, -1):
        cdf[k] = cdf[k + 1] * f[k]
    return [cdf[n - 1 - i] for i in range(n)]


def benktander(lat, cdf, prior_ult, n_iters=1):
    """chainladder-python Benktander: U = L * sum_{k<n_iters} q^k + q^n_iters * prior,
    q = 1 - 1/CDF; n_iters=1 is Bornhuetter-Ferguson, 0 the expected-loss method."""
    out = []
    for L, c, P in zip(lat, cdf, prior_ult):
        q = 1 - 1 / c
        out.append(L * sum(q ** k for k in range(n_iters)) + q ** n_iters * P)
    return out


def cape_cod(lat, cdf, exposure, trend=0.0, decay=1.0):
    """chainladder-python CapeCod: used-up exposure RE_j = E_j/CDF_j; trend factor
    t_j = (1+trend)^(last origin - j); ELR_i (trended) = sum_j decay^|i-j| L_j t_j /
    sum_j decay^|i-j| RE_j; detrended ELR_i = ELR_i / t_i; ultimate = BF with prior
    detrended ELR_i * E_i."""
    n = len(lat)
    RE = [e / c for e, c in zip(exposure, cdf)]
    t = [(1 + trend) ** (n - 1 - j) for j in range(n)]
    elr = [sum(decay ** abs(i - j) * lat[j] * t[j] for j in range(n)) /
           sum(decay ** abs(i - j) * RE[j] for j in range(n)) for i in range(n)]
    det = [elr[i] / t[i] for i in range(n)]
    ult = benktander(lat, cdf, [d * e for d, e in zip(det, exposure)], 1)
    return dict(elr_trended=elr, elr_detrended=det, ult=ult, ibnr=[u - l for u, l in zip(ult, lat)])


# ----------------------------------------------------------------- comparison

FAIL = []


def check(label, computed, published, decimals=None, rel=None, abs_tol=None):
    """decimals: the published value was rounded to that many decimals (a list gives
    one entry per element); rel / abs_tol: relative / absolute tolerance."""
    if isinstance(published, list):
        if len(computed) != len(published):
            FAIL.append(f"{label}: length {len(computed)} vs {len(published)}")
            return
        for k, (c, p) in enumerate(zip(computed, published)):
            if p is None:
                continue
            d = decimals[k] if isinstance(decimals, list) else decimals
            check(f"{label}[{k}]", c, p, d, rel, abs_tol)
        return
    if decimals is not None:
        tol = 0.5 * 10 ** (-decimals) * (1 + 1e-9) + 1e-9 * abs(published)
    elif rel is not None:
        tol = rel * abs(published)
    else:
        tol = abs_tol
    if computed is None or not (abs(computed - published) <= tol):
        FAIL.append(f"{label}: computed {computed!r} published {published!r} (tol {tol:g})")


def main():
    with open(os.path.join(HERE, "published.json")) as fh:
        pub = json.load(fh)
    tri = {k: read_triangle(v["file"]) for k, v in pub["triangles"].items()}
    n_checks = 0
    for key, t in pub["triangles"].items():
        C = tri[key]
        for case in t.get("checks", []):
            n_checks += 1
            kind = case["kind"]
            a = case.get("args", {})
            lab = f"{key}/{case['id']}"
            if kind == "mack":
                W = None
                if a.get("weights") == "last5calendar":
                    m, n = len(C), len(C[0])
                    W = [[0.0 if i + j + 1 <= 5 else (None if i + j + 1 > 10 else 1.0)
                          for j in range(n)] for i in range(m)]
                    W = [[(w if w is not None else 1.0) for w in row] for row in W]
                r = mack(C, a.get("est_sigma", "log-linear"), a.get("tail", False),
                         a.get("tail_se"), a.get("tail_sigma"), a.get("mse_method", "Mack"), W)
                out = dict(f=r["f"], sigma=r["sigma"], sigma2=[s * s for s in r["sigma"]],
                           fse=r["fse"], Fse_row3=r["Fse"][2] if len(r["Fse"]) > 2 else None,
                           ultimate=r["ult"], ibnr=r["ibnr"], mack_se=r["se"],
                           cv=[s / i if i else None for s, i in zip(r["se"], r["ibnr"])],
                           dev_to_date=[l / u for l, u in zip(r["latest"], r["ult"])],
                           total_ultimate=sum(r["ult"]), total_ibnr=sum(r["ibnr"]),
                           total_latest=sum(r["latest"]), total_mack_se=r["total_se"],
                           total_cv=r["total_se"] / sum(r["ibnr"]),
                           total_parameter_risk=r["total_parameter"],
                           tail_se=r["fse"][-1], tail_sigma=r["sigma"][-1], tail=r["tail"])
                if "sigma_rule" in case:
                    if case["sigma_rule"] != r["sigma_rule"]:
                        FAIL.append(f"{lab}: sigma rule {r['sigma_rule']} vs {case['sigma_rule']}")
            elif kind == "glm_odp":
                r = odp_glm(C, a.get("scale", 1.0), a.get("r_emulation", True))
                out = dict(phi=r["phi"], reserve=r["reserve"], se=r["se"],
                           total_reserve=r["total_reserve"], total_se=r["total_se"])
            elif kind == "chain_ladder_tail":
                f, _, _, FT = chain_ladder(C)
                if a["tail"] == "loglinear_vignette":
                    dev = list(range(1, len(f) + 1))
                    aa, bb, _ = linreg(dev, [math.log(v - 1) for v in f])
                    tf = 1.0
                    for j in range(len(f) + 1, len(f) + 102):   # c(n:(n+100)), n = ncol
                        tf *= 1 + math.exp(aa + bb * j)
                else:
                    tf = float(a["tail"])
                cdf = cdf_by_origin(f, tf)
                lat = latest(C)
                ult = [l * c for l, c in zip(lat, cdf)]
                out = dict(tail=tf, ultimate=ult, total_ultimate=sum(ult),
                           total_ibnr=sum(ult) - sum(lat), cdf_by_age=cdf[::-1])
            elif kind == "simple_average_factors":
                n = len(C[0])
                fs = []
                for k in range(n - 1):
                    r = [C[i][k + 1] / C[i][k] for i in range(len(C)) if C[i][k + 1] is not None]
                    fs.append(sum(r) / len(r))
                out = dict(f=fs)
            elif kind == "cl_runoff":
                f, _, _, FT = chain_ladder(C)
                m, n = len(C), len(C[0])
                runoff = []
                for i in range(m):
                    age = n - 1 - i          # 0-based column of the latest diagonal
                    row = []
                    for d in range(1, a["years"] + 1):
                        j = age + d
                        row.append(FT[i][j] - FT[i][j - 1] if j < n else None)
                    runoff.append(row)
                out = dict(runoff=[v for row in runoff for v in row])
            elif kind == "tailfactor":
                out = dict(tail=tailfactor(a["f"]))
            elif kind == "benktander":
                f, _, _, _ = chain_ladder(C)
                cdf = cdf_by_origin(f, a.get("tail", 1.0))
                lat = latest(C)
                if a["prior"] == "mean_cl_ultimate":
                    clu = [l * c for l, c in zip(lat, cdf)]
                    prior = [sum(clu) / len(clu)] * len(clu)
                else:
                    prior = [a["apriori"] * e for e in a["exposure"]]
                ult = benktander(lat, cdf, prior, a.get("n_iters", 1))
                out = dict(ultimate=ult, ibnr=[u - l for u, l in zip(ult, lat)],
                           total_ibnr=sum(ult) - sum(lat))
            elif kind == "capecod":
                f, _, _, _ = chain_ladder(C)
                cdf = cdf_by_origin(f, a.get("tail", 1.0))
                lat = latest(C)
                r = cape_cod(lat, cdf, a["exposure"], a.get("trend", 0.0), a.get("decay", 1.0))
                out = dict(total_ibnr_int=float(int(sum(r["ibnr"]))), total_ibnr=sum(r["ibnr"]),
                           ibnr=r["ibnr"], elr_detrended=r["elr_detrended"], elr_trended=r["elr_trended"],
                           cdf_by_origin=cdf)
            else:
                raise ValueError(kind)
            for fld, spec in case["published"].items():
                comp = out[fld]
                check(f"{lab}.{fld}", comp, spec["value"], decimals=spec.get("decimals"),
                      rel=spec.get("rel"), abs_tol=spec.get("abs"))
            for fld, val in case.get("fullPrecision", {}).items():
                comp = out[fld]
                check(f"{lab}.fullPrecision.{fld}", comp, val, rel=1e-9)
    if FAIL:
        print("FAILED:")
        for x in FAIL:
            print("  " + x)
        sys.exit(1)
    print(f"OK: {n_checks} cases, every published number reproduced at its published precision")


if __name__ == "__main__":
    main()
