#!/usr/bin/env python3
"""Writes the hostile seeds of the fuzz corpus (tests/fuzz/corpus/*.json) from one bundled
example: depth and size bombs, invalid UTF-8, NaN and huge numbers, duplicate ids and keys,
reference cycles, old and future schema versions. Run once after changing the format; the
output is committed. The examples, lessons and tests/data are added by scripts/fuzz.sh."""
import copy
import json
import pathlib

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(__file__).resolve().parent / "corpus"
out.mkdir(exist_ok=True)
base = json.loads((root / "resources/examples/s3-gateway-endpoint.privatepath").read_text())


def write(name, data):
    if not isinstance(data, (bytes, str)):
        data = json.dumps(data, separators=(",", ":"), allow_nan=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    (out / (name + ".json")).write_bytes(data)


def variant(edit):
    d = copy.deepcopy(base)
    edit(d)
    return d


# Depth bombs: plain JSON past the limit, and a deep `x-` extension inside a valid design.
write("depth-array", "[" * 5000 + "]" * 5000)
write("depth-object", '{"a":' * 2000 + "1" + "}" * 2000)
write("depth-unclosed", '{"vpcs":' + "[" * 3000)
deep = 1
for _ in range(70):
    deep = {"x": deep}
write("depth-extension", variant(lambda d: d.update({"x-deep": deep})))
# Size bombs within the fuzzers' length limit: many values, one long string, many shapes.
write("size-many-values", '{"schemaVersion":2,"x-a":[' + ",".join(["0"] * 20000) + "]}")
write("size-long-name", variant(lambda d: d.update({"name": "A" * 60000})))
write("size-many-regions", {"schemaVersion": 2, "regions": [
    {"id": "r%d" % i, "name": "R", "code": "us-east-1", "availabilityZones": []} for i in range(1500)]})
# Encodings and invalid UTF-8.
text = json.dumps(base)
write("utf16-le", b"\xff\xfe" + text.encode("utf-16-le")[:4000])
write("utf32-be", text.encode("utf-32-be")[:4000])
write("utf8-bom", b"\xef\xbb\xbf" + text.encode())
write("invalid-utf8-name", text.replace('"VPC-A"', '"VPC-\xff\xfe\xc0\xaf"').encode("latin-1", "replace"))
write("invalid-utf8-id", text.replace('"vpc-a"', '"vpc-\x80"', 1).encode("latin-1", "replace"))
write("lone-surrogate", text.replace('"VPC-A"', '"\\ud800VPC"'))
write("control-chars", text.replace('"VPC-A"', '"\\u001b]0;pwned\\u0007\\u0000VPC"'))
# NaN, infinities and huge numbers in the diagram and in integer fields.
def shape0(field, value):
    return variant(lambda d: d["diagram"]["shapes"][3].update({field: value}))
write("shape-x-1e308", shape0("x", 1e308))
write("shape-x-minus-1e308", shape0("x", -1e308))
write("shape-y-1e9", shape0("y", 1e9))
write("shape-width-0", shape0("width", 0))
write("shape-width-huge", shape0("width", 1e12))
write("shape-height-negative", shape0("height", -5))
write("shape-x-1e400", json.dumps(shape0("x", 1.0)).replace('"x":1.0', '"x":1e400', 1))
write("shape-x-nan", json.dumps(shape0("x", 1.0)).replace('"x":1.0', '"x":NaN', 1))
write("shape-x-bignum", json.dumps(shape0("x", 1.0)).replace('"x":1.0', '"x":184467440737095516160', 1))
write("flow-port-huge", variant(lambda d: d["flows"][0].update({"port": 18446744073709551615})))
write("flow-port-negative", variant(lambda d: d["flows"][0].update({"port": -9223372036854775808})))
write("flow-port-float", variant(lambda d: d["flows"][0].update({"port": 443.5})))
write("schema-version-huge", variant(lambda d: d.update({"schemaVersion": 4294967298})))
# Schema versions: the v1 migration, a future version, nonsense.
write("schema-v1", variant(lambda d: d.update({"schemaVersion": 1})))
write("schema-v3", variant(lambda d: d.update({"schemaVersion": 3})))
write("schema-v0", variant(lambda d: d.update({"schemaVersion": 0})))
write("schema-string", variant(lambda d: d.update({"schemaVersion": "2"})))
# Duplicate ids and keys.
write("duplicate-vpc-id", variant(lambda d: d["vpcs"].append(copy.deepcopy(d["vpcs"][0]))))
write("duplicate-flow-id", variant(lambda d: d["flows"].append(copy.deepcopy(d["flows"][0]))))
write("duplicate-across-kinds", variant(lambda d: d["natGateways"][0].update({"id": "vpc-a"})))
write("duplicate-shape", variant(lambda d: d["diagram"]["shapes"].append(copy.deepcopy(d["diagram"]["shapes"][1]))))
write("duplicate-json-key", text.replace('"name":', '"name": "first", "name":', 1))
# Reference cycles: shape parents in a loop, a long chain, a self-parent, routes to each other.
def parent_loop(d):
    d["diagram"]["shapes"][0]["parent"] = "i-app-s3"
write("shape-parent-loop", variant(parent_loop))
write("shape-self-parent", variant(lambda d: d["diagram"]["shapes"][0].update({"parent": "use1"})))
def chain(n):
    def edit(d):
        d["awsServices"] = d.get("awsServices", []) + [
            {"id": "svc%d" % i, "name": "S", "service": "sqs", "region": "use1"} for i in range(n)]
        d["diagram"]["shapes"] += [{"resource": "svc%d" % i, "x": 1, "y": 1, "width": 10, "height": 10,
                                     **({"parent": "svc%d" % (i - 1)} if i else {})} for i in range(n)]
    return edit
write("shape-chain-70", variant(chain(70)))
write("shape-chain-600", variant(chain(600)))
def route_cycle(d):
    d["routeTables"][0]["routes"].append({"destination": "10.9.0.0/16", "target": "rt-app-s3"})
    d["subnets"][0]["routeTable"] = "pub-a"
write("route-to-route-table", variant(route_cycle))
write("flow-to-itself", variant(lambda d: d["flows"][0].update({"destination": d["flows"][0]["source"]})))
write("flow-to-flow", variant(lambda d: d["flows"][0].update({"destination": "flow-s3-via-endpoint"})))
write("dangling-parent", variant(lambda d: d["diagram"]["shapes"][1].update({"parent": "nowhere"})))
