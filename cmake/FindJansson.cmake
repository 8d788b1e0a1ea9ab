# FindJansson: locate jansson (https://github.com/akheron/jansson), the JSON
# library that 'leaderboard import' reads lm-evaluation-harness results
# with. Debian's libjansson-dev ships a pkg-config file; use it as a hint,
# then look for the header and the library directly.
#
# Defines Jansson_FOUND, Jansson_INCLUDE_DIR, Jansson_LIBRARY,
# Jansson_VERSION and the IMPORTED target Jansson::Jansson.

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_Jansson QUIET jansson)
endif()

find_path(Jansson_INCLUDE_DIR NAMES jansson.h HINTS ${PC_Jansson_INCLUDE_DIRS})
find_library(Jansson_LIBRARY NAMES jansson HINTS ${PC_Jansson_LIBRARY_DIRS})

if(Jansson_INCLUDE_DIR AND EXISTS "${Jansson_INCLUDE_DIR}/jansson.h")
  file(STRINGS "${Jansson_INCLUDE_DIR}/jansson.h" _lb_jansson_ver
       REGEX "^#define JANSSON_VERSION +\"[0-9.]+\"")
  string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" Jansson_VERSION
         "${_lb_jansson_ver}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Jansson
  REQUIRED_VARS Jansson_LIBRARY Jansson_INCLUDE_DIR
  VERSION_VAR Jansson_VERSION)

if(Jansson_FOUND AND NOT TARGET Jansson::Jansson)
  add_library(Jansson::Jansson UNKNOWN IMPORTED)
  set_target_properties(Jansson::Jansson PROPERTIES
    IMPORTED_LOCATION "${Jansson_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Jansson_INCLUDE_DIR}")
endif()
mark_as_advanced(Jansson_INCLUDE_DIR Jansson_LIBRARY)
