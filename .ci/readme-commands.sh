#!/usr/bin/env bash
# Runs the README's newcomer commands that need no API key, against a locally packed tool.
# Prints one line per command and a final "readme-commands ok=N failed=M" line; exit code = failures.
set -u
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pass=0; fail=0
step() {
  local name=$1; shift
  if "$@" >"$work/step.log" 2>&1; then pass=$((pass+1)); echo "ok   $name"
  else fail=$((fail+1)); echo "FAIL $name"; tail -n 30 "$work/step.log"; fi
}
expect_exit() { local code=$1; shift; "$@"; [ $? -eq "$code" ]; }

step "pack the library" dotnet pack src/Batchata -c Release -o "$work/artifacts"
step "pack the tool" dotnet pack src/Batchata.Cli -c Release -o "$work/artifacts"
step "pack the emulator" dotnet pack src/Batchata.Emulator -c Release -o "$work/artifacts"
step "install the tool offline" dotnet tool install Batchata.Cli --tool-path "$work/tools" --add-source "$work/artifacts"
bt="$work/tools/batchata"
step "batchata --help" "$bt" --help
step "first batch on the emulator" "$bt" run samples/jobs.jsonl --emulate --results-dir "$work/output" --plain
step "results table" "$bt" results "$work/output" --format table
step "results csv, failed only" "$bt" results "$work/output" --format csv --status failed
step "status" "$bt" status --results-dir "$work/output"
step "resume pays nothing twice (same command again)" "$bt" run samples/jobs.jsonl --emulate --results-dir "$work/output" --plain
step "dry run" "$bt" run samples/jobs.jsonl --emulate --results-dir "$work/dry" --dry-run
step "dry run wrote nothing" test ! -e "$work/dry/.batchata"
step "models" "$bt" models --provider anthropic
step "malformed jobs file exits 2" expect_exit 2 "$bt" run README.md --emulate --results-dir "$work/bad"
step "samples: quickstart" dotnet run -c Release --project samples/Batchata.Samples -- quickstart
# The worker sample: AddBatchata from configuration, its own IHttpClientFactory handler (exits 1 if unused),
# OpenTelemetry console export and ResultsAsync, against the in-process emulator.
step "samples: worker (AddBatchata, OpenTelemetry, ResultsAsync)" dotnet run -c Release --project samples/Batchata.WorkerSample -- --Batchata:ResultsDir="$work/worker"
echo "readme-commands ok=$pass failed=$fail"
rm -rf "$work"
exit "$fail"
