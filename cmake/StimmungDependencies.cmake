# Finds the libraries stimmung links (Boost.Locale, ICU, spdlog with fmt). When one is missing, the message
# names the package to install (Debian/Ubuntu names, which users on other systems can map), since CMake's own
# "Could not find a package configuration file provided by spdlog" names none.
#
# Used twice, so that both give the same hint: by this source tree's CMakeLists.txt (a missing library stops
# the build) and, installed beside it, by stimmungConfig.cmake (a consumer's find_package(stimmung) reports
# stimmung as not found, with this message, instead of failing inside find_dependency).
include_guard(GLOBAL)

# Sets <out_var> to the message for the missing libraries <what> (a list) and the Debian packages <debian>
# (a list) that provide them. <context> is "build" (this source tree) or "use" (an installed stimmung).
function(stimmung_missing_message out_var context what debian)
  set(what_text "${what}")
  list(POP_BACK what_text last)
  list(JOIN what_text ", " what_text)
  if(what_text)
    string(APPEND what_text " and ")
  endif()
  string(APPEND what_text "${last}")
  list(JOIN debian " " debian_text)
  if(context STREQUAL "build")
    set(needs "which stimmung needs to build")
    string(CONCAT all "all build prerequisites: g++ cmake ninja-build pkg-config libboost-locale-dev "
                      "libicu-dev libspdlog-dev libfmt-dev")
  else()
    set(needs "which the installed stimmung library links against")
    set(all "all libraries it links: libboost-locale-dev libicu-dev libspdlog-dev libfmt-dev")
  endif()
  string(CONCAT message
    "Could not find ${what_text}, ${needs}.\n"
    "On Debian/Ubuntu install with:\n"
    "    sudo apt-get install ${debian_text}\n"
    "(${all}; elsewhere install these libraries' development files and point CMAKE_PREFIX_PATH at them).")
  set(${out_var} "${message}" PARENT_SCOPE)
endfunction()

# Finds every library stimmung links; sets <missing_var> to "" when all were found, else to the message
# (stimmung_missing_message) naming every missing one and its package. A macro, so that what find_package
# defines stays in the caller's scope.
macro(stimmung_find_dependencies context missing_var)
  set(_stimmung_what "")
  set(_stimmung_debian "")
  find_package(Boost 1.74 QUIET COMPONENTS locale CONFIG)
  if(NOT Boost_FOUND OR NOT TARGET Boost::locale)
    list(APPEND _stimmung_what "Boost.Locale (1.74 or newer)")
    list(APPEND _stimmung_debian libboost-locale-dev)
  endif()
  find_package(ICU QUIET COMPONENTS uc)
  if(NOT ICU_FOUND)
    list(APPEND _stimmung_what "ICU (the uc library and its headers)")
    list(APPEND _stimmung_debian libicu-dev)
  endif()
  find_package(spdlog QUIET)
  if(NOT spdlog_FOUND)
    # Debian's spdlog uses the external fmt; its package configuration fails when fmt is missing.
    find_package(fmt QUIET)
    if(NOT fmt_FOUND)
      list(APPEND _stimmung_what "spdlog and fmt")
      list(APPEND _stimmung_debian libspdlog-dev libfmt-dev)
    else()
      list(APPEND _stimmung_what spdlog)
      list(APPEND _stimmung_debian libspdlog-dev)
    endif()
  endif()
  set(${missing_var} "")
  if(_stimmung_what)
    stimmung_missing_message(${missing_var} ${context} "${_stimmung_what}" "${_stimmung_debian}")
  endif()
  unset(_stimmung_what)
  unset(_stimmung_debian)
endmacro()
