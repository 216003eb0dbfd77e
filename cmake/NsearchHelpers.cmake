# nsearch_add_test(NAME SOURCES... LIBS ...): one gtest binary per module, tests discovered by ctest.
function(nsearch_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main nsearch_warnings)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "NSEARCH_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# nsearch_add_bench(NAME SOURCES... LIBS ...): a Google Benchmark binary; built in CI, timed by hand.
function(nsearch_add_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} benchmark::benchmark nsearch_warnings)
endfunction()
