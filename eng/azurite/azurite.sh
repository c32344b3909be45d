#!/usr/bin/env bash
# eng/azurite/azurite.sh start|stop|status|ensure - the Azurite storage emulator (blob + queue) for local runs and CI.
#   ensure   make sure Azurite listens on the blob and queue ports: reuse one that already does, otherwise install
#            (npm ci from the committed lockfile, first use only) and start it in the background; waits up to 60 s
#   start    the same as ensure
#   stop     stop the Azurite this script started (found by its pid file, or by its command line when .alerts/azurite is
#            gone); one it did not start is left alone
#   status   exit 0 and describe it when both ports accept connections, exit 3 otherwise
#   install  only install (npm ci from the committed lockfile) when not installed yet; tests that start private Azurites need it
# Listens on 127.0.0.1 only. Ports: AZURITE_BLOB_PORT (default 10000), AZURITE_QUEUE_PORT (default 10001); the local host
# (./alerts run|drop|preview) reads the same two variables, so they move both.
# Data, logs and pid files: <repo>/.alerts/azurite (.alerts/azurite/ports-<blob>-<queue> for moved ports).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
# One data folder per pair of ports, so an Azurite on moved ports never shares (and overwrites) the default one's database.
data="$root/.alerts/azurite"
if [ "$blob_port" != 10000 ] || [ "$queue_port" != 10001 ]; then data="$data/ports-$blob_port-$queue_port"; fi
shown="${data#"$root"/}"
wait_seconds=60
services=(blob queue)

port_of() { if [ "$1" = blob ]; then echo "$blob_port"; else echo "$queue_port"; fi; }

pid_file() { echo "$data/azurite-$1-$(port_of "$1").pid"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The pid of the Azurite this script started for the service: the one in its pid file when that process is alive and is an
# Azurite, else the process whose command line is exactly what start_service runs (this data folder, this port), so that
# stop still finds it when .alerts/azurite was deleted.
own_pid() {
  local service="$1" file pid cmd
  file="$(pid_file "$service")"
  if [ -f "$file" ]; then
    pid="$(cat "$file")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= 2>/dev/null | grep -q azurite; then
      echo "$pid"
      return 0
    fi
  fi
  # Only processes with the data folder as one of their arguments (one grep over all command lines) are looked at closely.
  for cmd in $(grep -lszxF -- "$data" /proc/[0-9]*/cmdline); do
    pid="${cmd#/proc/}"
    pid="${pid%/cmdline}"
    case "$(tr '\0' ' ' 2>/dev/null <"$cmd")" in
      *"$here/node_modules/.bin/azurite-$service --${service}Host 127.0.0.1 --${service}Port $(port_of "$service") --location $data "*)
        echo "$pid"
        return 0
        ;;
    esac
  done
  return 1
}

describe() {
  local service port pid
  for service in "${services[@]}"; do
    port="$(port_of "$service")"
    if pid="$(own_pid "$service")"; then
      echo "Azurite $service on 127.0.0.1:$port (started by this script, pid $pid; data in $shown)"
    else
      echo "Azurite $service on 127.0.0.1:$port (already running; not started by this script)"
    fi
  done
}

install() {
  local marker="$here/node_modules/.package-lock.json"
  if [ -x "$here/node_modules/.bin/azurite-blob" ] && [ -f "$marker" ] && [ ! "$here/package-lock.json" -nt "$marker" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || { echo "Azurite needs Node.js with npm on PATH." >&2; exit 1; }
  echo "Installing Azurite into eng/azurite/node_modules (first use only)..." >&2
  if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$data/npm-install.log" 2>&1; then
    tail -n 20 "$data/npm-install.log" >&2
    echo "npm ci failed in eng/azurite (log: $shown/npm-install.log)." >&2
    exit 1
  fi
}

start_service() {
  local service="$1" port
  port="$(port_of "$service")"
  # Detached from this shell so it outlives it (and without the lock descriptor, so the lock is released on exit).
  # --skipApiVersionCheck: the Azure Storage SDK (ours and the WebJobs extensions') sends a newer x-ms-version than this
  # Azurite knows, which it would refuse with 400 InvalidHeaderValue. --loose accepts headers Azurite doesn't implement.
  nohup "$here/node_modules/.bin/azurite-$service" \
    "--${service}Host" 127.0.0.1 "--${service}Port" "$port" \
    --location "$data" --skipApiVersionCheck --loose --silent --disableTelemetry \
    >"$data/azurite-$service.log" 2>&1 </dev/null 9>&- &
  echo $! >"$(pid_file "$service")"
}

ensure() {
  local service port missing=() waited=0
  for service in "${services[@]}"; do
    port="$(port_of "$service")"
    if ! listening "$port"; then
      own_pid "$service" >/dev/null || missing+=("$service")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    install
    for service in "${missing[@]}"; do start_service "$service"; done
  fi
  for service in "${services[@]}"; do
    port="$(port_of "$service")"
    until listening "$port"; do
      if [ -f "$(pid_file "$service")" ] && ! own_pid "$service" >/dev/null; then
        tail -n 20 "$data/azurite-$service.log" >&2 || true
        echo "Azurite $service exited before listening on 127.0.0.1:$port (log: $shown/azurite-$service.log)." >&2
        rm -f "$(pid_file "$service")"
        exit 1
      fi
      if [ "$waited" -ge $((wait_seconds * 5)) ]; then
        echo "Azurite $service did not listen on 127.0.0.1:$port within $wait_seconds s (log: $shown/azurite-$service.log)." >&2
        exit 1
      fi
      sleep 0.2
      waited=$((waited + 1))
    done
  done
  describe
}

stop() {
  local service pid pids=() i
  for service in "${services[@]}"; do
    if pid="$(own_pid "$service")"; then
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
      echo "Stopped Azurite $service (pid $pid)."
    fi
    rm -f "$(pid_file "$service")"
  done
  if [ "${#pids[@]}" = 0 ]; then
    echo "No Azurite started by this script is running; nothing stopped."
    return 0
  fi
  # Both were asked to stop at once; wait (up to 10 s) for them to save their data and exit, then make sure.
  for i in $(seq 1 50); do kill -0 "${pids[@]}" 2>/dev/null || break; sleep 0.2; done
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true; done
}

status() {
  local service
  for service in "${services[@]}"; do
    if ! listening "$(port_of "$service")"; then
      echo "Azurite is not running (nothing listens on 127.0.0.1:$(port_of "$service"); start it with eng/azurite/azurite.sh start)."
      exit 3
    fi
  done
  describe
}

mkdir -p "$data"
# One caller at a time (parallel test runs, ./alerts in two terminals).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$data/.lock"
  flock -w 120 9 || { echo "Timed out waiting for another azurite.sh to finish." >&2; exit 1; }
fi

case "${1:-}" in
  install) install ;;
  ensure|start) ensure ;;
  stop) stop ;;
  status) status ;;
  *)
    sed -n "2,10p" "$0" | sed "s/^# \{0,1\}//" >&2
    exit 2
    ;;
esac
