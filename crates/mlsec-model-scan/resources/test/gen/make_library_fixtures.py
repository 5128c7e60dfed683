"""Regenerate benign fixtures written by real ML libraries, chosen where a strict
allowlist is most likely to raise false positives (bound class methods, wrappers,
Cython rebuild helpers, private scikit-learn classes, pandas index helpers,
NEWOBJ-only boosters).

    python3 -m venv ~/.cache/mlsec/fixture-venv
    ~/.cache/mlsec/fixture-venv/bin/pip install numpy scipy pandas scikit-learn joblib xgboost lightgbm
    ~/.cache/mlsec/fixture-venv/bin/python crates/mlsec-model-scan/resources/test/gen/make_library_fixtures.py

Writes small files to ../fixtures/library/benign/ (committed: the test suite must
not need these libraries). Versions used are recorded in VERSIONS.txt there.
"""
import datetime
import functools
import os
import pickle
import zoneinfo

import joblib
import numpy as np
import pandas as pd
import scipy.sparse
import sklearn
from sklearn.cluster import FeatureAgglomeration, KMeans
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor, make_column_selector
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.manifold import Isomap
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, SplineTransformer, StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "library", "benign")


def main():
    os.makedirs(OUT, exist_ok=True)
    rs = np.random.RandomState(0)
    X = rs.rand(60, 4)
    y = (X[:, 0] + X[:, 1] > 1).astype(int)
    yr = X @ np.array([1.0, 2.0, -1.0, 0.5])
    frame = pd.DataFrame({"num": rs.rand(60), "cat": pd.Categorical(rs.choice(["a", "b", "c"], 60))})
    objs = {
        "knn": KNeighborsClassifier(n_neighbors=3).fit(X, y),
        "isomap": Isomap(n_neighbors=5, n_components=2).fit(X[:30]),
        "hist_gb": HistGradientBoostingClassifier(max_iter=5).fit(X, rs.randint(0, 3, 60)),
        "hist_gb_categorical": HistGradientBoostingClassifier(max_iter=5, categorical_features="from_dtype").fit(
            frame, y
        ),
        "grid_search": GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=2).fit(X, y),
        "spline_transformer": SplineTransformer(n_knots=4).fit(X),
        "select_k_best": SelectKBest(k=2).fit(X, y),
        "feature_agglomeration": FeatureAgglomeration(n_clusters=2).fit(X),
        "log1p_pipeline": make_pipeline(FunctionTransformer(np.log1p), StandardScaler(), KMeans(2, n_init=1)).fit(X),
        "target_transform": TransformedTargetRegressor(LinearRegression(), func=np.log1p, inverse_func=np.expm1).fit(
            X, np.abs(yr) + 1
        ),
        "column_selector": ColumnTransformer(
            [("num", StandardScaler(), make_column_selector(dtype_include=np.number)), ("cat", OneHotEncoder(), ["cat"])]
        ).fit(frame),
        "df_datetime_tz": pd.DataFrame({"t": pd.date_range("2024-01-01", periods=5, tz="America/New_York")}),
        "df_datetime_index_freq": pd.DataFrame({"v": range(5)}, index=pd.date_range("2024-01-01", periods=5, freq="D")),
        "df_interval_timedelta": pd.DataFrame(
            {"i": pd.interval_range(0, 5), "d": pd.to_timedelta(range(5), unit="s")},
            index=pd.timedelta_range("1s", periods=5),
        ),
        "nat_and_timestamp": [pd.NaT, pd.Timestamp("2024-01-01", tz="UTC")],
        "zoneinfo": datetime.datetime(2024, 1, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
        "numpy_generator": np.random.default_rng(0),
        "partial_of_allowed": functools.partial(np.mean, axis=0),
        "sparse_formats": [scipy.sparse.random(5, 5, density=0.3, format=f, random_state=0) for f in ("csr", "coo", "lil", "dok", "bsr", "dia")],
        "none_type": type(None),
    }
    try:
        import xgboost

        objs["xgboost_classifier"] = xgboost.XGBClassifier(n_estimators=3, max_depth=2).fit(X, y)
    except ImportError:
        pass
    try:
        import lightgbm

        objs["lightgbm_classifier"] = lightgbm.LGBMClassifier(n_estimators=3, verbose=-1).fit(X, y)
    except ImportError:
        pass
    for name, obj in objs.items():
        for proto in (2, 5):
            with open(os.path.join(OUT, f"{name}.p{proto}.pkl"), "wb") as f:
                pickle.dump(obj, f, protocol=proto)
        joblib.dump(obj, os.path.join(OUT, f"{name}.joblib.z"), compress=3)
    versions = {"numpy": np.__version__, "pandas": pd.__version__, "scikit-learn": sklearn.__version__}
    for mod in ("scipy", "xgboost", "lightgbm", "joblib"):
        try:
            versions[mod] = __import__(mod).__version__
        except ImportError:
            pass
    with open(os.path.join(OUT, "..", "VERSIONS.txt"), "w") as f:
        f.write("".join(f"{k}=={v}\n" for k, v in sorted(versions.items())))


if __name__ == "__main__":
    main()
