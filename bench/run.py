#!/usr/bin/python3
"""bench/run's driver: runs every benchmark, each beside a reference measured in the same run,
and writes BENCHMARKS.md. Called by bench/run inside one Xvfb display (see that script).

Environment: BENCH_QUICK=1 for a short validation run (fewer repetitions, smaller counts; the
report says so); BENCH_ONLY=roundtrip,coldstart,... to run some sections: their goal rows and
detail paragraphs then replace the same ones in the existing report (the other figures stay, and
a note under the heading says which rows came from which partial run)."""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "BENCHMARKS.md")
BIN = os.path.join(BUILD, "bin")
QUICK = os.environ.get("BENCH_QUICK") == "1"
ONLY = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))

# Repetitions (full / quick). Each figure is min/median/max over RUNS runs.
RUNS = 2 if QUICK else 5
CALLS = 30 if QUICK else 200            # hook round trips per run
LAUNCHES = 3 if QUICK else 7            # cold starts of each binary
BIG_CALLS = 10 if QUICK else 50         # round trips for the 10,000-observation patient
LOG_COUNT = 10000 if QUICK else 100000  # exchanges in the log
CARDS = 1000
WRK_SECONDS = 2 if QUICK else 5
BENCH_N = 2000
CLI_RUNS = 3 if QUICK else 5            # hookbench-cli bench runs beside each wrk run (median)

SANDBOX = {"first_card_ms": 3800, "refire_ms": 250, "peak_mib": 518}  # issue #15's run of it

T0 = time.time()
HOME = tempfile.mkdtemp(prefix="hookbench-bench-")
ENV = dict(os.environ, HOOKBENCH_HOME=os.path.join(HOME, "home"), QTWEBENGINE_DISABLE_SANDBOX="1")
ENV.pop("QT_QPA_PLATFORM", None)  # the GUI parts draw on the Xvfb display bench/run opened
results = {}
log_lines = []


def say(text):
    line = "[%5.1fs] %s" % (time.time() - T0, text)
    log_lines.append(line)
    print(line, file=sys.stderr, flush=True)


def run(cmd, timeout=300, env=None, check=True):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env or ENV)
    if check and proc.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), proc.returncode,
                                                 proc.stderr.strip()[-800:]))
    return proc


def json_line(text):
    """The JSON object a program printed: its last line that is one, else all of stdout."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{") and line.endswith("}"):
            return json.loads(line)
    try:
        return json.loads(text)
    except ValueError:
        raise RuntimeError("no JSON object in: " + text[-400:])


def mmm(values):
    values = sorted(values)
    return {"min": values[0], "median": statistics.median(values), "max": values[-1],
            "n": len(values)}


def fmt(stat, digits=1, unit=""):
    if not stat:
        return "-"
    f = "%%.%df" % digits
    return (f % stat["median"]) + unit + " (" + (f % stat["min"]) + "-" + (f % stat["max"]) + ")"


# Parts of a section that BENCH_ONLY may name alone (the servers section: the trivial service's
# throughput, wrk against hookbench-cli bench; the FHIR server under wrk).
PARTS = {"servers": {"throughput", "fhir"}}


def wanted(name):
    return not ONLY or name in ONLY or bool(PARTS.get(name, set()) & ONLY)


def wanted_part(section, part):
    return not ONLY or section in ONLY or part in ONLY


# ---------------------------------------------------------------------------------- machine
def machine():
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) // 1024
    os_name = "Linux"
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"')
    qt = run(["dpkg-query", "-W", "-f=${Version}", "libqt6core6"], check=False).stdout.strip()
    commit = run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], check=False).stdout.strip()
    dirty = run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                check=False).stdout.strip()
    return {"cpu": cpu, "nproc": os.cpu_count(), "mem_mib": mem, "os": os_name,
            "kernel": os.uname().release, "qt": qt or "?", "commit": commit + (" (modified)" if dirty else ""),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load_start": os.getloadavg()}


# ---------------------------------------------------------------------------------- sections
def section_roundtrip():
    runs = []
    for i in range(RUNS):
        say("round trip run %d/%d (%d calls)" % (i + 1, RUNS, CALLS))
        runs.append(json_line(run([os.path.join(BIN, "bench_roundtrip"), "--calls", str(CALLS)]).stdout))
    hb = mmm([r["hookbench"]["median"] for r in runs])
    curl = mmm([r["curl"]["median"] for r in runs])
    ratio = mmm([r["hookbench"]["median"] / r["curl"]["median"] for r in runs])
    overhead = mmm([r["hookbench"]["median"] - r["curl"]["median"] for r in runs])
    results["roundtrip"] = {"hookbench": hb, "curl": curl, "ratio": ratio, "overhead": overhead,
                            "p90": mmm([r["hookbench"]["p90"] for r in runs]),
                            "curl_wall": mmm([r["curlWallPerCallMs"] for r in runs]),
                            "exchanges": runs[-1]["exchanges"],
                            "connects": runs[-1]["curlConnectsPerCall"]}


def section_big_patient(bundle):
    normal, big, curl_big = [], [], []
    for i in range(max(2, RUNS - 2)):
        say("10,000-observation patient run %d" % (i + 1))
        r = json_line(run([os.path.join(BIN, "bench_roundtrip"), "--calls", str(BIG_CALLS),
                           "--bundle", bundle, "--patient", "pt-bench-big"], timeout=400).stdout)
        n = json_line(run([os.path.join(BIN, "bench_roundtrip"), "--calls", str(BIG_CALLS),
                           "--bundle", bundle, "--no-curl"], timeout=400).stdout)
        big.append(r["hookbench"]["median"])
        curl_big.append(r["curl"]["median"])
        normal.append(n["hookbench"]["median"])
    results["big_patient"] = {"big": mmm(big), "curl": mmm(curl_big), "normal": mmm(normal),
                              "exchanges": r["exchanges"]}


def section_coldstart():
    app, floor = [], []
    shot = os.path.join(HOME, "shot.png")
    for i in range(LAUNCHES):
        say("cold start %d/%d" % (i + 1, LAUNCHES))
        app.append(json_line(run([os.path.join(BIN, "hookbench"), "--screenshot", shot], timeout=60).stdout))
        floor.append(json_line(run([os.path.join(BIN, "bench_minimal_quick")], timeout=60).stdout))
    results["coldstart"] = {
        "app": mmm([a["readyFrameMs"] for a in app]),
        "floor": mmm([f["firstFrameMs"] for f in floor]),
        "ratio": mmm([a["readyFrameMs"] / f["firstFrameMs"] for a, f in zip(app, floor)]),
        "app_peak_mib": mmm([a["peakRssKiB"] / 1024 for a in app]),
        "floor_peak_mib": mmm([f["peakRssKiB"] / 1024 for f in floor]),
        "cards": min(len(a["cards"]) for a in app)}
    results["memory_split"] = {"app": smaps_peak([os.path.join(BIN, "hookbench"), "--screenshot", shot]),
                               "floor": smaps_peak([os.path.join(BIN, "bench_minimal_quick")])}


def classify(name):
    if re.search(r"libLLVM|swrast|dri/|libGL|libglapi|libgallium|/SYSV", name):
        return "software OpenGL (Mesa llvmpipe) and the X image"
    if name in ("[heap]", "[anon]") or name.startswith("[stack") or "memfd:" in name:
        return "heap and anonymous memory (all threads)"
    if "libQt6" in name or "/qt6/" in name:
        return "Qt libraries and plugins (file pages)"
    if "/fonts/" in name:
        return "fonts"
    if BUILD in name or name.endswith(("/hookbench", "/bench_minimal_quick")):
        return "the executable"
    return "other libraries"


def smaps_peak(cmd):
    """The process's resident memory by mapping at its largest sample (5 ms polling)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    best, best_total = {}, 0
    while proc.poll() is None:
        try:
            groups, name = {}, None
            with open("/proc/%d/smaps" % proc.pid) as f:
                for line in f:
                    m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
                    if m:
                        name = m.group(1) or "[anon]"
                    elif line.startswith("Rss:"):
                        key = classify(name)
                        groups[key] = groups.get(key, 0) + int(line.split()[1])
            total = sum(groups.values())
            if total > best_total:
                best, best_total = groups, total
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    return {k: v / 1024 for k, v in best.items()}


def section_cards():
    say("1,000 cards")
    r = json_line(run([os.path.join(BIN, "bench_gui"), "cards", "--count", str(CARDS), "--runs",
                       str(RUNS)], timeout=300).stdout)
    results["cards"] = r


def section_log():
    say("%d exchanges in the log" % LOG_COUNT)
    r = json_line(run([os.path.join(BIN, "bench_gui"), "log", "--count", str(LOG_COUNT), "--runs",
                       str(RUNS)], timeout=400).stdout)
    results["log"] = r


def wrk(url, extra, seconds=None, connections=16):
    out = run(["wrk", "-t%d" % min(2, connections), "-c%d" % connections, "-d%ds" % (seconds or WRK_SECONDS), "--latency"]
              + extra + [url], timeout=120).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if non2xx or errors:
        raise RuntimeError("wrk saw errors against %s: %s" % (url, out[-600:]))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return rps, float(p50.group(1)) * scale[p50.group(2)] if p50 else None


def cli_bench_available():
    return run([os.path.join(BIN, "hookbench-cli"), "bench", "--help"], check=False).returncode == 0


def find_number(obj, patterns):
    """The first numeric value whose key matches one of `patterns` (case-insensitive), depth-first:
    the CLI's bench JSON is C-cli's to shape."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, (int, float)) and any(re.search(p, key, re.I) for p in patterns):
                return float(value)
        for value in obj.values():
            found = find_number(value, patterns)
            if found is not None:
                return found
    return None


def section_servers(bundle):
    server = subprocess.Popen([os.path.join(BIN, "bench_server"), "--bundle", bundle],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=ENV)
    try:
        info = json.loads(server.stdout.readline())
        lua = os.path.join(HOME, "post.lua")
        with open(lua, "w") as f:
            f.write('wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n'
                    'wrk.headers["Accept"] = "application/json"\n' % json.dumps(info["hookBody"]))
        auth = ["-H", "Authorization: Bearer " + info["token"], "-H", "Accept: application/fhir+json"]
        read_url = info["fhir"] + "/Patient/pt-amelia-hart"
        search_url = info["fhir"] + "/Patient?name=Garc&_count=20"
        obs_url = info["fhir"] + "/Observation?patient=pt-bench-big&code=29463-7&_sort=-date&_count=1"
        wrk_rps, cli_rps, reads, searches, obs, cli_raw = [], [], [], [], [], None
        do_cli, do_fhir = wanted_part("servers", "throughput"), wanted_part("servers", "fhir")
        have_cli = do_cli and cli_bench_available()
        for i in range(max(2, RUNS - 2)):
            say("servers run %d (%s)" % (i + 1, ", ".join(
                (["wrk"] if do_cli else []) + (["hookbench-cli bench"] if have_cli else [])
                + (["FHIR reads under wrk"] if do_fhir else []))))
            if do_cli:
                wrk_rps.append(wrk(info["hook"], ["-s", lua])[0])
            if have_cli:
                # 2,000 calls last tens of milliseconds where wrk averages over seconds: the
                # median of five runs keeps one scheduler pause from being the figure.
                runs = []
                for _ in range(CLI_RUNS):
                    out = run([os.path.join(BIN, "hookbench-cli"), "bench", "--discovery", info["trivial"],
                               "--service", "trivial", "-n", str(BENCH_N), "-c", "16", "--no-cors", "--json"],
                              timeout=120)
                    cli_raw = json_line(out.stdout)
                    if cli_raw.get("errors", 0) or cli_raw.get("completed") != BENCH_N:
                        raise RuntimeError("hookbench-cli bench had errors: %s" % out.stdout[-400:])
                    rps = find_number(cli_raw, [r"throughput", r"per.?s(ec)?", r"rps"])
                    if rps is None:
                        raise RuntimeError("no throughput in hookbench-cli bench --json: %s" % out.stdout[-400:])
                    runs.append(rps)
                cli_rps.append(statistics.median(runs))
            if do_fhir:
                reads.append(wrk(read_url, auth))
                searches.append(wrk(search_url, auth, connections=4))
                obs.append(wrk(obs_url, auth, connections=4))
        if do_cli:
            results["throughput"] = {
                "wrk": mmm(wrk_rps), "cli": mmm(cli_rps) if cli_rps else None, "cli_raw": cli_raw,
                "ratio": mmm([c / w for c, w in zip(cli_rps, wrk_rps)]) if cli_rps else None}
        if do_fhir:
            results["fhir_load"] = {
                "reads": mmm([r[0] for r in reads]), "reads_p50": mmm([r[1] for r in reads]),
                "search": mmm([s[0] for s in searches]), "search_p50": mmm([s[1] for s in searches]),
                "obs": mmm([o[0] for o in obs]), "obs_p50": mmm([o[1] for o in obs])}
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def openssl_speed(algorithm):
    # -elapsed: wall-clock, as bench_jwt counts (openssl speed divides by CPU time by default)
    out = run(["openssl", "speed", "-elapsed", "-seconds", "1", algorithm], timeout=120).stdout
    # "... 384 bits ecdsa (nistp384)   0.0010s   0.0012s   1000.0    830.0" / "rsa 3072 bits ... sign/s"
    for line in out.splitlines():
        fields = line.split()
        if algorithm.startswith("ecdsa") and "nistp384" in line and len(fields) >= 4:
            return float(fields[-2])
        if algorithm.startswith("rsa") and line.startswith("rsa") and "bits" in line:
            return float(fields[-2])
    raise RuntimeError("no sign/s in openssl speed %s: %s" % (algorithm, out[-300:]))


def section_jwt():
    es, rs, ossl_es, ossl_rs = [], [], [], []
    for i in range(max(2, RUNS - 2)):
        say("JWT signatures run %d" % (i + 1))
        r = json_line(run([os.path.join(BIN, "bench_jwt"), "--seconds", "1"]).stdout)
        es.append(r["ES384"])
        rs.append(r["RS384"])
        ossl_es.append(openssl_speed("ecdsap384"))
        ossl_rs.append(openssl_speed("rsa3072"))
    results["jwt"] = {"es": mmm(es), "rs": mmm(rs), "openssl_es": mmm(ossl_es), "openssl_rs": mmm(ossl_rs)}


# ---------------------------------------------------------------------------------- report
def goal_rows():
    rows = []

    def add(key, name, figure, reference, ratio_text, goal, met):
        rows.append((name, figure, reference, ratio_text, goal,
                     "met" if met else "**missed**" if met is not None else "-", key))

    if "roundtrip" in results:
        r = results["roundtrip"]
        add("roundtrip", "Hook round trip (median per call)", fmt(r["hookbench"], 2, " ms"), "curl: " + fmt(r["curl"], 2, " ms"),
            "%.1fx curl" % r["ratio"]["median"], "<= 1.5x curl", r["ratio"]["median"] <= 1.5)
    if "coldstart" in results:
        c = results["coldstart"]
        add("first_card", "First card on screen after launch", fmt(c["app"], 0, " ms"), "bare Qt Quick window: " + fmt(c["floor"], 0, " ms"),
            "%.1fx" % c["ratio"]["median"], "<= 2x", c["ratio"]["median"] <= 2.0)
        add("memory", "Peak memory (VmHWM) at first card", fmt(c["app_peak_mib"], 0, " MiB"),
            "bare Qt Quick window: " + fmt(c["floor_peak_mib"], 0, " MiB"),
            "+%.0f MiB" % (c["app_peak_mib"]["median"] - c["floor_peak_mib"]["median"]), "< 150 MiB",
            c["app_peak_mib"]["median"] < 150)
    if "cards" in results:
        k = results["cards"]
        add("cards", "%d cards: response bytes to first frame" % k["many"]["cards"], fmt(k["many"]["total"], 0, " ms"),
            "1 card: " + fmt(k["one"]["total"], 0, " ms"), "-", "< 200 ms", k["many"]["total"]["median"] < 200)
    if "log" in results:
        g = results["log"]
        held = (g["rssAfterKiB"] - g["rssBeforeKiB"]) / 1024
        add("log_memory", "%d exchanges in the log: memory" % g["exchanges"], "%.0f MiB held (process %.0f MiB)" % (held, g["rssAfterKiB"] / 1024),
            "window before: %.0f MiB" % (g["rssBeforeKiB"] / 1024), "%.1f KiB/exchange" % (held * 1024 / g["exchanges"]),
            "< 300 MB", held * 1.048576 < 300)
        add("log_filter", "%d exchanges: filter" % g["exchanges"], fmt(g["filter"], 0, " ms"), "clear filter: " + fmt(g["clearFilter"], 0, " ms"),
            "-", "< 100 ms", g["filter"]["median"] < 100)
        add("log_scroll", "%d exchanges: scroll frame (a page per frame)" % g["exchanges"], fmt(g["scrollFrame"], 1, " ms"),
            "60 Hz: 16.7 ms", "p90 %.1f ms" % g["scrollFrame"]["p90"], "-", None)
    if "throughput" in results:
        t = results["throughput"]
        if t["cli"]:
            # Issue #12: the two agree within 20% (a client faster than wrk would be as suspect).
            add("cli_bench", "hookbench-cli bench, trivial service (c=16)", fmt(t["cli"], 0, " req/s"), "wrk: " + fmt(t["wrk"], 0, " req/s"),
                "%.2fx wrk" % t["ratio"]["median"], "0.8x-1.2x wrk", 0.8 <= t["ratio"]["median"] <= 1.2)
        else:
            add("cli_bench", "hookbench-cli bench, trivial service (c=16)", "not measured: `hookbench-cli bench` is not in this build",
                "wrk: " + fmt(t["wrk"], 0, " req/s"), "-", "0.8x-1.2x wrk", None)
    if "fhir_load" in results:
        t = results["fhir_load"]
        add("fhir_reads", "Embedded FHIR reads under wrk (c=16)", fmt(t["reads"], 0, " reads/s"), "p50 " + fmt(t["reads_p50"], 2, " ms"),
            "-", ">= 5,000/s", t["reads"]["median"] >= 5000)
    return rows


def write_report():
    m = results["machine"]
    total = time.time() - T0
    lines = ["# Benchmarks", ""]
    if QUICK:
        lines += ["> **Trial run (BENCH_QUICK=1)**: fewer repetitions and %d exchanges instead of 100,000. "
                  "Run `bench/run` for the real figures." % LOG_COUNT, ""]
    lines += ["Written by `bench/run` in %.0f s on %s, commit %s." % (total, m["date"], m["commit"]),
              "Machine: %s, %d cores, %d MiB RAM; %s, kernel %s, Qt %s; windows drawn on Xvfb with Mesa's software "
              "OpenGL (llvmpipe). Load average when it started: %.2f / %.2f / %.2f (1/5/15 min), when it ended: %.2f." % (
                  m["cpu"], m["nproc"], m["mem_mib"], m["os"], m["kernel"], m["qt"], *m["load_start"], os.getloadavg()[0]),
              "Figures are the median of %d runs, (min-max) across runs; every figure stands beside a reference measured "
              "in the same run on the same machine." % RUNS, "",
             ] + ["> **Section `%s` failed in this run** (no figures): `%s`" % (k, v.replace("\n", " ")[:300])
                  for k, v in results.get("failed_sections", {}).items()] + ["",
              "## Goals", "",
              "| measure | Hookbench | reference (same run) | ratio | goal | |", "|---|---|---|---|---|---|"]
    rows = goal_rows()
    for row in rows:
        lines.append("| " + " | ".join(row[:6]) + " |")
    lines += [""]
    if "roundtrip" in results:
        r = results["roundtrip"]
        lines += ["hook round trip: %.1fx curl (Hookbench's own overhead: %.2f ms per call)" % (
            r["ratio"]["median"], r["overhead"]["median"]), ""]
    lines += details()
    misses = [row for row in rows if row[5] == "**missed**"]
    if misses:
        lines += ["## Goals missed, and what the profiles show", ""]
        for row in misses:
            lines += ["### " + row[0], "", EXPLAIN.get(row[6], EXPLAIN_DEFAULT).strip(), ""]
    lines += [HOW.strip(), ""]
    if ONLY and os.path.exists(OUT):
        lines = merge_into(open(OUT).read().split("\n"), lines, rows)
    with open(OUT, "w") as f:
        f.write("\n".join(lines))


def split_report(lines):
    """A report's parts: the lines before the goal table, the table rows by measure, the lines
    between table and details, the detail paragraphs, the missed goals' subsections by measure,
    and the rest ("How to run")."""
    parts = {"head": [], "rows": [], "between": [], "details": [], "missed": [], "tail": []}
    where = "head"
    for line in lines:
        if line.startswith("## Goals missed"):
            where = "missed"
            continue
        if line.startswith("## Details"):
            where = "details"
            continue
        if line.startswith("## How to run"):
            where = "tail"
        if where == "head" and line.startswith("|---"):
            where = "rows"
            continue
        if where == "rows" and not line.startswith("| "):
            where = "between"
        parts[where].append(line)
    parts["head"] = parts["head"][:-1]  # the table's heading row, written again
    return parts


def paragraphs(lines):
    out, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    return out


def lead(paragraph):
    """What names a paragraph across runs: its bold opening ("**Throughput**"), else its first
    line (a table's header row) with the figures masked."""
    m = re.match(r"(\*\*[^*]+\*\*|### .+)", paragraph[0])
    return m.group(1) if m else re.sub(r"\d[\d.,]*", "#", paragraph[0])[:120]


def merge_into(old_lines, new_lines, rows):
    """The existing report with this partial run's goal rows, detail paragraphs and missed-goal
    texts in place of the same ones; everything else stays as the full run wrote it."""
    old, new = split_report(old_lines), split_report(new_lines)
    m = results["machine"]
    measure = lambda row: row.split("|")[1].strip()
    fresh = {measure(r): r for r in new["rows"]}
    table = [fresh.pop(measure(r), r) for r in old["rows"]] + list(fresh.values())
    note = ("> Rows %s: from a partial run (`BENCH_ONLY=%s`) on %s, commit %s, load average %.2f / %.2f / %.2f "
            "when it started; the other figures are from the run above." % (
                ", ".join("'%s'" % measure(r) for r in new["rows"]), ",".join(sorted(ONLY)), m["date"], m["commit"],
                *m["load_start"]))
    # An earlier partial run's note stays while some of its rows are still its figures.
    now = {measure(r) for r in new["rows"]}
    head = [line for line in old["head"] if not line.startswith("> Rows ")
            or not set(re.findall(r"'([^']+)'", line.split(": from a partial run")[0])) <= now]
    while head and not head[-1].strip():
        head.pop()
    goals = head.index("## Goals") if "## Goals" in head else len(head)
    head = head[:goals] + [note, ""] + head[goals:] + [""]
    head = [line for i, line in enumerate(head) if line.strip() or i == 0 or head[i - 1].strip()]
    new_details = {lead(p): p for p in paragraphs(new["details"])}
    details = [new_details.pop(lead(p), p) for p in paragraphs(old["details"])] + list(new_details.values())
    updated = {row[0] for row in rows}
    missed_names = {measure(r) for r in table if "**missed**" in r}
    kept = [p for p in paragraphs(old["missed"])]
    sections, current = [], None
    for p in kept:  # "### measure" heading paragraphs start a section; its text follows
        if p[0].startswith("### "):
            current = [p[0][4:], [p]]
            sections.append(current)
        elif current:
            current[1].append(p)
    new_sections = {}
    for p in paragraphs(new["missed"]):
        if p[0].startswith("### "):
            current = [p[0][4:], [p]]
            new_sections[current[0]] = current
        elif current:
            current[1].append(p)
    merged = [new_sections.pop(name, [name, body]) if name in updated else [name, body]
              for name, body in sections]
    merged = [sec for sec in merged if sec[0] in missed_names] + [
        sec for name, sec in new_sections.items() if name in updated]
    out = head + ["| measure | Hookbench | reference (same run) | ratio | goal | |", "|---|---|---|---|---|---|"] + table
    out += old["between"] + ["## Details", ""]
    for p in details:
        out += p + [""]
    if merged:
        out += ["## Goals missed, and what the profiles show", ""]
        for _, body in merged:
            for p in body:
                out += p + [""]
    return out + new["tail"]  # the how-to describes this script, not a run


def details():
    out = ["## Details", ""]
    if "roundtrip" in results:
        r = results["roundtrip"]
        out += ["**Hook round trip** (patient-view to the embedded `patient-greeting` service, %d calls per run after 3 "
                "warm-up calls). The exchanges of one invocation, which curl replays in one process (`--config`, one "
                "transfer per exchange, `next` between them, keep-alive), each sequence with its own fresh client JWT "
                "and fhirAuthorization token:" % CALLS, ""]
        out += ["- " + e for e in r["exchanges"]]
        out += ["", "Hookbench p90 %s; curl's wall time per sequence including its process start: %s; curl connections "
                "per sequence: %.2f." % (fmt(r["p90"], 2, " ms"), fmt(r["curl_wall"], 2, " ms"), r["connects"]), ""]
        if "big_patient" in results:
            b = results["big_patient"]
            out += ["**A patient with 10,000 observations through prefetch**: the same round trip for `pt-bench-big` "
                    "(10,000 Observations; the greeting's prefetch searches them for the latest weight, `_sort=-date&"
                    "_count=1`): %s per call (curl replaying it: %s), against %s for a patient with a short chart "
                    "served by the same server (%.1fx)." % (
                        fmt(b["big"], 2, " ms"), fmt(b["curl"], 2, " ms"), fmt(b["normal"], 2, " ms"),
                        b["big"]["median"] / b["normal"]["median"]), ""]
    if "coldstart" in results:
        c = results["coldstart"]
        out += ["**Cold start**: %d launches each of `hookbench --screenshot` (process age from exec to the first frame "
                "showing %d card(s): the embedded EHR started, the first patient opened, patient-view fired with "
                "prefetch, CORS emulation and a signed JWT) and of `bench_minimal_quick` (a Window with one Text, same "
                "Qt, same build: the floor for a QML app here). Sandbox figure for scale (issue #15's run of the "
                "browser-based official sandbox): %d ms, %d MiB." % (LAUNCHES, c["cards"], SANDBOX["first_card_ms"], SANDBOX["peak_mib"]), ""]
        split = results.get("memory_split")
        if split:
            keys = sorted(set(split["app"]) | set(split["floor"]), key=lambda k: -split["app"].get(k, 0))
            out += ["Resident memory at its largest sample (/proc/PID/smaps every 5 ms), by kind:", "",
                    "| kind | Hookbench | bare Qt Quick window |", "|---|---|---|"]
            for k in keys:
                out.append("| %s | %.1f MiB | %.1f MiB |" % (k, split["app"].get(k, 0), split["floor"].get(k, 0)))
            out.append("| total | %.1f MiB | %.1f MiB |" % (sum(split["app"].values()), sum(split["floor"].values())))
            out += [""]
    if "cards" in results:
        k = results["cards"]["many"]
        out += ["**%d cards** from %d services (the cards column shows at most 25 per service; %d KiB of responses, "
                "each card with markdown detail, a suggestion with a create action and a link): "
                "parse and validate %s, model %s, first frame %s, in panels/CardsColumn.qml under the Material style." % (
                    k["cards"], k.get("services", 1), k["bytes"] // 1024, fmt(k["parseValidate"], 0, " ms"), fmt(k["model"], 0, " ms"),
                    fmt(k["frame"], 0, " ms")), ""]
    if "log" in results:
        g = results["log"]
        out += ["**%d exchanges in the log** (copies, each with its own bodies and URL, of the %d exchanges of a real "
                "patient-view invocation, %d body bytes between them), shown by LogModel through a filter proxy in "
                "panels/LogPanel.qml: the panel opened on the first %d in %.0f ms (one model reset); the last %d then "
                "arrived one by one with the view live in %.0f ms (%.2f ms each); peak memory %.0f MiB; the free-text "
                "filter (\"Observation\", URLs and bodies) matched %d rows." % (
                    g["exchanges"], g["templateExchanges"], g["templateBodyBytes"], g["exchanges"] - g["liveAppends"],
                    g["loadMs"], g["liveAppends"], g["appendMs"], g["appendMs"] / max(1, g["liveAppends"]),
                    g["peakKiB"] / 1024, g["filterMatched"])
                + (" Heap bytes per exchange (glibc's count, which unlike RSS does not move with the machine): %.0f; "
                   "the Exchange struct is %d bytes." % (g["heapBytesPerExchange"], g["exchangeStructBytes"])
                   if "heapBytesPerExchange" in g else ""), ""]
    if "throughput" in results:
        t = results["throughput"]
        out += ["**Throughput** (%d s per wrk run, 2 threads, 16 connections, on the same trivial service: "
                "Hookbench's own HTTP server answering `{\"cards\":[]}`). wrk POSTs one fixed patient-view body; "
                "`hookbench-cli bench --no-cors` (wrk sends no preflight either; the median of %d runs beside each wrk run) makes %d calls at 16 in flight, each "
                "with its own signed JWT and hookInstance, signed and serialised before its clock starts, over 16 "
                "kept-alive connections (its lean HTTP/1.1 client, `app/net/rawhttpload.cpp`; 16 uncounted warm-up calls open "
                "them)." % (WRK_SECONDS, CLI_RUNS, BENCH_N)]
        c = t.get("cli_raw") or {}
        if c.get("latencyMs"):
            out[-1] += (" Its last run: %d of %d calls completed, %d errors, %s connections, latency p50 %.2f ms, "
                        "p99 %.2f ms, max %.2f ms; the client's own CPU time while the clock ran %.1f us per call, its "
                        "preparation before the clock %.3f ms per call (almost all of it the ES384 signature)." % (
                            c.get("completed", 0), c.get("total", 0), c.get("errors", -1), c.get("connections", "?"),
                            c["latencyMs"]["p50"], c["latencyMs"]["p99"], c["latencyMs"]["max"],
                            (c.get("loopCpuMsPerCall") or 0) * 1000, c.get("clientOverheadMsPerCall") or 0))
        out += [""]
    if "fhir_load" in results:
        t = results["fhir_load"]
        out += ["**Embedded FHIR server** under wrk with the EHR's bearer token: reads of Patient/pt-amelia-hart %s; "
                "the patient picker's search among 10,000 extra patients (`Patient?name=Garc&_count=20`, 4 connections) "
                "%s (p50 %s); the latest weight among 10,000 observations (`Observation?patient=pt-bench-big&code=29463-7"
                "&_sort=-date&_count=1`, 4 connections) %s (p50 %s)." % (
                    fmt(t["reads"], 0, "/s"), fmt(t["search"], 0, "/s"), fmt(t["search_p50"], 2, " ms"),
                    fmt(t["obs"], 0, "/s"), fmt(t["obs_p50"], 2, " ms")), ""]
    if "jwt" in results:
        j = results["jwt"]
        out += ["**Client JWT signatures** (`security::ClientJwtSigner::sign`: JSON header and claims, base64url, "
                "SHA-384 and the signature, a fresh jti each) against `openssl speed` signing a digest with the same "
                "curve and key size:", "",
                "| key | Hookbench JWTs/s | openssl speed sign/s | ratio |", "|---|---|---|---|",
                "| ES384 (P-384) | %s | %s | %.2fx |" % (fmt(j["es"], 0), fmt(j["openssl_es"], 0), j["es"]["median"] / j["openssl_es"]["median"]),
                "| RS384 (RSA 3072) | %s | %s | %.2fx |" % (fmt(j["rs"], 0), fmt(j["openssl_rs"], 0), j["rs"]["median"] / j["openssl_rs"]["median"]),
                ""]
    return out


HOW = """
## How to run

`bench/run [BUILD_DIR]` builds the bench
targets in BUILD_DIR (default `build/release`, else `build/ci`; configures `build/release` when neither exists),
opens one Xvfb display and runs every section; `BENCH_QUICK=1` makes a short trial run; `BENCH_ONLY=throughput`
(or another section: roundtrip, bigpatient, coldstart, cards, log, servers, fhir, jwt) runs only that one and
replaces its rows and paragraphs in the existing report, with a note saying when and under which load. The programs:
`bench/bench_roundtrip.cpp` (invocations and the curl replay), `bench/minimal-quick/` (the floor window),
`bench/bench_gui.cpp` (cards and log in the app's QML), `bench/bench_server.cpp` (trivial service and FHIR server
for wrk), `bench/bench_jwt.cpp`, `bench/gen_bundle.py` (the 10,000-observation patient and 10,000 patients) and
`bench/run.py` (this report).
"""

EXPLAIN_DEFAULT = "A goal above was missed; no profile was recorded for it yet."
EXPLAIN = {}
exec(open(os.path.join(HERE, "misses.py")).read())  # noqa: S102 - EXPLAIN texts, kept apart from the driver


def main():
    results["machine"] = machine()
    say("machine: %s, load %.2f" % (results["machine"]["cpu"], results["machine"]["load_start"][0]))
    bundle = os.path.join(HOME, "bench-bundle.json")
    run(["/usr/bin/python3", os.path.join(HERE, "gen_bundle.py"), bundle, "10000", "10000"])
    try:
        for name, fn in [("roundtrip", section_roundtrip), ("bigpatient", lambda: section_big_patient(bundle)),
                         ("coldstart", section_coldstart), ("cards", section_cards), ("log", section_log),
                         ("servers", lambda: section_servers(bundle)), ("jwt", section_jwt)]:
            if wanted(name):
                # One broken section must not lose the others' figures: the report names it.
                try:
                    fn()
                except Exception as error:  # noqa: BLE001
                    say("section %s failed: %s" % (name, str(error)[:300]))
                    results.setdefault("failed_sections", {})[name] = str(error)[:600]
        write_report()
        say("wrote %s" % OUT)
    finally:
        shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    main()
