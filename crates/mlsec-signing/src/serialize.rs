//! Serialization of a model on disk into a [`Manifest`]: enumerate files
//! (ignore paths, symlink policy, canonical names), split them into work
//! units, hash the units on all cores, and sort the resources canonically.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::cache::DigestCache;
use crate::error::{Error, Result};
use crate::hash::{hash_range, HashAlgorithm};
use crate::manifest::{canonical_cmp, shard_name, Manifest, Method, Resource, Serialization, ShardNaming};

/// Paths excluded at the model root unless `ignore_git_paths` is off.
pub const DEFAULT_IGNORES: [&str; 4] = [".git", ".gitattributes", ".github", ".gitignore"];

/// Options for [`hash_model`].
#[derive(Debug, Clone)]
pub struct HashOptions {
    /// Files or shards.
    pub method: Method,
    /// Hash algorithm.
    pub hash: HashAlgorithm,
    /// Follow symbolic links (hashing their targets) instead of refusing them.
    pub allow_symlinks: bool,
    /// Paths to exclude, relative to the model root.
    pub ignore_paths: Vec<String>,
    /// Exclude `.git`, `.gitattributes`, `.github` and `.gitignore` at the root.
    pub ignore_git_paths: bool,
    /// Algorithm naming of shard resources.
    pub shard_naming: ShardNaming,
    /// Files to exclude wherever they are (the signature being written);
    /// recorded in `ignore_paths` when inside the model.
    pub exclude_files: Vec<PathBuf>,
    /// Reuse digests of unchanged files (keyed by path, size, mtime, inode).
    /// Only for signing your own files: verification never reads a cache.
    pub cache: Option<PathBuf>,
}

impl Default for HashOptions {
    fn default() -> Self {
        Self {
            method: Method::Files,
            hash: HashAlgorithm::Sha256,
            allow_symlinks: false,
            ignore_paths: Vec::new(),
            ignore_git_paths: true,
            shard_naming: ShardNaming::default(),
            exclude_files: Vec::new(),
            cache: None,
        }
    }
}

/// A regular file of the model.
#[derive(Debug, Clone)]
pub(crate) struct ModelFile {
    /// Canonical name (`.` for a single-file model).
    pub name: String,
    /// Where to read it.
    pub path: PathBuf,
    pub size: u64,
    pub meta: std::fs::Metadata,
}

/// The enumerated files plus any warnings (symlinks leaving the root, cycles).
pub(crate) struct Enumeration {
    pub files: Vec<ModelFile>,
    pub warnings: Vec<String>,
    pub ignore_paths: Vec<String>,
    pub single_file: bool,
}

/// Validate and normalise an ignore path into components relative to `root`.
pub(crate) fn normalize_ignore(root: &Path, p: &str) -> Result<Vec<String>> {
    let bad = |why: &str| {
        Error::model(
            root,
            format!("ignore path {p:?} {why}; give a path relative to the model root, such as `checkpoints/tmp`"),
        )
    };
    let mut path = Path::new(p);
    if path.is_absolute() {
        path = path.strip_prefix(root).map_err(|_| bad("is outside the model"))?;
    }
    let mut out = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::Normal(s) => {
                out.push(s.to_str().ok_or_else(|| bad("is not valid UTF-8"))?.to_owned());
            }
            Component::ParentDir => return Err(bad("leaves the model root")),
            Component::RootDir | Component::Prefix(_) => return Err(bad("is absolute")),
        }
    }
    if out.is_empty() {
        return Err(bad("names the model root itself"));
    }
    Ok(out)
}

/// Enumerate the files of the model at `root`.
pub(crate) fn enumerate(
    root: &Path,
    allow_symlinks: bool,
    ignore: &[Vec<String>],
    exclude_files: &[PathBuf],
) -> Result<Enumeration> {
    let meta = std::fs::symlink_metadata(root).map_err(|e| Error::io(root, e))?;
    if meta.file_type().is_symlink() && !allow_symlinks {
        return Err(Error::model(
            root,
            "is a symbolic link; sign the target, or pass --allow-symlinks",
        ));
    }
    let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
    let mut en = Enumeration {
        files: Vec::new(),
        warnings: Vec::new(),
        ignore_paths: Vec::new(),
        single_file: false,
    };
    if meta.is_file() {
        en.single_file = true;
        en.files.push(ModelFile {
            name: ".".into(),
            path: root.to_path_buf(),
            size: meta.len(),
            meta,
        });
        return Ok(en);
    }
    if !meta.is_dir() {
        return Err(Error::model(root, "is neither a regular file nor a directory"));
    }
    let root_canon = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    // Files to leave out are matched by their literal place under the root,
    // never through a symbolic link (a linked signature must not hide a file).
    let excluded: Vec<Vec<String>> = exclude_files.iter().filter_map(|p| relative_inside(root, p)).collect();
    walk(root, &root_canon, allow_symlinks, ignore, &excluded, &mut en)?;
    Ok(en)
}

/// Most entries and directories a model may have: bounds time and memory on
/// hostile trees (symlink fan-out, millions of files).
const MAX_ENTRIES: usize = 2_000_000;
const MAX_DIRS: usize = 200_000;

/// `p` relative to `root` as components, lexically (no symlinks resolved), if inside.
fn relative_inside(root: &Path, p: &Path) -> Option<Vec<String>> {
    let abs = |x: &Path| std::path::absolute(x).ok().map(|a| lexical_normalize(&a));
    let (r, f) = (abs(root)?, abs(p)?);
    let rel = f.strip_prefix(&r).ok()?;
    let comps: Vec<String> = rel
        .components()
        .filter_map(|c| c.as_os_str().to_str().map(str::to_owned))
        .collect();
    (!comps.is_empty()).then_some(comps)
}

fn lexical_normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Walk the tree with an explicit stack (no recursion: deep trees cannot
/// overflow the stack).
fn walk(
    root: &Path,
    root_canon: &Path,
    allow_symlinks: bool,
    ignore: &[Vec<String>],
    excluded: &[Vec<String>],
    en: &mut Enumeration,
) -> Result<()> {
    // (directory path, its relative components, canonical ancestors of linked dirs)
    let mut stack: Vec<(PathBuf, Vec<String>, Vec<PathBuf>)> =
        vec![(root.to_path_buf(), Vec::new(), vec![root_canon.to_path_buf()])];
    let mut dirs = 0usize;
    let mut entries = 0usize;
    while let Some((dir, rel_dir, ancestors)) = stack.pop() {
        dirs += 1;
        if dirs > MAX_DIRS {
            return Err(Error::model(
                root,
                format!("has more than {MAX_DIRS} directories to walk; refusing (symbolic link fan-out?)"),
            ));
        }
        let rd = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            entries += 1;
            if entries > MAX_ENTRIES {
                return Err(Error::model(
                    root,
                    format!("has more than {MAX_ENTRIES} entries; refusing"),
                ));
            }
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                return Err(Error::model(
                    &path,
                    "has a name that is not valid UTF-8, which a signature cannot record; rename it",
                ));
            };
            let mut rel = rel_dir.clone();
            rel.push(name);
            if ignore.iter().any(|ig| rel.starts_with(ig)) {
                continue;
            }
            if excluded.contains(&rel) {
                en.ignore_paths.push(rel.join("/"));
                continue;
            }
            let lmeta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
            let is_link = lmeta.file_type().is_symlink();
            if is_link && !allow_symlinks {
                return Err(Error::model(
                    &path,
                    "is a symbolic link; OMS signs regular files only. Replace it with the file, add it to --ignore-paths, or pass --allow-symlinks to hash its target",
                ));
            }
            let meta = if is_link {
                let m = std::fs::metadata(&path)
                    .map_err(|e| Error::model(&path, format!("is a broken symbolic link ({e})")))?;
                if let Ok(target) = std::fs::canonicalize(&path) {
                    if !target.starts_with(root_canon) {
                        en.warnings.push(format!(
                            "{}: symbolic link leaves the model root (to {}); its target's content is signed",
                            printable(&rel.join("/")),
                            printable(&target.display().to_string())
                        ));
                    }
                }
                m
            } else {
                lmeta
            };
            if meta.is_file() {
                en.files.push(ModelFile {
                    name: rel.join("/"),
                    path,
                    size: meta.len(),
                    meta,
                });
            } else if meta.is_dir() {
                let mut anc = ancestors.clone();
                if is_link {
                    let canon = std::fs::canonicalize(&path).map_err(|e| Error::io(&path, e))?;
                    if anc.contains(&canon) {
                        en.warnings.push(format!(
                            "{}: symbolic link points back to a parent directory; not followed",
                            printable(&rel.join("/"))
                        ));
                        continue;
                    }
                    anc.push(canon);
                }
                stack.push((path, rel, anc));
            } else {
                return Err(Error::model(
                    &path,
                    "is not a regular file or directory (a device, socket or pipe); remove it or add it to --ignore-paths",
                ));
            }
        }
    }
    Ok(())
}

/// A name from the file system made safe to print: control characters escaped.
#[must_use]
pub fn printable(name: &str) -> String {
    if name.chars().any(char::is_control) {
        name.chars()
            .flat_map(|c| {
                if c.is_control() {
                    c.escape_default().collect::<Vec<_>>()
                } else {
                    vec![c]
                }
            })
            .collect()
    } else {
        name.to_owned()
    }
}

/// One unit of hashing work.
pub(crate) struct Unit<'a> {
    pub file: &'a ModelFile,
    pub start: u64,
    pub end: u64,
}

/// Split files into units for `method` (empty files have no shards).
pub(crate) fn units(files: &[ModelFile], method: Method) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    for f in files {
        match method {
            Method::Files => out.push(Unit {
                file: f,
                start: 0,
                end: f.size,
            }),
            Method::Shards { shard_size } => {
                let mut start = 0;
                while start < f.size {
                    let end = start.saturating_add(shard_size).min(f.size);
                    out.push(Unit { file: f, start, end });
                    start = end;
                }
            }
        }
    }
    out
}

/// Hash units on all cores (largest first), consulting the cache if given.
/// `progress` is told the bytes of each finished unit.
pub(crate) fn hash_units(
    units: &[Unit<'_>],
    alg: HashAlgorithm,
    cache: Option<&DigestCache>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Vec<u8>>> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(units[i].end - units[i].start));
    let few = units.len() < rayon::current_num_threads();
    let results: Vec<(usize, Result<Vec<u8>>)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let u = &units[i];
            let len = u.end - u.start;
            let r = match cache.and_then(|c| c.get(u.file, u.start, u.end, alg)) {
                Some(d) => Ok(d),
                None => hash_range(&u.file.path, u.start, len, alg, few).inspect(|d| {
                    if let Some(c) = cache {
                        c.put(u.file, u.start, u.end, alg, d);
                    }
                }),
            };
            progress(len);
            (i, r)
        })
        .collect();
    let mut out = vec![Vec::new(); units.len()];
    for (i, r) in results {
        out[i] = r?;
    }
    Ok(out)
}

/// Serialize the model at `root` into a manifest.
///
/// # Errors
/// Unreadable files, symbolic links when not allowed, special files, names
/// that are not UTF-8, invalid ignore paths, or an empty model.
pub fn hash_model(root: &Path, opts: &HashOptions) -> Result<Manifest> {
    hash_model_with_progress(root, opts, &|_| {}).map(|(m, _)| m)
}

/// [`hash_model`] that reports hashed bytes to `progress` and returns warnings.
///
/// # Errors
/// As [`hash_model`].
pub fn hash_model_with_progress(
    root: &Path,
    opts: &HashOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(Manifest, Vec<String>)> {
    let mut ignore: Vec<Vec<String>> = Vec::new();
    let mut recorded: Vec<String> = Vec::new();
    if opts.ignore_git_paths {
        for d in DEFAULT_IGNORES {
            ignore.push(vec![d.to_owned()]);
            recorded.push(d.to_owned());
        }
    }
    for p in &opts.ignore_paths {
        let comps = normalize_ignore(root, p)?;
        recorded.push(comps.join("/"));
        ignore.push(comps);
    }
    let en = enumerate(root, opts.allow_symlinks, &ignore, &opts.exclude_files)?;
    recorded.extend(en.ignore_paths.iter().cloned());
    recorded.sort();
    recorded.dedup();
    if en.files.is_empty() {
        return Err(Error::model(
            root,
            "has no files to sign (after ignore paths); an empty model cannot be signed",
        ));
    }
    let cache = match &opts.cache {
        Some(p) => Some(DigestCache::load(p)?),
        None => None,
    };
    let units = units(&en.files, opts.method);
    let digests = hash_units(&units, opts.hash, cache.as_ref(), progress)?;
    if let Some(c) = &cache {
        c.save()?;
    }
    let algorithm = match (opts.method, opts.shard_naming) {
        (Method::Shards { shard_size }, ShardNaming::ModelSigning) => {
            format!("{}-sharded-{shard_size}", opts.hash.name())
        }
        _ => opts.hash.name().to_owned(),
    };
    let mut keyed: Vec<((String, u64, u64), Vec<u8>)> = units
        .iter()
        .zip(digests)
        .map(|(u, d)| ((u.file.name.clone(), u.start, u.end), d))
        .collect();
    keyed.sort_by(|a, b| canonical_cmp((&a.0 .0, a.0 .1, a.0 .2), (&b.0 .0, b.0 .1, b.0 .2)));
    let resources = keyed
        .into_iter()
        .map(|((name, start, end), digest)| Resource {
            name: match opts.method {
                Method::Files => name,
                Method::Shards { .. } => shard_name(&name, start, end),
            },
            algorithm: algorithm.clone(),
            digest,
        })
        .collect();
    let manifest = Manifest {
        model_name: model_name(root),
        serialization: Serialization {
            method: opts.method,
            hash: opts.hash,
            allow_symlinks: opts.allow_symlinks,
            ignore_paths: recorded,
        },
        resources,
    };
    Ok((manifest, en.warnings))
}

/// The informational model name: the final path component.
pub(crate) fn model_name(root: &Path) -> String {
    let from = |p: &Path| p.file_name().and_then(|s| s.to_str()).map(str::to_owned);
    from(root)
        .filter(|s| s != "..")
        .or_else(|| std::fs::canonicalize(root).ok().and_then(|p| from(&p)))
        .unwrap_or_else(|| "model".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_paths_are_validated() {
        let root = Path::new("/m");
        assert_eq!(normalize_ignore(root, "./a//b").unwrap(), ["a", "b"]);
        assert_eq!(normalize_ignore(root, "/m/a").unwrap(), ["a"]);
        assert!(normalize_ignore(root, "../x").is_err());
        assert!(normalize_ignore(root, "/etc").is_err());
        assert!(normalize_ignore(root, ".").is_err());
    }

    #[test]
    fn shards_cover_files_and_skip_empty_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), vec![1u8; 25]).unwrap();
        std::fs::write(dir.path().join("e"), b"").unwrap();
        let en = enumerate(dir.path(), false, &[], &[]).unwrap();
        let mut files = en.files;
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let u = units(&files, Method::Shards { shard_size: 10 });
        let spans: Vec<_> = u.iter().map(|u| (u.file.name.as_str(), u.start, u.end)).collect();
        assert_eq!(spans, [("a", 0, 10), ("a", 10, 20), ("a", 20, 25)]);
    }
}
