"""Post N OpenLineage RunEvents to an mlsec server and report events/s.

Events look like an Airflow/Spark pipeline's: runs of 50 jobs, each with a
START and a COMPLETE event, 2 input and 1 output datasets with schema and
dataSource facets, chained so lineage grows across runs. Posted over
keep-alive connections from several threads, one event per request (as
emitters send them). Then, if the OpenLineage client is importable, 200
events are emitted through its own HttpTransport to check compatibility.

usage: ingest.py URL TOKEN [EVENTS] [THREADS]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
import uuid

url, token = sys.argv[1], sys.argv[2]
total = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 4
u = urllib.parse.urlparse(url)
PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/airflow"
SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"


def dataset(name):
    return {
        "namespace": "postgres://warehouse:5432",
        "name": name,
        "facets": {
            "schema": {
                "_producer": PRODUCER,
                "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
                "fields": [{"name": f"col{i}", "type": "VARCHAR"} for i in range(8)],
            },
            "dataSource": {
                "_producer": PRODUCER,
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json",
                "name": "warehouse",
                "uri": "postgres://warehouse:5432",
            },
        },
    }


def events(n):
    out = []
    i = 0
    while len(out) < n:
        job = i % 50
        run = str(uuid.UUID(int=i + 1))
        ins = [dataset(f"public.t{job}"), dataset(f"public.ref{job % 7}")]
        outs = [dataset(f"public.t{job + 1}")]
        for ty, t in (("START", "2024-05-01T10:00:00Z"), ("COMPLETE", "2024-05-01T10:05:00.250Z")):
            out.append(json.dumps({
                "eventType": ty, "eventTime": t, "producer": PRODUCER, "schemaURL": SCHEMA_URL,
                "run": {"runId": run, "facets": {"nominalTime": {"_producer": PRODUCER,
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json",
                    "nominalStartTime": "2024-05-01T10:00:00Z"}}},
                "job": {"namespace": "airflow", "name": f"dag.task{job}", "facets": {}},
                "inputs": ins, "outputs": outs,
            }).encode())
        i += 1
    return out[:n]


evs = events(total)
failures = []


def worker(chunk):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    for body in chunk:
        conn.request("POST", "/api/v1/lineage", body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        if r.status != 201:
            failures.append((r.status, data[:200]))


# START and COMPLETE of one run go to the same thread, in order.
chunks = [[] for _ in range(threads)]
for k in range(0, len(evs), 2):
    chunks[(k // 2) % threads].extend(evs[k:k + 2])
t0 = time.perf_counter()
ts = [threading.Thread(target=worker, args=(c,)) for c in chunks]
for t in ts:
    t.start()
for t in ts:
    t.join()
dt = time.perf_counter() - t0
size = sum(map(len, evs)) / len(evs)
print(f"ingested {len(evs)} events ({size:.0f} bytes each) with {threads} client threads in {dt:.2f} s: {len(evs) / dt:.0f} events/s; {len(failures)} failures")
if failures:
    print("first failure:", failures[0])
    sys.exit(1)

try:
    from openlineage.client import OpenLineageClient
    from openlineage.client.transport.http import HttpConfig, HttpTransport, ApiKeyTokenProvider
    from openlineage.client.event_v2 import Job, Run, RunEvent, RunState, InputDataset, OutputDataset
except ImportError:
    print("openlineage-python not installed: compatibility check skipped")
    sys.exit(0)
from datetime import datetime, timezone

client = OpenLineageClient(transport=HttpTransport(HttpConfig(
    url=url, endpoint="api/v1/lineage", auth=ApiKeyTokenProvider({"apiKey": token}))))
t0 = time.perf_counter()
for k in range(100):
    run = Run(runId=str(uuid.uuid4()))
    job = Job(namespace="ol-python-client", name=f"job{k % 10}")
    for state in (RunState.START, RunState.COMPLETE):
        client.emit(RunEvent(eventType=state, eventTime=datetime.now(timezone.utc).isoformat(), run=run, job=job,
                             producer="https://github.com/OpenLineage/OpenLineage/tree/1.0.0/client/python",
                             inputs=[InputDataset(namespace="s3://bucket", name=f"in{k % 10}")],
                             outputs=[OutputDataset(namespace="s3://bucket", name=f"out{k % 10}")]))
dt = time.perf_counter() - t0
print(f"openlineage-python client (HttpTransport, one thread): 200 events accepted in {dt:.2f} s ({200 / dt:.0f} events/s)")
