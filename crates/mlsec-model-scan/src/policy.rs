//! What the scanner allows: loader-profile allowlists of exact `(module, name)`
//! pairs, and the denylist of globals that are critical whatever the context.
//!
//! Default deny: anything not allowed is a finding. The denylist only decides
//! between "critical" and "high/medium"; it is never what makes a global pass.

use mlsec_pickle::canonical_module;

/// The loader profiles whose allowlists are built in.
pub const PROFILES: &[&str] = &["pytorch-weights-only", "numpy", "scipy", "sklearn-joblib", "plain-data"];

/// How a global is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// In an allowlist (profile name, or `config`).
    Allowed(&'static str),
    /// Known to execute code or touch the system (reason).
    Dangerous(String),
    /// A deserializer that PyTorch itself pickles (`torch.storage._load_from_bytes`
    /// for storages saved with plain `pickle`): acceptable only when every call
    /// gets literal bytes, which are then scanned as a nested file; critical otherwise.
    StorageLoader,
    /// A callable that only wraps its first argument (`functools.partial`,
    /// `numpy.vectorize`): acceptable when every call wraps an allowed global.
    Wrapper,
    /// A class whose constructor can read files or open sockets, but whose
    /// `__new__` plus `__setstate__` (how pickle rebuilds it) only parses state:
    /// acceptable when it is never called other than by `NEWOBJ`.
    NewOnly,
    /// Not allowed, not known to be dangerous.
    Unknown,
}

const TORCH_STORAGES: &[&str] = &[
    "FloatStorage",
    "DoubleStorage",
    "HalfStorage",
    "BFloat16Storage",
    "LongStorage",
    "IntStorage",
    "ShortStorage",
    "CharStorage",
    "ByteStorage",
    "BoolStorage",
    "ComplexFloatStorage",
    "ComplexDoubleStorage",
    "QUInt8Storage",
    "QInt8Storage",
    "QInt32Storage",
    "QUInt4x2Storage",
    "QUInt2x4Storage",
    "UntypedStorage",
    "TypedStorage",
    "Float8_e4m3fnStorage",
    "Float8_e5m2Storage",
];

const TORCH_DTYPES: &[&str] = &[
    "float32",
    "float",
    "float64",
    "double",
    "float16",
    "half",
    "bfloat16",
    "uint8",
    "int8",
    "int16",
    "short",
    "int32",
    "int",
    "int64",
    "long",
    "bool",
    "complex64",
    "cfloat",
    "complex128",
    "cdouble",
    "complex32",
    "quint8",
    "qint8",
    "qint32",
    "quint4x2",
    "float8_e4m3fn",
    "float8_e5m2",
    "uint16",
    "uint32",
    "uint64",
    "strided",
    "sparse_coo",
    "sparse_csr",
    "per_tensor_affine",
    "per_channel_affine",
    "per_tensor_symmetric",
    "per_channel_symmetric",
    "Size",
    "Tensor",
    "device",
    "dtype",
    "layout",
    "memory_format",
    "contiguous_format",
    "channels_last",
    "preserve_format",
];

const TORCH_UTILS: &[&str] = &[
    "_rebuild_tensor",
    "_rebuild_tensor_v2",
    "_rebuild_tensor_v3",
    "_rebuild_parameter",
    "_rebuild_parameter_with_state",
    "_rebuild_qtensor",
    "_rebuild_sparse_tensor",
    "_rebuild_sparse_csr_tensor",
    "_rebuild_meta_tensor_no_storage",
    "_rebuild_nested_tensor",
    "_rebuild_wrapper_subclass",
    "_rebuild_device_tensor_from_numpy",
    "_rebuild_xla_tensor",
    "_rebuild_mps_tensor",
];

const PLAIN: &[(&str, &str)] = &[
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "bytearray"),
    ("builtins", "bytes"),
    ("builtins", "complex"),
    ("builtins", "slice"),
    ("builtins", "range"),
    ("builtins", "dict"),
    ("builtins", "list"),
    ("builtins", "tuple"),
    ("builtins", "int"),
    ("builtins", "float"),
    ("builtins", "str"),
    ("builtins", "bool"),
    ("builtins", "object"),
    ("builtins", "NoneType"),
    ("builtins", "Ellipsis"),
    ("builtins", "NotImplemented"),
    // Pure builtins on values the pickle built itself.
    ("builtins", "len"),
    ("builtins", "abs"),
    ("builtins", "min"),
    ("builtins", "max"),
    ("builtins", "sum"),
    ("builtins", "round"),
    ("builtins", "divmod"),
    ("builtins", "sorted"),
    ("builtins", "any"),
    ("builtins", "all"),
    ("builtins", "chr"),
    ("builtins", "ord"),
    ("builtins", "bin"),
    ("builtins", "hex"),
    ("builtins", "oct"),
    ("builtins", "hash"),
    ("builtins", "isinstance"),
    ("builtins", "issubclass"),
    ("builtins", "xrange"),
    ("builtins", "unicode"),
    ("builtins", "long"),
    ("builtins", "basestring"),
    ("collections", "OrderedDict"),
    ("collections", "Counter"),
    ("collections", "deque"),
    ("collections", "defaultdict"),
    ("collections", "ChainMap"),
    ("collections", "UserDict"),
    ("collections", "IterableUserDict"),
    ("collections", "UserList"),
    ("collections", "UserString"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
    ("time", "struct_time"),
    ("datetime", "tzinfo"),
    ("zoneinfo", "ZoneInfo"),
    ("zoneinfo", "ZoneInfo._unpickle"),
    ("dateutil.relativedelta", "relativedelta"),
    ("dateutil.tz.tz", "tzutc"),
    ("dateutil.tz.tz", "tzoffset"),
    ("dateutil.tz._tzfile", "_unpickle"),
    // Enum lookups by value.
    ("re", "RegexFlag"),
    ("uuid", "SafeUUID"),
    ("http", "HTTPStatus"),
    ("signal", "Signals"),
    ("socket", "AddressFamily"),
    ("socket", "SocketKind"),
    ("copyreg", "_reconstructor"),
    ("copyreg", "__newobj__"),
    ("copyreg", "__newobj_ex__"),
    ("codecs", "encode"),
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("decimal", "Decimal"),
    ("fractions", "Fraction"),
    ("uuid", "UUID"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
    ("re", "_compile"),
];

const NUMPY: &[(&str, &str)] = &[
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy", "core.multiarray._reconstruct"),
    ("numpy.ma.core", "_mareconstruct"),
    ("numpy.ma.core", "MaskedArray"),
    ("numpy.random._pickle", "__randomstate_ctor"),
    ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.numeric", "_frombuffer"),
    ("numpy.random.bit_generator", "__pyx_unpickle_SeedSequence"),
    ("numpy.random.bit_generator", "SeedSequence"),
    ("numpy.random._philox", "Philox"),
    ("numpy.random._sfc64", "SFC64"),
    ("numpy.random._pcg64", "PCG64DXSM"),
    ("numpy.random._pickle", "__generator_ctor"),
    ("numpy.random._pickle", "__bit_generator_ctor"),
    ("numpy.random.mtrand", "RandomState"),
    ("numpy.random._mt19937", "MT19937"),
    ("numpy.random._pcg64", "PCG64"),
    ("numpy.random._generator", "Generator"),
    ("numpy.ma", "MaskedArray"),
    ("numpy.ma.core", "MaskedConstant"),
    ("numpy.matrixlib.defmatrix", "matrix"),
    ("numpy.core.records", "recarray"),
    ("numpy._core.records", "recarray"),
    ("numpy.core.records", "record"),
    ("numpy._core.records", "record"),
    ("numpy.rec", "recarray"),
    ("numpy.core._internal", "_convert_to_stringdtype_kwargs"),
    ("numpy._core._internal", "_convert_to_stringdtype_kwargs"),
    ("numpy.polynomial.polynomial", "Polynomial"),
    ("numpy.polynomial.chebyshev", "Chebyshev"),
    ("numpy.polynomial.legendre", "Legendre"),
    ("numpy.polynomial.hermite", "Hermite"),
    ("numpy.polynomial.hermite_e", "HermiteE"),
    ("numpy.polynomial.laguerre", "Laguerre"),
];

/// Attributes of the `numpy` module that are scalar types, dtype classes or pure
/// numeric functions (the ufuncs and reductions estimators keep as parameters, e.g.
/// `FunctionTransformer(func=numpy.log1p)`).
const NUMPY_TOP: &[&str] = &[
    "ndarray",
    "dtype",
    "matrix",
    "recarray",
    "record",
    "finfo",
    "iinfo",
    "poly1d",
    "bool_",
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "intc",
    "uintc",
    "intp",
    "uintp",
    "int_",
    "uint",
    "short",
    "ushort",
    "byte",
    "ubyte",
    "longlong",
    "ulonglong",
    "half",
    "single",
    "double",
    "longdouble",
    "float16",
    "float32",
    "float64",
    "float128",
    "float_",
    "csingle",
    "cdouble",
    "clongdouble",
    "complex64",
    "complex128",
    "complex256",
    "complex_",
    "object_",
    "str_",
    "bytes_",
    "unicode_",
    "string_",
    "void",
    "datetime64",
    "timedelta64",
    "number",
    "integer",
    "signedinteger",
    "unsignedinteger",
    "floating",
    "complexfloating",
    "inexact",
    "generic",
    "character",
    "flexible",
    "mean",
    "median",
    "average",
    "sum",
    "prod",
    "cumsum",
    "cumprod",
    "amax",
    "amin",
    "max",
    "min",
    "ptp",
    "std",
    "var",
    "percentile",
    "quantile",
    "nanmean",
    "nanmedian",
    "nansum",
    "nanstd",
    "nanvar",
    "nanmax",
    "nanmin",
    "nanpercentile",
    "nanquantile",
    "argmax",
    "argmin",
    "exp",
    "exp2",
    "expm1",
    "log",
    "log1p",
    "log2",
    "log10",
    "sqrt",
    "cbrt",
    "square",
    "abs",
    "absolute",
    "fabs",
    "sign",
    "negative",
    "reciprocal",
    "tanh",
    "sinh",
    "cosh",
    "arcsinh",
    "arctan",
    "sin",
    "cos",
    "tan",
    "clip",
    "floor",
    "ceil",
    "rint",
    "round",
    "around",
    "trunc",
    "maximum",
    "minimum",
    "add",
    "subtract",
    "multiply",
    "divide",
    "true_divide",
    "power",
    "isnan",
    "isfinite",
    "isinf",
    "identity",
];

/// SciPy objects kept inside fitted estimators (splines, KD-trees, frozen
/// distributions) that hold arrays and have no code-running setstate.
const SCIPY: &[(&str, &str)] = &[
    ("scipy.interpolate._bsplines", "BSpline"),
    ("scipy.interpolate._cubic", "CubicSpline"),
    ("scipy.interpolate._interpolate", "PPoly"),
    ("scipy.spatial._kdtree", "KDTree"),
    ("scipy.spatial._ckdtree", "cKDTree"),
    ("scipy.spatial.transform._rotation", "Rotation"),
    ("scipy.stats._kde", "gaussian_kde"),
    ("scipy._lib.array_api_compat.numpy._aliases", "asarray"),
];

/// Class names that library modules re-export from the standard library or
/// joblib (`from multiprocessing.connection import Client`): never allowed by
/// the "classes of this library" rules, whatever module they are found in.
const REEXPORTED_CLASSES: &[&str] = &[
    "Client",
    "Listener",
    "Connection",
    "Pipe",
    "Thread",
    "Timer",
    "Process",
    "Pool",
    "ThreadPool",
    "Popen",
    "Parallel",
    "Memory",
    "MemorizedFunc",
    "Executor",
    "ThreadPoolExecutor",
    "ProcessPoolExecutor",
    "Path",
    "PosixPath",
    "TemporaryDirectory",
    "NamedTemporaryFile",
    "SpooledTemporaryFile",
    "ZipFile",
    "TarFile",
    "GzipFile",
    "BZ2File",
    "LZMAFile",
    "FileIO",
    "BufferedReader",
    "BufferedWriter",
    "TextIOWrapper",
    "Request",
    "Session",
    "HTTPConnection",
    "HTTPSConnection",
    "Logger",
    "FileHandler",
    "Template",
    "Formatter",
    "Unpickler",
    "Pickler",
    "ModuleType",
    "FunctionType",
    "CodeType",
    "Interpreter",
];

/// Pure numeric functions scikit-learn estimators keep as parameters (score
/// functions, metrics; not the Cython k-means kernels, which trust their input's
/// indices), as exact `(module after "sklearn.", name)`
/// pairs: a module-wide rule would also allow what those modules import.
const SKLEARN_FUNCTIONS: &[(&str, &str)] = &[
    ("feature_selection._univariate_selection", "f_classif"),
    ("feature_selection._univariate_selection", "f_regression"),
    ("feature_selection._univariate_selection", "r_regression"),
    ("feature_selection._univariate_selection", "chi2"),
    ("feature_selection._mutual_info", "mutual_info_classif"),
    ("feature_selection._mutual_info", "mutual_info_regression"),
    ("metrics._classification", "accuracy_score"),
    ("metrics._classification", "balanced_accuracy_score"),
    ("metrics._classification", "f1_score"),
    ("metrics._classification", "fbeta_score"),
    ("metrics._classification", "precision_score"),
    ("metrics._classification", "recall_score"),
    ("metrics._classification", "jaccard_score"),
    ("metrics._classification", "matthews_corrcoef"),
    ("metrics._classification", "log_loss"),
    ("metrics._classification", "brier_score_loss"),
    ("metrics._classification", "hamming_loss"),
    ("metrics._classification", "zero_one_loss"),
    ("metrics._regression", "mean_squared_error"),
    ("metrics._regression", "mean_absolute_error"),
    ("metrics._regression", "median_absolute_error"),
    ("metrics._regression", "mean_absolute_percentage_error"),
    ("metrics._regression", "r2_score"),
    ("metrics._regression", "explained_variance_score"),
    ("metrics._ranking", "roc_auc_score"),
    ("metrics._ranking", "average_precision_score"),
    ("metrics.cluster._supervised", "adjusted_rand_score"),
    ("metrics.cluster._unsupervised", "silhouette_score"),
    ("utils.validation", "check_array"),
];

/// Wrappers: allowed only around allowed globals.
const WRAPPERS: &[(&str, &str)] = &[("functools", "partial"), ("numpy", "vectorize")];

/// Classes rebuilt by `NEWOBJ` + `__setstate__` whose constructors take file names
/// or network settings (`Booster(model_file=...)`, `tzfile(path)`).
const NEW_ONLY: &[(&str, &str)] = &[
    ("xgboost.core", "Booster"),
    ("lightgbm.basic", "Booster"),
    ("dateutil.tz._tzfile", "tzfile"),
    ("dateutil.tz.tz", "tzfile"),
];

const JOBLIB: &[(&str, &str)] = &[
    ("joblib.numpy_pickle", "NumpyArrayWrapper"),
    ("joblib.numpy_pickle_compat", "NDArrayWrapper"),
    ("sklearn.externals.joblib.numpy_pickle", "NumpyArrayWrapper"),
    ("scipy.sparse._csr", "csr_matrix"),
    ("scipy.sparse._csc", "csc_matrix"),
    ("scipy.sparse.csr", "csr_matrix"),
    ("scipy.sparse.csc", "csc_matrix"),
];

/// Module-level functions pandas uses to rebuild its objects.
const PANDAS_FUNCTIONS: &[(&str, &str)] = &[
    ("pandas.core.indexes.base", "_new_Index"),
    ("pandas.core.indexes.period", "_new_PeriodIndex"),
    ("pandas._libs.internals", "_unpickle_block"),
    ("pandas._libs.arrays", "__pyx_unpickle_NDArrayBacked"),
    ("pandas.core.internals.blocks", "new_block"),
    ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"),
    ("pandas._libs.tslibs.timedeltas", "_timedelta_unpickle"),
    ("pandas._libs.tslibs.nattype", "__nat_unpickle"),
    ("pandas._libs.sparse", "__pyx_unpickle_BlockIndex"),
    ("pandas._libs.sparse", "__pyx_unpickle_IntIndex"),
    ("pandas.core.indexes.datetimes", "_new_DatetimeIndex"),
    ("pandas.core.indexes.interval", "_new_IntervalIndex"),
    ("pandas.core.indexes.timedeltas", "_new_TimedeltaIndex"),
    ("pandas._libs.tslibs.nattype", "_nat_unpickle"),
];

/// Modules (and their submodules) whose every attribute is critical.
const DANGEROUS_MODULES: &[&str] = &[
    "os",
    "subprocess",
    "sys",
    "runpy",
    "pkgutil",
    "importlib",
    "ctypes",
    "_ctypes",
    "socket",
    "_socket",
    "shutil",
    "pty",
    "code",
    "codeop",
    "pdb",
    "bdb",
    "timeit",
    "trace",
    "profile",
    "cProfile",
    "pydoc",
    "webbrowser",
    "asyncio",
    "multiprocessing",
    "_posixsubprocess",
    "signal",
    "platform",
    "http",
    "urllib",
    "urllib2",
    "urllib3",
    "requests",
    "aiohttp",
    "httpx",
    "ftplib",
    "smtplib",
    "telnetlib",
    "imaplib",
    "poplib",
    "nntplib",
    "ssl",
    "select",
    "selectors",
    "marshal",
    "pickle",
    "dill",
    "cloudpickle",
    "shelve",
    "dbm",
    "sqlite3",
    "venv",
    "ensurepip",
    "pip",
    "setuptools",
    "distutils",
    "doctest",
    "idlelib",
    "lib2to3",
    "test",
    "_osx_support",
    "_aix_support",
    "_pyrepl",
    "tkinter",
    "turtle",
    "mmap",
    "zipimport",
    "fileinput",
    "linecache",
    "tempfile",
    "glob",
    "xmlrpc",
    "socketserver",
    "wsgiref",
    "logging",
    "builtins.__import__",
    "commands",
    "posixpath",
    "ntpath",
    "gc",
    "inspect",
    "threading",
    "_thread",
    "concurrent",
    "sysconfig",
    "site",
    "imp",
    "zipfile",
    "tarfile",
    "gzip",
    "bz2",
    "lzma",
    "io",
    "codecs.open",
    "types",
    "operator",
    "functools",
    "numpy.testing",
    "numpy.f2py",
    "numpy.distutils",
    "numpy.ctypeslib",
    "torch.hub",
    "torch.utils.cpp_extension",
    "torch._dynamo",
    "torch._inductor",
    "torch.fx",
    "torch.jit",
    "torch.utils.bottleneck",
    "torch.utils.collect_env",
    "torch.utils.data.datapipes",
    "torch.package",
    "torch.serialization",
    "torch.utils._config_module",
    "torch._C",
    "torch.ops",
    "torch.library",
    "joblib",
    "keras",
    "tensorflow",
    "pandas.io",
    "yaml",
    "jinja2",
    "IPython",
    "nt",
    "posix",
    "pwd",
    "grp",
    "resource",
    "crypt",
    "spwd",
    "builtins.open",
    "copy",
    "string.Template",
    "_io",
    "_pickle",
    "_operator",
    "_functools",
    "_codecs.open",
    "uuid._get_command_stdout",
    "_winapi",
    "msvcrt",
    "winreg",
    "_bootlocale",
    "cgi",
    "cgitb",
    "smtpd",
    "asynchat",
    "asyncore",
    "imghdr",
    "sndhdr",
    "pipes",
    "_aix_support",
    "ctypes.util",
    "opcode",
    "dis",
    "builtins.exec",
    "cloudpickle.cloudpickle",
    "_xxsubinterpreters",
    "_interpreters",
    "compileall",
    "py_compile",
    "zipapp",
    "unittest",
    "numpy.lib.npyio",
    "pandas.read_pickle",
    "pandas.eval",
    "pandas.core.computation",
    "pandas.io.pickle",
    "numpy.load",
    // Found by bypass research: invoked through allowlisted callers or on import.
    "_bootsubprocess",
    "typing",
    "dataclasses",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_imp",
    "_testcapi",
    "_testinternalcapi",
    "_testbuffer",
    "_testmultiphase",
    "antigravity",
    "atexit",
    "rlcompleter",
    "readline",
    "_multiprocessing",
    "_posixshmem",
    "cffi",
    "_cffi_backend",
    "sympy",
    "jsonpickle",
    "huggingface_hub",
    "transformers.dynamic_module_utils",
    "numpy.lib.format",
    "numpy.lib._datasource",
    "numpy.save",
    "numpy.savez",
    "numpy.savez_compressed",
    "numpy.savetxt",
    "numpy.loadtxt",
    "numpy.genfromtxt",
    "numpy.fromfile",
    "numpy.fromregex",
    "numpy.memmap",
    "numpy.DataSource",
    "torch._utils._import_dotted_name",
    "pandas.HDFStore",
    "pandas.ExcelWriter",
    "pandas.ExcelFile",
    "sklearn.utils.parallel",
    "sklearn.utils._joblib",
    "mailcap",
    "dotenv",
    "pydantic._dynamic_imports",
    "fsspec",
    "weakref",
    "contextlib",
    "numpy.lib._npyio_impl",
    "py._path",
    "_pytest",
    "pytest",
    "IPython",
    "ipykernel",
    "jupyter_client",
    "fabric",
    "paramiko",
    "pexpect",
    "sh",
    "plumbum",
    "invoke",
];

const DANGEROUS_BUILTINS: &[&str] = &[
    "eval",
    "exec",
    "compile",
    "open",
    "__import__",
    "getattr",
    "setattr",
    "delattr",
    "globals",
    "locals",
    "vars",
    "input",
    "reduce",
    "intern",
    "breakpoint",
    "help",
    "execfile",
    "file",
    "reload",
    "apply",
    "memoryview",
    "__build_class__",
    "super",
    "type",
    "classmethod",
    "staticmethod",
    "property",
    "print",
    "exit",
    "quit",
    "copyright",
    "credits",
    "license",
];

/// Attribute names that, inside a dotted path, reach into other modules or code.
const DANGEROUS_ATTRS: &[&str] = &[
    "os",
    "_os",
    "sys",
    "_sys",
    "subprocess",
    "builtins",
    "__builtins__",
    "__builtin__",
    "__globals__",
    "__import__",
    "__loader__",
    "__spec__",
    "__code__",
    "__closure__",
    "__subclasses__",
    "__class__",
    "__bases__",
    "__mro__",
    "__dict__",
    "__getattribute__",
    "__reduce__",
    "__reduce_ex__",
    "__init__",
    "__new__",
    "__call__",
    "__self__",
    "__func__",
    "__wrapped__",
    "system",
    "popen",
    "eval",
    "exec",
    "posix",
    "nt",
    "importlib",
    "runpy",
    "pickle",
    "shutil",
    "socket",
    "ctypes",
    "_posixsubprocess",
    "spawn",
    "execv",
    "execve",
    "getattr",
    "setattr",
    "load",
    "loads",
    "run",
    "call",
    "check_output",
    "Popen",
];

fn module_matches(module: &str, list: &[&str]) -> bool {
    list.iter().any(|d| {
        module == *d || (module.len() > d.len() && module.starts_with(d) && module.as_bytes()[d.len()] == b'.')
    })
}

fn is_torch_allowed(m: &str, n: &str) -> bool {
    match m {
        "torch" => TORCH_STORAGES.contains(&n) || TORCH_DTYPES.contains(&n),
        "torch._utils" => TORCH_UTILS.contains(&n),
        "torch._tensor" => n == "_rebuild_from_type_v2",
        "torch.nn.parameter" => n == "Parameter" || n == "UninitializedParameter" || n == "Buffer",
        "torch.serialization" => n == "_get_layout",
        _ => false,
    }
}

/// Extra allowances from `mlsec.toml` (`module.name` strings).
#[derive(Debug, Clone, Default)]
pub struct Policy {
    extra: Vec<(String, String)>,
}

impl Policy {
    /// A policy with user allowlist additions given as `module:name` or `module.name`.
    /// With the dotted form the last dot separates module and name.
    #[must_use]
    pub fn with_allow(allow: &[String]) -> Self {
        let extra = allow
            .iter()
            .filter_map(|s| {
                if let Some((m, n)) = s.split_once(':') {
                    Some((m.trim().to_string(), n.trim().to_string()))
                } else {
                    s.rsplit_once('.')
                        .map(|(m, n)| (m.trim().to_string(), n.trim().to_string()))
                }
            })
            .collect();
        Policy { extra }
    }

    /// Judge one global, as requested from `find_class`.
    #[must_use]
    pub fn classify(&self, module: &str, name: &str) -> Class {
        // CPython's importer compares frozen module names as C strings: `os\0junk` imports `os`.
        if module.contains('\0') || name.contains('\0') {
            return Class::Dangerous(
                "the name contains a NUL byte, which the importer may truncate (`os\\0x` is `os`)".into(),
            );
        }
        // _compat_pickle.NAME_MAPPING entries that move a builtin into a dangerous module.
        let (module, name) = match (module, name) {
            ("__builtin__", "reduce") => ("functools", "reduce"),
            ("__builtin__", "intern") => ("sys", "intern"),
            ("itertools", "imap" | "ifilter" | "izip") => ("builtins", name),
            pair => pair,
        };
        let m = canonical_module(module);
        if self
            .extra
            .iter()
            .any(|(em, en)| (em == module || em == m) && en == name)
        {
            return Class::Allowed("config");
        }
        // Exact allowlist pairs win over the denylist (e.g. `joblib.numpy_pickle.NumpyArrayWrapper`).
        if is_torch_allowed(m, name) {
            return Class::Allowed("pytorch-weights-only");
        }
        if PLAIN.contains(&(m, name)) {
            return Class::Allowed("plain-data");
        }
        if NUMPY.contains(&(m, name))
            || (m == "numpy" && NUMPY_TOP.contains(&name))
            || (m == "numpy.dtypes" && name.ends_with("DType") && !name.contains('.'))
        {
            return Class::Allowed("numpy");
        }
        if SCIPY.contains(&(m, name)) {
            return Class::Allowed("scipy");
        }
        if WRAPPERS.contains(&(m, name)) {
            return Class::Wrapper;
        }
        if NEW_ONLY.contains(&(m, name)) {
            return Class::NewOnly;
        }
        // scipy.stats distribution generators: `rv_generic.__setstate__` runs
        // `exec(self._parse_arg_template)`, a string taken from the pickle.
        if m.starts_with("scipy.stats") && name.ends_with("_gen") && !name.contains('.') {
            return Class::Dangerous(format!(
                "`{m}.{name}.__setstate__` executes the `_parse_arg_template` source stored in the pickle"
            ));
        }
        if JOBLIB.contains(&(m, name)) {
            return Class::Allowed("sklearn-joblib");
        }
        if (m, name) == ("torch.storage", "_load_from_bytes") {
            return Class::StorageLoader;
        }
        // Dotted names: walking attributes can reach anything the module imported.
        if name.contains('.') {
            let parts: Vec<&str> = name.split('.').collect();
            if let Some(p) = parts.iter().find(|p| DANGEROUS_ATTRS.contains(p)) {
                return Class::Dangerous(format!("attribute path `{name}` reaches `{p}`"));
            }
        }
        if m == "builtins" {
            let first = name.split('.').next().unwrap_or(name);
            if DANGEROUS_BUILTINS.contains(&first) {
                return Class::Dangerous(format!("builtin `{first}` evaluates code or reaches arbitrary objects"));
            }
        }
        if module_matches(m, DANGEROUS_MODULES) || module_matches(&format!("{m}.{name}"), DANGEROUS_MODULES) {
            return Class::Dangerous(format!("module `{m}` can execute code or access the system"));
        }
        if m.starts_with("torch")
            && !is_torch_allowed(m, name)
            && (name.contains("load") || name.contains("exec") || name.contains("compile") || name.contains("run"))
        {
            return Class::Dangerous(format!("`{m}.{name}` is a known PyTorch code-execution gadget class"));
        }
        if m.starts_with("scipy.sparse")
            && (name.ends_with("_matrix") || name.ends_with("_array"))
            && !name.contains('.')
        {
            return Class::Allowed("sklearn-joblib");
        }
        let class_like = name.chars().next().is_some_and(char::is_uppercase)
            && !name.contains('.')
            && !REEXPORTED_CLASSES.contains(&name);
        // PyTorch full-model pickles (`torch.save(model)`): torch's own layer classes.
        if class_like && (m.starts_with("torch.nn.modules.") || m == "torch.nn") {
            return Class::Allowed("pytorch-modules");
        }
        // pandas objects (`DataFrame.to_pickle`): pandas' own classes and unpickle helpers.
        if (m == "pandas" || m.starts_with("pandas.core.") || m.starts_with("pandas._libs.") || m == "pandas.arrays")
            && (class_like
                || PANDAS_FUNCTIONS.contains(&(m, name))
                || (m.starts_with("pandas._libs.") && name.starts_with("__pyx_unpickle_") && !name.contains('.')))
        {
            return Class::Allowed("pandas");
        }
        if let Some(rest) = m.strip_prefix("sklearn.") {
            // Public and private classes (`_Scorer`, `_BinMapper`), Cython rebuild helpers;
            // never dunders, never classes modules re-export from the standard library.
            let class_like = (name
                .trim_start_matches('_')
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && !name.starts_with("__")
                && !REEXPORTED_CLASSES.contains(&name))
                || name == "newObj"
                || name == "make_column_selector"
                || name.strip_prefix("__pyx_unpickle_").is_some_and(|r| !r.contains("__"));
            if (class_like || SKLEARN_FUNCTIONS.contains(&(rest, name)))
                && !name.contains('.')
                && ![
                    "externals",
                    "utils._testing",
                    "utils.parallel",
                    "utils._joblib",
                    "callback",
                    "datasets",
                ]
                .iter()
                .any(|p| rest == *p || rest.starts_with(&format!("{p}.")))
            {
                return Class::Allowed("sklearn-joblib");
            }
        }
        if (m == "xgboost.sklearn" || m == "lightgbm.sklearn") && class_like {
            return Class::Allowed("xgboost-lightgbm");
        }
        Class::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let p = Policy::default();
        assert!(matches!(p.classify("posix", "system"), Class::Dangerous(_)));
        assert!(matches!(p.classify("__builtin__", "eval"), Class::Dangerous(_)));
        assert!(matches!(p.classify("random", "_os.system"), Class::Dangerous(_)));
        assert!(matches!(
            p.classify("torch._utils", "_rebuild_tensor_v2"),
            Class::Allowed(_)
        ));
        assert!(matches!(p.classify("torch", "FloatStorage"), Class::Allowed(_)));
        assert!(matches!(p.classify("collections", "OrderedDict"), Class::Allowed(_)));
        assert!(matches!(
            p.classify("numpy.core.multiarray", "_reconstruct"),
            Class::Allowed(_)
        ));
        assert!(matches!(
            p.classify("torch.utils.collect_env", "run"),
            Class::Dangerous(_)
        ));
        assert!(matches!(p.classify("mymodule", "Thing"), Class::Unknown));
        assert!(matches!(p.classify("_operator", "attrgetter"), Class::Dangerous(_)));
        assert!(matches!(p.classify("_codecs", "encode"), Class::Allowed(_)));
        assert!(matches!(p.classify("functools", "partial"), Class::Wrapper));
        assert!(matches!(p.classify("xgboost.core", "Booster"), Class::NewOnly));
        assert!(matches!(
            p.classify("zoneinfo", "ZoneInfo._unpickle"),
            Class::Allowed(_)
        ));
        assert!(matches!(
            p.classify("sklearn.metrics._scorer", "_Scorer"),
            Class::Allowed(_)
        ));
        assert!(matches!(
            p.classify("sklearn.neighbors._kd_tree", "newObj"),
            Class::Allowed(_)
        ));
        assert!(matches!(
            p.classify("sklearn.datasets._openml", "fetch_openml"),
            Class::Unknown
        ));
        assert!(matches!(p.classify("numpy", "log1p"), Class::Allowed(_)));
        assert!(matches!(p.classify("numpy", "load"), Class::Dangerous(_)));
        assert!(matches!(
            p.classify("scipy.stats._continuous_distns", "norm_gen"),
            Class::Dangerous(_)
        ));
        let p = Policy::with_allow(&["mymodule.Thing".into()]);
        assert!(matches!(p.classify("mymodule", "Thing"), Class::Allowed("config")));
    }
}
