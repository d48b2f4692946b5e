# Compiles every Haxe program the tests use into ${HLFFI_HL_DIR}/<name>.hl at build time:
#   tests/conformance/programs/NN_x/Main.hx -> NN_x.hl
#   bench/programs/x/Main.hx                -> bench_x.hl
#   tests/haxe/<name>/Main.hx               -> <name>.hl
# Each is compiled from inside its folder, as the conformance runner does (trace positions).
# HLFFI_CONFORMANCE_DIR and HLFFI_BENCH_DIR name the two corpora for the other test files.
find_program(HAXE haxe REQUIRED)
set(HLFFI_CONFORMANCE_DIR ${CMAKE_CURRENT_LIST_DIR}/conformance/programs)
set(HLFFI_BENCH_DIR ${PROJECT_SOURCE_DIR}/bench/programs)
set(HLFFI_HL_DIR ${CMAKE_BINARY_DIR}/hl)
file(MAKE_DIRECTORY ${HLFFI_HL_DIR})

set(hl_outputs)
function(hlffi_haxe_program dir out_name)
  # Recursive: a program may have packages in subfolders (tests/haxe/api/reflect/game/*.hx).
  file(GLOB_RECURSE hx_sources CONFIGURE_DEPENDS ${dir}/*.hx)
  set(out ${HLFFI_HL_DIR}/${out_name}.hl)
  add_custom_command(OUTPUT ${out}
    COMMAND ${HAXE} -hl ${out} -main Main
    WORKING_DIRECTORY ${dir}
    DEPENDS ${hx_sources}
    COMMENT "haxe ${out_name}" VERBATIM)
  set(hl_outputs ${hl_outputs} ${out} PARENT_SCOPE)
endfunction()

file(GLOB conformance_dirs LIST_DIRECTORIES true ${HLFFI_CONFORMANCE_DIR}/*)
foreach(d ${conformance_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} ${n})
  endif()
endforeach()
file(GLOB bench_dirs LIST_DIRECTORIES true ${HLFFI_BENCH_DIR}/*)
foreach(d ${bench_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} bench_${n})
  endif()
endforeach()
# A checkout without the corpora would build tests that run on nothing: stop here instead.
if(NOT EXISTS ${HLFFI_CONFORMANCE_DIR}/01_int_arith/Main.hx OR NOT EXISTS ${HLFFI_BENCH_DIR}/startup/Main.hx)
  message(FATAL_ERROR "the test corpora are missing: expected ${HLFFI_CONFORMANCE_DIR}/NN_x/Main.hx and ${HLFFI_BENCH_DIR}/x/Main.hx")
endif()
file(GLOB own_dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/haxe/*)
foreach(d ${own_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} ${n})
  endif()
endforeach()
# Programs of the API tests: tests/haxe/api/<name>/Main.hx -> api_<name>.hl (not golden).
file(GLOB api_dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/haxe/api/*)
foreach(d ${api_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} api_${n})
  endif()
endforeach()
add_custom_target(haxe_programs ALL DEPENDS ${hl_outputs})
set(HLFFI_HL_DIR ${HLFFI_HL_DIR} PARENT_SCOPE)
