#!/usr/bin/env python3
"""A JFR recording's CPU samples -> where the time goes, as proportions (text, for profiles/*.txt).

    python3 src/test/bench/profile.py recording.jfr [top]

Reads `jfr print --events jdk.ExecutionSample` and prints: the share of samples in which each layer appears anywhere
on the stack (inclusive; a sample can count for several layers), and the methods most often on top of the stack (self).
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


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", path], capture_output=True, text=True, check=True).stdout
    stack = None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if s.startswith("]"):
                yield stack
                stack = None
            elif s and s != "...":
                stack.append(s.split("(")[0].split(" line:")[0].strip())


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    layers, tops, n = Counter(), Counter(), 0
    for stack in samples(path):
        n += 1
        if stack:
            tops[stack[0]] += 1
        seen = set()
        for frame in stack:
            for name, prefixes in LAYERS:
                if frame.startswith(prefixes):
                    seen.add(name)
                    break
        layers.update(seen)
    print(f"{path}: {n} CPU samples (jdk.ExecutionSample; stacks cut at 64 frames)")
    print("\nlayer on the stack (inclusive share of samples):")
    for name, _ in LAYERS:
        if layers[name]:
            print(f"  {100 * layers[name] / n:5.1f}%  {name}")
    print(f"\ntop {top} methods on top of the stack (self):")
    for frame, c in tops.most_common(top):
        print(f"  {100 * c / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
