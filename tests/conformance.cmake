# The conformance suite (tests/conformance/programs) as CTest tests (label `conformance`), compared
# against the committed list of known failures. A GC-stress run (collect at every allocation) has label `gc_stress`.
set(conf_check ${CMAKE_CURRENT_SOURCE_DIR}/conformance/check.sh)
set(conf_known ${CMAKE_CURRENT_SOURCE_DIR}/conformance/known-failures.txt)
add_test(NAME conformance.all
  COMMAND sh ${conf_check} $<TARGET_FILE:hlffi_cli> ${HLFFI_CONFORMANCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/conformance ${conf_known})
set_tests_properties(conformance.all PROPERTIES LABELS conformance TIMEOUT 900)
add_test(NAME conformance.gc_stress
  COMMAND sh ${conf_check} $<TARGET_FILE:hlffi_cli> ${HLFFI_CONFORMANCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/conformance_stress
    ${CMAKE_CURRENT_SOURCE_DIR}/conformance/known-failures-gc-stress.txt)
set_tests_properties(conformance.gc_stress PROPERTIES LABELS gc_stress TIMEOUT 1800 ENVIRONMENT "HLFFI_GC_STRESS=1;CONF_TIMEOUT=60")
