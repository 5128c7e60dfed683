"""Regenerate the bundled examples (standard library only; nothing is executed).

    python3 examples/make_examples.py

- benign_checkpoint.pt: a small PyTorch-style zip checkpoint (torch globals only)
- sklearn_like.joblib.z: a zlib-compressed pickle of NumPy-reconstructed arrays
- malicious_reduce.pkl: a pickle whose REDUCE would run `echo pwned` (os.system)
- hidden_in_zip.bin: the same payload inside a zip, with a misleading extension
"""
import collections, io, os, pickle, sys, types, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def fake(modname, qualname):
    """A stand-in callable registered under a real name, so pickle records it."""
    mod = sys.modules.get(modname) or types.ModuleType(modname)
    sys.modules[modname] = mod
    parts = modname.split(".")
    for i in range(1, len(parts)):
        sys.modules.setdefault(".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    f = type(qualname, (), {"__module__": modname, "__qualname__": qualname})
    setattr(mod, qualname, f)
    return f


rebuild = fake("torch._utils", "_rebuild_tensor_v2")
FloatStorage = fake("torch", "FloatStorage")


class Tensor:
    def __init__(self, key, numel, shape):
        self.key, self.numel, self.shape = key, numel, shape

    def __reduce__(self):
        stride = (self.shape[1], 1) if len(self.shape) == 2 else (1,)
        return (rebuild, (("storage", FloatStorage, self.key, "cpu", self.numel), 0, self.shape, stride, False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        return obj if isinstance(obj, tuple) and obj and obj[0] == "storage" else None


def torch_zip(path):
    sd = collections.OrderedDict([("fc.weight", Tensor("0", 12, (3, 4))), ("fc.bias", Tensor("1", 3, (3,)))])
    buf = io.BytesIO()
    TorchPickler(buf, protocol=2).dump(sd)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in [("archive/data.pkl", buf.getvalue()), ("archive/byteorder", b"little"),
                           ("archive/data/0", bytes(48)), ("archive/data/1", bytes(12)), ("archive/version", b"3\n")]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, data)


class Evil:
    def __reduce__(self):
        return os.system, ("echo pwned",)


def main():
    torch_zip(os.path.join(HERE, "benign_checkpoint.pt"))
    payload = pickle.dumps(Evil(), protocol=2)
    with open(os.path.join(HERE, "malicious_reduce.pkl"), "wb") as f:
        f.write(payload)
    with zipfile.ZipFile(os.path.join(HERE, "hidden_in_zip.bin"), "w") as z:
        z.writestr(zipfile.ZipInfo("model/weights.pkl", date_time=(2024, 1, 1, 0, 0, 0)), payload)
    recon = fake("numpy.core.multiarray", "_reconstruct")
    nd = fake("numpy", "ndarray")

    class Arr:
        def __reduce__(self):
            return (recon, (nd, (0,), b"b"))

    with open(os.path.join(HERE, "sklearn_like.joblib.z"), "wb") as f:
        f.write(zlib.compress(pickle.dumps({"coef_": Arr(), "classes_": [0, 1], "n_features_in_": 4}, protocol=4)))


if __name__ == "__main__":
    main()
