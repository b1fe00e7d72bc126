#!/usr/bin/env bash
# The KSail.NET test bed: a real Kubernetes 1.20 control plane in one Docker container, built
# offline from Debian's kubernetes source package. See README.md next to this file.
#
#   testbed.sh build              compile the Kubernetes binaries (cached)
#   testbed.sh images             build the control-plane, kind-node, k3s-node, k3d-proxy,
#                                 kind-load-balancer, registry and kwok-* images (cached); role=image
#   testbed.sh up [--name NAME]   start a control plane; prints KUBECONFIG=... and CONTAINER=...
#   testbed.sh down [NAME]        remove one test-bed container (or all) and its kubeconfig folder
#   testbed.sh kind-cluster-up [--name NAME] [--workers N]
#                                 kind's create steps on kind-node containers; prints KUBECONFIG=,
#                                 CLUSTER= and NODES=
#   testbed.sh kind-cluster-down NAME   remove that cluster's nodes, volumes and network
#   testbed.sh k3s-cluster-up [--name NAME] [--agents N]
#                                 k3d's create steps on K3s stand-in nodes; prints KUBECONFIG=,
#                                 CLUSTER= and NODES=
#   testbed.sh k3s-cluster-down NAME    remove that cluster's nodes, volumes and network
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
# Whether image TAG exists and was built from the recipe whose hash is HASH.
image_is_current() {
  [ "$(docker image inspect --format '{{index .Config.Labels "io.ksail.testbed.recipe"}}' "$1" 2>/dev/null || true)" = "$2" ]
}
# Removes the images of REPO other than TAG (older recipes), except those a container uses.
remove_older_images() {
  local old
  for old in $(docker images "$1" --format '{{.Repository}}:{{.Tag}}' | grep -vFx "$2" || true); do
    if docker rmi "$old" >/dev/null 2>&1; then say "removed $old"; fi
  done
}

# ---- build recipe begin ----
# What decides the binaries: version, targets, build packages, the changes to the tree and the
# compile commands. The hash of the text between these markers names the cache folder, so any
# change here rebuilds; the driver (build_binaries_locked) only unpacks, logs and stores.
k8s_version=v1.20.2
k8s_targets="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kubeadm cmd/kube-proxy cmd/kubectl"
k8s_binaries="kube-apiserver kube-controller-manager kube-scheduler kubelet kubeadm kube-proxy kubectl"
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

# Downloads Debian's kubernetes source package into $cache_root/src unless it is there (kept for
# later builds: the Kubernetes build and the kwok controller stand-in's).
download_source_package() {
  local src="$cache_root/src"
  mkdir -p "$src"
  if ! ls "$src"/kubernetes_*.dsc >/dev/null 2>&1; then
    ensure_source_entries
    chown _apt "$src" 2>/dev/null || true
    (cd "$src" && apt-get source --download-only -qq kubernetes >/dev/null 2>"$src/download.log") \
      || { cat "$src/download.log" >&2; die "apt-get source --download-only kubernetes failed"; }
  fi
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
  download_source_package
  src="$cache_root/src"
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
  if image_is_current "$tag" "$hash"; then
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
  remove_older_images "$image_repo" "$tag"
}

# ---- kind-node recipe begin ----
# The kind-compatible node image: what kind's create actions look for in kindest/node, built from
# the cached binaries and Debian's packages. Everything between these markers, the files in
# kind-node/, the image recipe above (its helpers are shared) and the build key decide the image.
kind_node_repo=ksail-testbed/kind-node
kind_node_packages="busybox-static containerd runc containernetworking-plugins iptables conntrack etcd-server netbase jq bash procps"
stand_in_kindnetd_image=ksail-testbed/stand-in-kindnetd:$k8s_version

# The docker run flags that replace kind's --privileged on these hosts (TESTING.md: the bounding
# set lacks CAP_SYS_RESOURCE, so --privileged fails in runc), with kind's --cgroupns=private.
# The entry point remounts the (private) cgroup hierarchies read-write, as --privileged would.
# ONE place: the C# provider and tests/KSail.Testing/TestBed/KindNodeCluster.cs mirror it.
kind_node_security_flags() {
  node_flags=(
    --cgroupns=private
    --cap-add ALL --cap-drop SYS_RESOURCE
    --security-opt apparmor=unconfined --security-opt seccomp=unconfined
    --security-opt systempaths=unconfined
    --device-cgroup-rule 'a *:* rwm' --device /dev/kmsg
  )
}
# All node flags for node NAME: the above plus kind's node storage (tmpfs /tmp and /run, a volume
# for /var: here a named one, labelled for the leak guard, where kind uses an anonymous one; the
# host's /lib/modules read-only when it exists).
kind_node_flags() {
  kind_node_security_flags
  node_flags+=(
    --tmpfs /tmp --tmpfs /run
    --mount "type=volume,source=$1-var,target=/var,volume-label=io.ksail.test=true"
  )
  if [ -d /lib/modules ]; then node_flags+=(--volume /lib/modules:/lib/modules:ro); fi
}

# Copies the files of Debian packages (without /usr/share) into a merged-/usr rootfs; symlinks stay.
copy_package_files() {
  local rootfs=$1 pkg f
  shift
  for pkg in "$@"; do
    while read -r f; do
      case "$f" in /usr/share/*|/lib/systemd/*|/usr/lib/systemd/*) continue ;; esac
      if [ -L "$f" ] || [ -f "$f" ]; then
        mkdir -p "$rootfs${f%/*}" && cp -a "$f" "$rootfs$f" || return 1
      fi
    done < <(dpkg -L "$pkg")
  done
}

# Adds the shared libraries every ELF file of the rootfs needs (as ldd names them).
copy_elf_deps() {
  local rootfs=$1 lib
  while read -r lib; do
    [ -e "$rootfs$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$rootfs$lib"
  done < <(find "$rootfs" -type f \( -perm -u+x -o -name '*.so*' \) -print0 \
             | xargs -0 -r ldd 2>/dev/null | grep '^[[:space:]]' | grep -o '/[^ ]*' | sort -u)
}

# A merged-/usr rootfs with busybox applets where no real program of the same name exists.
base_rootfs() {
  local rootfs=$1
  mkdir -p "$rootfs"/{usr/bin,usr/sbin,usr/lib,usr/lib64,usr/local/bin,etc,proc,sys,dev,tmp,run,var,root}
  ln -s usr/bin "$rootfs/bin"
  ln -s usr/sbin "$rootfs/sbin"
  ln -s usr/lib "$rootfs/lib"
  ln -s usr/lib64 "$rootfs/lib64"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
}
add_busybox() {
  local rootfs=$1 applet
  install -m 0755 /bin/busybox "$rootfs/usr/bin/busybox"
  for applet in $("$rootfs/usr/bin/busybox" --list); do
    [ -e "$rootfs/usr/bin/$applet" ] || [ -e "$rootfs/usr/sbin/$applet" ] || [ -L "$rootfs/usr/sbin/$applet" ] \
      || ln -s busybox "$rootfs/usr/bin/$applet"
  done
}
# Debian's iptables (legacy and nft) and conntrack; iptables* point at iptables-wrapper, which
# picks the mode on first use as kindest/node and the kube-proxy image do.
add_iptables() {
  local rootfs=$1 name
  copy_package_files "$rootfs" iptables libxtables12 libip4tc2 libip6tc2 libnftnl11 libmnl0 \
    conntrack libnetfilter-conntrack3 libnfnetlink0 netbase || return 1
  install -m 0755 "$here/kind-node/iptables-wrapper" "$rootfs/usr/sbin/iptables-wrapper"
  for name in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    rm -f "$rootfs/usr/sbin/$name"
    ln -s iptables-wrapper "$rootfs/usr/sbin/$name"
  done
}

# A docker-archive (the `docker save` format) of a single-layer image, named exactly REF, for
# `ctr images import`. Written by hand so the names kubeadm uses never enter Docker's image store.
docker_archive() {
  local rootfs=$1 ref=$2 entrypoint=$3 out=$4 dir diff cfg
  dir=$(mktemp -d "$rootfs.archive.XXXXXX")
  tar --numeric-owner -C "$rootfs" -cf "$dir/layer.tar" . || return 1
  diff=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  mkdir "$dir/$diff"
  mv "$dir/layer.tar" "$dir/$diff/layer.tar"
  jq -nc --arg diff "sha256:$diff" --argjson ep "$entrypoint" --arg version "$k8s_version" '{
      architecture: "amd64", os: "linux",
      config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                Entrypoint: $ep,
                Labels: { "io.ksail.testbed": "true", "io.ksail.testbed.kubernetes": $version } },
      rootfs: { type: "layers", diff_ids: [$diff] },
      history: [ { created_by: "ksail test bed (tests/testbed/testbed.sh)" } ] }' >"$dir/config.json"
  cfg=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
  mv "$dir/config.json" "$dir/$cfg.json"
  jq -nc --arg cfg "$cfg.json" --arg ref "$ref" --arg layer "$diff/layer.tar" \
    '[ { Config: $cfg, RepoTags: [$ref], Layers: [$layer] } ]' >"$dir/manifest.json"
  tar -C "$dir" -cf "$out" manifest.json "$cfg.json" "$diff" || return 1
  rm -rf "$dir"
}

# The component images kubeadm runs, as rootfs folders, one per name kubeadm lists.
# Sets component_entrypoint (JSON) for the image; returns 2 for an image that cannot be built here.
component_rootfs() {
  local ref=$1 rootfs=$2 bins=$3 name
  name=${ref##*/}
  name=${name%%:*}
  base_rootfs "$rootfs"
  component_entrypoint='null'
  case "$name" in
    kube-apiserver|kube-controller-manager|kube-scheduler)
      install -m 0755 "$bins/$name" "$rootfs/usr/local/bin/$name" ;;
    kube-proxy)
      install -m 0755 "$bins/kube-proxy" "$rootfs/usr/local/bin/kube-proxy"
      add_iptables "$rootfs" || return 1
      add_busybox "$rootfs" ;;
    etcd)
      # Debian's etcd-server (3.4.23) under the tag kubeadm asks for.
      copy_with_libs /usr/bin/etcd "$rootfs" /usr/local/bin/etcd
      [ -x /usr/bin/etcdctl ] && copy_with_libs /usr/bin/etcdctl "$rootfs" /usr/local/bin/etcdctl
      mkdir -p "$rootfs/var/lib/etcd" ;;
    pause)
      install -m 0755 "$bins/pause" "$rootfs/pause"
      component_entrypoint='["/pause"]' ;;
    *) return 2 ;;
  esac
  copy_elf_deps "$rootfs"
}

stand_in_kindnetd_rootfs() {
  local rootfs=$1 bins=$2
  base_rootfs "$rootfs"
  install -m 0755 "$bins/kubectl" "$rootfs/usr/bin/kubectl"
  add_iptables "$rootfs" || return 1
  add_busybox "$rootfs"
  install -m 0755 "$here/kind-node/stand-in-kindnetd" "$rootfs/usr/local/bin/stand-in-kindnetd"
  copy_elf_deps "$rootfs"
}

# The node's own rootfs (without the pre-loaded images).
kind_node_rootfs() {
  local rootfs=$1 bins=$2 hash=$3 sandbox=$4 f
  base_rootfs "$rootfs"
  copy_package_files "$rootfs" containerd runc containernetworking-plugins || return 1
  add_iptables "$rootfs" || return 1
  for f in kubeadm kubectl kubelet; do install -m 0755 "$bins/$f" "$rootfs/usr/bin/$f"; done
  mkdir -p "$rootfs/opt/cni/bin" "$rootfs/etc/cni/net.d" "$rootfs/kind/bin" "$rootfs/kind/manifests" \
    "$rootfs/etc/containerd" "$rootfs/etc/default" "$rootfs/etc/kubernetes/manifests" \
    "$rootfs/var/lib/kubelet" "$rootfs/var/log" "$rootfs/lib/modules"
  mv "$rootfs"/usr/lib/cni/* "$rootfs/opt/cni/bin/"
  rmdir "$rootfs/usr/lib/cni"
  rm -f "$rootfs/etc/containerd/config.toml"
  sed "s|@SANDBOX_IMAGE@|$sandbox|" "$here/kind-node/containerd-config.toml" >"$rootfs/etc/containerd/config.toml"
  printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\n' >"$rootfs/etc/crictl.yaml"
  # kindest/node's /etc/default/kubelet (read by the supervisor as systemd reads EnvironmentFile).
  printf 'KUBELET_EXTRA_ARGS=--runtime-cgroups=/system.slice/containerd.service\n' >"$rootfs/etc/default/kubelet"
  install -m 0755 "$here/kind-node/entrypoint" "$rootfs/usr/local/bin/entrypoint"
  install -m 0755 "$here/kind-node/kubelet-supervisor" "$rootfs/kind/bin/kubelet-supervisor"
  printf '%s\n' "$k8s_version" >"$rootfs/kind/version"
  printf '%s\n' "$hash" >"$rootfs/kind/recipe"
  sed "s|@STAND_IN_KINDNETD_IMAGE@|$stand_in_kindnetd_image|" "$here/kind-node/default-cni.yaml" \
    >"$rootfs/kind/manifests/default-cni.yaml"
  install -m 0644 "$here/kind-node/default-storage.yaml" "$rootfs/kind/manifests/default-storage.yaml"
  # kind restarts containerd after patching its config with
  # `bash -c '! pgrep --exact containerd || systemctl restart containerd'`: bash and procps' pgrep as
  # kindest/node has them, and a stand-in systemctl (kind-node/systemctl) for the node without systemd.
  copy_with_libs /bin/bash "$rootfs" /usr/bin/bash
  copy_with_libs /usr/bin/pgrep "$rootfs" /usr/bin/pgrep
  install -m 0755 "$here/kind-node/systemctl" "$rootfs/usr/bin/systemctl"
  add_busybox "$rootfs"
  copy_elf_deps "$rootfs"
}
# ---- kind-node recipe end ----

kind_node_hash() {
  { build_key; section 'image recipe'; section 'kind-node recipe'
    for f in "$here"/kind-node/*; do printf '%s\n' "$(basename "$f")"; cat "$f"; done; } | short_hash
}

# Builds the kind-compatible node image unless present; sets kind_node_tag; progress on stderr.
kind_node_tag=""
ensure_kind_node_image() {
  require_docker
  lock_cache
  build_kind_node_locked
  unlock_cache
}

build_kind_node_locked() {
  local hash tag
  hash=$(kind_node_hash)
  tag="$kind_node_repo:$k8s_version-$hash"

  step "check image $tag"
  if image_is_current "$tag" "$hash"; then
    say "image present: $tag"
    kind_node_tag=$tag
    return 0
  fi

  require_root
  local started=$SECONDS bins
  if ! binaries_cached; then
    step "build binaries (not cached)"
    build_binaries_locked
  fi
  bins=$(bin_dir)

  step "install node packages: $kind_node_packages"
  local missing=() p
  for p in $kind_node_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  fi

  local work build_name="ksail-testbed-kind-node-build-$hash" build_image="$kind_node_repo:build-$hash"
  work=$(mktemp -d /tmp/ksail-testbed-kind-node.XXXXXX)
  trap 'rm -rf "$work"; docker rm -f -v "$build_name" >/dev/null 2>&1; docker rmi "$build_image" >/dev/null 2>&1; on_exit' EXIT

  step "list the images kubeadm $k8s_version uses"
  local refs ref sandbox="" skipped=()
  refs=$("$bins/kubeadm" config images list --kubernetes-version "$k8s_version" 2>/dev/null) \
    || die "kubeadm config images list --kubernetes-version $k8s_version failed"
  for ref in $refs; do
    case "${ref##*/}" in pause:*) sandbox=$ref ;; esac
  done
  [ -n "$sandbox" ] || die "kubeadm lists no pause image"

  mkdir -p "$work/archives"
  local loaded=()
  for ref in $refs; do
    step "component image $ref"
    local rc=0
    rm -rf "$work/component"
    component_rootfs "$ref" "$work/component" "$bins" || rc=$?
    if [ "$rc" = 2 ]; then
      say "not built: $ref (no Debian package or source in the test bed for it)"
      skipped+=("$ref")
      continue
    fi
    [ "$rc" = 0 ] || die "could not assemble the rootfs of $ref"
    docker_archive "$work/component" "$ref" "$component_entrypoint" "$work/archives/${#loaded[@]}.tar" \
      || die "could not write the docker-archive of $ref"
    loaded+=("$ref")
  done
  rm -rf "$work/component"

  step "stand-in kindnetd image $stand_in_kindnetd_image"
  stand_in_kindnetd_rootfs "$work/component" "$bins" || die "could not assemble the stand-in kindnetd rootfs"
  docker_archive "$work/component" "$stand_in_kindnetd_image" '["/usr/local/bin/stand-in-kindnetd"]' \
    "$work/archives/${#loaded[@]}.tar" || die "could not write the docker-archive of $stand_in_kindnetd_image"
  loaded+=("$stand_in_kindnetd_image")
  rm -rf "$work/component"

  step "assemble the node rootfs"
  kind_node_rootfs "$work/rootfs" "$bins" "$hash" "$sandbox" || die "could not assemble the node rootfs"

  step "docker import the node rootfs as $build_image"
  tar --numeric-owner -C "$work/rootfs" -c . | docker import - "$build_image" >/dev/null || die "docker import failed"
  rm -rf "$work/rootfs"

  step "import the images into the node's containerd (build container $build_name)"
  kind_node_security_flags
  docker run -d --name "$build_name" --label io.ksail.testbed=true --label io.ksail.test=true \
    "${node_flags[@]}" --tmpfs /run --tmpfs /tmp \
    --entrypoint /usr/bin/containerd "$build_image" --config /etc/containerd/config.toml >/dev/null \
    || die "docker run $build_image failed"
  local i=0
  until docker exec "$build_name" ctr version >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 100 ] || { docker logs --tail 20 "$build_name" >&2; die "containerd in $build_name did not answer within 10s"; }
    sleep 0.1
  done
  local n
  for n in "${!loaded[@]}"; do
    docker exec -i "$build_name" ctr -n k8s.io images import --all-platforms --no-unpack - \
      <"$work/archives/$n.tar" >/dev/null || die "ctr images import of ${loaded[$n]} failed"
  done
  local listed
  listed=$(docker exec "$build_name" ctr -n k8s.io images ls -q)
  for ref in "${loaded[@]}"; do
    grep -qE "(^|/)${ref//./\\.}\$" <<<"$listed" || die "$ref is not in the node's containerd after the import"
  done
  step "stop containerd and commit $tag"
  docker stop -t 30 "$build_name" >/dev/null || die "docker stop $build_name failed"
  docker commit \
    --change 'ENTRYPOINT ["/usr/local/bin/entrypoint"]' \
    --change 'CMD []' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change "LABEL io.ksail.testbed.kubernetes=$k8s_version" \
    --change 'LABEL io.ksail.testbed.role=kind-node' \
    "$build_name" "$tag" >/dev/null || die "docker commit $build_name failed"
  docker rm -f -v "$build_name" >/dev/null
  docker rmi "$build_image" >/dev/null 2>&1 || true
  rm -rf "$work"
  trap on_exit EXIT
  say "image built in $((SECONDS - started)) s: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')); pre-loaded: ${loaded[*]}"
  [ ${#skipped[@]} -eq 0 ] || say "not pre-loaded (cannot be built here): ${skipped[*]}"
  kind_node_tag=$tag

  step "remove kind-node images of older recipes (kept while a container uses one)"
  remove_older_images "$kind_node_repo" "$tag"
}

# ---- k3s-node recipe begin ----
# The K3s stand-in node image: what k3d starts as rancher/k3s (ENTRYPOINT /bin/k3s, `server` or
# `agent`, the same VOLUMEs), built from the cached binaries and Debian's packages. Everything
# between these markers, the files in k3s-node/, the image and kind-node recipes above (their
# helpers are shared), kind-node/iptables-wrapper and the build key decide the image.
k3s_node_repo=ksail-testbed/k3s-node
k3s_node_packages="busybox-static containerd runc containernetworking-plugins iptables conntrack etcd-server etcd-client openssl netbase jq"
# The sandbox image k3s 1.20 configures, without a registry host (containerd adds the default one).
k3s_pause_image=rancher/pause:3.1

# All node flags for K3s stand-in node NAME of cluster CLUSTER (the Docker network's name): the
# security flags above in place of k3d's --privileged (ONE place; the C# K3sStandInCluster
# mirrors it), k3d's tmpfs /run and /var/run, and for each VOLUME the image declares (as
# rancher/k3s does) a named volume labelled for the leak guard, where Docker would make an
# anonymous one.
k3s_node_flags() {
  local node=$1 cluster=$2 v
  kind_node_security_flags
  node_flags+=(--tmpfs /run --tmpfs /var/run)
  for v in k3s:/var/lib/rancher/k3s kubelet:/var/lib/kubelet cni:/var/lib/cni log:/var/log; do
    node_flags+=(--mount "type=volume,source=$node-${v%%:*},target=${v#*:},volume-label=io.ksail.test=true,volume-label=io.ksail.testbed.cluster=$cluster")
  done
}

k3s_node_rootfs() {
  local rootfs=$1 bins=$2 hash=$3 work=$4 lib f
  lib=$rootfs/usr/lib/k3s-stand-in
  base_rootfs "$rootfs"
  copy_package_files "$rootfs" containerd runc containernetworking-plugins || return 1
  add_iptables "$rootfs" || return 1
  mkdir -p "$rootfs/opt/cni/bin" "$lib/manifests" "$rootfs/etc/rancher/k3s" "$rootfs/bin/aux" \
    "$rootfs/var/lib/rancher/k3s/agent/images" "$rootfs/var/lib/rancher/k3s/server/manifests" \
    "$rootfs/var/lib/kubelet" "$rootfs/var/lib/cni" "$rootfs/var/log"
  mv "$rootfs"/usr/lib/cni/* "$rootfs/opt/cni/bin/"
  rmdir "$rootfs/usr/lib/cni"
  rm -f "$rootfs/etc/containerd/config.toml"
  for f in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy; do
    install -m 0755 "$bins/$f" "$rootfs/usr/bin/$f"
  done
  # kubectl and ctr behind k3s's multi-call names (kubectl: k3s.yaml by default; ctr: k3s's socket).
  install -m 0755 "$bins/kubectl" "$lib/kubectl"
  mv "$rootfs/usr/bin/ctr" "$lib/ctr"
  copy_with_libs /usr/bin/etcd "$rootfs" /usr/bin/etcd
  # etcdctl: a server joining another's etcd cluster adds itself as a member with it.
  copy_with_libs /usr/bin/etcdctl "$rootfs" /usr/bin/etcdctl
  copy_with_libs /usr/bin/openssl "$rootfs" /usr/bin/openssl
  install -m 0755 "$here/k3s-node/k3s" "$rootfs/usr/bin/k3s"
  for f in kubectl ctr crictl; do ln -s k3s "$rootfs/usr/bin/$f"; done
  install -m 0755 "$here/k3s-node/stand-in-flannel" "$lib/stand-in-flannel"
  install -m 0755 "$here/k3s-node/flannel-cni" "$rootfs/opt/cni/bin/flannel"
  install -m 0644 "$here/k3s-node/containerd-config.toml" "$lib/containerd-config.toml"
  install -m 0644 "$here"/k3s-node/manifests/*.yaml "$lib/manifests/"
  printf 'openssl_conf = default_conf\n[default_conf]\n' >"$lib/openssl.cnf"
  printf '%s\n' "$k3s_pause_image" >"$lib/pause-image"
  printf '%s\n' "$hash" >"$lib/recipe"
  printf 'PRETTY_NAME="K3s %s+k3s-stand-in"\n' "$k8s_version" >"$rootfs/etc/os-release"
  # k3s's air-gap images folder: the pause image, imported into containerd at every start.
  rm -rf "$work/pause"
  component_rootfs "$k3s_pause_image" "$work/pause" "$bins" || return 1
  docker_archive "$work/pause" "$k3s_pause_image" '["/pause"]' \
    "$rootfs/var/lib/rancher/k3s/agent/images/k3s-stand-in-images.tar" || return 1
  rm -rf "$work/pause"
  add_busybox "$rootfs"
  copy_elf_deps "$rootfs"
}

import_k3s_node_image() {
  local rootfs=$1 tag=$2 hash=$3
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENTRYPOINT ["/bin/k3s"]' \
    --change 'CMD ["agent"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/bin/aux' \
    --change 'VOLUME /var/lib/kubelet' \
    --change 'VOLUME /var/lib/rancher/k3s' \
    --change 'VOLUME /var/lib/cni' \
    --change 'VOLUME /var/log' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change "LABEL io.ksail.testbed.kubernetes=$k8s_version" \
    --change 'LABEL io.ksail.testbed.role=k3s-node' \
    - "$tag" >/dev/null
}
# ---- k3s-node recipe end ----

k3s_node_hash() {
  { build_key; section 'image recipe'; section 'kind-node recipe'; section 'k3s-node recipe'
    cat "$here/kind-node/iptables-wrapper"
    for f in "$here"/k3s-node/* "$here"/k3s-node/manifests/*; do
      [ -f "$f" ] || continue
      printf '%s\n' "${f#"$here"/}"; cat "$f"
    done; } | short_hash
}

# Builds the K3s stand-in node image unless present; sets k3s_node_tag; progress on stderr.
k3s_node_tag=""
ensure_k3s_node_image() {
  require_docker
  lock_cache
  build_k3s_node_locked
  unlock_cache
}

build_k3s_node_locked() {
  local hash tag
  hash=$(k3s_node_hash)
  tag="$k3s_node_repo:$k8s_version-$hash"

  step "check image $tag"
  if image_is_current "$tag" "$hash"; then
    say "image present: $tag"
    k3s_node_tag=$tag
    return 0
  fi

  require_root
  local started=$SECONDS bins
  if ! binaries_cached; then
    step "build binaries (not cached)"
    build_binaries_locked
  fi
  bins=$(bin_dir)

  step "install node packages: $k3s_node_packages"
  local missing=() p
  for p in $k3s_node_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  fi

  local work
  work=$(mktemp -d /tmp/ksail-testbed-k3s-node.XXXXXX)
  trap 'rm -rf "$work"; on_exit' EXIT

  step "assemble the K3s stand-in rootfs"
  k3s_node_rootfs "$work/rootfs" "$bins" "$hash" "$work" || die "could not assemble the K3s stand-in rootfs"

  step "docker import $tag"
  import_k3s_node_image "$work/rootfs" "$tag" "$hash" || die "docker import failed"
  rm -rf "$work"
  trap on_exit EXIT
  say "image built in $((SECONDS - started)) s: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
  k3s_node_tag=$tag

  step "remove k3s-node images of older recipes (kept while a container uses one)"
  remove_older_images "$k3s_node_repo" "$tag"
}

# Builds an image from Debian packages unpacked into a rootfs, unless present: the stand-ins that
# need no Kubernetes build (k3d-proxy, kind load balancer, registry). Arguments: what it is (for
# messages), its repository, its recipe hash, the function that assembles its rootfs (ROOTFS WORK),
# the function that imports it (ROOTFS TAG HASH), the packages it downloads (for messages) and a
# name for its work folder. Sets built_tag; progress on stderr.
built_tag=""
build_unpacked_image_locked() {
  local what=$1 repo=$2 hash=$3 rootfs_fn=$4 import_fn=$5 debs=$6 slug=$7 tag
  tag="$repo:$hash"

  step "check image $tag"
  if image_is_current "$tag" "$hash"; then
    say "image present: $tag"
    built_tag=$tag
    return 0
  fi

  require_root
  local started=$SECONDS work
  work=$(mktemp -d "/tmp/ksail-testbed-$slug.XXXXXX")
  trap 'rm -rf "$work"; on_exit' EXIT

  step "assemble the $what rootfs (apt-get download $debs)"
  "$rootfs_fn" "$work/rootfs" "$work" || die "could not assemble the $what rootfs"

  step "docker import $tag"
  "$import_fn" "$work/rootfs" "$tag" "$hash" || die "docker import failed"
  rm -rf "$work"
  trap on_exit EXIT
  say "image built in $((SECONDS - started)) s: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
  built_tag=$tag

  step "remove $what images of older recipes (kept while a container uses one)"
  remove_older_images "$repo" "$tag"
}

# ---- k3d-proxy recipe begin ----
# The k3d-proxy stand-in: what k3d starts as its server load balancer (ghcr.io/k3d-io/k3d-proxy:
# nginx with the stream module, configured from /etc/confd/values.yaml), built from Debian's nginx
# packages, which are downloaded and unpacked, never installed on the host. Everything between
# these markers, the files in k3d-proxy/ and the image and kind-node recipes above (their helpers
# are shared) decide the image; the Kubernetes build does not.
k3d_proxy_repo=ksail-testbed/k3d-proxy
# Debian 12's nginx (the nginx-light/-core flavours are metapackages over it) and its stream module.
k3d_proxy_debs="nginx libnginx-mod-stream"

k3d_proxy_rootfs() {
  local rootfs=$1 work=$2 deb
  base_rootfs "$rootfs"
  mkdir -p "$work/debs" "$work/tree"
  (cd "$work/debs" && apt-get download -qq $k3d_proxy_debs) >/dev/null 2>"$work/apt.log" \
    || { cat "$work/apt.log" >&2; return 1; }
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/tree" || return 1; done
  install -m 0755 "$work/tree/usr/sbin/nginx" "$rootfs/usr/sbin/nginx"
  install -D -m 0644 "$work/tree/usr/lib/nginx/modules/ngx_stream_module.so" \
    "$rootfs/usr/lib/nginx/modules/ngx_stream_module.so"
  # nginx's built-in paths: its default error log, pid file (/run), temp and config folders.
  mkdir -p "$rootfs/etc/nginx" "$rootfs/etc/confd" "$rootfs/var/log/nginx" "$rootfs/var/lib/nginx" "$rootfs/var/lock"
  install -m 0755 "$here/k3d-proxy/nginx-proxy" "$rootfs/usr/bin/nginx-proxy"
  add_busybox "$rootfs"
  copy_elf_deps "$rootfs"
  # Every library found: nginx loads the stream module and checks a config in the rootfs.
  printf 'load_module /usr/lib/nginx/modules/ngx_stream_module.so;\nevents {}\nstream {}\n' >"$work/check.conf"
  cp "$work/check.conf" "$rootfs/tmp/check.conf"
  chroot "$rootfs" /usr/sbin/nginx -t -q -c /tmp/check.conf -e stderr || return 1
  rm -f "$rootfs/tmp/check.conf"
}

import_k3d_proxy_image() {
  local rootfs=$1 tag=$2 hash=$3
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENTRYPOINT ["/usr/bin/nginx-proxy"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change 'LABEL io.ksail.testbed.role=k3d-proxy' \
    - "$tag" >/dev/null
}
# ---- k3d-proxy recipe end ----

k3d_proxy_hash() {
  { section 'image recipe'; section 'kind-node recipe'; section 'k3d-proxy recipe'
    for f in "$here"/k3d-proxy/*; do printf '%s\n' "${f#"$here"/}"; cat "$f"; done; } | short_hash
}

# Builds the k3d-proxy stand-in image unless present; sets k3d_proxy_tag; progress on stderr.
k3d_proxy_tag=""
ensure_k3d_proxy_image() {
  require_docker
  lock_cache
  build_k3d_proxy_locked
  unlock_cache
}

build_k3d_proxy_locked() {
  build_unpacked_image_locked "k3d-proxy stand-in" "$k3d_proxy_repo" "$(k3d_proxy_hash)" \
    k3d_proxy_rootfs import_k3d_proxy_image "$k3d_proxy_debs" k3d-proxy
  k3d_proxy_tag=$built_tag
}

# ---- kind-load-balancer recipe begin ----
# The stand-in for the image kind runs as a cluster's external load balancer (kind v0.32 runs
# docker.io/envoyproxy/envoy with a bootstrap command and feeds it file-based listeners and
# clusters): bash for that command, a stand-in `envoy` that renders those files into Debian's
# haproxy config and reloads it, and Envoy's entry point and home folder. The packages are
# downloaded and unpacked, never installed on the host. Everything between these markers, the files
# in kind-load-balancer/ and the image and kind-node recipes above (their helpers are shared) decide
# the image; the Kubernetes build does not.
kind_lb_repo=ksail-testbed/kind-load-balancer
# Debian 12's haproxy and the libraries it links that a host may lack.
kind_lb_debs="haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1"

kind_lb_rootfs() {
  local rootfs=$1 work=$2 deb
  base_rootfs "$rootfs"
  mkdir -p "$work/debs" "$work/tree"
  (cd "$work/debs" && apt-get download -qq $kind_lb_debs) >/dev/null 2>"$work/apt.log" \
    || { cat "$work/apt.log" >&2; return 1; }
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/tree" || return 1; done
  install -m 0755 "$work/tree/usr/sbin/haproxy" "$rootfs/usr/sbin/haproxy"
  mkdir -p "$rootfs/usr/lib/x86_64-linux-gnu"
  cp -a "$work"/tree/usr/lib/x86_64-linux-gnu/*.so.* "$rootfs/usr/lib/x86_64-linux-gnu/" || return 1
  # kind's bootstrap command runs under bash (the host's, from Debian's bash package).
  copy_with_libs /bin/bash "$rootfs" /usr/bin/bash
  install -m 0755 "$here/kind-load-balancer/envoy" "$rootfs/usr/local/bin/envoy"
  install -m 0755 "$here/kind-load-balancer/docker-entrypoint.sh" "$rootfs/docker-entrypoint.sh"
  mkdir -p "$rootfs/etc/envoy" "$rootfs/home/envoy"
  printf 'envoy:x:101:101::/home/envoy:/usr/sbin/nologin\n' >>"$rootfs/etc/passwd"
  printf 'envoy:x:101:\n' >>"$rootfs/etc/group"
  chown 101:101 "$rootfs/home/envoy"
  add_busybox "$rootfs"
  copy_elf_deps "$rootfs"
  # Every library found: haproxy checks a config in the rootfs.
  printf 'defaults\n  mode tcp\n  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\nfrontend f\n  bind 127.0.0.1:6443\n' >"$rootfs/tmp/check.cfg"
  chroot "$rootfs" /usr/sbin/haproxy -c -q -f /tmp/check.cfg || return 1
  chroot "$rootfs" /usr/bin/bash -c 'exit 0' || return 1
  rm -f "$rootfs/tmp/check.cfg"
}

import_kind_lb_image() {
  local rootfs=$1 tag=$2 hash=$3
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENTRYPOINT ["/docker-entrypoint.sh"]' \
    --change 'CMD ["envoy", "-c", "/etc/envoy/envoy.yaml"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'EXPOSE 10000' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change 'LABEL io.ksail.testbed.role=kind-load-balancer' \
    - "$tag" >/dev/null
}
# ---- kind-load-balancer recipe end ----

kind_lb_hash() {
  { section 'image recipe'; section 'kind-node recipe'; section 'kind-load-balancer recipe'
    for f in "$here"/kind-load-balancer/*; do printf '%s\n' "${f#"$here"/}"; cat "$f"; done; } | short_hash
}

# Builds the kind load-balancer stand-in image unless present; sets kind_lb_tag; progress on stderr.
kind_lb_tag=""
ensure_kind_lb_image() {
  require_docker
  lock_cache
  build_kind_lb_locked
  unlock_cache
}

build_kind_lb_locked() {
  build_unpacked_image_locked "kind load-balancer stand-in" "$kind_lb_repo" "$(kind_lb_hash)" \
    kind_lb_rootfs import_kind_lb_image "$kind_lb_debs" kind-lb
  kind_lb_tag=$built_tag
}

# ---- registry recipe begin ----
# The stand-in for registry:3 (the distribution registry KSail runs as a local registry and as
# pull-through mirrors): Debian's docker-registry package (distribution 2.8), downloaded and
# unpacked, never installed on the host, with a config of its own (registry/config.yml: no
# htpasswd, storage under /var/lib/registry, :5000) at registry:3's path, registry:3's entry-point
# shape and busybox (registry:3 is Alpine-based: its wget serves health checks). Proxy mode comes
# from REGISTRY_PROXY_REMOTEURL, as in registry:3. Everything between these markers, the files in
# registry/ and the image and kind-node recipes above (their helpers are shared) decide the image;
# the Kubernetes build does not.
registry_repo=ksail-testbed/registry
registry_debs="docker-registry"

registry_rootfs() {
  local rootfs=$1 work=$2 deb
  base_rootfs "$rootfs"
  mkdir -p "$work/debs" "$work/tree"
  (cd "$work/debs" && apt-get download -qq $registry_debs) >/dev/null 2>"$work/apt.log" \
    || { cat "$work/apt.log" >&2; return 1; }
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/tree" || return 1; done
  install -m 0755 "$work/tree/usr/bin/docker-registry" "$rootfs/usr/bin/docker-registry"
  ln -s docker-registry "$rootfs/usr/bin/registry"
  install -D -m 0644 "$here/registry/config.yml" "$rootfs/etc/distribution/config.yml"
  install -m 0755 "$here/registry/entrypoint.sh" "$rootfs/entrypoint.sh"
  mkdir -p "$rootfs/var/lib/registry"
  add_busybox "$rootfs"
  copy_elf_deps "$rootfs"
  # Every library found: the registry prints its version in the rootfs.
  chroot "$rootfs" /usr/bin/registry --version >/dev/null || return 1
}

import_registry_image() {
  local rootfs=$1 tag=$2 hash=$3
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENTRYPOINT ["/entrypoint.sh"]' \
    --change 'CMD ["/etc/distribution/config.yml"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'EXPOSE 5000' \
    --change 'VOLUME /var/lib/registry' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change 'LABEL io.ksail.testbed.role=registry' \
    - "$tag" >/dev/null
}
# ---- registry recipe end ----

registry_hash() {
  { section 'image recipe'; section 'kind-node recipe'; section 'registry recipe'
    for f in "$here"/registry/*; do printf '%s\n' "${f#"$here"/}"; cat "$f"; done; } | short_hash
}

# Builds the registry stand-in image unless present; sets registry_tag; progress on stderr.
registry_tag=""
ensure_registry_image() {
  require_docker
  lock_cache
  build_registry_locked
  unlock_cache
}

build_registry_locked() {
  build_unpacked_image_locked "registry stand-in" "$registry_repo" "$(registry_hash)" \
    registry_rootfs import_registry_image "$registry_debs" registry
  registry_tag=$built_tag
}

# ---- kwok images recipe begin ----
# The images kwokctl's container runtime starts for a KWOK cluster, each holding its program on
# PATH under kwokctl's name (kwokctl runs every container with --entrypoint=<name>): etcd from
# Debian's etcd-server package, kube-apiserver, kube-controller-manager and kube-scheduler from
# the cached Kubernetes binaries (copied; the build recipe is not touched). No shell, as the
# registry.k8s.io images. Everything between these markers, the image and kind-node recipes
# above (their helpers are shared) and the build key decide the images.
kwok_repo_prefix=ksail-testbed/kwok-
kwok_components="etcd kube-apiserver kube-controller-manager kube-scheduler"
kwok_packages="etcd-server"

kwok_component_rootfs() {
  local name=$1 rootfs=$2 bins=$3
  base_rootfs "$rootfs"
  case "$name" in
    etcd)
      copy_with_libs /usr/bin/etcd "$rootfs" /usr/local/bin/etcd
      copy_with_libs /usr/bin/etcdctl "$rootfs" /usr/local/bin/etcdctl
      mkdir -p "$rootfs/etcd-data" "$rootfs/var/lib/etcd" ;;
    *) install -m 0755 "$bins/$name" "$rootfs/usr/local/bin/$name" ;;
  esac
  copy_elf_deps "$rootfs"
  # The program runs in the rootfs under its kwokctl name (every library found).
  chroot "$rootfs" "$name" --version >/dev/null || return 1
}

# Imports ROOTFS as TAG with ENTRYPOINT ENTRY and role ROLE (labels as every test-bed image).
import_kwok_image() {
  local rootfs=$1 tag=$2 hash=$3 role=$4 entry=$5
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change "ENTRYPOINT [\"$entry\"]" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL io.ksail.test=false' \
    --change 'LABEL io.ksail.testbed=true' \
    --change "LABEL io.ksail.testbed.recipe=$hash" \
    --change "LABEL io.ksail.testbed.kubernetes=$k8s_version" \
    --change "LABEL io.ksail.testbed.role=$role" \
    - "$tag" >/dev/null
}
# ---- kwok images recipe end ----

# ---- kwok stand-in recipe begin ----
# The kwok controller STAND-IN (kwok-controller-stand-in/main.go; see its package comment and
# README.md): compiled with the test bed's Go against the vendored client-go of the Kubernetes
# 1.20.2 source package (only vendor/ and staging/ are unpacked, with the same reflect2 fix as the
# Kubernetes build), into a cache folder of its own. Everything between these markers, the
# files in kwok-controller-stand-in/ and the Go version decide the binary and its image; the
# Kubernetes build recipe does not (its reflect2 fix is called, not copied).
kwok_stand_in_repo=ksail-testbed/kwok-controller-stand-in
kwok_stand_in_packages="golang-go golang-github-modern-go-reflect2-dev busybox-static"

compile_kwok_stand_in() {
  local tree=$1 out=$2
  mkdir -p "$tree/cmd/kwok-stand-in" "$tree/.go/src/k8s.io"
  cp "$here"/kwok-controller-stand-in/*.go "$tree/cmd/kwok-stand-in/"
  ln -sfn ../../.. "$tree/.go/src/k8s.io/kubernetes"
  (cd "$tree" && env -u GOFLAGS GOPATH="$tree/.go" GO111MODULE=off CGO_ENABLED=0 GOCACHE="$cache_root/go-build" \
    go build -trimpath -ldflags=-s -o "$out" k8s.io/kubernetes/cmd/kwok-stand-in)
}

kwok_stand_in_rootfs() {
  local rootfs=$1 binary=$2
  base_rootfs "$rootfs"
  install -m 0755 "$binary" "$rootfs/usr/local/bin/kwok"
  mkdir -p "$rootfs/root/.kwok"
  add_busybox "$rootfs"
}
# ---- kwok stand-in recipe end ----

kwok_images_hash() {
  { build_key; section 'image recipe'; section 'kind-node recipe'; section 'kwok images recipe'; } | short_hash
}
kwok_stand_in_hash() {
  { printf '%s\n' "$k8s_version" "$(go version 2>/dev/null || echo no-go)"
    section 'image recipe'; section 'kind-node recipe'; section 'kwok images recipe'; section 'kwok stand-in recipe'
    for f in "$here"/kwok-controller-stand-in/*; do printf '%s\n' "${f#"$here"/}"; cat "$f"; done; } | short_hash
}

install_missing_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  fi
}

# Builds the four kwok component images unless present; sets kwok_tags[<name>]; progress on stderr.
declare -A kwok_tags=()
ensure_kwok_images() {
  require_docker
  lock_cache
  build_kwok_images_locked
  build_kwok_stand_in_locked
  unlock_cache
}

build_kwok_images_locked() {
  local hash name tag repo version_tag work started=$SECONDS
  hash=$(kwok_images_hash)
  for name in $kwok_components; do
    repo="$kwok_repo_prefix$name"
    version_tag="$k8s_version-$hash"
    [ "$name" = etcd ] && version_tag=$hash
    tag="$repo:$version_tag"
    step "check image $tag"
    if image_is_current "$tag" "$hash"; then
      say "image present: $tag"
      kwok_tags[$name]=$tag
      continue
    fi
    require_root
    if [ "$name" != etcd ] && ! binaries_cached; then
      step "build binaries (not cached)"
      build_binaries_locked
    fi
    install_missing_packages $kwok_packages
    work=$(mktemp -d /tmp/ksail-testbed-kwok.XXXXXX)
    trap 'rm -rf "$work"; on_exit' EXIT
    step "assemble the kwok $name rootfs"
    kwok_component_rootfs "$name" "$work/rootfs" "$(bin_dir)" || die "could not assemble the kwok $name rootfs (or $name --version failed in it)"
    step "docker import $tag"
    import_kwok_image "$work/rootfs" "$tag" "$hash" "kwok-$name" "/usr/local/bin/$name" || die "docker import failed"
    rm -rf "$work"
    trap on_exit EXIT
    say "image built in $((SECONDS - started)) s: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
    kwok_tags[$name]=$tag
    step "remove kwok-$name images of older recipes (kept while a container uses one)"
    remove_older_images "$repo" "$tag"
  done
}

build_kwok_stand_in_locked() {
  local hash tag dir work started=$SECONDS
  install_missing_packages $kwok_stand_in_packages
  hash=$(kwok_stand_in_hash)
  tag="$kwok_stand_in_repo:$hash"
  step "check image $tag"
  if image_is_current "$tag" "$hash"; then
    say "image present: $tag"
    kwok_tags[controller]=$tag
    return 0
  fi
  require_root
  dir="$cache_root/kwok-stand-in-$hash"
  if [ ! -f "$dir/.complete" ]; then
    step "compile the kwok controller stand-in (Go $(go env GOVERSION), vendored client-go of $k8s_version)"
    local origs orig
    download_source_package
    origs=("$cache_root/src"/kubernetes_*.orig.tar.gz)
    orig=${origs[-1]}
    [ -f "$orig" ] || die "no kubernetes_*.orig.tar.gz in $cache_root/src"
    work=$(mktemp -d /tmp/ksail-testbed-kwok-stand-in.XXXXXX)
    trap 'rm -rf "$work"; on_exit' EXIT
    tar -xzf "$orig" -C "$work" "kubernetes-${k8s_version#v}/vendor" "kubernetes-${k8s_version#v}/staging" \
      || die "could not unpack vendor/ and staging/ of $(basename "$orig")"
    (cd "$work/kubernetes-${k8s_version#v}" && fix_reflect2)
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    compile_kwok_stand_in "$work/kubernetes-${k8s_version#v}" "$dir.tmp/kwok" >"$work/build.log" 2>&1 \
      || { tail -n 40 "$work/build.log" >&2; die "go build of the kwok controller stand-in failed"; }
    touch "$dir.tmp/.complete"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    rm -rf "$work"
    trap on_exit EXIT
    say "stand-in compiled in $((SECONDS - started)) s: $dir/kwok"
  fi
  work=$(mktemp -d /tmp/ksail-testbed-kwok-stand-in.XXXXXX)
  trap 'rm -rf "$work"; on_exit' EXIT
  step "assemble the kwok controller stand-in rootfs"
  kwok_stand_in_rootfs "$work/rootfs" "$dir/kwok" || die "could not assemble the kwok controller stand-in rootfs"
  chroot "$work/rootfs" kwok --help >/dev/null 2>&1 || die "the stand-in does not run in its rootfs (kwok --help)"
  step "docker import $tag"
  import_kwok_image "$work/rootfs" "$tag" "$hash" kwok-controller /usr/local/bin/kwok || die "docker import failed"
  rm -rf "$work"
  trap on_exit EXIT
  say "image built in $((SECONDS - started)) s: $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
  kwok_tags[controller]=$tag
  step "remove kwok controller stand-in images of older recipes (kept while a container uses one)"
  remove_older_images "$kwok_stand_in_repo" "$tag"
}

cmd_images() {
  command_name=images
  ensure_image
  ensure_kind_node_image
  ensure_k3s_node_image
  ensure_k3d_proxy_image
  ensure_kind_lb_image
  ensure_registry_image
  ensure_kwok_images
  echo "control-plane=$image_tag"
  echo "kind-node=$kind_node_tag"
  echo "k3s-node=$k3s_node_tag"
  echo "k3d-proxy=$k3d_proxy_tag"
  echo "kind-load-balancer=$kind_lb_tag"
  echo "registry=$registry_tag"
  echo "kwok-etcd=${kwok_tags[etcd]}"
  echo "kwok-kube-apiserver=${kwok_tags[kube-apiserver]}"
  echo "kwok-kube-controller-manager=${kwok_tags[kube-controller-manager]}"
  echo "kwok-kube-scheduler=${kwok_tags[kube-scheduler]}"
  echo "kwok-controller=${kwok_tags[controller]}"
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

  if [ -z "$name" ]; then
    # Clusters of kind-cluster-up: their named /var volumes and networks go too.
    local cluster
    for cluster in $(docker ps -a --filter label=io.ksail.testbed.cluster --format '{{.Label "io.ksail.testbed.cluster"}}' | sort -u); do
      [[ "$cluster" =~ ^[a-z0-9][a-z0-9-]*$ ]] || continue
      step "remove kind cluster $cluster"
      kind_cluster_remove "$cluster"
      say "removed kind cluster $cluster"
    done
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

# The kubeadm configuration kind (v0.2x) generates for a Kubernetes 1.20 node (its v1beta2
# template, cgroupfs driver, kube-proxy conntrack.maxPerCore 0), rendered for one node.
# Args: cluster, node name, node address, control-plane endpoint, token, is-control-plane (0/1).
kind_kubeadm_config() {
  local cluster=$1 node=$2 address=$3 endpoint=$4 token=$5 control_plane=$6
  cat <<YAML
# config generated by kind
apiVersion: kubeadm.k8s.io/v1beta2
kind: ClusterConfiguration
metadata:
  name: config
kubernetesVersion: $k8s_version
clusterName: "$cluster"
featureGates:
  "IPv6DualStack": true
controlPlaneEndpoint: "$endpoint"
apiServer:
  certSANs: [localhost, "127.0.0.1"]
  extraArgs:
    "runtime-config": ""
controllerManager:
  extraArgs:
    enable-hostpath-provisioner: "true"
scheduler:
  extraArgs:
networking:
  podSubnet: "10.244.0.0/16"
  serviceSubnet: "10.96.0.0/16"
---
apiVersion: kubeadm.k8s.io/v1beta2
kind: InitConfiguration
metadata:
  name: config
bootstrapTokens:
- token: "$token"
localAPIEndpoint:
  advertiseAddress: "$address"
  bindPort: 6443
nodeRegistration:
  criSocket: "unix:///run/containerd/containerd.sock"
  kubeletExtraArgs:
    node-ip: "$address"
    provider-id: "kind://docker/$cluster/$node"
    node-labels: ""
---
apiVersion: kubeadm.k8s.io/v1beta2
kind: JoinConfiguration
metadata:
  name: config
YAML
  if [ "$control_plane" = 1 ]; then
    cat <<YAML
controlPlane:
  localAPIEndpoint:
    advertiseAddress: "$address"
    bindPort: 6443
YAML
  fi
  cat <<YAML
nodeRegistration:
  criSocket: "unix:///run/containerd/containerd.sock"
  kubeletExtraArgs:
    node-ip: "$address"
    provider-id: "kind://docker/$cluster/$node"
    node-labels: ""
discovery:
  bootstrapToken:
    apiServerEndpoint: "$endpoint"
    token: "$token"
    unsafeSkipCAVerification: true
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
metadata:
  name: config
cgroupDriver: cgroupfs
cgroupRoot: /kubelet
failSwapOn: false
imageGCHighThresholdPercent: 100
evictionHard:
  nodefs.available: "0%"
  nodefs.inodesFree: "0%"
  imagefs.available: "0%"
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
metadata:
  name: config
mode: "iptables"
iptables:
  minSyncPeriod: 1s
conntrack:
# Skip setting sysctl value "net.netfilter.nf_conntrack_max"
# It is a global variable that affects other namespaces
  maxPerCore: 0
YAML
}

kind_cluster_diagnostics() {
  local node
  for node in "$@"; do
    echo "---- $node: docker logs, then the last kubelet and containerd lines ----" >&2
    docker logs --tail 30 "$node" >&2 2>&1 || true
    docker exec "$node" sh -c 'tail -n 15 /var/log/kubelet.log; echo ....; tail -n 8 /var/log/containerd.log' >&2 2>&1 || true
  done
  echo "----" >&2
}

kind_cluster_remove() {
  local cluster=$1 c
  for c in $(docker ps -aq --filter "label=io.ksail.testbed.cluster=$cluster"); do
    docker rm -f -v "$c" >/dev/null 2>&1 || true
  done
  for c in $(docker volume ls -q --filter "label=io.ksail.testbed.cluster=$cluster"); do
    docker volume rm -f "$c" >/dev/null 2>&1 || true
  done
  # Named node volumes carry the node name; their label is io.ksail.test=true.
  for c in $(docker volume ls -q --filter label=io.ksail.test=true | grep -E "^$cluster-(control-plane|worker[0-9]*)-var\$" || true); do
    docker volume rm -f "$c" >/dev/null 2>&1 || true
  done
  docker network rm "$cluster" >/dev/null 2>&1 || true
  rm -rf "${run_root:?}/$cluster"
}

created_cluster=""
cmd_kind_cluster_up() {
  command_name=kind-cluster-up
  local name="" workers=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --name) [ $# -ge 2 ] || die "--name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#--name=}; shift ;;
      --workers) [ $# -ge 2 ] || die "--workers needs a value"; workers=$2; shift 2 ;;
      --workers=*) workers=${1#--workers=}; shift ;;
      *) die "unknown argument: $1 (usage: testbed.sh kind-cluster-up [--name NAME] [--workers N])" ;;
    esac
  done
  [ -n "$name" ] || name="ksail-kind-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  [[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "invalid cluster name: $name (lower-case letters, digits, -)"
  [[ "$workers" =~ ^[0-9]$ ]] || die "--workers must be 0-9"
  require_docker
  ensure_kind_node_image
  local image=$kind_node_tag cp="$name-control-plane" nodes=() node i
  nodes+=("$cp")
  for ((i = 1; i <= workers; i++)); do
    if [ $i = 1 ]; then nodes+=("$name-worker"); else nodes+=("$name-worker$i"); fi
  done
  if docker network inspect "$name" >/dev/null 2>&1 || docker container inspect "$cp" >/dev/null 2>&1; then
    die "a network or container named $name already exists"
  fi
  created_cluster=$name
  work_log_dir=$(mktemp -d /tmp/ksail-testbed-kind-cluster.XXXXXX)
  trap 'kind_cluster_on_exit' EXIT

  step "docker network create $name"
  docker network create --label io.ksail.test=true --label io.ksail.testbed=true \
    --label "io.ksail.testbed.cluster=$name" "$name" >/dev/null || die "docker network create $name failed"

  step "docker run ${nodes[*]}"
  local t0 t1 role extra
  t0=$(date +%s.%N)
  for node in "${nodes[@]}"; do
    kind_node_flags "$node"
    role=worker
    extra=()
    if [ "$node" = "$cp" ]; then
      role=control-plane
      extra=(-p 127.0.0.1::6443 -e KUBECONFIG=/etc/kubernetes/admin.conf)
    fi
    docker run -d --name "$node" --hostname "$node" --network "$name" --init=false \
      --label io.ksail.test=true --label io.ksail.testbed=true \
      --label "io.ksail.testbed.cluster=$name" --label "io.ksail.testbed.role=$role" \
      "${node_flags[@]}" "${extra[@]}" "$image" >/dev/null || die "docker run $node failed"
  done

  step "write /kind/kubeadm.conf into each node"
  local token address
  token="$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n').$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  for node in "${nodes[@]}"; do
    address=$(docker inspect --format "{{(index .NetworkSettings.Networks \"$name\").IPAddress}}" "$node")
    [ -n "$address" ] || die "$node has no address on network $name"
    kind_kubeadm_config "$name" "$node" "$address" "$cp:6443" "$token" "$([ "$node" = "$cp" ] && echo 1 || echo 0)" \
      | docker exec -i "$node" sh -c 'mkdir -p /kind && cp /dev/stdin /kind/kubeadm.conf' \
      || die "could not write /kind/kubeadm.conf into $node"
  done

  step "kubeadm init on $cp"
  local out
  if ! out=$(docker exec "$cp" kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6 --skip-phases=preflight 2>&1); then
    printf '%s\n' "$out" | tail -n 30 >&2
    kind_cluster_diagnostics "$cp"
    die "kubeadm init failed on $cp"
  fi
  say "kubeadm init done $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s after the first docker run"
  if [ "$workers" = 0 ]; then
    step "remove the control-plane taint (single node)"
    docker exec "$cp" kubectl --kubeconfig=/etc/kubernetes/admin.conf taint nodes --all node-role.kubernetes.io/master- >/dev/null \
      || die "kubectl taint failed"
    docker exec "$cp" kubectl --kubeconfig=/etc/kubernetes/admin.conf label nodes --all node.kubernetes.io/exclude-from-external-load-balancers- >/dev/null 2>&1 || true
  fi

  step "install the CNI manifest (/kind/manifests/default-cni.yaml)"
  docker exec "$cp" cat /kind/manifests/default-cni.yaml \
    | sed -e 's|{{ \.PodSubnet }}|10.244.0.0/16|' \
          -e "0,/^        env:\$/s||        env:\\n        - name: CONTROL_PLANE_ENDPOINT\\n          value: $cp:6443|" \
    | docker exec -i "$cp" kubectl create --kubeconfig=/etc/kubernetes/admin.conf -f - >/dev/null \
    || die "kubectl create of the CNI manifest failed"

  step "install the storage manifest (/kind/manifests/default-storage.yaml)"
  docker exec "$cp" cat /kind/manifests/default-storage.yaml \
    | docker exec -i "$cp" kubectl --kubeconfig=/etc/kubernetes/admin.conf apply -f - >/dev/null \
    || die "kubectl apply of the storage manifest failed"

  if [ "$workers" -gt 0 ]; then
    step "kubeadm join on ${nodes[*]:1}"
    local pids=() failed=()
    for node in "${nodes[@]:1}"; do
      docker exec "$node" kubeadm join --config /kind/kubeadm.conf --v=6 --skip-phases=preflight >"$work_log_dir/$node.join.log" 2>&1 &
      pids+=($!)
    done
    for i in "${!pids[@]}"; do
      wait "${pids[$i]}" || failed+=("${nodes[$((i + 1))]}")
    done
    if [ ${#failed[@]} -gt 0 ]; then
      for node in "${failed[@]}"; do tail -n 20 "$work_log_dir/$node.join.log" >&2; done
      kind_cluster_diagnostics "${failed[@]}"
      die "kubeadm join failed on ${failed[*]}"
    fi
    say "kubeadm join done $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s after the first docker run"
  fi

  step "wait for ${#nodes[@]} nodes Ready (up to ${ready_timeout}s)"
  local deadline=$((SECONDS + ready_timeout)) ready
  while :; do
    ready=$(docker exec "$cp" kubectl --kubeconfig=/etc/kubernetes/admin.conf get nodes \
      -o jsonpath='{range .items[*]}{range .status.conditions[?(@.type=="Ready")]}{.status}{"\n"}{end}{end}' 2>/dev/null | grep -c '^True$' || true)
    [ "$ready" != "${#nodes[@]}" ] || break
    if [ $SECONDS -ge $deadline ]; then
      docker exec "$cp" kubectl --kubeconfig=/etc/kubernetes/admin.conf get nodes,pods -A -o wide >&2 || true
      kind_cluster_diagnostics "${nodes[@]}"
      die "only $ready of ${#nodes[@]} nodes Ready within ${ready_timeout}s"
    fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  say "all ${#nodes[@]} nodes Ready $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s after the first docker run"

  step "write the admin kubeconfig"
  local port dir="$run_root/$name"
  port=$(docker port "$cp" 6443/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n1)
  [ -n "$port" ] || die "port 6443 of $cp is not published on 127.0.0.1"
  mkdir -p "$dir"
  chmod 0700 "$dir"
  docker exec "$cp" cat /etc/kubernetes/admin.conf \
    | sed "s#^\(    server: \)https://.*\$#\1https://127.0.0.1:$port#" >"$dir/kubeconfig" \
    || die "could not read /etc/kubernetes/admin.conf from $cp"
  chmod 0600 "$dir/kubeconfig"

  created_cluster=""
  echo "KUBECONFIG=$dir/kubeconfig"
  echo "CLUSTER=$name"
  echo "NODES=$(IFS=,; echo "${nodes[*]}")"
}

kind_cluster_on_exit() {
  local rc=$?
  set +e
  [ -n "${work_log_dir:-}" ] && rm -rf "$work_log_dir"
  if [ "$rc" -ne 0 ] && [ -n "$created_cluster" ]; then
    if [ "${KSAIL_TESTBED_KEEP_ON_FAILURE:-0}" = 1 ]; then
      printf 'testbed %s: kept cluster %s (KSAIL_TESTBED_KEEP_ON_FAILURE=1)\n' "$command_name" "$created_cluster" >&2
    else
      kind_cluster_remove "$created_cluster"
      printf 'testbed %s: removed cluster %s after the failure\n' "$command_name" "$created_cluster" >&2
    fi
  fi
  ( exit "$rc" ) || on_exit
}

cmd_kind_cluster_down() {
  command_name=kind-cluster-down
  [ $# -eq 1 ] || die "usage: testbed.sh kind-cluster-down NAME"
  local name=$1
  [[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "invalid cluster name: $name"
  require_docker
  step "remove the nodes, volumes and network of $name"
  local n
  n=$(docker ps -aq --filter "label=io.ksail.testbed.cluster=$name" | wc -l)
  kind_cluster_remove "$name"
  say "removed $name ($n node containers)"
}

# Waits until container $1 logs a line containing $2 (since its start), polling every 0.2 s;
# fails when the container stops or $3 seconds pass.
wait_for_log_line() {
  local node=$1 text=$2 timeout=$3 deadline
  deadline=$((SECONDS + timeout))
  until docker logs "$node" 2>&1 | grep -qF -- "$text"; do
    if [ "$(docker inspect --format '{{.State.Running}}' "$node" 2>/dev/null)" != true ]; then
      k3s_cluster_diagnostics "$node"
      die "$node stopped before it logged \"$text\""
    fi
    if [ $SECONDS -ge $deadline ]; then
      k3s_cluster_diagnostics "$node"
      die "$node did not log \"$text\" within ${timeout}s"
    fi
    sleep 0.2
  done
}

k3s_cluster_diagnostics() {
  local node
  for node in "$@"; do
    echo "---- $node: the stand-in's lines, errors (E/F) and the last 25 log lines ----" >&2
    docker logs "$node" 2>&1 | grep -E '^time=|^[EF][0-9]{4} ' | grep -v 'level=info msg="Running ' | tail -n 30 >&2 || true
    echo "...." >&2
    docker logs --tail 25 "$node" >&2 2>&1 || true
  done
  echo "----" >&2
}

# k3d's `cluster create NAME --agents N --no-lb` on the K3s stand-in image: network k3d-NAME,
# k3d-NAME-server-0 started with `server --tls-san 127.0.0.1` and K3S_TOKEN, waited for until it logs
# "k3s is up and running", then k3d-NAME-agent-<i> started with `agent`, K3S_URL and K3S_TOKEN, each
# waited for until it logs "Successfully registered node"; then all nodes Ready.
cmd_k3s_cluster_up() {
  command_name=k3s-cluster-up
  local name="" agents=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --name) [ $# -ge 2 ] || die "--name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#--name=}; shift ;;
      --agents) [ $# -ge 2 ] || die "--agents needs a value"; agents=$2; shift 2 ;;
      --agents=*) agents=${1#--agents=}; shift ;;
      *) die "unknown argument: $1 (usage: testbed.sh k3s-cluster-up [--name NAME] [--agents N])" ;;
    esac
  done
  [ -n "$name" ] || name="ksail-k3s-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  [[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "invalid cluster name: $name (lower-case letters, digits, -)"
  [[ "$agents" =~ ^[0-9]$ ]] || die "--agents must be 0-9"
  require_docker
  ensure_k3s_node_image
  local image=$k3s_node_tag network="k3d-$name" server="k3d-$name-server-0" nodes=() node i
  nodes+=("$server")
  for ((i = 0; i < agents; i++)); do nodes+=("k3d-$name-agent-$i"); done
  if docker network inspect "$network" >/dev/null 2>&1 || docker container inspect "$server" >/dev/null 2>&1; then
    die "a network or container named $network already exists"
  fi
  # The cluster label (and run folder) is the network's name, so `down` finds it like a kind cluster.
  created_cluster=$network
  work_log_dir=""
  trap 'kind_cluster_on_exit' EXIT

  step "docker network create $network"
  docker network create --label io.ksail.test=true --label io.ksail.testbed=true \
    --label "io.ksail.testbed.cluster=$network" "$network" >/dev/null || die "docker network create $network failed"

  local token t0 t1
  token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  step "docker run $server (server --tls-san 127.0.0.1)"
  t0=$(date +%s.%N)
  k3s_node_flags "$server" "$network"
  docker run -d --name "$server" --hostname "$server" --network "$network" --init \
    --label io.ksail.test=true --label io.ksail.testbed=true \
    --label "io.ksail.testbed.cluster=$network" --label io.ksail.testbed.role=server \
    "${node_flags[@]}" -p 127.0.0.1::6443 \
    -e "K3S_TOKEN=$token" -e K3S_KUBECONFIG_OUTPUT=/output/kubeconfig.yaml \
    "$image" server --tls-san 127.0.0.1 >/dev/null || die "docker run $server failed"

  step "wait for \"k3s is up and running\" in the log of $server (up to ${ready_timeout}s)"
  wait_for_log_line "$server" "k3s is up and running" "$ready_timeout"
  say "$server up and running $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s after its docker run"

  if [ "$agents" -gt 0 ]; then
    step "docker run ${nodes[*]:1} (agent)"
    for node in "${nodes[@]:1}"; do
      k3s_node_flags "$node" "$network"
      docker run -d --name "$node" --hostname "$node" --network "$network" --init \
        --label io.ksail.test=true --label io.ksail.testbed=true \
        --label "io.ksail.testbed.cluster=$network" --label io.ksail.testbed.role=agent \
        "${node_flags[@]}" \
        -e "K3S_URL=https://$server:6443" -e "K3S_TOKEN=$token" -e K3S_KUBECONFIG_OUTPUT=/output/kubeconfig.yaml \
        "$image" agent >/dev/null || die "docker run $node failed"
    done
    step "wait for \"Successfully registered node\" in the logs of ${nodes[*]:1}"
    for node in "${nodes[@]:1}"; do
      wait_for_log_line "$node" "Successfully registered node" "$ready_timeout"
    done
    say "agents registered $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s after the first docker run"
  fi

  step "wait for ${#nodes[@]} nodes Ready (up to ${ready_timeout}s)"
  local deadline=$((SECONDS + ready_timeout)) ready
  while :; do
    ready=$(docker exec "$server" kubectl get nodes \
      -o jsonpath='{range .items[*]}{range .status.conditions[?(@.type=="Ready")]}{.status}{"\n"}{end}{end}' 2>/dev/null | grep -c '^True$' || true)
    [ "$ready" != "${#nodes[@]}" ] || break
    if [ $SECONDS -ge $deadline ]; then
      docker exec "$server" kubectl get nodes,pods -A -o wide >&2 || true
      k3s_cluster_diagnostics "${nodes[@]}"
      die "only $ready of ${#nodes[@]} nodes Ready within ${ready_timeout}s"
    fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  say "all ${#nodes[@]} nodes Ready $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s after the first docker run"

  step "write the kubeconfig (k3d's: /output/kubeconfig.yaml, server at the published port, names k3d-$name)"
  local port dir="$run_root/$network"
  port=$(docker port "$server" 6443/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n1)
  [ -n "$port" ] || die "port 6443 of $server is not published on 127.0.0.1"
  mkdir -p "$dir"
  chmod 0700 "$dir"
  docker exec "$server" cat /output/kubeconfig.yaml \
    | sed -e "s#^\(    server: \)https://.*\$#\1https://127.0.0.1:$port#" \
          -e "s#^\(  name: \)default\$#\1k3d-$name#" -e "s#^\(    cluster: \)default\$#\1k3d-$name#" \
          -e "s#^\(    user: \)default\$#\1admin@k3d-$name#" -e "s#^\(- name: \)default\$#\1admin@k3d-$name#" \
          -e "s#^\(current-context: \)default\$#\1k3d-$name#" >"$dir/kubeconfig.tmp" \
    || die "could not read /output/kubeconfig.yaml from $server"
  grep -q "server: https://127.0.0.1:$port\$" "$dir/kubeconfig.tmp" || die "the kubeconfig of $server has no server line to rewrite"
  mv "$dir/kubeconfig.tmp" "$dir/kubeconfig"
  chmod 0600 "$dir/kubeconfig"

  created_cluster=""
  echo "KUBECONFIG=$dir/kubeconfig"
  echo "CLUSTER=$name"
  echo "NODES=$(IFS=,; echo "${nodes[*]}")"
}

cmd_k3s_cluster_down() {
  command_name=k3s-cluster-down
  [ $# -eq 1 ] || die "usage: testbed.sh k3s-cluster-down NAME"
  local name=$1
  [[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "invalid cluster name: $name"
  require_docker
  step "remove the nodes, volumes and network of k3d-$name"
  local n
  n=$(docker ps -aq --filter "label=io.ksail.testbed.cluster=k3d-$name" | wc -l)
  kind_cluster_remove "k3d-$name"
  say "removed k3d-$name ($n node containers)"
}

usage() {
  sed -n '2,19p' "$self" | sed 's/^# \{0,1\}//' >&2
  reported=1
}

case "${1:-}" in
  build) shift; [ $# -eq 0 ] || { usage; exit 2; }; cmd_build ;;
  images) shift; [ $# -eq 0 ] || { usage; exit 2; }; cmd_images ;;
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  kind-cluster-up) shift; cmd_kind_cluster_up "$@" ;;
  kind-cluster-down) shift; cmd_kind_cluster_down "$@" ;;
  k3s-cluster-up) shift; cmd_k3s_cluster_up "$@" ;;
  k3s-cluster-down) shift; cmd_k3s_cluster_down "$@" ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
