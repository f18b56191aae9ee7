# Strict warnings and Qt definitions for our own targets (qt-style.md habit 11, P13).
# Warnings become errors only with CMAKE_COMPILE_WARNING_AS_ERROR (the ci preset).
set(HOOKBENCH_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wold-style-cast)

add_library(hookbench_definitions INTERFACE)
target_compile_definitions(hookbench_definitions INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    HOOKBENCH_VERSION="${PROJECT_VERSION}"
    HOOKBENCH_APP_ID="${HOOKBENCH_APP_ID}")

add_library(hookbench_options INTERFACE)
target_compile_options(hookbench_options INTERFACE ${HOOKBENCH_WARNING_FLAGS})
target_link_libraries(hookbench_options INTERFACE hookbench_definitions)

# hookbench_add_library(name LIBS ... SOURCES ...): one static library per concern.
function(hookbench_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/app)
    target_link_libraries(${name} PUBLIC ${ARG_LIBS} PRIVATE hookbench_options)
endfunction()
