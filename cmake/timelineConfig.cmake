# find_package(timeline): the targets timeline::timeline (the shared
# library) and timeline::timeline_static.  The static library needs
# libyaml and libical at link time: timeline::dependencies names them as
# pkg-config gives them, or by their names where pkg-config does not find
# them.  Nothing here takes a name pkg-config's user may take (YAML_...,
# PkgConfig::YAML): its variables and target are _timeline_dependencies.
if(NOT TARGET timeline::dependencies)
  add_library(timeline::dependencies INTERFACE IMPORTED)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(_timeline_dependencies QUIET IMPORTED_TARGET
      yaml-0.1 libical)
  endif()
  if(TARGET PkgConfig::_timeline_dependencies)
    set_property(TARGET timeline::dependencies PROPERTY
      INTERFACE_LINK_LIBRARIES PkgConfig::_timeline_dependencies)
  else()
    set_property(TARGET timeline::dependencies PROPERTY
      INTERFACE_LINK_LIBRARIES yaml ical)
  endif()
endif()

include("${CMAKE_CURRENT_LIST_DIR}/timelineTargets.cmake")
