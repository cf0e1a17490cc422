# End-to-end tests of `itagap score`: exit codes, stdout and stderr.
# Run by CTest as: cmake -DITAGAP=... -DSOURCE_DIR=... -P score_cli_test.cmake
cmake_minimum_required(VERSION 3.25)

set(Q "${SOURCE_DIR}/data/questionnaires/ita-internal-2568.json")
set(R "${SOURCE_DIR}/data/demo/responses.csv")
set(WORK "${CMAKE_CURRENT_BINARY_DIR}/cli-score-work")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

include(${CMAKE_CURRENT_LIST_DIR}/cli_checks.cmake)

# 1. The demo data set, Thai text: the seed's findings.
run_itagap(score --questionnaire "${Q}" --responses "${R}")
expect_rc("demo text" 0)
expect_in("demo text" "${out}" "ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 3 การใช้อำนาจ")
expect_in("demo text" "${out}" "ข้อย่อยที่ได้คะแนนน้อยที่สุด (ร้อยละ 81.82) คือ “i12")
expect_in("demo text" "${out}" "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน (ร้อยละ 88.33)")
expect_in("demo text" "${out}" "ข้อ i12 เป็นข้อคำถามเชิงลบ")

# 2. JSON: the figures with their counts.
run_itagap(score -q "${Q}" -r "${R}" --format json)
expect_rc("demo json" 0)
string(JSON unit_name GET "${out}" units 0 unit)
expect_in("demo json unit" "${unit_name}" "ศรป.")
string(JSON iit GET "${out}" units 0 instruments 0 instrument)
expect_in("demo json instrument" "${iit}" "IIT")
string(JSON respondents GET "${out}" units 0 instruments 0 respondents)
expect_in("demo json respondents" "${respondents}" "11")
# Indicator 1's twelfth item is i12: 9 favourable of 11.
string(JSON code GET "${out}" units 0 instruments 0 indicators 0 items 11 code)
string(JSON fav GET "${out}" units 0 instruments 0 indicators 0 items 11 favourable)
string(JSON answers GET "${out}" units 0 instruments 0 indicators 0 items 11 answers)
string(JSON score_text GET "${out}" units 0 instruments 0 indicators 0 items 11 score_text)
expect_in("demo json i12" "${code}:${fav}:${answers}:${score_text}" "i12:9:11:81.82")
string(JSON lowest GET "${out}" units 0 gaps instruments 1 lowest_indicators 0)
expect_in("demo json EIT lowest" "${lowest}" "8")
string(JSON flagged GET "${out}" units 0 gaps instruments 0 misread 0 flagged_respondents)
expect_in("demo json misread" "${flagged}" "2")

# 3. English text.
run_itagap(score -q "${Q}" -r "${R}" --lang en)
expect_rc("demo english" 0)
expect_in("demo english" "${out}" "The highest indicator is indicator 3 Use of authority")

# 4. A bad cell: exit 2, the file, line, column and value on stderr, nothing on stdout.
file(WRITE "${WORK}/bad.csv" "unit,round,instrument,respondent,i1\nU,R,IIT,a,4\nU,R,IIT,b,7\n")
run_itagap(score -q "${Q}" -r "${WORK}/bad.csv")
expect_rc("bad csv" 2)
expect_in("bad csv" "${err}" "bad.csv:3: i1: value \"7\"")
if(NOT out STREQUAL "")
  message(SEND_ERROR "bad csv: expected no output, got:\n${out}")
  math(EXPR failures "${failures} + 1")
endif()

# 5. A bad questionnaire: exit 2 with its JSON path.
file(READ "${Q}" questionnaire)
string(REPLACE "\"reverse\": true" "\"revers\": true" broken "${questionnaire}")
file(WRITE "${WORK}/broken.json" "${broken}")
run_itagap(score -q "${WORK}/broken.json" -r "${R}")
expect_rc("bad questionnaire" 2)
expect_in("bad questionnaire" "${err}" "broken.json")
expect_in("bad questionnaire" "${err}" "revers")

# 6. A missing file and a bad option.
run_itagap(score -q "${WORK}/nope.json" -r "${R}")
expect_rc("missing file" 2)
expect_in("missing file" "${err}" "nope.json")
run_itagap(score -q "${Q}" -r "${R}" --format xml)
expect_rc("bad option" 2)
run_itagap()
expect_rc("no subcommand" 2)

# 7. serve: bad --listen and bad --db are bad input (exit 2) with a message.
run_itagap(serve --listen nonsense --db "sqlite:${WORK}/x.db")
expect_rc("serve bad listen" 2)
expect_in("serve bad listen" "${err}" "--listen")
run_itagap(serve --db "mysql://nowhere")
expect_rc("serve bad db" 2)
expect_in("serve bad db" "${err}" "mysql://nowhere")
# Beyond loopback, links must not come from the Host header: --public-url is
# required, and must be an http(s) address (docs/security.md).
run_itagap(serve --listen 0.0.0.0:0 --db "sqlite:${WORK}/x.db")
expect_rc("serve beyond loopback without --public-url" 2)
expect_in("serve beyond loopback without --public-url" "${err}" "--public-url is required")
run_itagap(serve --listen 127.0.0.1:0 --public-url "javascript:alert(1)" --db "sqlite:${WORK}/x.db")
expect_rc("serve bad --public-url" 2)
expect_in("serve bad --public-url" "${err}" "expected an http:// or https:// address")

# 7b. Issue 12.8: the demo file as Excel saves "CSV" on a Thai Windows
#     (Windows-874), with semicolons, scores exactly as the UTF-8 file does.
find_program(ICONV iconv)
if(ICONV)
  run_itagap(score -q "${Q}" -r "${R}" --format json)
  set(utf8_json "${out}")
  file(READ "${R}" demo_text)
  string(REPLACE "," ";" demo_semicolons "${demo_text}")
  file(WRITE "${WORK}/semicolons-utf8.csv" "${demo_semicolons}")
  execute_process(COMMAND "${ICONV}" -f UTF-8 -t CP874 "${WORK}/semicolons-utf8.csv"
    OUTPUT_FILE "${WORK}/excel-cp874.csv" RESULT_VARIABLE iconv_rc)
  run_itagap(score -q "${Q}" -r "${WORK}/excel-cp874.csv" --format json)
  expect_rc("Windows-874 with semicolons" 0)
  if(NOT out STREQUAL utf8_json)
    message(SEND_ERROR "Windows-874 with semicolons: the scores differ from the UTF-8 file's")
    math(EXPR failures "${failures} + 1")
  endif()
else()
  message(STATUS "no iconv here: the Windows-874 check is skipped")
endif()

# 8. Exit 1: the scores were computed but could not be written. /dev/full
#    refuses every write with ENOSPC (a full disk), which is the one way
#    `score` has of failing after its input was accepted.
if(EXISTS "/dev/full")
  foreach(format text json)
    execute_process(COMMAND "${ITAGAP}" score -q "${Q}" -r "${R}" --format ${format}
      RESULT_VARIABLE rc OUTPUT_FILE /dev/full ERROR_VARIABLE err)
    set(out "(written to /dev/full)")
    expect_rc("${format} output to a full disk" 1)
    expect_in("${format} output to a full disk" "${err}" "itagap: could not write the output")
  endforeach()
else()
  message(STATUS "no /dev/full here: the exit-1 check is skipped")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} check(s) failed")
endif()
message(STATUS "all itagap score checks passed")
