# Packaging: the installed library. libhlffi.so and the installed libhlffi.a are made from the
# objects of the static archives hlffi and hlffi_bytecode (src/CMakeLists.txt: compiled PIC with
# hidden symbols); the shared library exports the hlffi_* functions only (hlffi.map). Installs
# include/hlffi.h and hlffi.hpp, both libraries, hlffiConfig.cmake (find_package(hlffi) ->
# hlffi::hlffi) and hlffi.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(HLFFI_PRIVATE_LIBS double-conversion pcre2-16 nettle z)
set(HLFFI_PKG_DIR ${CMAKE_BINARY_DIR}/package)

add_library(hlffi_shared SHARED $<TARGET_OBJECTS:hlffi> $<TARGET_OBJECTS:hlffi_bytecode>)
set_target_properties(hlffi_shared PROPERTIES OUTPUT_NAME hlffi VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
  LIBRARY_OUTPUT_DIRECTORY ${HLFFI_PKG_DIR} LINK_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/hlffi.map)
target_link_libraries(hlffi_shared PRIVATE ${HLFFI_PRIVATE_LIBS})
target_link_options(hlffi_shared PRIVATE -Wl,--version-script=${CMAKE_CURRENT_LIST_DIR}/hlffi.map -Wl,--no-undefined)

# One self-contained archive for hosts (the build's own libhlffi.a needs libhlffi_bytecode.a too).
add_library(hlffi_static_pkg STATIC $<TARGET_OBJECTS:hlffi> $<TARGET_OBJECTS:hlffi_bytecode>)
set_target_properties(hlffi_static_pkg PROPERTIES OUTPUT_NAME hlffi ARCHIVE_OUTPUT_DIRECTORY ${HLFFI_PKG_DIR})

install(FILES ${PROJECT_SOURCE_DIR}/include/hlffi.h ${PROJECT_SOURCE_DIR}/include/hlffi.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS hlffi_shared hlffi_static_pkg
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})

# hlffi.pc finds its prefix from its own place (${pcfiledir}), so the installed tree may move.
file(RELATIVE_PATH HLFFI_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
list(TRANSFORM HLFFI_PRIVATE_LIBS PREPEND -l OUTPUT_VARIABLE HLFFI_PC_PRIVATE)
string(JOIN " " HLFFI_PC_PRIVATE ${HLFFI_PC_PRIVATE})
set(HLFFI_CMAKE_PRIVATE ${HLFFI_PRIVATE_LIBS})
configure_file(${CMAKE_CURRENT_LIST_DIR}/hlffi.pc.in ${HLFFI_PKG_DIR}/hlffi.pc @ONLY)
install(FILES ${HLFFI_PKG_DIR}/hlffi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(HLFFI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/hlffi)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/hlffiConfig.cmake.in ${HLFFI_PKG_DIR}/hlffiConfig.cmake
  INSTALL_DESTINATION ${HLFFI_CMAKE_DIR} PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${HLFFI_PKG_DIR}/hlffiConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${HLFFI_PKG_DIR}/hlffiConfig.cmake ${HLFFI_PKG_DIR}/hlffiConfigVersion.cmake DESTINATION ${HLFFI_CMAKE_DIR})

