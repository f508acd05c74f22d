#!/usr/bin/env python3
"""The reference model of unpol's selection problem, solved by HiGHS (highspy), and a checker.

    python3 reference.py DIR --women 0.3 [--country-cap 0.2] [--time-limit 300] [--relax]
    python3 reference.py DIR --women 0.3 [--country-cap 0.2] --check SLATE.csv

DIR is an instance of ../shared/bench/forcegen/gen.py (posts.csv, candidates.csv, edges.csv).
The model: one binary x per edge; each post and each candidate at most once; per mission m a
count n_m = sum of x over m's edges and
  P1  women:       den * (women chosen in m) - num * n_m >= 0        (--women num/den),
                   written over the edges: a woman counts den - num, anyone else -num
  P2  P1 and, for every country k with an edge in m:
      country cap: den * (chosen of k in m) - num * n_m <= 0           (--country-cap num/den)
maximising the sum of scores. The count n_m keeps the cap rows as sparse as the edges.

Solving prints one JSON line: objective (re-scored here from the chosen edges, which are checked
against every rule), HiGHS's status and dual bound, and the seconds of the solve call alone.
--relax solves the linear relaxation instead (its objective is the LP bound).
--check verifies a slate (post_id,candidate_id per row, header) against the same rules and prints
its objective, or exits 1 naming the first broken rule.
"""
import argparse
import json
import sys
import time
from fractions import Fraction

import numpy as np
import pandas as pd


def share(text):
    fr = Fraction(text).limit_denominator(10_000)
    if not 0 <= fr <= 1:
        raise argparse.ArgumentTypeError(f"a share is between 0 and 1, got {text}")
    return fr


class Instance:
    def __init__(self, d):
        e = pd.read_csv(f"{d}/edges.csv", dtype={"post_id": np.int64, "candidate_id": np.int64, "score": np.int64})
        posts = pd.read_csv(f"{d}/posts.csv")
        cands = pd.read_csv(f"{d}/candidates.csv")
        self.P = e["post_id"].to_numpy()
        self.C = e["candidate_id"].to_numpy()
        self.S = e["score"].to_numpy()
        self.n, self.m = len(posts), len(cands)
        missions = sorted(set(posts["mission"]))
        self.p_mission = posts["mission"].map({x: i for i, x in enumerate(missions)}).to_numpy()
        countries = sorted(set(cands["country"]))
        self.c_country = cands["country"].map({x: i for i, x in enumerate(countries)}).to_numpy()
        self.c_female = (cands["gender"] == "F").to_numpy()
        self.missions = len(missions)
        self.countries = len(countries)
        self.e_mission = self.p_mission[self.P]
        self.e_female = self.c_female[self.C]
        self.e_country = self.c_country[self.C]

    def broken_rule(self, eidx, women, cap):
        """The first rule the chosen edges break, or None."""
        if np.unique(self.P[eidx]).size != eidx.size:
            return "a post is filled twice"
        if np.unique(self.C[eidx]).size != eidx.size:
            return "a candidate is chosen twice"
        for mm in range(self.missions):
            sel = eidx[self.e_mission[eidx] == mm]
            n = sel.size
            if women is not None and self.e_female[sel].sum() * women.denominator < women.numerator * n:
                return f"mission {mm}: {self.e_female[sel].sum()} women of {n}"
            if cap is not None and n:
                most = np.bincount(self.e_country[sel], minlength=self.countries).max()
                if most * cap.denominator > cap.numerator * n:
                    return f"mission {mm}: {most} of {n} from one country"
        return None

    def edges_of(self, posts, cands):
        key = self.P * self.m + self.C
        q = np.asarray(posts, np.int64) * self.m + np.asarray(cands, np.int64)
        order = np.argsort(key, kind="stable")
        pos = np.searchsorted(key[order], q)
        pos = np.minimum(pos, key.size - 1)
        found = key[order][pos] == q
        return order[pos], found


def solve(inst, women, cap, time_limit, relax):
    import highspy
    from scipy.sparse import csc_matrix

    ne, nm = inst.P.size, inst.missions
    col_n = ne + np.arange(nm)  # the count of each mission, after the edge columns
    rows, cols, vals, lo, hi = [], [], [], [], []
    nrow = 0

    def add(r, c, v):
        rows.append(np.asarray(r, np.int64)); cols.append(np.asarray(c, np.int64)); vals.append(np.asarray(v, float))

    edges = np.arange(ne)
    add(inst.P, edges, np.ones(ne)); nrow += inst.n
    add(inst.n + inst.C, edges, np.ones(ne)); nrow += inst.m
    lo.append(np.full(inst.n + inst.m, -highspy.kHighsInf)); hi.append(np.ones(inst.n + inst.m))
    add(nrow + inst.e_mission, edges, np.ones(ne)); add(nrow + np.arange(nm), col_n, -np.ones(nm))
    lo.append(np.zeros(nm)); hi.append(np.zeros(nm)); nrow += nm
    if women is not None:
        # Over the edges themselves (a woman den - num, anyone else -num), as HiGHS was first
        # measured: through n_m the same rule takes HiGHS several times longer.
        coef = np.where(inst.e_female, women.denominator - women.numerator, -women.numerator)
        add(nrow + inst.e_mission, edges, coef.astype(float))
        lo.append(np.zeros(nm)); hi.append(np.full(nm, highspy.kHighsInf)); nrow += nm
    if cap is not None:
        pair = inst.e_mission * inst.countries + inst.e_country
        present, row_of = np.unique(pair, return_inverse=True)
        add(nrow + row_of, edges, np.full(ne, float(cap.denominator)))
        add(nrow + np.arange(present.size), col_n[present // inst.countries], np.full(present.size, -float(cap.numerator)))
        lo.append(np.full(present.size, -highspy.kHighsInf)); hi.append(np.zeros(present.size)); nrow += present.size
    ncol = ne + nm
    a = csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(nrow, ncol))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = ncol, nrow
    lp.col_cost_ = np.concatenate([inst.S.astype(float), np.zeros(nm)])
    lp.col_lower_ = np.zeros(ncol)
    lp.col_upper_ = np.concatenate([np.ones(ne), np.full(nm, highspy.kHighsInf)])
    lp.row_lower_, lp.row_upper_ = np.concatenate(lo), np.concatenate(hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    lp.sense_ = highspy.ObjSense.kMaximize
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * ne + [highspy.HighsVarType.kContinuous] * nm
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 2)
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - started
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    x = np.array(h.getSolution().col_value)[:ne]
    if relax:
        return {"solver": "highs_lp", "bound": info.objective_function_value, "status": status, "seconds": seconds}
    chosen = np.flatnonzero(x > 0.5)
    broken = inst.broken_rule(chosen, women, cap)
    if broken:
        sys.exit(f"HiGHS's slate breaks a rule: {broken}")
    return {"solver": "highs", "objective": int(inst.S[chosen].sum()), "bound": info.mip_dual_bound,
            "status": status, "proven": status == "Optimal", "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--women", type=share)
    ap.add_argument("--country-cap", type=share)
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--relax", action="store_true")
    ap.add_argument("--check", metavar="SLATE_CSV")
    a = ap.parse_args()
    inst = Instance(a.dir)
    problem = "P2" if a.country_cap is not None else "P1" if a.women is not None else "P0"
    if a.check:
        s = pd.read_csv(a.check, dtype=str)
        eidx, found = inst.edges_of(s["post_id"].astype(np.int64), s["candidate_id"].astype(np.int64))
        if not found.all():
            sys.exit(f"{(~found).sum()} pairs of {a.check} are not edges of {a.dir}")
        broken = inst.broken_rule(eidx, a.women, a.country_cap)
        if broken:
            sys.exit(f"{a.check}: {broken}")
        print(json.dumps({"problem": problem, "objective": int(inst.S[eidx].sum()), "filled": int(eidx.size)}))
        return
    out = solve(inst, a.women, a.country_cap, a.time_limit, a.relax)
    print(json.dumps({"problem": problem, "posts": inst.n, "edges": int(inst.P.size), **out}))


if __name__ == "__main__":
    main()
