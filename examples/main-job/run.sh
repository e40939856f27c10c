#!/usr/bin/env bash
# Slipway's main job, offline on one machine: the CI pipeline of ../ci-pipeline/ci-pipeline.yaml (clone, build with Kaniko's
# flags, scan the image and the sources with Trivy's, push with crane) run by Slipway on a bundled sample app.
# What it needs it starts itself: a throwaway registry on loopback (the push destination, and the mirror that
# serves the `alpine:3.19` base image — a stand-in built here from the host's busybox-static), a git repository
# of the sample app, and an advisory database imported from advisories/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
slipway=(node "$root/packages/cli/dist/slipway.js")
work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-main-job.XXXXXX")"
export SLIPWAY_HOME="$work/home"
export DOCKER_CONFIG="$work/docker"

registry_pid=""
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "a throwaway registry on loopback"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
registry="127.0.0.1:$port"
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry/data}, delete: {enabled: true}}
http: {addr: $registry, secret: main-job}
EOF
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://$registry/v2/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  sleep 0.1
done
echo "registry at $registry"

step "the base image: a busybox-static stand-in for alpine:3.19"
mkdir -p "$work/base"
cp "$(command -v busybox)" "$work/base/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' >"$work/base/Dockerfile"
"${slipway[@]}" image build --context "$work/base" --destination "$registry/library/alpine:3.19" \
  --insecure-registry "$registry" --reproducible

step "the sample app in a git repository"
git init -q -b main "$work/sample-app"
cp -r "$here/sample-app/." "$work/sample-app/"
git -C "$work/sample-app" add -A
git -C "$work/sample-app" -c user.name=slipway -c user.email=slipway@localhost commit -q -m "sample app"
git -C "$work/sample-app" log --oneline

step "the advisory database (offline import)"
"${slipway[@]}" db import "$here/advisories/GHSA-p6mc-m468-83gw.json"

step "the pipeline"
"${slipway[@]}" template create "$here/../ci-pipeline/ci-pipeline.yaml"
started=$(date +%s)
"${slipway[@]}" submit --from workflowtemplate/ci-pipeline --name main-job \
  -p repo="file://$work/sample-app" -p revision=main -p registry="$registry" \
  -p image=demo/sample-app -p tag=v1.0.0 -p push-image=true \
  --registry-mirror "docker.io=$registry" --insecure-registry "$registry" --watch
finished=$(date +%s)

step "summary"
digest="$("${slipway[@]}" crane digest --insecure "$registry/demo/sample-app:v1.0.0")"
echo "image:    $registry/demo/sample-app:v1.0.0"
echo "digest:   $digest"
echo "pipeline: $((finished - started)) s (per step: the tree above)"
echo
echo "findings in the image (all severities; the pipeline gates on CRITICAL):"
"${slipway[@]}" image scan --input "$SLIPWAY_HOME/volumes/pvc/main-job-workdir/image.tar" || true
echo
echo "state, logs and the image tar stay in $work (slipway --home $SLIPWAY_HOME get main-job)"
