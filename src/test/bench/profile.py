#!/usr/bin/env python3
"""A JFR recording's CPU samples -> where the time goes, as proportions (text, for profiles/*.txt).

    python3 src/test/bench/profile.py recording.jfr [top]

Reads `jfr print` and prints: the share of CPU samples (jdk.ExecutionSample) in which each layer appears anywhere on
the stack (inclusive; a sample can count for several layers), the methods most often on top of the stack (self), and
the allocation samples (jdk.ObjectAllocationSample, by weight) by layer and by the innermost Quarry method.
"""
import subprocess
import sys
from collections import Counter

# first match wins for a frame; a sample counts once per layer it passes through
LAYERS = [
    ("Quarry: plan (args, planner)", ("dev.quarry.query.plan.", "dev.quarry.query.args.")),
    ("Quarry: SQL (builder, cache)", ("dev.quarry.query.sql.",)),
    ("Quarry: writes (planner, executor)", ("dev.quarry.query.write.", "dev.quarry.query.exec.WriteExecutor", "dev.quarry.api.WriteService")),
    ("Quarry: security filter", ("dev.quarry.security.",)),
    ("Quarry: resources, services", ("dev.quarry.api.",)),
    ("RESTEasy Reactive", ("org.jboss.resteasy.reactive.", "io.quarkus.resteasy.reactive.")),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("Micrometer", ("io.micrometer.", "io.quarkus.micrometer.")),
    ("context propagation", ("io.smallrye.context.", "io.quarkus.arc.impl.RequestContext", "org.eclipse.microprofile.context.")),
    ("OpenTelemetry", ("io.opentelemetry.", "io.quarkus.opentelemetry.")),
    ("Mutiny", ("io.smallrye.mutiny.",)),
    ("Vert.x PostgreSQL client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("Vert.x web / HTTP", ("io.vertx.ext.web.", "io.vertx.core.http.", "io.quarkus.vertx.http.")),
    ("Netty", ("io.netty.",)),
    ("JDK strings / charsets", ("java.lang.String", "java.lang.StringLatin1", "java.lang.StringUTF16", "sun.nio.cs.", "java.lang.AbstractStringBuilder")),
]


def samples(path, event):
    """(stack, weight) per event; weight is 1 for CPU samples, the bytes an allocation sample stands for otherwise"""
    out = subprocess.run(["jfr", "print", "--events", event, path], capture_output=True, text=True, check=True).stdout
    stack, weight = None, 1
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("weight = "):
            weight = parse_bytes(s[len("weight = "):])
        elif s.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if s.startswith("]"):
                yield stack, weight
                stack, weight = None, 1
            elif s and s != "...":
                stack.append(s.split("(")[0].split(" line:")[0].strip())


def parse_bytes(text):
    number, _, unit = text.partition(" ")
    scale = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(unit.strip(), 1)
    return float(number.replace(",", "")) * scale


def layers_of(stack):
    seen = set()
    for frame in stack:
        for name, prefixes in LAYERS:
            if frame.startswith(prefixes):
                seen.add(name)
                break
    return seen


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    layers, tops, n = Counter(), Counter(), 0
    for stack, _ in samples(path, "jdk.ExecutionSample"):
        n += 1
        if stack:
            tops[stack[0]] += 1
        layers.update(layers_of(stack))
    print(f"{path}: {n} CPU samples (jdk.ExecutionSample)")
    print("\nlayer on the stack (inclusive share of CPU samples):")
    for name, _ in LAYERS:
        if layers[name]:
            print(f"  {100 * layers[name] / max(n, 1):5.1f}%  {name}")
    print(f"\ntop {top} methods on top of the stack (self):")
    for frame, c in tops.most_common(top):
        print(f"  {100 * c / max(n, 1):5.1f}%  {frame}")
    allocated, by_layer, by_quarry = 0.0, Counter(), Counter()
    for stack, weight in samples(path, "jdk.ObjectAllocationSample"):
        allocated += weight
        for name in layers_of(stack):
            by_layer[name] += weight
        by_quarry[next((f for f in stack if f.startswith("dev.quarry.")), "(no Quarry frame)")] += weight
    if allocated:
        print(f"\nallocation (jdk.ObjectAllocationSample, {allocated / 1e6:,.0f} MB sampled), layer on the stack:")
        for name, _ in LAYERS:
            if by_layer[name]:
                print(f"  {100 * by_layer[name] / allocated:5.1f}%  {name}")
        print(f"\ntop {top} innermost Quarry methods by allocation:")
        for frame, w in by_quarry.most_common(top):
            print(f"  {100 * w / allocated:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
