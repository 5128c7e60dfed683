"""Regenerate the real joblib / scikit-learn fixtures (needs numpy, joblib, scikit-learn).

    python3 -m venv ~/.cache/mlsec/fixture-venv
    ~/.cache/mlsec/fixture-venv/bin/pip install numpy joblib scikit-learn
    ~/.cache/mlsec/fixture-venv/bin/python crates/mlsec-model-scan/resources/test/gen/make_joblib_fixtures.py

Writes small files (each under 64 KiB) to ../fixtures/joblib/{benign,malicious}/.
These are committed, because the test suite must not need numpy or scikit-learn.

joblib writes NumPy array bytes inline in the pickle stream, right after each
NumpyArrayWrapper BUILD. Scanners that walk opcodes linearly stop at the first
array; the malicious files put their payload after an array to test that the
scanner skips array data exactly as joblib's unpickler does.
"""
import os
import numpy as np
import joblib
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.tree import DecisionTreeClassifier

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "joblib")


class Payload:
    """Pickles as a call of os.system('echo pwned'); never executed here."""

    def __reduce__(self):
        return os.system, ("echo pwned",)


def main():
    rs = np.random.RandomState(0)
    X = rs.rand(40, 4)
    y = (X[:, 0] > 0.5).astype(int)
    benign = {
        "logreg": LogisticRegression().fit(X, y),
        "pipeline_scaler_pca_lr": make_pipeline(StandardScaler(), PCA(2), LogisticRegression()).fit(X, y),
        "tfidf_lr": make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(["a b c", "b c d", "c d e", "hi you"] * 3, [0, 1, 0, 1] * 3),
        "onehot_object_array": OneHotEncoder().fit(np.array([["a", "x"], ["b", "y"]], dtype=object)),
        "tree": DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y),
        "arrays": {"f": np.arange(10.0), "u": np.array(["ab", "cde"]), "o": np.array([1, "x", None], dtype=object),
                   "b": np.zeros(5, bool), "dt": np.array(["2020-01-01"], dtype="M8[D]"), "s": np.float64(3.0),
                   "F": np.ones((3, 4), dtype=np.float32, order="F")},
    }
    malicious = {
        "payload_after_array": [np.arange(64.0), Payload()],
        "payload_after_object_array": {"o": np.array(["a", None], dtype=object), "p": Payload()},
        "payload_in_object_array": np.array([Payload(), 1], dtype=object),
    }
    for label, items in (("benign", benign), ("malicious", malicious)):
        os.makedirs(os.path.join(OUT, label), exist_ok=True)
        for name, obj in items.items():
            for comp, ext in ((0, "joblib"), (3, "joblib.z"), (("xz", 3), "joblib.xz")):
                path = os.path.join(OUT, label, f"{name}.{ext}")
                joblib.dump(obj, path, compress=comp)
                assert os.path.getsize(path) < 64 * 1024, path


if __name__ == "__main__":
    main()
