# Windows: windeployqt copies the Qt DLLs, plugins, QML modules and QtWebEngine's process next
# to the installed binaries; CPack then wraps the folder in an NSIS installer (or WiX with
# -G WIX). UNTESTED here (the project is built and tested on Debian 12 only); the GitHub
# workflow .github/workflows/packages.yml is where it would first run.
find_program(HOOKBENCH_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}")
if(NOT HOOKBENCH_WINDEPLOYQT)
    message(WARNING "windeployqt not found: the installer would lack the Qt runtime")
    return()
endif()
install(CODE "
    execute_process(COMMAND \"${HOOKBENCH_WINDEPLOYQT}\" --release --no-translations
        --qmldir \"${PROJECT_SOURCE_DIR}/qml\" --dir \"\${CMAKE_INSTALL_PREFIX}/bin\"
        \"\${CMAKE_INSTALL_PREFIX}/bin/hookbench.exe\" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND \"${HOOKBENCH_WINDEPLOYQT}\" --release --no-translations
        --dir \"\${CMAKE_INSTALL_PREFIX}/bin\"
        \"\${CMAKE_INSTALL_PREFIX}/bin/hookbench-cli.exe\" COMMAND_ERROR_IS_FATAL ANY)
")
# OpenSSL is not a Qt module: windeployqt does not copy it. Point OPENSSL_ROOT_DIR at the
# OpenSSL 3 the build used; its DLLs go next to the binaries.
file(GLOB hookbench_openssl_dlls "${OPENSSL_ROOT_DIR}/bin/libcrypto-3*.dll" "${OPENSSL_ROOT_DIR}/bin/libssl-3*.dll")
if(hookbench_openssl_dlls)
    install(FILES ${hookbench_openssl_dlls} DESTINATION bin)
endif()

set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_NSIS_DISPLAY_NAME "Hookbench")
set(CPACK_NSIS_PACKAGE_NAME "Hookbench")
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/hookbench.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\hookbench.exe")
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Hookbench.lnk' '$INSTDIR\\\\bin\\\\hookbench.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Hookbench.lnk'")
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put hookbench-cli on PATH
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Hookbench")
# WiX (cpack -G WIX) needs a stable upgrade code so a new version replaces the old one.
set(CPACK_WIX_UPGRADE_GUID "6F4C2B9E-3D1A-4E57-9B8C-0A7D5E2F1C43")
set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_LIST_DIR}/hookbench.ico")
