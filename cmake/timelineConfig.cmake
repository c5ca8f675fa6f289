# find_package(timeline): the targets timeline::timeline (the shared
# library) and timeline::timeline_static.  The static library needs
# libyaml and libical at link time; they are found as the build found
# them, with pkg-config.
include(CMakeFindDependencyMacro)
find_dependency(PkgConfig)

# In a function, so that pkg-config's variables stay out of the caller's
# scope; the imported targets are the directory's.
function(_timeline_find_dependency target module)
  if(NOT TARGET PkgConfig::${target})
    pkg_check_modules(${target} QUIET IMPORTED_TARGET ${module})
    if(NOT ${target}_FOUND)
      set(timeline_FOUND FALSE PARENT_SCOPE)
      set(timeline_NOT_FOUND_MESSAGE
        "timeline needs ${module}, which pkg-config does not find"
        PARENT_SCOPE)
    endif()
  endif()
endfunction()
_timeline_find_dependency(YAML yaml-0.1)
_timeline_find_dependency(ICAL libical)

if(NOT DEFINED timeline_FOUND OR timeline_FOUND)
  include("${CMAKE_CURRENT_LIST_DIR}/timelineTargets.cmake")
endif()
