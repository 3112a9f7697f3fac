"""The table of benchmarks/litellm-benchmark.sh: what each side adds over the direct simulator at the same rate.

    python3 overhead_table.py <results dir> <round> <p99 bound ms> "<table rates>" <side>...

Reads the load generator's <side>-<rate>-<round>.json (and .cpu, .load) written by lib.sh's run, prints Markdown;
then, when there are <side>-closed.json runs, each side's closed-loop throughput and CPU per request.
"""
import json
import os
import re
import sys

results, round_name, bound, table_rates, sides = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4].split(), \
    sys.argv[5:]


def load(side, rate):
    name = f"{side}-closed" if rate == "closed" else f"{side}-{rate}-{round_name}"
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        report = json.load(f)
    report["cpuUs"] = 0.0
    cpu_path = path[:-5] + ".cpu"
    if os.path.exists(cpu_path):  # the proxy's processes, not the simulator
        with open(cpu_path) as f:
            report["cpuUs"] = sum(float(m.group(1)) for line in f if not line.startswith("simulator")
                                  for m in [re.search(r"([\d.]+) us per request", line)] if m)
    with open(path[:-5] + ".load") as f:
        report["load"] = f.read().split()[0]
    return report


def load_closed(side):
    path = os.path.join(results, f"{side}-closed.json")
    if not os.path.exists(path):
        return None
    return load(side, "closed")


def holds(report):
    latency = report.get("latencyMs") or {}
    return report["failed"] == 0 and latency.get("p99", float("inf")) <= bound


def label(side):
    if side == "platform":
        return "platform (gateway + chat-service)"
    workers = side.split("-")[1]
    return f"LiteLLM, {workers} worker{'s' if workers != '1' else ''}"


def added(report, direct):
    if not report.get("latencyMs"):
        return None, None, f"all {report['requests']:,} failed"
    p50 = report["latencyMs"]["p50"] - direct["latencyMs"]["p50"]
    p99 = report["latencyMs"]["p99"] - direct["latencyMs"]["p99"]
    text = f"+{p50:.2f} / +{p99:.2f} ms" if p99 < 100 else f"+{p50:,.0f} / +{p99:,.0f} ms"
    if report["failed"]:
        text += f", **{report['failed']:,} of {report['requests']:,} failed**"
    return p50, p99, text + f" ({report['cpuUs'] / 1000:.2f} ms CPU)"


litellm_sides = [s for s in sides if s != "platform"]
print("| rate (load average before) | direct p50 / p99 | " + " | ".join(f"{label(s)}: added p50 / p99" for s in sides)
      + " | best LiteLLM's added ÷ platform's, p50 / p99 |")
print("| --- " * (len(sides) + 3) + "|")
all_rates = sorted({int(name.split("-")[-2]) for name in os.listdir(results)
                    if re.fullmatch(rf"direct-\d+-{round_name}\.json", name)})
for rate in sorted({int(r) for r in table_rates} | set(all_rates)):
    direct = load("direct", rate)
    if direct is None:  # a step rate above the highest any side held
        continue
    cells, numbers = [], {}
    for side in sides:
        report = load(side, rate)
        if report is None:
            cells.append("-")  # a step rate above the highest it held
            continue
        p50, p99, text = added(report, direct)
        numbers[side] = (p50, p99, report["failed"])
        cells.append(text)
    ratio = "-"
    platform = numbers.get("platform")
    candidates = [numbers[s] for s in litellm_sides if s in numbers and numbers[s][0] is not None]
    if platform and platform[0] and candidates:
        best = min(candidates, key=lambda n: (n[2], n[1]))  # fewest failures, then the lowest p99
        ratio = f"{best[0] / platform[0]:.1f}x / {best[1] / platform[1]:.1f}x"
        if best[2]:
            ratio += " (LiteLLM failing: its percentiles are of the requests it answered)"
    baseline = direct["latencyMs"]
    print(f"| {int(rate):,} req/s ({direct['load']}) | {baseline['p50']:.2f} / {baseline['p99']:.2f} ms | "
          + " | ".join(cells) + f" | {ratio} |")

highest = []
for side in sides:
    best, first_miss = None, None
    for rate in all_rates:
        report = load(side, rate)
        if report is None:
            continue
        if holds(report):
            best = rate
        else:
            first_miss = (rate, report)
            break
    text = f"{best:,} req/s" if best else f"under {all_rates[0]:,} req/s"
    if first_miss:
        rate, report = first_miss
        p99 = (report.get("latencyMs") or {}).get("p99")
        text += (f" (at {rate:,}: {report['failed']:,} failed, p99 "
                 + (f"{p99:,.1f} ms" if p99 is not None else "-") + ")")
    highest.append(text)
print(f"| highest rate held (0 errors, p99 ≤ {bound:.0f} ms) | - | " + " | ".join(highest) + " | - |")

closed = [(side, load_closed(side)) for side in sides]
if any(report for _, report in closed):
    print()
    print("| closed loop, same concurrency | " + " | ".join(label(side) for side in sides) + " |")
    print("| --- " * (len(sides) + 1) + "|")
    print("| throughput, failed; CPU per request of the proxy's processes | " + " | ".join(
        f"{report['throughputPerSecond']:,.0f} req/s, {report['failed']:,} failed; {report['cpuUs'] / 1000:.2f} ms"
        if report else "-" for _, report in closed) + " |")
