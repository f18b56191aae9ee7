# Linux desktop integration (included by packaging/CMakeLists.txt): desktop entry, AppStream
# metadata, hicolor icons, Debian copyright and changelog, and the manual pages and bash
# completion generated from the binaries' own --help at build time (packaging/README.md).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(linux ${CMAKE_CURRENT_LIST_DIR})
set(generated ${CMAKE_CURRENT_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${generated})

install(FILES ${linux}/${HOOKBENCH_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${linux}/${HOOKBENCH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${linux}/${HOOKBENCH_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES ${linux}/icons/${size}.png RENAME ${HOOKBENCH_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
set(docdir ${CMAKE_INSTALL_DATADIR}/doc/hookbench)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${docdir})

# Debian wants every manual page and the changelog compressed with gzip -9n (no timestamp, so
# the package is reproducible).
find_program(HOOKBENCH_GZIP gzip REQUIRED)
find_program(HOOKBENCH_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(HOOKBENCH_PYTHON3 python3 REQUIRED)
find_program(HOOKBENCH_HELP2MAN help2man)

add_custom_command(OUTPUT ${generated}/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/packaging/debian/changelog ${generated}/changelog
    COMMAND ${HOOKBENCH_GZIP} -9nf ${generated}/changelog
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog
    COMMENT "Compressing the Debian changelog")
install(FILES ${generated}/changelog.gz DESTINATION ${docdir})

# The binaries run with a throw-away HOOKBENCH_HOME and found on PATH, so their usage lines name
# the command, not the build tree.
set(run_from_build ${CMAKE_COMMAND} -E env
    "PATH=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}:$ENV{PATH}" "HOOKBENCH_HOME=${generated}/home"
    QT_QPA_PLATFORM=offscreen)
add_custom_command(OUTPUT ${generated}/hookbench-cli ${generated}/hookbench-cli.h2m
    COMMAND ${run_from_build} ${HOOKBENCH_PYTHON3} ${linux}/gen-cli-docs.py
            $<TARGET_FILE:hookbench-cli> ${generated}/hookbench-cli ${generated}/hookbench-cli.h2m
    DEPENDS hookbench-cli ${linux}/gen-cli-docs.py
    COMMENT "Generating the bash completion of hookbench-cli from its --help")
set(package_files ${generated}/changelog.gz ${generated}/hookbench-cli)
install(FILES ${generated}/hookbench-cli
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

if(HOOKBENCH_HELP2MAN)
    # --version-string: the page names the version only, not the commit --version adds, so it
    # is the same for every build of a release.
    set(h2m ${HOOKBENCH_HELP2MAN} --no-info --section=1 --source=Hookbench
        --version-string=${PROJECT_VERSION})
    add_custom_command(OUTPUT ${generated}/hookbench-cli.1.gz
        COMMAND ${run_from_build} ${h2m} "--name=CDS Hooks sandbox on the command line"
                --include=${generated}/hookbench-cli.h2m --output=${generated}/hookbench-cli.1
                hookbench-cli
        COMMAND ${HOOKBENCH_GZIP} -9nf ${generated}/hookbench-cli.1
        DEPENDS hookbench-cli ${generated}/hookbench-cli.h2m
        COMMENT "Generating the manual page of hookbench-cli")
    add_custom_command(OUTPUT ${generated}/hookbench.1.gz
        COMMAND ${run_from_build} ${h2m} "--name=desktop CDS Hooks sandbox that plays the EHR"
                --include=${linux}/hookbench.h2m --output=${generated}/hookbench.1 hookbench
        COMMAND ${HOOKBENCH_GZIP} -9nf ${generated}/hookbench.1
        DEPENDS hookbench ${linux}/hookbench.h2m
        COMMENT "Generating the manual page of hookbench")
    list(APPEND package_files ${generated}/hookbench-cli.1.gz ${generated}/hookbench.1.gz)
    install(FILES ${generated}/hookbench.1.gz ${generated}/hookbench-cli.1.gz
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
    message(WARNING "help2man not found (Debian: help2man): the package will lack manual pages")
endif()
# Part of `all`, so the ci tree can be packaged (tests/e2e/packaging) without another build.
add_custom_target(hookbench_package_files ALL DEPENDS ${package_files})

set(CPACK_GENERATOR "DEB;TGZ")
