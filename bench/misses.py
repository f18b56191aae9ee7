# What the profiles showed for each goal a run can miss; bench/run.py prints the text of each goal
# the run actually missed, keyed by the goal's id in goal_rows(). Written from heaptrack, callgrind,
# perf and /proc/PID/smaps profiles (instruction counts and bytes do not depend on the machine's
# load) taken while building bench/run; the commits that cite BENCHMARKS.md hold the fixes.
EXPLAIN.update({
    "memory": """
The bare Qt Quick window already peaks at about 125 MiB here: the display is Xvfb and OpenGL is
Mesa's llvmpipe, whose libLLVM pages alone are about 55 MiB resident (the table above: "software
OpenGL" is the same ~69 MiB in both processes). Profiled with heaptrack and /proc/PID/smaps, the
app peaked at 204 MiB before this work; three causes were removed: (1) the app linked Qt WebEngine
only to call QtWebEngineQuick::initialize(), which mapped and relocated libQt6WebEngineCore at
launch (17.7 MiB resident and 32 more libraries): it now sets the same shared-context attribute
and Chromium loads with the first web page (-20 MiB); (2) the scene graph's texture atlas, sized
from the screen (2048x1024, 8 MiB of RAM with llvmpipe) for the style's few icons, is 512x512
(-7.5 MiB); (3) `--screenshot` read VmHWM after grabbing the window (two window-sized images):
now at the first frame. Also found and fixed, though not resident at the first card: every HTTP
response body kept an 8 MiB allocation (QIODevice::read(4 MiB)), 33.5 MiB of heaptrack's peak.
What remains over the bare window (heaptrack, smaps): llvmpipe's compiled shader variants for
the Material style's pipelines (10.5 MiB from QOpenGLProgramBinaryCache::load in swrast, against
1.8 MiB for the bare window) and its layer render targets (Material's raised Button and ComboBox
each draw through a layer with an ElevationEffect); the pages of Qt Quick Controls, Material,
Templates, Network and OpenSSL (the "Qt libraries" and "other libraries" rows); the QML engine's
types and compiled units (about 5 MiB of heap); four DejaVu faces (2.4 MiB); the embedded servers
with their FHIR data (under 4 MiB: bench_server's whole process is 21 MiB). With a hardware GPU
driver the llvmpipe shares are not there. Not done, because it changes how the app draws (no
shader effects): Qt Quick's software renderer (QT_QUICK_BACKEND=software) peaked at 137 MiB in a
trial.
""",
    "cards": """
callgrind of parsing and validating the same 770 KiB response (`hookbench-cli validate`): 385 M
instructions before this work, 242 M after (the duplicate-key pre-scan decoded every string value
and built a JSON pointer per object: 128 M -> 47 M; the validator's null/empty and extension walks
built a pointer per member: about 95 M -> 50 M). What remains: QJsonDocument::fromJson 52 M, the
per-card rules (checkCard) 67 M, CdsResponse::fromJson. CardsModel::insertSorted then inserts the
1,000 rows with one beginInsertRows each (the "model" figure), and the first frame creates the
visible CardView delegates (Material labels and a markdown TextEdit each), drawn by llvmpipe: perf
puts 55% of the window's CPU during frames in llvmpipe's JIT-compiled shaders and swrast. Next:
one insert per urgency group in CardsModel (D-gui's file), parsing and validation off the GUI
thread.
""",
    "log_filter": """
The filter runs LogFilterModel (the log panel's proxy, F-log's) over every row: a free-text
filter reads each exchange's URL and bodies (hb::net::matches), so its cost grows with the log;
the view then rebuilds for the matching rows. The "clear filter" reference re-inserts every row.
bench_logfilter (F-log's, headless) times each filter of the filter bar with its CPU time, which
does not depend on the machine's load.
""",
    "first_card": """
Launch to first card does, beyond the bare window's work: the full window's QML (ahead-of-time
compiled, Material style, about 20 files), the embedded servers and their FHIR data in their
thread, the key store, discovery, the CORS preflights, the prefetch reads and the signed call, and
the layout of the chart. callgrind of one launch to the first card (all threads): 1.87 G
instructions; the largest single items are memset (8%, llvmpipe clearing its render targets),
the dynamic linker's symbol lookups (about 4.5%), LLVM compiling the style's shaders for llvmpipe,
FreeType hinting the DejaVu glyphs (2%) and OpenSSL (the key store, the ES384 signature). On a
loaded machine both figures stretch with the load (see the load
average above); the ratio is the figure to compare.
""",
    "roundtrip": """
Both sides wait on the same embedded servers (in the bench's process, their own thread), so the
difference is Hookbench's client work per call: building the context and prefetch plan, the EHR's
token, an ES384 signature (bench_jwt: about openssl's own rate, so the signature itself is all
OpenSSL), the request's validation (the strict-request gate), the exact-bytes preflight over a
new connection (curl replays it with Connection: close too), parsing and validating the answer,
and logging every exchange. On a loaded machine the ratio mostly measures the scheduler: curl's
transfers are a few system calls each, Hookbench's call hops between its GUI, transport and
server threads.
""",
    "cli_bench": """
Before issue #12's fix each call signed its ES384 JWT inside the timed loop and went through the
Qt transport (about 1 ms of client time per call: 928 req/s against wrk's 62,350). Now the N calls
are signed and serialised before the clock starts and one poll() loop drives them over 16
kept-alive connections (app/net/rawhttpload.cpp). perf of a 10,000-call run: 93% of the samples
are OpenSSL's signatures before the clock, everything else together (the loop, Qt, libc, the
kernel's TCP) under 7%; the loop's own CPU time while the clock runs (user and system,
`loopCpuMsPerCall` in its JSON) is 4-7 us per call on this machine, where the run's wall time
per call at 16 in flight swings between 20 and 65 us from run to run. A
miss now is the machine's: 2,000 calls last about 40 ms at wrk's rate, and a trace of per-call
latencies on a loaded machine showed whole waves of 16 stalled 4-6 ms together (the scheduler),
where wrk averages such pauses over 5 s.
""",
    "fhir_reads": """
The embedded FHIR server answers on one thread (servers::HttpServer over QTcpServer); wrk's 16
connections share it with wrk's own 2 threads on 2 cores.
""",
    "log_memory": """
Each exchange is kept once in the ExchangeLog and once more as a copy in LogModel (headers, bodies
and strings are implicitly shared between the two, the structs are not), with its own bodies and
URL; heaptrack showed no transient: the peak is the log itself.
""",
})
