"""Write the Parquet fixtures of the dataset scanner's tests (needs pyarrow:
bench/data/setup-peers.sh installs it). Values are synthetic: the card and
IBAN are published test numbers, the names and addresses invented.

usage: python make_parquet.py OUT_DIR
"""
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
rows = 40
table = pa.table({
    "customer_id": list(range(rows)),
    "customer_name": [f"Customer {i}" for i in range(rows)],
    "email": [f"user{i}@example.org" for i in range(rows)],
    "card": ["4111 1111 1111 1111" if i == 7 else "" for i in range(rows)],
    "iban": ["GB82WEST12345698765432" if i == 30 else None for i in range(rows)],
    "notes": [["vip", "aws key AKIA4HXGLVY2QW5RN3TD"] if i == 12 else [] for i in range(rows)],
    "score": [i * 0.5 for i in range(rows)],
})
# Two row groups (rows 0-19 and 20-39), snappy-compressed pages.
pq.write_table(table, f"{out}/customers.parquet", row_group_size=20, compression="snappy")
pq.write_table(table.select(["customer_id", "score"]), f"{out}/clean.parquet", compression="zstd")
