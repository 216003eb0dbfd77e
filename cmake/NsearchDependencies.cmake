# Every dependency comes from a Debian package, found here once; nothing is vendored or downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(zstd CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)

# libstemmer-dev ships neither a pkg-config file nor a CMake package.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(nsearch_libstemmer INTERFACE)
target_include_directories(nsearch_libstemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(nsearch_libstemmer INTERFACE ${STEMMER_LIBRARY})

if(TARGET zstd::libzstd_shared)
  set(NSEARCH_ZSTD_TARGET zstd::libzstd_shared)
else()
  set(NSEARCH_ZSTD_TARGET zstd::libzstd_static)
endif()

if(NSEARCH_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
  include(GoogleTest)
endif()
if(NSEARCH_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
  # libstreamvbyte-dev: the reference decoder in bench/codec_bench.cc, needed by no library or
  # test. It ships neither a pkg-config file nor a CMake package.
  find_path(STREAMVBYTE_INCLUDE_DIR streamvbyte.h REQUIRED)
  find_library(STREAMVBYTE_LIBRARY streamvbyte REQUIRED)
  add_library(nsearch_streamvbyte INTERFACE)
  target_include_directories(nsearch_streamvbyte SYSTEM INTERFACE ${STREAMVBYTE_INCLUDE_DIR})
  target_link_libraries(nsearch_streamvbyte INTERFACE ${STREAMVBYTE_LIBRARY})
endif()
