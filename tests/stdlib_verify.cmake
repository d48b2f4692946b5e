# The verifier must accept everything Haxe 4.2.5 emits: the whole standard library (tests/stdlib/
# stdlib.hxml) is compiled at build time with Debian's haxe in several variants, and each test
# `stdlib_verify.<variant>` (label stdlib_verify) runs `hlffi verify` on one. The programs go to
# their own folder, not HLFFI_HL_DIR, whose every file the mutation suite mutates.
set(stdlib_src ${CMAKE_CURRENT_LIST_DIR}/stdlib)
set(stdlib_out ${CMAKE_BINARY_DIR}/stdlib_hl)
file(MAKE_DIRECTORY ${stdlib_out})
# Variant name -> haxe flags (a CMake list each).
set(stdlib_flags_plain "")
set(stdlib_flags_debug --debug)
set(stdlib_flags_check -D hl-check)
set(stdlib_flags_debug_check --debug -D hl-check)
set(stdlib_flags_optimized -D analyzer-optimize -D analyzer-user-var-fusion)
set(stdlib_outputs)
foreach(name plain debug check debug_check optimized)
  set(parts ${stdlib_flags_${name}})
  set(out ${stdlib_out}/stdlib_${name}.hl)
  add_custom_command(OUTPUT ${out}
    COMMAND ${HAXE} stdlib.hxml -hl ${out} ${parts}
    WORKING_DIRECTORY ${stdlib_src}
    DEPENDS ${stdlib_src}/stdlib.hxml
    COMMENT "haxe stdlib (${name})" VERBATIM)
  list(APPEND stdlib_outputs ${out})
  add_test(NAME stdlib_verify.${name} COMMAND $<TARGET_FILE:hlffi_cli> verify ${out})
  set_tests_properties(stdlib_verify.${name} PROPERTIES LABELS stdlib_verify)
endforeach()
add_custom_target(stdlib_programs ALL DEPENDS ${stdlib_outputs})
