# Writes INPUT's bytes as a C++ array into OUTPUT (run with cmake -P), behind the function FUNCTION
# declared in HEADER. Used for the built-in lexicon (the defaults) and the built-in language profile.
if(NOT DEFINED HEADER)
  set(HEADER builtin_lexicon.hpp)
endif()
if(NOT DEFINED FUNCTION)
  set(FUNCTION builtin_lexicon_tsv)
endif()
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} at build time; do not edit.\n"
  "#include \"${HEADER}\"\n"
  "namespace stimmung::detail {\n"
  "namespace {\nconstexpr char kData[] = {\n${bytes}'\\0'};\n}\n"
  "std::string_view ${FUNCTION}() noexcept { return {kData, ${size}}; }\n"
  "}  // namespace stimmung::detail\n")
