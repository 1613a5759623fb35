#!/usr/bin/env bash
# The main job end to end on the local emulator: no credentials, no network.
# Builds the provider and the emulator, starts the emulator on its default
# address (127.0.0.1:18080; a free port if that is taken; DEMO_LISTEN
# overrides it), applies examples/demo through a dev_overrides CLI config (no
# `terraform init`), shows that a second plan is empty, advances the
# emulator's clock so the one-off schedule fires, prints the schedules and the
# msg_ids it produced, then destroys everything.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${REPO_ROOT}"

TERRAFORM="$(find_terraform)"
WORK="${REPO_ROOT}/.tmp/demo"
rm -rf "${WORK}"
mkdir -p "${WORK}/config" "${BIN_DIR}"

log "building the provider and the emulator into bin/"
go build -ldflags "-X main.version=${VERSION:-0.1.0-demo}" -o "${BIN_DIR}/terraform-provider-jpush" .
go build -o "${BIN_DIR}/jpush-emulator" ./cmd/jpush-emulator

# The emulator's default address, as in the README and the docs; a free port
# when something else holds it. Its defaults are JPush's documented
# behaviour: a fired one-off schedule answers 404, its msg_ids stay readable.
DEMO_LISTEN="${DEMO_LISTEN:-127.0.0.1:18080}"
EMULATOR_PID=""
cleanup() { [[ -z "${EMULATOR_PID}" ]] || { kill "${EMULATOR_PID}" 2>/dev/null || true; wait "${EMULATOR_PID}" 2>/dev/null || true; }; }
trap cleanup EXIT

# start_emulator ADDR starts the emulator and sets EMULATOR_PID and ENDPOINT
# (empty if it did not come up; the reason is in emulator.log). It runs in
# this shell, not in $(...), so that cleanup knows the PID.
start_emulator() {
  : >"${WORK}/emulator.out"
  "${BIN_DIR}/jpush-emulator" -listen "$1" >"${WORK}/emulator.out" 2>"${WORK}/emulator.log" &
  EMULATOR_PID=$!
  for _ in $(seq 1 100); do
    grep -q 'listening on' "${WORK}/emulator.out" 2>/dev/null && break
    kill -0 "${EMULATOR_PID}" 2>/dev/null || break
    sleep 0.1
  done
  ENDPOINT="$(sed -n 's/^jpush-emulator listening on //p' "${WORK}/emulator.out")"
}

log "starting the emulator on ${DEMO_LISTEN}"
start_emulator "${DEMO_LISTEN}"
if [[ -z "${ENDPOINT}" ]] && grep -q 'address already in use' "${WORK}/emulator.log"; then
  log "${DEMO_LISTEN} is in use: starting the emulator on a free loopback port instead"
  start_emulator 127.0.0.1:0
fi
[[ -n "${ENDPOINT}" ]] || { cat "${WORK}/emulator.log" >&2; echo "emulator did not start" >&2; exit 1; }
log "emulator at ${ENDPOINT}"

APP_KEY="jpushemulatorappkey00001"
SECRET="jpushemulatorsecret00001"
export JPUSH_ENDPOINT="${ENDPOINT}" JPUSH_APP_KEY="${APP_KEY}" JPUSH_MASTER_SECRET="${SECRET}"

cat >"${WORK}/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "jpushtf/jpush" = "${BIN_DIR}"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="${WORK}/terraformrc"
export TF_IN_AUTOMATION=1

# Times computed once, here (GNU date, or BSD date on macOS).
utc() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v"$2" +%Y-%m-%dT%H:%M:%SZ; }
export TF_VAR_single_time="$(utc '+10 minutes' '+10M')"
export TF_VAR_periodical_start="$(utc '+1 hour' '+1H')"
export TF_VAR_periodical_end="$(utc '+30 days' '+30d')"

cp examples/demo/*.tf "${WORK}/config/"

# Terraform warns on every command that dev_overrides are in effect. The
# first command shows the warning; later ones drop that one block (and
# nothing else), so the demo's output stays readable.
TF_CALLS=0
drop_override_warning() {
  # The block: a blank line, "Warning: Provider development overrides are in
  # effect", and its text up to the line ending in "releases." (at most 12 lines).
  awk '
    skip { if (/releases\.[[:space:]]*$/ || ++n >= 12) skip = 0; next }
    /Warning: Provider development overrides are in effect/ { skip = 1; n = 0; blank = 0; next }
    /^[[:space:]]*$/ { blank++; next }
    { for (; blank > 0; blank--) print ""; print }
    END { for (; blank > 0; blank--) print "" }
  '
}
tf() {
  if [[ ${TF_CALLS} -eq 0 ]]; then
    TF_CALLS=1
    "${TERRAFORM}" -chdir="${WORK}/config" "$@"
    return
  fi
  "${TERRAFORM}" -chdir="${WORK}/config" "$@" 2>&1 | drop_override_warning
}

log "terraform apply"
tf apply -auto-approve -input=false -no-color

log "terraform plan -detailed-exitcode (must be empty)"
set +e
tf plan -detailed-exitcode -input=false -no-color
rc=$?
set -e
[[ ${rc} -eq 0 ]] || { echo "second plan is not empty (exit ${rc})" >&2; exit 1; }

LAUNCH_ID="$(tf output -raw launch_id)"

log "advancing the emulator clock by 15 minutes: the one-off schedule fires"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"advance":"15m"}' "${ENDPOINT}/_emulator/clock"; echo

log "terraform apply -refresh-only: the data sources read what JPush lists and what the push sent"
tf apply -refresh-only -auto-approve -input=false -no-color >/dev/null
log "schedules JPush lists (data.jpush_schedules.demo)"
echo '[for s in data.jpush_schedules.demo.schedules : "${s.id}  ${s.name}  enabled=${s.enabled}"]' | tf console
log "msg_ids of the fired schedule ${LAUNCH_ID} (data.jpush_schedule_msg_ids.launch)"
echo '{ msg_count = data.jpush_schedule_msg_ids.launch.msg_count, msg_ids = data.jpush_schedule_msg_ids.launch.msg_ids }' | tf console
MSG_COUNT="$(echo 'data.jpush_schedule_msg_ids.launch.msg_count' | tf console)"
[[ "${MSG_COUNT}" -ge 1 ]] || { echo "the fired schedule reports no msg_ids" >&2; exit 1; }

log "terraform plan after firing (the fired schedule stays, expired, no changes)"
set +e
tf plan -detailed-exitcode -input=false -no-color
rc=$?
set -e
[[ ${rc} -eq 0 ]] || { echo "plan after firing is not empty (exit ${rc})" >&2; exit 1; }
log "terraform apply -refresh-only: the state records the schedule as expired"
tf apply -refresh-only -auto-approve -input=false -no-color >/dev/null
tf state show -no-color jpush_schedule.launch | grep -E '^\s*(id|name|expired)\s' || true

log "terraform destroy"
tf destroy -auto-approve -input=false -no-color

log "emulator stats"
curl -fsS "${ENDPOINT}/_emulator/stats"; echo
log "demo done"
