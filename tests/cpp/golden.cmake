# Runs stimmung_dump MODE < INPUT into ACTUAL and fails when it differs from EXPECTED by a single byte.
# Called by ctest (tests/cpp/CMakeLists.txt) with -DDUMP= -DMODE= -DINPUT= -DEXPECTED= -DACTUAL=.
execute_process(COMMAND ${DUMP} ${MODE} INPUT_FILE ${INPUT} OUTPUT_FILE ${ACTUAL} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "stimmung_dump ${MODE} < ${INPUT} failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${ACTUAL} ${EXPECTED} RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "The scorer's output changed: diff ${EXPECTED} ${ACTUAL}\n"
                      "If the change is intended (a lexicon edit, a new rule), take it: cp ${ACTUAL} ${EXPECTED}")
endif()
