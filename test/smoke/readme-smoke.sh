#!/usr/bin/env bash
# The README's quick start, as a new user runs it: from a clean dist, `npm start` with default
# settings, `npm run token`, `npm run seed`, GET /health, one README query, SIGTERM and a clean
# exit. It runs in a temporary copy of the sources (so the build, ./data and the schema.gql that
# `npm start` writes land there, not in the repository). Exit 0 when all holds.
#
#   bash test/smoke/readme-smoke.sh          # PORT 3000 as the README says; another free port
#                                            # (said so) when 3000 is taken on this machine
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/readme-smoke.XXXXXX")"
server_pid=""

say() { echo "smoke: $*"; }
# npm does not pass SIGTERM on to the server it started: signal the server itself, by the pid
# its own log line names.
server_node_pid() {
  [ -f "$work/server.log" ] && grep -o '"pid":[0-9]*,[^}]*Oversight Ledger listening' "$work/server.log" | head -1 | grep -o '[0-9]\+' | head -1
}
fail() {
  say "FAILED: $*"
  [ -f "$work/server.log" ] && { echo "--- server output (last 30 lines)"; tail -30 "$work/server.log"; }
  node_pid=$(server_node_pid)
  [ -n "$node_pid" ] && kill -TERM "$node_pid" 2>/dev/null
  [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
  exit 1
}

# A checkout without dist/ or data/: the sources and configuration copied (the build writes
# next to them), the installed packages linked.
for f in package.json package-lock.json tsconfig.json tsconfig.build.json; do cp "$repo/$f" "$work/$f"; done
tar -C "$repo" --exclude='bench/.data' --exclude='node_modules' -cf - apps libs bench scripts | tar -C "$work" -xf - \
  || fail "copying the sources"
ln -s "$repo/node_modules" "$work/node_modules"
cd "$work" || fail "cannot enter $work"

port_free() { ! (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_free 3000; then
  unset PORT
  port=3000
else
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  export PORT=$port
  say "port 3000 is taken on this machine: using PORT=$port (every command below gets the same environment)"
fi
unset DATA_DIR API_URL API_TOKEN JWT_SECRET JWT_JWKS_FILE JWT_JWKS_URL NODE_ENV SCHEMA_FILE OVERSIGHT_CLOCK_START

say "npm start (builds first: dist is clean)"
npm start > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "npm start exited before answering /health"
  sleep 0.5
done
health=$(curl -sf "http://127.0.0.1:$port/health") || fail "GET /health did not answer within 5 minutes"
[ -f "$work/dist/.build-stamp" ] || fail "npm start did not build into a clean dist"

say "npm run token -- --role auditor --tenant default"
token=$(npm run --silent token -- --role auditor --tenant default | tail -1) || fail "npm run token"

say "npm run seed"
seed=$(npm run --silent seed 2>&1) || fail "npm run seed: $seed"
echo "$seed" | grep -Eq '^Recorded [0-9]+ commands\. The portfolio now:$' || fail "seed output: $seed"
rerun=$(npm run --silent seed 2>&1) || fail "npm run seed (again): $rerun"
echo "$rerun" | grep -q 'Nothing new to record' || fail "a seed rerun did not say it wrote nothing: $rerun"

say "GET /health"
node -e 'const h=JSON.parse(process.argv[1]); if (h.status!=="ok") process.exit(1)' "$health" || fail "/health: $health"

say "README query: critical organizations not assured"
query='{ organizations(filter: { criticality: [CRITICAL], notAssured: true }, first: 20) { totalCount edges { node { name assurance { status } } } } }'
answer=$(curl -sf "http://127.0.0.1:$port/graphql" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d "$(node -e 'console.log(JSON.stringify({ query: process.argv[1] }))' "$query")") || fail "the README query got no answer"
node -e '
  const r = JSON.parse(process.argv[1]);
  const got = r.data.organizations.edges.map((e) => `${e.node.name} ${e.node.assurance.status}`);
  const want = ["Cobalt Payments COVERAGE_GAP", "Vertex Hosting NOT_ASSURED"];
  if (JSON.stringify(got) !== JSON.stringify(want)) { console.error(JSON.stringify(r)); process.exit(1); }
' "$answer" || fail "the README query answered something else than the README shows"

say "SIGTERM"
node_pid=$(server_node_pid)
[ -n "$node_pid" ] || fail "the server's log names no pid"
kill -TERM "$node_pid" || fail "cannot signal the server (pid $node_pid)"
# npm start ends when the server does (npm reports the signal; the server's log says how it went).
wait "$server_pid"
server_pid=""
kill -0 "$node_pid" 2>/dev/null && fail "the server (pid $node_pid) still runs after SIGTERM"
grep -q 'Projections stopped; stores closed' "$work/server.log" || fail "no graceful shutdown in the server log"
grep -q '"level":"error"' "$work/server.log" && fail "the server logged an error"

cd / && rm -rf "$work"
say "ok (npm start, token, seed and its rerun, /health, README query, SIGTERM)"
