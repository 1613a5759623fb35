#!/usr/bin/env bash
# Proves the emulator speaks the public API: JPush's own Node.js client
# (jpush-async, pinned in tools/sdkcompat) creates, lists, gets, updates and
# deletes a schedule against a freshly started jpush-emulator.
source "$(dirname "$0")/lib.sh"
cd "${REPO_ROOT}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "node/npm not found: installing Debian's nodejs and npm"
  apt-get update -qq >&2 && apt-get install -y -qq nodejs npm >&2
fi

mkdir -p bin .tmp
go build -o bin/jpush-emulator ./cmd/jpush-emulator
(cd tools/sdkcompat && npm ci --no-audit --no-fund --loglevel=error >&2)

out=".tmp/sdk-compat-emulator.out"
bin/jpush-emulator -listen 127.0.0.1:0 >"${out}" 2>.tmp/sdk-compat-emulator.log &
emu_pid=$!
trap 'kill "${emu_pid}" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^jpush-emulator listening on //p' "${out}")"
  [[ -n "${url}" ]] && break
  sleep 0.1
done
[[ -n "${url}" ]] || { log "the emulator did not start"; exit 1; }

JPUSH_EMULATOR_URL="${url}" node tools/sdkcompat/compat.js
