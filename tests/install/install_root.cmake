# Installs the build BUILD under PREFIX into the throwaway DESTDIR ROOT,
# for the tests of the installed tree:
#   cmake -DBUILD=... -DPREFIX=... -DROOT=... -P install_root.cmake
file(REMOVE_RECURSE "${ROOT}")
set(ENV{DESTDIR} "${ROOT}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}"
  --prefix "${PREFIX}" RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${status}")
endif()
