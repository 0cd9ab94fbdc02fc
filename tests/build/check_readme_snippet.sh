#!/usr/bin/env bash
# The C++ example of README.md ("## Using the library") compiles against the
# public headers, so the README stays in step with the API.
#
# usage: check_readme_snippet.sh README INCLUDE_DIR CXX
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 README INCLUDE_DIR CXX" >&2; exit 2; }
readme=$1 include=$2 cxx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first ```cpp block after the heading.
awk '/^## Using the library/ { section = 1 }
     section && /^```cpp$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$readme" >"$tmp/snippet.cpp"
[ -s "$tmp/snippet.cpp" ] || { echo "FAIL: no \`\`\`cpp block under '## Using the library' in $readme" >&2; exit 1; }
grep -q '#include <mktows/mktows.hpp>' "$tmp/snippet.cpp" || { echo "FAIL: the snippet does not include <mktows/mktows.hpp>" >&2; exit 1; }
if ! "$cxx" -std=c++17 -Wall -Wextra -Werror -fsyntax-only -I "$include" "$tmp/snippet.cpp" 2>"$tmp/errors"; then
  cat "$tmp/errors" >&2
  echo "FAIL: the README's C++ example does not compile" >&2
  exit 1
fi
echo "ok: the README's C++ example ($(wc -l <"$tmp/snippet.cpp") lines) compiles against include/"
