#!/usr/bin/env bash
# release.sh — the build an operator installs: one stripped binary with the Swift runtime linked in, beside its
# resources, in a tarball; checked to run on a root file system holding only the C library, the GCC runtime, zlib
# and libxml2 (with its ICU and lzma), which Foundation's XML parser links for reading XLSX files.
#
#   scripts/release.sh [--no-check]
#
# Builds `okra` with `swift build -c release --static-swift-stdlib` (scratch path .build-static, or
# RELEASE_SCRATCH), strips it, and writes dist/okra-VERSION-linux-ARCH/ (okra and okra_OKRServer.resources/)
# and its .tar.gz. It prints the sizes and the shared libraries the binary still needs; each must come from the
# Debian packages libc6, libgcc-s1, libstdc++6, zlib1g (all of priority "required": on every Debian and Ubuntu)
# or libxml2, libicu72 and liblzma5 (libxml2 and what it depends on: `apt-get install libxml2`), or the script fails.
# Then, as root, it builds a throwaway root with only those packages' files and runs `okra --version` and
# `okra demo` in a chroot there (the demo must answer /health/ready); --no-check skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=1
[[ "${1:-}" == "--no-check" ]] && CHECK=0
SCRATCH="${RELEASE_SCRATCH:-.build-static}"
log() { echo "release: $*" >&2; }

BUILD=(swift build -c release --product okra --static-swift-stdlib --scratch-path "$SCRATCH")
log "${BUILD[*]}"
"${BUILD[@]}" >&2
BIN_DIR="$("${BUILD[@]}" --show-bin-path)"
VERSION="$("$BIN_DIR/okra" --version)"
NAME="okra-$VERSION-linux-$(uname -m)"
STAGE="dist/$NAME"
rm -rf "$STAGE" "dist/$NAME.tar.gz"
mkdir -p "$STAGE"
cp "$BIN_DIR/okra" "$STAGE/okra"
strip "$STAGE/okra"
cp -R "$BIN_DIR/okra_OKRServer.resources" "$STAGE/"
tar -C dist -czf "dist/$NAME.tar.gz" "$NAME"

size() { du -sh "$1" | cut -f1; }
echo "okra $VERSION"
echo "  binary:    $STAGE/okra ($(size "$BIN_DIR/okra") before strip, $(size "$STAGE/okra") stripped)"
echo "  resources: $STAGE/okra_OKRServer.resources ($(size "$STAGE/okra_OKRServer.resources"))"
echo "  tarball:   dist/$NAME.tar.gz ($(size "dist/$NAME.tar.gz"))"

# The shared libraries the binary needs, and the Debian package of each.
ALLOWED=(libc6 libgcc-s1 libstdc++6 zlib1g libxml2 libicu72 liblzma5)
mapfile -t LIBS < <(ldd "$STAGE/okra" | awk '/=>/ {print $3} !/=>/ && /\// {print $1}' | sort -u)
echo "  needs:"
for lib in "${LIBS[@]}"; do
  real="$(readlink -f "$lib")"
  package="$(dpkg -S "$real" 2>/dev/null | head -n1 | cut -d: -f1 || true)"
  [[ -z "$package" ]] && package="$(dpkg -S "$lib" 2>/dev/null | head -n1 | cut -d: -f1 || true)"
  echo "    $lib ($package)"
  [[ " ${ALLOWED[*]} " == *" ${package%%:*} "* ]] || {
    log "$lib comes from ${package:-no package}, not from ${ALLOWED[*]}"
    exit 1
  }
done

[[ $CHECK == 1 ]] || exit 0
if [[ $(id -u) != 0 ]]; then
  log "not root: the chroot check is skipped (run as root, or with --no-check to say so)"
  exit 0
fi
ROOT="$(mktemp -d)"
cleanup() {
  umount "$ROOT/proc" 2>/dev/null || true
  rm -rf "$ROOT"
}
trap cleanup EXIT
# Only the files of the allowed packages: no Swift, no SQLite, no tzdata, no OpenSSL, no curl.
for package in "${ALLOWED[@]}"; do
  dpkg -L "$package" | while read -r path; do
    # Files and their links, not directories (nor the links merged-/usr makes of /lib and /lib64).
    [[ -L "$path" && -d "$path" ]] && continue
    [[ -f "$path" || -L "$path" ]] || continue
    mkdir -p "$ROOT$(dirname "$path")"
    cp -a "$path" "$ROOT$path"
  done
done
# Debian's merged /usr: /lib and /lib64 are links into /usr.
for dir in lib lib64; do [[ -L "/$dir" && ! -e "$ROOT/$dir" ]] && ln -s "usr/$dir" "$ROOT/$dir"; done
mkdir -p "$ROOT/opt" "$ROOT/tmp" "$ROOT/proc" "$ROOT/dev" "$ROOT/data"
cp -R "$STAGE" "$ROOT/opt/okra"
for node in null zero random urandom; do cp -a "/dev/$node" "$ROOT/dev/$node"; done
mount -t proc proc "$ROOT/proc"
echo "  in a chroot with only ${ALLOWED[*]}:"
echo "    okra --version: $(chroot "$ROOT" /opt/okra/okra --version)"
chroot "$ROOT" /opt/okra/okra demo --port 18979 --db /data/demo.db >"$ROOT/tmp/demo.log" 2>&1 &
DEMO=$!
ready=""
for _ in $(seq 1 100); do
  ready="$(curl -sf http://127.0.0.1:18979/health/ready 2>/dev/null || true)"
  [[ -n "$ready" ]] && break
  sleep 0.2
done
page="$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18979/sign-in || true)"
kill "$DEMO" 2>/dev/null || true
wait "$DEMO" 2>/dev/null || true
if [[ -z "$ready" || "$page" != 200 ]]; then
  log "okra demo did not serve in the chroot (ready: ${ready:-none}, sign-in page: $page):"
  cat "$ROOT/tmp/demo.log" >&2
  exit 1
fi
echo "    okra demo: /health/ready $ready, /sign-in $page"
