#!/usr/bin/env bash
# The container image of docs/server.md: worker/Containerfile around the static binary BIN,
# built with podman (no registry pull: the base is `scratch`), then run from the image's own
# configuration (entrypoint, user, environment): /ping answers, a token is issued, and
# SIGTERM ends it with status 0.
#
# Where the container runtime cannot start a container on this machine (a sandbox that
# forbids setting a new process's rlimits, as crun and runc must), the image's filesystem is
# exported and its entrypoint run in it with chroot as the image's user, and this says so.
#
#   bash worker/tests/container.sh target/x86_64-unknown-linux-musl/release/agora-token-server
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[container] %s\n' "$*"; }
BIN=${1:?the static agora-token-server binary}

if ! command -v podman >/dev/null 2>&1; then
  log "podman is not installed (make setup installs it): container not built"
  exit 0
fi
if grep -qa 'ld-linux' "$BIN"; then
  echo "[container] $BIN is not a static binary; the image has no C library" >&2
  exit 1
fi

work=$(mktemp -d)
image=localhost/agora-token-server-test:$$
name=agora-token-server-test-$$
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/context"
cp worker/Containerfile "$BIN" "$work/context/"
podman build -q -t "$image" -f "$work/context/Containerfile" "$work/context" >/dev/null
log "image: $(podman image inspect "$image" --format '{{.Size}}') bytes, from scratch"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# The settings of the run (test credentials), for podman run and for the chroot alike.
settings=("PORT=$port" LISTEN_ADDRESS=127.0.0.1
  AGORA_APP_ID=970ca35de60c44645bbae8a215061b33
  AGORA_APP_CERTIFICATE=5cfd2fd1755d40ecb72977518be15d3b)
env_args=()
for s in "${settings[@]}"; do env_args+=(-e "$s"); done

ask() {
  node -e "
    const [port] = process.argv.slice(1)
    const base = 'http://127.0.0.1:' + port
    const until = Date.now() + 10000
    ;(async () => {
      for (;;) {
        try { const r = await fetch(base + '/ping'); if (r.ok) break } catch {}
        if (Date.now() > until) throw new Error('no answer on /ping within 10 s')
        await new Promise(r => setTimeout(r, 50))
      }
      const ping = await (await fetch(base + '/ping')).json()
      if (ping.message !== 'pong') throw new Error('/ping: ' + JSON.stringify(ping))
      const r = await fetch(base + '/getToken', { method: 'POST', body: JSON.stringify({ tokenType: 'rtc', channel: 'demo', uid: '42', role: 'publisher' }) })
      const body = await r.json()
      if (r.status !== 200 || !/^007eJ/.test(body.token)) throw new Error('/getToken: ' + r.status + ' ' + JSON.stringify(body))
      console.log('[container] /ping and /getToken answered (' + body.token.length + '-character token)')
    })().catch(e => { console.error('[container] ' + e.message); process.exit(1) })
  " "$port"
}

if podman run -d --name "$name" --network host "${env_args[@]}" "$image" >"$work/run.log" 2>&1; then
  ask
  podman stop -t 10 "$name" >/dev/null
  status=$(podman inspect "$name" --format '{{.State.ExitCode}}')
  log "podman run: stopped with SIGTERM, exit status $status"
  [ "$status" = 0 ]
  exit 0
fi
grep -q 'rlimit' "$work/run.log" || { cat "$work/run.log" >&2; exit 1; }
log "podman cannot start containers here ($(grep -o 'setrlimit[^:]*\|rlimit type [0-9]*' "$work/run.log" | head -1): not permitted); running the image's filesystem with chroot"

podman rm -f "$name" >/dev/null 2>&1 || true
cid=$(podman create "$image")
mkdir "$work/root"
podman export "$cid" | tar -x -C "$work/root"
podman rm -f "$cid" >/dev/null
extra=$(cd "$work/root" && find . -type f ! -path ./agora-token-server | grep -v '^\./\(etc/\(hosts\|resolv.conf\|hostname\)\|run/.containerenv\)$' || true)
[ -z "$extra" ] || { echo "[container] the image holds more than the binary: $extra" >&2; exit 1; }
user=$(podman image inspect "$image" --format '{{.Config.User}}')
entrypoint=$(podman image inspect "$image" --format '{{range .Config.Entrypoint}}{{.}}{{end}}')
mapfile -t image_env < <(podman image inspect "$image" --format '{{range .Config.Env}}{{println .}}{{end}}' | grep .)
env -i "${image_env[@]}" "${settings[@]}" \
  chroot --userspec="$user" "$work/root" "$entrypoint" >"$work/audit.log" 2>"$work/server.log" &
pid=$!
ask
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
log "chroot as uid:gid $user: stopped with SIGTERM, exit status $status"
[ "$status" = 0 ]
[ "$(grep -c '"outcome":"issued"' "$work/audit.log")" = 1 ] \
  || { echo "[container] expected one audit line on stdout:" >&2; cat "$work/audit.log" >&2; exit 1; }
