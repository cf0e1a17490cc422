# End-to-end tests of `itagap report` on a demo database (made with the hidden
# `itagap demo --setup-only`): every format is written; the PDF and the DOCX
# (converted by LibreOffice) carry the seed's sentences in Thai, intact, with
# the font embedded; the DOCX's XML parses; bad arguments exit with 2.
# Run by CTest as: cmake -DITAGAP=... -DWORK=... -P report_cli_test.cmake
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(DB "sqlite:${WORK}/demo.db")
set(SEED_ROUND "ITA 2568 รอบ 5 เดือนแรก")

include(${CMAKE_CURRENT_LIST_DIR}/cli_checks.cmake)

foreach(tool pdftotext pdffonts unzip xmllint soffice)
  find_program(${tool}_path ${tool})
  if(NOT ${tool}_path)
    message(FATAL_ERROR "${tool} is not installed (scripts/install-deps.sh installs it)")
  endif()
endforeach()

run_itagap(demo --db "${DB}" --setup-only)
expect_rc("demo set-up" 0)

foreach(format html docx pdf xlsx scores.csv responses.csv)
  run_itagap(report --db "${DB}" --unit ศรป. --round "${SEED_ROUND}" --format ${format}
             -o "${WORK}/kpi.${format}" --today 2026-04-15)
  expect_rc("report ${format}" 0)
  expect_in("report ${format} says what it wrote" "${out}" "kpi.${format}: ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)")
  if(NOT EXISTS "${WORK}/kpi.${format}")
    message(SEND_ERROR "report ${format}: no file written")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

# The seed's facts, compared without white space: PDF text extraction breaks
# lines wherever the layout did. pdftotext -raw keeps the content stream's
# order; its default orders glyphs by position, which puts a Thai tone mark
# that the font shifts left before its vowel ("ชีว้ัด" for "ชี้วัด").
set(SEED_FACTS
  "เอกสารแนบผลการดำเนินงานตัวชี้วัด2.1(ศูนย์ความร่วมมือระหว่างประเทศปีงบประมาณ2569)"
  "วันที่20พ.ย.2568ศูนย์ความร่วมมือระหว่างประเทศ(ศรป.)จัดประชุมภายในเพื่อชี้แจงผลการประเมินและมาตรการแก้ไข"
  "ณห้องประชุมศูนย์ความร่วมมือระหว่างประเทศอาคาร6ชั้น4เวลา09.30-11.00น."
  "ตัวชี้วัดที่ได้คะแนนสูงสุดคือตัวชี้วัดที่3การใช้อำนาจ"
  "ขณะที่คะแนนต่ำสุดคือตัวชี้วัดที่1การปฏิบัติหน้าที่"
  "ข้อย่อยที่ได้คะแนนน้อยที่สุด(ร้อยละ81.82)คือ“i12เจ้าหน้าที่ในหน่วยงานของท่านมีการเลือกปฏิบัติอย่างไม่เป็นธรรม"
  "ตัวชี้วัดที่6คุณภาพการดำเนินงาน(ร้อยละ93.33)"
  "ตัวชี้วัดที่8การปรับปรุงระบบการทำงาน(ร้อยละ88.33)"
  "“e7หน่วยงานมีการเปิดโอกาสให้บุคคลภายนอกได้เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงานของหน่วยงาน”"
  "ผู้ตอบบางส่วนสับสนกับข้อความทำให้เลือกคำตอบผิดจากที่ตั้งใจไว้"
  "P:Partnership"
  "5.พัฒนาทักษะการสื่อสารและการให้บริการที่เป็นธรรมแก่เจ้าหน้าที่"
  "3.ข้อมูลความรู้ด้านแผนงานงบประมาณ")

macro(expect_pdf_carries_the_seed name pdf font)
  execute_process(COMMAND "${pdftotext_path}" -raw "${pdf}" - OUTPUT_VARIABLE text RESULT_VARIABLE text_rc)
  if(NOT text_rc EQUAL 0)
    message(SEND_ERROR "${name}: pdftotext failed on ${pdf}")
    math(EXPR failures "${failures} + 1")
  endif()
  string(ASCII 12 form_feed)  # pdftotext ends each page with one
  string(REGEX REPLACE "[ \t\r\n${form_feed}]+" "" squeezed "${text}")
  # A sentence may run on to the next page, past the page's footer.
  string(REGEX REPLACE "หน้า[0-9]+/[0-9]+" "" squeezed "${squeezed}")
  foreach(fact IN LISTS SEED_FACTS)
    expect_in("${name}" "${squeezed}" "${fact}")
  endforeach()
  execute_process(COMMAND "${pdffonts_path}" "${pdf}" OUTPUT_VARIABLE fonts)
  expect_in("${name} font" "${fonts}" "${font}")
  # pdffonts columns: name type encoding emb sub uni; every font embedded.
  string(REGEX MATCH "\n[^\n]* no +(yes|no) +(yes|no) +[0-9]+ +[0-9]+" not_embedded "${fonts}")
  if(not_embedded)
    message(SEND_ERROR "${name}: a font is not embedded:\n${fonts}")
    math(EXPR failures "${failures} + 1")
  endif()
endmacro()

expect_pdf_carries_the_seed("pdf" "${WORK}/kpi.pdf" "Laksaman")

# DOCX: unzips, every XML part parses, LibreOffice converts it to a PDF that
# carries the same sentences (TH Sarabun New falls back to the metric-
# compatible Laksaman through fontconfig).
file(MAKE_DIRECTORY "${WORK}/docx")
execute_process(COMMAND "${unzip_path}" -o -q "${WORK}/kpi.docx" -d "${WORK}/docx" RESULT_VARIABLE unzip_rc)
if(NOT unzip_rc EQUAL 0)
  message(SEND_ERROR "docx: unzip failed (${unzip_rc})")
  math(EXPR failures "${failures} + 1")
endif()
file(GLOB_RECURSE parts "${WORK}/docx/*.xml" "${WORK}/docx/*.rels")
list(LENGTH parts part_count)
if(part_count LESS 5)
  message(SEND_ERROR "docx: only ${part_count} XML parts")
  math(EXPR failures "${failures} + 1")
endif()
foreach(part IN LISTS parts)
  execute_process(COMMAND "${xmllint_path}" --noout "${part}" RESULT_VARIABLE xml_rc ERROR_VARIABLE xml_err)
  if(NOT xml_rc EQUAL 0)
    message(SEND_ERROR "docx: ${part} does not parse:\n${xml_err}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()
execute_process(
  COMMAND "${soffice_path}" --headless "-env:UserInstallation=file://${WORK}/lo-profile"
          --convert-to pdf --outdir "${WORK}/lo" "${WORK}/kpi.docx"
  RESULT_VARIABLE lo_rc OUTPUT_VARIABLE lo_out ERROR_VARIABLE lo_err TIMEOUT 180)
if(NOT lo_rc EQUAL 0 OR NOT EXISTS "${WORK}/lo/kpi.pdf")
  message(SEND_ERROR "docx: LibreOffice did not convert it (${lo_rc}):\n${lo_out}\n${lo_err}")
  math(EXPR failures "${failures} + 1")
else()
  expect_pdf_carries_the_seed("docx via LibreOffice" "${WORK}/lo/kpi.pdf" "")
endif()

file(READ "${WORK}/kpi.html" html)
expect_in("html chart" "${html}" "<svg")
expect_in("html span" "${html}" "<td rowspan=\"2\">P : Partnership</td>")
file(READ "${WORK}/kpi.scores.csv" scores)
expect_in("scores csv" "${scores}" "98.12")

# Bad input: exit 2, a message naming the argument, no file.
run_itagap(report --db "${DB}" --unit "ไม่มีหน่วยนี้" --round "${SEED_ROUND}" --format pdf -o "${WORK}/x.pdf")
expect_rc("unknown unit" 2)
expect_in("unknown unit message" "${err}" "--unit: value \"ไม่มีหน่วยนี้\": no such unit")
run_itagap(report --db "${DB}" --unit ศรป. --round "ไม่มีรอบนี้" --format pdf -o "${WORK}/x.pdf")
expect_rc("unknown round" 2)
expect_in("unknown round message" "${err}" "--round: value \"ไม่มีรอบนี้\": no such round")
run_itagap(report --db "${DB}" --unit ศรป. --round "${SEED_ROUND}" --format odt -o "${WORK}/x.odt")
expect_rc("unknown format" 2)
expect_in("unknown format message" "${err}" "expected docx, pdf, html, xlsx, scores.csv or responses.csv")
run_itagap(report --db "${DB}" --unit ศรป. --round "ITA 2569 รอบ 1" --format pdf -o "${WORK}/x.pdf")
expect_rc("a round without responses" 2)
expect_in("no responses message" "${err}" "no responses")
run_itagap(report --db "${DB}" --unit ศรป. --round "${SEED_ROUND}" --plan 999 --format pdf -o "${WORK}/x.pdf")
expect_rc("unknown plan" 2)
if(EXISTS "${WORK}/x.pdf")
  message(SEND_ERROR "a failed report left a file behind")
  math(EXPR failures "${failures} + 1")
endif()
# A directory that does not exist: the database is fine, the write is not.
run_itagap(report --db "${DB}" --unit ศรป. --round "${SEED_ROUND}" --format html -o "${WORK}/no/such/dir/x.html")
expect_rc("unwritable output" 1)
expect_in("unwritable output message" "${err}" "cannot open the file for writing")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} check(s) failed")
endif()
