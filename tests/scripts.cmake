# Script-driven tests of the command line (label `cli`):
#  - cli.dump_summary.<prog> / cli.dump_full.<prog>: `hlffi dump [--summary]` must print the
#    same bytes as tools/hldump.py (the reference disassembler) for every conformance and bench
#    program;
#  - cli.usage / cli.* : exit codes and messages of the command line itself.
# Programs come from globbing the corpora folders, as haxe_programs.cmake compiles them.
find_package(Python3 COMPONENTS Interpreter)
set(hlffi_exe $<TARGET_FILE:hlffi_cli>)
set(hlffi_scripts ${CMAKE_CURRENT_SOURCE_DIR}/scripts)
set(hlffi_hldump ${PROJECT_SOURCE_DIR}/tools/hldump.py)
set(hlffi_cli_out ${CMAKE_CURRENT_BINARY_DIR}/cli_out)

set(cli_programs)
file(GLOB cli_conformance_dirs LIST_DIRECTORIES true ${HLFFI_CONFORMANCE_DIR}/*)
foreach(d ${cli_conformance_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    list(APPEND cli_programs ${n})
  endif()
endforeach()
file(GLOB cli_bench_dirs LIST_DIRECTORIES true ${HLFFI_BENCH_DIR}/*)
foreach(d ${cli_bench_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    list(APPEND cli_programs bench_${n})
  endif()
endforeach()

# Without python3 (or hldump.py) the comparison cannot run: one failing test says so, rather than
# the dump tests silently disappearing.
if(Python3_Interpreter_FOUND AND EXISTS ${hlffi_hldump})
  foreach(p ${cli_programs})
    foreach(mode summary full)
      add_test(NAME cli.dump_${mode}.${p}
        COMMAND ${CMAKE_COMMAND} -DHLFFI=${hlffi_exe} -DPYTHON=${Python3_EXECUTABLE}
          -DHLDUMP=${hlffi_hldump} -DHL_FILE=${HLFFI_HL_DIR}/${p}.hl -DMODE=${mode}
          -DOUT_DIR=${hlffi_cli_out} -P ${hlffi_scripts}/compare_dump.cmake)
      set_tests_properties(cli.dump_${mode}.${p} PROPERTIES LABELS cli)
    endforeach()
  endforeach()
else()
  message(WARNING "python3 or ${hlffi_hldump} missing: the dump comparison tests cannot run")
  add_test(NAME cli.dump_comparison_unavailable
    COMMAND ${CMAKE_COMMAND} -E echo "python3 (apt-get install python3) or ${hlffi_hldump} is missing: hlffi dump is not compared")
  set_tests_properties(cli.dump_comparison_unavailable PROPERTIES LABELS cli WILL_FAIL TRUE)
endif()

# One well-formed program for the CLI behaviour tests.
list(GET cli_programs 0 cli_good)
set(cli_good ${HLFFI_HL_DIR}/${cli_good}.hl)
set(expect sh ${hlffi_scripts}/expect_exit.sh)

add_test(NAME cli.usage_no_args COMMAND ${expect} 2 "" "usage:" -- ${hlffi_exe})
add_test(NAME cli.usage_unknown_command COMMAND ${expect} 2 "" "unknown command" -- ${hlffi_exe} frobnicate x.hl)
add_test(NAME cli.usage_missing_file_argument COMMAND ${expect} 2 "" "usage:" -- ${hlffi_exe} dump)
add_test(NAME cli.usage_run_without_file COMMAND ${expect} 2 "" "usage:" -- ${hlffi_exe} run)
add_test(NAME cli.nonexistent_file_dump COMMAND ${expect} 2 "" "no_such_file.hl" -- ${hlffi_exe} dump ${hlffi_cli_out}/no_such_file.hl)
add_test(NAME cli.nonexistent_file_verify COMMAND ${expect} 2 "" "no_such_file.hl" -- ${hlffi_exe} verify ${hlffi_cli_out}/no_such_file.hl)
add_test(NAME cli.nonexistent_file_run COMMAND ${expect} 2 "" "no_such_file.hl" -- ${hlffi_exe} run ${hlffi_cli_out}/no_such_file.hl)
add_test(NAME cli.verify_ok COMMAND ${expect} 0 "ok" "" -- ${hlffi_exe} verify ${cli_good})
add_test(NAME cli.truncated_file COMMAND sh ${hlffi_scripts}/truncated_file.sh ${hlffi_exe} ${cli_good} ${hlffi_cli_out})
set_tests_properties(cli.usage_no_args cli.usage_unknown_command cli.usage_missing_file_argument
  cli.usage_run_without_file cli.nonexistent_file_dump cli.nonexistent_file_verify
  cli.nonexistent_file_run cli.verify_ok cli.truncated_file PROPERTIES LABELS cli)

# No file points outside the repository (a sibling checkout's README or runner).
add_test(NAME repo.stands_alone COMMAND sh ${hlffi_scripts}/stands_alone.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(repo.stands_alone PROPERTIES LABELS cli)
