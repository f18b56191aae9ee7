# macOS: hookbench becomes Hookbench.app; macdeployqt copies the Qt frameworks, plugins and QML
# modules into it and CPack's DragNDrop generator makes the DMG. UNTESTED here (built and
# tested on Debian 12 only); .github/workflows/packages.yml job `macos` is where it would run.
set_target_properties(hookbench PROPERTIES
    MACOSX_BUNDLE ON
    OUTPUT_NAME Hookbench
    MACOSX_BUNDLE_BUNDLE_NAME Hookbench
    MACOSX_BUNDLE_GUI_IDENTIFIER ${HOOKBENCH_APP_ID}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE hookbench.icns)
set(hookbench_icns ${CMAKE_CURRENT_LIST_DIR}/hookbench.icns)
if(EXISTS ${hookbench_icns})
    target_sources(hookbench PRIVATE ${hookbench_icns})
    set_source_files_properties(${hookbench_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
endif()

find_program(HOOKBENCH_MACDEPLOYQT macdeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}")
if(HOOKBENCH_MACDEPLOYQT)
    install(CODE "
        execute_process(COMMAND \"${HOOKBENCH_MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/Hookbench.app\"
            -qmldir=\"${PROJECT_SOURCE_DIR}/qml\" -always-overwrite COMMAND_ERROR_IS_FATAL ANY)
        # hookbench-cli lives inside the bundle, so it uses the frameworks macdeployqt copied.
        file(COPY \"\${CMAKE_INSTALL_PREFIX}/bin/hookbench-cli\"
             DESTINATION \"\${CMAKE_INSTALL_PREFIX}/Hookbench.app/Contents/MacOS\")
    ")
else()
    message(WARNING "macdeployqt not found: the bundle would lack the Qt frameworks")
endif()
set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "Hookbench ${PROJECT_VERSION}")
