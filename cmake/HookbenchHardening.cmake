# Hardening flags for every target of every preset, so the binaries the test suite exercises are
# the ones the package ships (Debian's dpkg-buildflags "hardening=+all" without the Debian
# tooling, so the same flags apply on other distributions and in scripts/package).
# PIE: Qt requires -fPIC code (it is built with -reduce-relocations), which Qt6::Core already
# requests; linking executables with -pie is what makes them position independent.
option(HOOKBENCH_HARDENING "Build with stack protector, FORTIFY_SOURCE, full RELRO and PIE" ON)
if(NOT HOOKBENCH_HARDENING OR MSVC OR NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    return()
endif()

add_compile_options(-fstack-protector-strong)
# FORTIFY_SOURCE needs optimisation (a warning at -O0) and fights the sanitizers' interceptors,
# so Debug and sanitizer builds go without it. -U first: some compilers predefine it.
if(NOT HOOKBENCH_SANITIZE AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    add_compile_options("$<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
endif()
if(NOT APPLE)
    add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
add_link_options("$<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-pie>")
