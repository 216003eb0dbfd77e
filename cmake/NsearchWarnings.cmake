# nsearch_warnings: linked PRIVATE by every nsearch target so third-party headers stay quiet.
add_library(nsearch_warnings INTERFACE)
target_compile_options(nsearch_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  $<$<BOOL:${NSEARCH_WERROR}>:-Werror>)
if(NSEARCH_NATIVE)
  target_compile_options(nsearch_warnings INTERFACE -march=native)
endif()
if(NSEARCH_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC's sanitizer instrumentation defeats its flow analysis: it reports maybe-uninitialized in
  # libstdc++ itself (std::regex, std::function). The release build keeps the warning as an error.
  target_compile_options(nsearch_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
