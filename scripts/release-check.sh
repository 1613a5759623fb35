#!/usr/bin/env bash
# Dry-runs the release: validates .goreleaser.yml and builds a snapshot release
# into dist/ (no signing, no publishing), then checks that dist/ has what the
# Terraform Registry needs: 6 zips, the manifest and a SHA256SUMS file listing them.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

# Pinned: newer GoReleaser releases need a newer Go or modules not served here.
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.16.0}"
PROJECT="terraform-provider-jpush"
PLATFORMS=(linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 windows_arm64)

# --verify-only checks an existing dist/ without rebuilding it.
verify_only=false
if [[ "${1:-}" == "--verify-only" ]]; then verify_only=true; fi

goreleaser="$(go_tool_bin goreleaser "github.com/goreleaser/goreleaser/v2@${GORELEASER_VERSION}")"
cd "${REPO_ROOT}"

log "goreleaser check"
"${goreleaser}" check

if ! ${verify_only}; then
  log "goreleaser release --snapshot (no sign, no publish)"
  # GPG_FINGERPRINT is only read by the (skipped) signing step; give the template a value.
  GPG_FINGERPRINT="${GPG_FINGERPRINT:-snapshot-unsigned}" \
    "${goreleaser}" release --snapshot --clean --skip=sign,publish
fi

fail() { printf 'release-check: FAIL: %s\n' "$*" >&2; exit 1; }

shopt -s nullglob
sums=(dist/"${PROJECT}"_*_SHA256SUMS)
[[ ${#sums[@]} -eq 1 ]] || fail "expected one dist/${PROJECT}_<version>_SHA256SUMS, found ${#sums[@]}"
sums_file="${sums[0]}"
version="${sums_file#dist/"${PROJECT}"_}"
version="${version%_SHA256SUMS}"
log "snapshot version ${version}"

zips=(dist/*.zip)
[[ ${#zips[@]} -eq ${#PLATFORMS[@]} ]] || fail "expected ${#PLATFORMS[@]} zips in dist/, found ${#zips[@]}: ${zips[*]}"

for platform in "${PLATFORMS[@]}"; do
  zip="${PROJECT}_${version}_${platform}.zip"
  [[ -f "dist/${zip}" ]] || fail "missing dist/${zip}"
  grep -q "  ${zip}\$" "${sums_file}" || fail "${zip} is not listed in ${sums_file}"
  # The registry wants exactly one file in each zip: the binary named with a v.
  bin="${PROJECT}_v${version}"
  [[ "${platform}" == windows_* ]] && bin="${bin}.exe"
  listing="$(unzip -Z1 "dist/${zip}")"
  [[ "${listing}" == "${bin}" ]] || fail "dist/${zip} holds '${listing//$'\n'/ }', want '${bin}'"
done

# The manifest is checksummed from terraform-registry-manifest.json and uploaded
# under its release name by the (skipped) publish step: put that copy in dist/
# so dist/ holds every file of the release, then verify the listed checksum.
manifest="${PROJECT}_${version}_manifest.json"
grep -q "  ${manifest}\$" "${sums_file}" || fail "${manifest} is not listed in ${sums_file}"
grep -q '"protocol_versions": *\["6.0"\]' terraform-registry-manifest.json ||
  fail "terraform-registry-manifest.json must declare protocol_versions [\"6.0\"]"
cp terraform-registry-manifest.json "dist/${manifest}"

# Every listed checksum must be right.
(cd dist && sha256sum --quiet -c "$(basename "${sums_file}")") || fail "checksums in ${sums_file} do not match"
lines="$(wc -l <"${sums_file}")"
[[ "${lines}" -eq $((${#PLATFORMS[@]} + 1)) ]] || fail "${sums_file} has ${lines} lines, want $((${#PLATFORMS[@]} + 1))"

log "dist/ is ready for the registry:"
(cd dist && ls -l "${PROJECT}_${version}"_*) >&2
echo "release-check: OK (${#zips[@]} zips, manifest and SHA256SUMS for ${version})"
