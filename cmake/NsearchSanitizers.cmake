# NSEARCH_SANITIZE=address,undefined instruments every target (the CI sanitizer job).
if(NSEARCH_SANITIZE)
  add_compile_options(-fsanitize=${NSEARCH_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${NSEARCH_SANITIZE})
endif()

# NSEARCH_FUZZ=ON (clang) gives every target libFuzzer's coverage instrumentation, so the fuzz
# targets are guided by the library code they call and not only by their own source file.
if(NSEARCH_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
