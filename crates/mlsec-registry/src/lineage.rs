//! Lineage queries: walk the edge graph upstream (what was this made from?)
//! or downstream (what was made from this?) with one recursive SQL query per
//! direction. `UNION` (not `UNION ALL`) removes repeated (node, depth) pairs
//! and the depth cap ends the recursion, so cycles cannot loop and the work
//! is bounded by nodes × depth.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use crate::error::{Error, Result};
use crate::model::{EdgeKind, NodeKind};
use crate::store::{Dialect, Registry};

/// The deepest walk a query may ask for.
pub const MAX_DEPTH: u32 = 64;

/// Which way to walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Towards inputs: datasets, base models, runs that made the node.
    Upstream,
    /// Towards outputs: runs, models and deployments made from the node.
    Downstream,
}

/// A node in a lineage answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineageNode {
    /// Node id.
    pub id: i64,
    /// Kind.
    pub kind: NodeKind,
    /// Display name (`dataset@version` for versions).
    pub name: String,
    /// Content digest, where the node has one.
    pub digest: Option<String>,
    /// Shortest distance from the start node (0 for the start).
    pub depth: u32,
}

/// A lineage subgraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineageGraph {
    /// The start node ids (a model or dataset starts from all its versions).
    pub roots: Vec<i64>,
    /// The direction walked.
    pub direction: Direction,
    /// The depth cap used.
    pub depth: u32,
    /// Nodes reached, by depth then id.
    pub nodes: Vec<LineageNode>,
    /// Edges walked.
    pub edges: Vec<crate::model::Edge>,
}

impl Registry {
    /// Walk the lineage graph from a node. A dataset or model (not a
    /// version) starts from all of its versions.
    ///
    /// # Errors
    /// Unknown node, depth above [`MAX_DEPTH`], database failure.
    pub async fn lineage(&self, id: i64, direction: Direction, depth: u32) -> Result<LineageGraph> {
        if depth > MAX_DEPTH {
            return Err(Error::invalid(format!(
                "`depth` must be at most {MAX_DEPTH}, not {depth}"
            )));
        }
        let kind = self.node_kind(id).await?;
        let roots: Vec<i64> = match kind {
            NodeKind::Dataset => {
                sqlx::query_scalar("SELECT id FROM dataset_versions WHERE dataset_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
            }
            NodeKind::Model => {
                sqlx::query_scalar("SELECT id FROM model_versions WHERE model_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
            }
            _ => vec![id],
        };
        let (from, to) = match direction {
            Direction::Upstream => ("src", "dst"),
            Direction::Downstream => ("dst", "src"),
        };
        // One statement and one row: the walk is computed once, then its
        // nodes (with their shortest depth) and the edges it crossed come
        // back as two JSON arrays. Rows cost more to move through the
        // driver than to compute, so this is several times faster than a
        // row per node. Only the JSON aggregate's name differs by dialect.
        let (agg_nodes, agg_edges) = match self.dialect {
            Dialect::Sqlite => (
                "json_group_array(json_array(r.id, r.depth, n.kind, n.name, n.digest))",
                format!("json_group_array(json_array(e.{from}, e.{to}, e.kind))"),
            ),
            Dialect::Postgres => (
                "COALESCE(json_agg(json_build_array(r.id, r.depth, n.kind, n.name, n.digest)), '[]'::json)::text",
                format!("COALESCE(json_agg(json_build_array(e.{from}, e.{to}, e.kind)), '[]'::json)::text"),
            ),
        };
        let sql = format!(
            "WITH RECURSIVE walk(id, depth) AS ( \
               SELECT CAST($1 AS BIGINT), CAST(0 AS BIGINT) \
               UNION \
               SELECT e.{from}, w.depth + 1 FROM edges e JOIN walk w ON e.{to} = w.id WHERE w.depth < $2 ), \
             reach(id, depth) AS (SELECT id, MIN(depth) FROM walk GROUP BY id) \
             SELECT (SELECT {agg_nodes} FROM reach r JOIN nodes n ON n.id = r.id) AS nodes, \
                    (SELECT {agg_edges} FROM edges e JOIN reach r ON e.{to} = r.id WHERE r.depth < $2) AS edges"
        );
        let mut nodes: std::collections::BTreeMap<i64, LineageNode> = std::collections::BTreeMap::new();
        let mut edges = std::collections::BTreeSet::new();
        if kind == NodeKind::Dataset || kind == NodeKind::Model {
            nodes.insert(id, self.node(id).await?);
        }
        let bad = |e: serde_json::Error| Error::invalid(format!("unreadable lineage answer from the database: {e}"));
        for &root in &roots {
            let row = sqlx::query(&sql)
                .bind(root)
                .bind(i64::from(depth))
                .fetch_one(&self.pool)
                .await?;
            let found: Vec<(i64, i64, String, String, Option<String>)> =
                serde_json::from_str(&row.try_get::<String, _>("nodes")?).map_err(bad)?;
            for (id, d, kind, name, digest) in found {
                let kind =
                    NodeKind::parse(&kind).ok_or_else(|| Error::invalid(format!("unknown node kind `{kind}`")))?;
                let depth = u32::try_from(d).unwrap_or(u32::MAX);
                nodes
                    .entry(id)
                    .and_modify(|m| m.depth = m.depth.min(depth))
                    .or_insert(LineageNode {
                        id,
                        kind,
                        name,
                        digest,
                        depth,
                    });
            }
            let crossed: Vec<(i64, i64, String)> =
                serde_json::from_str(&row.try_get::<String, _>("edges")?).map_err(bad)?;
            for (a, b, kind) in crossed {
                let kind =
                    EdgeKind::parse(&kind).ok_or_else(|| Error::invalid(format!("unknown edge kind `{kind}`")))?;
                let (src, dst) = if direction == Direction::Upstream {
                    (a, b)
                } else {
                    (b, a)
                };
                edges.insert((src, dst, kind.as_str()));
            }
        }
        let mut nodes: Vec<LineageNode> = nodes.into_values().collect();
        nodes.sort_by_key(|n| (n.depth, n.id));
        let edges = edges
            .into_iter()
            .map(|(src, dst, k)| crate::model::Edge {
                src,
                dst,
                kind: EdgeKind::parse(k).unwrap_or(EdgeKind::DerivedFrom),
            })
            .collect();
        Ok(LineageGraph {
            roots,
            direction,
            depth,
            nodes,
            edges,
        })
    }

    /// The dataset versions that went into a node, transitively (for a model
    /// version or deployment: the data it was trained on, through every
    /// recorded run and derivation).
    ///
    /// # Errors
    /// As [`Registry::lineage`].
    pub async fn upstream_datasets(&self, id: i64) -> Result<Vec<LineageNode>> {
        let g = self.lineage(id, Direction::Upstream, MAX_DEPTH).await?;
        Ok(g.nodes
            .into_iter()
            .filter(|n| n.kind == NodeKind::DatasetVersion && !g.roots.contains(&n.id))
            .collect())
    }

    /// One node.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn node(&self, id: i64) -> Result<LineageNode> {
        let row = sqlx::query("SELECT id, kind, name, digest, CAST(0 AS BIGINT) AS depth FROM nodes WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::not_found(format!("node {id} not found")))?;
        node_from_row(&row)
    }

    /// Nodes with a content digest (dataset and model versions, and the
    /// deployments of a model version), oldest first.
    ///
    /// # Errors
    /// Invalid digest, database failure.
    pub async fn nodes_by_digest(&self, digest: &str) -> Result<Vec<LineageNode>> {
        let digest = crate::store::normalize_digest(digest)?;
        let rows = sqlx::query(
            "SELECT id, kind, name, digest, CAST(0 AS BIGINT) AS depth FROM nodes WHERE digest = $1 ORDER BY id",
        )
        .bind(&digest)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(node_from_row).collect()
    }
}

fn node_from_row(row: &sqlx::any::AnyRow) -> Result<LineageNode> {
    let kind: String = row.try_get("kind")?;
    let depth: i64 = row.try_get("depth")?;
    Ok(LineageNode {
        id: row.try_get("id")?,
        kind: NodeKind::parse(&kind).ok_or_else(|| Error::invalid(format!("unknown node kind `{kind}`")))?,
        name: row.try_get("name")?,
        digest: row.try_get("digest")?,
        depth: u32::try_from(depth).unwrap_or(u32::MAX),
    })
}
