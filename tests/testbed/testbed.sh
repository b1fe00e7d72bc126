#!/usr/bin/env bash
# The KSail.NET test bed: a real Kubernetes 1.20 control plane in one Docker container, built
# offline from Debian's kubernetes source package. See README.md next to this file.
#
#   testbed.sh build              compile the Kubernetes binaries (cached)
#   testbed.sh images             build the control-plane image (cached); prints role=image
#   testbed.sh up [--name NAME]   start a control plane; prints KUBECONFIG=... and CONTAINER=...
#   testbed.sh down [NAME]        remove one test-bed container (or all) and its kubeconfig folder
#
# Progress goes to stderr; the lines meant for callers go to stdout.
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"

cache_root=${KSAIL_TESTBED_CACHE:-/var/cache/ksail-testbed}
run_root=${KSAIL_TESTBED_RUN_DIR:-/tmp/ksail-testbed}
ready_timeout=${KSAIL_TESTBED_READY_TIMEOUT:-90}
image_repo=ksail-testbed/control-plane

command_name=""
current_step="start"

step() {
  current_step=$1
  printf 'testbed %s: %s\n' "$command_name" "$1" >&2
}
say() { printf 'testbed %s: %s\n' "$command_name" "$*" >&2; }
die() {
  printf 'testbed %s: FAILED in step "%s": %s\n' "$command_name" "$current_step" "$*" >&2
  reported=1
  exit 1
}
# Set by `up` while the container it started is not handed over yet: removed on failure.
started_container=""
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "${reported:-}" != 1 ]; then
    printf 'testbed %s: FAILED in step "%s" (exit %s)\n' "$command_name" "$current_step" "$rc" >&2
  fi
  if [ "$rc" -ne 0 ] && [ -n "$started_container" ]; then
    if [ "${KSAIL_TESTBED_KEEP_ON_FAILURE:-0}" = 1 ]; then
      printf 'testbed %s: kept container %s (KSAIL_TESTBED_KEEP_ON_FAILURE=1)\n' "$command_name" "$started_container" >&2
    else
      docker rm -f -v "$started_container" >/dev/null 2>&1 || true
      rm -rf "${run_root:?}/$started_container"
      printf 'testbed %s: removed container %s after the failure\n' "$command_name" "$started_container" >&2
    fi
  fi
}
trap on_exit EXIT

require_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }
require_docker() {
  command -v docker >/dev/null || die "docker not found: run tests/testbed/ci-prepare.sh"
  timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "no Docker daemon answers: run tests/testbed/ci-prepare.sh"
}

# Text between two marker lines of this script (markers excluded).
section() {
  sed -n "/^# ---- $1 begin ----\$/,/^# ---- $1 end ----\$/p" "$self" | sed '1d;$d'
}
short_hash() { sha256sum | cut -c1-10; }

# ---- build recipe begin ----
# What decides the binaries: version, targets, build packages, the changes to the tree and the
# compile commands. The hash of the text between these markers names the cache folder, so any
# change here rebuilds; the driver (build_binaries_locked) only unpacks, logs and stores.
k8s_version=v1.20.2
k8s_targets="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kubeadm cmd/kube-proxy"
k8s_binaries="kube-apiserver kube-controller-manager kube-scheduler kubelet kubeadm kube-proxy"
build_packages="golang-go rsync jq etcd-server golang-github-modern-go-reflect2-dev busybox-static gcc libc6-dev make patch xz-utils dpkg-dev"

# The changes made to the unpacked tree (Debian's source package), in order.
patch_tree() {
  step "apply debian/patches/series"
  apply_debian_patches
  step "replace vendored modern-go/reflect2 v1.0.1 with Debian's v1.0.2"
  fix_reflect2
  step "patch kubelet: do not write host kernel settings"
  patch_kernel_tunables
}

# Debian's own patches (they only touch kubectl printing).
apply_debian_patches() {
  local patch_name
  while read -r patch_name; do
    case "$patch_name" in ''|'#'*) continue ;; esac
    patch -p1 -s <"debian/patches/$patch_name" || die "debian patch $patch_name did not apply"
  done <debian/patches/series
}

# Debian ships reflect2 1.0.2; the vendored 1.0.1 crashes kube-apiserver (SIGSEGV in
# UnsafeMapType.UnsafeIterate) on the first custom-resource write when built with Go >= 1.18.
fix_reflect2() {
  local debian_copy=/usr/share/gocode/src/github.com/modern-go/reflect2
  [ -d "$debian_copy" ] || die "$debian_copy is missing (golang-github-modern-go-reflect2-dev)"
  rm -rf vendor/github.com/modern-go/reflect2
  cp -a "$debian_copy" vendor/github.com/modern-go/reflect2
  rm -f vendor/github.com/modern-go/reflect2/go.mod vendor/github.com/modern-go/reflect2/go.sum
  grep -q '^# github.com/modern-go/reflect2 v1.0.1' vendor/modules.txt \
    || die "vendor/modules.txt does not list modern-go/reflect2 v1.0.1"
  sed -i '\|modern-go/reflect2|s|reflect2 v1\.0\.1|reflect2 v1.0.2|g' vendor/modules.txt
  ! grep -q 'modern-go/reflect2 v1\.0\.1' vendor/modules.txt || die "vendor/modules.txt still names reflect2 v1.0.1"
}

# kubelet 1.20 writes host-global kernel settings (vm.overcommit_memory, vm.panic_on_oom,
# kernel.panic, kernel.panic_on_oops, kernel.keys.root_max*) when they differ from what it wants.
# Those are not per container: a test bed must leave the host as it was. The test-bed kubelet
# only logs the difference instead (the upstream "warn" behaviour).
patch_kernel_tunables() {
  local f=pkg/kubelet/cm/container_manager_linux.go
  [ "$(grep -c '^	b := KernelTunableModify$' "$f")" = 1 ] \
    || die "$f: the kernel-tunables call site was not found (source changed?)"
  sed -i 's|^	b := KernelTunableModify$|	b := KernelTunableWarn // ksail test bed: never write host kernel settings|' "$f"
  grep -q 'b := KernelTunableWarn // ksail test bed' "$f" || die "$f: kernel-tunables patch did not apply"
}

compile_kubernetes() {
  mkdir -p .go/src/k8s.io || return
  [ -L .go/src/k8s.io/kubernetes ] || ln -s ../../.. .go/src/k8s.io/kubernetes || return
  # GOFLAGS must stay empty: hack/lib/golang.sh parses it for -tags. Go compiles up to nproc
  # packages at once (about 1.4 GB RSS on 2 cores). GOCACHE is set by hack/lib/golang.sh to
  # _output/, so it goes away with the build tree.
  env -u GOFLAGS GOPATH="$PWD/.go" GO111MODULE=off CGO_ENABLED=0 \
    make WHAT="$k8s_targets"
}

compile_pause() {
  gcc -Os -static -Wall -Werror -DVERSION="$k8s_version-ksail-testbed" \
    -o _output/bin/pause build/pause/linux/pause.c && strip _output/bin/pause
}
# ---- build recipe end ----

# Source entries derived from the machine's own binary entries (no host name is written here).
ensure_source_entries() {
  local target=/etc/apt/sources.list.d/ksail-testbed-src.sources f
  if apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes$'; then
    return 0
  fi
  : >"$target.tmp"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ "$f" = "$target" ] && continue
    grep -q '^Types: deb$' "$f" || continue
    sed 's/^Types: deb$/Types: deb-src/' "$f" >>"$target.tmp"
    printf '\n' >>"$target.tmp"
  done
  if [ -s "$target.tmp" ]; then
    mv "$target.tmp" "$target"
  else
    # Machines with one-line entries only: deb lines of /etc/apt/sources.list become deb-src lines.
    rm -f "$target.tmp"
    target=/etc/apt/sources.list.d/ksail-testbed-src.list
    sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list >"$target" 2>/dev/null || true
    [ -s "$target" ] || { rm -f "$target"; die "no binary apt entry (Types: deb in /etc/apt/sources.list.d/*.sources, or deb lines in /etc/apt/sources.list) to derive source entries from"; }
  fi
  apt-get update -qq || die "apt-get update failed after writing $target"
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes$' \
    || die "the kubernetes source package is not known to apt even with $target"
}

build_key() { printf '%s-%s' "$k8s_version" "$(section 'build recipe' | short_hash)"; }
bin_dir() { printf '%s/%s/bin' "$cache_root" "$(build_key)"; }

binaries_cached() {
  local dir b
  dir=$(bin_dir)
  [ -f "$dir/.complete" ] || return 1
  for b in $k8s_binaries pause; do [ -x "$dir/$b" ] || return 1; done
}

# One build or image import at a time per cache; held only while building, not while a
# cluster runs, so parallel `up` calls do not wait for each other.
lock_cache() {
  mkdir -p "$cache_root"
  exec 9>"$cache_root/.lock"
  if ! flock -n 9; then
    say "waiting for another build in $cache_root"
    flock 9
  fi
}
unlock_cache() { exec 9>&-; }

# Builds the binaries unless cached; progress on stderr.
ensure_binaries() {
  lock_cache
  build_binaries_locked
  unlock_cache
}

build_binaries_locked() {
  local key dir work tree src log started
  key=$(build_key)
  dir=$(bin_dir)
  step "check cache $dir"
  if binaries_cached; then
    say "binaries cached at $dir (key $key)"
    return 0
  fi
  require_root
  started=$SECONDS

  step "derive deb-src entries from the machine's apt sources"
  ensure_source_entries

  step "install build packages"
  local missing=() p
  for p in $build_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  fi

  step "download the kubernetes source package"
  src="$cache_root/src"
  mkdir -p "$src"
  if ! ls "$src"/kubernetes_*.dsc >/dev/null 2>&1; then
    chown _apt "$src" 2>/dev/null || true
    (cd "$src" && apt-get source --download-only -qq kubernetes >/dev/null 2>"$src/download.log") \
      || { cat "$src/download.log" >&2; die "apt-get source --download-only kubernetes failed"; }
  fi
  local origs debs orig deb
  origs=("$src"/kubernetes_*.orig.tar.gz)
  debs=("$src"/kubernetes_*.debian.tar.xz)
  orig=${origs[-1]}
  deb=${debs[-1]}
  { [ -f "$orig" ] && [ -f "$deb" ]; } || die "no kubernetes_*.orig.tar.gz and *.debian.tar.xz in $src"
  say "source: $(basename "$orig") + $(basename "$deb")"

  step "unpack"
  work="$cache_root/work/$key"
  rm -rf "$cache_root/work"   # build trees of this or older recipes (we hold the cache lock)
  mkdir -p "$work"
  tar -xzf "$orig" -C "$work"
  tree="$work/kubernetes-${k8s_version#v}"
  [ -d "$tree" ] || die "$(basename "$orig") does not hold kubernetes-${k8s_version#v}/ (is the source package still Kubernetes $k8s_version?)"
  tar -xJf "$deb" -C "$tree"
  cd "$tree"

  patch_tree

  log="$work/build.log"
  step "compile $k8s_binaries (log: $log)"
  if ! compile_kubernetes >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "make WHAT=\"$k8s_targets\" failed (full log: $log)"
  fi

  step "compile pause"
  compile_pause || die "gcc -static build/pause/linux/pause.c failed"

  step "store binaries in $dir"
  local staging="$dir.tmp" b
  rm -rf "$staging" "$dir"
  mkdir -p "$staging"
  for b in $k8s_binaries pause; do
    [ -x "_output/bin/$b" ] || die "_output/bin/$b was not built"
    cp "_output/bin/$b" "$staging/"
  done
  {
    echo "kubernetes $k8s_version"
    echo "source $(basename "$orig" .orig.tar.gz) $(basename "$deb")"
    echo "go $(go version)"
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) in $((SECONDS - started)) s"
  } >"$staging/BUILD-INFO"
  touch "$staging/.complete"
  mv "$staging" "$dir"

  step "remove the build tree"
  cd /
  if [ "${KSAIL_TESTBED_KEEP_TREE:-0}" = 1 ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  say "built in $((SECONDS - started)) s: $dir"
}

cmd_build() {
  command_name=build
  ensure_binaries
  echo "BIN_DIR=$(bin_dir)"
}

# ---- image recipe begin ----
# Everything between these markers, the entrypoint file and the build key decide the image.
image_packages="busybox-static etcd-server openssl"

# Copies a dynamically linked program and the libraries ldd names into the rootfs.
copy_with_libs() {
  local program=$1 rootfs=$2 dest=$3 lib
  install -D -m 0755 "$program" "$rootfs$dest"
  while read -r lib; do
    [ -n "$lib" ] || continue
    install -D -m 0755 "$(readlink -f "$lib")" "$rootfs$lib"
  done < <(ldd "$program" 2>/dev/null | grep -o '/[^ ]*' || true)
}

make_rootfs() {
  local rootfs=$1 bins=$2 applet b
  mkdir -p "$rootfs"/{bin,usr/local/bin,etc/kubernetes/pki,var/lib/etcd,tmp,root,proc,sys,dev,run}
  chmod 1777 "$rootfs/tmp"
  install -m 0755 /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  for b in kube-apiserver kube-controller-manager kube-scheduler; do
    install -m 0755 "$bins/$b" "$rootfs/usr/local/bin/$b"
  done
  copy_with_libs /usr/bin/etcd "$rootfs" /usr/local/bin/etcd
  copy_with_libs /usr/bin/openssl "$rootfs" /usr/local/bin/openssl
  install -m 0755 "$here/control-plane/entrypoint.sh" "$rootfs/entrypoint.sh"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  # A minimal OpenSSL configuration: the entrypoint passes its own per certificate.
  printf 'openssl_conf = default_conf\n[default_conf]\n' >"$rootfs/etc/openssl.cnf"
}

import_image() {
  local rootfs=$1 tag=$2 hash=$3
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENTRYPOINT ["/entrypoint.sh"]' \
    --change 'ENV PATH=/usr/local/bin:/bin OPENSSL_CONF=/etc/openssl.cnf' \
    --change 'EXPOSE 6443' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change "LABEL io.ksail.testbed.kubernetes=$k8s_version" \
    --change 'LABEL io.ksail.testbed.role=control-plane' \
    - "$tag" >/dev/null
}
# ---- image recipe end ----

image_hash() {
  { build_key; section 'image recipe'; cat "$here/control-plane/entrypoint.sh"; } | short_hash
}

# Builds the control-plane image unless present; sets image_tag; progress on stderr.
image_tag=""
ensure_image() {
  require_docker
  lock_cache
  build_image_locked
  unlock_cache
}

build_image_locked() {
  local hash tag
  hash=$(image_hash)
  tag="$image_repo:$k8s_version-$hash"

  step "check image $tag"
  if [ "$(docker image inspect --format '{{index .Config.Labels "io.ksail.testbed.recipe"}}' "$tag" 2>/dev/null || true)" = "$hash" ]; then
    say "image present: $tag"
    image_tag=$tag
    return 0
  fi

  require_root
  if ! binaries_cached; then
    step "build binaries (not cached)"
    build_binaries_locked
  fi

  step "install image packages: $image_packages"
  local missing=() p
  for p in $image_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  fi

  step "assemble the control-plane rootfs"
  local rootfs
  rootfs=$(mktemp -d /tmp/ksail-testbed-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"; on_exit' EXIT
  make_rootfs "$rootfs" "$(bin_dir)"

  step "docker import $tag"
  import_image "$rootfs" "$tag" "$hash" || die "docker import failed"
  rm -rf "$rootfs"
  trap on_exit EXIT
  say "image built: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
  image_tag=$tag

  step "remove control-plane images of older recipes (kept while a container uses one)"
  local old
  for old in $(docker images "$image_repo" --format '{{.Repository}}:{{.Tag}}' | grep -vFx "$tag" || true); do
    if docker rmi "$old" >/dev/null 2>&1; then say "removed $old"; fi
  done
}

cmd_images() {
  command_name=images
  ensure_image
  echo "control-plane=$image_tag"
}

container_logs_tail() {
  echo "---- $1: entrypoint lines, errors (E/F) and the last 25 log lines ----" >&2
  docker logs "$1" 2>&1 | grep -E '^entrypoint|^[EF][0-9]{4} ' | tail -n 30 >&2 || true
  echo "...." >&2
  docker logs --tail 25 "$1" >&2 2>&1 || true
  echo "----" >&2
}

cmd_up() {
  command_name=up
  local name=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --name) [ $# -ge 2 ] || die "--name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#--name=}; shift ;;
      *) die "unknown argument: $1 (usage: testbed.sh up [--name NAME])" ;;
    esac
  done
  [ -n "$name" ] || name="ksail-testbed-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  [[ "$name" =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ ]] || die "invalid container name: $name"
  require_docker
  command -v curl >/dev/null || die "curl not found: run tests/testbed/ci-prepare.sh"

  ensure_image
  local tag=$image_tag

  step "docker run $name"
  local t0 t1
  t0=$(date +%s.%N)
  docker run -d --name "$name" --hostname "$name" \
    --label io.ksail.testbed=true --label io.ksail.test=true \
    --label io.ksail.testbed.role=control-plane \
    --tmpfs /var/lib/etcd:rw,size=1g,mode=0700 \
    -p 127.0.0.1::6443 "$tag" >/dev/null || die "docker run $tag failed"
  started_container=$name

  step "find the published port"
  local port
  port=$(docker port "$name" 6443/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n1)
  [ -n "$port" ] || { container_logs_tail "$name"; die "port 6443 of $name is not published on 127.0.0.1"; }

  step "wait for https://127.0.0.1:$port/readyz (up to ${ready_timeout}s)"
  local deadline=$((SECONDS + ready_timeout))
  until [ "$(curl -ks --max-time 2 "https://127.0.0.1:$port/readyz" 2>/dev/null || true)" = ok ]; do
    if [ "$(docker inspect --format '{{.State.Running}}' "$name" 2>/dev/null)" != true ]; then
      container_logs_tail "$name"
      die "container $name stopped before /readyz was ok"
    fi
    if [ $SECONDS -ge $deadline ]; then
      container_logs_tail "$name"
      die "/readyz of $name not ok within ${ready_timeout}s"
    fi
    sleep 0.1
  done
  t1=$(date +%s.%N)
  say "/readyz ok $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s after docker run"

  step "write the admin kubeconfig"
  local dir="$run_root/$name"
  mkdir -p "$dir"
  chmod 0700 "$dir"
  docker exec "$name" cat /etc/kubernetes/admin.conf \
    | sed "s#server: https://127.0.0.1:6443#server: https://127.0.0.1:$port#" >"$dir/kubeconfig.tmp" \
    || die "could not read /etc/kubernetes/admin.conf from $name"
  grep -q "server: https://127.0.0.1:$port\$" "$dir/kubeconfig.tmp" || die "admin.conf of $name has no server line to rewrite"
  mv "$dir/kubeconfig.tmp" "$dir/kubeconfig"
  chmod 0600 "$dir/kubeconfig"

  step "check the server certificate against the cluster CA"
  sed -n 's/^ *certificate-authority-data: //p' "$dir/kubeconfig" | base64 -d >"$dir/ca.crt"
  curl -sf --max-time 5 --cacert "$dir/ca.crt" "https://127.0.0.1:$port/readyz" >/dev/null \
    || die "https://127.0.0.1:$port does not verify against the cluster CA"
  curl -sf --max-time 5 --cacert "$dir/ca.crt" --resolve "localhost:$port:127.0.0.1" "https://localhost:$port/readyz" >/dev/null \
    || die "https://localhost:$port does not verify against the cluster CA"

  started_container=""
  echo "KUBECONFIG=$dir/kubeconfig"
  echo "CONTAINER=$name"
}

cmd_down() {
  command_name=down
  [ $# -le 1 ] || die "usage: testbed.sh down [NAME]"
  local name=${1:-} names c
  [ -z "$name" ] || [[ "$name" =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ ]] || die "invalid container name: $name"
  require_docker
  step "find test-bed containers${name:+ named $name}"
  if [ -n "$name" ]; then
    names=$(docker ps -a --filter label=io.ksail.testbed=true --format '{{.Names}}' | grep -Fx -- "$name" || true)
    if [ -z "$names" ] && docker container inspect "$name" >/dev/null 2>&1; then
      die "container $name exists but is not a test-bed container (label io.ksail.testbed=true)"
    fi
  else
    names=$(docker ps -a --filter label=io.ksail.testbed=true --format '{{.Names}}')
  fi

  for c in $names; do
    step "stop and remove $c"
    docker stop -t 20 "$c" >/dev/null 2>&1 || true
    docker rm -f -v "$c" >/dev/null || die "docker rm $c failed"
    rm -rf "${run_root:?}/$c"
    say "removed $c"
  done

  step "remove kubeconfig folders"
  if [ -n "$name" ]; then
    rm -rf "${run_root:?}/$name"
  elif [ -d "$run_root" ]; then
    # Folders of containers that no longer exist (for example after a crash).
    for c in "$run_root"/*/; do
      [ -d "$c" ] || continue
      c=$(basename "$c")
      docker container inspect "$c" >/dev/null 2>&1 || rm -rf "${run_root:?}/$c"
    done
  fi
  rmdir "$run_root" 2>/dev/null || true
  [ -n "$names" ] || say "no test-bed container${name:+ named $name}"
}

usage() {
  sed -n '2,10p' "$self" | sed 's/^# \{0,1\}//' >&2
  reported=1
}

case "${1:-}" in
  build) shift; [ $# -eq 0 ] || { usage; exit 2; }; cmd_build ;;
  images) shift; [ $# -eq 0 ] || { usage; exit 2; }; cmd_images ;;
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
