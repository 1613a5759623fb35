#!/usr/bin/env bash
# make bench: end-to-end benchmark of the provider with the real Terraform CLI
# against the emulator, written to BENCHMARKS.md. Options via the environment:
#   BENCH_N (100), BENCH_LATENCY (50ms), BENCH_RATE_LIMIT (100), BENCH_SKIP_LIMITED (0),
#   BENCH_SPLIT (1: also run at 0 latency), BENCH_KEEP (0: 1 keeps the work folder and its logs),
#   BENCH_GOBENCH (1: also run the in-process Go benchmarks of internal/provider),
#   BENCH_CPU_ROUNDS (5: rounds of the paired CPU pass, 0 skips it), BENCH_OUT (BENCHMARKS.md)
source "$(dirname "$0")/lib.sh"
cd "${REPO_ROOT}"

tf="$(find_terraform)"
mkdir -p bin
log "building the provider, the emulator and the plugin-floor provider into bin/"
go build -o bin/terraform-provider-jpush .
go build -o bin/jpush-emulator ./cmd/jpush-emulator
go build -o bin/terraform-provider-benchfloor ./tools/bench/floorprovider

args=(-n "${BENCH_N:-100}" -latency "${BENCH_LATENCY:-50ms}" -rate-limit "${BENCH_RATE_LIMIT:-100}"
  -terraform "${tf}" -bin bin -out "${BENCH_OUT:-BENCHMARKS.md}")
if [[ "${BENCH_SKIP_LIMITED:-0}" == 1 ]]; then args+=(-skip-limited); fi
if [[ "${BENCH_SPLIT:-1}" == 0 ]]; then args+=(-split=false); fi
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then args+=(-keep); fi
if [[ "${BENCH_GOBENCH:-1}" == 0 ]]; then args+=(-gobench=false); fi
args+=(-cpu-rounds "${BENCH_CPU_ROUNDS:-5}")
go run ./tools/bench "${args[@]}"
