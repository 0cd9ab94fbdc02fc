# Writes a C++ source that embeds a file as a byte array:
#   cmake -DINPUT=file -DOUTPUT=out.cpp -DNAMESPACE=ns -DSYMBOL=name -P embed_file.cmake
# defines `const char ns::name[]` (NUL-terminated) and `const std::size_t ns::name_size`.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 bytes a line.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by embed_file.cmake at build time; do not edit.
#include <cstddef>
namespace ${NAMESPACE} {
extern const char ${SYMBOL}[];
extern const std::size_t ${SYMBOL}_size;
const char ${SYMBOL}[] = {
${bytes}
0x00};
const std::size_t ${SYMBOL}_size = ${size};
}
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
