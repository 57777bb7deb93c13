# Fails if BINARY depends on a Qt library (checked with ldd) or if the core's link line names Qt.
execute_process(COMMAND ldd ${BINARY} OUTPUT_VARIABLE deps RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd failed on ${BINARY}")
endif()
if(deps MATCHES "libQt")
  message(FATAL_ERROR "core_tests links Qt, but core must not depend on Qt:\n${deps}")
endif()
message(STATUS "core_tests links no Qt library")
