# tests/hosts: C host programs of restart and threaded mode (issue tests written the way every
# embedding user writes them); each checks its own results and exits non-zero on a mismatch.
foreach(host restart_host threaded_host blocking_host)
  add_executable(${host} ${CMAKE_CURRENT_LIST_DIR}/hosts/${host}.c)
  target_link_libraries(${host} PRIVATE hlffi stdc++ m)
  add_dependencies(${host} haxe_programs)
endforeach()
add_test(NAME hosts.restart COMMAND restart_host ${HLFFI_HL_DIR}/api_restart.hl)
add_test(NAME hosts.threaded COMMAND threaded_host ${HLFFI_HL_DIR}/api_threaded.hl)
add_test(NAME hosts.blocking_sleep COMMAND blocking_host ${HLFFI_HL_DIR}/api_blocking.hl sleep)
add_test(NAME hosts.blocking_spin COMMAND blocking_host ${HLFFI_HL_DIR}/api_blocking.hl spin)
add_test(NAME hosts.blocking_command COMMAND blocking_host ${HLFFI_HL_DIR}/api_blocking.hl command)
set_tests_properties(hosts.restart hosts.threaded hosts.blocking_sleep hosts.blocking_spin
  hosts.blocking_command
  PROPERTIES LABELS "hosts;threads" TIMEOUT 60)
# Restart from one compiled module: hlffi_module_load_file once, hlffi_load_module per session.
add_test(NAME hosts.restart_module COMMAND restart_host ${HLFFI_HL_DIR}/api_restart.hl module)
set_tests_properties(hosts.restart_module PROPERTIES LABELS "hosts" TIMEOUT 60)
# 100 sessions of every restart mode under valgrind: no byte definitely or indirectly lost, no
# memory error (scripts/valgrind-restarts.sh). Only where valgrind is installed, and never on a
# sanitizer build (valgrind cannot run ASan or TSan code).
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT HLFFI_SANITIZE AND NOT HLFFI_TSAN)
  add_test(NAME hosts.valgrind_restarts
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/valgrind-restarts.sh ${CMAKE_BINARY_DIR} 100)
  set_tests_properties(hosts.valgrind_restarts PROPERTIES LABELS "valgrind;hosts" TIMEOUT 600)
endif()
