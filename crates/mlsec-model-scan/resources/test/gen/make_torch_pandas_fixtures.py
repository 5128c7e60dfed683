"""Regenerate real PyTorch and pandas fixtures (needs torch, pandas, numpy).

    ~/.cache/mlsec/fixture-venv/bin/pip install torch pandas numpy
    ~/.cache/mlsec/fixture-venv/bin/python crates/mlsec-model-scan/resources/test/gen/make_torch_pandas_fixtures.py

Writes small files (each under 64 KiB) to ../fixtures/real/{benign,malicious}/,
committed so that the test suite needs neither torch nor pandas. Benign files
cover what people really save: state dicts (zip and legacy format), training
checkpoints with optimizer state, tensors of every common dtype (sparse,
quantized, parameters), torch.nn full models built from torch's own layers,
and pandas DataFrames/Series. Malicious files are the same formats written by
the real libraries with a payload object inside (never executed here).
"""
import os
import numpy as np
import pandas as pd
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "real")


class Payload:
    """Pickles as a call of os.system('echo pwned')."""

    def __reduce__(self):
        return os.system, ("echo pwned",)


def main():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(4, 2),
                        nn.Dropout(0.1), nn.LayerNorm(2))
    emb = nn.ModuleDict({"emb": nn.Embedding(10, 4), "lstm": nn.LSTM(4, 4)})
    tensors = {
        "f16": torch.ones(3, dtype=torch.float16), "bf16": torch.ones(3, dtype=torch.bfloat16),
        "i8": torch.ones(3, dtype=torch.int8), "b": torch.ones(3, dtype=torch.bool),
        "c64": torch.ones(3, dtype=torch.complex64), "sparse": torch.eye(3).to_sparse(),
        "param": nn.Parameter(torch.ones(2)), "size": torch.Size([2, 3]), "device": torch.device("cpu"),
        "dtype": torch.float32,
    }
    df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "t": pd.to_datetime(["2020-01-01", "2021-01-01"]),
                       "c": pd.Categorical(["u", "v"]), "f": [0.5, None]})
    benign = {
        "state_dict.pt": (lambda p: torch.save(net.state_dict(), p)),
        "state_dict_legacy.pt": (lambda p: torch.save(net.state_dict(), p, _use_new_zipfile_serialization=False)),
        "checkpoint_with_optimizer.pt": (lambda p: torch.save({
            "model": net.state_dict(), "epoch": 3, "optimizer": torch.optim.Adam(net.parameters()).state_dict(),
            "rng": torch.get_rng_state(), "np": np.arange(3)}, p)),
        "tensors.pt": (lambda p: torch.save(tensors, p)),
        "tensors_legacy.pt": (lambda p: torch.save(tensors, p, _use_new_zipfile_serialization=False)),
        "full_model_torch_layers.pt": (lambda p: torch.save(net, p)),
        "full_model_embedding_lstm.pt": (lambda p: torch.save(emb, p)),
        "dataframe.pkl": (lambda p: df.to_pickle(p)),
        "dataframe.pkl.gz": (lambda p: df.to_pickle(p)),
        "series_rangeindex.pkl": (lambda p: pd.Series([1.0, 2.0]).to_pickle(p)),
    }
    malicious = {
        "state_dict_with_payload.pt": (lambda p: torch.save({"model": net.state_dict(), "x": Payload()}, p)),
        "legacy_with_payload.pt": (lambda p: torch.save({"x": Payload()}, p, _use_new_zipfile_serialization=False)),
        "dataframe_with_payload.pkl": (lambda p: pd.to_pickle({"df": df, "x": Payload()}, p)),
    }
    for label, items in (("benign", benign), ("malicious", malicious)):
        os.makedirs(os.path.join(OUT, label), exist_ok=True)
        for name, write in items.items():
            path = os.path.join(OUT, label, name)
            write(path)
            assert os.path.getsize(path) < 64 * 1024, path


if __name__ == "__main__":
    main()
