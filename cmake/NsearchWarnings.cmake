# nsearch_warnings: linked PRIVATE by every nsearch target so third-party headers stay quiet.
add_library(nsearch_warnings INTERFACE)
target_compile_options(nsearch_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  $<$<BOOL:${NSEARCH_WERROR}>:-Werror>)
if(NSEARCH_NATIVE)
  target_compile_options(nsearch_warnings INTERFACE -march=native)
endif()
