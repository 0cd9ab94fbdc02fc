#!/usr/bin/env bash
# Install and consumers: `cmake --install` of a build into a temporary prefix,
# then two programs outside the project built against that prefix only:
#   (a) a CMake project: find_package(mktows) -> mktows::mktows
#   (b) a plain compiler line: pkg-config --cflags --libs mktows
# Both include only <mktows/mktows.hpp> (no gSOAP include path) and are run.
# With a sandbox program installed (bin/mktows-sandbox), the consumers also
# fetch leads from it over loopback.
#
# usage: check_install_consumers.sh BUILD_DIR SOURCE_DIR WORK_DIR
#   WORK_DIR is wiped first and removed on success (kept on failure).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BUILD_DIR SOURCE_DIR WORK_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
prefix=$work/prefix
sandbox_pid=
cleanup() { [ -z "$sandbox_pid" ] || kill "$sandbox_pid" 2>/dev/null || true; }
trap cleanup EXIT

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; fail "cmake --install failed"; }

# ---- what was installed ------------------------------------------------------
libdir=$(cd "$prefix" && dirname "$(find . -name libmktows.a -o -name 'libmktows.so' | head -n1)")
libdir=${libdir#./}
[ "$libdir" != . ] && [ -n "$libdir" ] || fail "no libmktows under $prefix"
for f in include/mktows/mktows.hpp "$libdir/cmake/mktows/mktowsConfig.cmake" \
         "$libdir/cmake/mktows/mktowsConfigVersion.cmake" "$libdir/cmake/mktows/mktowsTargets.cmake" \
         "$libdir/pkgconfig/mktows.pc" share/mktows/mktows-2_7.wsdl share/mktows/env.h; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
if grep -rlE '#include *[<"](stdsoap2|soapH|envH|mktows_gsoap)' "$prefix/include"; then
  fail "an installed public header includes a gSOAP header"
fi
if find "$prefix/include" -name 'stdsoap2.h' -o -name '*Stub.h' -o -name 'envH.h' | grep -q .; then
  fail "gSOAP or generated headers were installed"
fi
echo "ok: installed headers, library, CMake package, pkg-config file, WSDL"

# A loopback port nobody listens on, for the expected transport error.
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

# ---- optional: the installed sandbox, to fetch real leads ----------------------
extra=()
if [ -x "$prefix/bin/mktows-sandbox" ]; then
  data=$work/leads.jsonl
  cat >"$data" <<'EOF'
{"Id":65835,"Email":"formtest1@marketo.com","ForeignSysPersonId":null,"ForeignSysType":null,"attributes":{"Company":"Marketo Test","LeadScore":16},"updatedAt":"2024-03-01T10:00:00Z"}
{"Id":67508,"Email":"joe@marketo.com","ForeignSysPersonId":null,"ForeignSysType":null,"attributes":{"Company":"Marketo","LeadScore":11},"updatedAt":"2024-03-02T10:00:00Z"}
{"Id":70001,"Email":"someone.else@example.com","ForeignSysPersonId":null,"ForeignSysType":null,"attributes":{},"updatedAt":"2024-03-03T10:00:00Z"}
EOF
  user=consumer_test_user
  export MKTOWS_SECRET_KEY=consumer-test-secret
  "$prefix/bin/mktows-sandbox" --port 0 --data "$data" --user-id "$user" --secret-key "$MKTOWS_SECRET_KEY" \
    >"$work/sandbox.out" 2>"$work/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq 100); do
    [ -s "$work/sandbox.out" ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; fail "mktows-sandbox exited"; }
    sleep 0.1
  done
  endpoint=$(head -n1 "$work/sandbox.out" | sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*/soap/mktows/2_7\)$|\1|p')
  [ -n "$endpoint" ] || fail "mktows-sandbox did not announce its endpoint: $(head -n1 "$work/sandbox.out")"
  extra=("$endpoint" "$user")
fi

run_consumer() {  # run_consumer NAME BINARY
  "$2" "$closed_port" "${extra[@]}" >"$work/$1.out" 2>&1 || { cat "$work/$1.out" >&2; fail "$1 consumer failed"; }
  grep -qx "consumer ok" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1 consumer did not finish"; }
  if [ ${#extra[@]} -gt 0 ]; then
    for want in "lead 65835 formtest1@marketo.com" "lead 67508 joe@marketo.com" "2 leads"; do
      grep -qx "$want" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1 consumer: no line '$want'"; }
    done
  fi
}

# ---- (a) CMake: find_package(mktows) -------------------------------------------
cmake -S "$src/tests/build/consumer" -B "$work/cmake-consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON -DCMAKE_BUILD_TYPE=Release >"$work/cmake-consumer.log" 2>&1 \
  || { cat "$work/cmake-consumer.log" >&2; fail "configuring the CMake consumer failed"; }
found=$(sed -n 's/^mktows_DIR:PATH=//p' "$work/cmake-consumer/CMakeCache.txt")
[ "$found" = "$prefix/$libdir/cmake/mktows" ] || fail "find_package(mktows) found $found, not the installed package"
cmake --build "$work/cmake-consumer" >>"$work/cmake-consumer.log" 2>&1 \
  || { cat "$work/cmake-consumer.log" >&2; fail "building the CMake consumer failed"; }
run_consumer cmake "$work/cmake-consumer/consumer"
echo "ok: find_package(mktows) consumer built and ran${extra:+ (fetched leads from mktows-sandbox)}"

# ---- (b) pkg-config ------------------------------------------------------------
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
cflags=$(pkg-config --cflags mktows)
libs=$(pkg-config --libs mktows)
read -ra cflag_words <<<"$cflags"
[ ${#cflag_words[@]} -eq 1 ] && [ "${cflag_words[0]#-I}" != "${cflag_words[0]}" ] \
  && [ "$(realpath "${cflag_words[0]#-I}")" = "$prefix/include" ] \
  || fail "pkg-config --cflags mktows gave '$cflags' (expected only -I<prefix>/include: no gSOAP flags or paths)"
# shellcheck disable=SC2086
c++ -std=c++17 -Wall -Wextra -Werror "$src/tests/build/consumer/consumer.cpp" -o "$work/pc-consumer" $cflags $libs \
  >"$work/pc-consumer.log" 2>&1 \
  || { cat "$work/pc-consumer.log" >&2; fail "building with pkg-config --cflags --libs mktows ($cflags $libs) failed"; }
run_consumer pkg-config "$work/pc-consumer"
echo "ok: pkg-config consumer built ($cflags $libs) and ran${extra:+ (fetched leads from mktows-sandbox)}"

cleanup
[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
