# Compiles every Haxe program the tests use into ${HLFFI_HL_DIR}/<name>.hl at build time:
#   ../shared/conformance/NN_x/Main.hx -> NN_x.hl
#   ../shared/bench/x/Main.hx          -> bench_x.hl
#   tests/haxe/<name>/Main.hx          -> <name>.hl
# Each is compiled from inside its folder, as the conformance runner does (trace positions).
find_program(HAXE haxe REQUIRED)
set(HLFFI_HL_DIR ${CMAKE_BINARY_DIR}/hl)
file(MAKE_DIRECTORY ${HLFFI_HL_DIR})

set(hl_outputs)
function(hlffi_haxe_program dir out_name)
  file(GLOB hx_sources CONFIGURE_DEPENDS ${dir}/*.hx)
  set(out ${HLFFI_HL_DIR}/${out_name}.hl)
  add_custom_command(OUTPUT ${out}
    COMMAND ${HAXE} -hl ${out} -main Main
    WORKING_DIRECTORY ${dir}
    DEPENDS ${hx_sources}
    COMMENT "haxe ${out_name}" VERBATIM)
  set(hl_outputs ${hl_outputs} ${out} PARENT_SCOPE)
endfunction()

file(GLOB conformance_dirs LIST_DIRECTORIES true ${HLFFI_SHARED_DIR}/conformance/*)
foreach(d ${conformance_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} ${n})
  endif()
endforeach()
file(GLOB bench_dirs LIST_DIRECTORIES true ${HLFFI_SHARED_DIR}/bench/*)
foreach(d ${bench_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} bench_${n})
  endif()
endforeach()
file(GLOB own_dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/haxe/*)
foreach(d ${own_dirs})
  if(EXISTS ${d}/Main.hx)
    get_filename_component(n ${d} NAME)
    hlffi_haxe_program(${d} ${n})
  endif()
endforeach()
add_custom_target(haxe_programs ALL DEPENDS ${hl_outputs})
set(HLFFI_HL_DIR ${HLFFI_HL_DIR} PARENT_SCOPE)
