#!/usr/bin/env bash
# make sdk-compat: proves the emulator speaks the public API. JPush's own
# Node.js client (jpush-async, pinned in tools/sdkcompat) creates, lists,
# gets, updates and deletes a schedule against a freshly started
# jpush-emulator. Needs Node.js and npm (it installs nothing system-wide;
# .ci/run installs Node.js on CI machines that lack it); `npm ci` fetches the
# pinned client into tools/sdkcompat/node_modules from the npm registry.
source "$(dirname "$0")/lib.sh"
cd "${REPO_ROOT}"

for tool in node npm; do
  if ! command -v "${tool}" >/dev/null 2>&1; then
    echo "sdk-compat: ${tool} not found: make sdk-compat needs Node.js and npm on PATH" >&2
    exit 1
  fi
done

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
