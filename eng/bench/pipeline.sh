#!/usr/bin/env bash
# eng/bench/pipeline.sh [--repo DIR] [--articles N]... [--idle N] - the pipeline bench behind `./alerts bench pipeline`.
# For each N: writes N synthetic articles (eng/bench/generate.py), starts a private Azurite with its access log on
# ports 10110/10111 (own data folder, deleted afterwards), and times `alerts run FOLDER --once` of the repo in DIR
# (default: this one; another checkout measures that commit with the same method). Prints one row per N: drain time
# (upload included), articles/s over the first and the last 20% of articles finished (the article-events message
# deleted), storage requests per article (Azurite's access log, upload included and excluded), alerts, and the host's
# peak RSS. --idle N then (without --articles, only that) starts `alerts run` on an empty folder and drops N articles, each
# a new incident, one at a time and 5 s apart into the idle host (`alerts drop`); prints the median, p95 and longest time
# from the end of each upload to the first file of its alert in the outbox.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repo="$root"
sizes=()
idle=0
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo="$(cd "$2" && pwd)"; shift 2 ;;
    --articles) sizes+=("$2"); shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ "${#sizes[@]}" -gt 0 ] || [ "$idle" -gt 0 ] || sizes=(1000)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export AZURITE_BLOB_PORT=10110 AZURITE_QUEUE_PORT=10111
"$root/eng/azurite/azurite.sh" install
work="$(mktemp -d "${TMPDIR:-/tmp}/alerts-bench-XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

bin="$work/bin"
dotnet build "$repo/functions/Alerts.LocalHost/Alerts.LocalHost.csproj" -c Release -o "$bin" --nologo -v quiet -clp:ErrorsOnly >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
start_azurite() {
  local data="$1" service port
  for service in blob queue; do
    port=$AZURITE_BLOB_PORT; [ "$service" = queue ] && port=$AZURITE_QUEUE_PORT
    "$root/eng/azurite/node_modules/.bin/azurite-$service" "--${service}Host" 127.0.0.1 "--${service}Port" "$port" \
      --location "$data" --skipApiVersionCheck --loose --disableTelemetry >"$data/access-$service.log" 2>&1 </dev/null &
    pids+=($!)
  done
  for port in $AZURITE_BLOB_PORT $AZURITE_QUEUE_PORT; do
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  done
}
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

[ "${#sizes[@]}" -eq 0 ] || printf '%-7s %-9s %-9s %-9s %-12s %-12s %-7s %-8s %s\n' articles drain_s first20 last20 req/article req/art-up alerts rss_MB commit
for n in "${sizes[@]}"; do
  data="$work/azurite-$n"; folder="$work/articles-$n"; mkdir -p "$data"
  python3 "$here/generate.py" "$n" "$folder"
  start_azurite "$data"
  start=$(date +%s.%N)
  (cd "$work" && Delivery__OutboxPath="$work/outbox-$n" /usr/bin/time -f '%M' -o "$work/rss-$n" dotnet "$bin/alerts.dll" run "$folder" --once >"$work/host-$n.log" 2>&1) \
    || { tail -n 30 "$work/host-$n.log" >&2; exit 1; }
  end=$(date +%s.%N)
  stop_all
  python3 - "$n" "$start" "$end" "$data" "$work/rss-$n" "$work/host-$n.log" "$(git -C "$repo" rev-parse --short HEAD)" <<'PY'
import re, sys
from datetime import datetime, timezone
n, start, end, data, rss, host, commit = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
line = re.compile(r'\[(\d+/\w+/\d+:\d+:\d+:\d+ [+-]\d+)\] "(\w+) (\S+)')
total = uploads = 0
done = []
for service in ("blob", "queue"):
    for text in open(f"{data}/access-{service}.log", encoding="utf-8", errors="replace"):
        m = line.search(text)
        if not m:
            continue
        total += 1
        method, path = m.group(2), m.group(3).split("?")[0]
        if method == "PUT" and path.startswith("/devstoreaccount1/articles/"):
            uploads += 1
        if method == "DELETE" and "/article-events/messages/" in path:
            done.append(datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp())
done.sort()
def rate(chunk):
    return len(chunk) / max(1.0, chunk[-1] - chunk[0] + 1) if chunk else 0.0
fifth = max(1, len(done) // 5)
alerts = len(re.findall(r"^ALERT|\bAlert [0-9a-f]{32}\b", open(host, encoding="utf-8", errors="replace").read(), re.M))
m = re.search(r"(\d+) alert\(s\) sent", open(host, encoding="utf-8", errors="replace").read())
alerts = m.group(1) if m else "?"
print(f"{n:<7} {end - start:<9.1f} {rate(done[:fifth]):<9.1f} {rate(done[-fifth:]):<9.1f} {total / n:<12.2f} {(total - uploads) / n:<12.2f} {alerts:<7} {int(open(rss).read().split()[-1]) / 1024:<8.0f} {commit}")
PY
done

[ "$idle" -gt 0 ] || exit 0
data="$work/azurite-idle"; folder="$work/articles-idle"; empty="$work/empty"; outbox="$work/outbox-idle"
mkdir -p "$data" "$empty" "$outbox"
python3 "$here/generate.py" $((idle + idle / 4 + 1)) "$folder" # every fifth is business news; the others are a new incident each
start_azurite "$data"
(cd "$work" && Delivery__OutboxPath="$outbox" exec dotnet "$bin/alerts.dll" run "$empty") >"$work/host-idle.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q "watching for more" "$work/host-idle.log" && break; sleep 0.2; done
python3 - "$idle" "$folder" "$outbox" "$bin/alerts.dll" "$work" "$(git -C "$repo" rev-parse --short HEAD)" <<'PY'
import os, subprocess, sys, time
idle, folder, outbox, dll, work, commit = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
files = [f for i, f in enumerate(sorted(os.listdir(folder))) if i % 5 != 4][:idle]
latencies, missed = [], 0
for name in files:
    time.sleep(5)  # idle: the trigger engine's queues back off to their longest polling interval
    before = len(os.listdir(outbox))
    subprocess.run(["dotnet", dll, "drop", os.path.join(folder, name)], cwd=work, check=True, stdout=subprocess.DEVNULL)
    dropped = time.monotonic()
    while len(os.listdir(outbox)) == before and time.monotonic() - dropped < 20:
        time.sleep(0.02)
    if len(os.listdir(outbox)) == before:
        missed += 1  # no alert (the article raised none, or it came too late to count)
    else:
        latencies.append(time.monotonic() - dropped)
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
print(f"{'idle':<7} {'alerted':<8} {'p50_s':<7} {'p95_s':<7} {'max_s':<7} commit")
print(f"{len(files):<7} {len(latencies):<8} {pick(0.5):<7.2f} {pick(0.95):<7.2f} {(latencies or [float('nan')])[-1]:<7.2f} {commit}")
PY
