#!/usr/bin/env python3
"""results.csv of a benchmark run -> results.md (the tables) and chart.svg (requests/s per scenario and system).

    python3 src/test/bench/report.py src/test/bench/results/<date>

Each figure is the median over the rounds; "±x%" is the spread of requests/s over the rounds, (max - min) / 2 as a
share of the median. CPU per request is the service's (its process tree) and PostgreSQL's (the backends serving
its database), from /proc, over the measured run.
"""
import csv
import statistics
import sys
from pathlib import Path

SYSTEMS = [("quarry", "Quarry", "#2b6cb0"), ("baseline", "baseline", "#718096"), ("prisma", "Prisma 7", "#d69e2e")]
FIGURES = ["rps", "p50_ms", "p99_ms", "service_cpu_us", "pg_cpu_us"]


def load(folder):
    """scenario -> system -> {figure: median, "spread": ±share, "rounds": n, "errors": total}"""
    runs = {}
    with open(folder / "results.csv") as f:
        for r in csv.DictReader(f):
            runs.setdefault(r["scenario"], {}).setdefault(r["system"], []).append(r)
    rows = {}
    for scenario, by in runs.items():
        for system, rs in by.items():
            m = {k: statistics.median(float(r.get(k) or 0) for r in rs) for k in FIGURES}
            rps = [float(r["rps"]) for r in rs]
            m["spread"] = (max(rps) - min(rps)) / 2 / m["rps"] if m["rps"] else 0
            m["rounds"] = len(rs)
            m["errors"] = sum(int(r["errors"] or 0) for r in rs)
            rows.setdefault(scenario, {})[system] = m
    return rows


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else ""


def present(rows):
    return [s for s, _, _ in SYSTEMS if any(s in by for by in rows.values())]


def table(rows):
    systems = present(rows)
    head = ["scenario"]
    for s, label, _ in SYSTEMS:
        if s in systems:
            head += [f"{label} req/s", "p50 ms", "p99 ms"]
    if "baseline" in systems:
        head.append("Quarry/baseline")
    if "prisma" in systems:
        head += ["Quarry/Prisma", "p99 Quarry/Prisma"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario, by in rows.items():
        cells = [scenario]
        for s in systems:
            r = by.get(s)
            if not r:
                cells += ["", "", ""]
                continue
            errors = f" ({r['errors']} errors)" if r["errors"] else ""
            spread = f" ±{100 * r['spread']:.0f}%" if r["rounds"] > 1 else ""
            cells += [f"{r['rps']:,.0f}{spread}{errors}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}"]
        q = by.get("quarry")
        if "baseline" in systems:
            b = by.get("baseline")
            cells.append(ratio(q["rps"], b["rps"]) if q and b else "")
        if "prisma" in systems:
            p = by.get("prisma")
            cells.append(ratio(q["rps"], p["rps"]) if q and p else "")
            cells.append(ratio(q["p99_ms"], p["p99_ms"]) if q and p else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_table(rows):
    systems = present(rows)
    head = ["scenario"]
    for s, label, _ in SYSTEMS:
        if s in systems:
            head += [f"{label} CPU µs/req", "its PostgreSQL µs/req", "service/PostgreSQL"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario, by in rows.items():
        cells = [scenario]
        for s in systems:
            r = by.get(s)
            cells += [f"{r['service_cpu_us']:.0f}", f"{r['pg_cpu_us']:.0f}", ratio(r["service_cpu_us"], r["pg_cpu_us"])] if r else ["", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def jwt_line(rows):
    jwt, open_ = rows.get("jwt", {}).get("quarry"), rows.get("find_unique", {}).get("quarry")
    if not (jwt and open_):
        return ""
    return (f"jwt mode against open mode (find_unique): {jwt['rps']:,.0f} against {open_['rps']:,.0f} req/s, "
            f"{ratio(jwt['rps'], open_['rps'])}×; p99 {jwt['p99_ms']:.2f} against {open_['p99_ms']:.2f} ms\n")


def chart(rows):
    """Grouped horizontal bars: one group per scenario, one bar per system, requests per second."""
    bar, gap, label_w, plot_w = 11, 10, 140, 520
    shown = [(s, label, color) for s, label, color in SYSTEMS if any(s in by for by in rows.values())]
    top = max((r["rps"] for by in rows.values() for r in by.values()), default=1) or 1
    group_h = bar * len(shown) + gap
    height = 40 + group_h * len(rows) + 30
    width = label_w + plot_w + 90
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{label_w}" y="16" font-size="13" font-weight="bold">requests per second, median of the rounds (more is better)</text>']
    x = label_w
    for s, label, color in shown:
        out.append(f'<rect x="{x}" y="24" width="10" height="10" fill="{color}"/><text x="{x + 14}" y="33">{label}</text>')
        x += 90
    y = 44
    for scenario, by in rows.items():
        out.append(f'<text x="{label_w - 8}" y="{y + group_h / 2}" text-anchor="end">{scenario}</text>')
        for i, (s, _, color) in enumerate(shown):
            r = by.get(s)
            if not r:
                continue
            w = max(1.0, plot_w * r["rps"] / top)
            by_ = y + i * bar
            out.append(f'<rect x="{label_w}" y="{by_}" width="{w:.1f}" height="{bar - 2}" fill="{color}"/>')
            out.append(f'<text x="{label_w + w + 4:.1f}" y="{by_ + bar - 3}" font-size="9">{r["rps"]:,.0f}</text>')
        y += group_h
    out.append("</svg>")
    return "\n".join(out)


def main():
    folder = Path(sys.argv[1])
    rows = load(folder)
    rounds = max((r["rounds"] for by in rows.values() for r in by.values()), default=0)
    md = (f"Medians of {rounds} round(s); ±: the spread of requests/s over the rounds.\n\n" + table(rows) + "\n\n"
          + jwt_line(rows) + "\nCPU per request (median of the rounds), the service's process tree and the PostgreSQL "
          + "backends serving its database:\n\n" + cpu_table(rows))
    (folder / "results.md").write_text(md + "\n")
    (folder / "chart.svg").write_text(chart(rows) + "\n")
    print(md)


if __name__ == "__main__":
    main()
