"""Prints scripts/bench.sh's table from its results file (tab-separated lines, see bench.sh).

    python3 scripts/bench/table.py RESULTS.tsv

Lines: `header KEY TEXT`, `meta PHASE KEY TEXT`, `scenario PHASE KEY LABEL WHO FIELDS` (FIELDS: report.lua's
key=value pairs), `single PHASE KEY LABEL SECONDS BYTES`, `rss PHASE WHEN VMRSS_KB VMHWM_KB`. PHASE is f1 (the
organization as generated) or f2 (the same seed with twice the check-in history). A scenario run several times
(`--rounds`) shows each figure's median over its runs, its counts summed.
"""

import statistics
import sys

READS = ["week", "checkin_page", "team", "objective", "company", "map", "api_list", "api_deep", "tree"]
WHO = {"member": "member", "lead": "lead", "token": "member (API)", "mix": "member, lead", "-": "-"}

headers, metas, runs, singles, rss = [], {}, {}, {}, {}
with open(sys.argv[1], encoding="utf-8") as results:
    for line in results:
        parts = line.rstrip("\n").split("\t")
        kind = parts[0]
        if kind == "header":
            headers.append((parts[1], parts[2]))
        elif kind == "meta":
            metas.setdefault(parts[1], []).append((parts[2], parts[3]))
        elif kind == "scenario":
            fields = dict(pair.split("=", 1) for pair in parts[5].split())
            runs.setdefault(parts[1], {}).setdefault(parts[2], []).append(
                {"label": parts[3], "who": parts[4], **fields})
        elif kind == "single":
            singles.setdefault(parts[1], {})[parts[2]] = (parts[3], float(parts[4]), int(parts[5]))
        elif kind == "rss":
            rss.setdefault(parts[1], {})[parts[2]] = (int(parts[3]), int(parts[4]))

COUNTS = {"requests", "errors"}


def combined(rounds):
    """One scenario's runs as one: the median of each figure, counts summed, the last run's other fields."""
    row = dict(rounds[-1])
    for key, value in row.items():
        try:
            numbers = [float(run[key]) for run in rounds]
        except (KeyError, ValueError):
            continue
        whole = all(str(run[key]).isdigit() for run in rounds)
        value = sum(numbers) if key in COUNTS else statistics.median(numbers)
        row[key] = str(round(value)) if whole else str(value)
    row["rounds"] = len(rounds)
    return row


scenarios = {phase: {key: combined(rounds) for key, rounds in keys.items()} for phase, keys in runs.items()}


def rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ms(value):
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def size(value):
    return f"{value / 1024:,.1f} KB" if value >= 1024 else f"{value} B"


def change(before, after):
    if before == 0:
        return None
    return (after - before) / before * 100


def signed(percent):
    return "" if percent is None else f"{percent:+.0f}%"


def table(phase, compare=None):
    rows = scenarios.get(phase, {})
    ceiling = float(rows.get("css", {}).get("rps", 0)) or None
    columns = ["scenario", "as", "req/s", "p50 ms", "p99 ms", "errors", "bytes/resp", "% ceiling"]
    if compare:
        columns += ["Δ req/s", "Δ p50", "Δ p99"]
    lines = [columns]
    for key, row in rows.items():
        rps = float(row["rps"])
        answered = int(row["requests"]) > 0
        cells = [
            row["label"], WHO.get(row["who"], row["who"]), rate(rps),
            ms(float(row["p50_ms"])) if answered else "-", ms(float(row["p99_ms"])) if answered else "-",
            f"{int(row['errors']):,}", size(int(row["bytes_per_response"])) if answered else "none done",
            f"{rps / ceiling * 100:.1f}%" if ceiling else "-",
        ]
        if compare:
            before = compare.get(key)
            if before:
                cells += [
                    signed(change(float(before["rps"]), rps)),
                    signed(change(float(before["p50_ms"]), float(row["p50_ms"]))),
                    signed(change(float(before["p99_ms"]), float(row["p99_ms"]))),
                ]
            else:
                cells += ["", "", ""]
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    out = []
    for n, line in enumerate(lines):
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(line)]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def notes(phase, compare_phase=None):
    out = []
    rows = scenarios.get(phase, {})
    if "mix" in rows:
        mix = rows["mix"]
        counts = dict(pair.split(":") for pair in mix.get("statuses", "-").split(",") if ":" in pair)
        seconds = float(mix["duration_s"])
        out.append(
            f"mix: {rate(int(counts.get('200', 0)) / seconds)} reads/s + "
            f"{rate(int(counts.get('201', 0)) / seconds)} check-ins/s over {seconds:.0f} s")
    if "post" in rows:
        post = rows["post"]
        out.append(f"check-ins: {post.get('statuses', '-')} (status:count; every answer must be 201)")
    for key, (label, seconds, length) in singles.get(phase, {}).items():
        text = f"one request, unloaded (median of 3): {label}: {seconds * 1000:.1f} ms, {length / 1024:,.1f} KB"
        if compare_phase and key in singles.get(compare_phase, {}):
            before = singles[compare_phase][key]
            text += f" ({signed(change(before[1], seconds))} time, {signed(change(before[2], length))} size)"
        out.append(text)
    memory = rss.get(phase, {})
    if memory:
        rest, after = memory.get("rest", (0, 0)), memory.get("after", (0, 0))
        out.append(
            f"server memory: at rest {rest[0] / 1024:,.0f} MB (VmRSS, after the probes); after the load "
            f"{after[0] / 1024:,.0f} MB (VmRSS), peak {after[1] / 1024:,.0f} MB (VmHWM)")
    return out


print()
print("Okra benchmark (scripts/bench.sh)")
for key, text in headers:
    print(f"  {key}: {text}")
for phase, title in (("f1", "check-in history as generated"), ("f2", "check-in history doubled (same seed)")):
    if phase not in scenarios:
        continue
    print()
    dataset = [text for key, text in metas.get(phase, []) if key == "dataset"]
    print(f"== {title}")
    for text in dataset:
        print(f"  {text}")
    print()
    compare = scenarios.get("f1") if phase == "f2" else None
    for line in table(phase, compare):
        print(line)
    print()
    for line in notes(phase, "f1" if phase == "f2" else None):
        print(line)

if "f1" in scenarios and "f2" in scenarios:
    worst = None
    for key in READS:
        before, after = scenarios["f1"].get(key), scenarios["f2"].get(key)
        if not before or not after:
            continue
        for figure in ("rps", "p50_ms", "p99_ms"):
            moved = change(float(before[figure]), float(after[figure]))
            if moved is not None and (worst is None or abs(moved) > abs(worst[0])):
                worst = (moved, f"{after['label']}, {figure.replace('_ms', '')}")
    for key in READS:
        if key in singles.get("f1", {}) and key in singles.get("f2", {}):
            moved = change(singles["f1"][key][1], singles["f2"][key][1])
            if moved is not None and (worst is None or abs(moved) > abs(worst[0])):
                worst = (moved, f"{singles['f2'][key][0]}, one request")
    if worst:
        print()
        print(f"largest change of a read figure after doubling the check-in history: {worst[0]:+.0f}% ({worst[1]})")
