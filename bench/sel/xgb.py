"""XGBoost side of bench/sel: same CSV, same folds, hyperparameters matched to ours.

Usage: /usr/bin/python3 bench/sel/xgb.py DATASET.csv FOLDS.json
Prints one JSON line: {"version", "seconds", "skills": {skill: {"r2", "mae", "trees"}}}.
Early stopping holds out 10 % of each training fold, as our learner does.
"""
import csv
import json
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

SKILLS = ["empathy", "collaboration", "communication", "self_regulation"]
META = 5


def main(csv_path, folds_path):
    with open(csv_path, newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    labels = [f"score_{s}" for s in SKILLS]
    feat_idx = [i for i, c in enumerate(header) if i >= META and c not in labels]
    X = np.array([[float(r[i]) for i in feat_idx] for r in rows])
    spec = json.load(open(folds_path))
    folds = np.array(spec["folds"])
    p = spec["params"]
    k = int(folds.max()) + 1
    out, total = {}, 0.0
    for s in SKILLS:
        y = np.array([float(r[header.index(f"score_{s}")]) for r in rows])
        oof = np.zeros_like(y)
        trees = 0
        for f in range(k):
            tr, te = folds != f, folds == f
            Xt, Xv, yt, yv = train_test_split(X[tr], y[tr], test_size=0.1, random_state=f)
            model = xgb.XGBRegressor(
                tree_method="hist", max_bin=256, n_estimators=p["nEstimators"], learning_rate=p["learningRate"],
                max_depth=p["maxDepth"], min_child_weight=p["minSamplesLeaf"], subsample=p["subsample"],
                reg_lambda=1.0, n_jobs=1, random_state=f, early_stopping_rounds=p["earlyStoppingRounds"],
            )
            t0 = time.perf_counter()
            model.fit(Xt, yt, eval_set=[(Xv, yv)], verbose=False)
            total += time.perf_counter() - t0
            trees += model.best_iteration + 1
            oof[te] = model.predict(X[te], iteration_range=(0, model.best_iteration + 1))
        out[s] = {"r2": r2_score(y, oof), "mae": mean_absolute_error(y, oof), "trees": trees / k}
    print(json.dumps({"version": xgb.__version__, "seconds": total, "skills": out}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
