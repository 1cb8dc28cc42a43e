#!/usr/bin/env python3
"""results.csv of a benchmark run -> results.md (the table) and chart.svg (requests/s per scenario and system).

    python3 src/test/bench/report.py src/test/bench/results/<date>
"""
import csv
import sys
from pathlib import Path

SYSTEMS = [("quarry", "Quarry", "#2b6cb0"), ("baseline", "baseline", "#718096"), ("prisma", "Prisma 7", "#d69e2e")]


def load(folder):
    rows = {}
    with open(folder / "results.csv") as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["scenario"], {})[r["system"]] = r
    return rows


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else ""


def table(rows):
    head = ["scenario"]
    present = [s for s, _, _ in SYSTEMS if any(s in by for by in rows.values())]
    for s, label, _ in SYSTEMS:
        if s in present:
            head += [f"{label} req/s", "p50 ms", "p99 ms"]
    if "baseline" in present:
        head.append("Quarry/baseline")
    if "prisma" in present:
        head += ["Quarry/Prisma", "p99 Quarry/Prisma"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario, by in rows.items():
        cells = [scenario]
        for s in present:
            r = by.get(s)
            errors = f" ({r['errors']} errors)" if r and r["errors"] not in ("0", "") else ""
            cells += [f"{float(r['rps']):,.0f}{errors}", r["p50_ms"], r["p99_ms"]] if r else ["", "", ""]
        q = by.get("quarry")
        if "baseline" in present:
            b = by.get("baseline")
            cells.append(ratio(float(q["rps"]), float(b["rps"])) if q and b else "")
        if "prisma" in present:
            p = by.get("prisma")
            cells.append(ratio(float(q["rps"]), float(p["rps"])) if q and p else "")
            cells.append(ratio(float(q["p99_ms"]), float(p["p99_ms"])) if q and p else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def chart(rows):
    """Grouped horizontal bars: one group per scenario, one bar per system, requests per second."""
    bar, gap, label_w, plot_w = 11, 10, 140, 520
    present = [(s, label, color) for s, label, color in SYSTEMS if any(s in by for by in rows.values())]
    top = max((float(r["rps"]) for by in rows.values() for r in by.values()), default=1) or 1
    group_h = bar * len(present) + gap
    height = 40 + group_h * len(rows) + 30
    width = label_w + plot_w + 90
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{label_w}" y="16" font-size="13" font-weight="bold">requests per second (more is better)</text>']
    x = label_w
    for s, label, color in present:
        out.append(f'<rect x="{x}" y="24" width="10" height="10" fill="{color}"/><text x="{x + 14}" y="33">{label}</text>')
        x += 90
    y = 44
    for scenario, by in rows.items():
        out.append(f'<text x="{label_w - 8}" y="{y + group_h / 2}" text-anchor="end">{scenario}</text>')
        for i, (s, _, color) in enumerate(present):
            r = by.get(s)
            if not r:
                continue
            v = float(r["rps"])
            w = max(1.0, plot_w * v / top)
            by_ = y + i * bar
            out.append(f'<rect x="{label_w}" y="{by_}" width="{w:.1f}" height="{bar - 2}" fill="{color}"/>')
            out.append(f'<text x="{label_w + w + 4:.1f}" y="{by_ + bar - 3}" font-size="9">{v:,.0f}</text>')
        y += group_h
    out.append("</svg>")
    return "\n".join(out)


def main():
    folder = Path(sys.argv[1])
    rows = load(folder)
    md = table(rows)
    (folder / "results.md").write_text(md + "\n")
    (folder / "chart.svg").write_text(chart(rows) + "\n")
    print(md)


if __name__ == "__main__":
    main()
