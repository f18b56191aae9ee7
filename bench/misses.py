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
with their FHIR data (under 4 MiB: bench_server's whole process is 21 MiB). heaptrack of one
launch before the last fix: peak heap 118.7 MiB, of which 67.1 MiB was one buffer, storage's
readFile (QIODevice::read(MaxWorkspaceBytes + 1) allocated the 32 MiB cap before reading the
few-KiB workspace file, and its .bak); it now reads in 64 KiB chunks. glibc mapped that block with
mmap, whose pages count in RSS only once written, so the VmHWM figure did not move with it. With a hardware GPU
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
perf record (cpu-clock, 5 kHz, all threads) of one launch, samples up to the ready frame, against
the same for the bare window: 396 ms of CPU before the first card against 110 ms. By thread (the
bare window's figure in brackets): the GUI thread 178 ms (74; the QML engine 44 ms creating the
window's objects, the kernel 32, the dynamic linker 23, Qt Core 22, libc 17); the render thread
74 ms (20; LLVM 13 ms compiling the Material pipelines' shaders for llvmpipe, FreeType 8 ms
rasterising glyphs); llvmpipe's two rasteriser threads 89 ms (6; its JIT-compiled fragment code
64 ms): the window is drawn 12-14 times before the card arrives (QSG_RENDER_TIMING), each a
full-window software raster, as the models fill (2,310 item updates under
QT_LOGGING_RULES=qt.scenegraph.renderloop); the QML loader thread 35 ms (5); the embedded servers
12 ms and the transport 5 ms. Of the 286 ms difference, drawing is 137 ms (render thread and
rasterisers) and the window's QML most of the GUI thread's 104 and the loader's 30; the hook call
with prefetch, CORS and the signature is about 5 ms of wall time (the app's "lastFire" line).
Screens already load lazily (ScreenArea's Loader is active only for the shown screen) and the
servers start before the QML loads. Not done: drawing fewer frames before the first card
(holding the window back would hide the progress the user sees), Qt Quick's software backend (no
shader effects).
""",
    "roundtrip": """
callgrind of bench_roundtrip (all threads; 60 calls minus 20 calls, divided by 40, so start-up
cancels out): 26.0 M instructions per invocation in the whole process. The main thread's
HookInvoker::invokeAndWait (Hookbench's client side) is 13.0 M of them, and 11.6 M of those are
the ES384 client JWT (ClientJwtSigner::sign -> keys::sign -> EVP_DigestSignFinal ->
ECDSA_do_sign_ex -> EC_POINT_mul: OpenSSL's scalar multiplication, bench_jwt's rate equals
`openssl speed`'s). The rest of the client (context, prefetch plan, request validation, JSON in
and out, the CORS emulation, logging every exchange) is 1.4 M. The servers' thread is 13.2 M per
call, 7.2 M of it the service's ECDSA verification of that JWT: work curl's replay causes too.
curl's sequences carry JWTs signed before its timing starts, so about 1 ms of the overhead per
call (bench_jwt's ES384 rate) is a signature curl never makes; a fresh one per request is the
CDS Hooks rule (C10). perf stat of the same runs (200 calls minus 20, on a loaded machine):
2.55 ms user and 0.67 ms system CPU per invocation for the whole process, and 34 context switches
per invocation: each of the four exchanges crosses from the calling thread to the transport's
worker and to the servers' thread and back through queued signals, where curl's transfers are
system calls in one thread.
The signature now runs while the prefetch GETs are in flight (HookInvoker::invoke signs after
dispatching them; before, it ran after they came back): the same instructions, overlapped with
the transport's and servers' work when a core is free. Not done: precomputing the ECDSA nonce
point between calls (ECDSA_sign_setup) so the critical path keeps only the final modular
arithmetic, and fewer thread hops per exchange.
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
heaptrack of `bench_gui log --count 20000` (peak consumers, per exchange) and bench_gui's own
heap count (mallinfo2, `heapBytesPerExchange` in its JSON; RSS moves with what glibc returns to
the kernel, heap bytes do not). Before this work, 5,759 heap bytes per exchange: the 856-byte
Exchange struct twice (ExchangeLog's list and a copy in LogModel's, 50.3 MiB + 33.6 MiB at the
peak at 20,000, each list's growth included), the bodies (1,610 bytes: the data itself), the
filter's lower-cased URL and note (UTF-16, about 190 bytes) and the repeated-warning sentence
kept per row (about 250 bytes for a third of the rows). Now 2,967: LogModel holds the log's own
objects (ExchangeRef, a shared pointer, no copy; updates copy on write), the CORS verdict,
certificate and decoded JWT are shared between copies instead of inline optionals (the struct is
496 bytes), the search key is UTF-8 and a repeat's sentence is worded when its row is shown.
What remains per exchange: the bodies (54%), the struct (17%), its own URL (QUrlPrivate and the
query), the search key and the model's per-row lists.
""",
})
