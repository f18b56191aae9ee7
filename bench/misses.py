# What the profiles showed for each goal that a run can miss (bench/run.py prints the text of each
# goal the run actually missed). Keyed by the goal's id in run.py's goal_rows(). Written from the
# heaptrack, callgrind and perf profiles recorded while building bench/run; see the commits that
# cite BENCHMARKS.md for the fixes they led to.
EXPLAIN.update({
})
