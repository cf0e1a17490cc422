# End-to-end tests of `itagap plan export` and `itagap plan import` on a demo
# database made with the hidden `itagap demo --setup-only`: exit codes, the
# files written and the messages on stderr.
# Run by CTest as: cmake -DITAGAP=... -DSOURCE_DIR=... -DWORK=... [-DBACKEND=postgres]
#                        -P plan_cli_test.cmake
# BACKEND sqlite (the default) uses a file in WORK. BACKEND postgres uses a
# fresh database on the server of ITAGAP_TEST_POSTGRES_URL (made and dropped
# here with psql), and prints "SKIPPED:" and stops when that is not set.
cmake_minimum_required(VERSION 3.25)

set(PLAN "${SOURCE_DIR}/data/demo/plan-2569.json")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
if(NOT DEFINED BACKEND OR BACKEND STREQUAL "sqlite")
  set(DB "sqlite:${WORK}/demo.db")
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
  # The server's URL with its database name replaced, as the store tests do:
  # postgresql://user@host:port/postgres?x=y -> postgresql://user@host:port/itagap_cli_plan?x=y
  set(pg_database "itagap_cli_plan")
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
set(UNIT_NAME "ศูนย์ความร่วมมือระหว่างประเทศ")
set(UNIT_SHORT "ศรป.")

include(${CMAKE_CURRENT_LIST_DIR}/cli_checks.cmake)

macro(expect_not_in name haystack needle)
  string(FIND "${haystack}" "${needle}" pos)
  if(NOT pos EQUAL -1)
    message(SEND_ERROR "${name}: did not expect\n  ${needle}\nin:\n${haystack}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

# A plan file's measures: five, numbered 1..5, under the seed's strategies.
macro(expect_five_measures name json)
  string(JSON format ERROR_VARIABLE json_error GET "${json}" format)
  if(json_error)
    message(SEND_ERROR "${name}: not a plan file: ${json_error}\n${json}")
    math(EXPR failures "${failures} + 1")
  else()
    expect_in("${name} format" "${format}" "itagap-plan/1")
    string(JSON measures LENGTH "${json}" measures)
    if(NOT measures EQUAL 5)
      message(SEND_ERROR "${name}: ${measures} measures, expected 5")
      math(EXPR failures "${failures} + 1")
    endif()
    string(JSON last GET "${json}" measures 4 number)
    expect_in("${name} last measure" "${last}" "5")
    string(JSON unit GET "${json}" unit name)
    expect_in("${name} unit" "${unit}" "${UNIT_NAME}")
    string(JSON year GET "${json}" fiscal_year)
    expect_in("${name} year" "${year}" "2569")
  endif()
endmacro()

# 1. The demo database, set up without serving; the option is not in the help.
run_itagap(demo --setup-only --db "${DB}")
expect_rc("demo --setup-only" 0)
expect_in("demo --setup-only" "${out}" "is ready")
run_itagap(demo --help)
expect_not_in("demo help hides --setup-only" "${out}" "setup-only")
run_itagap(plan --help)
expect_in("plan help" "${out}" "export")
expect_in("plan help" "${out}" "import")

# 2. The demo carries the seed's plan: export it by short name to a file.
run_itagap(plan export --db "${DB}" --unit "${UNIT_SHORT}" --year 2569 -o "${WORK}/exported.json")
expect_rc("export by short name" 0)
file(READ "${WORK}/exported.json" exported)
expect_five_measures("export by short name" "${exported}")
string(JSON plan_id ERROR_VARIABLE no_id GET "${exported}" id)
if(no_id)
  message(SEND_ERROR "export: the plan's id is missing:\n${exported}")
  math(EXPR failures "${failures} + 1")
endif()
string(JSON unit_id ERROR_VARIABLE no_unit_id GET "${exported}" unit id)
if(no_unit_id)
  message(SEND_ERROR "export: the unit's id is missing:\n${exported}")
  math(EXPR failures "${failures} + 1")
endif()

# 3. Importing over an existing plan is refused without --replace...
run_itagap(plan import --db "${DB}" "${PLAN}")
expect_rc("import over existing" 2)
expect_in("import over existing" "${err}" "--replace")
expect_in("import over existing" "${err}" "plan-2569.json")

# ... and with it, saved over the plan as its next version.
run_itagap(plan import --db "${DB}" --replace "${PLAN}")
expect_rc("import --replace" 0)
expect_in("import --replace" "${out}" "version 2")
expect_in("import --replace" "${out}" "5 measures")

# 4. Export to stdout by "name (short)": the same plan comes back.
run_itagap(plan export --db "${DB}" --unit "${UNIT_NAME} (${UNIT_SHORT})" --year 2569)
expect_rc("export by full label" 0)
expect_five_measures("export by full label" "${out}")
string(JSON again_id GET "${out}" id)
if(NOT again_id STREQUAL plan_id)
  message(SEND_ERROR "export after replace: plan id ${again_id}, expected ${plan_id}")
  math(EXPR failures "${failures} + 1")
endif()

# 5. A fresh import: the exported file, moved to another year, becomes a new
#    plan (version 1), and exports back with its five measures.
string(REPLACE "\"fiscal_year\": 2569" "\"fiscal_year\": 2570" plan_2570 "${exported}")
file(WRITE "${WORK}/plan-2570.json" "${plan_2570}")
run_itagap(plan import --db "${DB}" "${WORK}/plan-2570.json")
expect_rc("import new year" 0)
expect_in("import new year" "${out}" "version 1")
run_itagap(plan export --db "${DB}" --unit "${UNIT_NAME}" --year 2570)
expect_rc("export new year" 0)
string(JSON measures LENGTH "${out}" measures)
if(NOT measures EQUAL 5)
  message(SEND_ERROR "export new year: ${measures} measures, expected 5")
  math(EXPR failures "${failures} + 1")
endif()

# 6. A malformed plan: exit 2, the file and the JSON path on stderr, nothing stored.
file(READ "${PLAN}" plan_text)
string(REPLACE "\"strategy\": \"P\"" "\"strategy\": \"X\"" broken "${plan_text}")
string(REPLACE "\"fiscal_year\": 2569" "\"fiscal_year\": 2571" broken "${broken}")
file(WRITE "${WORK}/broken.json" "${broken}")
run_itagap(plan import --db "${DB}" "${WORK}/broken.json")
expect_rc("malformed plan" 2)
expect_in("malformed plan" "${err}" "broken.json")
expect_in("malformed plan" "${err}" "$.measures[0].strategy")
expect_in("malformed plan" "${err}" "nothing was imported")
run_itagap(plan export --db "${DB}" --unit "${UNIT_SHORT}" --year 2571)
expect_rc("malformed plan stored nothing" 2)
expect_in("malformed plan stored nothing" "${err}" "no plan")

# 7. A plan of a unit the database does not have: exit 2, naming $.unit.
string(REPLACE "\"name\": \"${UNIT_NAME}\"" "\"name\": \"หน่วยงานที่ไม่มีอยู่\"" stranger "${plan_text}")
string(REPLACE "\"short_name\": \"${UNIT_SHORT}\"" "\"short_name\": \"ไม่มี.\"" stranger "${stranger}")
file(WRITE "${WORK}/stranger.json" "${stranger}")
run_itagap(plan import --db "${DB}" "${WORK}/stranger.json")
expect_rc("unknown unit" 2)
expect_in("unknown unit" "${err}" "$.unit")
expect_in("unknown unit" "${err}" "หน่วยงานที่ไม่มีอยู่")

# 8. Export: an unknown unit, a year without a plan, a year out of range.
run_itagap(plan export --db "${DB}" --unit "ไม่มี" --year 2569)
expect_rc("export unknown unit" 2)
expect_in("export unknown unit" "${err}" "--unit")
expect_in("export unknown unit" "${err}" "${UNIT_SHORT}")  # lists the known units
run_itagap(plan export --db "${DB}" --unit "${UNIT_SHORT}" --year 2580)
expect_rc("export no plan" 2)
run_itagap(plan export --db "${DB}" --unit "${UNIT_SHORT}" --year 2025)
expect_rc("export Gregorian year" 2)

# 9. Missing file, bad --db, missing subcommand.
run_itagap(plan import --db "${DB}" "${WORK}/nope.json")
expect_rc("missing file" 2)
expect_in("missing file" "${err}" "nope.json")
run_itagap(plan import --db "mysql://nowhere" "${PLAN}")
expect_rc("bad db" 2)
expect_in("bad db" "${err}" "mysql://nowhere")
run_itagap(plan)
expect_rc("plan without subcommand" 2)

if(BACKEND STREQUAL "postgres")
  pg_admin("DROP DATABASE IF EXISTS ${pg_database} WITH (FORCE)")
endif()
if(failures GREATER 0)
  message(FATAL_ERROR "${failures} check(s) failed")
endif()
message(STATUS "all itagap plan checks passed (${DB})")
