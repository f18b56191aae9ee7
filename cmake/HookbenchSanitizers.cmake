# Sanitizers and fuzzing, APPENDED to whatever flags the build already has (warnings, defines,
# CMAKE_CXX_FLAGS from the environment), so an asan build compiles exactly what ci compiles.
#   HOOKBENCH_SANITIZE  comma list for -fsanitize= (address,undefined | thread), empty = none
#   HOOKBENCH_FUZZ      ON: also build the libFuzzer executables in tests/fuzz (clang only)
set(HOOKBENCH_SANITIZE "" CACHE STRING "Sanitizers to build with (-fsanitize= list)")
option(HOOKBENCH_FUZZ "Build libFuzzer targets (needs clang)" OFF)

if(HOOKBENCH_SANITIZE)
    add_compile_options(-fsanitize=${HOOKBENCH_SANITIZE} -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${HOOKBENCH_SANITIZE})
    if(HOOKBENCH_SANITIZE MATCHES "undefined")
        # A UBSan finding fails the test instead of scrolling past.
        add_compile_options(-fno-sanitize-recover=undefined)
    endif()
endif()
if(HOOKBENCH_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "HOOKBENCH_FUZZ needs clang (use the fuzz preset)")
endif()
