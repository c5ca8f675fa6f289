# Installs the build BUILD under PREFIX into the throwaway DESTDIR ROOT,
# for the tests of the installed tree:
#   cmake -DBUILD=... -DPREFIX=... -DROOT=... -P install_root.cmake
file(REMOVE_RECURSE "${ROOT}" "${BUILD}/pkgconfig")
set(ENV{DESTDIR} "${ROOT}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}"
  --prefix "${PREFIX}" RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${status}")
endif()
# An install leaves nothing in the build tree but its manifest (left by
# root, a directory there would be one its owner cannot remove).
if(EXISTS "${BUILD}/pkgconfig")
  message(FATAL_ERROR "cmake --install wrote into ${BUILD}/pkgconfig")
endif()
