# NSEARCH_SANITIZE=address,undefined instruments every target (the CI sanitizer job).
if(NSEARCH_SANITIZE)
  add_compile_options(-fsanitize=${NSEARCH_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${NSEARCH_SANITIZE})
endif()
