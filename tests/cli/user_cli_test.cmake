# End-to-end tests of `itagap init` and `itagap user add|list|reset` (issue
# 12): a new agency starts from an empty database.
# Run by CTest as: cmake -DITAGAP=... -DWORK=... [-DBACKEND=postgres] -P user_cli_test.cmake
# BACKEND sqlite (the default) uses a file in WORK; postgres a fresh database
# on the server of ITAGAP_TEST_POSTGRES_URL ("SKIPPED:" when that is not set).
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
if(NOT DEFINED BACKEND OR BACKEND STREQUAL "sqlite")
  set(DB "sqlite:${WORK}/agency.db")
elseif(BACKEND STREQUAL "postgres")
  set(server_url "$ENV{ITAGAP_TEST_POSTGRES_URL}")
  if(server_url STREQUAL "")
    message(STATUS "SKIPPED: ITAGAP_TEST_POSTGRES_URL is not set (scripts/with-postgres.sh sets it)")
    return()
  endif()
  find_program(PSQL psql)
  if(NOT PSQL)
    message(FATAL_ERROR "ITAGAP_TEST_POSTGRES_URL is set but psql was not found")
  endif()
  set(pg_database "itagap_cli_user")
  string(REGEX MATCH "^[^?]*" pg_head "${server_url}")
  string(LENGTH "${pg_head}" head_length)
  string(SUBSTRING "${server_url}" ${head_length} -1 pg_params)
  string(REGEX REPLACE "^([a-z]+://[^/]*).*$" "\\1" pg_authority "${pg_head}")
  set(DB "${pg_authority}/${pg_database}${pg_params}")
  function(pg_admin sql)
    execute_process(COMMAND "${PSQL}" "${server_url}" -X -q -v ON_ERROR_STOP=1 -c "${sql}"
      RESULT_VARIABLE pg_rc OUTPUT_VARIABLE pg_out ERROR_VARIABLE pg_err)
    if(NOT pg_rc EQUAL 0)
      message(FATAL_ERROR "psql: ${sql}: ${pg_err}")
    endif()
  endfunction()
  pg_admin("DROP DATABASE IF EXISTS ${pg_database} WITH (FORCE)")
  pg_admin("CREATE DATABASE ${pg_database}")
else()
  message(FATAL_ERROR "BACKEND must be sqlite or postgres, not ${BACKEND}")
endif()
message(STATUS "database: ${DB}")

include(${CMAKE_CURRENT_LIST_DIR}/cli_checks.cmake)

macro(expect_not_in name haystack needle)
  string(FIND "${haystack}" "${needle}" pos)
  if(NOT pos EQUAL -1)
    message(SEND_ERROR "${name}: did not expect\n  ${needle}\nin:\n${haystack}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

# The one-time password printed after "รหัสผ่านใช้ครั้งเดียว / One-time password: ".
macro(one_time_password var text)
  string(REGEX MATCH "One-time password: ([A-Za-z0-9_-]+)" matched "${text}")
  set(${var} "${CMAKE_MATCH_1}")
  if("${${var}}" STREQUAL "")
    message(SEND_ERROR "no one-time password in:\n${text}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

# 1. An empty database has no user.
run_itagap(user list --db "${DB}")
expect_rc("list on an empty database" 0)
expect_in("list on an empty database" "${out}" "itagap init")

# 2. init: the agency's name and the first admin, its password printed once.
run_itagap(init --db "${DB}" --agency "กรมตัวอย่าง")
expect_rc("init" 0)
expect_in("init" "${out}" "กรมตัวอย่าง")
expect_in("init" "${out}" "admin")
one_time_password(first "${out}")
string(LENGTH "${first}" first_length)
if(first_length LESS 12)
  message(SEND_ERROR "init: one-time password '${first}' is shorter than 12 characters")
  math(EXPR failures "${failures} + 1")
endif()

# ... only once: a second init is refused and changes nothing.
run_itagap(init --db "${DB}" --agency "กรมอื่น")
expect_rc("second init" 2)
expect_in("second init" "${err}" "itagap user add")
run_itagap(init --db "${DB}" --agency "")
expect_rc("init without a name" 2)

# 3. The admin must change the password at the first sign-in.
run_itagap(user list --db "${DB}")
expect_rc("list after init" 0)
expect_in("list after init" "${out}" "admin\tadmin\t-\tactive\tmust-change-password")

# 4. user add: a coordinator needs a unit; a bad role or username is refused.
run_itagap(user add --db "${DB}" --username somchai --role unit_coordinator)
expect_rc("coordinator without a unit" 2)
expect_in("coordinator without a unit" "${err}" "unit coordinator needs a unit")
run_itagap(user add --db "${DB}" --username somchai --role boss)
expect_rc("unknown role" 2)
run_itagap(user add --db "${DB}" --username "สมชาย" --role executive)
expect_rc("Thai username" 2)
run_itagap(user add --db "${DB}" --username exec1 --role executive --name "ผู้บริหาร หนึ่ง")
expect_rc("add an executive" 0)
one_time_password(exec_password "${out}")
run_itagap(user add --db "${DB}" --username EXEC1 --role executive)
expect_rc("a taken username, in other case" 2)
expect_in("a taken username" "${err}" "taken")
run_itagap(user list --db "${DB}")
expect_in("list after add" "${out}" "exec1\texecutive\t-\tactive\tmust-change-password")

# 5. reset: a new one-time password, different from the first.
run_itagap(user reset --db "${DB}" --username admin)
expect_rc("reset" 0)
one_time_password(second "${out}")
if(second STREQUAL first)
  message(SEND_ERROR "reset: the new password is the old one")
  math(EXPR failures "${failures} + 1")
endif()
run_itagap(user reset --db "${DB}" --username nobody)
expect_rc("reset an unknown user" 2)

# 6. serve on an empty database says how to start (checked on a second file).
if(NOT DEFINED BACKEND OR BACKEND STREQUAL "sqlite")
  run_itagap(serve --db "sqlite:${WORK}/empty.db" --listen "bad")
  expect_in("serve on an empty database" "${err}" "itagap init --db")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} check(s) failed")
endif()
