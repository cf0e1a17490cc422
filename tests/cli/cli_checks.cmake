# Shared by the command-line test scripts: run itagap, then check its exit
# code and output. Each failed check is reported and counted in `failures`,
# which a script turns into a fatal error at its end.
set(failures 0)

function(run_itagap)
  execute_process(COMMAND "${ITAGAP}" ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

macro(expect_rc name expected)
  if(NOT rc STREQUAL "${expected}")
    message(SEND_ERROR "${name}: exit code ${rc}, expected ${expected}\nstdout:\n${out}\nstderr:\n${err}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

macro(expect_in name haystack needle)
  string(FIND "${haystack}" "${needle}" pos)
  if(pos EQUAL -1)
    message(SEND_ERROR "${name}: expected to find\n  ${needle}\nin:\n${haystack}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()
