# Golden tests of our own Haxe programs (tests/haxe/<name>/Main.hx, compiled by haxe_programs.cmake
# into ${HLFFI_HL_DIR}/<name>.hl): one CTest test per program, label `golden`, each compared with the
# reference HashLink's expected.stdout/.stderr/.exit and with tests/haxe/known-failures.txt.
set(golden_runner ${CMAKE_CURRENT_LIST_DIR}/haxe/run_golden.sh)
file(GLOB golden_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/haxe/*)
foreach(d ${golden_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    add_test(NAME golden.${n}
      COMMAND sh ${golden_runner} $<TARGET_FILE:hlffi_cli> ${HLFFI_HL_DIR}
        ${CMAKE_CURRENT_BINARY_DIR}/golden ${n})
    set_tests_properties(golden.${n} PROPERTIES LABELS golden TIMEOUT 60)
  endif()
endforeach()
