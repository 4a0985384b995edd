# Finds stimmung's build dependencies. When one is missing, configuration stops with a message that names
# the package to install (Debian/Ubuntu names, which `pip install .` users on other systems can map), since
# CMake's own "Could not find a package configuration file provided by spdlog" names none.
include_guard(GLOBAL)

function(_stimmung_missing what debian)
  message(FATAL_ERROR
    "Could not find ${what}, which stimmung needs to build.\n"
    "On Debian/Ubuntu install it with:\n"
    "    sudo apt-get install ${debian}\n"
    "(all build prerequisites: g++ cmake ninja-build pkg-config libboost-locale-dev libicu-dev "
    "libspdlog-dev libfmt-dev; elsewhere install these libraries' development files and point "
    "CMAKE_PREFIX_PATH at them).")
endfunction()

macro(stimmung_find_dependencies)
  find_package(Boost 1.74 QUIET COMPONENTS locale CONFIG)
  if(NOT Boost_FOUND OR NOT TARGET Boost::locale)
    _stimmung_missing("Boost.Locale (1.74 or newer)" "libboost-locale-dev")
  endif()
  find_package(ICU QUIET COMPONENTS uc)
  if(NOT ICU_FOUND)
    _stimmung_missing("ICU (the uc library and its headers)" "libicu-dev")
  endif()
  find_package(spdlog QUIET)
  if(NOT spdlog_FOUND)
    # Debian's spdlog uses the external fmt; its package configuration fails when fmt is missing.
    find_package(fmt QUIET)
    if(NOT fmt_FOUND)
      _stimmung_missing("spdlog and fmt" "libspdlog-dev libfmt-dev")
    else()
      _stimmung_missing("spdlog" "libspdlog-dev")
    endif()
  endif()
endmacro()
