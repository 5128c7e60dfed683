//! OpenLineage ingestion: validate a RunEvent, JobEvent or DatasetEvent as
//! the spec (`OpenLineage.json`, 2-0-x) defines it, then record it: the job
//! run becomes a run node (keyed by `runId`, merged across its START,
//! RUNNING and COMPLETE/FAIL/ABORT events), each input and output dataset a
//! dataset (`namespace/name`) with a version (the `version` facet's
//! `datasetVersion`, else `unversioned`), joined by `input_to` and
//! `produced` edges. Re-sending an event changes nothing. The raw event is
//! kept, so nothing an emitter sent is lost.
//!
//! Validation reports the first bad field by its JSON path
//! (`run.runId`, `inputs[2].name`) so emitters can be fixed.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{EdgeKind, NewDatasetVersion, NewRun, NodeKind};
use crate::store::{check_time, insert_dataset_version, insert_edge, insert_node, insert_run, now, Registry};

/// Version label for datasets whose event carries no `version` facet.
pub const UNVERSIONED: &str = "unversioned";

/// What an accepted event touched.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ingested {
    /// The event kind: `run`, `job` or `dataset`.
    pub event: String,
    /// The run node, for run and job events.
    pub run_id: Option<i64>,
    /// Dataset version nodes read.
    pub inputs: Vec<i64>,
    /// Dataset version nodes written.
    pub outputs: Vec<i64>,
}

#[derive(Debug)]
struct DatasetRef<'a> {
    namespace: &'a str,
    name: &'a str,
    facets: Option<&'a Map<String, Value>>,
}

/// A job: namespace, name and facets.
type JobRef<'a> = (&'a str, &'a str, Option<&'a Map<String, Value>>);

#[derive(Debug)]
enum Event<'a> {
    Run {
        run_id: &'a str,
        event_type: Option<&'a str>,
        job: JobRef<'a>,
        inputs: Vec<DatasetRef<'a>>,
        outputs: Vec<DatasetRef<'a>>,
    },
    Job {
        job: JobRef<'a>,
        inputs: Vec<DatasetRef<'a>>,
        outputs: Vec<DatasetRef<'a>>,
    },
    Dataset(DatasetRef<'a>),
}

fn bad(field: &str, what: &str) -> Error {
    Error::invalid(format!("`{field}` {what}"))
}

fn string<'a>(obj: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(bad(&join(path, key), "must not be empty")),
        Some(_) => Err(bad(&join(path, key), "must be a string")),
        None => Err(bad(&join(path, key), "is required")),
    }
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    v.as_object().ok_or_else(|| bad(path, "must be an object"))
}

fn opt_object<'a>(obj: &'a Map<String, Value>, key: &str, path: &str) -> Result<Option<&'a Map<String, Value>>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => object(v, &join(path, key)).map(Some),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn is_uri(s: &str) -> bool {
    // RFC 3986: scheme ":" ... with scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    s.split_once(':').is_some_and(|(scheme, _)| {
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    }) && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn datasets<'a>(obj: &'a Map<String, Value>, key: &str, extra_facets: &str) -> Result<Vec<DatasetRef<'a>>> {
    let Some(v) = obj.get(key) else { return Ok(Vec::new()) };
    if v.is_null() {
        return Ok(Vec::new());
    }
    let arr = v.as_array().ok_or_else(|| bad(key, "must be an array"))?;
    if arr.len() > 10_000 {
        return Err(bad(key, "has more than 10000 datasets"));
    }
    arr.iter()
        .enumerate()
        .map(|(i, d)| {
            let path = format!("{key}[{i}]");
            let d = object(d, &path)?;
            opt_object(d, extra_facets, &path)?;
            dataset(d, &path)
        })
        .collect()
}

fn dataset<'a>(d: &'a Map<String, Value>, path: &str) -> Result<DatasetRef<'a>> {
    let namespace = string(d, "namespace", path)?;
    let name = string(d, "name", path)?;
    let facets = opt_object(d, "facets", path)?;
    if let Some(f) = facets {
        check_facets(f, &join(path, "facets"))?;
    }
    Ok(DatasetRef {
        namespace,
        name,
        facets,
    })
}

fn check_facets(facets: &Map<String, Value>, path: &str) -> Result<()> {
    for (k, v) in facets {
        // Each facet is an object (or `{"_deleted": true}`), with `_producer`
        // and `_schemaURL` URIs where present.
        let f = object(v, &join(path, k))?;
        for key in ["_producer", "_schemaURL"] {
            if let Some(p) = f.get(key) {
                if !p.as_str().is_some_and(is_uri) {
                    return Err(bad(&format!("{path}.{k}.{key}"), "must be a URI"));
                }
            }
        }
    }
    Ok(())
}

fn job(obj: &Map<String, Value>) -> Result<JobRef<'_>> {
    let j = object(obj.get("job").ok_or_else(|| bad("job", "is required"))?, "job")?;
    let facets = opt_object(j, "facets", "job")?;
    if let Some(f) = facets {
        check_facets(f, "job.facets")?;
    }
    Ok((string(j, "namespace", "job")?, string(j, "name", "job")?, facets))
}

/// Validate an event against the OpenLineage spec's required fields and
/// types.
///
/// # Errors
/// [`Error::Invalid`] naming the first bad field.
pub fn validate(event: &Value) -> Result<()> {
    parse(event).map(|_| ())
}

fn parse(event: &Value) -> Result<Event<'_>> {
    let obj = event
        .as_object()
        .ok_or_else(|| Error::invalid("the event must be a JSON object"))?;
    let time = string(obj, "eventTime", "")?;
    check_time("eventTime", time)?;
    if !is_uri(string(obj, "producer", "")?) {
        return Err(bad("producer", "must be a URI"));
    }
    if !is_uri(string(obj, "schemaURL", "")?) {
        return Err(bad("schemaURL", "must be a URI"));
    }
    if obj.contains_key("run") {
        let run = object(&obj["run"], "run")?;
        let run_id = string(run, "runId", "run")?;
        if !is_uuid(run_id) {
            return Err(bad("run.runId", "must be a UUID"));
        }
        if let Some(f) = opt_object(run, "facets", "run")? {
            check_facets(f, "run.facets")?;
        }
        let event_type = match obj.get("eventType") {
            None | Some(Value::Null) => None,
            Some(Value::String(t))
                if ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"].contains(&t.as_str()) =>
            {
                Some(t.as_str())
            }
            Some(_) => {
                return Err(bad(
                    "eventType",
                    "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER",
                ))
            }
        };
        Ok(Event::Run {
            run_id,
            event_type,
            job: job(obj)?,
            inputs: datasets(obj, "inputs", "inputFacets")?,
            outputs: datasets(obj, "outputs", "outputFacets")?,
        })
    } else if obj.contains_key("job") {
        Ok(Event::Job {
            job: job(obj)?,
            inputs: datasets(obj, "inputs", "inputFacets")?,
            outputs: datasets(obj, "outputs", "outputFacets")?,
        })
    } else if let Some(d) = obj.get("dataset") {
        Ok(Event::Dataset(dataset(object(d, "dataset")?, "dataset")?))
    } else {
        Err(Error::invalid(
            "`run` and `job` (a RunEvent), `job` (a JobEvent) or `dataset` (a DatasetEvent) is required",
        ))
    }
}

fn facet_str<'a>(facets: Option<&'a Map<String, Value>>, facet: &str, key: &str) -> Option<&'a str> {
    facets?.get(facet)?.get(key)?.as_str()
}

impl Registry {
    /// Validate and record one OpenLineage event, atomically.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the bad field; database failure. Nothing is
    /// written when it fails.
    pub async fn ingest_openlineage(&self, event: &Value) -> Result<Ingested> {
        parse(event)?;
        self.retrying(|| self.ingest_once(event)).await
    }

    async fn ingest_once(&self, event: &Value) -> Result<Ingested> {
        let parsed = parse(event)?;
        let body = event.to_string();
        let event_time = event["eventTime"].as_str().unwrap_or_default();
        let mut tx = self.write_tx().await?;
        let (run_key, event_type) = match &parsed {
            Event::Run { run_id, event_type, .. } => (Some((*run_id).to_owned()), event_type.map(str::to_owned)),
            _ => (None, None),
        };
        sqlx::query("INSERT INTO openlineage_events (run_id, event_type, event_time, body, received_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&run_key)
            .bind(&event_type)
            .bind(event_time)
            .bind(&body)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        let out = match parsed {
            Event::Run {
                run_id,
                event_type,
                job,
                inputs,
                outputs,
            } => {
                let run = upsert_run(&mut tx, run_id, event_type, job, event, event_time).await?;
                let (i, o) = link(&mut tx, run, &inputs, &outputs).await?;
                Ingested {
                    event: "run".into(),
                    run_id: Some(run),
                    inputs: i,
                    outputs: o,
                }
            }
            Event::Job { job, inputs, outputs } => {
                let key = format!("job:{}/{}", job.0, job.1);
                let run = upsert_run(&mut tx, &key, Some("OTHER"), job, event, event_time).await?;
                let (i, o) = link(&mut tx, run, &inputs, &outputs).await?;
                Ingested {
                    event: "job".into(),
                    run_id: Some(run),
                    inputs: i,
                    outputs: o,
                }
            }
            Event::Dataset(d) => {
                let v = upsert_dataset(&mut tx, &d).await?;
                Ingested {
                    event: "dataset".into(),
                    run_id: None,
                    inputs: Vec::new(),
                    outputs: vec![v],
                }
            }
        };
        tx.commit().await?;
        Ok(out)
    }
}

async fn link(
    conn: &mut sqlx::AnyConnection,
    run: i64,
    inputs: &[DatasetRef<'_>],
    outputs: &[DatasetRef<'_>],
) -> Result<(Vec<i64>, Vec<i64>)> {
    let mut i = Vec::new();
    for d in inputs {
        let v = upsert_dataset(conn, d).await?;
        insert_edge(conn, v, run, EdgeKind::InputTo).await?;
        i.push(v);
    }
    let mut o = Vec::new();
    for d in outputs {
        let v = upsert_dataset(conn, d).await?;
        insert_edge(conn, run, v, EdgeKind::Produced).await?;
        o.push(v);
    }
    Ok((i, o))
}

fn status_of(event_type: Option<&str>) -> &'static str {
    match event_type {
        Some("COMPLETE") => "completed",
        Some("FAIL") => "failed",
        Some("ABORT") => "aborted",
        Some("OTHER") => "other",
        _ => "running",
    }
}

async fn upsert_run(
    conn: &mut sqlx::AnyConnection,
    external_id: &str,
    event_type: Option<&str>,
    job: JobRef<'_>,
    event: &Value,
    event_time: &str,
) -> Result<i64> {
    let (namespace, name, job_facets) = job;
    let status = status_of(event_type);
    let terminal = matches!(status, "completed" | "failed" | "aborted");
    let existing: Option<(i64, String)> = sqlx::query_as("SELECT id, status FROM runs WHERE external_id = $1")
        .bind(external_id)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some((id, current)) = existing {
        // Events may arrive out of order: a late START never reopens a finished run.
        let current_terminal = matches!(current.as_str(), "completed" | "failed" | "aborted");
        if terminal || (!current_terminal && event_type.is_some() && event_type != Some("OTHER")) {
            let ended = terminal.then_some(event_time);
            sqlx::query("UPDATE runs SET status = $1, ended_at = COALESCE($2, ended_at) WHERE id = $3")
                .bind(status)
                .bind(ended)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        if event_type == Some("START") {
            sqlx::query("UPDATE runs SET started_at = $1 WHERE id = $2")
                .bind(event_time)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        return Ok(id);
    }
    let mut env = Map::new();
    if let Some(p) = event.get("producer") {
        env.insert("producer".into(), p.clone());
    }
    if let Some(f) = event.pointer("/run/facets/processing_engine") {
        env.insert("processing_engine".into(), f.clone());
    }
    let parameters = event
        .pointer("/run/facets")
        .filter(|f| f.as_object().is_some_and(|o| !o.is_empty()))
        .cloned();
    let run = NewRun {
        name: format!("{namespace}/{name}"),
        external_id: Some(external_id.to_owned()),
        code_commit: facet_str(job_facets, "sourceCodeLocation", "version").map(str::to_owned),
        command: facet_str(job_facets, "sql", "query").map(|q| q.chars().take(4096).collect()),
        parameters,
        environment: Some(Value::Object(env)),
        status: Some(status.to_owned()),
        started_at: (event_type == Some("START") || event_type == Some("RUNNING")).then(|| event_time.to_owned()),
        ended_at: terminal.then(|| event_time.to_owned()),
        project_id: None,
    };
    insert_run(conn, &run).await
}

async fn upsert_dataset(conn: &mut sqlx::AnyConnection, d: &DatasetRef<'_>) -> Result<i64> {
    let name = format!("{}/{}", d.namespace, d.name);
    let ds: Option<i64> = sqlx::query_scalar("SELECT id FROM datasets WHERE name = $1")
        .bind(&name)
        .fetch_optional(&mut *conn)
        .await?;
    let ds = match ds {
        Some(id) => id,
        None => {
            let id = insert_node(conn, NodeKind::Dataset, &name, None).await?;
            let owner = d
                .facets
                .and_then(|f| f.get("ownership"))
                .and_then(|o| o.get("owners"))
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(|o| o.get("name"))
                .and_then(Value::as_str);
            let description = facet_str(d.facets, "documentation", "description");
            sqlx::query("INSERT INTO datasets (id, name, owner, description) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(&name)
                .bind(owner)
                .bind(description)
                .execute(&mut *conn)
                .await?;
            id
        }
    };
    let version = facet_str(d.facets, "version", "datasetVersion").unwrap_or(UNVERSIONED);
    let version: String = version.chars().take(1024).filter(|c| !c.is_control()).collect();
    let version = if version.trim().is_empty() {
        UNVERSIONED.to_owned()
    } else {
        version
    };
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM dataset_versions WHERE dataset_id = $1 AND version = $2")
            .bind(ds)
            .bind(&version)
            .fetch_optional(&mut *conn)
            .await?;
    let schema = d.facets.and_then(|f| f.get("schema")).cloned();
    if let Some(id) = existing {
        if let Some(s) = &schema {
            sqlx::query("UPDATE dataset_versions SET schema_json = $1 WHERE id = $2 AND schema_json IS NULL")
                .bind(s.to_string())
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        return Ok(id);
    }
    let origin = facet_str(d.facets, "dataSource", "uri").map(str::to_owned);
    insert_dataset_version(
        conn,
        ds,
        &NewDatasetVersion {
            version: Some(version),
            schema,
            origin_uri: origin,
            ..Default::default()
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Value {
        serde_json::json!({
            "eventTime": "2024-01-01T00:00:00Z", "eventType": "START", "producer": "https://example.com/p",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": "3f5e83fa-3480-44ff-99c5-ff943904e5e8"},
            "job": {"namespace": "ns", "name": "job"},
            "inputs": [{"namespace": "s3://b", "name": "in"}]
        })
    }

    #[test]
    fn errors_name_the_field() {
        let cases: [(&str, Value, &str); 6] = [
            ("/run/runId", Value::from("nope"), "run.runId"),
            ("/eventTime", Value::from("yesterday"), "eventTime"),
            ("/producer", Value::from(3), "producer"),
            ("/inputs/0/name", Value::from(1), "inputs[0].name"),
            ("/job", Value::from("x"), "job"),
            ("/eventType", Value::from("DONE"), "eventType"),
        ];
        for (ptr, v, field) in cases {
            let mut e = event();
            *e.pointer_mut(ptr).unwrap() = v;
            let err = validate(&e).unwrap_err().to_string();
            assert!(err.contains(&format!("`{field}`")), "{ptr}: {err}");
        }
        assert!(validate(&event()).is_ok());
        assert!(validate(&Value::from(1)).is_err());
    }

    #[test]
    fn uuid_and_uri() {
        assert!(is_uuid("f69a6e9b-9bac-3c9a-9cf6-eacb70ecc9a9"));
        assert!(!is_uuid("f69a6e9b9bac3c9a9cf6eacb70ecc9a9"));
        assert!(is_uri("https://x/y"));
        assert!(is_uri("urn:x"));
        assert!(!is_uri("no scheme"));
        assert!(!is_uri("1http://x"));
    }
}
